#!/usr/bin/env bash
# Two therapists of one team assign to the same client (issue 14; core/EXCHANGE.md §6): each
# numbered their files from 1, so the client refused the second therapist's first file as
# replayed. Numbers now rise with time and carry a tag of the therapist's own key: the client
# takes Kari's file, then Per's, then Kari's next, each numbered above the one before and none
# twice; the same file again is still refused as replayed.
source "$(dirname "$0")/care_lib.sh"
json() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))$2)" "$1"; }
K=(--data-dir "$tmp/kari") P=(--data-dir "$tmp/per") C=(--data-dir "$tmp/client")
KP=(--profile Kari --passphrase-file F) PP=(--profile Per --passphrase-file F)
CP=(--profile Ola --passphrase-file F2)

"$T" "${K[@]}" profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH Bydel Nord" "${cheap[@]}" >/dev/null
"$T" "${P[@]}" profile create --kind therapist --join --name Per --passphrase-file F \
    "${cheap[@]}" >/dev/null
"$T" "${K[@]}" team card "${KP[@]}" --out CARD.json >/dev/null
fpr=$(json CARD.json '["fingerprint"]')
"$T" "${P[@]}" team member "${PP[@]}" --out PER.json >/dev/null 2>&1
"$T" "${K[@]}" team enrol "${KP[@]}" --member PER.json --trust "$(json PER.json '["fingerprint"]')" \
    --out P.trinn-enrol >/dev/null
"$T" "${P[@]}" team join P.trinn-enrol "${PP[@]}" --trust "$fpr" >/dev/null
"$T" "${C[@]}" profile create --kind client --name Ola --passphrase-file F2 "${cheap[@]}" >/dev/null

assign() { # data-dir-args... -- out: an assignment to klient-7, its number printed
    "$T" "$@" --client klient-7 --modules activity --measures phq9:weekly --expires 2099-12-31 \
        >out 2>err || fail "assign: $(cat err)"
    python3 -c 'import json,sys; print(json.load(open("out"))["seq"])'
}
n1=$(assign "${K[@]}" assign "${KP[@]}" --out K1.trinn-oppdrag)
"$T" "${C[@]}" assignment import K1.trinn-oppdrag "${CP[@]}" --trust "$fpr" >/dev/null 2>err ||
    fail "Kari's first: $(cat err)"
sleep 1 # Per assigns a second later: within one second the order is the keys' tags, not time
n2=$(assign "${P[@]}" assign "${PP[@]}" --out P1.trinn-oppdrag)
"$T" "${C[@]}" assignment import P1.trinn-oppdrag "${CP[@]}" >/dev/null 2>err ||
    fail "Per's first file (number $n2, after Kari's $n1) was refused: $(cat err)"
sleep 1 # (a later second: the numbers follow the clock)
n3=$(assign "${K[@]}" assign "${KP[@]}" --out K2.trinn-oppdrag)
"$T" "${C[@]}" assignment import K2.trinn-oppdrag "${CP[@]}" >/dev/null 2>err ||
    fail "Kari's second file (number $n3, after Per's $n2) was refused: $(cat err)"
[ "$n1" != "$n2" ] && [ "$n2" != "$n3" ] && [ "$n1" -lt "$n3" ] || fail "numbers $n1 $n2 $n3"
"$T" assignment unpack P1.trinn-oppdrag --out un >/dev/null
grep -q "trusted comment: trinn-oppdrag 1 client:klient-7 seq:$n2 " un/assignment.json.minisig ||
    fail "the signed number: $(cat un/assignment.json.minisig)"
if "$T" "${C[@]}" assignment import P1.trinn-oppdrag "${CP[@]}" >/dev/null 2>err; then
    fail "the same file twice was taken"
fi
grep -q "replayed" err || fail "the same file twice: $(cat err)"
echo "team numbers ok ($n1 $n2 $n3)"
