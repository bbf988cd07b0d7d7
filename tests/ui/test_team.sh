#!/usr/bin/env bash
# The therapist in the app (issue 14): trinnctl prepares a team (therapist profile «Kari», an
# assignment to klient-7) and a client who answers PHQ-9 and GAD-7 twice, the second time with
# item 9 above 0 and a follow-up answer, and sends a report; a damaged copy of it lies beside it
# in the inbox folder (the downloads folder, XDG_DOWNLOAD_DIR). Then, in nb by mouse, in nn by
# touch and in en by keyboard, the app: creates a new therapist profile (the kind chosen in the
# create view; its home shows the team card and fingerprint), locks it, unlocks Kari, is refused
# the damaged file and a dropped file that is no report (each says why), opens the report (from
# the folder list, or dropped on the window), shows the client's page with the risk flag first
# (above the outcome and the charts), copies the note for the patient record to the clipboard,
# with what the team needs to plan the first conversation (issue 17: an interpreter, the
# language) under the assessment and in the note, and lists the client with a risk marker; then the team's numbers (the chart and the same numbers in
# words) and a new assignment (a missing client id refused; the file it writes holds the plan
# chosen and a client imports it with the fingerprint the screen read out). Each language runs at
# another window size (1920x1080, 1366x768, 1080x1920) with the layout checked on every screen.
# Also: a report given on the command line before any profile is open (a double-click) opens once
# the therapist's profile is unlocked; a second report, dropped later, says what changed since
# the report before.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
T=${TRINN_BIN:?}/trinnctl
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
tpass="fjell kaffe trikk solsikke"
printf '%s\n' "$tpass" >F
printf 'blåbær sykkel regnjakke tulipan\n' >F2
D=$work/team D2=$work/client
mkdir -p inbox

"$T" --data-dir "$D" profile create --kind therapist --name Kari --label Kari --passphrase-file F \
    --service "RPH Bydel Nord" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null
"$T" --data-dir "$D" team card --profile Kari --passphrase-file F --out CARD.json >/dev/null
fpr=$(python3 -c 'import json; print(json.load(open("CARD.json"))["fingerprint"])')
"$T" --data-dir "$D" assign --profile Kari --passphrase-file F --client klient-7 \
    --modules activity --measures phq9:weekly --expires 2099-12-31 --out X.trinn-oppdrag >/dev/null
"$T" --data-dir "$D2" profile create --kind client --name Ola --passphrase-file F2 \
    "${cheap[@]}" >/dev/null
"$T" --data-dir "$D2" assignment import X.trinn-oppdrag --profile Ola --passphrase-file F2 \
    --trust "$fpr" >/dev/null
id=$("$T" --data-dir "$D2" profile list | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
python3 - >records.ndjson <<'PY'
import json
def m(ts, inst, vals, band, **extra):
    r = {"type": "measure", "ts": ts, "instrument": inst,
         "answers": {"%s_%d" % (inst, i + 1): v for i, v in enumerate(vals)},
         "total": sum(vals), "scorable": True, "band": band}
    r.update(extra)
    print(json.dumps(r))
m("2026-11-20T20:00:00Z", "phq9", [3, 3, 3, 3, 2, 2, 2, 0, 0], "moderately_severe",
  risk="none", risk_answers={})
m("2026-11-20T20:05:00Z", "gad7", [2, 2, 2, 2, 2, 1, 1], "moderate")
m("2026-12-02T20:00:00Z", "phq9", [2, 2, 2, 2, 1, 1, 1, 0, 2], "moderate",
  risk="elevated", risk_answers={"risk_plans": "no"})
m("2026-12-02T20:05:00Z", "gad7", [1, 1, 1, 1, 1, 1, 0], "mild")
PY
# the client's own goals (issue 17), shared with the first report
cat >>records.ndjson <<'JSON'
{"type":"goal","ts":"2026-11-20T20:10:00Z","goal":"goal1","op":"add","text":"Sove gjennom natten","rating":2}
{"type":"assessment","ts":"2026-11-20T19:50:00Z","answers":{"intake":{"age_band":"25_34","interpreter":"yes","interpreter_language":"somali"}},"scores":{},"risk":"none","recommended":"self_help","alternatives":[],"reasons":["interpreter"],"chosen":"self_help","modules":[],"ask":[],"content_version":"1"}
{"type":"goal","ts":"2026-12-02T20:10:00Z","goal":"goal1","op":"rate","rating":6,"at":"measure"}
JSON
while read -r line; do
    printf '%s\n' "$line" | "$T" journal append "$D2/profiles/$id.trinn" --passphrase-file F2 >/dev/null
done <records.ndjson
"$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 --to CARD.json \
    --share measures,assessment,goals --out inbox/rapport-1.trinn-rapport >/dev/null 2>&1
python3 - <<'PY'
data = bytearray(open("inbox/rapport-1.trinn-rapport", "rb").read())
data[len(data) // 2] ^= 1
open("inbox/skadet.trinn-rapport", "wb").write(bytes(data))
PY
echo "not a report" >notes.txt
# a week later: two more measures, and a second report (all that was shared before, and these)
mkdir -p later
python3 - >later.ndjson <<'PY'
import json
def m(ts, inst, vals, band, **extra):
    r = {"type": "measure", "ts": ts, "instrument": inst,
         "answers": {"%s_%d" % (inst, i + 1): v for i, v in enumerate(vals)},
         "total": sum(vals), "scorable": True, "band": band}
    r.update(extra)
    print(json.dumps(r))
m("2026-12-09T20:00:00Z", "phq9", [1, 1, 1, 1, 1, 1, 1, 0, 0], "mild", risk="none",
  risk_answers={})
m("2026-12-09T20:05:00Z", "gad7", [1, 1, 0, 0, 1, 0, 0], "minimal")
PY
while read -r line; do
    printf '%s\n' "$line" | "$T" journal append "$D2/profiles/$id.trinn" --passphrase-file F2 >/dev/null
done <later.ndjson
"$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 --to CARD.json \
    --share measures,assessment --out later/rapport-2.trinn-rapport >/dev/null 2>&1

# The flow in one language: $1 lang index key, $2 click|tap, the texts of that language.
flow() { # lang press open risk copied refused notreport risk_line answer improved client marker
    local key=$1 press=$2 open=$3 risk=$4 copied=$5 refused=$6 notrep=$7 line=$8 answer=$9
    local improved=${10} client=${11} marker=${12} epj=${13}
    cat <<EOF
[
  {"key": "$key"},
  {"$press": "language.continue"},
  {"$press": "welcome.start"},
  {"$press": "profile.new"},
  {"$press": "profile.kind.therapist"},
  {"$press": "profile.name"},
  {"text": "Per Hansen"},
  {"$press": "profile.service"},
  {"text": "RPH Sør"},
  {"$press": "profile.label"},
  {"text": "Per"},
  {"$press": "profile.pass"},
  {"text": "grønn sykkel under brua"},
  {"$press": "profile.pass2"},
  {"text": "grønn sykkel under brua"},
  {"$press": "profile.create"},
  {"wait_for": "team.fingerprint", "timeout_ms": 30000},
  {"expect": "RPH Sør"},
  {"expect": "Per Hansen"},
  {"expect": "team.clients.none"},
  {"$press": "chrome.lock"},
  {"$press": "welcome.start"},
  {"$press": "profile.open.0"},
  {"text": "$tpass"},
  {"$press": "profile.unlock"},
  {"wait_for": "team.client.0", "timeout_ms": 30000},
  {"expect": "$fpr"},
  {"expect": "RPH Bydel Nord"},
  {"expect": "team.file.1"},
  {"$press": "team.file.1"},
  {"expect": "$refused"},
  {"expect_absent": "team.client.title"},
  {"drop": "$work/notes.txt"},
  {"expect": "$notrep"},
  $open,
  {"wait_for": "team.risk.title", "timeout_ms": 10000},
  {"expect": "$risk"},
  {"expect": "$line"},
  {"expect": "$answer"},
  {"expect_above": ["team.risk.title", "team.outcome.title"]},
  {"expect_above": ["team.risk.0", "chart.phq9"]},
  {"expect": "chart.gad7"},
  {"expect": "team.goals.title"},
  {"expect": "Sove gjennom natten"},
  {"expect": "team.goals.chart.goal1"},
  {"expect": "team.assessment.fact.0"},
  {"expect": "team.assessment.fact.1"},
  {"expect_absent": "team.assessment.fact.2"},
  {"$press": "team.copy"},
  {"expect": "$copied"},
  {"expect_clipboard": "klient-7"},
  {"expect_clipboard": "- 2026-12-02: PHQ-9"},
  {"expect_clipboard": "$epj"},
  {"expect_clipboard": "Somali"},
  {"check_layout": true},
  {"$press": "team.client.back"},
  {"expect": "team.client.0"},
  {"expect": "$marker klient-7"},
  {"$press": "team.stats"},
  {"wait_for": "team.stats.chart.title", "timeout_ms": 10000},
  {"expect": "team.stats.rate.reliable_improvement.text"},
  {"expect": "$improved"},
  {"expect": "team.stats.count.finished.value"},
  {"expect": "team.stats.period.0"},
  {"check_layout": true},
  {"$press": "team.stats.back"},
  {"$press": "team.assign"},
  {"expect": "team.assign.module.sleep"},
  {"$press": "team.assign.make"},
  {"expect": "team.assign.client"},
  {"expect_absent": "team.assign.written"},
  {"$press": "team.assign.client"},
  {"text": "$client"},
  {"$press": "team.assign.module.sleep"},
  {"$press": "team.assign.module.behavioural_activation"},
  {"$press": "team.assign.ordered"},
  {"$press": "team.assign.measure.gad7"},
  {"$press": "team.assign.measure.phq9.fortnightly"},
  {"$press": "team.assign.homework"},
  {"text": "Gå en tur hver dag"},
  {"$press": "team.assign.next"},
  {"text": "2027-01-12 10:00"},
  {"$press": "team.assign.make"},
  {"expect": "team.assign.written"},
  {"expect": "$fpr"},
  {"check_layout": true},
  {"expect_clipboard": "klient-7"},
  {"$press": "chrome.lock"},
  {"expect_clipboard_absent": "klient-7"},
  {"quit": true}
]
EOF
}

run() { # name flow-file size [file] (the layout is checked on every screen, at this size)
    local dir=$work/run-$1
    rm -rf "$dir"
    cp -r "$D" "$dir"
    XDG_DOWNLOAD_DIR=$work/inbox SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$2" \
        --data-dir "$dir" --kdf-cost test --size "$3" ${4:+"$4"} >"$work/$1.out" 2>&1 ||
        fail "$1: $(tail -5 "$work/$1.out")"
}

# nb, by mouse: the report from the folder list
flow 1 click '{"click": "team.file.0"}' "RISIKO – må følges opp" "er kopiert til utklippstavlen" \
    "skadet.trinn-rapport ble ikke åpnet" "notes.txt er ikke en rapport" \
    "spørsmål 9: svar 2" "Svar: Nei" "100,0 % (1 av 1)" klient-nb "RISIKO:" \
    "RISIKO – må følges opp:" >nb.json
run nb nb.json 1920x1080
# nn, by touch: the report dropped on the window
flow 2 tap "{\"drop\": \"$work/inbox/rapport-1.trinn-rapport\"}" "RISIKO – må følgjast opp" \
    "er kopiert til utklippstavla" "skadet.trinn-rapport vart ikkje opna" \
    "notes.txt er ikkje ein rapport" "spørsmål 9: svar 2" "Svar: Nei" "100,0 % (1 av 1)" \
    klient-nn "RISIKO:" "RISIKO – må følgjast opp:" >nn.json
run nn nn.json 1366x768
# en, by keyboard: every press is Tab to the widget, then Return (Space for the radio)
flow 3 click '{"click": "team.file.0"}' "RISK – needs follow-up" "is on the clipboard" \
    "skadet.trinn-rapport was not opened" "notes.txt is not a report" "question 9: answer 2" \
    "Answer: No" "100.0 % (1 of 1)" klient-en "RISK:" \
    "RISIKO – må følges opp:" |
    python3 -c '
import json, sys
steps = json.load(sys.stdin)
out = []
for s in steps:
    if len(s) != 1:
        out.append(s)
        continue
    (k, v), = s.items()
    fields = ("profile.name", "profile.service", "profile.label", "profile.pass",
              "profile.open", "team.assign.client", "team.assign.homework", "team.assign.next")
    toggles = ("profile.kind", "team.assign.module", "team.assign.measure", "team.assign.ordered")
    if k == "click" and not v.startswith(fields):
        out += [{"tab_to": v}, {"key": "Space" if v.startswith(toggles) else "Return"}]
    elif k == "click" and v == "profile.open.0":
        out += [{"tab_to": v}, {"key": "Return"}]
    elif k == "click":
        out += [{"tab_to": v}]
    else:
        out.append(s)
json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
' >en.json
run en en.json 1080x1920

# a report double-clicked while no profile is open (`trinn FILE`): the profile screen says to
# unlock the therapist's profile, and the report opens there
cat >pending.json <<EOF
[
  {"expect": "profile.notice"},
  {"expect": "Lås opp behandlerprofilen din"},
  {"click": "profile.open.0"},
  {"text": "$tpass"},
  {"click": "profile.unlock"},
  {"wait_for": "team.risk.title", "timeout_ms": 30000},
  {"expect": "klient-7"},
  {"quit": true}
]
EOF
run pending pending.json 1280x800 "$work/inbox/rapport-1.trinn-rapport"

# the second report, dropped after the first was opened: what changed since the report before
cat >second.json <<EOF
[
  {"key": "1"},
  {"click": "language.continue"},
  {"click": "welcome.start"},
  {"click": "profile.open.0"},
  {"text": "$tpass"},
  {"click": "profile.unlock"},
  {"wait_for": "team.file.0", "timeout_ms": 30000},
  {"click": "team.file.0"},
  {"wait_for": "team.risk.title", "timeout_ms": 10000},
  {"expect_absent": "team.change.0"},
  {"click": "team.client.back"},
  {"drop": "$work/later/rapport-2.trinn-rapport"},
  {"wait_for": "team.change.0", "timeout_ms": 10000},
  {"expect": "Siden forrige rapport: PHQ-9 13 → 7 (-6 poeng)."},
  {"expect": "Siden forrige rapport: GAD-7 6 → 3 (-3 poeng)."},
  {"expect": "2 av dem nye siden forrige rapport"},
  {"expect": "team.risk.title"},
  {"quit": true}
]
EOF
run second second.json 1280x800

# each run wrote its client's first assignment into the downloads folder: signed by the team,
# with the plan chosen, and a client can import it with the fingerprint the screen read out
for l in nb nn en; do
    f=inbox/klient-$l-1.trinn-oppdrag
    [ -f "$f" ] || fail "$l: no $f"
    "$T" assignment unpack "$f" --out "un-$l" >/dev/null || fail "$l: unpack $f"
    python3 - "un-$l/assignment.json" <<'PY' || fail "$l: the assignment's plan"
import json, sys
a = json.load(open(sys.argv[1]))
assert a["modules"] == ["sleep", "behavioural_activation"] and a["ordered"] is True, a
assert a["measures"] == [{"instrument": "phq9", "every": "fortnightly"}], a["measures"]
assert a["homework"] == "Gå en tur hver dag", a["homework"]
assert a["next_appointment"].startswith("2027-01-12T"), a["next_appointment"]
PY
    "$T" --data-dir "c-$l" profile create --kind client --name Ola --passphrase-file F2 \
        "${cheap[@]}" >/dev/null 2>&1
    "$T" --data-dir "c-$l" assignment import "$f" --profile Ola --passphrase-file F2 \
        --trust "$fpr" >/dev/null 2>&1 || fail "$l: a client could not import $f"
done
echo "ok: therapist flows in nb (mouse), nn (touch), en (keyboard)"
