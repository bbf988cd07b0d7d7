#!/usr/bin/env bash
# Feedback on the help across restarts (issue 17): flows/feedback_mouse.json (a profile, two
# feedbacks, the second with the wish to change therapist) runs with a data folder that a
# second run opens again: the reopened app finds both in the chart and the list, and the wish
# as saved but not sent. Then every step of «Problemløsning» is marked done in the journal
# (trinnctl journal append, as the app would), and a third run finds the finished module's
# offer of feedback, gives it, and the journal holds it as feedback after that module. A guest
# is told that feedback needs a profile and is offered no form.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
trinn() { # script data-dir [options]
    local s=$1 d=$2
    shift 2
    SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$s" --data-dir "$d" --kdf-cost test "$@" \
        >/dev/null
}
fail=0
trinn "$here/flows/feedback_mouse.json" "$work/d1" --lang nb || { echo "the first run failed" >&2; exit 1; }
cat >reopen.json <<'JSON'
[
  {"tap": "welcome.start"},
  {"tap": "profile.open.0"},
  {"tap": "profile.pass"},
  {"text": "grønn sykkel under brua"},
  {"tap": "profile.unlock"},
  {"wait_for": "fb.history", "timeout_ms": 30000},
  {"expect": "Velkommen tilbake, Kari"},
  {"tap": "fb.history"},
  {"expect": "fb.chart"},
  {"expect": "Hørt: Mye; Det som er viktig: Noe; Måten å jobbe på: Lite. «Litt for raskt»"},
  {"expect": "etter en samtale: Hørt: Ja, helt"},
  {"expect": "Ønsket er lagret i profilen din, men Trinn kan ikke sende det."},
  {"expect": "Trinn er ikke koblet til et team"},
  {"expect_absent": "fb.entry.2"},
  {"quit": true}
]
JSON
trinn reopen.json "$work/d1" --lang nb || { echo "the reopened feedback is not as saved" >&2; fail=1; }

# the finished module: every step of problem_solving done, as the app records it
T=$TRINN_BIN/trinnctl
printf 'grønn sykkel under brua\n' >pw
J=$(find "$work/d1" -name '*.trinn' | head -n1)
[ -n "$J" ] || { echo "no journal in $work/d1" >&2; exit 1; }
for step in $(python3 -c 'import json,sys; print(" ".join(s["id"] for s in json.load(open(sys.argv[1]))["steps"]))' \
    "$TRINN_SOURCE_DIR/content/modules/problem_solving.json"); do
    echo "{\"type\":\"module_progress\",\"ts\":\"2026-12-05T10:00:00Z\",\"module\":\"problem_solving\",\"step\":\"$step\",\"status\":\"done\"}" |
        "$T" journal append "$J" --passphrase-file pw >/dev/null
done
cat >module.json <<'JSON'
[
  {"tap": "welcome.start"},
  {"tap": "profile.open.0"},
  {"tap": "profile.pass"},
  {"text": "grønn sykkel under brua"},
  {"tap": "profile.unlock"},
  {"wait_for": "selfhelp.open", "timeout_ms": 30000},
  {"tap": "selfhelp.open"},
  {"tap": "modules.open.problem_solving"},
  {"expect": "Modulen er fullført"},
  {"check_layout": true},
  {"tap": "fb.offer.give"},
  {"expect": "Etter modulen «"},
  {"tap": "fb.q.approach.4"},
  {"tap": "fb.save"},
  {"expect": "Takk! Tilbakemeldingen er lagret."},
  {"tap": "fb.back"},
  {"expect": "fb.offer"},
  {"quit": true}
]
JSON
trinn module.json "$work/d1" --lang nb || { echo "a finished module did not offer feedback" >&2; fail=1; }
"$T" journal list "$J" --passphrase-file pw --type feedback >list.json
python3 - list.json <<'PY' || { echo "the feedback after the module was not kept: $(cat list.json)" >&2; fail=1; }
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
recs = [r.get("record", r) for r in recs]
mods = [r for r in recs if r.get("after") == "module"]
assert len(recs) == 3 and len(mods) == 1, recs
assert mods[0]["module"] == "problem_solving" and mods[0]["ratings"] == {"approach": 4}, mods
assert sum(1 for r in recs if r.get("change_therapist") is True) == 1, recs
PY

cat >guest.json <<'JSON'
[
  {"tap": "welcome.start"},
  {"tap": "profile.guest"},
  {"tap": "question.back"},
  {"expect": "Nå bruker du Trinn uten å lagre, så det er ikke tilgjengelig"},
  {"expect_absent": "fb.give"},
  {"quit": true}
]
JSON
trinn guest.json "$work/d2" --lang nb || { echo "a guest was not told that feedback needs a profile" >&2; fail=1; }
exit $fail
