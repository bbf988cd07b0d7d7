#!/usr/bin/env bash
# trinnctl logic: prints the result of a rule on data; bad rules and files fail clearly.
set -euo pipefail
ctl="$TRINN_BIN/trinnctl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

printf '%s' '{"if":[{">=":[{"var":"scores.phq9.total"},10]},"moderate","mild"]}' >"$tmp/rule.json"
printf '%s' '{"scores":{"phq9":{"total":14}}}' >"$tmp/data.json"
out=$("$ctl" logic "$tmp/rule.json" "$tmp/data.json")
[ "$out" = '"moderate"' ] || fail "got $out"

printf '%s' '{"cat":[{"+":[0.1,0.2]}," ",1e21]}' >"$tmp/num.json"
out=$("$ctl" logic "$tmp/num.json")
[ "$out" = '"0.30000000000000004 1e+21"' ] || fail "number text: got $out"

printf '%s' '{"equals":[1,1]}' >"$tmp/bad.json"
if "$ctl" logic "$tmp/bad.json" 2>"$tmp/err"; then fail "unknown operation accepted"; fi
grep -q "unrecognised operation 'equals'" "$tmp/err" || fail "message: $(cat "$tmp/err")"

printf '{"var":"a"' >"$tmp/trunc.json"
if "$ctl" logic "$tmp/trunc.json" 2>"$tmp/err"; then fail "truncated JSON accepted"; fi
grep -q "trunc.json:1:" "$tmp/err" || fail "no line:col in $(cat "$tmp/err")"

if "$ctl" logic "$tmp/missing.json" 2>/dev/null; then fail "missing file accepted"; fi
if "$ctl" logic 2>/dev/null; then fail "no arguments accepted"; fi
echo "logic cli ok"
