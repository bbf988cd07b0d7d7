#!/usr/bin/env bash
# Issue 15: after a wipe nothing of a visitor's answers is left in the kiosk's process. A
# scripted kiosk (trinn --kiosk --script) types a sentinel (zqx and 16 random hex digits; the
# script gets it only XOR-masked through TRINN_SCRIPT_SECRET, so no plain copy enters the
# process but the one typed) into the result's free-text line, then
#   A: hands the answers in (a sealed file in the spool folder, a reference code on screen),
#      holds while this test reads its memory (the sentinel and the code must be found there:
#      the scan can see them), then «Ferdig» wipes, and it holds again;
#   B: hands nothing in and stands untouched until the idle wipe, then holds.
# At each hold after a wipe this test, as root, reads every readable mapping of the process
# through /proc/PID/mem (proc_mem_scan.py; trinn is not dumpable, so only root may) and must
# find none of: the sentinel (as UTF-8, UTF-16 or UTF-32), the reference code as shown, and the
# serialised assessment record the hand-in sealed, nor the hand-in's client id (kiosk-<date>-
# <code>, the spool file's name on disk by design, but nothing the process may keep: the
# signature's trusted comment and the spool path are wiped) or the code as one number. Then
# the script goes on and quits, and its exit status must be 0.
# Exit 77 (skipped) when not root: only root can read a process that is not dumpable.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
if [ "$(id -u)" != 0 ]; then
    echo "SKIP: reading /proc/PID/mem of trinn (not dumpable) needs root" >&2
    exit 77
fi
work=$(mktemp -d)
kpid=
cleanup() {
    # a held kiosk waits in a script step; SIGKILL ends it at once
    if [ -n "$kpid" ]; then
        kill -KILL "$kpid" 2>/dev/null || true
        wait "$kpid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
secret="zqx$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
[ ${#secret} = 19 ] || fail "sentinel: $secret"
TRINN_SCRIPT_SECRET=$(python3 -c 'import sys; print(bytes(b ^ 0xA5 for b in sys.argv[1].encode()).hex())' "$secret")
export TRINN_SCRIPT_SECRET

# A kiosk set up as platform/linux/kiosk/README.md says
. "$here/kiosk_setup.sh"
kiosk_setup "$work"
# A: no idle wipe while this test reads; B: the shortest idle time a configuration may give
python3 - <<'PY'
import json
c = json.load(open("kiosk.json"))
c["idle_seconds"] = 600
json.dump(c, open("kiosk.json", "w"), ensure_ascii=False)
c["idle_seconds"] = 10
json.dump(c, open("kiosk-idle.json", "w"), ensure_ascii=False)
PY

# The answers of the path to a result, by touch: those of tests/ui/flow_moderate_nb.json (as
# tests/ui/test_kiosk.sh takes them), so the path follows the content pack's questions
answers=$(python3 - "$TRINN_SOURCE_DIR/tests/ui/flow_moderate_nb.json" <<'PY'
import json, sys
steps = json.load(open(sys.argv[1]))
i = steps.index({"click": "profile.guest"}) + 1
j = steps.index({"expect": "Resultatet ditt"})
taps = [{"tap": v} for s in steps[i:j] for v in s.values()] + [{"expect": "result.level.name"}]
print(", ".join(json.dumps(x) for x in taps))
PY
) || fail "no path to a result in tests/ui/flow_moderate_nb.json"

# run_kiosk CONFIG SCRIPT: starts the kiosk in the background (kpid)
run_kiosk() {
    SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --kiosk --config "$1" --script "$2" \
        --size 1080x1920 >"$work/out.log" 2>&1 &
    kpid=$!
}
# hold NAME: waits until the kiosk has written NAME.json (its dump just before it holds)
hold() {
    local deadline=$((SECONDS + 300))
    until [ -f "$work/$1.json" ]; do
        kill -0 "$kpid" 2>/dev/null || fail "the kiosk ended before $1: $(cat "$work/out.log")"
        [ $SECONDS -lt $deadline ] || fail "the kiosk never reached $1: $(cat "$work/out.log")"
        sleep 0.2
    done
}
# scan NAME PATTERNS.json: the scan's counts into NAME.scan
scan() {
    python3 "$here/proc_mem_scan.py" "$kpid" "$2" >"$work/$1.scan" ||
        fail "could not read the kiosk's memory: $(cat "$work/$1.scan")"
    grep -v "^at " "$work/$1.scan" | sed "s/^/  $1: /"
}
count() { sed -n "s/^$2: //p" "$work/$1.scan"; }
finish() {
    wait "$kpid" || fail "the kiosk's script failed ($?): $(cat "$work/out.log")"
    kpid=
    ! grep -q "Sanitizer" "$work/out.log" || fail "$(cat "$work/out.log")"
}
code_of() { python3 -c '
import json, sys
for w in json.load(open(sys.argv[1]))["widgets"]:
    if w["id"] == "kiosk.handin.code": print(w["label"])' "$1"; }

# --- A: hand-in, «Ferdig» ---------------------------------------------------------------------
cat >a.json <<JSON
[
  {"tap": "kiosk.lang.nb"}, {"tap": "kiosk.home.start"}, $answers,
  {"tap": "result.pref"}, {"secret_text": true},
  {"tap": "kiosk.handin"}, {"tap": "kiosk.handin.yes"}, {"expect": "kiosk.handin.code"},
  {"dump": "$work/a-before.json"}, {"wait_file": "$work/a-go1", "timeout_ms": 600000},
  {"tap": "kiosk.done"}, {"expect": "kiosk.attract.title"}, {"expect_absent": "kiosk.handin.code"},
  {"dump": "$work/a-after.json"}, {"wait_file": "$work/a-go2", "timeout_ms": 600000},
  {"quit": true}
]
JSON
run_kiosk kiosk.json a.json
hold a-before
code=$(code_of a-before.json)
[[ $code =~ ^[2-9]{3}\ [2-9]{3}$ ]] || fail "reference code on screen: '$code'"
spooled=$(ls spool)
[ "$(echo "$spooled" | wc -l)" = 1 ] || fail "expected one hand-in: $spooled"
client=${spooled%.trinn-rapport}
[ "${client: -6}" = "${code/ /}" ] || fail "the spool file $spooled does not carry the code $code"
python3 - "$secret" "$code" "$client" >patterns.json <<'PY'
import json, sys
secret, code, client = sys.argv[1:]
print(json.dumps({
    "sentinel": secret,
    "reference code": code,
    "client id": client,
    "reference code (one number)": code.replace(" ", ""),
    # the assessment record as the hand-in serialised it (compact and formatted cJSON)
    "record (compact)": '{"type":"assessment","ts":"',
    "record (formatted)": '{\n\t"type":\t"assessment",',
    "answers (compact)": '"answers":{"',
    "free text (compact)": '"preference":"' + secret,
}))
PY
scan a-before patterns.json
[ "$(count a-before sentinel)" -gt 0 ] ||
    fail "before the wipe the scan does not find the sentinel: it could not prove its absence"
[ "$(count a-before "reference code")" -gt 0 ] ||
    fail "before the wipe the scan does not find the code on screen"
touch a-go1
hold a-after
scan a-after patterns.json
while read -r line; do
    case $line in
    scanned:* | at*) ;;
    *": 0") ;;
    *) fail "after «Ferdig» the kiosk's memory still holds $line: $(grep ^at a-after.scan)" ;;
    esac
done <a-after.scan
touch a-go2
finish

# --- B: no hand-in, the idle wipe -------------------------------------------------------------
rm -f spool/*
cat >b.json <<JSON
[
  {"tap": "kiosk.lang.nn"}, {"tap": "kiosk.home.start"}, $answers,
  {"tap": "result.pref"}, {"secret_text": true},
  {"wait_for": "kiosk.attract.title", "timeout_ms": 60000},
  {"expect_absent": "result.level.name"},
  {"dump": "$work/b-after.json"}, {"wait_file": "$work/b-go", "timeout_ms": 600000},
  {"quit": true}
]
JSON
run_kiosk kiosk-idle.json b.json
hold b-after
python3 - "$secret" >patterns-b.json <<'PY'
import json, sys
print(json.dumps({"sentinel": sys.argv[1], "record (compact)": '{"type":"assessment","ts":"',
                  "answers (compact)": '"answers":{"'}))
PY
scan b-after patterns-b.json
while read -r line; do
    case $line in
    scanned:* | at*) ;;
    *": 0") ;;
    *) fail "after the idle wipe the kiosk's memory still holds $line: $(grep ^at b-after.scan)" ;;
    esac
done <b-after.scan
[ -z "$(ls spool)" ] || fail "B handed nothing in, but the spool has: $(ls spool)"
touch b-go
finish
echo "kiosk memory after «Ferdig» and after the idle wipe: no sentinel, reference code or record"
