#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the C style check, the normal build
# (warnings are errors) and its tests, the Windows build and its tests under wine, a hardened
# Release build packaged as a .deb and run from the unpacked package, the whole suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer, then each fuzz target for a short time. Exits
# non-zero on the first failure.
# Environment: BUILD_DIR (default build), FUZZ_SECONDS (default 20 per target, 0 skips),
# TRINN_WINDOWS=0 skips the Windows build and its tests under wine.
set -euo pipefail
cd "$(dirname "$0")"
. platform/setup/deps.sh
# dbus, at-spi2-core and python3-pyatspi: tests/ui/test_a11y_atspi.sh reads the app over AT-SPI
# cage, xwayland, grim and systemd (systemd-analyze): tests/deploy, the kiosk under headless cage
# shared-mime-info and libglib2.0-bin (gio): tests/build, the desktop opens .trinn-oppdrag in Trinn
trinn_deps clang libclang-rt-14-dev valgrind clang-format python3 minisign age \
    desktop-file-utils appstream lintian dpkg-dev man-db dbus at-spi2-core python3-pyatspi \
    cage xwayland grim systemd shared-mime-info libglib2.0-bin
BUILD_DIR=${BUILD_DIR:-build}
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
JOBS=$(nproc)

step() { printf '\n=== %s\n' "$*"; }

# The style is Debian 12's clang-format 14 (.clang-format); other versions format differently,
# so a different one is refused rather than trusted.
step "clang-format on every C file"
if ! clang-format --version | grep -q 'version 14\.'; then
    echo "test.sh: needs clang-format 14 (Debian 12's), found: $(clang-format --version)" >&2
    echo "Install it (apt-get install clang-format-14) and put it first on PATH as clang-format." >&2
    exit 1
fi
find core platform ui tests \( -name '*.c' -o -name '*.h' \) -print0 | xargs -0 clang-format --dry-run -Werror

step "build ($BUILD_DIR)"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRINN_WERROR=ON >/dev/null
cmake --build "$BUILD_DIR" -j"$JOBS"
step "FHIR validators and DuckDB (tests/fhir: npm ci when package-lock.json changed)"
# The node packages of the FHIR and statistics tests, pinned in tests/fhir/package-lock.json.
# npm ci runs only when the lock changed since the last install; the R4 schema is compiled once
# into node_modules (tests/fhir/validate.js --prepare). Both steps print their time.
t0=$(date +%s%N)
lock=$(sha256sum tests/fhir/package-lock.json | cut -d' ' -f1)
if [ "$(cat tests/fhir/node_modules/.trinn-lock 2>/dev/null)" != "$lock" ]; then
    (cd tests/fhir && npm ci --no-audit --no-fund --prefer-offline)
    echo "$lock" >tests/fhir/node_modules/.trinn-lock
fi
t1=$(date +%s%N)
node tests/fhir/validate.js --prepare
t2=$(date +%s%N)
echo "npm ci: $(((t1 - t0) / 1000000)) ms, R4 schema ready: $(((t2 - t1) / 1000000)) ms"
export TRINN_REQUIRE_NODE=1

step "tests"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$JOBS"

# Windows: cross-built with mingw-w64 from Debian's own sources (cached outside the tree, in
# /var/cache/trinn-windows), tested under wine, journals checked to cross both ways.
# TRINN_WINDOWS=0 skips it.
if [ "${TRINN_WINDOWS:-1}" != 0 ]; then
    step "Windows build and its tests under wine (platform/windows/test.sh)"
    platform/windows/test.sh "$BUILD_DIR"
fi

# Release is what packagers and most users build (-O3 finds warnings the others do not);
# built as the .deb is, with the distribution's hardening flags, then packaged, unpacked into
# a scratch root and run from there.
step "build Release with dpkg-buildflags and the .deb ($BUILD_DIR-release)"
platform/linux/build-deb.sh "$BUILD_DIR-release" -DTRINN_WERROR=ON
step ".deb round trip: lintian, hardening, programs run from the unpacked package"
bash tests/build/test_deb.sh "$(ls -t "$BUILD_DIR-release"/trinn_*.deb | head -n 1)"
step "the Release build refuses weak test costs"
TRINN_BIN="$BUILD_DIR-release/bin" TRINN_TEST_COSTS=OFF bash tests/cli/journal_costs.sh

step "build with ASan+UBSan ($BUILD_DIR-asan)"
cmake -S . -B "$BUILD_DIR-asan" -DCMAKE_BUILD_TYPE=Debug -DTRINN_SANITIZE=ON -DTRINN_BENCH=OFF \
    -DTRINN_WERROR=ON >/dev/null
cmake --build "$BUILD_DIR-asan" -j"$JOBS"
step "tests under ASan+UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$BUILD_DIR-asan" --output-on-failure -j"$JOBS" -LE noasan

step "journal tests under valgrind ($BUILD_DIR)"
for t in test_journal test_journal_format test_journal_crash; do
    valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        "$BUILD_DIR/bin/$t" >/dev/null
done

if [ "$FUZZ_SECONDS" != 0 ] && ls tests/fuzz/fuzz_*.c >/dev/null 2>&1; then
    step "fuzz targets, ${FUZZ_SECONDS}s each ($BUILD_DIR-fuzz)"
    CC=clang cmake -S . -B "$BUILD_DIR-fuzz" -DCMAKE_BUILD_TYPE=Debug -DTRINN_FUZZ=ON -DTRINN_UI=OFF \
        -DTRINN_BENCH=OFF -DTRINN_WERROR=ON >/dev/null
    cmake --build "$BUILD_DIR-fuzz" -j"$JOBS"
    for f in "$BUILD_DIR-fuzz"/bin/fuzz_*; do
        name=$(basename "$f")
        corpus="tests/fuzz/corpus/${name#fuzz_}"
        work=$(mktemp -d)
        [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
        echo "$name"
        "$f" -max_total_time="$FUZZ_SECONDS" -print_final_stats=0 "$work" 2>"$work.log" \
            || { tail -n 40 "$work.log"; exit 1; }
        tail -n 1 "$work.log"
        rm -rf "$work" "$work.log"
    done
fi
step "all tests passed"
