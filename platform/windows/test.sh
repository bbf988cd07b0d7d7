#!/usr/bin/env bash
# The Windows build and its tests, run by ./test.sh (or alone): builds everything with
# build.sh into BUILD_DIR-windows/out, then under wine runs the Windows build's unit tests
# (journal crash and fault-injection tests among them), the CLI tests and the headless app
# flows (SDL_VIDEODRIVER=dummy) through ctest, and checks that journals cross between the
# Linux build in BUILD_DIR and the Windows build both ways (cross-journal.sh).
# Usage: platform/windows/test.sh [BUILD_DIR]   (default: build, the Linux build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
linux=$(realpath "${1:-$src/build}")
export TRINN_WIN_BUILD=${TRINN_WIN_BUILD:-$linux-windows}
out=$TRINN_WIN_BUILD/out
. "$here/env.sh"
t0=$(date +%s)
"$here/build.sh" "$out"
t1=$(date +%s)

[ -f "$WINEPREFIX/system.reg" ] || wine wineboot -i >/dev/null 2>&1
wineserver -p30 2>/dev/null || true # one server for all the runs below (about 0.5 s a program instead of 2)
# Wine's own services (services.exe, winedevice.exe) start with the first program and keep the
# file handles it had: started here, with nothing open, so no test's output pipe stays open
# after the test ends (ctest waited on one until the server quit).
wine wineboot </dev/null >/dev/null 2>&1 || true
jobs=${TRINN_JOBS:-2}
# Without the app (TRINN_WIN_UI=0) cli.journal_costs, which runs trinn too, cannot run.
skip_app=""
[ "${TRINN_WIN_UI:-1}" = 1 ] || skip_app="|cli.journal_costs"
# test_journal_tamper flips every byte of a journal twice (thousands of opens): about 5 minutes
# under wine for core parsing that is the same C on both systems, so it runs on Linux only
# unless TRINN_WIN_CTEST_ARGS says otherwise. A test that fails is run once more: now and then a
# program under wine ends at once with no output at all (seen twice in 340 runs of the UI flows,
# ui.flow_measure_nb and _nn in 0.05 s, both passing when run again); a real failure fails twice.
ctest --test-dir "$TRINN_WIN_BUILD" --output-on-failure -j"$jobs" --repeat until-pass:2 \
    ${TRINN_WIN_CTEST_ARGS:--E "unit.test_journal_tamper$skip_app"}
t2=$(date +%s)
"$here/cross-journal.sh" "$linux/bin" "$out"
if [ "${TRINN_WIN_UI:-1}" = 1 ]; then
    # The installer installs, the installed trinnctl answers as the built one, and it uninstalls.
    msi=$(ls "$out"/trinn-*-windows-x64.msi)
    pf="$WINEPREFIX/drive_c/Program Files/Trinn"
    wine msiexec /i "$msi" /qn
    [ -f "$pf/trinn.exe" ] && [ -f "$pf/share/trinn/content/instruments/phq9.json" ] ||
        { echo "FAIL: the .msi did not install trinn.exe and the content pack" >&2; exit 1; }
    [ "$(wine "$pf/trinnctl.exe" score phq9 --answers 1,2,3,0,1,2,0,0,1)" = \
      "$(wine "$out/trinnctl.exe" score phq9 --answers 1,2,3,0,1,2,0,0,1)" ] ||
        { echo "FAIL: the installed trinnctl answers otherwise" >&2; exit 1; }
    wine msiexec /x "$msi" /qn
    [ ! -e "$pf/trinn.exe" ] || { echo "FAIL: the .msi did not uninstall" >&2; exit 1; }
    echo "msi: installs into Program Files\\Trinn, runs, uninstalls"
fi
t3=$(date +%s)
echo "windows: build $((t1 - t0)) s, tests under wine $((t2 - t1)) s, cross-journal $((t3 - t2)) s"
