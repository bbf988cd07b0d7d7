#!/usr/bin/env bash
# SIGKILL a writing 'trinnctl journal append' many times at random moments. After each kill:
# the journal verifies, and every record whose {"seq":N} was printed is there, in order.
set -euo pipefail
T=${TRINN_BIN:?}/trinnctl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
J=$tmp/k.tj
KILLS=${JOURNAL_KILLS:-40}
# Under an emulator (the Windows build under wine) a program takes about half a second to
# start: kill it a second later than natively, so the kills land while it writes.
wait_s=0
if [ -n "${TRINN_EMULATOR:-}" ]; then
    wait_s=1
    KILLS=${JOURNAL_KILLS:-15}
fi
printf 'kill test pass\n' >"$tmp/pw"
"$T" journal create "$J" --passphrase-file "$tmp/pw" --kdf-ops 1 --kdf-mem-kib 8 >/dev/null
acked=0
for k in $(seq 1 "$KILLS"); do
    # An endless stream of records whose text encodes the round, so we can check content.
    (while :; do echo "{\"type\":\"checkin\",\"ts\":\"2026-11-26T10:00:00Z\",\"round\":$k,\"note\":\"$(printf 'x%.0s' $(seq 1 200))\"}"; done) |
        "$T" journal append "$J" --passphrase-file "$tmp/pw" >"$tmp/out.$k" 2>/dev/null &
    pid=$!
    sleep "$wait_s.0$((RANDOM % 9 + 1))"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    last=$(grep -o '[0-9]\+' "$tmp/out.$k" | tail -n 1 || true)
    [ -z "$last" ] || acked=$last
    "$T" journal verify "$J" --passphrase-file "$tmp/pw" >"$tmp/v" 2>"$tmp/err" ||
        fail "round $k: verify failed: $(cat "$tmp/err")"
    have=$(grep -o '"records":[0-9]*' "$tmp/v" | cut -d: -f2)
    [ "$have" -ge "$acked" ] || fail "round $k: $acked acknowledged but only $have records"
done
# Every record is intact and in order: rounds never decrease.
"$T" journal list "$J" --passphrase-file "$tmp/pw" | grep -o '"round":[0-9]*' | cut -d: -f2 >"$tmp/rounds"
sort -n -c "$tmp/rounds" || fail "records out of order"
echo "killed $KILLS times; $(wc -l <"$tmp/rounds") records, last acknowledged seq $acked: ok"
