#!/usr/bin/env bash
# Makes the Windows installer: msi.sh DIR VERSION OUT.msi, where DIR is build.sh's output
# (trinn.exe, trinnctl.exe, DLLs, share\trinn\content, licenses). wixl-heat lists every other
# file as a component of INSTALLDIR; trinn.wxs holds the product, the programs and the
# Start-menu entry.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$(realpath "${1:?usage: msi.sh DIR VERSION OUT.msi}")
version=${2:?}
out=$(realpath -m "${3:?}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
find "$dir" -type f ! -name trinn.exe ! -name trinnctl.exe ! -name '*.zip' ! -name '*.msi' |
    LC_ALL=C sort |
    wixl-heat --prefix "$dir/" --var var.Dir --directory-ref INSTALLDIR \
        --component-group TrinnFiles --win64 >"$work/trinn-files.wxs"
# wixl takes sources relative to the folder it runs in
cp "$here/trinn.wxs" "$work/"
rel=$(realpath --relative-to="$work" "$dir")
(cd "$work" && wixl -a x64 -D Version="$version" -D Dir="$rel" -D Win64=yes -o "$out" \
    trinn.wxs trinn-files.wxs)
