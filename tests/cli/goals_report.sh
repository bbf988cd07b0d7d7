#!/usr/bin/env bash
# The client's own goals in the care loop (issue 17): a client's goals, set and rated with
# trinnctl journal append as the app writes them, go in a report only when the client shares
# «goals», all of them even when the report's range starts after a goal was set (a rating
# means nothing to the team without its goal), and the therapist's report open hands them on
# with their ratings, a goal let go of included; a goal record goes nowhere when goals are not
# shared. trinnctl check refuses a goals.json with a fourth goal allowed above the most
# (max_active) and a scale beyond 0-10, naming the file and the path.
source "$(dirname "$0")/care_lib.sh"
team_and_client
add() { "$T" journal append "$D2/profiles/$id.trinn" --passphrase-file F2 >/dev/null; }
echo '{"type":"goal","ts":"2026-11-01T10:00:00Z","goal":"goal1","op":"add","text":"Sove gjennom natten","rating":2,"module":"sleep"}' | add
echo '{"type":"goal","ts":"2026-11-01T10:01:00Z","goal":"goal2","op":"add","text":"Begynne i koret igjen","rating":1}' | add
echo '{"type":"checkin","ts":"2026-12-02T21:00:00Z","mood":5,"sleep_hours":7,"note":""}' | add
echo '{"type":"goal","ts":"2026-12-02T21:00:00Z","goal":"goal1","op":"rate","rating":6,"at":"checkin"}' | add
echo '{"type":"goal","ts":"2026-12-03T10:00:00Z","goal":"goal2","op":"close","status":"let_go"}' | add

# goals not shared: no goal record goes
"$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 --to CARD.json \
    --share checkins --from 2026-12-01 --out A.trinn-rapport >/dev/null 2>err || fail "report A: $(cat err)"
"$T" --data-dir "$D" report open A.trinn-rapport --profile Kari --passphrase-file F >outA 2>err ||
    fail "open A: $(cat err)"
grep -q '"goal"' outA && fail "goals went unshared: $(cat outA)"
grep -q "Sove gjennom natten" outA && fail "a goal's words went unshared"

# goals shared from 1 December: every goal record, the ones set in November too
"$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 --to CARD.json \
    --share checkins,goals --from 2026-12-01 --out B.trinn-rapport >/dev/null 2>err ||
    fail "report B: $(cat err)"
"$T" --data-dir "$D" report open B.trinn-rapport --profile Kari --passphrase-file F >outB 2>err ||
    fail "open B: $(cat err)"
python3 - <<'PY' || fail "report open output: $(cat outB)"
import json
r = json.load(open("outB"))
def walk(o):
    if isinstance(o, dict):
        if o.get("type") == "goal":
            yield o
        for v in o.values():
            yield from walk(v)
    elif isinstance(o, list):
        for v in o:
            yield from walk(v)
goals = list(walk(r))
assert len(goals) == 4, goals
assert "goals" in json.dumps(r.get("shared", r)), r.get("shared")
ops = [(g["goal"], g["op"]) for g in goals]
assert ops == [("goal1", "add"), ("goal2", "add"), ("goal1", "rate"), ("goal2", "close")], ops
assert goals[0]["text"] == "Sove gjennom natten" and goals[0]["module"] == "sleep"
assert goals[2]["rating"] == 6 and goals[2]["at"] == "checkin"
assert goals[3]["status"] == "let_go"
PY

# the note for the patient record, in nynorsk: the goals in words, not one line per record
"$T" --data-dir "$D2" report create --profile Ola --passphrase-file F2 --to CARD.json \
    --share checkins,goals --from 2026-12-01 --out C.trinn-rapport >/dev/null 2>err ||
    fail "report C: $(cat err)"
"$T" --data-dir "$D" --lang nn report open C.trinn-rapport --profile Kari --passphrase-file F \
    --summary >note.txt 2>err || fail "open C --summary: $(cat err)"
for want in "Klienten valde å dele: daglege innsjekkar, klienten sine eigne mål" \
    "Klienten sine eigne mål (0 = ikkje i nærleiken, 10 = nådd):" \
    "- «Sove gjennom natten»: først 2, no 6 av 10" \
    "- «Begynne i koret igjen»: sleppt 2026-12-03 (først 1, sist 1 av 10)"; do
    grep -qF -- "$want" note.txt || fail "the note lacks '$want': $(cat note.txt)"
done
grep -q ": goal$" note.txt && fail "goal records listed one by one: $(cat note.txt)"

# trinnctl check validates goals.json
cp -r "${TRINN_CONTENT:?}" pack
python3 - <<'PY'
import json
p = "pack/goals.json"
d = json.load(open(p))
d["max_active"] = 9
d["scale"]["max"] = 100
json.dump(d, open(p, "w"), ensure_ascii=False)
PY
if "$T" check pack >out 2>err; then fail "check accepted a broken goals.json"; fi
grep -q 'goals.json.*max_active.*from 1 to 5' out err || fail "check did not name max_active: $(cat out err)"
grep -q 'goals.json.*\$.scale.*from 1 to 10' out err || fail "check did not name the scale: $(cat out err)"
"$T" check "$TRINN_CONTENT" >/dev/null 2>err || fail "check refused the shipped pack: $(cat err)"
echo "goals in reports: ok"
