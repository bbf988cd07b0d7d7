#!/usr/bin/env bash
# A team's export and statistics (issue 16): two clients share their measures (and medication
# log, side-effect checks and feedback, issue 17) in reports, the
# therapist opens them (the second client's reports overlap, so the same records arrive twice),
# then `fhir export --profile` writes every client's records, each client under its own
# pseudonym and none under the id the team typed, and the three validators pass it
# (tests/fhir/validate.js); `--client` picks one; `stats --profile` gives exactly what
# `stats --ndjson` gives for the written export; a client the team names by fødselsnummer
# (`team identify`) becomes a checked Patient of HL7 Norway's no-basis profile. Needs tests/fhir/node_modules (test.sh installs
# it with npm ci); without it the test is skipped (exit 77), unless TRINN_REQUIRE_NODE=1.
set -euo pipefail
T=${TRINN_BIN:?}/trinnctl
src=$(cd "$(dirname "$0")/../.." && pwd)
fx="$src/tests/fhir"
if [ ! -d "$fx/node_modules/fhirpath" ]; then
    echo "tests/fhir/node_modules is missing: run (cd tests/fhir && npm ci)"
    [ "${TRINN_REQUIRE_NODE:-0}" = 1 ] && exit 1
    exit 77
fi
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*" >&2; exit 1; }
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
printf 'fjell kaffe trikk solsikke\n' >F
printf 'blåbær sykkel regnjakke fiolin\n' >F2 # four words: also above Windows' stand-in floor
D=$tmp/team

"$T" --data-dir "$D" profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH Bydel Nord" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null
"$T" --data-dir "$D" team card --profile Kari --passphrase-file F --out CARD.json >/dev/null
fpr=$(python3 -c 'import json; print(json.load(open("CARD.json"))["fingerprint"])')

# client CLIENT-ID DATA-DIR SEED: a client paired with the team, with a random journal's records
client() {
    "$T" --data-dir "$D" assign --profile Kari --passphrase-file F --client "$1" \
        --modules activity --measures phq9:weekly --expires 2099-12-31 --out "$1.trinn-oppdrag" >/dev/null
    "$T" --data-dir "$2" profile create --kind client --name "Person $1" --passphrase-file F2 \
        "${cheap[@]}" >/dev/null
    "$T" --data-dir "$2" assignment import "$1.trinn-oppdrag" --profile "Person $1" \
        --passphrase-file F2 --trust "$fpr" >/dev/null
    node "$fx/gen_journal.js" --content "$src/content" --seed "$3" >"$1.jsonl"
    local id
    id=$("$T" --data-dir "$2" profile list | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
    "$T" journal append "$2/profiles/$id.trinn" --passphrase-file F2 <"$1.jsonl" >/dev/null
}
# report CLIENT-ID DATA-DIR N [range...]: the client makes report N, the team opens it
report() {
    local who=$1 dir=$2 n=$3
    shift 3
    "$T" --data-dir "$dir" report create --profile "Person $who" --passphrase-file F2 --to CARD.json \
        --share measures,assessment,medication,feedback "$@" --out "$who-$n.trinn-rapport" >/dev/null 2>err ||
        fail "report create $who $n: $(cat err)"
    "$T" --data-dir "$D" report open "$who-$n.trinn-rapport" --profile Kari --passphrase-file F \
        >/dev/null 2>err || fail "report open $who $n: $(cat err)"
}
client klient-7 "$tmp/c7" 701
client ola-nordmann "$tmp/c8" 802
report klient-7 "$tmp/c7" 1
report ola-nordmann "$tmp/c8" 1 --until 2026-06-30
report ola-nordmann "$tmp/c8" 2 # everything again: the first half arrives twice

# each client's own export of what it shared, for comparison
own() { # CLIENT-ID DATA-DIR OUT
    local id
    id=$("$T" --data-dir "$2" profile list | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
    "$T" fhir export "$2/profiles/$id.trinn" --passphrase-file F2 --out "$3" >/dev/null 2>&1 ||
        fail "own export of $1"
}
own klient-7 "$tmp/c7" own7
own ola-nordmann "$tmp/c8" own8

"$T" --data-dir "$D" fhir export --profile Kari --passphrase-file F --out TX >out 2>err ||
    fail "team export: $(cat err)"
grep -q "health data in clear text" err || fail "the export must say it is in clear text"
python3 - <<'PY' || fail "team export: $(cat out)"
import json
out = json.load(open("out"))
assert out["clients"] == 2, out
def lines(d, t):
    try:
        return [json.loads(l) for l in open(f"{d}/{t}.ndjson")]
    except FileNotFoundError:
        return []
qr, obs = lines("TX", "QuestionnaireResponse"), lines("TX", "Observation")
subjects = {r["subject"]["identifier"]["value"] for r in qr}
# every response the clients' own journals give, once (the overlap of the two reports too)
want = len(lines("own7", "QuestionnaireResponse")) + len(lines("own8", "QuestionnaireResponse"))
assert len(qr) == want and out["resources"]["QuestionnaireResponse"] == want, (len(qr), want)
assert len(obs) == len(lines("own7", "Observation")) + len(lines("own8", "Observation"))
# the medication log (issue 17): each client's medicines, under its own pseudonym
meds = lines("TX", "MedicationStatement")
own_meds = lines("own7", "MedicationStatement") + lines("own8", "MedicationStatement")
assert len(meds) == len(own_meds) and out["resources"].get("MedicationStatement", 0) == len(meds), (len(meds), len(own_meds))
assert sorted((m["status"], m["medicationCodeableConcept"]["text"], len(m.get("note", []))) for m in meds) == \
    sorted((m["status"], m["medicationCodeableConcept"]["text"], len(m.get("note", []))) for m in own_meds), "the medicines as the clients' own logs say"
assert {m["subject"]["identifier"]["value"] for m in meds} <= subjects
assert len(subjects) == 2, subjects
orgs = lines("TX", "Organization")
assert [o["name"] for o in orgs] == ["RPH Bydel Nord"], orgs
text = open("TX/bundle.json").read()
for typed in ("klient-7", "ola-nordmann", "Person"):
    assert typed not in text, typed
PY
# (under wine, which keeps no access lists, only the native build's modes can be checked)
if [ -z "${TRINN_EMULATOR:-}" ]; then
    for f in TX/*; do [ "$(stat -c %a "$f")" = 600 ] || fail "$f is not 0600"; done
fi

# one client, and one the team never heard from
"$T" --data-dir "$D" fhir export --profile Kari --passphrase-file F --client klient-7 --out T7 \
    >out 2>/dev/null || fail "export of one client"
grep -q '"clients":1' out || fail "one client: $(cat out)"
cmp -s <(sort T7/QuestionnaireResponse.ndjson | wc -l) <(wc -l <own7/QuestionnaireResponse.ndjson) ||
    fail "the one client's export holds another number of responses than its own"
if "$T" --data-dir "$D" fhir export --profile Kari --passphrase-file F --client nobody \
    --out TN >/dev/null 2>err; then fail "an unknown client was exported"; fi
grep -q "no records from client 'nobody'" err || fail "unknown client: $(cat err)"
[ ! -e TN ] || fail "nothing may be written for an unknown client"
# the same pseudonyms in every export of this team
cmp -s <(grep -o '"value":"[0-9a-f]\{32\}"' T7/QuestionnaireResponse.ndjson | sort -u) \
    <(grep -o '"value":"[0-9a-f]\{32\}"' TX/QuestionnaireResponse.ndjson | sort -u | grep -F -f <(grep -o '"value":"[0-9a-f]\{32\}"' T7/QuestionnaireResponse.ndjson | sort -u)) ||
    fail "the client's pseudonym differs between exports"

# the team chooses to name klient-7 by fødselsnummer: a checked number becomes a Patient of HL7
# Norway's no-basis profile that the client's resources refer to; the other client stays a
# pseudonym; a wrong number is refused in words; "none" takes the name away again
ID=("$T" --data-dir "$D" team identify --profile Kari --passphrase-file F --client klient-7)
if "${ID[@]}" --fnr 15076500566 >/dev/null 2>err; then fail "a wrong control digit was accepted"; fi
grep -q "control digits" err || fail "wrong number: $(cat err)"
"${ID[@]}" --fnr 15076500565 >/dev/null 2>err || fail "team identify: $(cat err)"
"$T" --data-dir "$D" fhir export --profile Kari --passphrase-file F --out TP >out 2>/dev/null ||
    fail "export with a Patient"
python3 - <<'PY' || fail "the named export: $(cat out)"
import json
pats = [json.loads(l) for l in open("TP/Patient.ndjson")]
assert len(pats) == 1, pats
p = pats[0]
assert p["meta"]["profile"] == ["http://hl7.no/fhir/StructureDefinition/no-basis-Patient"], p
assert p["identifier"] == [{"use": "official", "system": "urn:oid:2.16.578.1.12.4.1.4.1",
                            "value": "15076500565"}], p
qr = [json.loads(l) for l in open("TP/QuestionnaireResponse.ndjson")]
named = [r for r in qr if r["subject"].get("reference") == "Patient/" + p["id"]]
assert len(named) == sum(1 for l in open("own7/QuestionnaireResponse.ndjson")), len(named)
assert all("identifier" in r["subject"] for r in qr if r not in named)
assert "klient-7" not in open("TP/bundle.json").read()
PY
"${ID[@]}" --fnr none >/dev/null 2>&1 || fail "team identify --fnr none"
"$T" --data-dir "$D" fhir export --profile Kari --passphrase-file F --out TQ >/dev/null 2>&1 ||
    fail "export after removing the number"
[ ! -e TQ/Patient.ndjson ] || fail "the number was removed, but a Patient is still exported"

node "$fx/validate.js" --content "$src/content" TX T7 TP >v 2>&1 || fail "validators: $(cat v)"

"$T" --data-dir "$D" stats --profile Kari --passphrase-file F --json --exact >s1 2>err ||
    fail "team stats: $(cat err)"
"$T" stats --ndjson TX --json --exact >s2 || fail "stats of the export"
cmp -s s1 s2 || fail "stats --profile and stats --ndjson differ: $(diff s1 s2 | head)"
python3 -c 'import json,sys; s=json.load(open("s1")); assert "RPH Bydel Nord" in json.dumps(s), s' ||
    fail "the team is not named in its statistics: $(head -c 600 s1)"
echo "team export ok"
