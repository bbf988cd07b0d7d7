# Sourced by the memory-scan tests (test_memory_lock.sh, test_forms_lock.sh): a scratch folder
# $work (removed at exit), fail, the passphrase $pass, and a fresh secret (zqx and 16 random hex
# digits) in $secret, handed to the script driver only XOR-masked (TRINN_SCRIPT_SECRET), so
# neither the script nor the driver holds a plain copy for the scan (scan_secret) to find.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pass="grønn sykkel under brua"
secret="zqx$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
[ ${#secret} = 19 ] || fail "secret: $secret"
TRINN_SCRIPT_SECRET=$(python3 -c 'import sys; print(bytes(b ^ 0xA5 for b in sys.argv[1].encode()).hex())' "$secret")
export TRINN_SCRIPT_SECRET
