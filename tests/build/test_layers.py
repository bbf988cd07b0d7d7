#!/usr/bin/env python3
"""The layer test: core never sees SDL or ui/, platform never sees core, ui/ or SDL, and the
widget kit (ui/kit/) never sees the app's screens (the rest of ui/) or core.

DESIGN.md: dependencies point one way, ui -> core -> platform, and core is pure C (never SDL).
No include path can enforce that: <SDL2/SDL.h> sits in /usr/include, and "../ui/x.h" needs no
path at all. So this asks the compiler itself: every core/ and platform/ file is preprocessed
with its own flags from compile_commands.json and `-M`, which lists every header it really
reads. (`-MM` would not do: it leaves out headers found in system directories, SDL among them.)

Before judging the tree, the test checks that it can see each kind of breach at all: a
planted file with a forbidden include, compiled with a real file's flags of that layer, must be
reported. So the test fails if the check itself goes blind.

One more rule reads the text rather than the includes: the journal's records and the module
values are read and written in core (core/RECORDS.md), so no file of ui/ other than the script
driver (ui/tu_script.c) calls cJSON (mentions `cJSON_`). Files still being moved over are
listed in UI_JSON_ALLOWED; the list only shrinks, and a listed file that no longer needs its
place is named so it can be struck off.

Usage: test_layers.py SOURCE_DIR BUILD_DIR
Exit status 0 when every layer is clean, 1 with one line per breach, 2 on a setup problem.
"""
import concurrent.futures
import json
import os
import shlex
import subprocess
import sys
import fnmatch
import re
import tempfile

# What each layer must not include, by kind of header (see kind_of).
FORBIDDEN = {
    "core": {"sdl", "kit", "app"},
    "platform": {"sdl", "kit", "app", "core"},
    "kit": {"app", "core"},
}
# Where each layer's files are, below the source folder.
LAYER_DIR = {"core": "core", "platform": "platform", "kit": os.path.join("ui", "kit")}
WHY = {
    "sdl": "SDL (only ui/ may use SDL)",
    "kit": "a header of ui/kit/ (dependencies point ui -> core -> platform)",
    "app": "a header of the app in ui/ (dependencies point ui -> core -> platform, and the "
           "widget kit in ui/kit/ knows nothing of the screens)",
    "core": "a header of core/ (platform is the OS seam and the widget kit draws, neither "
            "knows core)",
}

# ui/ files that may still call cJSON (paths below ui/, shell patterns). Only strike names off:
# a converted file gets its reads and writes from core (tr_values.h, tr_record.h ...). The
# patterns at the end are screens other helpers are adding this session (issues 14, 15, 17),
# kept out of the rule until they are converted too.
UI_JSON_ALLOWED = [
    "tu_script.c",  # the script driver: its scripts are JSON (stays)
    "tu_lang.c",
    "tu_scr_exch.c",
    "tu_scr_exch_report.c",
    "tu_scr_result.c",
    "tu_scr_team.c",
    "tu_scr_team_client.c",
    "tu_scr_team_stats.c",
    "tu_team.c",
    "tu_kiosk*.c",
    "tu_scr_team_*.c",
    "tu_scr_goals*.c",
    "tu_scr_feedback*.c",
    "tu_scr_exch*.c",
]
UI_JSON_CALL = re.compile(r"\bcJSON_")


def json_allowed(rel):
    return any(fnmatch.fnmatchcase(rel, pat) for pat in UI_JSON_ALLOWED)


def json_breaches(src):
    """(breaches, notes) of the ui/ JSON rule: a ui/ file outside the allow-list that calls
    cJSON, and listed names that no longer need their place (notes, not failures)."""
    ui = os.path.join(src, "ui")
    bad, clean_listed = [], []
    for root, _, files in os.walk(ui):
        for name in sorted(files):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, ui).replace(os.sep, "/")
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            calls = len(UI_JSON_CALL.findall(text))
            if calls and not json_allowed(rel):
                bad.append("ui/%s calls cJSON (%d times): journal records and module values "
                           "are read and written in core (core/RECORDS.md, tr_values.h); only "
                           "the script driver ui/tu_script.c handles JSON" % (rel, calls))
            elif not calls and rel in UI_JSON_ALLOWED and rel != "tu_script.c":
                clean_listed.append(rel)
    return bad, clean_listed


def json_canary(src, tmp):
    """The JSON rule must see a planted call, or it has gone blind."""
    ui = os.path.join(tmp, "ui")
    os.makedirs(ui)
    with open(os.path.join(ui, "tu_canary.c"), "w") as f:
        f.write("int trinn_canary(void) { return cJSON_IsTrue(0); }\n")
    with open(os.path.join(ui, "tu_script.c"), "w") as f:
        f.write("int trinn_canary_script(void) { return cJSON_IsTrue(0); }\n")
    bad, _ = json_breaches(tmp)
    if len(bad) != 1 or "tu_canary.c" not in bad[0]:
        return ["the layer test cannot see a cJSON call planted in ui/ (found: %s)" % bad]
    return []


def layer_of(path, src):
    rel = os.path.relpath(path, src)
    for layer, d in LAYER_DIR.items():
        if rel.startswith(d + os.sep):
            return layer
    return None


def kind_of(header, src):
    """'sdl', 'kit', 'app', 'core', 'platform' or None for a header path from -M output."""
    real = os.path.realpath(header)
    parts = real.split(os.sep)
    if "SDL2" in parts or os.path.basename(real).startswith("SDL"):
        return "sdl"
    rel = os.path.relpath(real, src)
    if not rel.startswith(".."):
        if rel.startswith(LAYER_DIR["kit"] + os.sep):
            return "kit"
        top = rel.split(os.sep, 1)[0]
        if top == "ui":
            return "app"
        if top in ("core", "platform"):
            return top
    return None


def dep_command(entry, source_file):
    """The entry's compile command turned into a dependency listing of source_file."""
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD", "-M", "-MM", "-MP") or a.startswith("-o"):
            continue
        if a == entry["file"] or os.path.realpath(os.path.join(entry["directory"], a)) == \
                os.path.realpath(entry["file"]):
            continue
        out.append(a)
    return out + ["-M", "-MT", "x", source_file]


def headers(entry, source_file):
    """Every header source_file reads with entry's flags; raises RuntimeError on failure."""
    cmd = dep_command(entry, source_file)
    r = subprocess.run(cmd, cwd=entry["directory"], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("%s: the compiler could not list its headers:\n%s" %
                           (source_file, r.stderr.strip()))
    text = r.stdout.replace("\\\n", " ")
    deps = text.split(":", 1)[1].split() if ":" in text else []
    return [os.path.normpath(os.path.join(entry["directory"], d)) for d in deps[1:]]


def breaches(entry, source_file, layer, src):
    """(header, kind) for each forbidden header that source_file reads."""
    found = []
    for h in headers(entry, source_file):
        k = kind_of(h, src)
        if k in FORBIDDEN[layer]:
            found.append((h, k))
    return found


def canaries(src, by_layer, tmp):
    """Plants one forbidden include per rule and checks each is seen. Returns problems."""
    plants = {
        "sdl": "#include <SDL2/SDL.h>\n",
        "kit": '#include "%s"\n' % os.path.join(src, "ui", "kit", "tu_theme.h"),
        "app": '#include "%s"\n' % os.path.join(src, "ui", "tu_speech.h"),
        "core": '#include "%s"\n' % os.path.join(src, "core", "tr_error.h"),
    }
    problems = []
    for layer, entries in sorted(by_layer.items()):
        entry = entries[0]
        for kind in sorted(FORBIDDEN[layer]):
            path = os.path.join(tmp, "canary_%s_%s.c" % (layer, kind))
            with open(path, "w") as f:
                f.write(plants[kind] + "int trinn_canary;\n")
            try:
                seen = {k for _, k in breaches(entry, path, layer, src)}
            except RuntimeError as e:
                if kind == "sdl" and "SDL2/SDL.h" in str(e):
                    print("note: SDL2 is not installed, the SDL canary is skipped")
                    continue
                problems.append(str(e))
                continue
            if kind not in seen:
                problems.append("the layer test cannot see %s included from %s (flags of %s)" %
                                (WHY[kind], layer, os.path.relpath(entry["file"], src)))
    return problems


def main():
    if len(sys.argv) != 3:
        print("usage: test_layers.py SOURCE_DIR BUILD_DIR", file=sys.stderr)
        return 2
    src = os.path.realpath(sys.argv[1])
    db_path = os.path.join(sys.argv[2], "compile_commands.json")
    try:
        with open(db_path) as f:
            db = json.load(f)
    except (OSError, ValueError) as e:
        print("%s: cannot read it (%s); configure with CMAKE_EXPORT_COMPILE_COMMANDS=ON" %
              (db_path, e), file=sys.stderr)
        return 2

    by_layer = {}
    for e in db:
        layer = layer_of(os.path.realpath(e["file"]), src)
        if layer:
            by_layer.setdefault(layer, []).append(e)
    # every C file of each layer in the source tree must have been compiled (so was checked)
    problems = []
    compiled = {os.path.realpath(e["file"]) for es in by_layer.values() for e in es}
    # platform/ holds two implementations of one set of headers; a build compiles one of them
    # (and the Windows build, run by test.sh, checks the other): platform/win32/*.c in a
    # Windows build, platform/*.c beside it elsewhere.
    win32 = os.path.join(src, "platform", "win32")
    windows_build = any(os.path.dirname(p) == win32 for p in compiled)
    def other_system(p):
        if p.startswith(win32 + os.sep):
            return not windows_build
        return windows_build and os.path.dirname(p) == os.path.join(src, "platform")
    for layer in FORBIDDEN:
        if layer not in by_layer:
            problems.append("%s: no file of this layer is in %s" % (layer, db_path))
        for root, _, files in os.walk(os.path.join(src, LAYER_DIR[layer])):
            for name in files:
                p = os.path.realpath(os.path.join(root, name))
                if name.endswith(".c") and p not in compiled and not other_system(p):
                    problems.append("%s: not in %s, so not checked" %
                                    (os.path.relpath(p, src), db_path))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        blind = canaries(src, by_layer, tmp)
    with tempfile.TemporaryDirectory() as tmp:
        blind += json_canary(src, tmp)
    if blind:
        print("\n".join(blind), file=sys.stderr)
        return 2

    jobs = [(e, layer) for layer, es in by_layer.items() for e in es]
    bad, checked = [], 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futs = {pool.submit(breaches, e, e["file"], layer, src): (e, layer) for e, layer in jobs}
        for fut in concurrent.futures.as_completed(futs):
            e, layer = futs[fut]
            checked += 1
            try:
                found = fut.result()
                for kind in sorted({k for _, k in found}):
                    hs = [h for h, k in found if k == kind]
                    more = " and %d more" % (len(hs) - 1) if len(hs) > 1 else ""
                    bad.append("%s (%s) reads %s%s: %s" % (os.path.relpath(e["file"], src),
                                                          layer, hs[0], more, WHY[kind]))
            except RuntimeError as err:
                bad.append(str(err))
    json_bad, clean_listed = json_breaches(src)
    bad += json_bad
    if clean_listed:
        print("note: no longer calls cJSON, strike it off UI_JSON_ALLOWED in "
              "tests/build/test_layers.py: %s" % ", ".join(clean_listed))
    if bad:
        print("\n".join(sorted(bad)), file=sys.stderr)
        print("layers: %d breach(es); %d files checked" % (len(bad), checked), file=sys.stderr)
        return 1
    print("layers: %d files of core/, platform/ and ui/kit/ checked, no forbidden include; "
          "no cJSON call in ui/ outside the allow-list" % checked)
    return 0


if __name__ == "__main__":
    sys.exit(main())
