#!/usr/bin/env bash
# Walks the passphrase change and the delete-a-profile screens (tests/ui/manage/manage_*.json:
# every problem message, the confirmation on the welcome screen and in the profile list) in nb,
# nn and en at 800x480, 1280x800, 1920x1080 and 1080x1920, and in the large-text and
# high-contrast themes, with check_layout after every step: fails where text overflows its box,
# interactive widgets overlap or anything lies outside the window. Uses --kdf-cost test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0
run() { # script size theme
    rm -rf "$work/data"
    if ! SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$1" --size "$2" --theme "$3" \
        --data-dir "$work/data" --kdf-cost test >/dev/null; then
        echo "layout walk failed: $1, $2, theme $3" >&2
        fail=1
    fi
}
for lang in nb nn en; do
    sed -e 's/^\(  {.*}\),$/\1, {"check_layout": true},/' "$here/manage/manage_$lang.json" \
        >"manage-$lang.json"
    grep -q check_layout "manage-$lang.json"
    for size in 800x480 1280x800 1920x1080 1080x1920; do
        run "manage-$lang.json" "$size" standard
    done
    run "manage-$lang.json" 800x480 large
    run "manage-$lang.json" 1280x800 contrast
done
exit $fail
