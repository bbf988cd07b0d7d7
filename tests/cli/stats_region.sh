#!/usr/bin/env bash
# trinnctl stats and tools/rollup.sql (DuckDB) agree exactly on a synthetic region of 3,000
# clients in three municipalities (tests/fhir/region.js). Needs tests/fhir/node_modules (test.sh
# installs it with npm ci); without it the test is skipped (exit 77), unless
# TRINN_REQUIRE_NODE=1 (test.sh sets it). REGION_SEED replays a run.
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
fx="$src/tests/fhir"
if [ ! -d "$fx/node_modules/@duckdb/node-api" ]; then
    echo "tests/fhir/node_modules is missing: run (cd tests/fhir && npm ci)"
    [ "${TRINN_REQUIRE_NODE:-0}" = 1 ] && exit 1
    exit 77
fi
exec node "$fx/region.js" --content "$src/content" --trinnctl "$TRINN_BIN/trinnctl" \
    --rollup "$src/tools/rollup.sql" --seed "${REGION_SEED:-$(date +%s)}"
