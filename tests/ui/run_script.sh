#!/usr/bin/env bash
# Replays one flow script against trinn in a fresh data folder.
# Usage: run_script.sh FLOW.json [trinn options...]; env TRINN_BIN as set by ctest.
set -euo pipefail
flow=$1
shift
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
cd "$data"
SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$flow" --data-dir "$data/profiles" "$@"
