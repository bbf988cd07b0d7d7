#!/usr/bin/env bash
# trinnctl journal: every subcommand end to end, passphrases only from files, exact outputs.
set -euo pipefail
T=${TRINN_BIN:?}/trinnctl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
J=$tmp/j.tj
printf 'first pass phrase\nsecond line is ignored\n' >"$tmp/pw"
printf 'andre passord\n' >"$tmp/pw2"
printf 'not it\n' >"$tmp/bad"

out=$("$T" journal create "$J" --passphrase-file "$tmp/pw" "${cheap[@]}")
[ "$out" = "{\"created\":\"$J\"}" ] || fail "create printed: $out"
if "$T" journal create "$J" --passphrase-file "$tmp/pw" "${cheap[@]}" 2>"$tmp/err"; then
    fail "create overwrote an existing journal"
fi
grep -q "exists already" "$tmp/err" || fail "create on existing: $(cat "$tmp/err")"

# append: one {"seq":N} per durable record, in order.
out=$(printf '%s\n' \
    '{"type":"checkin","ts":"2026-11-20T08:00:00Z","mood":4,"sleep_hours":6,"note":""}' \
    '' \
    '{"type":"session","ts":"2026-11-22T12:00:00Z","attended":true,"note":"bra"}' \
    '{"type":"checkin","ts":"2026-11-25T08:00:00+01:00","mood":6,"sleep_hours":7.5,"note":"x"}' |
    "$T" journal append "$J" --passphrase-file "$tmp/pw")
[ "$out" = $'{"seq":1}\n{"seq":2}\n{"seq":3}' ] || fail "append printed: $out"

# A bad line stops the append with its line number; earlier lines stay acknowledged.
if out=$(printf '%s\n' '{"type":"checkin","ts":"2026-11-26T08:00:00Z","mood":1}' '{"type":"checkin"}' \
    '{"type":"checkin","ts":"2026-11-26T09:00:00Z","mood":2}' |
    "$T" journal append "$J" --passphrase-file "$tmp/pw" 2>"$tmp/err"); then
    fail "append accepted a record without ts"
fi
[ "$out" = '{"seq":4}' ] || fail "append before the bad line printed: $out"
grep -q 'stdin line 2: .*"ts"' "$tmp/err" || fail "bad line message: $(cat "$tmp/err")"

# list: JSON lines in order, filters by type and time.
n=$("$T" journal list "$J" --passphrase-file "$tmp/pw" | wc -l)
[ "$n" = 4 ] || fail "list gave $n lines"
out=$("$T" journal list "$J" --passphrase-file "$tmp/pw" --type checkin --since 2026-11-21 --until 2026-11-25T23:59:59Z)
[ "$out" = '{"type":"checkin","ts":"2026-11-25T08:00:00+01:00","mood":6,"sleep_hours":7.5,"note":"x"}' ] ||
    fail "filtered list: $out"
out=$("$T" journal list "$J" --passphrase-file "$tmp/pw" --type session)
[ "$out" = '{"type":"session","ts":"2026-11-22T12:00:00Z","attended":true,"note":"bra"}' ] || fail "type list: $out"
if "$T" journal list "$J" --passphrase-file "$tmp/pw" --since yesterday 2>"$tmp/err"; then fail "bad --since accepted"; fi

# verify
out=$("$T" journal verify "$J" --passphrase-file "$tmp/pw")
[ "$out" = '{"ok":true,"records":4,"warnings":[]}' ] || fail "verify: $out"

# wrong passphrase: clear message, nothing personal.
if "$T" journal list "$J" --passphrase-file "$tmp/bad" 2>"$tmp/err"; then fail "wrong passphrase accepted"; fi
grep -q "wrong passphrase" "$tmp/err" || fail "wrong passphrase message: $(cat "$tmp/err")"
if grep -q "not it" "$tmp/err"; then fail "the passphrase leaked into a message"; fi

# passphrases never on the command line
if "$T" journal list "$J" --passphrase "first pass phrase" 2>/dev/null; then fail "--passphrase accepted"; fi

# passwd: the new passphrase works, the old one not.
"$T" journal passwd "$J" --passphrase-file "$tmp/pw" --new-passphrase-file "$tmp/pw2" "${cheap[@]}" >/dev/null
if "$T" journal list "$J" --passphrase-file "$tmp/pw" 2>/dev/null >/dev/null; then fail "old passphrase still works"; fi
[ "$("$T" journal list "$J" --passphrase-file "$tmp/pw2" | wc -l)" = 4 ] || fail "records after passwd"

# export: plain JSON with a warning, never over an existing file.
"$T" journal export "$J" "$tmp/out.json" --passphrase-file "$tmp/pw2" >"$tmp/out" 2>"$tmp/err"
grep -q 'NOT encrypted' "$tmp/err" || fail "export warning missing: $(cat "$tmp/err")"
grep -q '"records":4' "$tmp/out" || fail "export summary: $(cat "$tmp/out")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["records"])==4 and d["records"][1]["note"]=="bra"' "$tmp/out.json" ||
    fail "export is not the records as JSON"
# (Windows gives the file an owner-only access list instead; wine keeps no access lists, so
# under the emulator only the native build's mode can be checked: test_journal does on Windows.)
if [ -z "${TRINN_EMULATOR:-}" ]; then
    [ "$(stat -c %a "$tmp/out.json")" = 600 ] || fail "export mode"
fi
if "$T" journal export "$J" "$tmp/out.json" --passphrase-file "$tmp/pw2" 2>/dev/null; then fail "export overwrote"; fi

# verify names the record and the byte offset of damage.
cp "$J" "$tmp/damaged.tj"
size=$(stat -c %s "$tmp/damaged.tj")
# Every bit of the byte is flipped: writing a fixed 'X' left the file intact whenever the random
# ciphertext already held an 'X' there (1 run in 256).
old=$(od -An -tu1 -j $((size - 30)) -N1 "$tmp/damaged.tj" | tr -d ' ')
printf "\\$(printf '%03o' $((old ^ 255)))" | dd of="$tmp/damaged.tj" bs=1 seek=$((size - 30)) conv=notrunc 2>/dev/null
cmp -s "$J" "$tmp/damaged.tj" && fail "the damage was not written"
if "$T" journal verify "$tmp/damaged.tj" --passphrase-file "$tmp/pw2" 2>"$tmp/err"; then fail "verify accepted damage"; fi
grep -q 'record 4 at byte offset [0-9]' "$tmp/err" || fail "verify message: $(cat "$tmp/err")"

# A torn tail (crash mid-append) is dropped with a warning, and the next append cuts it off.
cp "$J" "$tmp/torn.tj"
printf '\x40\x01\x00\x00\x05\x00\x00\x00\x00\x00\x00\x00garbage' >>"$tmp/torn.tj"
out=$("$T" journal verify "$tmp/torn.tj" --passphrase-file "$tmp/pw2" 2>"$tmp/err")
grep -q '"records":4' <<<"$out" || fail "torn verify: $out"
grep -q 'warning: .*unfinished write' "$tmp/err" || fail "torn warning: $(cat "$tmp/err")"
echo '{"type":"checkin","ts":"2026-11-27T08:00:00Z","mood":5}' | "$T" journal append "$tmp/torn.tj" --passphrase-file "$tmp/pw2" 2>/dev/null >/dev/null
out=$("$T" journal verify "$tmp/torn.tj" --passphrase-file "$tmp/pw2" 2>"$tmp/err")
[ "$out" = '{"ok":true,"records":5,"warnings":[]}' ] || fail "after repair: $out $(cat "$tmp/err")"

# A newer format version is refused with a clear message.
cp "$J" "$tmp/v2.tj"
printf '\x02' | dd of="$tmp/v2.tj" bs=1 seek=8 conv=notrunc 2>/dev/null
if "$T" journal list "$tmp/v2.tj" --passphrase-file "$tmp/pw2" 2>"$tmp/err"; then fail "v2 accepted"; fi
grep -q 'newer Trinn' "$tmp/err" || fail "version message: $(cat "$tmp/err")"

# erase
out=$("$T" journal erase "$J")
[ "$out" = "{\"erased\":\"$J\"}" ] || fail "erase: $out"
[ ! -e "$J" ] || fail "journal still there"
if "$T" journal erase "$J" 2>/dev/null; then fail "erase of a missing journal succeeded"; fi
echo "journal cli: ok"
