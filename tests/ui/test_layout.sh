#!/usr/bin/env bash
# Walks every screen in every language at 800x480, 1280x800, 1920x1080 and 1080x1920 (and
# in the large-text theme at the two smallest sizes) and fails where text overflows its box,
# interactive widgets overlap or anything lies outside the window (the check_layout step).
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
walk() { # lang-digit size theme
    local digit=$1 size=$2 theme=$3
    cat >"$work/walk.json" <<JSON
[
  {"key": "$digit"},
  {"check_layout": true},
  {"click": "language.continue"},
  {"expect": "welcome.title"},
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
    rm -rf "$work/data"
    if ! SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$work/walk.json" --size "$size" \
        --theme "$theme" --data-dir "$work/data"; then
        echo "layout walk failed: language #$digit, $size, theme $theme" >&2
        fail=1
    fi
}
for digit in 1 2 3; do
    for size in 800x480 1280x800 1920x1080 1080x1920; do
        walk "$digit" "$size" standard
    done
    for size in 800x480 1280x800; do
        walk "$digit" "$size" large
    done
    walk "$digit" 1280x800 contrast
done
exit $fail
