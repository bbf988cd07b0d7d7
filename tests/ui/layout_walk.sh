# Shared by the layout walks (tests/ui/test_layout*.sh), sourced, not run: a scratch folder,
# a flow rewritten with check_layout after every step, and one run of trinn per size and theme.
# Sets `work` (the scratch folder, the current directory) and `fail` (1 once any run failed).
# LAYOUT_ARGS: extra trinn options for every run (e.g. --kdf-cost test).
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0
LAYOUT_ARGS=${LAYOUT_ARGS:-}

# layout_run SCRIPT SIZE THEME [WHAT]: replays SCRIPT in a fresh data folder; a failure is
# reported (WHAT, or the script's name) and remembered in `fail`.
layout_run() {
    rm -rf "$work/data"
    # shellcheck disable=SC2086 # LAYOUT_ARGS is a list of options
    if ! SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$1" --size "$2" --theme "$3" \
        --data-dir "$work/data" $LAYOUT_ARGS >/dev/null; then
        echo "layout walk failed: ${4:-$1}, $2, theme $3" >&2
        fail=1
    fi
}

# layout_checked IN OUT: OUT is flow IN with a layout check after each step (flows keep one
# step per line); fails when no check could be added.
layout_checked() {
    sed -e 's/^\(  {.*}\),$/\1, {"check_layout": true},/' "$1" >"$2"
    grep -q check_layout "$2"
}
# layout_checked_lang IN OUT LANG: the same for a flow of tests/ui/flows/ (one script for every
# language, run with --lang): the language is chosen on the language screen first.
layout_checked_lang() {
    local digit
    case $3 in nb) digit=1 ;; nn) digit=2 ;; en) digit=3 ;; *) return 1 ;; esac
    { printf '[\n  {"key": "%s"},\n  {"click": "language.continue"},\n' "$digit"; tail -n +2 "$1"; } >"$2.in"
    layout_checked "$2.in" "$2"
}

# layout_run_text SCRIPT SIZE THEME TEXT [WHAT]: as layout_run with --text-size TEXT (1.5 or 2),
# which combines with either colour theme.
layout_run_text() {
    rm -rf "$work/data"
    # shellcheck disable=SC2086 # LAYOUT_ARGS is a list of options
    if ! SDL_VIDEODRIVER=dummy "$TRINN_BIN/trinn" --script "$1" --size "$2" --theme "$3" \
        --text-size "$4" --data-dir "$work/data" $LAYOUT_ARGS >/dev/null; then
        echo "layout walk failed: ${5:-$1}, $2, theme $3, text size $4" >&2
        fail=1
    fi
}
