#!/usr/bin/env bash
# Screenshots of the Windows build rendered under wine (headless, SDL's dummy driver and the
# script driver's "screenshot" step): the welcome and crisis screens in nb, nn and en.
# Usage: screenshots.sh OUTDIR SHOTDIR   (OUTDIR from build.sh; PNG files go to SHOTDIR)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(realpath "${1:?usage: screenshots.sh OUTDIR SHOTDIR}")
shots=$(realpath -m "${2:?}")
. "$here/env.sh"
mkdir -p "$shots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for lang in nb nn en; do
    cat >"$work/flow_$lang.json" <<FLOW
[
  {"tap": "language.$lang"},
  {"tap": "language.continue"},
  {"screenshot": "welcome_$lang.bmp"},
  {"tap": "chrome.help"},
  {"expect": "crisis.title"},
  {"screenshot": "crisis_$lang.bmp"},
  {"quit": true}
]
FLOW
    (cd "$work" && SDL_VIDEODRIVER=dummy wine "$out/trinn.exe" --script "flow_$lang.json" \
        --data-dir "$work/data_$lang" --size 1280x800)
    for s in welcome crisis; do
        convert "$work/${s}_$lang.bmp" "$shots/${s}_$lang.png"
    done
done
ls "$shots"
