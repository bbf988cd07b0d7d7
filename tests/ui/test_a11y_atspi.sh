#!/usr/bin/env bash
# Screen readers (issue 12 item 11): reads Trinn over AT-SPI, the Linux accessibility bus
# that Orca reads, while a script walks the welcome screen, a profile error and the first two
# questions of the self-assessment (tests/ui/a11y/atspi_read.py says what is checked: names,
# roles, focus moving to the first answer, the error announced, no passphrase readable).
# Runs in its own D-Bus session (dbus-run-session), which starts at-spi's bus and registry.
# Skips (77) only when this build has no ATK or a session bus cannot start at all; a missing
# python3-pyatspi or at-spi2-core is a failure (test.sh installs them).
set -euo pipefail
if [ "${TRINN_A11Y_BUILT:-}" != "ON" ]; then
    echo "SKIP: trinn was built without ATK (TRINN_A11Y=OFF or libatk-bridge2.0-dev missing)"
    exit 77
fi
if ! command -v dbus-run-session >/dev/null || ! dbus-run-session -- true 2>/dev/null; then
    echo "SKIP: a D-Bus session bus cannot start here (dbus-run-session)"
    exit 77
fi
python=${TRINN_PYTHON:-/usr/bin/python3}
if ! "$python" -c 'import pyatspi' 2>/dev/null; then
    echo "FAIL: $python cannot import pyatspi (Debian: python3-pyatspi at-spi2-core)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# at-spi's bus launcher puts its socket in $XDG_RUNTIME_DIR/at-spi (else ~/.cache/at-spi): a
# folder of this run's own, so runs side by side (ctest -j) do not take each other's bus.
mkdir -m 700 run
export XDG_RUNTIME_DIR=$work/run
unset NO_AT_BRIDGE # ctest sets it so that no other test joins a desktop's bus
dbus-run-session -- "$python" "$TRINN_SOURCE_DIR/tests/ui/a11y/atspi_read.py" \
    "$TRINN_BIN/trinn" "$TRINN_SOURCE_DIR/tests/ui/a11y/atspi_assess_nb.json" "$TRINN_CONTENT" \
    2> >(grep -v 'Failed to set fd limit' >&2)
