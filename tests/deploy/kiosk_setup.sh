# Sourced by the tests in tests/deploy: kiosk_setup DIR makes a kiosk's files in DIR as
# platform/linux/kiosk/README.md does (a therapist profile's team card, the device key, the
# staff PIN's hash, a spool folder) and DIR/kiosk.json from the README's example with them.
# Cheap key derivation: a test profile. Needs TRINN_BIN and TRINN_SOURCE_DIR; fails the test
# (exit 1) with the reason.
kiosk_setup() {
    local d=$1 T="$TRINN_BIN/trinnctl"
    mkdir -p "$d/spool"
    printf 'fjell kaffe trikk solsikke\n' >"$d/F"
    "$T" --data-dir "$d/team" profile create --kind therapist --name Kari --passphrase-file "$d/F" \
        --service "RPH Bydel Nord" --phone "22 00 00 00" --hours "08-15" --kdf-ops 1 \
        --kdf-mem-kib 8 >/dev/null 2>"$d/err" || { echo "FAIL: profile create: $(cat "$d/err")" >&2; exit 1; }
    "$T" --data-dir "$d/team" team card --profile Kari --passphrase-file "$d/F" \
        --out "$d/card.json" >/dev/null 2>"$d/err" || { echo "FAIL: team card: $(cat "$d/err")" >&2; exit 1; }
    "$T" kiosk init --out "$d/kiosk.key" >"$d/init.json" 2>"$d/err" ||
        { echo "FAIL: kiosk init: $(cat "$d/err")" >&2; exit 1; }
    printf '4321\n' >"$d/pin.txt"
    "$T" kiosk pin --out "$d/pin.hash" --pin-file "$d/pin.txt" >/dev/null 2>"$d/err" ||
        { echo "FAIL: kiosk pin: $(cat "$d/err")" >&2; exit 1; }
    python3 - "$d/kiosk.json" "$TRINN_SOURCE_DIR/platform/linux/kiosk/kiosk.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[2]))  # the README's example, with this test's files
c.update({"team_card": "card.json", "staff_pin_file": "pin.hash",
          "device_key_file": "kiosk.key", "spool": "spool"})
json.dump(c, open(sys.argv[1], "w"), ensure_ascii=False)
PY
}
