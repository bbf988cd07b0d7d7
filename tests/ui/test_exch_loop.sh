#!/usr/bin/env bash
# The care loop from app to app (issue 14), in nb by mouse at 1920x1080, nn by touch at
# 1366x768 and en by keyboard at 1080x1920, every file passing through one scratch Downloads
# folder (XDG_DOWNLOAD_DIR) as an e-mail attachment or a USB stick would:
#  1. a therapist creates a therapist profile in the app (its team card and fingerprint on the
#     team's page) and writes an assignment for klient-1: the sleep course and PHQ-9;
#  2. a client creates a profile, finds the assignment in the inbox, compares the fingerprint
#     (the one trinnctl reads from the therapist's card) and confirms it; the home shows what
#     was assigned; the client does the assigned course's sleep diary, then the measure with
#     item 9 above 0; its result offers «Send til teamet nå» beside the team's phone; the
#     report (the measure, and the course ticked) is written with the words that it reaches no
#     one until delivered;
#  3. the therapist opens the report from the folder list and sees klient-1's page with the
#     risk flag first, above the outcome, the charts and the course.
# Then trinnctl checks the files themselves: the assignment holds the plan chosen, the team
# opens the report (a copy of its profile) and finds the measure with its flag and the diary.
name=test_exch_loop
. "$(dirname "$0")/exch_lib.sh"
tpass="fjell kaffe trikk solsikke"
# the measure's answers (PHQ-9 item 9 above 0 and its follow-ups), as flows/measure_risk.json
# gives them, pressed by mode
measure() { # mode
    python3 - "$here/flows/measure_risk.json" "$1" <<'PY'
import json, sys
steps, mode = json.load(open(sys.argv[1])), sys.argv[2]
start = [i for i, s in enumerate(steps) if s.get("tap") == "progress.measure"][-1] + 1
out = []
for s in steps[start:]:
    if s.get("expect") == "measure.risk.title":
        break
    if "tap" in s:
        if mode == "keys":
            out += [{"tab_to": s["tap"]}, {"key": "Return"}]
        else:
            out.append({"click" if mode == "mouse" else "tap": s["tap"]})
    elif "key" in s:
        out.append(s)
print(", ".join(json.dumps(x) for x in out))
PY
}

for case in nb:mouse:1920x1080 nn:touch:1366x768 en:keys:1080x1920; do
    IFS=: read -r lang mode size <<<"$case"
    dl=$work/dl-$lang
    mkdir -p "$dl"
    # 1. the therapist: a profile, the team card, an assignment
    cat >therapist.json <<JSON
[
  $(act "$mode" welcome.start), $(act "$mode" profile.new), $(act "$mode" profile.kind.therapist),
  $(field "$mode" profile.name), {"text": "Per Hansen"},
  $(field "$mode" profile.service), {"text": "RPH Sør"},
  $(field "$mode" profile.phone), {"text": "22 11 22 33"},
  $(field "$mode" profile.hours), {"text": "08-15"},
  $(field "$mode" profile.label), {"text": "Per"},
  $(field "$mode" profile.pass), {"text": "$tpass"},
  $(field "$mode" profile.pass2), {"text": "$tpass"}, $(act "$mode" profile.create),
  {"wait_for": "team.fingerprint", "timeout_ms": 30000},
  {"expect": "RPH Sør"}, {"expect": "team.clients.none"},
  {"check_layout": true},
  $(act "$mode" team.assign),
  $(field "$mode" team.assign.client), {"text": "klient-1"},
  $(act "$mode" team.assign.module.sleep),
  $(act "$mode" team.assign.make),
  {"expect": "team.assign.written"},
  {"check_layout": true},
  {"quit": true}
]
JSON
    data=team-$lang XDG_DOWNLOAD_DIR=$dl run "$lang" therapist.json --size "$size"
    oppdrag=$(ls "$dl"/*.trinn-oppdrag 2>/dev/null | head -1)
    if [ -z "$oppdrag" ]; then
        echo "$name: $lang: the therapist's app wrote no assignment to $dl" >&2
        fail=1
        continue
    fi
    "$T" --data-dir "$work/team-$lang" team card --profile Per --passphrase-file F \
        --out "card-$lang.json" >/dev/null
    fpr=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["fingerprint"])' \
        "card-$lang.json")

    # 2. the client: a profile, the assignment from the inbox, the course, the measure, a report
    cat >client.json <<JSON
[
  $(act "$mode" selfhelp.open), $(create "$mode" Ola),
  {"wait_for": "modules.back", "timeout_ms": 30000}, $(act "$mode" modules.back),
  {"wait_for": "home.exch.open", "timeout_ms": 5000},
  $(act "$mode" home.exch.open),
  {"expect": "$(basename "$oppdrag")"},
  $(act "$mode" exch.inbox.0),
  {"wait_for": "exch.fingerprint", "timeout_ms": 10000},
  {"expect": "$fpr"}, {"expect": "$(say "$lang" exch.confirm_from service="RPH Sør")"},
  {"check_layout": true},
  $(act "$mode" exch.trust), {"expect": "exch.done.pinned"},
  $(act "$mode" exch.back),
  {"expect": "home.assigned"}, {"expect": "home.assigned.measure.0"},
  $(act "$mode" home.assigned.module.sleep),
  $(act "$mode" module.step.diary), $(act "$mode" step.new),
  $(field "$mode" f.bed), {"text": "23:00"},
  $(field "$mode" f.latency), {"text": "20"},
  $(field "$mode" f.wakings), {"text": "0"},
  $(field "$mode" f.awake_min), {"text": "0"},
  $(field "$mode" f.wake), {"text": "06:45"},
  $(field "$mode" f.rise), {"text": "07:00"},
  $(act "$mode" step.next), $(act "$mode" f.quality), $(act "$mode" step.next),
  $(act "$mode" step.back), $(act "$mode" module.back), $(act "$mode" modules.back),
  {"wait_for": "track.progress", "timeout_ms": 5000},
  $(act "$mode" track.progress), $(act "$mode" progress.measure),
  $(measure "$mode"),
  {"expect": "measure.risk.title"},
  {"expect": "$(say "$lang" exch.team_phone_hours phone="22 11 22 33" hours=08-15)"},
  {"expect_above": ["crisis.emergency", "exch.risk.send"]},
  {"expect_above": ["exch.risk.phone", "exch.risk.send"]},
  {"check_layout": true},
  $(act "$mode" exch.risk.send),
  {"expect": "$(say "$lang" exch.rep.intro_measure)"},
  {"expect_selected": "exch.rep.measures"},
  $(act "$mode" exch.rep.module.sleep),
  {"expect": "$(say "$lang" exch.rep.count n=5)"},
  {"check_layout": true},
  $(act "$mode" exch.rep.make),
  {"expect": "$(say "$lang" exch.rep.not_sent)"},
  {"expect": "exch.rep.risk_call"},
  {"check_layout": true},
  {"quit": true}
]
JSON
    data=client-$lang XDG_DOWNLOAD_DIR=$dl run "$lang" client.json --size "$size"
    rapport=$(ls "$dl"/*.trinn-rapport 2>/dev/null | head -1)
    if [ -z "$rapport" ]; then
        echo "$name: $lang: the client's app wrote no report to $dl" >&2
        fail=1
        continue
    fi
    cp -r "$work/team-$lang" "$work/team-$lang-ctl" # trinnctl opens its own copy below

    # 3. the therapist opens it: the risk flag first
    cat >opened.json <<JSON
[
  $(act "$mode" welcome.start), $(act "$mode" profile.open.0),
  $(field "$mode" profile.pass), {"text": "$tpass"}, $(act "$mode" profile.unlock),
  {"wait_for": "team.file.0", "timeout_ms": 30000},
  {"expect": "$(basename "$rapport")"},
  $(act "$mode" team.file.0),
  {"wait_for": "team.risk.title", "timeout_ms": 10000},
  {"expect": "$(say "$lang" team.client_title client=klient-1)"},
  {"expect_above": ["team.risk.title", "team.outcome.title"]},
  {"expect_above": ["team.risk.0", "chart.phq9"]},
  {"expect_above": ["team.risk.title", "team.modules.title"]},
  {"check_layout": true},
  $(act "$mode" team.client.back),
  {"expect": "team.client.0"},
  {"quit": true}
]
JSON
    data=team-$lang XDG_DOWNLOAD_DIR=$dl run "$lang" opened.json --size "$size"

    # the files themselves: the plan chosen in the app; the report as the team opens it
    "$T" assignment unpack "$oppdrag" --out "unpacked-$lang" >/dev/null
    "$T" --data-dir "$work/team-$lang-ctl" report open "$rapport" --profile Per \
        --passphrase-file F >"open-$lang.json" 2>"err-$lang.txt" ||
        { echo "$name: $lang: trinnctl report open: $(cat "err-$lang.txt")" >&2; fail=1; continue; }
    python3 - "$lang" <<'PY' || fail=1
import json, sys
lang = sys.argv[1]
a = json.load(open(f"unpacked-{lang}/assignment.json"))
d = json.load(open(f"open-{lang}.json"))
p = d["report_payload"]
problems = []
if a.get("client") != "klient-1" or a.get("modules") != ["sleep"]:
    problems.append(f"assignment {a.get('client')} {a.get('modules')}")
if "phq9" not in [m.get("instrument") for m in a.get("measures", [])]:
    problems.append(f"assignment measures {a.get('measures')}")
if d["client"] != "klient-1":
    problems.append(f"report from {d['client']}")
if [f.get("item") for f in d["risk"]] != ["phq9_9"]:
    problems.append(f"risk {d['risk']}")
types = sorted(r["type"] for r in p["records"])
if "measure" not in types or "module_entry" not in types:
    problems.append(f"records {types}")
if problems:
    sys.exit(f"test_exch_loop: {lang}: " + "; ".join(problems))
PY
done
exit $fail
