#!/usr/bin/env bash
# `cmake --install` gives a working tree: trinnctl and trinn find PREFIX/share/trinn/content
# from their own folder; --content and TRINN_CONTENT override it (--content first); a bare
# copy of a program says where it looked; the desktop entry, AppStream metainfo, man pages and
# copyright file are installed and validate.
# Usage: test_install.sh BUILD_DIR (ctest passes it).
set -euo pipefail
build=${1:?usage: test_install.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
. "$here/tree_checks.sh"

prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || fail "cmake --install failed"
[ -f "$prefix/share/trinn/content/pack.json" ] || fail "no share/trinn/content/pack.json"
[ ! -L "$prefix/share/trinn/content" ] || fail "the installed content is a link into the source"
check_programs "$prefix"
check_desktop_files "$prefix"

# An installed tree can move as a whole.
mv "$prefix" "$tmp/moved"
prefix=$tmp/moved
check_programs "$prefix"

# --content and TRINN_CONTENT: a second pack with its own version and title.
cp -r "$prefix/share/trinn/content" "$tmp/alt"
python3 - "$tmp/alt" <<'PY'
import json, sys
d = sys.argv[1]
p = json.load(open(d + "/pack.json")); p["version"] = "9.9.9"
json.dump(p, open(d + "/pack.json", "w"), ensure_ascii=False)
u = json.load(open(d + "/i18n/nb/ui.json")); u["language.title"] = "Velg språk (annen pakke)"
json.dump(u, open(d + "/i18n/nb/ui.json", "w"), ensure_ascii=False)
PY
ctl=$prefix/bin/trinnctl
version() { grep -o '"version":"[^"]*"' "$tmp/out" | head -n 1; }
TRINN_CONTENT=$tmp/alt "$ctl" check >"$tmp/out" || fail "TRINN_CONTENT=alt check failed"
[ "$(version)" = '"version":"9.9.9"' ] || fail "TRINN_CONTENT was not used: $(version)"
TRINN_CONTENT=$tmp/none "$ctl" --content "$tmp/alt" check >"$tmp/out" ||
    fail "--content alt with a wrong TRINN_CONTENT failed"
[ "$(version)" = '"version":"9.9.9"' ] || fail "--content did not win over TRINN_CONTENT"
if TRINN_CONTENT=$tmp/none "$ctl" check >"$tmp/out" 2>"$tmp/err"; then
    fail "a TRINN_CONTENT that does not exist was accepted"
fi
grep -qF "$tmp/none (\$TRINN_CONTENT)" "$tmp/err" || fail "TRINN_CONTENT not named: $(cat "$tmp/err")"

if [ -x "$prefix/bin/trinn" ]; then
    screen() { one_screen "$1" >"$tmp/s.json"; shift
        (cd "$tmp" && SDL_VIDEODRIVER=dummy "$@" --script "$tmp/s.json" --data-dir "$tmp/d") 2>"$tmp/err"; }
    screen "Velg språk (annen pakke)" env TRINN_CONTENT="$tmp/alt" "$prefix/bin/trinn" ||
        fail "trinn with TRINN_CONTENT=alt: $(cat "$tmp/err")"
    screen "Velg språk (annen pakke)" env TRINN_CONTENT="$tmp/none" "$prefix/bin/trinn" --content "$tmp/alt" ||
        fail "trinn --content alt (wrong TRINN_CONTENT): $(cat "$tmp/err")"
    if screen "x" env TRINN_CONTENT="$tmp/none" "$prefix/bin/trinn"; then
        fail "trinn started with a TRINN_CONTENT that does not exist"
    fi
    grep -qF "$tmp/none (\$TRINN_CONTENT)" "$tmp/err" || fail "trinn: TRINN_CONTENT not named: $(cat "$tmp/err")"
    if screen "x" env -u TRINN_CONTENT "$prefix/bin/trinn" --content "$tmp/none2"; then
        fail "trinn started with a --content that does not exist"
    fi
    grep -qF "$tmp/none2 (given with --content)" "$tmp/err" || fail "trinn: --content not named: $(cat "$tmp/err")"
fi

# A bare copy of a program, with no pack beside it, says where it looked.
mkdir -p "$tmp/bare/bin"
for p in trinnctl trinn; do
    [ -x "$prefix/bin/$p" ] || continue
    cp "$prefix/bin/$p" "$tmp/bare/bin/"
    args=(check)
    [ "$p" = trinn ] && args=(--script "$tmp/s.json" --data-dir "$tmp/d")
    if (cd "$tmp" && env -u TRINN_CONTENT SDL_VIDEODRIVER=dummy "$tmp/bare/bin/$p" "${args[@]}") \
        >/dev/null 2>"$tmp/err"; then
        fail "a bare $p without a pack succeeded"
    fi
    grep -qF "$tmp/bare/share/trinn/content (beside the program in $tmp/bare/bin)" "$tmp/err" ||
        fail "bare $p does not say where it looked: $(cat "$tmp/err")"
    grep -q -- "--content DIR" "$tmp/err" || fail "bare $p does not say what to do: $(cat "$tmp/err")"
done
echo "install: the installed tree works, overrides and messages checked"
