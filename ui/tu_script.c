/* tu_script: `trinn --script FILE` replays a JSON list of steps against the running app by
 * pushing real SDL events, then reads back the widgets the frame drew. */
#include "tu_script.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tp_clock.h"
#include "tp_fs.h"
#include "tp_harden.h"
#include "tr_json.h"
#include "tu_date.h"
#include "tu_sdl.h"

/* Builds frames until no event is queued and no widget asked for another frame. */
static void settle(tu_app *app)
{
    for (int i = 0; i < 200 && !app->quit; i++) {
        SDL_PumpEvents();
        int pending = SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) > 0;
        if (!pending && !app->ui.need_redraw)
            return;
        tu_app_pump(app);
        tu_app_frame(app);
    }
}

/* Queues e stamped with the script's clock. SDL_PushEvent would stamp it with SDL_GetTicks(),
 * so every step would seem to follow the last within a millisecond or two; the script's
 * clock instead moves as a person would (script_step) or as a step says (double_tap). */
static void push_at(tu_app *app, SDL_Event *e, uint32_t ms)
{
    e->common.timestamp = ms;
    SDL_PeepEvents(e, 1, SDL_ADDEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT);
}

static void push(tu_app *app, SDL_Event *e)
{
    push_at(app, e, app->script_ms);
}

static int visible(const tu_record *r)
{
    return r->rect.y >= r->clip.y && r->rect.y + r->rect.h <= r->clip.y + r->clip.h;
}

/* Finds the widget; when it lies outside its scroll area, scrolls with wheel events. */
static const tu_record *reach(tu_app *app, const char *what)
{
    for (int tries = 0; tries < 400; tries++) { /* long pages at 2x text */
        const tu_record *r = tu_find(&app->ui, what);
        if (!r || !r->scroll || visible(r))
            return r;
        SDL_Event e = {0};
        float px = app->px_scale > 0 ? app->px_scale : 1;
        e.type = SDL_MOUSEMOTION;
        e.motion.x = (int)((r->clip.x + r->clip.w / 2) / px);
        e.motion.y = (int)((r->clip.y + r->clip.h / 2) / px);
        push(app, &e);
        memset(&e, 0, sizeof e);
        e.type = SDL_MOUSEWHEEL;
        e.wheel.y = r->rect.y < r->clip.y ? 1 : -1;
        push(app, &e);
        settle(app);
    }
    return tu_find(&app->ui, what);
}

/* The widget `what` to click or tap, scrolled into view; NULL with msg when there is none or
 * it cannot be clicked. */
static const tu_record *target(tu_app *app, const char *what, char *msg, size_t size)
{
    const tu_record *r = reach(app, what);
    if (!r) {
        snprintf(msg, size, "no widget with id or label \"%s\" on screen %s", what,
                 tu_screen_name(app->screen));
        return NULL;
    }
    if (!r->focusable) {
        snprintf(msg, size, "\"%s\" is a %s, which cannot be clicked", what, tu_kind_name(r->kind));
        return NULL;
    }
    return r;
}

/* One press (down at `down` ms) and release (at `up`) at pixel (x, y), by finger or left
 * mouse button, each followed by the frames it causes. */
static void press_release(tu_app *app, int x, int y, int touch, uint32_t down, uint32_t up)
{
    float px = app->px_scale > 0 ? app->px_scale : 1;
    SDL_Event e = {0};
    if (touch) {
        e.type = SDL_FINGERDOWN;
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = 1;
        e.tfinger.x = (float)x / (float)app->out_w;
        e.tfinger.y = (float)y / (float)app->out_h;
        e.tfinger.pressure = 1;
        push_at(app, &e, down);
        settle(app);
        e.type = SDL_FINGERUP;
        push_at(app, &e, up);
    } else {
        e.type = SDL_MOUSEMOTION;
        e.motion.x = (int)(x / px);
        e.motion.y = (int)(y / px);
        push_at(app, &e, down);
        memset(&e, 0, sizeof e);
        e.type = SDL_MOUSEBUTTONDOWN;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = SDL_PRESSED;
        e.button.clicks = 1;
        e.button.x = (int)(x / px);
        e.button.y = (int)(y / px);
        push_at(app, &e, down);
        settle(app);
        e.type = SDL_MOUSEBUTTONUP;
        e.button.state = SDL_RELEASED;
        push_at(app, &e, up);
    }
    settle(app);
}

static int click(tu_app *app, const char *what, int touch, char *msg, size_t size)
{
    const tu_record *r = target(app, what, msg, size);
    if (!r)
        return -1;
    press_release(app, r->rect.x + r->rect.w / 2, r->rect.y + r->rect.h / 2, touch, app->script_ms,
                  app->script_ms + 50);
    return 0;
}

/* {"double_tap": "id", "interval_ms": N} and {"double_click": ...}: two presses and releases
 * at the widget's centre, the second pair N ms after the first (each release N/2 ms after its
 * press, at most 50), each event followed by the frames it causes, as a fast window would
 * draw them. Whatever the first one brings up is under the second. */
static int double_press(tu_app *app, const cJSON *step, int touch, char *msg, size_t size)
{
    const char *name = touch ? "double_tap" : "double_click";
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(step, name);
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(step, "interval_ms");
    if (!cJSON_IsString(w) || !cJSON_IsNumber(t) || cJSON_GetArraySize(step) != 2 ||
        t->valuedouble < 1 || t->valuedouble > 5000) {
        snprintf(msg, size, "%s: expected {\"%s\": \"id\", \"interval_ms\": N} with N 1-5000", name,
                 name);
        return -1;
    }
    const tu_record *r = target(app, w->valuestring, msg, size);
    if (!r)
        return -1;
    uint32_t gap = (uint32_t)t->valuedouble, hold = gap / 2 < 50 ? gap / 2 : 50;
    int x = r->rect.x + r->rect.w / 2, y = r->rect.y + r->rect.h / 2;
    uint32_t t0 = app->script_ms;
    press_release(app, x, y, touch, t0, t0 + hold);
    press_release(app, x, y, touch, t0 + gap, t0 + gap + hold);
    app->script_ms = t0 + gap + hold;
    return 0;
}

/* {"long_press": "id or label", "hold_ms": N}: a finger held N ms on the widget's centre (any
 * widget, e.g. the kiosk's staff corner on the name), by the press's and release's time stamps. */
static int long_press(tu_app *app, const cJSON *step, char *msg, size_t size)
{
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(step, "long_press");
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(step, "hold_ms");
    if (!cJSON_IsString(w) || !cJSON_IsNumber(t) || cJSON_GetArraySize(step) != 2 ||
        t->valuedouble < 1 || t->valuedouble > 60000) {
        snprintf(msg, size,
                 "long_press: expected {\"long_press\": \"id\", \"hold_ms\": N} with N "
                 "1-60000");
        return -1;
    }
    const tu_record *r = reach(app, w->valuestring);
    if (!r) {
        snprintf(msg, size, "no widget with id or label \"%s\" on screen %s", w->valuestring,
                 tu_screen_name(app->screen));
        return -1;
    }
    uint32_t t0 = app->script_ms, hold = (uint32_t)t->valuedouble;
    press_release(app, r->rect.x + r->rect.w / 2, r->rect.y + r->rect.h / 2, 1, t0, t0 + hold);
    app->script_ms = t0 + hold;
    return 0;
}

/* {"close_request": true}: what a window manager sends on Alt+F4 or the close button, and
 * what SDL makes of it: the SDL_QUIT that follows on the last window's close, unless the app
 * turned that off (a kiosk: SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE). */
static void close_request(tu_app *app)
{
    SDL_Event e = {0};
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_CLOSE;
    e.window.windowID = SDL_GetWindowID(app->window);
    push(app, &e);
    if (SDL_GetHintBoolean(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, SDL_TRUE)) {
        memset(&e, 0, sizeof e);
        e.type = SDL_QUIT;
        push(app, &e);
    }
    settle(app);
}

static int key(tu_app *app, const char *name, char *msg, size_t size)
{
    Uint16 mod = KMOD_NONE;
    if (strncmp(name, "Shift+", 6) == 0) {
        mod = KMOD_LSHIFT;
        name += 6;
    } else if (strncmp(name, "Ctrl+", 5) == 0) {
        mod = KMOD_LCTRL;
        name += 5;
    } else if (strncmp(name, "Alt+", 4) == 0) {
        mod = KMOD_LALT;
        name += 4;
    }
    SDL_Keycode k = SDL_GetKeyFromName(name);
    if (k == SDLK_UNKNOWN) {
        snprintf(msg, size, "unknown key \"%s\" (use SDL key names: Return, Tab, Escape, Up, 1...)",
                 name);
        return -1;
    }
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = k;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(k);
    e.key.keysym.mod = mod;
    push(app, &e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    push(app, &e);
    settle(app);
    return 0;
}

/* The widget that has keyboard focus this frame, or NULL. */
static const tu_record *focused(const tu_app *app)
{
    for (size_t i = 0; i < app->ui.n_recs; i++)
        if (app->ui.recs[i].state & TU_ST_FOCUS)
            return &app->ui.recs[i];
    return NULL;
}

/* {"tab_to": "id or label"}: presses Tab (real key events, as a keyboard user would) until
 * that widget has the focus ring; fails after 80 presses. Keyboard-only flows use it instead
 * of hard-coding how many Tabs lie between two widgets. */
static int tab_to(tu_app *app, const char *what, char *msg, size_t size)
{
    const tu_record *target = tu_find(&app->ui, what);
    if (!target) {
        snprintf(msg, size, "tab_to: no widget with id or label \"%s\" on screen %s", what,
                 tu_screen_name(app->screen));
        return -1;
    }
    for (int i = 0; i < 80 && !app->quit; i++) {
        const tu_record *f = focused(app);
        if (f && (strcmp(f->id, what) == 0 || strcmp(f->label, what) == 0))
            return 0;
        if (key(app, "Tab", msg, size) != 0)
            return -1;
    }
    snprintf(msg, size, "tab_to: 80 presses of Tab never focused \"%s\" on screen %s", what,
             tu_screen_name(app->screen));
    return -1;
}

/* Types UTF-8 text as SDL_TEXTINPUT events, split at character boundaries. */
static void text(tu_app *app, const char *s)
{
    while (*s) {
        SDL_Event e = {0};
        e.type = SDL_TEXTINPUT;
        size_t n = 0, max = sizeof e.text.text - 1;
        while (s[n] && n < max) {
            size_t len = 1;
            unsigned char c = (unsigned char)s[n];
            if (c >= 0xF0)
                len = 4;
            else if (c >= 0xE0)
                len = 3;
            else if (c >= 0xC0)
                len = 2;
            if (n + len > max)
                break;
            n += len;
        }
        memcpy(e.text.text, s, n);
        e.text.text[n] = 0;
        push(app, &e);
        s += n;
    }
    settle(app);
}

static int expect(tu_app *app, const char *label, char *msg, size_t size)
{
    for (size_t i = 0; i < app->ui.n_recs; i++)
        if (strstr(app->ui.recs[i].label, label) || strcmp(app->ui.recs[i].id, label) == 0)
            return 0;
    snprintf(msg, size, "expected \"%s\" on screen %s, but no widget shows it", label,
             tu_screen_name(app->screen));
    return -1;
}

/* The text an expect step names: a string as written, or an object of texts by language
 * ({"nb": ..., "nn": ..., "en": ...}) in the app's current language, for a text of the content
 * pack that no catalog key names. NULL when there is none for the current language. */
static const char *step_text(const tu_app *app, const cJSON *v)
{
    if (cJSON_IsString(v))
        return v->valuestring;
    const cJSON *t =
        cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, tu_lang_code(&app->lang)) : NULL;
    return cJSON_IsString(t) ? t->valuestring : NULL;
}

/* 1 when label holds the literal pieces of tmpl between its {placeholders}, in order: a text
 * whose placeholders the step left open matches whatever the app filled in. */
static int holds_template(const char *label, const char *tmpl)
{
    const char *at = label;
    while (*tmpl) {
        const char *open = strchr(tmpl, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        size_t n = close ? (size_t)(open - tmpl) : strlen(tmpl);
        char piece[512];
        if (n >= sizeof piece)
            n = sizeof piece - 1;
        memcpy(piece, tmpl, n);
        piece[n] = 0;
        const char *f = n ? strstr(at, piece) : at;
        if (!f)
            return 0;
        at = f + n;
        if (!close)
            break;
        tmpl = close + 1;
    }
    return 1;
}

/* {"expect_key": KEY} or {"expect_key": {"key": KEY, "name": "value", ...}} (and
 * expect_absent_key): a widget shows (or none shows) the catalog text of KEY in the app's
 * current language, its {placeholders} filled from the other members and any left open
 * matching anything. So one flow runs in every language (issue 10). */
static int expect_key(tu_app *app, const cJSON *v, int absent, char *msg, size_t size)
{
    const char *key = NULL;
    tr_i18n_arg args[9];
    size_t n = 0;
    if (cJSON_IsString(v))
        key = v->valuestring;
    const cJSON *members = cJSON_IsObject(v) ? v : NULL, *m;
    cJSON_ArrayForEach(m, members)
    {
        if (!cJSON_IsString(m) || (strcmp(m->string, "key") != 0 && n == 8)) {
            snprintf(msg, size, "expect_key: \"%s\" must be a string (at most 8 placeholders)",
                     m->string);
            return -1;
        }
        if (strcmp(m->string, "key") == 0)
            key = m->valuestring;
        else
            args[n++] = (tr_i18n_arg){m->string, m->valuestring};
    }
    args[n] = (tr_i18n_arg){NULL, NULL};
    if (!key) {
        snprintf(msg, size,
                 "expect_key: expected a catalog key, or {\"key\": KEY, placeholder: value, ...}");
        return -1;
    }
    const char *tmpl = tu_tr(&app->lang, key);
    if (strncmp(tmpl, "[[", 2) == 0) {
        snprintf(msg, size, "expect_key: no catalog of language %s has the key \"%s\"",
                 tu_lang_code(&app->lang), key);
        return -1;
    }
    char want[2048];
    tr_i18n_fill(tmpl, args, want, sizeof want);
    int found = 0;
    for (size_t i = 0; i < app->ui.n_recs && !found; i++)
        found = holds_template(app->ui.recs[i].label, want);
    if (found == !absent)
        return 0;
    snprintf(msg, size, "expected %s widget showing %s (\"%.300s\") on screen %s, but %s",
             absent ? "no" : "a", key, want, tu_screen_name(app->screen),
             absent ? "one does" : "none does");
    return -1;
}

/* {"expect_selected": "id"}: the widget is drawn chosen (an answer given, a box ticked). */
static int expect_selected(tu_app *app, const char *id, char *msg, size_t size)
{
    const tu_record *r = tu_find(&app->ui, id);
    if (r && (r->state & TU_ST_SELECTED))
        return 0;
    snprintf(msg, size, "expected \"%s\" chosen on screen %s, but %s", id,
             tu_screen_name(app->screen), r ? "it is not" : "there is no such widget");
    return -1;
}

/* {"expect_none_selected": "prefix"}: widgets whose ids start with prefix are drawn, and none
 * is chosen ("answer.": the question on screen has no answer yet). */
static int expect_none_selected(tu_app *app, const char *prefix, char *msg, size_t size)
{
    size_t n = 0, len = strlen(prefix);
    for (size_t i = 0; i < app->ui.n_recs; i++) {
        const tu_record *r = &app->ui.recs[i];
        if (strncmp(r->id, prefix, len) != 0)
            continue;
        n++;
        if (r->state & TU_ST_SELECTED) {
            snprintf(msg, size,
                     "expected nothing chosen among \"%s*\" on screen %s, but \"%s\" "
                     "(%s) is",
                     prefix, tu_screen_name(app->screen), r->id, r->label);
            return -1;
        }
    }
    if (n == 0) {
        snprintf(msg, size, "expect_none_selected: no widget \"%s*\" on screen %s", prefix,
                 tu_screen_name(app->screen));
        return -1;
    }
    return 0;
}

/* {"remember_rect": "id"} notes where the widget is in its page (the scroll offset added);
 * {"expect_rect_unchanged": "id"} fails when it has moved or changed size since (e.g. while
 * the client typed above it). */
static int rect_step(tu_app *app, const char *id, int check, char *msg, size_t size)
{
    const tu_record *r = tu_find(&app->ui, id);
    if (!r) {
        snprintf(msg, size, "no widget \"%s\" on screen %s", id, tu_screen_name(app->screen));
        return -1;
    }
    /* where it lies in its scroll area's content: scrolling it into view is not a move */
    tu_rect at = r->rect;
    if (r->scroll > 0 && r->scroll <= app->ui.n_scrolls)
        at.y += app->ui.scrolls[r->scroll - 1].offset;
    if (!check) {
        snprintf(app->script_mark_id, sizeof app->script_mark_id, "%s", id);
        app->script_mark = at;
        return 0;
    }
    const tu_rect *m = &app->script_mark;
    if (strcmp(app->script_mark_id, id) != 0) {
        snprintf(msg, size, "expect_rect_unchanged: \"%s\" was not remembered", id);
        return -1;
    }
    if (m->x != at.x || m->y != at.y || m->w != at.w || m->h != at.h) {
        snprintf(msg, size, "\"%s\" moved from %d,%d %dx%d to %d,%d %dx%d on screen %s", id, m->x,
                 m->y, m->w, m->h, at.x, at.y, at.w, at.h, tu_screen_name(app->screen));
        return -1;
    }
    return 0;
}

/* {"expect_value": ["id", "text"]}: text field `id` holds exactly `text` (bullets for a
 * hidden one: "\u2022\u2022\u2022"). */
static int expect_value(tu_app *app, const cJSON *pair, char *msg, size_t size)
{
    const cJSON *id = cJSON_GetArrayItem(pair, 0), *want = cJSON_GetArrayItem(pair, 1);
    if (!cJSON_IsArray(pair) || cJSON_GetArraySize(pair) != 2 || !cJSON_IsString(id) ||
        !cJSON_IsString(want)) {
        snprintf(msg, size, "expect_value: expected [\"field id\", \"text\"]");
        return -1;
    }
    const tu_record *r = tu_find(&app->ui, id->valuestring);
    if (r && r->value && strcmp(r->value, want->valuestring) == 0)
        return 0;
    snprintf(msg, size, "expected \"%s\" to hold \"%.200s\" on screen %s, but %s%.200s%s",
             id->valuestring, want->valuestring, tu_screen_name(app->screen),
             !r          ? "there is no such widget"
             : !r->value ? "it is not a text field"
                         : "it holds \"",
             r && r->value ? r->value : "", r && r->value ? "\"" : "");
    return -1;
}

/* {"expect_day": N}: a widget shows the day N days from today (0 today, -1 yesterday) in the
 * current language's long form ("5. desember 2026"): for defaults that are today's date. */
static int expect_day(tu_app *app, const cJSON *n, char *msg, size_t size)
{
    if (!cJSON_IsNumber(n) || n->valuedouble < -366 || n->valuedouble > 366) {
        snprintf(msg, size, "expect_day: expected a number of days from today (-366 to 366)");
        return -1;
    }
    time_t now = (time_t)tp_clock_now();
    struct tm tm;
    if (!localtime_r(&now, &tm)) {
        snprintf(msg, size, "expect_day: no local time");
        return -1;
    }
    tm.tm_mday += (int)n->valuedouble;
    tm.tm_hour = 12; /* noon: a daylight-saving change never moves it to another day */
    tm.tm_isdst = -1;
    char day[96];
    tu_date_format(&app->lang, (int64_t)mktime(&tm), 0, day, sizeof day);
    return expect(app, day, msg, size);
}

/* {"clipboard": "text"}: puts text on the clipboard, as copying it elsewhere would (then
 * {"key": "Ctrl+V"} pastes it). */
static int clipboard(const char *text, char *msg, size_t size)
{
    if (SDL_SetClipboardText(text) != 0) {
        snprintf(msg, size, "clipboard: %s", SDL_GetError());
        return -1;
    }
    return 0;
}

/* {"drop": "path"}: drops the file on the window, as a file manager would (SDL_DROPFILE; a
 * relative path is taken from the folder trinn runs in). */
static int drop(tu_app *app, const char *path, char *msg, size_t size)
{
    SDL_Event e = {0};
    e.type = SDL_DROPFILE;
    e.drop.file = SDL_strdup(path);
    e.drop.windowID = SDL_GetWindowID(app->window);
    if (!e.drop.file) {
        snprintf(msg, size, "drop: out of memory");
        return -1;
    }
    push(app, &e);
    return 0;
}

/* {"expect_clipboard": "text"}: the clipboard holds text (a part of it); with
 * {"expect_clipboard_absent": "text"} it does not. */
static int expect_clipboard(const char *want, int absent, char *msg, size_t size)
{
    char *have = SDL_GetClipboardText();
    int ok = (have && strstr(have, want) != NULL) != absent;
    if (!ok)
        snprintf(msg, size, "expected the clipboard %s \"%s\", but it holds \"%.200s\"",
                 absent ? "not to hold" : "to hold", want, have ? have : "");
    SDL_free(have);
    return ok ? 0 : -1;
}

/* {"expect_focus": "id"}: that widget has the keyboard focus. */
static int expect_focus(tu_app *app, const char *id, char *msg, size_t size)
{
    const tu_record *f = focused(app);
    if (f && (strcmp(f->id, id) == 0 || strcmp(f->label, id) == 0))
        return 0;
    snprintf(msg, size, "expected the focus on \"%s\" on screen %s, but it is on %s", id,
             tu_screen_name(app->screen), f ? f->id : "nothing");
    return -1;
}

/* {"expect_tab_order": ["A", "B", ...]}: Tab reaches the widgets in this order (each one
 * after the one before it in the frame's focus order). */
static int expect_tab_order(tu_app *app, const cJSON *list, char *msg, size_t size)
{
    int last = -1;
    const cJSON *it;
    if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) < 2) {
        snprintf(msg, size, "expect_tab_order: expected a list of two or more widget ids");
        return -1;
    }
    cJSON_ArrayForEach(it, list)
    {
        int at = -1;
        uint32_t id = cJSON_IsString(it) ? tu_id(it->valuestring) : 0;
        for (int i = 0; i < app->ui.n_prev_focus; i++)
            if (app->ui.prev_focus_order[i] == id)
                at = i;
        if (at < 0 || at <= last) {
            snprintf(msg, size, "expect_tab_order: \"%s\" %s on screen %s",
                     cJSON_IsString(it) ? it->valuestring : "?",
                     at < 0 ? "cannot be reached with Tab"
                            : "comes before the widget listed before it",
                     tu_screen_name(app->screen));
            return -1;
        }
        last = at;
    }
    return 0;
}

/* {"record": {...}}: appends a journal record as the screens do, so a flow can start from a
 * client's history. "days_ago": N (0-3650, removed) dates it N days back when it has no "ts". */
static int add_record(tu_app *app, const cJSON *spec, char *msg, size_t size)
{
    tr_error err = {0};
    char ts[40];
    if (!cJSON_IsObject(spec) || !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(spec, "type"))) {
        snprintf(msg, size, "record: expected a record object with a \"type\"");
        return -1;
    }
    cJSON *rec = cJSON_Duplicate(spec, 1);
    cJSON *ago = rec ? cJSON_DetachItemFromObjectCaseSensitive(rec, "days_ago") : NULL;
    if (!rec ||
        (ago && (!cJSON_IsNumber(ago) || ago->valuedouble < 0 || ago->valuedouble > 3650))) {
        snprintf(msg, size, "record: \"days_ago\" must be a number of days 0-3650");
        cJSON_Delete(ago);
        cJSON_Delete(rec);
        return -1;
    }
    if (!cJSON_GetObjectItemCaseSensitive(rec, "ts")) {
        int64_t when = tp_clock_now() - (int64_t)((ago ? ago->valuedouble : 0) * 86400);
        if (tp_clock_format(when, ts, sizeof ts) != 0 || !cJSON_AddStringToObject(rec, "ts", ts)) {
            snprintf(msg, size, "record: cannot give it a time");
            cJSON_Delete(ago);
            cJSON_Delete(rec);
            return -1;
        }
    }
    cJSON_Delete(ago);
    if (tu_records_append(&app->records, rec, &err) != 0) {
        snprintf(msg, size, "record: %s", err.msg);
        return -1;
    }
    app->ui.need_redraw = 1;
    settle(app);
    return 0;
}

/* {"expect_above": ["A", "B"]}: both widgets are drawn (id or label) and A's rectangle ends
 * at or above the top of B's, in the same frame (so the same scroll offset). */
static int expect_above(tu_app *app, const cJSON *pair, char *msg, size_t size)
{
    const cJSON *a = cJSON_GetArrayItem(pair, 0), *b = cJSON_GetArrayItem(pair, 1);
    if (!cJSON_IsArray(pair) || cJSON_GetArraySize(pair) != 2 || !cJSON_IsString(a) ||
        !cJSON_IsString(b)) {
        snprintf(msg, size, "expect_above: expected two widget ids or labels, [\"A\", \"B\"]");
        return -1;
    }
    const tu_record *ra = tu_find(&app->ui, a->valuestring);
    const tu_record *rb = tu_find(&app->ui, b->valuestring);
    if (!ra || !rb) {
        snprintf(msg, size, "expect_above: no widget \"%s\" on screen %s",
                 ra ? b->valuestring : a->valuestring, tu_screen_name(app->screen));
        return -1;
    }
    if (ra->rect.y + ra->rect.h > rb->rect.y) {
        snprintf(msg, size, "expected \"%s\" (y %d-%d) above \"%s\" (from y %d) on screen %s",
                 a->valuestring, ra->rect.y, ra->rect.y + ra->rect.h, b->valuestring, rb->rect.y,
                 tu_screen_name(app->screen));
        return -1;
    }
    return 0;
}

int tu_script_dump(const tu_app *app, const char *path, char *msg, size_t size)
{
    cJSON *root = cJSON_CreateObject(), *list = cJSON_CreateArray();
    if (!root || !list) {
        cJSON_Delete(root);
        cJSON_Delete(list);
        snprintf(msg, size, "out of memory");
        return -1;
    }
    cJSON_AddStringToObject(root, "screen",
                            app->crisis_open ? "crisis" : tu_screen_name(app->screen));
    cJSON_AddStringToObject(root, "lang", tu_lang_code(&app->lang));
    cJSON_AddNumberToObject(root, "width", app->out_w);
    cJSON_AddNumberToObject(root, "height", app->out_h);
    cJSON_AddItemToObject(root, "widgets", list);
    static const char *const states[] = {"hot",      "active",   "focus",
                                         "selected", "overflow", "clipped"};
    for (size_t i = 0; i < app->ui.n_recs; i++) {
        const tu_record *r = &app->ui.recs[i];
        cJSON *w = cJSON_CreateObject();
        if (!w)
            break;
        cJSON_AddItemToArray(list, w);
        cJSON_AddStringToObject(w, "id", r->id);
        cJSON_AddStringToObject(w, "kind", tu_kind_name(r->kind));
        cJSON_AddStringToObject(w, "label", r->label);
        int rect[4] = {r->rect.x, r->rect.y, r->rect.w, r->rect.h};
        cJSON_AddItemToObject(w, "rect", cJSON_CreateIntArray(rect, 4));
        cJSON *st = cJSON_AddArrayToObject(w, "state");
        for (int b = 0; b < 6; b++)
            if (st && (r->state & (1u << b)))
                cJSON_AddItemToArray(st, cJSON_CreateString(states[b]));
    }
    char *out = cJSON_Print(root);
    cJSON_Delete(root);
    /* through the platform seam: the same bytes on Windows (no text-mode \r\n), UTF-8 paths */
    int ok = out && tp_fs_write_atomic(path, out, strlen(out)) == 0;
    cJSON_free(out);
    if (!ok) {
        snprintf(msg, size, "%s: could not write the dump", path);
        return -1;
    }
    return 0;
}

int tu_script_screenshot(tu_app *app, const char *path, char *msg, size_t size)
{
    SDL_Surface *s =
        SDL_CreateRGBSurfaceWithFormat(0, app->out_w, app->out_h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        snprintf(msg, size, "out of memory for a screenshot");
        return -1;
    }
    tu_sdl_render(&app->ui, app->renderer, tu_app_target(app), app->text);
    int rc =
        SDL_RenderReadPixels(app->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch);
    if (rc == 0)
        rc = SDL_SaveBMP(s, path);
    SDL_FreeSurface(s);
    if (rc != 0) {
        snprintf(msg, size, "%s: could not save the screenshot: %s", path, SDL_GetError());
        return -1;
    }
    return 0;
}

/* {"wait_for": "label or id", "timeout_ms": N}: keeps the loop running (frames on events and
 * deadlines, as tu_app_run) until a widget shows the label, e.g. when a worker finishes. */
static int wait_for(tu_app *app, const cJSON *step, char *msg, size_t size)
{
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(step, "wait_for");
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(step, "timeout_ms");
    if (!cJSON_IsString(w) || cJSON_GetArraySize(step) != (t ? 2 : 1) ||
        (t && (!cJSON_IsNumber(t) || t->valuedouble < 0 || t->valuedouble > 600000))) {
        snprintf(msg, size,
                 "wait_for: expected {\"wait_for\": \"label\", \"timeout_ms\": N} with N "
                 "0-600000 (default 20000)");
        return -1;
    }
    int64_t until = tp_clock_mono_ms() + (t ? (int64_t)t->valuedouble : 20000);
    char why[512];
    for (;;) {
        if (expect(app, w->valuestring, why, sizeof why) == 0)
            return 0;
        int64_t now = tp_clock_mono_ms();
        if (now >= until || app->quit)
            break;
        int64_t next = app->ui.wake_ms > 0 ? app->ui.wake_ms + app->start_ms : now + 50;
        if (next > until)
            next = until;
        /* waits without taking the event: tu_app_pump takes it (taken and pushed back, one
         * behind SDL's poll sentinel, it was never seen: a signal's SDL_QUIT looped here) */
        SDL_WaitEventTimeout(NULL, (int)(next > now ? next - now : 0));
        tu_app_pump(app);
        tu_app_frame(app);
    }
    snprintf(msg, size, "waited %lld ms for \"%s\" on screen %s; it did not appear",
             (long long)(t ? (int64_t)t->valuedouble : 20000), w->valuestring,
             tu_screen_name(app->screen));
    return -1;
}

/* {"wait_file": "PATH", "timeout_ms": N}: keeps the loop running (frames on events, the
 * accessibility bus served) until PATH exists: a test outside the app (tests/ui/a11y) reads
 * the app over AT-SPI and then lets the script go on by making the file. */
static int wait_file(tu_app *app, const cJSON *step, char *msg, size_t size)
{
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(step, "wait_file");
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(step, "timeout_ms");
    if (!cJSON_IsString(w) || !w->valuestring[0] || cJSON_GetArraySize(step) != (t ? 2 : 1) ||
        (t && (!cJSON_IsNumber(t) || t->valuedouble < 0 || t->valuedouble > 600000))) {
        snprintf(msg, size,
                 "wait_file: expected {\"wait_file\": \"path\", \"timeout_ms\": N} with N "
                 "0-600000 (default 60000)");
        return -1;
    }
    int64_t wait = t ? (int64_t)t->valuedouble : 60000;
    int64_t until = tp_clock_mono_ms() + wait;
    for (;;) {
        if (access(w->valuestring, F_OK) == 0)
            return 0;
        int64_t now = tp_clock_mono_ms();
        if (now >= until || app->quit)
            break;
        int64_t next = now + 50;
        if (app->ui.wake_ms > 0 && app->ui.wake_ms + app->start_ms < next)
            next = app->ui.wake_ms + app->start_ms;
        if (next > until)
            next = until;
        /* waits without taking the event: tu_app_pump takes it (taken and pushed back, one
         * behind SDL's poll sentinel, it was never seen: a signal's SDL_QUIT looped here) */
        SDL_WaitEventTimeout(NULL, (int)(next > now ? next - now : 0));
        tu_app_pump(app);
        tu_app_frame(app);
    }
    snprintf(msg, size, "waited %lld ms for the file %s; it did not appear", (long long)wait,
             w->valuestring);
    return -1;
}

/* {"expect_spoken": "X"} / {"expect_not_spoken": "X"}: whether anything read aloud so far (the
 * recorder of {"speech_record": true}, lines "<voice language>: <text>") contains X. */
static int expect_spoken(tu_app *app, const char *want, int present, char *msg, size_t size)
{
    if (!app->speech.record || !app->speech.voice) {
        snprintf(msg, size,
                 "nothing is recorded: give {\"speech_record\": true} and turn reading "
                 "aloud on in Settings first");
        return -1;
    }
    const char *line = NULL;
    for (size_t i = 0; (line = tu_speech_said(app->speech.voice, i)) != NULL; i++)
        if (strstr(line, want))
            break;
    if (present && !line) {
        size_t n = 0;
        while (tu_speech_said(app->speech.voice, n))
            n++;
        snprintf(msg, size, "\"%s\" was not read aloud; the last of %zu utterances: %.300s", want,
                 n, n ? tu_speech_said(app->speech.voice, n - 1) : "(none)");
        return -1;
    }
    if (!present && line) {
        snprintf(msg, size, "\"%s\" was read aloud: %.300s", want, line);
        return -1;
    }
    return 0;
}

/* A secret for the memory test: made once per run, held only XOR-masked, so neither the script
 * nor this driver keeps a plain copy that the scan could find. */
#define SECRET_LEN  19
#define SECRET_MASK 0xA5

typedef struct script_ctx {
    uint8_t secret[SECRET_LEN]; /* masked */
    int have_secret;
} script_ctx;

/* The secret: from $TRINN_SCRIPT_SECRET (SECRET_LEN bytes, masked, as hex) when a test needs the
 * same one across runs, else made here from the process id and the clock. */
static int make_secret(script_ctx *c)
{
    const char *hex = getenv("TRINN_SCRIPT_SECRET");
    if (hex) {
        for (int i = 0; i < SECRET_LEN; i++) {
            unsigned v = 0;
            if (sscanf(hex + 2 * i, "%2x", &v) != 1)
                return -1;
            c->secret[i] = (uint8_t)v;
        }
        if (hex[2 * SECRET_LEN] != '\0')
            return -1;
        c->have_secret = 1;
        return 0;
    }
    char plain[SECRET_LEN + 1];
    unsigned long long v = ((unsigned long long)getpid() << 40) ^
                           (unsigned long long)tp_clock_mono_ms() ^
                           ((unsigned long long)(uintptr_t)c << 12);
    snprintf(plain, sizeof plain, "zqx%016llx", v);
    for (int i = 0; i < SECRET_LEN; i++)
        c->secret[i] = (uint8_t)plain[i] ^ SECRET_MASK;
    volatile char *w = plain;
    for (size_t i = 0; i < sizeof plain; i++)
        w[i] = 0;
    c->have_secret = 1;
    return 0;
}

/* {"secret_text": true}: types the run's secret (zqx and 16 hex digits) one character per
 * SDL_TEXTINPUT event, as a person types. */
static int secret_text(tu_app *app, script_ctx *c, char *msg, size_t size)
{
    if (!c->have_secret && make_secret(c) != 0) {
        snprintf(msg, size, "secret_text: TRINN_SCRIPT_SECRET must be %d bytes as hex", SECRET_LEN);
        return -1;
    }
    for (int i = 0; i < SECRET_LEN; i++) {
        SDL_Event e = {0};
        e.type = SDL_TEXTINPUT;
        e.text.text[0] = (char)(c->secret[i] ^ SECRET_MASK);
        push(app, &e);
        e.text.text[0] = 0;
    }
    return 0;
}

/* {"scan_secret": "present" | "absent"}: reads this process's whole memory (tp_mem_find_masked)
 * for the secret. "present" proves the scan sees it while a profile shows it; "absent" is the
 * test: after locking, no copy may be left anywhere. */
static int scan_secret(tu_app *app, script_ctx *c, const char *want, char *msg, size_t size)
{
    int present = strcmp(want, "present") == 0;
    if (!present && strcmp(want, "absent") != 0) {
        snprintf(msg, size, "scan_secret: expected \"present\" or \"absent\"");
        return -1;
    }
    if (!c->have_secret && make_secret(c) != 0) {
        snprintf(msg, size, "scan_secret: TRINN_SCRIPT_SECRET must be %d bytes as hex", SECRET_LEN);
        return -1;
    }
    long found = 0;
    int rc = tp_mem_find_masked(c->secret, SECRET_LEN, SECRET_MASK, &found);
    if (rc != 0) {
        snprintf(msg, size, "scan_secret: cannot read this process's memory (%s)", strerror(-rc));
        return -1;
    }
    fprintf(stderr, "trinn: scan_secret on screen %s: %ld copies of the secret in memory\n",
            tu_screen_name(app->screen), found);
    if (present && found == 0) {
        snprintf(msg, size, "scan_secret: the secret is not in memory, but the scan should see it");
        return -1;
    }
    if (!present && found > 0) {
        snprintf(msg, size, "scan_secret: %ld copies of the secret are still in memory", found);
        return -1;
    }
    return 0;
}

static int run_step(tu_app *app, script_ctx *ctx, const cJSON *step, char *msg, size_t size)
{
    /* a person reads before acting: each step comes a second after the last */
    app->script_ms += 1000;
    settle(app); /* the frames the last step still asked for, as the loop would draw them */
    if (cJSON_IsObject(step) && cJSON_GetObjectItemCaseSensitive(step, "wait_for"))
        return wait_for(app, step, msg, size);
    if (cJSON_IsObject(step) && cJSON_GetObjectItemCaseSensitive(step, "wait_file"))
        return wait_file(app, step, msg, size);
    if (cJSON_IsObject(step) && cJSON_GetObjectItemCaseSensitive(step, "double_tap"))
        return double_press(app, step, 1, msg, size);
    if (cJSON_IsObject(step) && cJSON_GetObjectItemCaseSensitive(step, "double_click"))
        return double_press(app, step, 0, msg, size);
    if (cJSON_IsObject(step) && cJSON_GetObjectItemCaseSensitive(step, "long_press"))
        return long_press(app, step, msg, size);
    const cJSON *a = step->child;
    if (!cJSON_IsObject(step) || !a || a->next) {
        snprintf(msg, size, "a step is an object with one key, e.g. {\"click\": \"id\"}");
        return -1;
    }
    const char *k = a->string;
    if (strcmp(k, "quit") == 0) {
        app->quit = 1;
        return 0;
    }
    if (strcmp(k, "wait_ms") == 0) {
        if (!cJSON_IsNumber(a) || a->valuedouble < 0 || a->valuedouble > 60000) {
            snprintf(msg, size, "wait_ms: expected a number of milliseconds 0-60000");
            return -1;
        }
        app->script_ms += (uint32_t)a->valuedouble;
        int64_t until = tp_clock_mono_ms() + (int64_t)a->valuedouble;
        for (int64_t now; (now = tp_clock_mono_ms()) < until && !app->quit;) {
            int64_t next = app->ui.wake_ms > 0 ? app->ui.wake_ms + app->start_ms : until;
            if (next > until)
                next = until;
            SDL_WaitEventTimeout(NULL, (int)(next > now ? next - now : 0)); /* as wait_for */
            tu_app_pump(app);
            tu_app_frame(app);
        }
        return 0;
    }
    if (strcmp(k, "check_layout") == 0) {
        char why[512];
        if (tu_check_layout(&app->ui, why, sizeof why) > 0) {
            snprintf(msg, size, "layout on screen %s at %dx%d: %s",
                     app->crisis_open ? "crisis" : tu_screen_name(app->screen), app->out_w,
                     app->out_h, why);
            return -1;
        }
        return 0;
    }
    if (strcmp(k, "close_request") == 0) {
        close_request(app);
        return 0;
    }
    if (strcmp(k, "speech_record") == 0) { /* the recorder instead of speech-dispatcher */
        tu_speech_end(&app->speech);
        app->speech.record = 1;
        app->speech.failed = 0;
        return 0;
    }
    if (strcmp(k, "record") == 0)
        return add_record(app, a, msg, size);
    if (strcmp(k, "secret_text") == 0)
        return secret_text(app, ctx, msg, size);
    if (strcmp(k, "expect_above") == 0)
        return expect_above(app, a, msg, size);
    if (strcmp(k, "expect_tab_order") == 0)
        return expect_tab_order(app, a, msg, size);
    if (strcmp(k, "expect_value") == 0)
        return expect_value(app, a, msg, size);
    if (strcmp(k, "expect_day") == 0)
        return expect_day(app, a, msg, size);
    if (strcmp(k, "expect_key") == 0 || strcmp(k, "expect_absent_key") == 0)
        return expect_key(app, a, k[7] == 'a', msg, size);
    if ((strcmp(k, "expect") == 0 || strcmp(k, "expect_absent") == 0) && cJSON_IsObject(a)) {
        const char *t = step_text(app, a);
        if (!t) {
            snprintf(msg, size, "%s: the object has no text for language %s", k,
                     tu_lang_code(&app->lang));
            return -1;
        }
        if (k[6] == 0)
            return expect(app, t, msg, size);
        if (expect(app, t, msg, size) != 0)
            return 0;
        snprintf(msg, size, "expected no widget showing \"%s\" on screen %s, but one does", t,
                 tu_screen_name(app->screen));
        return -1;
    }
    if (!cJSON_IsString(a)) {
        snprintf(msg, size, "%s: expected a string", k);
        return -1;
    }
    const char *v = a->valuestring;
    if (strcmp(k, "click") == 0)
        return click(app, v, 0, msg, size);
    if (strcmp(k, "tap") == 0)
        return click(app, v, 1, msg, size);
    if (strcmp(k, "key") == 0)
        return key(app, v, msg, size);
    if (strcmp(k, "tab_to") == 0)
        return tab_to(app, v, msg, size);
    if (strcmp(k, "text") == 0) {
        text(app, v);
        return 0;
    }
    if (strcmp(k, "drop") == 0) { /* a file dropped on the window, as SDL reports it */
        SDL_Event e = {0};
        e.type = SDL_DROPFILE;
        e.drop.file = SDL_strdup(v);
        push(app, &e);
        return 0;
    }
    if (strcmp(k, "expect") == 0)
        return expect(app, v, msg, size);
    if (strcmp(k, "expect_absent") == 0) {
        if (expect(app, v, msg, size) != 0)
            return 0;
        snprintf(msg, size, "expected no widget showing \"%s\" on screen %s, but one does", v,
                 tu_screen_name(app->screen));
        return -1;
    }
    if (strcmp(k, "remember_rect") == 0 || strcmp(k, "expect_rect_unchanged") == 0)
        return rect_step(app, v, k[0] == 'e', msg, size);
    if (strcmp(k, "expect_spoken") == 0 || strcmp(k, "expect_not_spoken") == 0)
        return expect_spoken(app, v, k[7] == 's', msg, size);
    if (strcmp(k, "expect_focus") == 0)
        return expect_focus(app, v, msg, size);
    if (strcmp(k, "clipboard") == 0)
        return clipboard(v, msg, size);
    if (strcmp(k, "drop") == 0)
        return drop(app, v, msg, size);
    if (strcmp(k, "expect_clipboard") == 0 || strcmp(k, "expect_clipboard_absent") == 0)
        return expect_clipboard(v, k[16] == '_', msg, size);
    if (strcmp(k, "expect_selected") == 0)
        return expect_selected(app, v, msg, size);
    if (strcmp(k, "expect_none_selected") == 0)
        return expect_none_selected(app, v, msg, size);
    if (strcmp(k, "dump") == 0)
        return tu_script_dump(app, v, msg, size);
    if (strcmp(k, "screenshot") == 0)
        return tu_script_screenshot(app, v, msg, size);
    if (strcmp(k, "scan_secret") == 0)
        return scan_secret(app, ctx, v, msg, size);
    snprintf(
        msg, size,
        "unknown step \"%s\" (steps: click, tap, double_click, double_tap, long_press, "
        "close_request, key, tab_to, text, drop, "
        "wait_ms, wait_for, wait_file, expect, "
        "expect_absent, expect_above, expect_selected, expect_none_selected, expect_focus, "
        "expect_tab_order, expect_value, expect_day, clipboard, expect_clipboard, "
        "expect_clipboard_absent, drop, "
        "remember_rect, "
        "expect_rect_unchanged, record, dump, speech_record, expect_spoken, expect_not_spoken, "
        "screenshot, check_layout, secret_text, scan_secret, quit)",
        k);
    return -1;
}

int tu_script_run(tu_app *app, const char *path)
{
    tr_error err = {0};
    cJSON *steps = tr_json_load_file(path, &err);
    if (!steps) {
        fprintf(stderr, "trinn: %s\n", err.msg);
        return 2;
    }
    if (!cJSON_IsArray(steps)) {
        fprintf(stderr, "trinn: %s: expected a JSON list of steps\n", path);
        cJSON_Delete(steps);
        return 2;
    }
    app->script_ms = SDL_GetTicks();
    tu_app_frame(app);
    settle(app);
    int n = 0, rc = 0;
    script_ctx ctx = {0};
    const cJSON *step;
    cJSON_ArrayForEach(step, steps)
    {
        char msg[1024] = "";
        n++;
        int bad = run_step(app, &ctx, step, msg, sizeof msg) != 0;
        if (!bad && app->fault) {
            snprintf(msg, sizeof msg, "screen %s: %s (tu_end)", tu_screen_name(app->screen),
                     app->fault);
            bad = 1;
        }
        if (bad) {
            char *s = cJSON_PrintUnformatted(step);
            fprintf(stderr, "trinn: %s: step %d %s failed: %s\n", path, n, s ? s : "", msg);
            cJSON_free(s);
            rc = 1;
            break;
        }
        if (app->quit)
            break;
    }
    cJSON_Delete(steps);
    return rc;
}
