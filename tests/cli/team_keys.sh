#!/usr/bin/env bash
# The team's keys and accountability (issue 14, «The therapist»; core/EXCHANGE.md §8):
# - a plain `journal export` of a therapist's or a client's profile holds no secret key (it once
#   wrote the team key in clear), and says where the keys' backup is;
# - every opening of a report is logged in the opener's journal, and `team log` exports it
#   (a refused opening is not logged), with the changes of the team this therapist made.
source "$(dirname "$0")/care_lib.sh"
D=$tmp/team D2=$tmp/client
journal_of() { # DATA-DIR: the path of its one profile's journal
    local id
    id=$("$T" --data-dir "$1" profile list | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
    echo "$1/profiles/$id.trinn"
}

"$T" --data-dir "$D" profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH Bydel Nord" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null
"$T" --data-dir "$D" team card --profile Kari --passphrase-file F --out CARD.json >/dev/null
fpr=$(python3 -c 'import json; print(json.load(open("CARD.json"))["fingerprint"])')
"$T" --data-dir "$D" team export --profile Kari --passphrase-file F \
    --minisign-pub TEAM.pub --age-identity TEAM.key >/dev/null 2>&1

# 1. no secret key in a plain export, of a therapist or of a client
"$T" journal export "$(journal_of "$D")" EXPORT.json --passphrase-file F >out 2>err ||
    fail "journal export: $(cat err)"
secret=$(grep '^AGE-SECRET-KEY-1' TEAM.key)
box_b64=$(python3 - "$secret" <<'PY'
import base64, sys
C = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
data = sys.argv[1].lower().rsplit("1", 1)[1][:-6]
bits = acc = 0
out = bytearray()
for c in data:
    acc = (acc << 5) | C.index(c); bits += 5
    if bits >= 8:
        bits -= 8; out.append((acc >> bits) & 0xff)
print(base64.b64encode(bytes(out)).decode())
PY
)
[ ${#box_b64} = 44 ] || fail "could not decode the exported team key"
! grep -q -- "$box_b64" EXPORT.json || fail "the plain export holds the team's secret X25519 key"
! grep -q 'sign_secret\|box_secret\|"type":"keys"' EXPORT.json ||
    fail "the plain export holds a keys record"
grep -q '"type":"team_card"' EXPORT.json || fail "the export lost the public records"
python3 -c 'import json; d=json.load(open("EXPORT.json")); assert d["format"]=="trinn-journal-export"' ||
    fail "the export is no longer JSON"
# (the team's keys and the therapist's own)
grep -q '"withheld_secret_records":2' out || fail "export output: $(cat out)"
grep -q "never leave the journal unencrypted" err && grep -q "copy the encrypted journal file" err ||
    fail "the export must say where the keys' backup is: $(cat err)"

"$T" --data-dir "$D2" profile create --kind client --name Ola --passphrase-file F2 "${cheap[@]}" >/dev/null
"$T" journal export "$(journal_of "$D2")" CEXPORT.json --passphrase-file F2 >/dev/null 2>&1 ||
    fail "client journal export"
! grep -q 'sign_secret\|box_secret' CEXPORT.json || fail "a client's export holds its device key"

# 3. every opening is logged in the opener's journal; `team log` exports it
"$T" --data-dir "$D" team log --profile Kari --passphrase-file F >out 2>err || fail "empty log: $(cat err)"
grep -q "has opened no report yet" err && grep -q "team_created: member .* by Kari" out ||
    fail "a new therapist's log: $(cat out) $(cat err)"
"$T" --data-dir "$D" assign --profile Kari --passphrase-file F --client klient-7 --modules activity \
    --measures phq9:weekly --expires 2099-12-31 --out A.trinn-oppdrag >/dev/null
"$T" --data-dir "$D2" assignment import A.trinn-oppdrag --profile Ola --passphrase-file F2 \
    --trust "$fpr" >/dev/null 2>&1 || fail "import"
for n in 1 2; do
    "$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 --to CARD.json \
        --share measures --out "R$n.trinn-rapport" >/dev/null 2>err || fail "report $n: $(cat err)"
done
"$T" --data-dir "$D" report open R1.trinn-rapport --profile Kari --passphrase-file F >/dev/null 2>&1 ||
    fail "open R1"
"$T" --data-dir "$D" report open R2.trinn-rapport --profile Kari --passphrase-file F >/dev/null 2>&1 ||
    fail "open R2"
refused "not newer" "$T" --data-dir "$D" report open R1.trinn-rapport --profile Kari --passphrase-file F
"$T" --data-dir "$D" team log --profile Kari --passphrase-file F --json >log.json 2>err ||
    fail "team log --json: $(cat err)"
python3 - <<'PY' || fail "team log --json: $(cat log.json)"
import json, datetime
d = json.load(open("log.json"))
assert d["therapist"] == "Kari" and len(d["profile"]) > 0, d
assert d["log"][0]["event"] == "team_created" and d["log"][0]["by"] == "Kari", d
log = [e for e in d["log"] if e["event"] == "report_opened"]
assert [e["seq"] for e in log] == [1, 2], log  # the refused opening is not an opening
for e in log:
    assert e["event"] == "report_opened" and e["client"] == "klient-7" and e["by"] == "Kari", e
    assert e["report"].startswith("r%d-" % e["seq"]), e
    datetime.datetime.strptime(e["ts"], "%Y-%m-%dT%H:%M:%SZ")
PY
"$T" --data-dir "$D" team log --profile Kari --passphrase-file F >log.txt 2>err || fail "team log"
[ "$(grep -c "opened report r[12]-.* of client klient-7 (number [12]) by Kari" log.txt)" = 2 ] ||
    fail "team log lines: $(cat log.txt)"
# a client profile has no team log
refused "no therapist profile" "$T" --data-dir "$D2" team log --profile Ola --passphrase-file F2

echo "team keys ok"
