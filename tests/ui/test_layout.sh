#!/usr/bin/env bash
# Walks every screen in every language at 800x480, 1280x800, 1920x1080 and 1080x1920 (and
# in the large-text and high-contrast themes at laptop sizes) and fails where text overflows
# its box, interactive widgets overlap or anything lies outside the window: the check_layout
# step after every step of the start, calm and risk flows, plus the crisis view and settings.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0
run() { # script size theme what
    rm -rf "$work/data"
    if ! SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$1" --size "$2" --theme "$3" \
        --data-dir "$work/data"; then
        echo "layout walk failed: $4, $2, theme $3" >&2
        fail=1
    fi
}
# A flow with check_layout after each step (flows keep one step per line).
checked() {
    sed -e 's/^\(  {.*}\),$/\1, {"check_layout": true},/' "$1" >"$2"
}
for lang in nb nn en; do
    case $lang in nb) digit=1 ;; nn) digit=2 ;; en) digit=3 ;; esac
    cat >"chrome-$lang.json" <<JSON
[
  {"key": "$digit"},
  {"check_layout": true},
  {"click": "language.continue"},
  {"check_layout": true},
  {"click": "chrome.help"},
  {"expect": "crisis.title"},
  {"check_layout": true},
  {"click": "crisis.back"},
  {"click": "chrome.settings"},
  {"expect": "settings.title"},
  {"check_layout": true},
  {"quit": true}
]
JSON
    checked "$here/flow_calm_$lang.json" "calm-$lang.json"
    checked "$here/flow_risk_$lang.json" "risk-$lang.json"
    for walk in chrome calm risk; do
        for size in 800x480 1280x800 1920x1080 1080x1920; do
            run "$walk-$lang.json" "$size" standard "$walk, $lang"
        done
        run "$walk-$lang.json" 800x480 large "$walk, $lang"
        run "$walk-$lang.json" 1280x800 large "$walk, $lang"
        run "$walk-$lang.json" 1280x800 contrast "$walk, $lang"
    done
done
exit $fail
