#!/usr/bin/env bash
# The client's own goals across restarts (issue 17): flows/goals_mouse.json (a profile, three
# goals, a new rating, one let go of, ratings at a check-in and after a measure) runs in
# bokmål with a data folder that a second run opens again: the second run unlocks the profile
# with the passphrase and must find every goal with its words, its newest rating, the goal let
# go of still listed, and the chart from the first rating to the newest. A guest is told that
# goals need a profile and is offered no way to open them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
trinn() { # script data-dir [options]
    local script=$1 dir=$2
    shift 2
    SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$script" --data-dir "$dir" --kdf-cost test \
        "$@" >/dev/null
}
cat >reopen.json <<'JSON'
[
  {"tap": "welcome.start"},
  {"tap": "profile.open.0"},
  {"tap": "profile.pass"},
  {"text": "grønn sykkel under brua"},
  {"tap": "profile.unlock"},
  {"wait_for": "goals.open", "timeout_ms": 30000},
  {"expect": "Velkommen tilbake, Kari"},
  {"expect": "Sove gjennom natten"},
  {"tap": "goals.open"},
  {"expect": "goals.item.goal1"},
  {"expect": "Sove gjennom natten"},
  {"expect": "Nå: 9 av 10"},
  {"expect": "Modul: Bedre søvn"},
  {"expect": "Gå tur hver dag"},
  {"expect": "Nå: 4 av 10"},
  {"expect_absent": "goals.item.goal2"},
  {"expect": "goals.closed.goal2"},
  {"expect": "Begynne i koret igjen"},
  {"expect": "Først 3, nå 9 av 10."},
  {"expect": "Først 5, nå 4 av 10."},
  {"expect_absent": "goals.item.goal4"},
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
  {"expect": "Du bruker Trinn uten å lagre nå, så målene er ikke tilgjengelige."},
  {"expect_absent": "goals.open"},
  {"quit": true}
]
JSON
fail=0
trinn "$here/flows/goals_mouse.json" "$work/d1" --lang nb || { echo "the first run failed" >&2; fail=1; }
[ $fail = 0 ] && { trinn reopen.json "$work/d1" --lang nb || { echo "the reopened goals are not as saved" >&2; fail=1; }; }
trinn guest.json "$work/d2" || { echo "a guest was not told that goals need a profile" >&2; fail=1; }
exit $fail
