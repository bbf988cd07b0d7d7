#!/usr/bin/env bash
# The client's own goals in the FHIR export (issue 17): a journal with three goals (one reached,
# one let go of, one active and re-rated at a check-in and after a measure) and a measure is
# exported with trinnctl fhir export; each goal is one FHIR R4 Goal (lifecycleStatus active,
# completed or cancelled, the client's words as description.text, the target the top of the
# scale on the goal rating's code) and each rating an Observation whose focus is its Goal; the
# export passes tests/fhir/validate.js (fhir.js, the R4 JSON schema, fhirpath invariants and
# Trinn's rules). Goal records that do not fit the goal's story (a rating of a goal let go of,
# a rating that is not a whole number, a goal added twice) are skipped and counted, and a Goal
# spoiled by hand (an unknown lifecycleStatus, a completed Goal without "achieved") is caught by
# the validator. Needs tests/fhir/node_modules; without it the test is skipped (exit 77),
# unless TRINN_REQUIRE_NODE=1.
source "$(dirname "$0")/fhir_lib.sh"
cat >"$work/goals.jsonl" <<'JSON'
{"type":"goal","ts":"2026-01-05T09:00:00Z","goal":"goal1","op":"add","text":"Sove gjennom natten","rating":2,"module":"sleep"}
{"type":"goal","ts":"2026-01-05T09:01:00Z","goal":"goal2","op":"add","text":"Begynne i koret igjen","rating":1}
{"type":"goal","ts":"2026-01-05T09:02:00Z","goal":"goal3","op":"add","text":"Gå tur hver dag","rating":4}
{"type":"measure","ts":"2026-02-02T09:00:00Z","instrument":"phq9","answers":{"phq9_1":1,"phq9_2":1,"phq9_3":1,"phq9_4":1,"phq9_5":1,"phq9_6":1,"phq9_7":1,"phq9_8":0},"total":8,"band":"mild","caseness":false,"scorable":true}
{"type":"goal","ts":"2026-02-02T09:05:00Z","goal":"goal1","op":"rate","rating":6,"at":"measure"}
{"type":"goal","ts":"2026-02-03T21:00:00Z","goal":"goal3","op":"rate","rating":7,"at":"checkin"}
{"type":"goal","ts":"2026-02-04T10:00:00Z","goal":"goal2","op":"close","status":"let_go"}
{"type":"goal","ts":"2026-02-05T10:00:00Z","goal":"goal2","op":"rate","rating":3,"at":"goals"}
{"type":"goal","ts":"2026-02-06T10:00:00Z","goal":"goal3","op":"rate","rating":7.5,"at":"goals"}
{"type":"goal","ts":"2026-02-07T10:00:00Z","goal":"goal1","op":"add","text":"Twice","rating":1}
{"type":"goal","ts":"2026-03-01T10:00:00Z","goal":"goal3","op":"close","status":"reached"}
{"type":"goal","ts":"2026-03-02T10:00:00Z","goal":"goal1","op":"link","module":"worry"}
JSON
make_journal g "$work/goals.jsonl"
out=$("$ctl" fhir export "$work/g.trinn" --passphrase-file "$work/pass" --out "$work/x" \
    --team "RPH Bergen sentrum" 2>"$work/err") || fail "export: $(cat "$work/err")"
# 1 PHQ-9 response; its Observation and 5 ratings (3 first ratings, 2 re-ratings); 3 Goals;
# skipped: the rating of a goal let go of, the rating 7.5, goal1 added twice
case "$out" in
*'"resources":{"QuestionnaireResponse":1,"Observation":6,"Organization":1,"Goal":3},"skipped":3,'*) ;;
*) fail "export summary: $out" ;;
esac
python3 - "$work/x" <<'PY' || fail "the Goals are not as the records say"
import json, sys
d = sys.argv[1]
goals = {g["id"].split("-")[-1]: g for g in map(json.loads, open(d + "/Goal.ndjson"))}
obs = [json.loads(l) for l in open(d + "/Observation.ndjson")]
g1, g2, g3 = goals["goal1"], goals["goal2"], goals["goal3"]
assert g1["lifecycleStatus"] == "active" and g1["achievementStatus"]["coding"][0]["code"] == "in-progress", g1
assert g1["description"]["text"] == "Sove gjennom natten" and g1["startDate"] == "2026-01-05", g1
assert "statusDate" not in g1
assert g2["lifecycleStatus"] == "cancelled" and "achievementStatus" not in g2 and g2["statusDate"] == "2026-02-04", g2
assert g3["lifecycleStatus"] == "completed" and g3["achievementStatus"]["coding"][0]["code"] == "achieved", g3
t = g1["target"][0]
assert t["detailInteger"] == 10 and t["measure"]["coding"][0]["code"] == "goal-rating", t
rated = [(o["focus"][0]["reference"].split("-")[-1], o["valueInteger"]) for o in obs if o["code"]["coding"][0]["code"] == "goal-rating"]
assert rated == [("goal1", 2), ("goal2", 1), ("goal3", 4), ("goal1", 6), ("goal3", 7)], rated
assert all(o["subject"] == g1["subject"] for o in obs), "one client"
PY
# the validators, and Goals spoiled by hand
mkdir -p "$work/bad1" "$work/bad2"
for b in bad1 bad2; do cp "$work/x/"* "$work/$b/"; done
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
def spoil(dirname, fn):
    for name in ("Goal.ndjson", "bundle.json"):
        p = f"{w}/{dirname}/{name}"
        if name == "bundle.json":
            b = json.load(open(p))
            for e in b["entry"]:
                if e["resource"]["resourceType"] == "Goal":
                    fn(e["resource"])
            json.dump(b, open(p, "w"))
        else:
            rs = [json.loads(l) for l in open(p)]
            for r in rs:
                fn(r)
            open(p, "w").write("".join(json.dumps(r) + "\n" for r in rs))
def unknown(g):
    if g["id"].endswith("goal1"):
        g["lifecycleStatus"] = "finished"
def unachieved(g):
    if g["id"].endswith("goal3"):
        del g["achievementStatus"]
spoil("bad1", unknown)
spoil("bad2", unachieved)
PY
node "$fx/validate.js" --content "$src/content" "$work/x" >"$work/v" 2>&1 || fail "validate: $(cat "$work/v")"
node "$fx/validate.js" --content "$src/content" "$work/bad1" >"$work/v1" 2>&1 && fail "an unknown lifecycleStatus passed"
grep -q "lifecycleStatus finished" "$work/v1" || fail "bad1: $(cat "$work/v1")"
node "$fx/validate.js" --content "$src/content" "$work/bad2" >"$work/v2" 2>&1 && fail "a completed Goal without achieved passed"
grep -q "achievementStatus undefined does not fit lifecycleStatus completed" "$work/v2" || fail "bad2: $(cat "$work/v2")"
[ "$fails" = 0 ] && echo "goals in the FHIR export: ok"
exit $((fails > 0))
