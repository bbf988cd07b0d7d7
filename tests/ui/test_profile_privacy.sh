#!/usr/bin/env bash
# What anyone at the PC can see of a profile, and the files it leaves (issue 13 items 3, 4, 7):
# - under umask 000, a profile made in the app ("Kari Nordmann", label "Sol") leaves folders
#   0700 and files 0600 (settings.json, index.json, the journal), and the name is nowhere in the
#   data folder (file names or bytes); deleting it in the app leaves no trace of label or id;
# - an old data folder (names.json and <slug>.trinn, folders 0755) is migrated on the first
#   run: the list shows the old name as the label, the journal opens with its records, the
#   folders are 0700, and the slug file and names.json are gone;
# - that old profile's passphrase ("sommer") is under today's floor: right after unlocking the
#   client is asked to change it, and the new one (made by «Lag en passordfrase for meg») works.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
trinn() { # script data-dir
    SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$1" --data-dir "$2" --kdf-cost test \
        >/dev/null
}
pass="grønn sykkel under brua"
modes() { # dir: every folder 0700, every file 0600
    # (not under wine, which keeps no access lists: test_profile checks them on a real Windows)
    [ -z "${TRINN_EMULATOR:-}" ] || return 0
    local bad
    bad=$(find "$1" \( -type d ! -perm 0700 \) -o \( -type f ! -perm 0600 \))
    [ -z "$bad" ] || fail "wrong modes: $(stat -c '%a %n' $bad)"
}

cat >create.json <<JSON
[
  {"key": "1"},
  {"click": "language.continue"},
  {"click": "selfhelp.open"},
  {"click": "profile.new"},
  {"text": "Kari Nordmann"},
  {"click": "profile.symbol.heart"},
  {"click": "profile.colour.purple"},
  {"click": "profile.label"},
  {"text": "Sol"},
  {"expect": "Alle som bruker denne PC-en, kan lese merkelappen"},
  {"click": "profile.pass"},
  {"text": "$pass"},
  {"click": "profile.pass2"},
  {"text": "$pass"},
  {"click": "profile.create"},
  {"wait_for": "modules.open.thought_record", "timeout_ms": 30000},
  {"click": "modules.back"},
  {"expect": "Profil: Kari Nordmann"},
  {"click": "profile.lock"},
  {"click": "selfhelp.open"},
  {"expect": "Sol"},
  {"expect_absent": "Kari Nordmann"},
  {"quit": true}
]
JSON
(umask 000 && trinn create.json "$work/d1") || fail "create flow"
modes "$work/d1"
[ -f "$work/d1/settings.json" ] || fail "no settings.json"
if grep -rqa -e Kari -e Nordmann -e kari "$work/d1" ||
    find "$work/d1" | grep -qi -e kari -e nordmann; then
    fail "the name is readable in the data folder: $(grep -rla -e Kari -e Nordmann "$work/d1")"
fi
grep -q '"Sol"' "$work/d1/profiles/index.json" || fail "the label is not in the index"
id=$(basename "$(ls "$work"/d1/profiles/*.trinn)" .trinn)
[[ $id =~ ^[0-9a-f]{32}$ ]] || fail "the journal is not named by a random id: $id"

cat >delete.json <<JSON
[
  {"click": "selfhelp.open"},
  {"click": "profile.open.0"},
  {"click": "profile.delete_open"},
  {"click": "profile.pass"},
  {"text": "$pass"},
  {"click": "profile.delete"},
  {"wait_for": "profile.notice", "timeout_ms": 30000},
  {"expect_absent": "profile.open.0"},
  {"quit": true}
]
JSON
trinn delete.json "$work/d1" || fail "delete flow"
if grep -rqa -e Sol -e "$id" -e Kari "$work/d1" || find "$work/d1" | grep -q -e "$id"; then
    fail "a trace of the deleted profile is left"
fi

# An old folder, as earlier versions wrote it.
mkdir -m 0755 -p "$work/d2/profiles"
chmod 0755 "$work/d2"
printf 'sommer\n' >weak.txt
"$TRINN_BIN/trinnctl" journal create "$work/d2/profiles/kari-nordmann.trinn" \
    --passphrase-file weak.txt --kdf-ops 1 --kdf-mem-kib 8 >/dev/null 2>&1
echo '{"type":"checkin","ts":"2026-11-25T20:00:00Z","mood":7,"sleep_hours":7.5,"note":""}' |
    "$TRINN_BIN/trinnctl" journal append "$work/d2/profiles/kari-nordmann.trinn" \
        --passphrase-file weak.txt >/dev/null 2>&1 || fail "old journal"
printf '{"kari-nordmann": "Kari Nordmann"}\n' >"$work/d2/profiles/names.json"
printf '{"lang": "nb", "theme": "standard"}\n' >"$work/d2/settings.json"
cat >migrate.json <<JSON
[
  {"click": "track.progress"},
  {"expect": "profile.open.0"},
  {"expect": "Kari Nordmann"},
  {"click": "profile.open.0"},
  {"text": "sommer"},
  {"key": "Return"},
  {"wait_for": "profile.weak.title", "timeout_ms": 30000},
  {"expect": "Passordfrasen din er lettere å gjette enn Trinn nå godtar"},
  {"click": "profile.cur"},
  {"text": "sommer"},
  {"click": "profile.make"},
  {"expect": "profile.made"},
  {"expect": "Styrke: sterk."},
  {"click": "profile.change"},
  {"wait_for": "Passordfrasen er endret", "timeout_ms": 30000},
  {"click": "profile.done"},
  {"expect": "Profil: Kari Nordmann"},
  {"click": "track.progress"},
  {"expect": "chart.sleep_hours"},
  {"expect": "7,5"},
  {"quit": true}
]
JSON
trinn migrate.json "$work/d2" || fail "migration flow"
modes "$work/d2/profiles"
[ -n "${TRINN_EMULATOR:-}" ] || [ "$(stat -c %a "$work/d2")" = 700 ] ||
    fail "the data folder was not tightened"
[ ! -e "$work/d2/profiles/names.json" ] || fail "names.json is still there"
[ ! -e "$work/d2/profiles/kari-nordmann.trinn" ] || fail "the slug file is still there"
echo ok
