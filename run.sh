#!/usr/bin/env bash
# Installs what is missing, builds, and starts Trinn with the content pack in content/.
# Usage: ./run.sh [arguments for the program]
set -euo pipefail
cd "$(dirname "$0")"
. platform/setup/deps.sh
trinn_deps
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
if [ -x "$BUILD_DIR/bin/trinn" ]; then
    exec "$BUILD_DIR/bin/trinn" "$@"
fi
# Without the front end, the triage runs in the terminal, question by question.
exec "$BUILD_DIR/bin/trinnctl" triage --interactive "$@"
