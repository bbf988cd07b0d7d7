#!/usr/bin/env bash
# Portrait uses the height (issue 12 item 13): at 1080x1920 the answers of a question share
# the room below it, so the last answer ends in the lower half of the screen (not half of it
# empty); in landscape (1280x800) the answers keep their usual height. In nb, nn and en, for a
# single-choice question with 7 answers and one with 5, and a multi-choice one with 8 boxes.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0
for lang in nb nn en; do
    for size in 1080x1920 1280x800; do
        cat >flow.json <<JSON
[
  {"click": "welcome.start"}, {"click": "profile.guest"},
  {"check_layout": true}, {"dump": "q1.json"}, {"tap": "answer.3"},
  {"check_layout": true}, {"dump": "q2.json"}, {"tap": "answer.1"},
  {"check_layout": true}, {"dump": "q3.json"}, {"quit": true}
]
JSON
        rm -rf data
        SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script flow.json --data-dir data \
            --lang "$lang" --size "$size" >/dev/null
        python3 - "$lang" "$size" <<'PY' || fail=1
import json, sys
lang, size = sys.argv[1], sys.argv[2]
w, h = map(int, size.split("x"))
for q in ("q1", "q2", "q3"):
    d = json.load(open(q + ".json"))
    ans = [x for x in d["widgets"] if x["id"].startswith("answer.")]
    bottom = max(a["rect"][1] + a["rect"][3] for a in ans)
    tallest = max(a["rect"][3] for a in ans)
    if h > w and bottom < h // 2:
        sys.exit(f"{lang} {size} {q}: the answers end at y {bottom}, in the top half of the screen")
    if w > h and tallest > 2 * 56:
        sys.exit(f"{lang} {size} {q}: an answer {tallest} px tall in landscape")
PY
    done
done
exit $fail
