#!/usr/bin/env bash
# A broken content pack never half-loads (issue 10, item 2): the app loads the whole pack in one
# call (tr_bundle) and, when any part is broken, starts anyway with the welcome saying for the
# staff that the pack has problems (their count, and «trinnctl check»), every problem on
# stderr, the start of the journey explaining instead of asking, and the crisis contacts one tap
# away. Three breakages, one per part that used to be dropped silently or loaded on its own:
# a triage rule naming an unknown level, one module with a broken field, and a malformed
# common-words list.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$work"

cat >flow.json <<'FLOW'
[
  {"key": "1"},
  {"click": "language.continue"},
  {"expect": "welcome.pack_broken"},
  {"expect": "trinnctl check"},
  {"expect_absent": "selfhelp.open"},
  {"expect_absent": "history.open"},
  {"expect_absent": "track.checkin"},
  {"expect_absent": "guide.open"},
  {"click": "chrome.help"},
  {"expect": "crisis.emergency"},
  {"click": "crisis.back"},
  {"click": "welcome.start"},
  {"click": "profile.guest"},
  {"expect": "error.message"},
  {"expect": "problem"},
  {"click": "error.close"},
  {"expect_absent": "question.text"},
  {"quit": true}
]
FLOW

# break(NAME, SED-FILE, SED-SCRIPT, STDERR-PATTERN)
check() {
    local name=$1 file=$2 script=$3 pattern=$4
    rm -rf "$work/content" "$work/data"
    cp -r "$TRINN_CONTENT" "$work/content"
    sed -i "$script" "$work/content/$file"
    cmp -s "$TRINN_CONTENT/$file" "$work/content/$file" && fail "$name: the sed changed nothing"
    SDL_VIDEODRIVER=dummy TRINN_CONTENT="$work/content" "$TRINN_BIN/trinn" --script flow.json \
        --data-dir "$work/data" 2>"$work/err" >"$work/out" ||
        fail "$name: the flow failed: $(cat "$work/out" "$work/err")"
    grep -q "^trinn: content pack: [0-9]* problems\? in the content pack" "$work/err" ||
        fail "$name: no summary on stderr: $(cat "$work/err")"
    grep -q "$pattern" "$work/err" || fail "$name: the problem is not named: $(cat "$work/err")"
    # trinnctl check finds the same problem (one load for both)
    "$TRINN_BIN/trinnctl" check "$work/content" >/dev/null 2>"$work/check" &&
        fail "$name: trinnctl check passed"
    grep -q "$pattern" "$work/check" || fail "$name: trinnctl check does not name it"
    echo "pack_broken $name: ok"
}

# A returning client: a profile with a check-in saved while the pack was whole. With the pack
# broken, unlocking it shows the welcome with the staff card, not the home, and none of the
# cards that lead into the pack (courses, earlier answers, check-ins, the guide, the goals,
# medicines, feedback); the crisis button and «Lås» stay.
cat >make.json <<'FLOW'
[
  {"key": "1"},
  {"click": "language.continue"},
  {"click": "track.checkin"},
  {"click": "profile.new"},
  {"click": "profile.name"},
  {"text": "Kari"},
  {"click": "profile.pass"},
  {"text": "grønn sykkel under brua"},
  {"click": "profile.pass2"},
  {"text": "grønn sykkel under brua"},
  {"click": "profile.create"},
  {"wait_for": "checkin.mood.7", "timeout_ms": 30000},
  {"click": "checkin.mood.7"},
  {"click": "checkin.save"},
  {"click": "chrome.lock"},
  {"expect": "welcome.start"},
  {"quit": true}
]
FLOW
cat >returning.json <<'FLOW'
[
  {"expect": "welcome.pack_broken"},
  {"expect_absent": "track.progress"},
  {"click": "welcome.start"},
  {"click": "profile.open.0"},
  {"click": "profile.pass"},
  {"text": "grønn sykkel under brua"},
  {"click": "profile.unlock"},
  {"wait_for": "profile.lock", "timeout_ms": 30000},
  {"click": "error.close"},
  {"expect": "welcome.pack_broken"},
  {"expect_absent": "home.title"},
  {"expect_absent": "selfhelp.open"},
  {"expect_absent": "history.open"},
  {"expect_absent": "track.checkin"},
  {"expect_absent": "guide.open"},
  {"expect_absent": "goals.open"},
  {"expect_absent": "meds.open"},
  {"expect_absent": "fb.give"},
  {"click": "chrome.help"},
  {"expect": "crisis.emergency"},
  {"click": "crisis.back"},
  {"click": "profile.lock"},
  {"expect": "welcome.pack_broken"},
  {"quit": true}
]
FLOW
rm -rf "$work/data" "$work/content"
SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script make.json --data-dir "$work/data" \
    --kdf-cost test >"$work/out" 2>"$work/err" || fail "returning: making the profile: $(cat "$work/err")"
cp -r "$TRINN_CONTENT" "$work/content"
sed -i 's/"id": "youth", "level": "refer"/"id": "youth", "level": "refferal"/' \
    "$work/content/triage/rules.json"
SDL_VIDEODRIVER=dummy TRINN_CONTENT="$work/content" "$TRINN_BIN/trinn" --script returning.json \
    --data-dir "$work/data" --kdf-cost test >"$work/out" 2>"$work/err" ||
    fail "returning: $(cat "$work/out" "$work/err")"
echo "pack_broken returning: ok"

check rules triage/rules.json \
    's/"id": "youth", "level": "refer"/"id": "youth", "level": "refferal"/' \
    'rules.json.*refferal'
check module modules/worry.json '0,/"type": "text"/s//"type": "texxt"/' 'modules/worry.json'
check words security/common_words.json '5s/$/,,/' 'security/common_words.json:5:'
