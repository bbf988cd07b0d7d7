#!/usr/bin/env bash
# Walks the profile screens (choose, create with its strength hint and problems, the progress
# while the key is derived, unlock with a wrong passphrase, the welcome screen's profile line)
# in nb, nn and en at 800x480, 1280x800, 1920x1080 and 1080x1920, and in the large-text and
# high-contrast themes, with check_layout after every step: fails where text overflows its box,
# interactive widgets overlap or anything lies outside the window. Uses --kdf-cost test, so the
# progress view may be gone before a step looks for it: that one expect is left out.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
LAYOUT_ARGS="--kdf-cost test"
# shellcheck source=layout_walk.sh
. "$here/layout_walk.sh"
for lang in nb nn en; do
    grep -v '"expect": "profile.busy"' "$here/flows/profile.json" >"busy-left-out-$lang.json"
    layout_checked_lang "busy-left-out-$lang.json" "profile-$lang.json" "$lang"
    for size in 800x480 1280x800 1920x1080 1080x1920; do
        layout_run "profile-$lang.json" "$size" standard
    done
    layout_run "profile-$lang.json" 800x480 large
    layout_run "profile-$lang.json" 1280x800 contrast
    layout_run_text "profile-$lang.json" 800x480 standard 2
    layout_run_text "profile-$lang.json" 1080x1920 contrast 2
done
exit $fail
