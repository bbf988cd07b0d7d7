#!/usr/bin/env bash
# trinnctl check validates content/security/common_words.json, the words the passphrase hint
# counts as known: bad JSON with line:col, and each broken word (upper case, a space, too long,
# not a string, a repeat) with its JSON path and place; the format, an empty list, an unknown
# key, too many words. A pack without the file is valid.
set -euo pipefail
T=${TRINN_BIN:?}/trinnctl
C=${TRINN_CONTENT:?}
W=security/common_words.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
fresh() { rm -rf "$tmp/pack"; cp -r "$C" "$tmp/pack"; }
put() { printf '%s\n' "$1" >"$tmp/pack/$W"; }
broken() { # expects check to fail and stderr to hold the pattern $1
    if "$T" check "$tmp/pack" >"$tmp/out" 2>"$tmp/err"; then fail "check accepted: $2"; fi
    grep -q "$1" "$tmp/err" || fail "$2 not reported as /$1/: $(cat "$tmp/err")"
    grep -q '"ok":false' "$tmp/out" || fail "no failed summary: $(cat "$tmp/out")"
}

"$T" check "$C" >"$tmp/out" 2>"$tmp/err" || fail "shipped pack: $(cat "$tmp/err")"
n=$(grep -o '"common_words":[0-9]*' "$tmp/out" | cut -d: -f2)
[ -n "$n" ] && [ "$n" -ge 1500 ] || fail "the shipped list should hold 1500+ words: $(cat "$tmp/out")"

fresh # bad JSON: file, line and column
sed -i '5s/$/,,/' "$tmp/pack/$W"
broken "^$W:5:[0-9][0-9]*: malformed JSON" "bad JSON"

fresh # a word in upper case, with its place
put '{"format": 1, "about": "test",
 "words": ["passord", "Sommer", "vinter"]}'
broken "^$W:2:23: \$\.words\[1\]: 'Sommer' is not lower case" "an upper-case word"

fresh # Æ Ø Å count as upper case too
put '{"format": 1, "about": "test", "words": ["passord", "BLÅ"]}'
broken "^$W:1:.*\$\.words\[1\]: 'BLÅ' is not lower case" "an upper-case Å"

fresh # a repeat: the second place is reported
put '{"format": 1, "about": "test",
 "words": ["passord", "sommer",
  "vinter", "sommer"]}'
broken "^$W:3:13: \$\.words\[3\]: 'sommer' is in the list more than once" "a repeated word"

fresh # a space, a number, an over-long word
put '{"format": 1, "about": "test", "words": ["to ord", 7, "aaaaaaaaaabbbbbbbbbbccccccccccddddddddddx"]}'
broken "\$\.words\[0\]: 'to ord' holds a space" "a word with a space"
broken "\$\.words\[1\]: expected a word" "a number"
broken "\$\.words\[2\]: .* is longer than 40 bytes" "a 41-byte word"

fresh # the format, an unknown key, an empty list
put '{"format": 2, "about": "test", "word": [], "words": []}'
broken "\$\.format: this version reads format 1 only" "format 2"
broken "\$\.word: unknown key" "an unknown key"
broken "\$\.words: expected a non-empty array" "an empty list"

fresh # more words than the cap (each costs time on every keystroke)
python3 -c 'import json; print(json.dumps({"format": 1, "about": "t", "words": ["w%d" % i for i in range(2501)]}))' \
    >"$tmp/pack/$W"
broken "\$\.words: holds more than 2500 words" "2501 words"

fresh # no list: the pack is still valid, the summary says 0
rm "$tmp/pack/$W"
"$T" check "$tmp/pack" >"$tmp/out" 2>"$tmp/err" || fail "pack without the list: $(cat "$tmp/err")"
grep -q '"common_words":0' "$tmp/out" || fail "summary without the list: $(cat "$tmp/out")"
echo "words_check: ok"
