#!/usr/bin/env bash
# Weak key-derivation costs are for tests only (issue 13, item 8). A build with
# TRINN_TEST_COSTS=ON (Debug, RelWithDebInfo: what the test suite runs) accepts them and says so
# loudly on stderr; a build without them (Release: what packagers build) refuses them, in
# trinnctl (create and passwd) and in trinn (--kdf-cost test). test.sh runs this script against
# its Release build as well, with TRINN_TEST_COSTS=OFF.
set -euo pipefail
B=${TRINN_BIN:?}
mode=${TRINN_TEST_COSTS:?set TRINN_TEST_COSTS to ON or OFF, as the build was configured}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
printf 'x\n' >"$tmp/pw"
printf 'another passphrase\n' >"$tmp/pw2"
weak=(--kdf-ops 1 --kdf-mem-kib 8)
minimum=(--kdf-ops 2 --kdf-mem-kib 65536)

# The documented minimum is accepted everywhere, without a warning.
"$B/trinnctl" journal create "$tmp/min.tj" --passphrase-file "$tmp/pw" "${minimum[@]}" \
    >/dev/null 2>"$tmp/err" || fail "the minimum costs were refused: $(cat "$tmp/err")"
if grep -q WARNING "$tmp/err"; then fail "a warning at the minimum costs: $(cat "$tmp/err")"; fi
# Bad numbers are refused with the option's name, whatever the build.
for bad in 0 -1 1x "" 17; do
    if "$B/trinnctl" journal create "$tmp/bad.tj" --passphrase-file "$tmp/pw" --kdf-ops "$bad" \
        2>"$tmp/err" >/dev/null; then fail "--kdf-ops '$bad' accepted"; fi
    grep -q -- "--kdf-ops wants a whole number" "$tmp/err" || fail "--kdf-ops '$bad': $(cat "$tmp/err")"
done
[ ! -e "$tmp/bad.tj" ] || fail "a journal was made from bad costs"

echo '[{"quit": true}]' >"$tmp/quit.json"
if [ "$mode" = ON ]; then
    "$B/trinnctl" journal create "$tmp/weak.tj" --passphrase-file "$tmp/pw" "${weak[@]}" \
        >/dev/null 2>"$tmp/err" || fail "test build refused test costs: $(cat "$tmp/err")"
    grep -q 'WARNING: key derivation costs below the minimum' "$tmp/err" ||
        fail "no loud warning for weak costs: $(cat "$tmp/err")"
    "$B/trinnctl" journal passwd "$tmp/min.tj" --passphrase-file "$tmp/pw" \
        --new-passphrase-file "$tmp/pw2" "${weak[@]}" >/dev/null 2>"$tmp/err" ||
        fail "test build refused a weak passwd: $(cat "$tmp/err")"
    grep -q 'WARNING' "$tmp/err" || fail "no warning for a weak passwd"
    if [ -x "$B/trinn" ]; then
        SDL_VIDEODRIVER=dummy "$B/trinn" --script "$tmp/quit.json" --data-dir "$tmp/data" \
            --kdf-cost test >/dev/null 2>"$tmp/err" || fail "trinn --kdf-cost test: $(cat "$tmp/err")"
        grep -q 'WARNING: --kdf-cost test' "$tmp/err" || fail "trinn gave no warning: $(cat "$tmp/err")"
    fi
elif [ "$mode" = OFF ]; then
    if "$B/trinnctl" journal create "$tmp/weak.tj" --passphrase-file "$tmp/pw" "${weak[@]}" \
        >/dev/null 2>"$tmp/err"; then fail "a shipped build made a journal with test costs"; fi
    grep -q 'below the minimum (ops 2, 65536 KiB)' "$tmp/err" || fail "refusal: $(cat "$tmp/err")"
    [ ! -e "$tmp/weak.tj" ] || fail "the refused journal was left behind"
    if "$B/trinnctl" journal passwd "$tmp/min.tj" --passphrase-file "$tmp/pw" \
        --new-passphrase-file "$tmp/pw2" "${weak[@]}" >/dev/null 2>"$tmp/err"; then
        fail "a shipped build re-keyed with test costs"
    fi
    grep -q 'below the minimum' "$tmp/err" || fail "passwd refusal: $(cat "$tmp/err")"
    "$B/trinnctl" journal verify "$tmp/min.tj" --passphrase-file "$tmp/pw" >/dev/null ||
        fail "the old passphrase no longer opens the journal after the refused change"
    if [ -x "$B/trinn" ]; then
        if SDL_VIDEODRIVER=dummy "$B/trinn" --script "$tmp/quit.json" --data-dir "$tmp/data" \
            --kdf-cost test >/dev/null 2>"$tmp/err"; then
            fail "a shipped trinn accepted --kdf-cost test"
        fi
        grep -q 'no test costs' "$tmp/err" || fail "trinn refusal: $(cat "$tmp/err")"
    fi
else
    fail "TRINN_TEST_COSTS must be ON or OFF, not '$mode'"
fi
echo "journal costs ($mode): ok"
