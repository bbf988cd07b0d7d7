#!/usr/bin/env bash
# trinnctl check validates the word lists of «Lag en passordfrase for meg»
# (content/security/passphrase_words_nb.json and _nn.json): the shipped ones hold 2,048+ words;
# a repeat, an upper-case word, a space, a word too short or too long, a character outside
# a-z æ ø å, and a list under 2,048 words are each reported with their place.
set -euo pipefail
T=${TRINN_BIN:?}/trinnctl
C=${TRINN_CONTENT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$T" check "$C" >"$tmp/out" 2>"$tmp/err" || fail "shipped pack: $(cat "$tmp/err")"
for l in nb nn; do
    n=$(grep -o "\"passphrase_words_$l\":[0-9]*" "$tmp/out" | cut -d: -f2)
    [ -n "$n" ] && [ "$n" -ge 2048 ] || fail "the shipped $l list should hold 2048+ words: $(cat "$tmp/out")"
done

# A list made from the shipped one with one change ($2: a python expression on the list w).
variant() { # lang change pattern what
    local W=security/passphrase_words_$1.json
    rm -rf "$tmp/pack"
    cp -r "$C" "$tmp/pack"
    python3 - "$tmp/pack/$W" "$2" <<'PY'
import json, sys
p, change = sys.argv[1], sys.argv[2]
d = json.load(open(p))
w = d["words"]
exec(change)
d["words"] = w
json.dump(d, open(p, "w"), ensure_ascii=False, indent=1)
PY
    if "$T" check "$tmp/pack" >"$tmp/out" 2>"$tmp/err"; then fail "check accepted: $4"; fi
    grep -q "$3" "$tmp/err" || fail "$4 not reported as /$3/: $(cat "$tmp/err")"
    grep -q '"ok":false' "$tmp/out" || fail "no failed summary: $(cat "$tmp/out")"
}
variant nb 'w[5] = w[4]' "passphrase_words_nb.json.*words\[5\].*$" "a repeated word"
variant nn 'w[3] = "Sommar"' "passphrase_words_nn.json.*'Sommar' is not lower case" "an upper-case word"
variant nb 'w[7] = "to ord"' "passphrase_words_nb.json.*words\[7\]" "a word with a space"
variant nb 'w[9] = "is"' "words\[9\]: 'is' is not 3 to 12 letters long" "a short word"
variant nn 'w[2] = "sjokoladekakestykke"' "'sjokoladekakestykke' is not 3 to 12 letters long" "a long word"
variant nb 'w[1] = "kafé"' "'kafé' has a character other than a-z, æ, ø, å" "an accented letter"
variant nb 'w = w[:2047]' "2047 words; a passphrase list needs at least 2048" "a short list"
echo ok
