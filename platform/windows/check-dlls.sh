#!/usr/bin/env bash
# Checks that every .exe and .dll in DIR needs only DLLs that are in DIR or are Windows' own
# (a deployed folder must run on a PC with nothing else installed). Prints what is missing.
set -euo pipefail
dir=${1:?usage: check-dlls.sh DIR}
# Windows' own DLLs the programs and libraries import (all in System32 since Windows 7).
system="advapi32 kernel32 msvcrt ole32 oleaut32 shell32 user32 gdi32 imm32 version winmm
        setupapi cfgmgr32 shlwapi psapi dinput8 dxgi d3d11 d3d9 hid usp10 comdlg32 rpcrt4
        uuid ws2_32 bcrypt crypt32 dwmapi uxtheme"
bad=0
for f in "$dir"/*.exe "$dir"/*.dll; do
    for dll in $(x86_64-w64-mingw32-objdump -p "$f" | sed -n 's/^\s*DLL Name: //p'); do
        low=$(echo "${dll%.dll}" | tr 'A-Z' 'a-z')
        case " $(echo $system) " in *" $low "*) continue ;; esac
        case $low in api-ms-win-*) continue ;; esac
        if ! ls "$dir" | grep -qix "$dll"; then
            echo "check-dlls: $(basename "$f") needs $dll, which is neither in $dir nor Windows' own" >&2
            bad=1
        fi
    done
done
exit $bad
