#!/usr/bin/env bash
# Walks the passphrase change and the delete-a-profile screens (tests/ui/manage/manage_*.json:
# every problem message, the confirmation on the welcome screen and in the profile list) in nb,
# nn and en at 800x480, 1280x800, 1920x1080 and 1080x1920, and in the large-text and
# high-contrast themes, with check_layout after every step: fails where text overflows its box,
# interactive widgets overlap or anything lies outside the window. Uses --kdf-cost test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
LAYOUT_ARGS="--kdf-cost test"
# shellcheck source=layout_walk.sh
. "$here/layout_walk.sh"
for lang in nb nn en; do
    layout_checked "$here/manage/manage_$lang.json" "manage-$lang.json"
    for size in 800x480 1280x800 1920x1080 1080x1920; do
        layout_run "manage-$lang.json" "$size" standard
    done
    layout_run "manage-$lang.json" 800x480 large
    layout_run "manage-$lang.json" 1280x800 contrast
    layout_run_text "manage-$lang.json" 800x480 standard 2
done
exit $fail
