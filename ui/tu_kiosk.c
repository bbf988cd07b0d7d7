/* tu_kiosk: kiosk mode's life cycle: configuration, idle countdown, the wipe, the staff corner,
 * and its cards on the crisis page and the result (tu_kiosk.h). The screens are in
 * tu_kiosk_screens.c. */
#include "tu_kiosk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_secret.h"
#include "tu_app.h"

int tu_kiosk_start(tu_app *app, const char *path)
{
    tr_error err = {0};
    tu_kiosk *k = calloc(1, sizeof *k);
    if (!k)
        return -1;
    app->kiosk = k;
    if (tr_kiosk_config_load(path, &k->cfg, &err) != TR_OK) {
        k->broken = 1;
        snprintf(k->msg, sizeof k->msg, "%s", err.msg);
        fprintf(stderr, "trinn: kiosk: %s\n", k->msg);
    }
    /* every language the config offers must be one the pack has */
    for (int i = 0; !k->broken && i < k->cfg.n_langs; i++) {
        const char *code = tr_kiosk_lang_codes[k->cfg.langs[i]];
        if (tu_lang_find(&app->lang, code) < 0) {
            k->broken = 1;
            snprintf(k->msg, sizeof k->msg,
                     "%s: $.languages: \"%s\" is not a language of the content pack", path, code);
            fprintf(stderr, "trinn: kiosk: %s\n", k->msg);
        }
    }
    /* nothing of a visit may be kept: guest mode, records in memory only */
    app->prof.guest = 1;
    tu_records_attach(&app->records, NULL, NULL, NULL);
    app->lang.cur = tu_kiosk_lang(app, 0);
    app->lang_choice = app->lang.cur;
    app->screen = k->broken ? TU_SCR_KIOSK_BROKEN : TU_SCR_KIOSK_ATTRACT;
    return 0;
}

int tu_kiosk_lang(const tu_app *app, int i)
{
    const tu_kiosk *k = app->kiosk;
    if (!k || k->broken || i < 0 || i >= k->cfg.n_langs)
        return 0;
    int l = tu_lang_find(&app->lang, tr_kiosk_lang_codes[k->cfg.langs[i]]);
    return l < 0 ? 0 : l;
}

int tu_kiosk_text_of(const tu_app *app, int l)
{
    for (int i = 0; i < TR_KIOSK_LANGS; i++)
        if (strcmp(tr_kiosk_lang_codes[i], tu_lang_code_of(&app->lang, l)) == 0)
            return i;
    return 0;
}

int tu_kiosk_text_lang(const tu_app *app)
{
    return tu_kiosk_text_of(app, app->lang.cur);
}

void tu_kiosk_free(tu_app *app)
{
    if (!app->kiosk)
        return;
    tr_kiosk_config_wipe(&app->kiosk->cfg);
    tr_secret_wipe(app->kiosk, sizeof *app->kiosk);
    free(app->kiosk);
    app->kiosk = NULL;
}

/* How long before the wipe the countdown shows, in seconds. */
static int countdown_s(const tu_kiosk *k)
{
    int c = k->cfg.idle_seconds / 3;
    return c > 30 ? 30 : c;
}

static void stay(tu_app *app)
{
    app->kiosk->counting = 0;
    app->kiosk->last_input = app->ui.now_ms;
    app->ui.need_redraw = 1;
}

static void wipe_now(tu_app *app)
{
    tu_kiosk *k = app->kiosk;
    tu_ctx *ui = &app->ui;
    /* the answers: their parsed tree is wiped as it is freed (tr_json_wipe_on_free) */
    if (app->assess_on)
        tu_assess_end(&app->assess);
    app->assess_on = 0;
    app->multi_item = NULL;
    app->multi_sel = 0;
    /* the result, its reasons and the typed line; the rules are reloaded for the next visit */
    tu_res_free(&app->res);
    tr_secret_wipe(&app->res, sizeof app->res);
    tr_secret_wipe(app->scores, sizeof app->scores);
    memset(app->score_inst, 0, sizeof app->score_inst);
    app->n_scores = 0;
    app->risk_flag = 0;
    app->result_ready = 0;
    tu_records_free(&app->records);
    tu_records_attach(&app->records, NULL, NULL, NULL);
    tr_secret_wipe(app->error_msg, sizeof app->error_msg);
    app->error_open = 0;
    app->confirm_fn = NULL;
    app->crisis_open = 0;
    /* the hand-in and any PIN typed */
    tr_secret_wipe(k->ref, sizeof k->ref);
    tr_secret_wipe(k->pin, sizeof k->pin);
    tr_secret_wipe(k->fail, sizeof k->fail);
    k->pin_len = 0;
    k->consent = 0;
    k->staff_ok = 0;
    k->pin_state = 0;
    k->test_state = 0;
    k->counting = 0;
    k->corner_down = 0;
    /* what the last frame drew: its texts (the arena), rendered text and its cache, typed
     * text still queued, and the pixels on screen */
    if (ui->arena)
        tr_secret_wipe(ui->arena, ui->arena_cap);
    tr_secret_wipe(ui->text, sizeof ui->text);
    ui->n_cmds = ui->n_recs = 0;
    ui->focus = 0;
    tu_app_forget_text(app);
    tu_sdl_damage_free(&app->damage);
    memset(&app->damage, 0, sizeof app->damage);
    if (app->renderer) {
        SDL_SetRenderDrawColor(app->renderer, 0, 0, 0, 255);
        SDL_RenderClear(app->renderer);
        SDL_RenderPresent(app->renderer);
    }
    app->last_hash = 0;
    app->force_redraw = 1;
    k->wipes++;
    app->lang.cur = tu_kiosk_lang(app, 0);
    app->lang_choice = app->lang.cur;
    k->cycle = 0;
    k->cycle_at = ui->now_ms;
    k->last_input = ui->now_ms;
    k->wipe_pending = 0;
    tu_app_go(app, k->broken ? TU_SCR_KIOSK_BROKEN : TU_SCR_KIOSK_ATTRACT);
}

void tu_kiosk_stop(tu_app *app)
{
    if (app->quit)
        return;
    app->ui.now_ms = tp_clock_mono_ms() - app->start_ms;
    wipe_now(app);
    fprintf(stderr, "trinn: kiosk: told to stop (a signal, or the display closed): the visit is "
                    "wiped, the kiosk ends\n");
    app->quit = 1;
}

void tu_kiosk_wipe(tu_app *app)
{
    app->kiosk->wipe_pending = 1;
    app->ui.need_redraw = 1;
}

/* 1 when this frame's input holds a touch, click, key or typing. */
static int any_input(const tu_ctx *ui)
{
    return ui->mouse_pressed || ui->mouse_down || ui->keys || ui->text[0] || ui->digit >= 0 ||
           ui->wheel;
}

void tu_kiosk_before(tu_app *app)
{
    tu_kiosk *k = app->kiosk;
    int64_t now = tp_clock_mono_ms() - app->start_ms;
    if (any_input(&app->ui))
        k->last_input = now;
    int idle = !k->broken && app->screen != TU_SCR_KIOSK_ATTRACT &&
               now - k->last_input >= (int64_t)k->cfg.idle_seconds * 1000;
    if (k->wipe_pending || idle) {
        app->ui.now_ms = now;
        wipe_now(app);
    }
}

/* The idle countdown over the screen: how long is left, and a way to stay. */
static void countdown_dialog(tu_app *app, int64_t left_ms)
{
    tu_ctx *ui = &app->ui;
    char secs[16], line[512];
    snprintf(secs, sizeof secs, "%d", (int)((left_ms + 999) / 1000));
    tr_i18n_arg args[] = {{"seconds", secs}, {NULL, NULL}};
    tr_i18n_fill(T(app, "kiosk.idle.text"), args, line, sizeof line);
    int blocked = ui->blocked;
    ui->blocked = 0;
    tu_dialog_begin(ui, "kiosk.idle", (int)(560 * ui->style.scale));
    tu_title(ui, "kiosk.idle.title", T(app, "kiosk.idle.title"));
    tu_paragraph(ui, "kiosk.idle.text", line);
    if (tu_button(ui, "kiosk.idle.stay", TU_LOOK_PRIMARY, T(app, "kiosk.idle.stay")))
        stay(app);
    tu_dialog_end(ui);
    ui->blocked = blocked;
}

void tu_kiosk_frame(tu_app *app)
{
    tu_kiosk *k = app->kiosk;
    tu_ctx *ui = &app->ui;
    int64_t now = ui->now_ms, next = 0;
    if (k->broken)
        return; /* staff must see the problem: no wipe, no cycle */
    /* the attract screen has nothing to wipe; it cycles the languages */
    if (app->screen == TU_SCR_KIOSK_ATTRACT && !app->crisis_open) {
        k->counting = 0;
        if (now - k->cycle_at >= TU_KIOSK_CYCLE_MS) {
            k->cycle = (k->cycle + 1) % k->cfg.n_langs;
            k->cycle_at = now;
            /* the whole screen speaks the language shown, the crisis button too */
            app->lang.cur = tu_kiosk_lang(app, k->cycle);
            ui->need_redraw = 1;
        }
        next = k->cycle_at + TU_KIOSK_CYCLE_MS;
    } else {
        int64_t idle = (int64_t)k->cfg.idle_seconds * 1000;
        int64_t shown = idle - (int64_t)countdown_s(k) * 1000;
        int64_t quiet = now - k->last_input;
        if (quiet >= idle) {
            tu_kiosk_wipe(app); /* at the start of the next frame */
            return;
        }
        if (quiet >= shown) {
            if (!k->counting)
                ui->need_redraw = 1;
            k->counting = 1;
            countdown_dialog(app, idle - quiet);
            int64_t left = idle - quiet;
            next = now + (left % 1000 ? left % 1000 : 1000);
        } else {
            k->counting = 0;
            next = k->last_input + shown;
        }
    }
    if (next > now && (ui->wake_ms == 0 || next < ui->wake_ms))
        ui->wake_ms = next;
}

void tu_kiosk_corner(tu_app *app, tu_rect r)
{
    tu_kiosk *k = app->kiosk;
    tu_ctx *ui = &app->ui;
    int in = ui->mouse_x >= r.x && ui->mouse_x < r.x + r.w && ui->mouse_y >= r.y &&
             ui->mouse_y < r.y + r.h;
    if (ui->mouse_pressed && in) {
        k->corner_down = ui->event_ms ? ui->event_ms : 1;
        k->corner_down_real = ui->now_ms;
    }
    if (!k->corner_down)
        return;
    /* the press's own time stamps decide (a script's clock too); a finger still held on the
     * corner opens the menu once the time has passed on the app's clock */
    int held = ui->mouse_down && in && ui->now_ms - k->corner_down_real >= TU_KIOSK_LONG_PRESS_MS;
    int long_release = ui->mouse_released && in &&
                       (uint32_t)(ui->event_ms - k->corner_down) >= TU_KIOSK_LONG_PRESS_MS;
    if (held || long_release) {
        k->corner_down = 0;
        k->staff_ok = 0;
        k->pin_len = 0;
        tr_secret_wipe(k->pin, sizeof k->pin);
        k->pin_state = 0;
        app->crisis_open = 0;
        tu_app_go(app, TU_SCR_KIOSK_STAFF);
        return;
    }
    if (ui->mouse_released || !in)
        k->corner_down = 0;
    else if (ui->mouse_down) {
        int64_t at = k->corner_down_real + TU_KIOSK_LONG_PRESS_MS;
        if (ui->wake_ms == 0 || at < ui->wake_ms)
            ui->wake_ms = at;
    }
}

void tu_kiosk_crisis(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_kiosk *k = app->kiosk;
    char line[1024];
    const char *desk = k->broken ? "" : k->cfg.desk.v[tu_kiosk_text_lang(app)];
    tr_i18n_arg args[] = {{"desk", desk}, {NULL, NULL}};
    tu_card_begin(ui, "kiosk.crisis");
    tu_label(ui, "kiosk.crisis.title", TU_FONT_STRONG, ui->style.title_size, ui->style.danger,
             T(app, "kiosk.crisis.title"));
    tr_i18n_fill(T(app, k->broken ? "kiosk.crisis.text_nodesk" : "kiosk.crisis.text"), args, line,
                 sizeof line);
    tu_paragraph(ui, "kiosk.crisis.text", line);
    tu_card_end(ui);
}

tr_triage_place *tu_kiosk_place(tu_app *app, tr_triage_place *place)
{
    const tu_kiosk *k = app->kiosk;
    *place = (tr_triage_place){.suffix = k->consent > 0 ? "kiosk_sealed" : "kiosk"};
    if (!k->broken) {
        place->team = k->cfg.service;
        place->phone = k->cfg.phone;
        place->hours = k->cfg.hours.v[tu_kiosk_text_lang(app)];
    }
    return place;
}

void tu_kiosk_result_top(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    char line[1024];
    if (!app->res.have || app->res.tri.risk != TR_RISK_ACUTE)
        return;
    tr_i18n_arg args[] = {{"desk", app->kiosk->cfg.desk.v[tu_kiosk_text_lang(app)]}, {NULL, NULL}};
    tu_card_begin(ui, "kiosk.acute");
    tu_label(ui, "kiosk.acute.title", TU_FONT_STRONG, ui->style.title_size, ui->style.danger,
             T(app, "kiosk.acute.title"));
    tr_i18n_fill(T(app, "kiosk.acute.text"), args, line, sizeof line);
    tu_paragraph(ui, "kiosk.acute.text", line);
    tu_card_end(ui);
}

void tu_kiosk_result_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "kiosk.done", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "kiosk.done"))) {
        tu_kiosk_wipe(app);
        return;
    }
    if (app->kiosk->consent > 0) { /* handed in: the code again, never a second hand-in */
        if (tu_button_at(ui, "kiosk.handin.show_code", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                         T(app, "kiosk.handin.show_code")))
            tu_app_go(app, TU_SCR_KIOSK_HANDIN);
        return;
    }
    if (app->res.have && tu_button_at(ui, "kiosk.handin", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                                      T(app, "kiosk.handin"))) {
        app->kiosk->consent = 0;
        tu_app_go(app, TU_SCR_KIOSK_HANDIN);
    }
}
