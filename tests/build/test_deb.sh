#!/usr/bin/env bash
# The .deb round trip (test.sh runs it after platform/linux/build-deb.sh): lintian reports no
# error; the programs carry the distribution's hardening (PIE, relro, bindnow, stack
# protector, fortified calls); unpacked with dpkg-deb -x into a scratch root, both programs
# run from there and find their content pack; the desktop files, man pages and copyright file
# are in place and validate.
# Usage: test_deb.sh PACKAGE.deb
set -euo pipefail
deb=${1:?usage: test_deb.sh PACKAGE.deb}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
. "$here/tree_checks.sh"

# lintian refuses to run as root unless told it may (CI machines often are root)
lintian --allow-root --fail-on error "$deb" >"$tmp/lintian.out" 2>&1 ||
    fail "lintian: $(cat "$tmp/lintian.out")"
cat "$tmp/lintian.out"

dpkg-deb -f "$deb" Depends | grep -q libsodium || fail "Depends lacks libsodium: $(dpkg-deb -f "$deb" Depends)"
root=$tmp/root
dpkg-deb -x "$deb" "$root"
for p in trinnctl trinn; do
    b=$root/usr/bin/$p
    [ -x "$b" ] || fail "the package has no usr/bin/$p"
    readelf -d "$b" >"$tmp/dyn"
    readelf -lW "$b" >"$tmp/seg"
    grep -q 'BIND_NOW' "$tmp/dyn" || fail "$p: not linked with -z now"
    grep -q 'Flags:.*PIE' "$tmp/dyn" || fail "$p: not a PIE"
    grep -q 'GNU_RELRO' "$tmp/seg" || fail "$p: no relro"
    objdump -T "$b" >"$tmp/syms"
    grep -q '__stack_chk_fail' "$tmp/syms" || fail "$p: no stack protector"
    grep -Eq '__(snprintf|memcpy|fprintf)_chk' "$tmp/syms" || fail "$p: no fortified calls (_FORTIFY_SOURCE)"
done
check_programs "$root/usr"
check_desktop_files "$root/usr"
echo "deb: $(basename "$deb") passes lintian, is hardened, and runs from a scratch root"
