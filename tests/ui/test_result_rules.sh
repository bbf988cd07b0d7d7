#!/usr/bin/env bash
# A broken triage rule file does not crash the result: the calm walk in English reaches the
# result, the error dialog names the file and the problem (an unknown level), the scores still
# show, and there is no level to save.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$TRINN_CONTENT" "$work/content"
sed -i 's/"id": "youth", "level": "refer"/"id": "youth", "level": "refferal"/' \
    "$work/content/triage/rules.json"
grep -q '"level": "refferal"' "$work/content/triage/rules.json"
# the calm flow up to its result, then what the dialog says
python3 - "$here/flow_calm_en.json" "$work/flow.json" <<'PY'
import json, sys
steps = json.load(open(sys.argv[1]))
end = next(i for i, s in enumerate(steps) if s.get("expect") == "Your result")
steps = steps[:end] + [
    {"expect": "error.message"},
    {"expect": "rules.json"},
    {"expect": "refferal"},
    {"click": "error.close"},
    {"expect": "result.score.phq9"},
    {"expect_absent": "result.save"},
    {"expect_absent": "result.level"},
    {"click": "result.done"},
    {"expect": "Get started"},
    {"quit": True},
]
json.dump(steps, open(sys.argv[2], "w"), indent=1)
PY
cd "$work"
SDL_VIDEODRIVER=dummy TRINN_CONTENT="$work/content" "$TRINN_BIN/trinn" --script flow.json \
    --data-dir "$work/data"
