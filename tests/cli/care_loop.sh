#!/usr/bin/env bash
# The care loop with trinnctl, in the forms issue 14 fixes (core/EXCHANGE.md §5-7; --profile
# NAME finds the one unlabelled profile of that kind and checks the name inside it): a therapist
# profile makes its team card, exports its keys and makes an assignment; minisign -Vm checks the
# unpacked assignment with the exported key; a client's first import is refused without the
# fingerprint or with a wrong one and pins the team with the right one; the same file again is
# refused as replayed; the client's report carries the PHQ-9 item 9 answer although only the
# assessment was chosen; age -d opens the report with the exported key; the therapist opens it
# (risk first), once; a report sealed with plain age, a changed byte, a report to a card whose
# fingerprint changed, and a therapist of another team are refused, each in its own words.
set -euo pipefail
T=${TRINN_BIN:?}/trinnctl
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*" >&2; exit 1; }
refused() { # why words command...: fails unless the command fails with both on stderr
    local why=$1 words=$2
    shift 2
    if setsid -w "$@" </dev/null >out 2>err; then fail "accepted: $*"; fi
    grep -q "$why" err && grep -q "$words" err || fail "expected $why / '$words': $(cat err)"
    ! grep -q "Sanitizer" err || fail "sanitizer report: $(cat err)"
}
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
printf 'fjell kaffe trikk solsikke\n' >F
# (four words: the Windows build's cautious strength stand-in rates the first three 40 bits)
printf 'blåbær sykkel regnjakke tulipan\n' >F2
D=$tmp/team D2=$tmp/client D3=$tmp/other

"$T" --data-dir "$D" profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH Bydel Nord" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null
"$T" --data-dir "$D" team card --profile Kari --passphrase-file F --out CARD.json >out
fpr=$(python3 -c 'import json; print(json.load(open("CARD.json"))["fingerprint"])')
[[ $fpr =~ ^[0-9]{5}\ [0-9]{5}\ [0-9]{5}\ [0-9]{5}\ [0-9]{5}$ ]] || fail "fingerprint: $fpr"
grep -q "\"fingerprint\":\"$fpr\"" out || fail "team card output: $(cat out)"
"$T" --data-dir "$D" team export --profile Kari --passphrase-file F \
    --minisign-pub TEAM.pub --age-identity TEAM.key >out 2>err
grep -q "secret key" err || fail "team export did not warn: $(cat err)"
# (the Windows build under wine: an owner-only access list that wine does not keep, so only the
# native build's mode can be checked; test_journal checks the list on a real Windows)
if [ -z "${TRINN_EMULATOR:-}" ]; then
    [ "$(stat -c %a TEAM.key)" = 600 ] || fail "TEAM.key is not 0600"
fi
"$T" --data-dir "$D" assign --profile Kari --passphrase-file F --client klient-7 \
    --modules activity,sleep --measures phq9:weekly --expires 2099-12-31 --out X.trinn-oppdrag >out
grep -q '"seq":[1-9][0-9]\{14\}' out || fail "assign (a time-based number): $(cat out)"
"$T" assignment unpack X.trinn-oppdrag --out unpacked >/dev/null
minisign -Vm unpacked/assignment.json -p TEAM.pub >/dev/null || fail "minisign refused the assignment"

"$T" --data-dir "$D2" profile create --kind client --name Ola --passphrase-file F2 \
    "${cheap[@]}" >/dev/null
I=("$T" --data-dir "$D2" assignment import X.trinn-oppdrag --profile Ola --passphrase-file F2)
refused "" "its fingerprint is $fpr" "${I[@]}"
refused "refused (other_team)" "fingerprint you gave" "${I[@]}" --trust "11111 22222 33333 44444 55555"
"${I[@]}" --trust "$fpr" >out 2>err || fail "import with the right fingerprint: $(cat err)"
grep -q '"first":true' out || fail "import: $(cat out)"
refused "refused (replayed)" "not newer" "${I[@]}"

# the client answers a PHQ-9 with item 9 above 0, then shares only the assessment
id=$("$T" --data-dir "$D2" profile list | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
echo '{"type":"measure","ts":"2026-12-04T20:00:00Z","instrument":"phq9","answers":{"phq9_1":2,"phq9_9":1},"total":12}' |
    "$T" journal append "$D2/profiles/$id.trinn" --passphrase-file F2 >/dev/null
echo '{"type":"checkin","ts":"2026-12-04T21:00:00Z","mood":3,"sleep_hours":6,"note":"privat notat"}' |
    "$T" journal append "$D2/profiles/$id.trinn" --passphrase-file F2 >/dev/null
"$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 --to CARD.json \
    --share assessment --out Y.trinn-rapport >out 2>err || fail "report create: $(cat err)"
grep -q "1 carry a risk flag" err || fail "report create did not say what it sends: $(cat err)"
age -d -i TEAM.key Y.trinn-rapport >inner || fail "age could not open the report"
[ "$(head -n1 inner)" = "trinn-rapport 1" ] || fail "inner container: $(head -n1 inner)"

O=("$T" --data-dir "$D" report open Y.trinn-rapport --profile Kari --passphrase-file F)
"${O[@]}" >out 2>err || fail "report open: $(cat err)"
python3 - <<'PY' || fail "report open output: $(cat out)"
import json
r = json.load(open("out"))
assert list(r)[0] == "risk", list(r)
assert r["risk"][0]["item"] == "phq9_9" and r["risk"][0]["value"] == 1, r["risk"]
assert r["client"] == "klient-7" and r["first_report"] is True
assert "privat notat" not in json.dumps(r)
PY
refused "refused (replayed)" "not newer" "${O[@]}"

# a second report, opened as the note for the patient record, in nynorsk
"$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 --to CARD.json \
    --share measures,checkins --out Y2.trinn-rapport >/dev/null 2>&1 || fail "second report"
"$T" --data-dir "$D" --lang nn report open Y2.trinn-rapport --profile Kari --passphrase-file F \
    --summary >note.txt 2>err || fail "report open --summary: $(cat err)"
for want in "klient klient-7: rapport nr. 2" "RISIKO – må følgjast opp:" "PHQ-9 spørsmål 9: svar 1" \
    "valde å dele: målingar, daglege innsjekkar" "Vurder han før du fører han i journalen"; do
    grep -qF "$want" note.txt || fail "the note lacks '$want': $(cat note.txt)"
done
grep -q "første rapport" note.txt && fail "a second report called first: $(cat note.txt)"
[ "$(grep -n RISIKO note.txt | cut -d: -f1)" -lt "$(grep -n PHQ-9 note.txt | tail -1 | cut -d: -f1)" ] ||
    fail "the risk does not come first: $(cat note.txt)"

# plain age to the team key, a changed byte, another team, a changed card
rcpt=$(grep '^# public key: ' TEAM.key | cut -d' ' -f4)
printf '{"risk":[]}' | age -r "$rcpt" -o plain.trinn-rapport
refused "refused (unsigned)" "no signed Trinn report" "$T" --data-dir "$D" report open plain.trinn-rapport --profile Kari --passphrase-file F
python3 -c 'import sys; b=bytearray(open("Y.trinn-rapport","rb").read()); b[len(b)//2]^=1; open("bad.trinn-rapport","wb").write(b)'
refused "refused (altered)" "altered" "$T" --data-dir "$D" report open bad.trinn-rapport --profile Kari --passphrase-file F
"$T" --data-dir "$D3" profile create --kind therapist --name Per --label Per --passphrase-file F "${cheap[@]}" >/dev/null
refused "refused (not_for_us)" "not sealed to this team" "$T" --data-dir "$D3" report open Y.trinn-rapport --profile Per --passphrase-file F
"$T" --data-dir "$D3" team card --profile Per --passphrase-file F --out OTHER.json >/dev/null
refused "" "not that of the team you paired with" "$T" --data-dir "$D2" report create --profile Ola \
    --passphrase-file F2 --to OTHER.json --out Z.trinn-rapport
refused "" "no client profile has the label, id or name 'Per'" "$T" --data-dir "$D3" \
    assignment import X.trinn-oppdrag --profile Per --passphrase-file F --trust "$fpr"
refused "" "no therapist profile has the label, id or name 'Kari'" "$T" --data-dir "$D3" \
    team card --profile Kari --passphrase-file F --out K.json
refused "" "no client profile has the label, id or name 'Kari'" "$T" --data-dir "$D2" \
    report create --profile Kari --passphrase-file F2 --to CARD.json --out W.trinn-rapport
# what to share is named exactly: a kind that is no kind (a singular, a typo) is refused, not
# quietly left out (it was matched as a part of the list's text before)
for bad in "measures,,goals" measure "measures,medicine"; do
    refused "" "share" "$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 \
        --to CARD.json --share "$bad" --out W.trinn-rapport
    [ ! -e W.trinn-rapport ] || fail "--share $bad wrote a report"
done
grep -q "the kinds are measures, assessment, modules" err || fail "--share names no kinds: $(cat err)"
echo "care loop: ok"
