#!/usr/bin/env bash
# The common Norwegian words in the app: with the shipped list "kjærlighet" is refused as a new
# passphrase (zxcvbn's English words alone rate it ~59 bits); a broken list makes the pack
# broken (the welcome says so for the staff, stderr names the problem); without the list the
# same passphrase is taken (the hint falls back to zxcvbn's own words).
set -euo pipefail
C=${TRINN_CONTENT:?}
W=security/common_words.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
flow() { # expectation after "create" -> flow file
    cat >"$work/flow.json" <<FLOW
[
  {"key": "1"},
  {"click": "language.continue"},
  {"click": "welcome.start"},
  {"click": "profile.new"},
  {"text": "Ola"},
  {"click": "profile.pass"},
  {"text": "kjærlighet"},
  {"expect": "profile.strength"},
  {"click": "profile.pass2"},
  {"text": "kjærlighet"},
  {"click": "profile.create"},
  $1
]
FLOW
}
run() { # content-dir data-dir
    rm -rf "$2"
    TRINN_CONTENT=$1 SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$work/flow.json" \
        --data-dir "$2" --kdf-cost test >"$work/out" 2>"$work/err"
}

flow '{"expect": "profile.problem"}, {"expect_absent": "profile.busy"}'
run "$C" "$work/d1" || fail "shipped list: kjærlighet was not refused: $(cat "$work/err")"
grep -q "common words" "$work/err" && fail "shipped list reported as a problem: $(cat "$work/err")"

cp -r "$C" "$work/pack"
# A broken or invalid list is a broken pack (issue 10: one load, never half a pack): the app
# starts, the welcome says so for the staff, and stderr names the list and the problem.
cat >"$work/flow.json" <<'FLOW'
[
  {"key": "1"},
  {"click": "language.continue"},
  {"expect": "welcome.pack_broken"},
  {"quit": true}
]
FLOW
cp "$C/$W" "$work/words.json"
sed -i '5s/$/,,/' "$work/pack/$W"
run "$work/pack" "$work/d2" || fail "broken list: the app did not start: $(cat "$work/err")"
grep -q "^trinn: $W:5:[0-9]*: malformed JSON" "$work/err" ||
    fail "broken list not reported: $(cat "$work/err")"

printf '{"format": 1, "about": "t", "words": ["Kjærlighet"]}' >"$work/pack/$W"
run "$work/pack" "$work/d3" || fail "invalid list: the app did not start: $(cat "$work/err")"
grep -q "^trinn: $W:1:[0-9]*: \$\.words\[0\]: 'Kjærlighet' is not lower case" "$work/err" ||
    fail "invalid list not reported: $(cat "$work/err")"

# A pack without the list is whole (the list is optional): the hint falls back to zxcvbn's
# own words, and stderr says so.
rm "$work/pack/$W"
if [ -n "${TRINN_STRENGTH_STANDIN:-}" ]; then
    flow '{"expect": "profile.problem"}, {"expect_absent": "profile.busy"}'
else
    flow '{"expect_absent": "profile.problem"}, {"wait_for": "question.text", "timeout_ms": 30000}'
fi
run "$work/pack" "$work/d4" || fail "missing list: the app did not go on: $(cat "$work/err")"
grep -q "^trinn: common words: $W is not in the pack; the passphrase hint uses zxcvbn's own words" "$work/err" ||
    fail "missing list not reported: $(cat "$work/err")"
echo "profile_words: ok"
