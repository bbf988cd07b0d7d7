#!/usr/bin/env bash
# Changing the passphrase and deleting a profile, in nb, nn and en (tests/ui/manage/manage_*.json,
# with --kdf-cost test): a change refuses a wrong current passphrase, the same one and a weak one,
# then works by keyboard alone; the profile stays unlocked; after locking, the old passphrase is
# refused and the new one opens. Deleting needs the passphrase (a wrong one is refused), then
# the profile is gone from the list. Here, after each run: its journal and its label are gone
# from the whole data folder, the other profile's are not. Also: three wrong current passphrases give
# the lock-out wait, the profile stays open, and the wait shows again on coming back, and on
# the profile's unlock and delete views after locking (a delete is not tried meanwhile); the
# journal file is still there. And a change holds across a restart.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0
trinn() { # script data-dir
    SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$1" --data-dir "$2" --kdf-cost test \
        >/dev/null
}
for lang in nb nn en; do
    data="$work/$lang"
    if ! trinn "$here/manage/manage_$lang.json" "$data"; then
        echo "manage flow failed: $lang" >&2
        fail=1
        continue
    fi
    dir="$data/profiles"
    # one journal left (Ola's), the index lists Ola and nothing of Kari is anywhere
    n=$(find "$dir" -name '*.trinn' | wc -l)
    if [ "$n" -ne 1 ]; then
        echo "$lang: $n journals after deleting one of two" >&2
        fail=1
    fi
    if grep -rq 'Kari' "$data" || ! grep -q '"Ola"' "$dir/index.json"; then
        echo "$lang: a trace of the deleted profile, or Ola's label missing:" >&2
        grep -rl 'Kari' "$data" >&2 || cat "$dir/index.json" >&2
        fail=1
    fi
    left=$(find "$data" -type f ! -name settings.json ! -name index.json ! -name '*.trinn')
    if [ -n "$left" ]; then
        echo "$lang: files left behind: $left" >&2
        fail=1
    fi
done

pass="grønn sykkel under brua"
new="blå båt på fjorden i kveld"
cat >lockout.json <<JSON
[
  {"key": "1"},
  {"click": "language.continue"},
  {"click": "selfhelp.open"},
  {"click": "profile.new"},
  {"text": "Kari"},
  {"click": "profile.pass"},
  {"text": "$pass"},
  {"click": "profile.pass2"},
  {"text": "$pass"},
  {"click": "profile.create"},
  {"wait_for": "modules.open.thought_record", "timeout_ms": 30000},
  {"click": "modules.back"},
  {"click": "profile.passwd_open"},
  {"text": "feil en"},
  {"click": "profile.pass"},
  {"text": "$new"},
  {"click": "profile.pass2"},
  {"text": "$new"},
  {"key": "Return"},
  {"wait_for": "Passordfrasen du har nå, stemmer ikke. Sjekk", "timeout_ms": 30000},
  {"click": "profile.cur"},
  {"text": "feil to"},
  {"click": "profile.pass"},
  {"text": "$new"},
  {"click": "profile.pass2"},
  {"text": "$new"},
  {"key": "Return"},
  {"wait_for": "Passordfrasen du har nå, stemmer ikke. Sjekk", "timeout_ms": 30000},
  {"click": "profile.cur"},
  {"text": "feil tre"},
  {"click": "profile.pass"},
  {"text": "$new"},
  {"click": "profile.pass2"},
  {"text": "$new"},
  {"key": "Return"},
  {"wait_for": "For å beskytte dagboken din må du vente", "timeout_ms": 30000},
  {"expect": "Ingenting er endret"},
  {"expect": "profile.wait"},
  {"click": "profile.back"},
  {"expect": "Profil: Kari"},
  {"click": "profile.passwd_open"},
  {"expect": "Det har vært flere forsøk med feil passordfrase"},
  {"expect": "profile.wait"},
  {"click": "profile.back"},
  {"click": "profile.lock"},
  {"click": "selfhelp.open"},
  {"click": "profile.open.0"},
  {"expect": "Det har vært flere forsøk med feil passordfrase"},
  {"tap": "profile.delete_open"},
  {"expect": "profile.delete.title"},
  {"expect": "Det har vært flere forsøk med feil passordfrase"},
  {"expect": "profile.wait"},
  {"text": "$pass"},
  {"click": "profile.delete"},
  {"expect_absent": "profile.busy"},
  {"expect": "profile.delete.title"},
  {"click": "profile.back"},
  {"expect": "profile.unlock.title"},
  {"expect": "Det har vært flere forsøk med feil passordfrase"},
  {"quit": true}
]
JSON
if ! trinn lockout.json "$work/lockout"; then
    echo "lock-out on a passphrase change failed" >&2
    fail=1
elif ! ls "$work"/lockout/profiles/*.trinn >/dev/null 2>&1; then
    echo "a delete went ahead during the lock-out wait" >&2
    fail=1
fi
# Across a restart: a passphrase changed in one run is the one the next run needs.
cat >change.json <<JSON
[
  {"key": "3"},
  {"click": "language.continue"},
  {"click": "track.progress"},
  {"click": "profile.new"},
  {"text": "Kari"},
  {"click": "profile.pass"},
  {"text": "$pass"},
  {"click": "profile.pass2"},
  {"text": "$pass"},
  {"click": "profile.create"},
  {"wait_for": "progress.back", "timeout_ms": 30000},
  {"click": "progress.back"},
  {"click": "profile.passwd_open"},
  {"text": "$pass"},
  {"click": "profile.pass"},
  {"text": "$new"},
  {"click": "profile.pass2"},
  {"text": "$new"},
  {"click": "profile.change"},
  {"wait_for": "Passphrase changed", "timeout_ms": 30000},
  {"quit": true}
]
JSON
cat >reopen.json <<JSON
[
  {"click": "track.progress"},
  {"click": "profile.open.0"},
  {"text": "$pass"},
  {"key": "Return"},
  {"wait_for": "The passphrase does not match", "timeout_ms": 30000},
  {"expect_focus": "profile.problem.link.0"},
  {"key": "Return"},
  {"text": "$new"},
  {"key": "Return"},
  {"wait_for": "progress.back", "timeout_ms": 30000},
  {"quit": true}
]
JSON
if ! trinn change.json "$work/restart" || ! trinn reopen.json "$work/restart"; then
    echo "a changed passphrase did not hold across a restart" >&2
    fail=1
fi
exit $fail
