#!/usr/bin/env bash
# The languages offered are the pack's (issue 10, item 2): a pack that lists only bokmål and
# English (pack.json "languages", no i18n/nn) offers those two on the language screen and in
# the settings, in its order, takes `--lang en` and refuses `--lang nn` naming the ones it has.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$work"
cp -r "$TRINN_CONTENT" pack
sed -i 's/"languages": \["nb", "nn", "en"\]/"languages": ["nb", "en"]/' pack/pack.json
grep -q '"languages": \["nb", "en"\]' pack/pack.json || fail "pack.json was not changed"
rm -rf pack/i18n/nn
"$TRINN_BIN/trinnctl" check pack >/dev/null 2>&1 || fail "the two-language pack is not valid"

cat >flow.json <<'FLOW'
[
  {"expect": "language.nb"},
  {"expect": "language.en"},
  {"expect_absent": "language.nn"},
  {"key": "2"},
  {"click": "language.continue"},
  {"expect": "Get started"},
  {"click": "chrome.settings"},
  {"expect": "settings.lang.nb"},
  {"expect": "settings.lang.en"},
  {"expect_absent": "settings.lang.nn"},
  {"click": "settings.lang.nb"},
  {"expect": "Innstillinger"},
  {"quit": true}
]
FLOW
SDL_VIDEODRIVER=dummy TRINN_CONTENT="$work/pack" "$TRINN_BIN/trinn" --script flow.json \
    --data-dir "$work/data" >out 2>err || fail "two languages: $(cat out err)"

echo '[{"expect": "Get started"}, {"quit": true}]' >en.json
SDL_VIDEODRIVER=dummy TRINN_CONTENT="$work/pack" "$TRINN_BIN/trinn" --script en.json \
    --lang en --data-dir "$work/d2" >out 2>err || fail "--lang en: $(cat out err)"
if SDL_VIDEODRIVER=dummy TRINN_CONTENT="$work/pack" "$TRINN_BIN/trinn" --script en.json \
    --lang nn --data-dir "$work/d3" >out 2>err; then
    fail "--lang nn was taken by a pack without nynorsk"
fi
grep -q "lang nn: the content pack has no such language; use one of nb, en" err ||
    fail "--lang nn: no clear refusal: $(cat err)"
echo "pack_languages: ok"
