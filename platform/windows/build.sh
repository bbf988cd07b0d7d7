#!/usr/bin/env bash
# Builds Trinn for 64-bit Windows on Debian 12, from a clean clone:
#   platform/windows/build.sh OUTDIR
# 1. installs the cross toolchain, wine and msitools when missing (as root; else prints the
#    command), 2. cross-builds the dependencies from Debian's own sources into a cache outside
#    the repository (deps.sh; later runs reuse it), 3. cross-builds Trinn with CMake
#    (mingw-w64.cmake), 4. leaves in OUTDIR trinn.exe, trinnctl.exe, the DLLs, the content pack
#    and the licences, then OUTDIR/trinn-VERSION-windows-x64.zip and .msi (wixl).
# Environment: TRINN_WIN_CACHE (default /var/cache/trinn-windows as root, else
# $XDG_CACHE_HOME/trinn-windows), TRINN_WIN_BUILD (the CMake build tree, default
# <repo>/build-windows), TRINN_JOBS (2), TRINN_WIN_PACKAGE=0 to skip the .zip and .msi,
# TRINN_WIN_UI=0 to build only the core, trinnctl and their tests (no app, no packages).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: platform/windows/build.sh OUTDIR" >&2; exit 2; }
out=$(realpath -m "$1")
. "$here/env.sh"
build=${TRINN_WIN_BUILD:-$src/build-windows}
jobs=${TRINN_JOBS:-2}
t0=$(date +%s)

# 1. The tools (Debian 12 packages).
win_pkgs=(gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 wine wine64 wixl msitools zip dpkg-dev
          autoconf automake libtool cmake ninja-build pkg-config)
missing=()
for p in "${win_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    cmd=(apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "${missing[@]}")
    if [ "$(id -u)" = 0 ]; then
        echo "build.sh: installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive "${cmd[@]}" >/dev/null
    else
        echo "build.sh: missing packages; run as root: ${cmd[*]}" >&2
        exit 1
    fi
fi

# 2. The dependencies (cached).
TRINN_JOBS=$jobs "$here/deps.sh" "$cache"
t1=$(date +%s)

# 3. Trinn itself.
ui=${TRINN_WIN_UI:-1}
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$here/mingw-w64.cmake" \
    -DTRINN_WIN_PREFIX="$prefix" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRINN_WERROR=ON \
    -DTRINN_BENCH=OFF -DTRINN_UI="$([ "$ui" = 1 ] && echo ON || echo OFF)" >/dev/null
nice -n 19 cmake --build "$build" -j"$jobs"
t2=$(date +%s)

# 4. The product: the programs, their DLLs, the content pack and the licences.
version=$(sed -n 's/^project(trinn VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
mkdir -p "$out"
(cd "$out" && rm -rf trinn.exe trinnctl.exe ./*.dll share licenses README.txt)
mkdir -p "$out/share/trinn" "$out/licenses"
cp "$build/bin/trinnctl.exe" "$out/"
for dll in libsodium-23.dll libcjson.dll; do
    cp "$prefix/bin/$dll" "$out/"
done
if [ "$ui" = 1 ]; then
    cp "$build/bin/trinn.exe" "$prefix/bin/SDL2.dll" "$prefix/bin/SDL2_ttf.dll" "$out/"
fi
cp -RL "$src/content" "$out/share/trinn/content"
for lic in "$src"/LICENSE* "$src"/COPYING*; do
    [ -f "$lic" ] && cp "$lic" "$out/licenses/trinn-$(basename "$lic").txt"
done
for pkg in libsodium cjson freetype harfbuzz libsdl2 libsdl2-ttf; do
    cp -R "$prefix/licenses/$pkg" "$out/licenses/$pkg"
done
cp "$here/README-windows.txt" "$out/README.txt"
# Nothing may need a DLL that is neither Windows' own nor in the folder.
"$here/check-dlls.sh" "$out"

if [ "${TRINN_WIN_PACKAGE:-1}" = 1 ] && [ "$ui" = 1 ]; then
    zip=$out/trinn-$version-windows-x64.zip msi=$out/trinn-$version-windows-x64.msi
    rm -f "$zip" "$msi"
    stage=$(mktemp -d)
    ln -s "$out" "$stage/Trinn" # the .zip holds one folder, Trinn\
    (cd "$stage" && zip -qr "$zip" Trinn -x 'Trinn/*.zip' 'Trinn/*.msi')
    rm -rf "$stage"
    "$here/msi.sh" "$out" "$version" "$msi"
fi
t3=$(date +%s)
echo "build.sh: dependencies $((t1 - t0)) s, Trinn $((t2 - t1)) s, packages $((t3 - t2)) s; in $out"
