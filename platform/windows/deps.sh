#!/usr/bin/env bash
# Cross-builds Trinn's dependencies for 64-bit Windows from Debian 12's own source packages:
# libsodium, cJSON, cmocka, FreeType, HarfBuzz, SDL2, SDL2_ttf. Everything lives in a cache
# outside the repository (first argument), reused by later runs:
#   CACHE/apt     a private APT_CONFIG with deb-src lines (the machine's /etc/apt is left alone)
#   CACHE/src     the fetched .dsc/.orig/.debian files
#   CACHE/work    unpacked and built trees (removed after each success)
#   CACHE/prefix  the installed result: include/, lib/ (import libraries, pkg-config), bin/ (DLLs)
# Each dependency is rebuilt only when its Debian version or its recipe below changes
# (a stamp file in CACHE/prefix/stamps). Builds run under `nice -n 19` with -j$TRINN_JOBS (2).
set -euo pipefail
cache=${1:?usage: deps.sh CACHE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
jobs=${TRINN_JOBS:-2}
host=x86_64-w64-mingw32
prefix=$cache/prefix
toolchain=$here/mingw-w64.cmake
mkdir -p "$cache/apt/lists/partial" "$cache/apt/cache/archives/partial" "$cache/apt/parts" \
         "$cache/src" "$cache/work" "$prefix/stamps" "$prefix/lib/pkgconfig" "$prefix/include" \
         "$prefix/bin"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
# one build of the cache at a time (the session's and CI's test.sh may overlap)
exec 9>"$cache/.lock"
flock 9

# The private apt: Debian 12's source index only, in the cache.
cat > "$cache/apt/sources.list" <<SRC
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian-security bookworm-security main
deb-src http://deb.debian.org/debian bookworm-updates main
SRC
cat > "$cache/apt/apt.conf" <<CONF
Dir::Etc::SourceList "$cache/apt/sources.list";
Dir::Etc::SourceParts "$cache/apt/parts";
Dir::State::Lists "$cache/apt/lists";
Dir::Cache "$cache/apt/cache";
CONF
export APT_CONFIG=$cache/apt/apt.conf
updated=0
# Prints the newest Debian 12 source version of package $1 (updating the index once if needed).
version_of() {
    local v
    v=$(apt-cache showsrc "$1" 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -1)
    if [ -z "$v" ] && [ $updated = 0 ]; then
        apt-get -q update >/dev/null && updated=1
        v=$(apt-cache showsrc "$1" 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -1)
    fi
    [ -n "$v" ] || { echo "deps.sh: no Debian source for $1 (network?)" >&2; return 1; }
    echo "$v"
}

# Unpacks Debian source package $1 (with Debian's patches applied) into CACHE/work/$1 and
# cds there. Downloads only what the cache lacks; apt checks every file against the signed index.
unpack() {
    local pkg=$1 ver=$2 dsc
    dsc=$cache/src/${pkg}_${ver#*:}.dsc
    if [ ! -f "$dsc" ]; then
        (cd "$cache/src" && apt-get -q source --download-only "$pkg=$ver" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
    fi
    [ -f "$dsc" ] || { echo "deps.sh: could not fetch $pkg $ver" >&2; return 1; }
    rm -rf "$cache/work/$pkg"
    dpkg-source -q -x "$dsc" "$cache/work/$pkg" >/dev/null
    cd "$cache/work/$pkg"
}

# recipe numbers: raise one to rebuild that dependency after changing its lines below
declare -A recipe=([libsodium]=1 [cjson]=1 [cmocka]=2 [freetype]=1 [harfbuzz]=1 [libsdl2]=1 [libsdl2-ttf]=1)
cm() { nice -n 19 cmake -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DTRINN_WIN_PREFIX="$prefix" \
        -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null; }
cmb() { nice -n 19 cmake --build "$1" -j"$jobs" >/dev/null && cmake --install "$1" >/dev/null; }

build_libsodium() {
    nice -n 19 autoreconf -fi >/dev/null 2>&1
    # --disable-ssp: mingw's stack protector would add libssp-0.dll to the set
    nice -n 19 ./configure -q --host=$host --prefix="$prefix" --disable-static --enable-shared \
        --disable-ssp CC=$host-gcc-win32 CFLAGS="-O2" LDFLAGS="-static-libgcc" >/dev/null
    nice -n 19 make -s -j"$jobs" >/dev/null 2>&1 && make -s install >/dev/null
}
build_cjson() {
    cm -S . -B _b -DENABLE_CJSON_TEST=OFF -DENABLE_CJSON_UTILS=OFF -DBUILD_SHARED_LIBS=ON \
        -DENABLE_CUSTOM_COMPILER_FLAGS=OFF
    cmb _b
}
build_cmocka() {
    # Built with mingw's C99 printf, as Trinn is, so its header may say gnu_printf: tests pass
    # %zu to print_message like on Linux (the header's plain "printf" means Microsoft's there).
    cm -S . -B _b -DWITH_EXAMPLES=OFF -DUNIT_TESTING=OFF -DPICKY_DEVELOPER=OFF \
        -DCMAKE_C_FLAGS="-D__USE_MINGW_ANSI_STDIO=1"
    cmb _b
    sed -i 's/__attribute__ ((__format__ (__printf__, a, b)))/__attribute__ ((__format__ (__gnu_printf__, a, b)))/' \
        "$prefix/include/cmocka.h"
    grep -q __gnu_printf__ "$prefix/include/cmocka.h"
}
build_freetype() {
    # FreeType goes inside SDL2_ttf.dll (static); no zlib/png/bzip2/brotli: Trinn ships TTF/OTF.
    cm -S . -B _b -DBUILD_SHARED_LIBS=OFF -DFT_DISABLE_ZLIB=TRUE -DFT_DISABLE_BZIP2=TRUE \
        -DFT_DISABLE_PNG=TRUE -DFT_DISABLE_HARFBUZZ=TRUE -DFT_DISABLE_BROTLI=TRUE
    cmb _b
}
build_harfbuzz() {
    # HarfBuzz's single-file build (src/harfbuzz.cc) with its FreeType glue, static.
    nice -n 19 $host-g++-win32 -O2 -fno-exceptions -fno-rtti -DHAVE_FREETYPE=1 \
        -I"$prefix/include/freetype2" -c src/harfbuzz.cc -o harfbuzz.o
    rm -f "$prefix/lib/libharfbuzz.a"
    $host-ar rcs "$prefix/lib/libharfbuzz.a" harfbuzz.o
    mkdir -p "$prefix/include/harfbuzz"
    cp src/hb.h src/hb-*.h "$prefix/include/harfbuzz/"
}
build_libsdl2() {
    cm -S . -B _b -DSDL_SHARED=ON -DSDL_STATIC=OFF -DSDL_TEST=OFF -DSDL_TESTS=OFF
    cmb _b
}
build_libsdl2-ttf() {
    # SDL_ttf.c alone, with HarfBuzz shaping (Arabic, Somali, Tigrinya scripts); FreeType and
    # HarfBuzz linked in, so SDL2_ttf.dll needs only SDL2.dll and Windows' own DLLs.
    local inc=(-I"$prefix/include/SDL2" -I"$prefix/include/freetype2" -I"$prefix/include/harfbuzz")
    nice -n 19 $host-gcc-win32 -O2 -DDLL_EXPORT -DTTF_USE_HARFBUZZ=1 "${inc[@]}" -c SDL_ttf.c -o SDL_ttf.o
    nice -n 19 $host-g++-win32 -shared -o "$prefix/bin/SDL2_ttf.dll" SDL_ttf.o \
        -Wl,--out-implib,"$prefix/lib/libSDL2_ttf.dll.a" -L"$prefix/lib" -lharfbuzz -lfreetype \
        -lSDL2 -static-libgcc -static-libstdc++
    cp SDL_ttf.h "$prefix/include/SDL2/"
    local v=${1%%+*}
    cat > "$prefix/lib/pkgconfig/SDL2_ttf.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include
Name: SDL2_ttf
Description: TrueType font library for SDL2 (FreeType + HarfBuzz inside)
Version: $v
Requires: sdl2
Libs: -L\${libdir} -lSDL2_ttf
Cflags: -I\${includedir}/SDL2
PC
}

# Licence texts go with the DLLs: Debian's copyright file and the upstream licence files.
collect_licences() {
    local dir=$prefix/licenses/$1 f
    rm -rf "$dir"
    mkdir -p "$dir"
    for f in debian/copyright COPYING COPYING.txt LICENSE LICENSE.txt LICENSE.md LICENCE \
             docs/LICENSE.TXT docs/FTL.TXT docs/GPLv2.TXT; do
        [ -f "$f" ] && cp "$f" "$dir/$(echo "$f" | tr / _)"
    done
    return 0
}

for pkg in libsodium cjson cmocka freetype harfbuzz libsdl2 libsdl2-ttf; do
    ver=$(version_of "$pkg")
    stamp=$prefix/stamps/$pkg-${ver#*:}-r${recipe[$pkg]}
    if [ -f "$stamp" ] && [ -f "$prefix/licenses/$pkg/debian_copyright" ]; then
        continue
    fi
    start=$(date +%s)
    unpack "$pkg" "$ver"
    collect_licences "$pkg"
    if [ ! -f "$stamp" ]; then
        echo "deps.sh: building $pkg $ver for Windows..."
        "build_$pkg" "$ver"
        rm -f "$prefix/stamps/$pkg-"*
        touch "$stamp"
        echo "deps.sh: $pkg done in $(( $(date +%s) - start )) s"
    fi
    cd "$cache"
    rm -rf "$cache/work/$pkg"
done
