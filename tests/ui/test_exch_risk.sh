#!/usr/bin/env bash
# Risk reaches a person (issue 14, client side): on an elevated- or acute-risk result the
# client paired with a team sees, after the crisis numbers, the team's phone and hours and
# «Send til teamet nå»; at acute risk the phone comes before the file, and the words say a file
# is not help now. Sending saves the result, opens the report with the assessment chosen, and
# the team opens the file with `trinnctl report open` and finds the risk flag. Without a
# paired team, and as a guest, the card says what to do oneself and offers no file.
# nb by mouse (elevated), nn by touch (acute), en by keyboard (elevated, no team); the answers
# are those of the flows flows/result_elevated.json and flows/risk.json, read from them.
name=test_exch_risk
. "$(dirname "$0")/exch_lib.sh"
"$T" --data-dir team profile create --kind therapist --name Kari --passphrase-file F \
    --service "RPH A" --phone "22 00 00 00" --hours "08-15" "${cheap[@]}" >/dev/null 2>&1
answers() { # flow: the answering steps after the flow's profile choice, as JSON list items
    python3 - "$1" <<'PY'
import json, sys
steps = json.load(open(sys.argv[1]))
start = next(i for i, s in enumerate(steps) if "profile.guest" in json.dumps(s)) + 1
out = []
for s in steps[start:]:
    (k, v), = s.items()
    if k not in ("key", "tap", "click") or str(v).startswith("result."):
        break
    out.append(json.dumps(s))
print(", ".join(out))
PY
}
for case in nb:mouse:elevated:paired nn:touch:acute:paired en:keys:elevated:alone; do
    IFS=: read -r lang mode level team <<<"$case"
    flow=$here/flows/result_elevated.json
    [ "$level" = acute ] && flow=$here/flows/risk.json
    if [ "$team" = paired ]; then
        "$T" --data-dir team assign --profile Kari --passphrase-file F --client "klient-$lang" \
            --modules sleep --measures phq9:weekly --expires 2099-12-31 \
            --out "A-$lang.trinn-oppdrag" >/dev/null 2>&1
        cat >first.json <<JSON
[
  $(act "$mode" exch.unlock), $(create "$mode"),
  {"wait_for": "exch.fingerprint", "timeout_ms": 30000},
  $(act "$mode" exch.trust), {"expect": "exch.done.text"}, $(act "$mode" exch.back),
  $(act "$mode" home.reassess),
  $(answers "$flow"),
JSON
        run_args=("$work/A-$lang.trinn-oppdrag")
    else
        cat >first.json <<JSON
[
  $(act "$mode" welcome.start), $(create "$mode"),
  {"wait_for": "question.text", "timeout_ms": 30000},
  $(answers "$flow"),
JSON
        run_args=()
    fi
    if [ "$team" = paired ]; then
        what=$(say "$lang" exch.risk.send_text)
        order='{"expect_above": ["exch.risk.phone", "exch.risk.send"]}'
        [ "$level" = acute ] && what=$(say "$lang" exch.risk.send_text_acute)
        cat >>first.json <<JSON
  {"expect": "result.risk.title"},
  {"expect": "$(say "$lang" exch.team_phone_hours phone="22 00 00 00" hours=08-15)"},
  {"expect": "$what"}, $order,
  {"expect_above": ["crisis.emergency", "exch.risk"]},
  {"check_layout": true},
  $(act "$mode" exch.risk.send),
  {"expect": "$(say "$lang" exch.rep.intro_risk)"},
  {"expect_selected": "exch.rep.assessment"},
  {"check_layout": true},
  $(act "$mode" exch.rep.make),
  {"expect": "$(say "$lang" exch.rep.not_sent)"},
  {"expect": "$(say "$lang" exch.rep.risk_call)"},
  {"quit": true}
]
JSON
    else
        cat >>first.json <<JSON
  {"expect": "result.risk.title"},
  {"expect": "$(say "$lang" exch.risk.alone)"},
  {"expect_absent": "exch.risk.send"},
  {"expect_above": ["crisis.emergency", "exch.risk"]},
  {"check_layout": true},
  {"quit": true}
]
JSON
    fi
    rm -rf "$work/dl" && mkdir -p "$work/dl"
    XDG_DOWNLOAD_DIR="$work/dl" run "$lang" first.json "${run_args[@]}"
    [ "$team" = paired ] || continue
    file=$(ls "$work"/dl/*.trinn-rapport 2>/dev/null || true)
    if [ -z "$file" ] || ! "$T" --data-dir team report open "$file" --profile Kari \
        --passphrase-file F >open.json 2>err.txt; then
        echo "test_exch_risk: $lang: no report the team could open: $(cat err.txt 2>/dev/null)" >&2
        fail=1
        continue
    fi
    python3 - "$lang" "$level" <<'PY' || fail=1
import json, sys
lang, level = sys.argv[1:]
d = json.load(open("open.json"))
flags = [f.get("risk") for f in d["risk"] if f["type"] == "assessment"]
types = [r["type"] for r in d["report_payload"]["records"]]
if flags != [level] or "assessment" not in types or d["client"] != f"klient-{lang}":
    sys.exit(f"test_exch_risk: {lang}: the team's report: risk {d['risk']}, records {types}")
PY
done

# A guest at elevated risk: what to do oneself, no file, nothing said to be saved or sent.
cat >guest.json <<JSON
[
  {"click": "welcome.start"}, {"click": "profile.guest"},
  $(answers "$here/flows/result_elevated.json"),
  {"expect": "result.risk.title"},
  {"expect": "$(say nb exch.risk.alone)"},
  {"expect_absent": "exch.risk.send"},
  {"quit": true}
]
JSON
rm -rf "$work/nb"
run nb guest.json
exit $fail
