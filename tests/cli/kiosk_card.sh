#!/usr/bin/env bash
# Issue 15: the team card lists the kiosks whose hand-ins the team accepts (core/EXCHANGE.md §5,
# "kiosks"): key id, fingerprint and label as `kiosk init` and `kiosk enrol --label` gave them;
# a revoked kiosk drops off, a kiosk enrolled again keeps its label; a card made before any
# kiosk has no list; a bad label is refused; a client importing an assignment (whose card is
# the team's) is unaffected, and reports to the card with the list as to any card.
source "$(dirname "$0")/care_lib.sh"
K=("$T" --data-dir team kiosk)
P=(--profile Kari --passphrase-file F)
card() { "$T" --data-dir team team card "${P[@]}" --out "$1" >/dev/null || fail "team card $1"; }
kiosks() { python3 -c '
import json, sys
for k in json.load(open(sys.argv[1])).get("kiosks", []):
    print(k["key_id"], k["fingerprint"], k.get("label", "-"), sep="|")' "$1"; }

"$T" --data-dir team profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH Bydel Nord" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null
card none.json
python3 -c 'import json,sys; sys.exit("kiosks" in json.load(open("none.json")))' ||
    fail "a card with no kiosk enrolled has a list: $(cat none.json)"

"$T" kiosk init --out a.key >a.json 2>/dev/null
"$T" kiosk init --out b.key >b.json 2>/dev/null
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
"${K[@]}" enrol "${P[@]}" --key a.json --label "Venterommet, 1. etasje" >/dev/null || fail "enrol a"
"${K[@]}" enrol "${P[@]}" --key b.json >/dev/null || fail "enrol b"
if "${K[@]}" enrol "${P[@]}" --key b.json --label "$(printf 'two\nlines')" >/dev/null 2>err; then
    fail "a label of two lines was accepted"
fi
grep -q "label" err || fail "bad label: $(cat err)"
card two.json
want_a="$(field a.json key_id)|$(field a.json fingerprint)|Venterommet, 1. etasje"
want_b="$(field b.json key_id)|$(field b.json fingerprint)|-"
[ "$(kiosks two.json)" = "$(printf '%s\n%s' "$want_a" "$want_b")" ] ||
    fail "the card's kiosks: $(kiosks two.json), expected $want_a and $want_b"

# revoked: off the card; enrolled again without a label: keeps the one it had
"${K[@]}" revoke "${P[@]}" --key b.json >/dev/null || fail "revoke b"
"${K[@]}" enrol "${P[@]}" --key a.json >/dev/null || fail "enrol a again"
card one.json
[ "$(kiosks one.json)" = "$want_a" ] || fail "after revoking b: $(kiosks one.json)"

# a client pairs through an assignment and reports to the card with the list, as to any card
fpr=$(field one.json fingerprint)
"$T" --data-dir team assign "${P[@]}" --client klient-7 --modules activity \
    --expires 2099-12-31 --out X.trinn-oppdrag >/dev/null || fail "assign"
"$T" --data-dir client profile create --kind client --name Ola --passphrase-file F2 \
    "${cheap[@]}" >/dev/null
"$T" --data-dir client assignment import X.trinn-oppdrag --profile Ola --passphrase-file F2 \
    --trust "$fpr" >out 2>err || fail "the client's import: $(cat err)"
grep -q '"first":true' out || fail "import: $(cat out)"
"$T" --data-dir client report create --profile Ola --passphrase-file F2 --to one.json \
    --share assessment --out R.trinn-rapport >out 2>err || fail "a report to the card with its kiosks: $(cat err)"
"$T" --data-dir team report open R.trinn-rapport "${P[@]}" >out 2>err ||
    fail "the team opens it: $(cat err)"
echo ok
