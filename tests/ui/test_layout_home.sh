#!/usr/bin/env bash
# Walks the returning client's home (issue 12 item 4) in nb, nn and en at 800x480, 1280x800,
# 1920x1080 and 1080x1920, and in the large-text and high-contrast themes: a profile is made,
# an assessment saved, the profile locked and unlocked, and then the home, the top bar with
# «Lås», the logo from an exercise and the question it asks before answers are lost are each
# checked with check_layout (text overflowing its box, interactive widgets overlapping or
# anything outside the window fails). SHOTS=DIR also saves each home as DIR/home-LANG-SIZE.bmp.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
LAYOUT_ARGS="--kdf-cost test"
# shellcheck source=layout_walk.sh
. "$here/layout_walk.sh"
pass="grønn sykkel under brua"
answers='{"click": "answer.3"}, {"click": "answer.1"}, {"click": "answer.0"}, {"click": "question.next"}'
for i in $(seq 20); do answers+=', {"click": "answer.0"}'; done
# no to the gateway questions (drugs, doping, gambling)
answers+=', {"click": "answer.1"}, {"click": "answer.1"}, {"click": "answer.1"}'
for lang in nb nn en; do
    LAYOUT_ARGS="--kdf-cost test --lang $lang"
    for run in 800x480:standard 1280x800:standard 1920x1080:standard 1080x1920:standard \
        800x480:large 1280x800:contrast; do
        size=${run%%:*} theme=${run##*:}
        shot='{"wait_ms": 1}'
        [ -n "${SHOTS:-}" ] && [ "$theme" = standard ] &&
            shot='{"screenshot": "'"$SHOTS/home-$lang-$size.bmp"'"}'
        cat >home.json <<JSON
[
  {"click": "welcome.start"}, {"click": "profile.new"}, {"text": "Kari"},
  {"click": "profile.pass"}, {"text": "$pass"},
  {"click": "profile.pass2"}, {"text": "$pass"},
  {"click": "profile.create"},
  {"wait_for": "question.text", "timeout_ms": 30000},
  $answers, {"click": "question.skip"}, {"click": "answer.1"},
  {"click": "result.save"},
  {"check_layout": true},
  {"click": "chrome.lock"},
  {"click": "welcome.start"}, {"click": "profile.open.0"},
  {"click": "profile.pass"}, {"text": "$pass"}, {"click": "profile.unlock"},
  {"wait_for": "home.title", "timeout_ms": 30000},
  {"check_layout": true}, $shot,
  {"click": "home.module.understanding"}, {"click": "module.continue"},
  {"check_layout": true},
  {"click": "chrome.name"}, {"expect": "home.title"},
  {"click": "home.reassess"}, {"click": "answer.3"},
  {"click": "chrome.name"}, {"expect": "confirm.yes"},
  {"check_layout": true},
  {"quit": true}
]
JSON
        layout_run home.json "$size" "$theme" "home $lang"
    done
done
exit $fail
