#!/usr/bin/env bash
# Builds the Debian package the way Debian builds its own: a Release build with the
# distribution's hardening flags (dpkg-buildflags, hardening=+all: fortify, stack protector,
# PIE, relro and bindnow), then `cpack -G DEB`. Prints the path of the .deb on the last line.
# Usage: platform/linux/build-deb.sh [BUILD_DIR] [extra cmake options...]
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$src/build-deb}
shift || true
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
# CMake reads CFLAGS and LDFLAGS from the environment, not CPPFLAGS (where -D_FORTIFY_SOURCE
# is), so the preprocessor flags go with the compiler's, as debhelper does it.
CFLAGS="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"
export CFLAGS LDFLAGS
cmake -S "$src" -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$dir" -j"$(nproc)"
(cd "$dir" && cpack -G DEB >/dev/null)
ls -t "$dir"/trinn_*.deb | head -n 1
