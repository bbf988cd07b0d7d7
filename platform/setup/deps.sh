#!/usr/bin/env bash
# Sourced by run.sh and test.sh: makes sure the build dependencies are installed.
# On Debian/Ubuntu it installs what is missing with apt-get (as root, or with sudo);
# elsewhere it prints the exact command and stops.
# Usage: trinn_deps [extra Debian packages...]

# libatk1.0-dev and libatk-bridge2.0-dev: the front end's screen-reader support (ui/tu_a11y.c;
# the build goes on without it when they are missing).
TRINN_DEBS=(build-essential cmake pkg-config libsdl2-dev libsdl2-ttf-dev libcjson-dev
            libsodium-dev libcmocka-dev libzxcvbn-dev libatk1.0-dev libatk-bridge2.0-dev)

trinn_deps() {
    local want=("${TRINN_DEBS[@]}" "$@") missing=() p
    if ! command -v dpkg-query >/dev/null 2>&1; then
        if command -v cmake >/dev/null && pkg-config --exists sdl2 SDL2_ttf libcjson libsodium cmocka 2>/dev/null; then
            return 0
        fi
        echo "Trinn needs: a C11 compiler, CMake >= 3.18, pkg-config, SDL2, SDL2_ttf, cJSON, libsodium, cmocka." >&2
        echo "On Fedora:  sudo dnf install gcc cmake pkgconf SDL2-devel SDL2_ttf-devel cjson-devel libsodium-devel libcmocka-devel" >&2
        echo "On Arch:    sudo pacman -S base-devel cmake pkgconf sdl2 sdl2_ttf cjson libsodium cmocka" >&2
        echo "On macOS:   brew install cmake pkg-config sdl2 sdl2_ttf cjson libsodium cmocka" >&2
        return 1
    fi
    for p in "${want[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing packages: ${missing[*]}" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            echo "Please run as root: apt-get install -y ${missing[*]}" >&2
            return 1
        fi
    fi
    $sudo apt-get update -qq >&2 || return 1
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >&2 || return 1
}
