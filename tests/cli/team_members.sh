#!/usr/bin/env bash
# A team of personal therapist profiles (issue 14, «The therapist»; core/EXCHANGE.md §8): the first
# therapist creates the team key; a colleague joins through an enrolment sealed to their own key,
# both sides comparing fingerprints; a wrong fingerprint, a file for someone else, an altered or cut
# file, a replayed one and a file that is no enrolment are each refused in their own words; each
# therapist's openings are in their own log; removing a therapist rotates the team key, the others
# follow the handover without a new fingerprint check, the removed one cannot open new reports;
# clients who pinned the old key follow it too (report create with the new card, assignment import),
# and a card or an assignment whose new key the pinned one did not hand over to is refused.
source "$(dirname "$0")/care_lib.sh"
json() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))$2)" "$1"; }
K=(--data-dir "$tmp/kari" ) O=(--data-dir "$tmp/ola") P=(--data-dir "$tmp/per")
KP=(--profile Kari --passphrase-file F) OP=(--profile Ola --passphrase-file F)
PP=(--profile Per --passphrase-file F)

"$T" "${K[@]}" profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH Bydel Nord" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null
for who in Ola Per; do
    "$T" --data-dir "$tmp/${who,,}" profile create --kind therapist --join --name "$who" \
        --passphrase-file F "${cheap[@]}" >/dev/null
done
"$T" "${K[@]}" team card "${KP[@]}" --out CARD1.json >/dev/null
fpr1=$(json CARD1.json '["fingerprint"]')
[ "$(json CARD1.json '["members"][0]["name"]')" = Kari ] || fail "the card lists its members: $(cat CARD1.json)"
refused "holds no team keys" "$T" "${O[@]}" team card "${OP[@]}" --out X.json

# Ola's member card; Kari enrols Ola only with Ola's fingerprint
"$T" "${O[@]}" team member "${OP[@]}" --out OLA.json >out 2>err || fail "team member: $(cat err)"
ofpr=$(json OLA.json '["fingerprint"]')
grep -q "compare its fingerprint $ofpr" err || fail "team member must say to compare: $(cat err)"
refused "fingerprint is not confirmed" "$T" "${K[@]}" team enrol "${KP[@]}" --member OLA.json --out O.trinn-enrol
grep -q "$ofpr" err || fail "the refusal names the fingerprint to compare: $(cat err)"
refused "not this member card's" "$T" "${K[@]}" team enrol "${KP[@]}" --member OLA.json \
    --trust "11111 22222 33333 44444 55555" --out O.trinn-enrol
refused "not a Trinn member card" "$T" "${K[@]}" team enrol "${KP[@]}" --member CARD1.json --trust x --out O.trinn-enrol
"$T" "${K[@]}" team member "${KP[@]}" --out KARI.json >/dev/null 2>&1
refused "your own member card" "$T" "${K[@]}" team enrol "${KP[@]}" --member KARI.json \
    --trust "$(json KARI.json '["fingerprint"]')" --out O.trinn-enrol
[ ! -e O.trinn-enrol ] || fail "a refused enrolment left a file"
"$T" "${K[@]}" team enrol "${KP[@]}" --member OLA.json --trust "$ofpr" --out O.trinn-enrol >out 2>err ||
    fail "team enrol: $(cat err)"
grep -q '"roster_serial":2' out || fail "enrol output: $(cat out)"
head -c 22 O.trinn-enrol | grep -q "age-encryption.org/v1" || fail "an enrolment is an age file"

# Ola joins: the team's fingerprint first, then with it
refused "compare it with a colleague" "$T" "${O[@]}" team join O.trinn-enrol "${OP[@]}"
grep -q "$fpr1" err && grep -q "sent by Kari" err || fail "join without --trust: $(cat err)"
refused "not this enrolment's team's" "$T" "${O[@]}" team join O.trinn-enrol "${OP[@]}" \
    --trust "11111 22222 33333 44444 55555"
# damaged, cut, someone else's, or no enrolment at all
python3 -c 'import sys; b=bytearray(open("O.trinn-enrol","rb").read()); b[-40]^=1; open("bad.trinn-enrol","wb").write(b)'
refused "refused (altered)" "$T" "${O[@]}" team join bad.trinn-enrol "${OP[@]}" --trust "$fpr1"
head -c -20 O.trinn-enrol >cut.trinn-enrol
refused "cut" "$T" "${O[@]}" team join cut.trinn-enrol "${OP[@]}" --trust "$fpr1"
refused "refused (not_for_us)" "$T" "${P[@]}" team join O.trinn-enrol "${PP[@]}" --trust "$fpr1"
grep -q "sealed to another therapist's key" err || fail "someone else's enrolment: $(cat err)"
"$T" "${K[@]}" assign "${KP[@]}" --client klient-7 --modules activity --measures phq9:weekly \
    --expires 2099-12-31 --out A1.trinn-oppdrag >/dev/null
refused "not an enrolment file" "$T" "${O[@]}" team join A1.trinn-oppdrag "${OP[@]}" --trust "$fpr1"
"$T" "${O[@]}" team join O.trinn-enrol "${OP[@]}" --trust "$fpr1" >out 2>err || fail "join: $(cat err)"
grep -q '"enrolled_by":"Kari"' out && grep -q '"members":2' out || fail "join output: $(cat out)"
refused "refused (replayed)" "$T" "${O[@]}" team join O.trinn-enrol "${OP[@]}"
"$T" "${O[@]}" team card "${OP[@]}" --out CARD_OLA.json >/dev/null
[ "$(json CARD_OLA.json '["fingerprint"]')" = "$fpr1" ] || fail "Ola holds another team key"
[ "$(json CARD_OLA.json '["members"][1]["name"]')" = Ola ] || fail "Ola's roster: $(cat CARD_OLA.json)"
# the personal keys never leave in clear either
id=$("$T" "${O[@]}" profile list | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
"$T" journal export "$tmp/ola/profiles/$id.trinn" OLA_EXPORT.json --passphrase-file F >/dev/null 2>&1
! grep -q 'sign_secret\|box_secret' OLA_EXPORT.json || fail "a member's export holds secret keys"

# Per joins too
"$T" "${P[@]}" team member "${PP[@]}" --out PER.json >/dev/null 2>&1
"$T" "${K[@]}" team enrol "${KP[@]}" --member PER.json --trust "$(json PER.json '["fingerprint"]')" \
    --out P.trinn-enrol >/dev/null 2>&1 || fail "enrol Per"
"$T" "${P[@]}" team join P.trinn-enrol "${PP[@]}" --trust "$fpr1" >/dev/null 2>&1 || fail "Per joins"

# a client pairs with the team; Ola opens its report: in Ola's log, not in Kari's
C=(--data-dir "$tmp/client") CP=(--profile Cato --passphrase-file F2)
"$T" "${C[@]}" profile create --kind client --name Cato --passphrase-file F2 "${cheap[@]}" >/dev/null
"$T" "${C[@]}" assignment import A1.trinn-oppdrag "${CP[@]}" --trust "$fpr1" >/dev/null 2>&1 || fail "import"
"$T" "${C[@]}" report create "${CP[@]}" --to CARD1.json --out R1.trinn-rapport >/dev/null 2>&1 || fail "report 1"
"$T" "${O[@]}" report open R1.trinn-rapport "${OP[@]}" >/dev/null 2>err || fail "Ola opens: $(cat err)"
"$T" "${O[@]}" team log "${OP[@]}" --json >log 2>/dev/null
python3 -c 'import json; l=json.load(open("log"))["log"]; assert [e["event"] for e in l]==["team_joined","report_opened"] and l[1]["by"]=="Ola" and l[0]["by"]=="Kari", l' ||
    fail "Ola's log: $(cat log)"
"$T" "${K[@]}" team log "${KP[@]}" --json >log 2>/dev/null
python3 - "$ofpr" <<'PY' || fail "Kari's log: $(cat log)"
import json, sys
l = json.load(open("log"))["log"]
assert [e["event"] for e in l] == ["team_created", "member_enrolled", "member_enrolled"], l
assert l[1]["member"] == sys.argv[1] and l[1]["by"] == "Kari", l
PY

# a second client pins the team's first key
D=(--data-dir "$tmp/client2") DP=(--profile Dina --passphrase-file F2)
"$T" "${D[@]}" profile create --kind client --name Dina --passphrase-file F2 "${cheap[@]}" >/dev/null
"$T" "${K[@]}" assign "${KP[@]}" --client dina --modules sleep --measures gad7:weekly \
    --expires 2099-12-31 --out OLD.trinn-oppdrag >/dev/null 2>&1
"$T" "${D[@]}" assignment import OLD.trinn-oppdrag "${DP[@]}" --trust "$fpr1" >/dev/null 2>&1 || fail "Dina pins"

# removal: not oneself, not a stranger; removing Ola rotates the key and enrols Per anew
refused "cannot remove yourself" "$T" "${K[@]}" team remove "${KP[@]}" --member Kari --out-dir NEW
refused "no member of the team" "$T" "${K[@]}" team remove "${KP[@]}" --member Nobody --out-dir NEW
"$T" "${K[@]}" team remove "${KP[@]}" --member "$ofpr" --out-dir NEW >out 2>err || fail "remove: $(cat err)"
grep -q '"removed":"Ola"' out && grep -q '"members":2' out || fail "remove output: $(cat out)"
"$T" "${K[@]}" team log "${KP[@]}" >log 2>/dev/null
grep -q "member_removed: member $ofpr by Kari" log && grep -q "key_rotated by Kari" log ||
    fail "the removal and rotation are not in Kari's log: $(cat log)"
ls NEW/Per-*.trinn-enrol >/dev/null 2>&1 && [ "$(ls NEW | wc -l)" = 1 ] || fail "enrolments: $(ls NEW)"
"$T" "${K[@]}" team card "${KP[@]}" --out CARD2.json >/dev/null
fpr2=$(json CARD2.json '["fingerprint"]')
[ "$fpr2" != "$fpr1" ] || fail "the key was not rotated"
python3 -c 'import json,sys; c=json.load(open("CARD2.json")); assert [m["name"] for m in c["members"]]==["Kari","Per"] and len(c["rotations"])==1, c' ||
    fail "the new card: $(cat CARD2.json)"
# Per follows the handover without comparing a new fingerprint; Ola's old file cannot be reused
"$T" "${P[@]}" team join NEW/Per-*.trinn-enrol "${PP[@]}" >out 2>err || fail "Per follows: $(cat err)"
grep -q '"rotations_followed":1' out || fail "Per's join: $(cat out)"
refused "refused (not_for_us)" "$T" "${O[@]}" team join NEW/Per-*.trinn-enrol "${OP[@]}"

# the client follows the new key: a report to the new card is taken, Per opens it, Ola cannot
"$T" "${C[@]}" report create "${CP[@]}" --to CARD2.json --out R2.trinn-rapport >/dev/null 2>err ||
    fail "report to the rotated card: $(cat err)"
grep -q "key changed, handed over by the key you paired with" err || fail "no word of the new key: $(cat err)"
"$T" "${P[@]}" report open R2.trinn-rapport "${PP[@]}" >/dev/null 2>err || fail "Per opens: $(cat err)"
refused "refused (not_for_us)" "$T" "${O[@]}" report open R2.trinn-rapport "${OP[@]}"
# a second client who pinned the old key imports an assignment signed by the new one
"$T" "${K[@]}" assign "${KP[@]}" --client dina --modules sleep --measures gad7:weekly \
    --expires 2099-12-31 --out NEW.trinn-oppdrag >/dev/null 2>&1
"$T" "${D[@]}" assignment import NEW.trinn-oppdrag "${DP[@]}" >out 2>err || fail "follow in import: $(cat err)"
# cards and assignments whose new key the pinned one did not hand over to
"$T" --data-dir "$tmp/eva" profile create --kind therapist --name Eva --passphrase-file F "${cheap[@]}" >/dev/null
"$T" --data-dir "$tmp/eva" team card --profile Eva --passphrase-file F --out EVA.json >/dev/null
refused "did not hand over" "$T" "${C[@]}" report create "${CP[@]}" --to EVA.json --out X.trinn-rapport
python3 -c 'import json; c=json.load(open("CARD2.json")); del c["rotations"]; json.dump(c, open("NOROT.json","w"))'
refused "did not hand over" "$T" "${D[@]}" report create "${DP[@]}" --to CARD1.json --out X.trinn-rapport
python3 - <<'PY'
import json
c = json.load(open("CARD2.json"))
s = c["rotations"][0]["signature"].split("\n")
s[1] = s[1][:10] + ("A" if s[1][10] != "A" else "B") + s[1][11:]
c["rotations"][0]["signature"] = "\n".join(s)
json.dump(c, open("FORGED.json", "w"))
PY
C3=(--data-dir "$tmp/client3") C3P=(--profile Eli --passphrase-file F2)
"$T" "${C3[@]}" profile create --kind client --name Eli --passphrase-file F2 "${cheap[@]}" >/dev/null
"$T" "${C3[@]}" assignment import A1.trinn-oppdrag "${C3P[@]}" --trust "$fpr1" >/dev/null 2>&1 || fail "Eli pins"
refused "did not hand over" "$T" "${C3[@]}" report create "${C3P[@]}" --to NOROT.json --out X.trinn-rapport
refused "not validly signed" "$T" "${C3[@]}" report create "${C3P[@]}" --to FORGED.json --out X.trinn-rapport
for n in 1 2; do # (number 2: above what Eli accepted, so only the key is wrong)
    "$T" --data-dir "$tmp/eva" assign --profile Eva --passphrase-file F --client klient-7 \
        --modules sleep --measures gad7:weekly --expires 2099-12-31 --out EVA.trinn-oppdrag >/dev/null 2>&1
done
refused "did not hand over" "$T" "${C3[@]}" assignment import EVA.trinn-oppdrag "${C3P[@]}"
[ ! -e X.trinn-rapport ] || fail "a refused report left a file"
echo "team members ok"
