#!/usr/bin/env bash
# trinnctl profile list|create|delete, through the store the app uses (core/tr_profile.h): a
# profile made here is listed with its look and label but its name is nowhere in the data
# folder; create refuses a weak passphrase, an unknown kind, a taken
# label and a bad symbol; delete finds a profile by label (any case) or id, needs --yes, needs
# no passphrase (a forgotten one), and leaves no trace; the app's folder from an older version
# is migrated by list.
set -euo pipefail
T=${TRINN_BIN:?}/trinnctl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
D=$tmp/data
cheap=(--kdf-ops 1 --kdf-mem-kib 8)
printf 'grønn sykkel under brua\n' >"$tmp/pass"
printf 'sommer\n' >"$tmp/weak"
P() { "$T" --data-dir "$D" profile "$@"; }

[ "$(P list)" = "[]" ] || fail "an empty folder lists profiles"
out=$(P create --kind client --name "Kari Nordmann" --label "Rom 3" --symbol star --colour teal \
    --passphrase-file "$tmp/pass" "${cheap[@]}") || fail "create"
id=$(printf '%s' "$out" | grep -o '"id":"[0-9a-f]*"' | cut -d'"' -f4)
[ ${#id} -eq 32 ] || fail "no 32-digit id: $out"
printf '%s' "$out" | grep -q '"label":"Rom 3"' || fail "label: $out"
P list | grep -q "\"id\":\"$id\",\"kind\":\"client\",\"symbol\":\"star\",\"colour\":\"teal\"" ||
    fail "list: $(P list)"
if grep -rqa -e Kari -e Nordmann "$D" || find "$D" | grep -qi kari; then
    fail "the name is readable in the data folder"
fi
# (not under wine, which keeps no access lists: test_profile checks them on a real Windows)
if [ -z "${TRINN_EMULATOR:-}" ]; then
    [ "$(stat -c %a "$D")" = 700 ] && [ "$(stat -c %a "$D/profiles")" = 700 ] || fail "folder modes"
    [ "$(stat -c %a "$D/profiles/$id.trinn")" = 600 ] || fail "journal mode"
fi

refused() { # what pattern args...
    local what=$1 pat=$2
    shift 2
    if P "$@" >"$tmp/out" 2>"$tmp/err"; then fail "accepted: $what"; fi
    grep -q -e "$pat" "$tmp/err" || fail "$what: $(cat "$tmp/err")"
}
refused "a weak passphrase" "too easy to guess" create --kind client --name Ola \
    --passphrase-file "$tmp/weak" "${cheap[@]}"
refused "an unknown kind" "--kind must be client or therapist" create --kind nurse --name Ola \
    --passphrase-file "$tmp/pass" "${cheap[@]}"
refused "no kind" "--kind must be client" create --name Ola --passphrase-file "$tmp/pass"
refused "a taken label" "already a profile labelled" create --kind client --name Ola \
    --label "ROM 3" --passphrase-file "$tmp/pass" "${cheap[@]}"
refused "an unknown symbol" "not a symbol" create --kind client --name Ola --symbol moon \
    --passphrase-file "$tmp/pass" "${cheap[@]}"
refused "delete without --yes" "add --yes" delete --profile "rom 3"
refused "delete of nobody" "no profile has the id or label" delete --profile nobody --yes
[ -f "$D/profiles/$id.trinn" ] || fail "a refused delete removed the journal"

P create --kind client --name Ola --passphrase-file "$tmp/pass" "${cheap[@]}" >"$tmp/ola"
ola=$(grep -o '"id":"[0-9a-f]*"' "$tmp/ola" | cut -d'"' -f4)
P delete --profile "rom 3" --yes | grep -q "\"deleted\":\"$id\"" || fail "delete by label"
if grep -rqa -e "Rom 3" -e "$id" "$D" || find "$D" | grep -q "$id"; then
    fail "a trace of the deleted profile is left"
fi
P delete --profile "$ola" --yes >/dev/null || fail "delete by id"
[ "$(P list)" = "[]" ] || fail "profiles left: $(P list)"

# A folder of an older version: names.json and a slug file; list migrates it.
O=$tmp/old
mkdir -p "$O/profiles"
"$T" journal create "$O/profiles/ola-nordmann.trinn" --passphrase-file "$tmp/pass" \
    "${cheap[@]}" >/dev/null 2>&1
printf '{"ola-nordmann": "Ola Nordmann"}\n' >"$O/profiles/names.json"
"$T" --data-dir "$O" profile list | grep -q '"label":"Ola Nordmann"' || fail "migration"
[ ! -e "$O/profiles/names.json" ] && [ ! -e "$O/profiles/ola-nordmann.trinn" ] ||
    fail "old files left after the migration"
"$T" --data-dir "$O" profile delete --profile "ola nordmann" --yes >/dev/null
grep -rqa "Ola" "$O" && fail "the migrated profile left a trace"
echo ok
