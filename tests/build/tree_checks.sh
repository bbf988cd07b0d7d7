# Sourced by test_install.sh and test_deb.sh: checks an installed tree (PREFIX/bin,
# PREFIX/share) the way a user and a desktop would meet it. Needs: fail() and $tmp.

# The programs find PREFIX/share/trinn/content on their own (no TRINN_CONTENT, no --content).
check_programs() {
    local prefix=$1 pack=$1/share/trinn/content
    env -u TRINN_CONTENT "$prefix/bin/trinnctl" check >"$tmp/check.out" 2>"$tmp/check.err" ||
        fail "$prefix/bin/trinnctl check: $(cat "$tmp/check.err")"
    grep -q '"ok":true' "$tmp/check.out" || fail "trinnctl check: $(cat "$tmp/check.out")"
    [ -x "$prefix/bin/trinn" ] || return 0
    # one screen, headless: the language choice shows the title of the installed catalog
    local title
    title=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["language.title"])' \
        "$pack/i18n/nb/ui.json")
    [ -n "$title" ] || fail "no language.title in $pack/i18n/nb/ui.json"
    one_screen "$title" >"$tmp/screen.json"
    (cd "$tmp" && env -u TRINN_CONTENT SDL_VIDEODRIVER=dummy "$prefix/bin/trinn" \
        --script "$tmp/screen.json" --data-dir "$tmp/data") 2>"$tmp/trinn.err" ||
        fail "$prefix/bin/trinn --script (first screen): $(cat "$tmp/trinn.err")"
}

# A script that expects the first screen to show $1, then quits.
one_screen() {
    local t=${1//\\/\\\\}
    t=${t//\"/\\\"}
    printf '[{"expect": "%s"}, {"quit": true}]\n' "$t"
}

# The care loop's files are known to the desktop (shared-mime-info, as update-mime-database
# builds it from share/mime/packages) and open in Trinn: in a scratch XDG data folder with only
# the system's database and ours, GLib (gio, what GNOME's file manager asks) names an
# assignment by its ending and by its first line, a report by its ending, and Trinn's desktop
# file as the application registered for both (the default one: nothing else claims them).
check_mime() {
    local share=$1 x=$tmp/xdg t
    for t in update-mime-database update-desktop-database gio; do
        command -v $t >/dev/null ||
            fail "$t is missing (Debian: shared-mime-info, desktop-file-utils, libglib2.0-bin)"
    done
    [ -f "$share/mime/packages/no.rph.trinn.xml" ] || fail "no share/mime/packages/no.rph.trinn.xml"
    rm -rf "$x" && mkdir -p "$x/data/mime/packages" "$x/data/applications" "$x/home" "$x/files"
    cp "$share/mime/packages/no.rph.trinn.xml" "$x/data/mime/packages/"
    cp "$share/applications/no.rph.trinn.desktop" "$x/data/applications/"
    update-mime-database "$x/data/mime" 2>"$x/umd.err" ||
        fail "update-mime-database refused no.rph.trinn.xml: $(cat "$x/umd.err")"
    update-desktop-database "$x/data/applications" || fail "update-desktop-database"
    printf 'trinn-oppdrag 1\nAAAA\n' >"$x/files/a.trinn-oppdrag"
    cp "$x/files/a.trinn-oppdrag" "$x/files/oppdrag-uten-ending"
    printf 'age-encryption.org/v1\n' >"$x/files/b.trinn-rapport"
    local want f got
    for f in a.trinn-oppdrag:application/x-trinn-oppdrag oppdrag-uten-ending:application/x-trinn-oppdrag \
        b.trinn-rapport:application/x-trinn-rapport; do
        want=${f#*:}
        got=$(XDG_DATA_HOME=$x/home XDG_DATA_DIRS=$x/data:/usr/share \
            gio info -a standard::content-type "$x/files/${f%%:*}" 2>&1) ||
            fail "gio info ${f%%:*}: $got"
        [[ $got == *"standard::content-type: $want"* ]] || fail "${f%%:*} is not $want: $got"
    done
    for want in application/x-trinn-oppdrag application/x-trinn-rapport; do
        # (GLib lists a desktop file only when its program is on the PATH)
        got=$(PATH=$share/../bin:$PATH XDG_DATA_HOME=$x/home XDG_DATA_DIRS=$x/data:/usr/share \
            gio mime "$want" 2>&1) ||
            fail "gio mime $want: $got"
        [[ $got == *"“$want”: no.rph.trinn.desktop"* ]] || fail "$want does not open in Trinn: $got"
    done
}

# The desktop files validate, the man pages render without a warning, the copyright file is
# complete.
check_desktop_files() {
    local share=$1/share id=no.rph.trinn
    command -v desktop-file-validate >/dev/null ||
        fail "desktop-file-validate is missing (Debian: desktop-file-utils)"
    command -v appstreamcli >/dev/null || fail "appstreamcli is missing (Debian: appstream)"
    if [ -x "$1/bin/trinn" ]; then
        desktop-file-validate "$share/applications/$id.desktop" ||
            fail "$id.desktop does not validate"
        grep -q "^Exec=trinn %f$" "$share/applications/$id.desktop" || fail "$id.desktop: Exec"
        check_mime "$share"
        appstreamcli validate --no-net --explain "$share/metainfo/$id.metainfo.xml" \
            >"$tmp/as.out" 2>&1 || fail "AppStream metainfo: $(cat "$tmp/as.out")"
        [ -s "$share/icons/hicolor/scalable/apps/$id.svg" ] || fail "no icon $id.svg"
    fi
    local page
    for page in trinnctl trinn; do
        [ -x "$1/bin/$page" ] || continue
        local f=$share/man/man1/$page.1.gz
        [ -f "$f" ] || f=$share/man/man1/$page.1
        [ -f "$f" ] || fail "no man page for $page"
        LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$f" >"$tmp/man.out" 2>"$tmp/man.err" ||
            fail "man $f: $(cat "$tmp/man.err")"
        [ ! -s "$tmp/man.err" ] || fail "man $f warns: $(cat "$tmp/man.err")"
        grep -q "$page" "$tmp/man.out" || fail "man $f: empty"
    done
    local c=$share/doc/trinn/copyright
    [ -f "$c" ] || fail "no $c"
    ! grep -q '@[A-Z_0-9]*@' "$c" || fail "$c: a placeholder is left"
    local l
    for l in Apache-2.0 CC-BY-4.0 OFL-1.1 PHQ-GAD-Pfizer WHO-AUDIT; do
        grep -q "^License: $l\$" "$c" || fail "$c: no License: $l paragraph"
    done
    grep -q "Creative Commons Attribution 4.0 International Public License" "$c" ||
        fail "$c: the CC BY 4.0 text is missing"
}
