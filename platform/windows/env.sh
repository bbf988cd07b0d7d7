# Sourced by build.sh, test.sh and screenshots.sh: where the Windows dependency cache, the
# wine prefix and the DLLs are. Sets cache, prefix and (exported) WINEPREFIX, WINEDEBUG,
# WINEPATH (the folder of the DLLs, so the build tree's programs run without copies).
if [ "$(id -u)" = 0 ]; then
    cache=${TRINN_WIN_CACHE:-/var/cache/trinn-windows}
else
    cache=${TRINN_WIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/trinn-windows}
fi
prefix=$cache/prefix
export WINEPREFIX=${WINEPREFIX:-$cache/wine}
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}
export WINEPATH="Z:$(echo "$prefix/bin" | tr / '\\')"
