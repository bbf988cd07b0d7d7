#!/usr/bin/env bash
# Issue 15: the kiosk, headless, by touch (tests/ui/kiosk/*.json, whose {"answers": ...} steps
# are the answers of the moderate and risk flows, tests/ui/flows/ or flow_*_nb.json), and the
# team's side.
# - A kiosk is set up as a municipality would: trinnctl kiosk init (the device key, 0600) and
#   kiosk pin (the staff PIN's Argon2id hash), a therapist profile's team card, a spool folder;
#   the team enrols the kiosk's key.
# - The journey in nb, nn and en (close requests and Alt+F4 ignored; the crisis page says to
#   tell the reception, where it is; the result with its reasons; a secret typed into the
#   result's free-text line is in memory, then «Gi svarene til teamet», the reference code,
#   «Ferdig», and no copy of the secret is left in the process), and at acute risk the visitor
#   is sent to the desk first.
# - Idle: the countdown shows, «Jeg er her» keeps the visit, then the full wipe; no copy left.
# - Staff: a short press on the corner does nothing, a long one opens the PIN pad; a wrong PIN
#   is counted and makes the next try wait; the right one shows the spool count; a test
#   hand-in; exit.
# - Nothing but hand-ins is written (no settings file, nothing in the data folder).
# - spool open imports the hand-ins (codes as on screen, risk, recommendation), removes them;
#   a tampered, a truncated, a foreign kiosk's, a revoked kiosk's and another team's file are
#   refused, each with its own reason, and left in the folder.
# - A missing or broken configuration: the reason on stderr and on screen, no crash.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
T="$TRINN_BIN/trinnctl"
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
secret="zqx$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
TRINN_SCRIPT_SECRET=$(python3 -c 'import sys; print(bytes(b ^ 0xA5 for b in sys.argv[1].encode()).hex())' "$secret")
export TRINN_SCRIPT_SECRET

# --- the kiosk's screens leave secrets and records to core: no libsodium, no cJSON in ui/ ----
src=${TRINN_SOURCE_DIR:-$here/../..}
if grep -n '<sodium.h>\|cJSON_' "$src"/ui/tu_kiosk*.c "$src"/ui/tu_scr_team_spool*.c 2>/dev/null; then
    fail "ui/tu_kiosk*.c must wipe through core (tr_secret_wipe) and get typed data from core"
fi

# --- set-up, as the README describes it -----------------------------------------------------
printf 'fjell kaffe trikk solsikke\n' >F
"$T" --data-dir team profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH Bydel Nord" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null 2>&1
"$T" --data-dir team team card --profile Kari --passphrase-file F --out card.json >/dev/null
"$T" kiosk init --out kiosk.key >init.json 2>init.err || fail "kiosk init: $(cat init.err)"
if [ -z "${TRINN_EMULATOR:-}" ]; then # wine keeps no modes (care_loop.sh says why)
    [ "$(stat -c %a kiosk.key)" = 600 ] || fail "kiosk.key is not 0600"
fi
grep -q "enrol" init.err || fail "kiosk init does not say how to enrol: $(cat init.err)"
"$T" kiosk init --out kiosk.key >/dev/null 2>err && fail "kiosk init overwrote a key"
grep -q "exists" err || fail "kiosk init over a key: $(cat err)"
printf '4321\n' >pin.txt
"$T" kiosk pin --out pin.hash --pin-file pin.txt >/dev/null || fail "kiosk pin"
grep -q '^\$argon2id\$' pin.hash || fail "pin.hash: $(cat pin.hash)"
! grep -q 4321 pin.hash || fail "the PIN is in its hash file"
printf '12a4\n' >badpin.txt
"$T" kiosk pin --out bad.hash --pin-file badpin.txt >/dev/null 2>err && fail "a PIN with a letter"
grep -q "4 to 12 digits" err || fail "bad PIN: $(cat err)"
"$T" --data-dir team kiosk enrol --profile Kari --passphrase-file F --key init.json >out ||
    fail "kiosk enrol"
fpr=$(python3 -c 'import json; print(json.load(open("init.json"))["fingerprint"])')
grep -q "$fpr" out || fail "enrol: $(cat out)"
mkdir spool data
cp "$here/kiosk/kiosk.json" kiosk.json
# The flows answer the questionnaire as flow_moderate_nb.json and flow_risk_nb.json do (by
# touch): {"answers": "moderate"} stands for those steps, so the kiosk flows follow the pack.
mkdir flows
python3 - "$here" flows <<'PY'
import json, os, sys
here, out = sys.argv[1], sys.argv[2]
def answers(name):
    for path in ("flows/%s.json" % name, "flow_%s_nb.json" % name):
        if os.path.exists(os.path.join(here, path)):
            steps = json.load(open(os.path.join(here, path)))
            break
    i = steps.index({"click": "profile.guest"}) + 1
    j = i
    while j < len(steps) and set(steps[j]) <= {"tap", "click"}:
        j += 1
    return [{"tap": v} for s in steps[i:j] for v in s.values()]
sets = {"moderate": answers("moderate"), "risk": answers("risk")}
for name in os.listdir(os.path.join(here, "kiosk")):
    steps = json.load(open(os.path.join(here, "kiosk", name)))
    if not isinstance(steps, list):
        continue
    flat = []
    for s in steps:
        flat += sets[s["answers"]] if "answers" in s else [s]
    json.dump(flat, open(os.path.join(out, name), "w"), ensure_ascii=False)
PY
kiosk() { # flow [config] : runs it, the reason on failure
    local flow=$1 cfg=${2:-kiosk.json}
    SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --kiosk --config "$cfg" --script "$work/flows/$flow" \
        --size 1080x1920 --data-dir "$work/data" >/dev/null 2>"$work/err" ||
        fail "$flow: $(cat "$work/err")"
    ! grep -q "Sanitizer" "$work/err" || fail "$flow: $(cat "$work/err")"
}
code_of() { python3 -c '
import json, sys
for w in json.load(open(sys.argv[1]))["widgets"]:
    if w["id"] == "kiosk.handin.code": print(w["label"])' "$1"; }

# --- the journey, three languages -----------------------------------------------------------
for l in nb nn en; do
    kiosk "journey_$l.json"
    grep -q "scan_secret on screen kiosk_attract: 0 copies" err ||
        fail "journey_$l: the scan after «Ferdig» did not run: $(cat err)"
    code=$(code_of "handin_$l.json")
    [[ $code =~ ^[2-9]{3}\ [2-9]{3}$ ]] || fail "journey_$l: reference code '$code'"
    echo "$code" >>codes
done
kiosk acute_nb.json
kiosk acute_en.json
[ "$(ls spool | wc -l)" = 5 ] || fail "expected 5 hand-ins: $(ls spool)"
ls spool | grep -qv '^kiosk-[0-9]\{8\}-[2-9]\{6\}\.trinn-rapport$' && fail "spool names: $(ls spool)"
[ -z "$(ls -A data 2>/dev/null)" ] || fail "the kiosk wrote into its data folder: $(ls -A data)"
[ -z "$(find . -name settings.json)" ] || fail "a settings file was written"
for f in spool/*; do
    [ -n "${TRINN_EMULATOR:-}" ] || [ "$(stat -c %a "$f")" = 600 ] || fail "$f is not 0600"
    ! grep -q "$secret" "$f" || fail "$f holds the typed line in the clear"
done

# --- idle: countdown, stay, wipe ----------------------------------------------------------
sed 's/"idle_seconds": 120/"idle_seconds": 15/' kiosk.json >idle.json
kiosk idle_nb.json idle.json
grep -q "scan_secret on screen kiosk_attract: 0 copies" err || fail "idle: $(cat err)"
[ "$(ls spool | wc -l)" = 5 ] || fail "the idle visit handed something in"

# --- staff: long press, PIN, test hand-in, exit (into a folder of its own) -----------------
mkdir s_main
sed 's/"spool": "spool"/"spool": "s_main"/' kiosk.json >main.json
kiosk staff_en.json main.json
grep -q "a wrong staff PIN (1 since" err || fail "the wrong PIN is not logged: $(cat err)"
[ "$(ls s_main | wc -l)" = 1 ] || fail "no test hand-in: $(ls s_main)"
mv s_main/* spool/

# --- files the team must refuse ------------------------------------------------------------
mkdir other
cp "$(ls spool/* | head -1)" tampered.bin
python3 - tampered.bin <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read()); b[len(b) // 2] ^= 1
open(sys.argv[1], "wb").write(b)
PY
cp tampered.bin spool/kiosk-20261205-222222.trinn-rapport
# cut as an interrupted copy would: the header whole, the sealed payload cut short
python3 - "$(ls spool/* | head -1)" spool/kiosk-20261205-333333.trinn-rapport <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
end = b.index(b"\n", b.index(b"\n---") + 1) + 1
open(sys.argv[2], "wb").write(b[:end + 20])
PY
# a kiosk the team never enrolled, another the team revoked, another team's card
"$T" kiosk init --out foreign.key >/dev/null 2>&1
"$T" kiosk init --out revoked.key >/dev/null 2>&1
"$T" --data-dir team kiosk enrol --profile Kari --passphrase-file F --key revoked.key >/dev/null
"$T" --data-dir team kiosk revoke --profile Kari --passphrase-file F --key revoked.key >/dev/null
"$T" --data-dir team2 profile create --kind therapist --name Ola --passphrase-file F \
    --service "RPH Sør" --phone "22 11 11 11" --hours "08-15" "${cheap[@]}" >/dev/null 2>&1
"$T" --data-dir team2 team card --profile Ola --passphrase-file F --out card2.json >/dev/null
for who in foreign revoked card2; do
    mkdir "s_$who"
    if [ $who = card2 ]; then
        sed -e 's/"card.json"/"card2.json"/' -e "s/\"spool\": \"spool\"/\"spool\": \"s_$who\"/" kiosk.json >"cfg_$who.json"
    else
        sed -e "s/\"kiosk.key\"/\"$who.key\"/" -e "s/\"spool\": \"spool\"/\"spool\": \"s_$who\"/" kiosk.json >"cfg_$who.json"
    fi
    kiosk staff_en.json "cfg_$who.json"
    mv "s_$who"/* spool/
done
[ "$(ls spool | wc -l)" = 11 ] || fail "expected 11 spool files: $(ls spool)"

# --- the team opens the spool ----------------------------------------------------------------
cp spool/kiosk-*-"$(head -1 codes | tr -d ' ')".trinn-rapport again.bin # the nb journey's
"$T" --data-dir team spool open spool --profile Kari --passphrase-file F --json >open.json \
    2>open.err && fail "spool open accepted every file: $(cat open.err)"
python3 - open.json codes <<'PY' || fail "spool open: $(cat open.json) $(cat open.err)"
import json, sys
r = json.load(open(sys.argv[1]))
codes = open(sys.argv[2]).read().split("\n")[:3]
opened = {o["reference"]: o for o in r["opened"]}
assert len(r["opened"]) == 6, len(r["opened"])   # 3 journeys, 2 acute, 1 test hand-in
for c in codes:
    o = opened[c]
    assert o["time"] and o["recommended"] and o["chosen"], o
    assert set(o["scores"]) >= {"phq9", "gad7"}, o
assert sum(o["risk"] == "acute" for o in r["opened"]) == 2, r["opened"]
why = sorted(x["why"] for x in r["refused"])
assert why == ["altered", "foreign_kiosk", "not_for_us", "revoked_kiosk", "truncated"], why
PY
for words in "tampered" "cut short" "not enrolled" "revoked" "another team"; do
    grep -q "$words" open.err || fail "spool open does not say '$words': $(cat open.err)"
done
[ "$(ls spool | wc -l)" = 5 ] || fail "the refused files must stay, the imported go: $(ls spool)"
# a file imported before (a crash between the import and its removal) is removed, not refused
cp again.bin spool/kiosk-20261205-999999.trinn-rapport
"$T" --data-dir team spool open spool --profile Kari --passphrase-file F >table.txt 2>err &&
    fail "the refused files were accepted the second time"
head -1 table.txt | grep -q "CODE" || fail "table: $(cat table.txt)"
grep -q "999999.trinn-rapport: imported before; the file is removed now" err ||
    fail "an imported file again: $(cat err)"
[ ! -e spool/kiosk-20261205-999999.trinn-rapport ] || fail "the file imported before stays"
[ "$(ls spool | wc -l)" = 5 ] || fail "after the second open: $(ls spool)"

# --- stop: SIGTERM (systemctl stop, cage going away) wipes and ends the kiosk with status 0,
# while a close request and Alt+F4 just before are ignored (stop_nb.json holds in a long wait)
if [ -z "${TRINN_EMULATOR:-}" ]; then # wine delivers no POSIX signal to the program
    rm -f stop_hold.json
    SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --kiosk --config kiosk.json \
        --script "$work/flows/stop_nb.json" --size 1080x1920 >/dev/null 2>stop.err &
    spid=$!
    for _ in $(seq 600); do
        [ -f stop_hold.json ] || ! kill -0 $spid 2>/dev/null && break
        sleep 0.1
    done
    [ -f stop_hold.json ] || fail "stop: the kiosk never reached its wait: $(cat stop.err)"
    kill -TERM $spid
    for _ in $(seq 300); do # a generous 30 s: the kiosk looks for a stop once a second
        kill -0 $spid 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 $spid 2>/dev/null; then
        kill -KILL $spid
        fail "stop: the kiosk ignored SIGTERM (still running 30 s later)"
    fi
    rc=0
    wait $spid || rc=$?
    [ $rc = 0 ] || fail "stop: SIGTERM ended the kiosk with status $rc: $(cat stop.err)"
    grep -q "told to stop.*wiped" stop.err || fail "stop: no word of the wipe: $(cat stop.err)"
fi

# --- a broken or missing configuration ------------------------------------------------------
broken() { # config expected-words
    cat >"$work/b.json" <<'JSON'
[{"expect": "kiosk.broken.title"}, {"expect": "Kiosken er ikke satt opp riktig"},
 {"check_layout": true}, {"close_request": true}, {"tap": "chrome.help"},
 {"expect": "Si fra i resepsjonen"}, {"quit": true}]
JSON
    SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --kiosk --config "$1" --script "$work/b.json" \
        --size 1080x1920 >/dev/null 2>err || fail "broken config $1: $(cat err)"
    grep -q "trinn: kiosk: .*$2" err || fail "broken config $1: stderr lacks '$2': $(cat err)"
}
broken nowhere.json "cannot read the kiosk configuration"
printf '{"format": "trinn-kiosk-config", "version": 1,' >cut.json
broken cut.json "kiosk configuration"
sed 's/"idle_seconds": 120/"idle_second": 120/' kiosk.json >typo.json
broken typo.json "idle_second.*misspelt"
sed 's/"pin.hash"/"nothere.hash"/' kiosk.json >nopin.json
broken nopin.json "staff PIN file"
sed 's/"kiosk.key"/"card.json"/' kiosk.json >nokey.json
broken nokey.json "not a kiosk key file"
SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --kiosk --script "$work/b.json" 2>err && fail "--kiosk alone"
grep -q "needs --config" err || fail "--kiosk alone: $(cat err)"
echo "ok"
