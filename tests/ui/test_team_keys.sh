#!/usr/bin/env bash
# The team's keys in the app (issue 14, «The therapist»; core/EXCHANGE.md §8), in nb by mouse
# (1920x1080), nn by touch (1366x768) and en by keyboard (1080x1920), the layout checked on each
# screen. trinnctl prepares three therapist profiles: Kari (the team's first), Per (a team of his
# own, unused, as the app makes profiles) and Eva (made to join), a report Kari opened (for the log), a damaged enrolment for Per and a file that is no
# member card. Then the app: Per saves his member card; Kari is refused the file that is no card,
# enrols Per after comparing his fingerprint; Per is refused the damaged enrolment (altered), then
# joins after comparing the team's fingerprint; Kari rotates the key; Per takes the new key
# without a check; Kari removes Per (the key rotates again), is refused a weak recovery
# passphrase and two that differ, and makes a backup; Eva restores the key from it; Kari's log lists the opened
# report and the changes and is exported. trinnctl then checks what the files and journals hold.
set -euo pipefail
T=${TRINN_BIN:?}/trinnctl
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
json() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))$2)" "$1"; }
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
pass="fjell kaffe trikk solsikke"
printf '%s\n' "$pass" >F
printf 'blåbær sykkel regnjakke tulipan\n' >F2
D=$work/team
"$T" --data-dir "$D" profile create --kind therapist --name Kari --label Kari --passphrase-file F \
    --service "RPH Bydel Nord" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null
# Per made his profile as the app makes them (a team of his own, unused); Eva chose to join
"$T" --data-dir "$D" profile create --kind therapist --name Per --label Per --passphrase-file F \
    --service "Pers eget" "${cheap[@]}" >/dev/null
"$T" --data-dir "$D" profile create --kind therapist --join --name Eva --label Eva --passphrase-file F \
    "${cheap[@]}" >/dev/null
"$T" --data-dir "$D" team card --profile Kari --passphrase-file F --out CARD.json >/dev/null
fpr=$(json CARD.json '["fingerprint"]')
# a report Kari opened, for the log
"$T" --data-dir "$D" assign --profile Kari --passphrase-file F --client klient-7 \
    --modules activity --measures phq9:weekly --expires 2099-12-31 --out X.trinn-oppdrag >/dev/null
"$T" --data-dir C profile create --kind client --name Ola --passphrase-file F2 "${cheap[@]}" >/dev/null
"$T" --data-dir C assignment import X.trinn-oppdrag --profile Ola --passphrase-file F2 \
    --trust "$fpr" >/dev/null
"$T" --data-dir C report create --profile Ola --passphrase-file F2 --to CARD.json \
    --out Y.trinn-rapport >/dev/null 2>&1
"$T" --data-dir "$D" report open Y.trinn-rapport --profile Kari --passphrase-file F >/dev/null
# another team (Lise's) enrols Per: one bit of that file changed
"$T" --data-dir L profile create --kind therapist --name Lise --passphrase-file F "${cheap[@]}" >/dev/null
"$T" --data-dir "$D" team member --profile Per --passphrase-file F --out PER.json >/dev/null 2>&1
"$T" --data-dir L team enrol --profile Lise --passphrase-file F --member PER.json \
    --trust "$(json PER.json '["fingerprint"]')" --out L.trinn-enrol >/dev/null 2>&1
mkdir -p inbox
python3 -c 'import sys; b=bytearray(open("L.trinn-enrol","rb").read()); b[-40]^=1; open("inbox/skadet.trinn-enrol","wb").write(b)'
echo '{"not": "a member card"}' >inbox/notes.json

python3 - "$TRINN_SOURCE_DIR/content/i18n" >texts.tsv <<'PY'
import json, sys
for lang in ("nb", "nn", "en"):
    for f in ("team_keys.json",):
        for k, v in json.load(open(f"{sys.argv[1]}/{lang}/{f}", encoding="utf-8")).items():
            print(f"{lang}\t{k}\t{v}")
PY
say() { # lang key: the text up to its first placeholder
    local text
    text=$(awk -F'\t' -v l="$1" -v k="$2" '$1 == l && $2 == k { print $3 }' texts.tsv)
    [ -n "$text" ] || fail "no text $1 $2 in the catalog"
    printf '%s' "${text%%\{*}"
}
act() { # mode id
    case $1 in
    mouse) printf '{"click": "%s"},' "$2" ;;
    touch) printf '{"tap": "%s"},' "$2" ;;
    keys) printf '{"tab_to": "%s"}, {"key": "Return"},' "$2" ;;
    esac
}
field() { # mode id text (the keyboard only moves there: Return would submit)
    case $1 in
    keys) printf '{"tab_to": "%s"},' "$2" ;;
    *) act "$1" "$2" ;;
    esac
    printf '{"text": "%s"},' "$3"
}
unlock() { # mode index: opens profile number index from the welcome screen
    act "$1" welcome.start
    act "$1" "profile.open.$2"
    printf '{"text": "%s"},' "$pass"
    act "$1" profile.unlock
    printf '{"wait_for": "team.keys", "timeout_ms": 30000},'
}
lock() { act "$1" chrome.lock; }
shot() { [ -z "${SHOTS:-}" ] || printf '{"screenshot": "%s/%s-%s.bmp"},' "$SHOTS" "$1" "$2"; }

flow() { # lang mode
    local l=$1 m=$2
    printf '['
    # Per: his member card
    unlock "$m" 1
    act "$m" team.keys
    printf '{"expect": "%s"},' "$(say "$l" keys.unused_note)"
    shot "$l" keys-unused
    act "$m" keys.join
    act "$m" keys.mycard.write
    printf '{"expect": "%s"}, {"check_layout": true},' "$(say "$l" keys.mycard_written)"
    shot "$l" join
    act "$m" keys.join.back
    act "$m" keys.back
    lock "$m"
    # Kari: the file that is no card, then Per's card after comparing his fingerprint
    unlock "$m" 0
    act "$m" team.keys
    act "$m" keys.enrol
    printf '{"expect": "keys.card.1"},'
    act "$m" keys.card.1
    printf '{"expect": "%s"},' "$(say "$l" keys.why.malformed)"
    act "$m" keys.card.0
    printf '{"expect": "%s"}, {"expect": "%s"}, {"check_layout": true},' "$perfpr" "Per"
    shot "$l" enrol-compare
    act "$m" keys.enrol.confirm
    printf '{"expect": "%s"},' "$(say "$l" keys.enrolled)"
    shot "$l" enrolled
    act "$m" keys.enrol.back
    printf '{"expect": "keys.remove.1"}, {"check_layout": true},'
    shot "$l" keys
    act "$m" keys.back
    lock "$m"
    # Per: the damaged enrolment refused, then Kari's after comparing the team's fingerprint
    unlock "$m" 1
    act "$m" team.keys
    act "$m" keys.join
    act "$m" keys.enrolment.1
    printf '{"expect": "%s"},' "$(say "$l" keys.why.altered)"
    act "$m" keys.enrolment.0
    printf '{"expect": "%s"}, {"expect": "%s"}, {"check_layout": true},' "$fpr" "$(say "$l" keys.join_replaces)"
    shot "$l" join-compare
    act "$m" keys.join.confirm
    printf '{"expect": "%s"},' "$(say "$l" keys.joined)"
    act "$m" keys.join.back
    act "$m" keys.back
    lock "$m"
    # Kari rotates the key
    unlock "$m" 0
    act "$m" team.keys
    act "$m" keys.rotate
    printf '{"expect": "%s"},' "$(say "$l" keys.rotate_ask)"
    act "$m" keys.confirm.yes
    printf '{"expect": "%s"},' "$(say "$l" keys.rotated)"
    shot "$l" rotated
    act "$m" keys.back
    lock "$m"
    # Per takes the new key without a check
    unlock "$m" 1
    act "$m" team.keys
    act "$m" keys.join
    act "$m" keys.enrolment.0
    printf '{"expect": "%s"},' "$(say "$l" keys.joined_rotated)"
    act "$m" keys.join.back
    act "$m" keys.back
    lock "$m"
    # Kari removes Per, then a backup (a weak passphrase refused first)
    unlock "$m" 0
    act "$m" team.keys
    act "$m" keys.remove.1
    printf '{"expect": "%s"},' "$(say "$l" keys.remove_ask)"
    shot "$l" remove-ask
    act "$m" keys.confirm.yes
    printf '{"expect": "%s"}, {"expect_absent": "keys.remove.1"},' "$(say "$l" keys.removed_alone)"
    act "$m" keys.backup
    field "$m" keys.pass "passord123"
    field "$m" keys.pass2 "passord123"
    act "$m" keys.backup.make
    printf '{"expect": "%s"},' "$(say "$l" keys.pass_weak)"
    field "$m" keys.pass "$recovery"
    field "$m" keys.pass2 "$recovery 2"
    act "$m" keys.backup.make
    printf '{"expect": "%s"},' "$(say "$l" keys.pass_differ)"
    field "$m" keys.pass "$recovery"
    field "$m" keys.pass2 "$recovery"
    act "$m" keys.backup.make
    printf '{"expect": "%s"}, {"check_layout": true},' "$(say "$l" keys.backup_written)"
    shot "$l" backup
    act "$m" keys.backup.back
    # the log, exported
    act "$m" keys.log
    printf '{"expect": "keys.log.0"}, {"expect": "klient-7"}, {"check_layout": true},'
    shot "$l" log
    act "$m" keys.log.export
    printf '{"expect": "%s"},' "$(say "$l" keys.log_written)"
    act "$m" keys.log.back
    act "$m" keys.back
    lock "$m"
    # Eva restores the key from the backup (a wrong passphrase refused first)
    unlock "$m" 2
    act "$m" team.keys
    printf '{"expect": "%s"},' "$(say "$l" keys.intro_none)"
    shot "$l" keys-none
    act "$m" keys.backup
    act "$m" keys.backupfile.0
    field "$m" keys.restore.pass "feil frase her nå"
    act "$m" keys.restore.make
    printf '{"expect": "%s"},' "$(say "$l" keys.err.restore)"
    field "$m" keys.restore.pass "$recovery"
    act "$m" keys.restore.make
    printf '{"expect": "%s"}, {"check_layout": true},' "$(say "$l" keys.restored)"
    shot "$l" restored
    printf '{"quit": true}]'
}
recovery="fjordlys tavle sukkerbit hammerhai vindauge"
perfpr=$(json PER.json '["fingerprint"]')

run() { # lang mode size
    local l=$1 dir=$work/run-$1
    rm -rf "$dir" "$work/in-$l"
    cp -r "$D" "$dir"
    cp -r inbox "$work/in-$l"
    flow "$l" "$2" | python3 -c 'import json,sys; json.dump(json.loads(sys.stdin.read().replace(",]", "]")), sys.stdout, ensure_ascii=False, indent=1)' >"$l.json"
    XDG_DOWNLOAD_DIR=$work/in-$l SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$l.json" \
        --data-dir "$dir" --lang "$l" --kdf-cost test --size "$3" >"$l.out" 2>&1 ||
        fail "$l: $(grep -v WARNING "$l.out" | tail -5)"
    # what the journals and files hold
    "$T" --data-dir "$dir" team card --profile Kari --passphrase-file F --out "k-$l.json" >/dev/null
    "$T" --data-dir "$dir" team card --profile Eva --passphrase-file F --out "e-$l.json" >/dev/null ||
        fail "$l: Eva holds no team key"
    [ "$(json "k-$l.json" '["fingerprint"]')" = "$(json "e-$l.json" '["fingerprint"]')" ] ||
        fail "$l: Eva restored another key than Kari's"
    [ "$(json "k-$l.json" '["fingerprint"]')" != "$fpr" ] || fail "$l: the key never rotated"
    [ "$(json "k-$l.json" '["members"].__len__()')" = 1 ] || fail "$l: Per is still on Kari's roster"
    "$T" --data-dir "$dir" team log --profile Kari --passphrase-file F --json >"log-$l.json"
    python3 - "log-$l.json" <<'PY' || fail "$l: Kari's log: $(cat "log-$l.json")"
import json, sys
ev = [e["event"] for e in json.load(open(sys.argv[1]))["log"]]
for want in ("team_created", "report_opened", "member_enrolled", "key_rotated", "member_removed"):
    assert want in ev, (want, ev)
PY
    "$T" --data-dir "$dir" team log --profile Per --passphrase-file F --json >"plog-$l.json"
    grep -q '"team_joined"' "plog-$l.json" || fail "$l: Per's log: $(cat "plog-$l.json")"
    ls "$work/in-$l"/trinn-logg-Kari-*.txt >/dev/null || fail "$l: no exported log"
    grep -q "klient-7" "$work/in-$l"/trinn-logg-Kari-*.txt || fail "$l: the exported log"
    ls "$work/in-$l"/trinn-teamnokkel-*.age >/dev/null || fail "$l: no backup"
    head -c 21 "$work/in-$l"/trinn-teamnokkel-*.age | grep -q "age-encryption.org/v1" ||
        fail "$l: the backup is no age file"
    if grep -q "$recovery" "$work/in-$l"/* 2>/dev/null; then fail "$l: the passphrase in a file"; fi
}
for r in ${ONLY:-nb:mouse:1920x1080 nn:touch:1366x768 en:keys:1080x1920}; do
    IFS=: read -r l m size <<<"$r"
    run "$l" "$m" "$size"
done
echo "ok: the team's keys in nb (mouse), nn (touch), en (keyboard)"
