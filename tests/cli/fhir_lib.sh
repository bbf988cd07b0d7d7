# Sourced by the FHIR export tests (fhir_export.sh, goals_fhir.sh, meds_fhir.sh): skips the test
# (exit 77) when tests/fhir/node_modules is missing, unless TRINN_REQUIRE_NODE=1 (test.sh sets
# it); a scratch folder $work (removed at exit), trinnctl as $ctl, the source tree as $src and
# tests/fhir as $fx, a passphrase file $work/pass, and
#   fail WHAT                     counts a failure ($fails) and goes on
#   make_journal NAME RECORDS     an encrypted journal $work/NAME.trinn holding RECORDS (JSONL)
set -u
ctl="$TRINN_BIN/trinnctl"
src=$(cd "$(dirname "$0")/../.." && pwd)
fx="$src/tests/fhir"
if [ ! -d "$fx/node_modules/fhirpath" ]; then
    echo "tests/fhir/node_modules is missing: run (cd tests/fhir && npm ci)"
    [ "${TRINN_REQUIRE_NODE:-0}" = 1 ] && exit 1
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
printf 'correct horse battery staple\n' >"$work/pass"
make_journal() {
    "$ctl" journal create "$work/$1.trinn" --passphrase-file "$work/pass" --kdf-ops 1 \
        --kdf-mem-kib 8192 >/dev/null 2>"$work/err" || fail "create $1: $(cat "$work/err")"
    "$ctl" journal append "$work/$1.trinn" --passphrase-file "$work/pass" <"$2" >/dev/null \
        2>"$work/err" || fail "append $1: $(cat "$work/err")"
}
