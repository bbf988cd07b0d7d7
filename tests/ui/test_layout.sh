#!/usr/bin/env bash
# Walks every screen in every language at 800x480, 1280x800, 1920x1080 and 1080x1920 (and
# in the large-text and high-contrast themes at laptop sizes) and fails where text overflows
# its box, interactive widgets overlap or anything lies outside the window: the check_layout
# step after every step of the start, calm and risk flows, plus the crisis view and settings.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=layout_walk.sh
. "$here/layout_walk.sh"
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
    layout_checked "$here/flow_calm_$lang.json" "calm-$lang.json"
    layout_checked_lang "$here/flows/risk.json" "risk-$lang.json" "$lang"
    for walk in chrome calm risk; do
        for size in 800x480 1280x800 1920x1080 1080x1920; do
            layout_run "$walk-$lang.json" "$size" standard "$walk, $lang"
        done
        layout_run "$walk-$lang.json" 800x480 large "$walk, $lang"
        layout_run "$walk-$lang.json" 1280x800 large "$walk, $lang"
        layout_run "$walk-$lang.json" 1280x800 contrast "$walk, $lang"
        # the text sizes of issue 12 item 12, with reflow and scrolling even at 800x480
        layout_run_text "$walk-$lang.json" 800x480 standard 1.5 "$walk, $lang"
        layout_run_text "$walk-$lang.json" 800x480 standard 2 "$walk, $lang"
        layout_run_text "$walk-$lang.json" 800x480 contrast 2 "$walk, $lang"
        layout_run_text "$walk-$lang.json" 1080x1920 contrast 2 "$walk, $lang"
    done
done
exit $fail
