#!/usr/bin/env bash
# The medication log across restarts (issue 17): flow_meds_nb.json (a profile, a medicine, a
# change, a side-effect check, the wish for help without medication) runs with a data folder
# that a second run opens again: the second run unlocks the profile and must find every entry
# in the log, the newest dose, the check and the wish. A guest is told that the log needs a
# profile and is offered no way to open it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
trinn() { # script data-dir
    SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$1" --data-dir "$2" --kdf-cost test \
        >/dev/null
}
cat >reopen.json <<'JSON'
[
  {"tap": "welcome.start"},
  {"tap": "profile.open.0"},
  {"tap": "profile.pass"},
  {"text": "grønn sykkel under brua"},
  {"tap": "profile.unlock"},
  {"wait_for": "meds.open", "timeout_ms": 30000},
  {"expect": "Velkommen tilbake, Kari"},
  {"tap": "meds.open"},
  {"expect": "Sertralin"},
  {"expect": "Dose: 100 mg"},
  {"expect": "Siden: mars 2026"},
  {"expect": "Skrevet ut av: fastlegen"},
  {"expect": "1. desember: Dose: 100 mg. Økt etter avtale med legen"},
  {"expect": "Kvalme: Litt"},
  {"expect": "Svimmelhet: Alvorlig"},
  {"expect": "Notat: Svimmel om morgenen"},
  {"expect_selected": "meds.wish.without"},
  {"expect_absent": "meds.item.1"},
  {"quit": true}
]
JSON
cat >guest.json <<'JSON'
[
  {"tap": "language.nb"},
  {"tap": "language.continue"},
  {"tap": "welcome.start"},
  {"tap": "profile.guest"},
  {"tap": "question.back"},
  {"expect": "Nå bruker du Trinn uten å lagre, så denne listen er ikke tilgjengelig"},
  {"expect_absent": "meds.open"},
  {"quit": true}
]
JSON
fail=0
trinn "$here/flow_meds_nb.json" "$work/d1" || { echo "the first run failed" >&2; fail=1; }
[ $fail = 0 ] && { trinn reopen.json "$work/d1" || { echo "the reopened log is not as saved" >&2; fail=1; }; }
trinn guest.json "$work/d2" || { echo "a guest was not told that the log needs a profile" >&2; fail=1; }
exit $fail
