#!/usr/bin/env bash
# The exchange formats against the standard tools (core/EXCHANGE.md): `minisign -Vm` verifies
# what Trinn signed and Trinn verifies what minisign signed (key from `minisign -G -W`); `age -d`
# opens what Trinn sealed and Trinn opens what `age -r` sealed, with an `age-keygen` identity;
# `trinnctl assignment unpack` gives files `minisign -Vm` accepts; the inner text of a report is
# a minisign signature too; a report sealed with plain age is refused for lacking it.
set -euo pipefail
B=${TRINN_BIN:?}
X=$B/exch_tool
T=$B/trinnctl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v minisign >/dev/null || fail "minisign is not installed (test.sh installs it)"
command -v age >/dev/null || fail "age is not installed (test.sh installs it)"

# --- minisign signs, Trinn verifies
minisign -G -W -p ms.pub -s ms.key >/dev/null
printf 'a file\n' >doc.txt
minisign -Sm doc.txt -s ms.key -t "made by minisign" >/dev/null
[ "$("$X" ms-verify ms.pub doc.txt)" = "made by minisign" ] || fail "Trinn did not verify minisign's signature"
printf 'b file\n' >doc.txt
"$X" ms-verify ms.pub doc.txt 2>err && fail "Trinn verified an altered file"
grep -q "altered" err || fail "altered file: $(cat err)"
minisign -Sm doc.txt -s ms.key -l >/dev/null 2>&1 # legacy (not prehashed) signature
"$X" ms-verify ms.pub doc.txt 2>err && fail "Trinn took a legacy signature"
grep -q "legacy" err || fail "legacy signature: $(cat err)"

# --- Trinn signs, minisign verifies
"$X" ms-keygen t.sec t.pub
head -c 300000 /dev/urandom >big.bin
"$X" ms-sign t.sec big.bin "timestamp:1 file:big.bin"
minisign -Vm big.bin -p t.pub >out || fail "minisign refused Trinn's signature"
grep -q "Trusted comment: timestamp:1 file:big.bin" out || fail "trusted comment: $(cat out)"
printf x >>big.bin
minisign -Vm big.bin -p t.pub >/dev/null 2>&1 && fail "minisign accepted an altered file"

# --- age seals, Trinn opens (an age-keygen identity; an empty, a one-chunk and a 3-chunk file)
age-keygen -o id.txt 2>/dev/null
rcpt=$(grep '^# public key: ' id.txt | cut -d' ' -f4)
[ "$("$X" age-recipient id.txt)" = "$rcpt" ] || fail "age-keygen identity loads to another key"
: >empty
printf 'hello\n' >small
head -c 150000 /dev/urandom >three
for f in empty small three; do
    age -r "$rcpt" -o "$f.age" "$f"
    "$X" age-dec id.txt "$f.age" "$f.out" || fail "Trinn could not open age's $f"
    cmp -s "$f" "$f.out" || fail "Trinn opened age's $f to other bytes"
done
"$X" age-keygen other.txt >/dev/null
"$X" age-dec other.txt small.age x 2>err && fail "opened with the wrong key"
grep -q "not sealed to this key" err || fail "wrong key: $(cat err)"
age -a -r "$rcpt" -o armored.age small
"$X" age-dec id.txt armored.age x 2>err && fail "took an armored file"
grep -q "armored" err || fail "armored: $(cat err)"

# --- Trinn seals, age opens
trcpt=$("$X" age-keygen tid.txt)
for f in empty small three big.bin; do
    "$X" age-enc "$trcpt" "$f" "$f.t.age"
    age -d -i tid.txt "$f.t.age" >"$f.t.out" || fail "age could not open Trinn's $f"
    cmp -s "$f" "$f.t.out" || fail "age opened Trinn's $f to other bytes"
done

# --- an assignment: unpack gives what minisign -Vm accepts with the team's key
printf '{"modules":["activity"],"measures":[{"id":"phq9","every":"week"}]}' >payload.json
"$X" oppdrag-write t.sec payload.json klient-7 1 2030-01-31 a.trinn-oppdrag
"$T" assignment unpack a.trinn-oppdrag --out unpacked >out || fail "unpack refused a good file"
grep -q '"client":"klient-7"' out || fail "unpack output: $(cat out)"
cmp -s payload.json unpacked/assignment.json || fail "unpack changed the payload"
minisign -Vm unpacked/assignment.json -p t.pub >out || fail "minisign refused the unpacked assignment"
grep -q "Trusted comment: trinn-oppdrag 1 client:klient-7 seq:1 expires:2030-01-31" out ||
    fail "assignment trusted comment: $(cat out)"
minisign -Vm unpacked/assignment.json -p ms.pub >/dev/null 2>&1 && fail "minisign took another key"
sed 's/klient-7/klient-8/' a.trinn-oppdrag >b.trinn-oppdrag
"$T" assignment unpack b.trinn-oppdrag --out u2 2>err && fail "unpack took an altered file"
grep -q "refused (altered)" err || fail "altered assignment: $(cat err)"
[ ! -e u2/assignment.json ] || fail "an altered assignment was written out"

# --- a report: age -d with the team key gives the inner container, whose signature minisign checks
printf '{"sender_key":"%s","measures":[]}' "$(tail -n1 t.pub)" >report.json
"$X" rapport-write t.sec "$trcpt" report.json rep-1 1 r.trinn-rapport
age -d -i tid.txt r.trinn-rapport >inner || fail "age could not open a report"
[ "$(head -n1 inner)" = "trinn-rapport 1" ] || fail "inner container: $(head -n1 inner)"
sed -n 2p inner | base64 -d >inner.json
cmp -s report.json inner.json || fail "the report payload changed"
tail -n4 inner >inner.json.minisig
minisign -Vm inner.json -p t.pub >out || fail "minisign refused the report's inner signature"
grep -q "Trusted comment: trinn-rapport 1 report:rep-1 to:[0-9A-F]\{16\} seq:1" out ||
    fail "report trusted comment: $(cat out)"
"$X" rapport-read tid.txt r.trinn-rapport >/dev/null || fail "Trinn refused its own report"
# plain age to the team key: opens, then refused for lacking the inner signature
age -r "$trcpt" -o plain.trinn-rapport report.json
"$X" rapport-read tid.txt plain.trinn-rapport 2>err && fail "took a report without a signature"
grep -q "refused unsigned: .*no signed Trinn report" err || fail "plain age report: $(cat err)"
echo "exchange interop: ok"
