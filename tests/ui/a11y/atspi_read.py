#!/usr/bin/python3
"""Reads Trinn over AT-SPI, as a screen reader does, while a script walks it.

Usage (inside its own D-Bus session, see tests/ui/test_a11y_atspi.sh):
    atspi_read.py TRINN SCRIPT CONTENT_DIR

Starts TRINN --script SCRIPT (headless) and, at each {"wait_file": "read.NAME"} step of the
script, reads the app's accessible tree and the events it sent, checks them, and then makes the
file so the script goes on. The expected texts come from the content pack (the questions, their
answers, the catalogue), not from the app. Exits 0 when every check passed, 1 otherwise."""

import json
import os
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

TRINN, SCRIPT, CONTENT = sys.argv[1:4]
STAGE_SECONDS = int(os.environ.get("ATSPI_STAGE_SECONDS", "60"))

with open(os.path.join(CONTENT, "i18n", "nb", "profile.json"), encoding="utf-8") as f:
    PROFILE_NB = json.load(f)
with open(os.path.join(CONTENT, "i18n", "nb", "ui.json"), encoding="utf-8") as f:
    UI_NB = json.load(f)
with open(os.path.join(CONTENT, "pack.json"), encoding="utf-8") as f:
    PACK = json.load(f)
with open(os.path.join(CONTENT, "intake.json"), encoding="utf-8") as f:
    INTAKE = json.load(f)


def intake_item(n):
    """Text, answer labels (nb) and kind of the n-th question of the assessment (intake)."""
    first = PACK["sequence"][0]
    assert first["questionnaire"] == "intake", first
    item = next(i for i in INTAKE["items"] if i["id"] == first["items"][n])
    labels = [o["label"]["nb"] for o in INTAKE["option_sets"][item["options"]]["options"]]
    return item["text"]["nb"], labels, item.get("kind", "single")


events = []  # (type, source id, detail1, any_data)
failures = []


def on_event(ev):
    try:
        sid = ev.source.accessibleId if ev.source else None
    except Exception:  # the object may be gone already
        sid = None
    events.append((ev.type, sid, ev.detail1, ev.any_data))


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and a.name == "Trinn":
            return a
    return None


def tree(obj, out=None, depth=0):
    """Every object under obj as dicts: id, role, name, states, parent role, object."""
    if out is None:
        out = []
    for i in range(obj.childCount):
        c = obj.getChildAtIndex(i)
        if c is None:
            continue
        st = c.getState()
        out.append({"id": c.accessibleId, "role": c.getRole(), "role_name": c.getRoleName(),
                    "name": c.name, "focused": st.contains(pyatspi.STATE_FOCUSED),
                    "focusable": st.contains(pyatspi.STATE_FOCUSABLE),
                    "attrs": dict(a.split(":", 1) for a in c.getAttributes() if ":" in a),
                    "obj": c, "depth": depth})
        tree(c, out, depth + 1)
    return out


def by_id(nodes, ident):
    return [n for n in nodes if n["id"] == ident]


def describe(nodes):
    return "\n".join("  " * n["depth"] + "%s %r id=%s%s" % (
        n["role_name"], n["name"][:70], n["id"], " FOCUSED" if n["focused"] else "")
        for n in nodes)


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


# --- the stages: each waits until the app shows it, checks, then lets the script go on ----

def stage_welcome(nodes):
    title = by_id(nodes, "welcome.title")
    if not title:
        return False
    check(title[0]["role"] == pyatspi.ROLE_HEADING and title[0]["name"] == UI_NB["welcome.title"],
          "welcome.title: expected a heading %r, got %s %r" % (
              UI_NB["welcome.title"], title[0]["role_name"], title[0]["name"]))
    for ident, key in (("chrome.help", "chrome.help_now"), ("welcome.start", "welcome.start")):
        b = by_id(nodes, ident)
        check(b and b[0]["role"] == pyatspi.ROLE_PUSH_BUTTON and b[0]["name"] == UI_NB[key]
              and b[0]["focusable"],
              "%s: expected a focusable push button %r" % (ident, UI_NB[key]))
    app = find_app()
    check(app.getRole() == pyatspi.ROLE_APPLICATION and app.childCount == 1
          and app.getChildAtIndex(0).getRole() == pyatspi.ROLE_FRAME,
          "the application should hold one frame")
    return True


def stage_error(nodes):
    """The passphrase mismatch, told as an error: either the message itself announced (a
    tu_alert), or an error summary announced with the message as its focused link."""
    want = PROFILE_NB["profile.err.mismatch"]
    shown = [n for n in nodes if n["name"] == want]
    said = [e for e in events if e[0].startswith("object:announcement")]
    if not shown or not said:
        return False  # not on screen yet, or the announcement is still on its way
    as_alert = [n for n in shown if n["role"] == pyatspi.ROLE_NOTIFICATION]
    as_link = [n for n in shown if n["focused"]]
    check(as_alert and any(e[3] == want for e in said) or as_link,
          "the message %r is in the tree as %r, announced as %r: neither an announced "
          "notification nor a focused link of an announced summary" % (
              want, [(n["role_name"], n["id"]) for n in shown], [e[3] for e in said]))
    for ident in ("profile.pass", "profile.pass2"):
        f = by_id(nodes, ident)
        check(f and f[0]["role"] == pyatspi.ROLE_PASSWORD_TEXT,
              "%s: expected role password text" % ident)
    typed = [n for n in nodes if "sommer" in n["name"] or "vinter" in n["name"]]
    check(not typed, "a passphrase typed is readable in the tree: %r" % [n["id"] for n in typed])
    return True


def question_stage(n):
    def stage(nodes):
        text, labels, kind = intake_item(n)
        role = pyatspi.ROLE_CHECK_BOX if kind == "multi" else pyatspi.ROLE_RADIO_BUTTON
        q = by_id(nodes, "question.text")
        if not q or q[0]["name"] != text:
            return False
        focus = [e for e in events
                 if e[0] == "object:state-changed:focused" and e[2] == 1 and e[1] == "answer.0"]
        if not focus:
            return False  # the focus event may still be on its way
        check(q[0]["role"] == pyatspi.ROLE_HEADING, "question.text is a %s" % q[0]["role_name"])
        answers = [x for x in nodes if (x["id"] or "").startswith("answer.")]
        check([a["name"] for a in answers] == labels,
              "answers: expected %r, got %r" % (labels, [a["name"] for a in answers]))
        keys = [a["attrs"].get("keyshortcuts") for a in answers]
        check(keys == [str(i + 1) for i in range(len(answers))],
              "answers' number keys (keyshortcuts): %r" % keys)
        check(answers and all(a["role"] == role and a["focusable"] for a in answers),
              "answers should be focusable %s: %r" % (
                  "check boxes" if kind == "multi" else "radio buttons",
                  [a["role_name"] for a in answers]))
        focused = [x["id"] for x in nodes if x["focused"]]
        check(focused == ["answer.0"], "focus: expected only answer.0, got %r" % focused)
        return True
    return stage


STAGES = [("read.welcome", stage_welcome), ("read.error", stage_error),
          ("read.q1", question_stage(0)), ("read.q2", question_stage(1)),
          ("read.q3", question_stage(2))]


def main():
    pyatspi.Registry.registerEventListener(on_event, "object:state-changed:focused",
                                           "object:announcement")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy")
    proc = subprocess.Popen([TRINN, "--script", SCRIPT, "--lang", "nb",
                             "--data-dir", os.path.join(os.getcwd(), "data")], env=env)
    state = {"stage": 0, "since": time.monotonic(), "nodes": []}

    def tick():
        if state["stage"] == len(STAGES) or proc.poll() is not None:
            pyatspi.Registry.stop()
            return False
        name, fn = STAGES[state["stage"]]
        try:
            app = find_app()
            if app:
                # Read what the app says now: libatspi's cache is filled by replies and kept by
                # events, and a reply that overtakes the events it already reflects (the read
                # runs while the app changes screens) can leave a child twice in it.
                app.clearCache()
            nodes = tree(app) if app else []
            state["nodes"] = nodes
            done = app is not None and fn(nodes)
        except Exception as e:  # an object went away while we read: read again
            print("atspi_read: reading again after %s: %s" % (type(e).__name__, e))
            done = False
        if done:
            print("atspi_read: %s checked (%d objects)" % (name, len(nodes)))
            open(name, "w").close()
            state["stage"] += 1
            state["since"] = time.monotonic()
            if name.startswith("read.q"):
                events.clear()  # the next question's focus event must be its own
        elif time.monotonic() - state["since"] > STAGE_SECONDS:
            failures.append("%s: the app did not show it over AT-SPI within %d s; tree:\n%s\n"
                            "events: %r" % (name, STAGE_SECONDS, describe(state["nodes"]),
                                            events[-20:]))
            pyatspi.Registry.stop()
            return False
        return True

    GLib.timeout_add(100, tick)
    pyatspi.Registry.start()
    if state["stage"] < len(STAGES) and not failures:
        failures.append("trinn ended before %s (exit %s)" % (STAGES[state["stage"]][0],
                                                            proc.poll()))
    try:
        rc = proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = "killed"
    if rc != 0 and not failures:
        failures.append("trinn exited with %s" % rc)
    for f in failures:
        print("atspi_read: FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
