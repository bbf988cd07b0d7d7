#!/usr/bin/env bash
# The team key's recovery backup (issue 14 item 4; core/EXCHANGE.md §8): `team backup` seals the
# team key to a recovery passphrase with age's own scrypt stanza, so the standard `age -d` opens
# it (driven here through a pseudo-terminal: age reads passphrases only from a terminal), and
# Trinn opens a file `age -p` sealed; `team restore` brings the key into a new therapist profile,
# which then opens the team's reports; a wrong passphrase, a weak one, a file sealed to a key, a
# changed byte and another team's profile (one whose own team key is in use; an unused one is
# replaced) are refused, each in its own words.
source "$(dirname "$0")/care_lib.sh"
command -v age >/dev/null || { echo "age is not installed"; exit 77; }
# age_tty PASSPHRASE ARGS...: runs age in a pseudo-terminal, typing the passphrase (twice for -p)
age_tty() {
    python3 - "$@" <<'PY'
import os, pty, sys, time
pw, args = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp("age", ["age"] + args)
out, deadline, typed = b"", time.time() + 60, 0
while True:
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    # answer each passphrase prompt once ("Enter passphrase", "Confirm passphrase")
    while out.lower().count(b"passphrase") > typed:
        os.write(fd, pw.encode() + b"\r")
        typed += 1
    if time.time() > deadline:
        break
_, status = os.waitpid(pid, 0)
sys.stderr.write(out.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
PY
}
printf 'havregryn fyrtårn kompass pingvin\n' >R
printf 'hemmelig\n' >WEAK
K=(--data-dir "$tmp/kari") KP=(--profile Kari --passphrase-file F)
N=(--data-dir "$tmp/new") NP=(--profile Kari2 --passphrase-file F)

"$T" "${K[@]}" profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH Bydel Nord" "${cheap[@]}" >/dev/null
"$T" "${K[@]}" team card "${KP[@]}" --out CARD.json >/dev/null
fpr=$(python3 -c 'import json; print(json.load(open("CARD.json"))["fingerprint"])')
refused "too easy to guess" "$T" "${K[@]}" team backup "${KP[@]}" --recovery-file WEAK --out B.age
[ ! -e B.age ] || fail "a refused backup left a file"
# (work factor 12 keeps the test light; trinnctl uses age's 18 unless told, and only a test build
# goes below it)
"$T" "${K[@]}" team backup "${KP[@]}" --recovery-file R --work-factor 12 --out B.age >out 2>err ||
    fail "team backup: $(cat err)"
grep -q "age -d B.age" err || fail "backup message: $(cat err)"
[ -z "${TRINN_EMULATOR:-}" ] && { [ "$(stat -c %a B.age)" = 600 ] || fail "the backup is not 0600"; }
head -2 B.age | grep -q '^-> scrypt [A-Za-z0-9+/]\{22\} 12$' || fail "not age's scrypt stanza: $(head -2 B.age)"

# the standard tool opens it with the passphrase, and Trinn opens what age -p sealed
if [ -z "${TRINN_EMULATOR:-}" ]; then
    age_tty "$(cat R)" -d -o PLAIN.json B.age 2>agelog || fail "age -d: $(cat agelog)"
    python3 - "$fpr" <<'PY' || fail "age -d gave: $(head -c 300 PLAIN.json)"
import json, sys
b = json.load(open("PLAIN.json"))
assert b["format"] == "trinn-team-backup" and b["team"]["fingerprint"] == sys.argv[1], b["team"]
assert len(b["team_secret"]["box_secret"]) == 44
PY
    age_tty "$(cat R)" -p -o AGEP.age PLAIN.json 2>agelog || fail "age -p: $(cat agelog)"
    "$T" --data-dir "$tmp/viaage" profile create --kind therapist --join --name Kari3 \
        --passphrase-file F "${cheap[@]}" >/dev/null
    "$T" --data-dir "$tmp/viaage" team restore AGEP.age --profile Kari3 --passphrase-file F \
        --recovery-file R >out 2>err || fail "restore of an age -p file: $(cat err)"
    grep -q "\"team_fingerprint\":\"$fpr\"" out || fail "restore via age: $(cat out)"
    rm -f PLAIN.json
fi

# restore into a new profile of the same therapist; refusals first
"$T" "${N[@]}" profile create --kind therapist --join --name Kari2 --passphrase-file F "${cheap[@]}" >/dev/null
refused "not the one this backup was sealed with" "$T" "${N[@]}" team restore B.age "${NP[@]}" --recovery-file F2
python3 -c 'import sys; b=bytearray(open("B.age","rb").read()); b[-5]^=1; open("bad.age","wb").write(b)'
refused "not a team key backup that Trinn can read" "$T" "${N[@]}" team restore bad.age "${NP[@]}" --recovery-file R
"$T" "${K[@]}" assign "${KP[@]}" --client klient-7 --modules activity --measures phq9:weekly \
    --expires 2099-12-31 --out A.trinn-oppdrag >/dev/null
refused "not a team key backup" "$T" "${N[@]}" team restore A.trinn-oppdrag "${NP[@]}" --recovery-file R
"$T" --data-dir "$tmp/eva" profile create --kind therapist --name Eva --passphrase-file F "${cheap[@]}" >/dev/null
# (Eva's own team key is in use once she assigned to a client; an unused one would be replaced)
"$T" --data-dir "$tmp/eva" assign --profile Eva --passphrase-file F --client klient-9 \
    --modules activity --measures phq9:weekly --expires 2099-12-31 --out E.trinn-oppdrag >/dev/null
refused "holds another team's key" "$T" --data-dir "$tmp/eva" team restore B.age --profile Eva \
    --passphrase-file F --recovery-file R
"$T" --data-dir "$tmp/ida" profile create --kind therapist --name Ida --passphrase-file F "${cheap[@]}" >/dev/null
"$T" --data-dir "$tmp/ida" team restore B.age --profile Ida --passphrase-file F --recovery-file R \
    >out 2>err || fail "restore into an unused team of its own: $(cat err)"
grep -q "\"team_fingerprint\":\"$fpr\"" out || fail "restore into Ida: $(cat out)"
"$T" "${N[@]}" team restore B.age "${NP[@]}" --recovery-file R >out 2>err || fail "restore: $(cat err)"
grep -q "\"team_fingerprint\":\"$fpr\"" out || fail "restore output: $(cat out)"

# the restored profile opens the team's reports
C=(--data-dir "$tmp/client") CP=(--profile Cato --passphrase-file F2)
"$T" "${C[@]}" profile create --kind client --name Cato --passphrase-file F2 "${cheap[@]}" >/dev/null
"$T" "${C[@]}" assignment import A.trinn-oppdrag "${CP[@]}" --trust "$fpr" >/dev/null 2>&1 || fail "import"
"$T" "${C[@]}" report create "${CP[@]}" --to CARD.json --out R1.trinn-rapport >/dev/null 2>&1 || fail "report"
"$T" "${N[@]}" report open R1.trinn-rapport "${NP[@]}" >/dev/null 2>err || fail "the restored key: $(cat err)"
"$T" "${N[@]}" team card "${NP[@]}" --out CARD2.json >/dev/null
python3 -c 'import json; c=json.load(open("CARD2.json")); assert [m["name"] for m in c["members"]]==["Kari","Kari2"], c' ||
    fail "the restored profile is on the roster: $(cat CARD2.json)"
echo "team backup ok"
