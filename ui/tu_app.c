/* tu_app: window, loop, chrome (top bar, crisis view, settings); see tu_app.h. */
#include "tu_app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_fs.h"
#include "tp_path.h"
#include "tr_journal.h"
#include "tr_settings.h"
#include "tu_sdl.h"

#include <SDL_ttf.h>

static void load_settings(tu_app *app, int *have_lang)
{
    tr_settings s;
    tr_error err = {0};
    *have_lang = 0;
    tr_status st = tr_settings_load(app->data_dir, &s, &err);
    if (st != TR_OK && st != TR_E_INVALID)
        return; /* first run, or unreadable: ask again (a bad field leaves only that one out) */
    if (tu_lang_find(&app->lang, s.lang) >= 0) {
        app->lang.cur = tu_lang_find(&app->lang, s.lang);
        *have_lang = 1;
    }
    if (tu_theme_find(s.theme) >= 0)
        app->theme = (tu_theme_id)tu_theme_find(s.theme);
    for (int i = 0; i < TU_TEXT_SIZES; i++)
        if (s.text_size == tu_text_sizes[i])
            app->text_size = i;
    app->speech.on = s.speech;
    app->speech.headphones = s.headphones;
}

int tu_app_save_settings(const tu_app *app)
{
    if (app->kiosk)
        return 0; /* a kiosk writes nothing but hand-ins */
    tr_settings s = {.text_size = tu_text_sizes[app->text_size],
                     .speech = app->speech.on,
                     .headphones = app->speech.headphones};
    snprintf(s.lang, sizeof s.lang, "%s", tu_lang_code(&app->lang));
    snprintf(s.theme, sizeof s.theme, "%s", tu_theme_name(app->theme));
    tr_error err = {0};
    return tr_settings_save(app->data_dir, &s, &err) == TR_OK ? 0 : -1;
}

/* The ui scale from the output size: 1x at laptop sizes and below, growing with the
 * window so a 4K screen or a portrait kiosk reads at the same physical size. */
static float ui_scale(int w, int h, float px_scale)
{
    float s = h > w ? (float)w / 900.0f : (float)w / 1280.0f;
    float sh = h > w ? (float)h / 1500.0f : (float)h / 800.0f;
    if (sh < s)
        s = sh;
    if (s < px_scale)
        s = px_scale;
    return s < 1 ? 1 : s;
}

SDL_Surface *tu_app_target(tu_app *app)
{
    return app->partial ? SDL_GetWindowSurface(app->window) : NULL;
}

static void update_style(tu_app *app)
{
    SDL_GetRendererOutputSize(app->renderer, &app->out_w, &app->out_h);
    int ww = 0, wh = 0;
    SDL_GetWindowSize(app->window, &ww, &wh);
    app->px_scale = ww > 0 ? (float)app->out_w / (float)ww : 1.0f;
    tu_theme_style(&app->ui.style, app->theme, ui_scale(app->out_w, app->out_h, app->px_scale));
    /* the text size on top of the theme; "large" is already 1.5x */
    float f = tu_text_sizes[app->text_size];
    if (app->theme == TU_THEME_LARGE)
        f /= 1.5f;
    if (app->kiosk && app->out_h * 3 > app->out_w * 4) /* a portrait kiosk, read standing */
        f *= TU_KIOSK_PORTRAIT_TEXT;
    tu_theme_text(&app->ui.style, f);
    tu_text_set_measure_colors(app->text, app->ui.style.text, app->ui.style.bg, app->partial);
}

/* Loads and validates the whole pack in one call (tr_bundle). A broken pack does not stop the
 * app: the catalogs are read alone, the welcome says what is wrong for the staff and the
 * emergency number still shows; nothing of a broken pack is used. Returns 0, or -1 with msg
 * when not even the texts can be read. */
static int load_pack(tu_app *app, char *msg, size_t size)
{
    tr_diags diags = {0};
    tr_error err = {0};
    if (tr_bundle_load(&(tr_bundle_desc){.dir = app->content_dir}, &app->bundle, &diags, &err) ==
        TR_OK) {
        app->pack = app->bundle->pack;
        tu_lang_use_pack(&app->lang, app->pack);
        tr_diags_free(&diags);
        return 0;
    }
    char first[600] = "";
    if (diags.count > 0)
        tr_diag_format(&diags.items[0], first, sizeof first);
    if (snprintf(app->pack_msg, sizeof app->pack_msg, "%s%s%s", err.msg, first[0] ? "; " : "",
                 first) >= (int)sizeof app->pack_msg)
        fprintf(stderr, "trinn: (the message on screen is cut; every problem follows)\n");
    app->pack_problems = diags.count;
    fprintf(stderr, "trinn: content pack: %s\n", err.msg);
    for (size_t i = 0; i < diags.count; i++) {
        tr_diag_format(&diags.items[i], first, sizeof first);
        fprintf(stderr, "trinn: %s\n", first);
    }
    tr_diags_free(&diags);
    app->bundle = NULL;
    app->pack = NULL;
    tr_error lerr = {0};
    if (tu_lang_load_alone(&app->lang, app->content_dir, &lerr) != TR_OK) {
        snprintf(msg, size, "content pack %s: %s", app->content_dir, lerr.msg);
        return -1;
    }
    return 0;
}

int tu_app_init(tu_app *app, const tu_app_desc *desc, char *msg, size_t size)
{
    char path[1100], fonts[1100], where[TP_PATH_MAX + 64];
    memset(app, 0, sizeof *app);
    app->start_ms = tp_clock_mono_ms();
    if (tu_screens_check(msg, size) != 0)
        return -1; /* a screen added without its row: a programming error, said plainly */
    if (tp_path_content_find(desc->content, app->content_dir, sizeof app->content_dir, where,
                             sizeof where) != 0) {
        snprintf(msg, size,
                 "no content pack at %s; give its folder with "
                 "--content DIR or set TRINN_CONTENT",
                 where);
        return -1;
    }
    if (desc->data_dir)
        snprintf(app->data_dir, sizeof app->data_dir, "%s", desc->data_dir);
    else if (tp_path_data_dir(app->data_dir, sizeof app->data_dir) != 0) {
        snprintf(msg, size, "no per-user data folder (set HOME or XDG_DATA_HOME, or --data-dir)");
        return -1;
    }
    if (load_pack(app, msg, size) != 0)
        return -1;
    tu_profile_words_load(app);
    int have_lang = 0;
    if (!desc->kiosk) /* a kiosk reads no settings file: every visit starts the same */
        load_settings(app, &have_lang);
    if (desc->lang) {
        int l = tu_lang_find(&app->lang, desc->lang);
        if (l < 0) {
            char offered[TU_LANG_MAX * 8] = "";
            for (int i = 0; i < app->lang.n; i++)
                snprintf(offered + strlen(offered), sizeof offered - strlen(offered), "%s%s",
                         i ? ", " : "", app->lang.codes[i]);
            snprintf(msg, size, "--lang %s: the content pack has no such language; use one of %s",
                     desc->lang, offered);
            goto fail;
        }
        app->lang.cur = l;
        have_lang = 1;
    }
    if (desc->theme) {
        int t = tu_theme_find(desc->theme);
        if (t < 0) {
            snprintf(msg, size, "--theme %s: unknown theme; use standard, contrast or large",
                     desc->theme);
            goto fail;
        }
        app->theme = (tu_theme_id)t;
    }
    if (desc->text_size) {
        int z = -1;
        for (int i = 0; i < TU_TEXT_SIZES; i++) {
            char name[16];
            snprintf(name, sizeof name, "%g", (double)tu_text_sizes[i]);
            if (strcmp(desc->text_size, name) == 0)
                z = i;
        }
        if (z < 0) {
            snprintf(msg, size, "--text-size %s: unknown size; use 1, 1.5 or 2", desc->text_size);
            goto fail;
        }
        app->text_size = z;
    }
    app->mods.cur = app->mods.step = -1;
    if (tu_profile_set_cost(app, desc->kdf_cost) != 0) {
        snprintf(msg, size, "--kdf-cost %s: use default%s", desc->kdf_cost,
                 tr_journal_test_costs() ? " or test" : " (this build has no test costs)");
        goto fail;
    }
    if (app->prof.kdf_ops)
        fprintf(stderr, "trinn: WARNING: --kdf-cost test gives new profiles the cheapest key "
                        "derivation: anyone with a journal file could guess its passphrase "
                        "quickly. For the test suite only; never for real clients.\n");
    app->screen = have_lang ? TU_SCR_WELCOME : TU_SCR_LANGUAGE;
    app->lang_choice = app->lang.cur;
    if (desc->kiosk && tu_kiosk_start(app, desc->kiosk) != 0) {
        snprintf(msg, size, "out of memory");
        goto fail;
    }

    /* The software renderer everywhere (the DESIGN.md budgets are for it): a frame is cheap
     * because only what changed is drawn again (tu_sdl_render_damage), no GL context is made
     * (Mesa's llvmpipe alone is ~100 MB), and every machine shows the pixels the tests see.
     * Its window surface goes straight to the window system (X11: shared memory), not through
     * the hidden GL texture SDL would otherwise put behind it, which under Xvfb or on a kiosk
     * without a GPU cost 17 ms and 110 MB (README). SDL_RENDER_DRIVER and
     * SDL_FRAMEBUFFER_ACCELERATION in the environment still decide when set. */
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    /* A kiosk ignores window close requests, so no SDL_QUIT may come from one: an SDL_QUIT is
     * then SIGTERM/SIGINT (systemctl stop, cage going away) or the lost display, and ends the
     * kiosk after a wipe (tu_kiosk_stop). */
    if (app->kiosk)
        SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        snprintf(msg, size, "SDL could not start: %s", SDL_GetError());
        goto fail;
    }
    int w = desc->width > 0 ? desc->width : 1280, h = desc->height > 0 ? desc->height : 800;
    Uint32 wflags =
        desc->headless ? SDL_WINDOW_HIDDEN : SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (app->kiosk && !desc->headless) {
        /* the whole screen, no decorations; the keyboard grabbed so Alt+Tab stays in the app
         * (under cage there is nothing else anyway: SECURITY.md, kiosk hardening) */
        wflags = SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS | SDL_WINDOW_ALLOW_HIGHDPI;
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
        SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
        SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    }
    app->window =
        SDL_CreateWindow("Trinn", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, wflags);
    if (!app->window) {
        snprintf(msg, size, "could not open a window: %s", SDL_GetError());
        goto fail;
    }
    SDL_SetWindowMinimumSize(app->window, 640, 400);
    if (app->kiosk && !desc->headless)
        SDL_SetWindowKeyboardGrab(app->window, SDL_TRUE);
    app->renderer = SDL_CreateRenderer(app->window, -1, 0);
    if (!app->renderer && !desc->headless) {
        /* a window system without a plain framebuffer (native Wayland): SDL's own choice */
        SDL_ResetHint(SDL_HINT_RENDER_DRIVER);
        SDL_ResetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION);
        app->renderer = SDL_CreateRenderer(app->window, -1, 0);
    }
    if (!app->renderer) {
        snprintf(msg, size, "could not create a renderer: %s", SDL_GetError());
        goto fail;
    }
    /* The software renderer draws into the window's surface, which keeps the last frame:
     * only what changed needs drawing again (GPU back buffers are undefined after a present). */
    SDL_RendererInfo info = {0};
    app->partial = SDL_GetRendererInfo(app->renderer, &info) == 0 && info.name &&
                   strcmp(info.name, "software") == 0;
    tp_path_join(fonts, sizeof fonts, app->content_dir, "fonts/Inter-Regular.otf");
    tp_path_join(path, sizeof path, app->content_dir, "fonts/Inter-SemiBold.otf");
    app->text = tu_text_make(&(tu_text_desc){.renderer = app->renderer, .font_path = {fonts, path}},
                             msg, size);
    if (!app->text)
        goto fail;
    tu_init(&app->ui, tu_text_measure, app->text);
    update_style(app);
    SDL_StopTextInput();
    return 0;
fail:
    tu_app_shutdown(app);
    return -1;
}

void tu_app_shutdown(tu_app *app)
{
    tu_a11y_stop(app->a11y);
    app->a11y = NULL;
    tu_speech_end(&app->speech);
    tu_profile_shutdown(app); /* closing the app locks the profile */
    tu_exch_free(&app->exch);
    tu_exch_report_free(&app->exch);
    tu_guide_free(&app->guide);
    tu_meds_free(&app->meds);
    tu_goals_free(&app->goals);
    tu_feedback_free(&app->fb);
    tu_mods_flush(app);
    tu_mods_free(&app->mods);
    tu_trk_free(&app->trk);
    tu_res_free(&app->res);
    tu_records_free(&app->records);
    tu_free(&app->ui);
    tu_sdl_damage_free(&app->damage);
    tu_text_destroy(app->text);
    app->text = NULL;
    if (app->renderer)
        SDL_DestroyRenderer(app->renderer);
    if (app->window)
        SDL_DestroyWindow(app->window);
    app->renderer = NULL;
    app->window = NULL;
    if (app->assess_on)
        tu_assess_end(&app->assess);
    app->assess_on = 0;
    tu_lang_free(&app->lang);
    tr_bundle_free(app->bundle);
    app->bundle = NULL;
    app->pack = NULL;
    tu_profile_words_free(app);
    tu_kiosk_free(app);
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}

void tu_app_go(tu_app *app, tu_screen s)
{
    if (s == TU_SCR_WELCOME && app->prof.open.j && app->prof.open.info.kind == TR_PROFILE_THERAPIST)
        s = TU_SCR_TEAM;
    else if (s == TU_SCR_WELCOME && tu_home_wanted(app))
        s = TU_SCR_HOME;
    if (s == TU_SCR_WELCOME && app->kiosk) /* a kiosk's welcome is its own */
        s = app->kiosk->broken ? TU_SCR_KIOSK_BROKEN : TU_SCR_KIOSK_HOME;
    app->screen = s;
    app->ui.focus = 0;
    app->ui.need_redraw = 1;
    app->screen_changed = 1;
    for (int i = 0; i < app->ui.n_scrolls; i++)
        app->ui.scrolls[i].offset = 0;
}

/* The bar across the top: the name, settings, and the crisis button on every screen. */
static void top_bar(tu_app *app, int h)
{
    tu_ctx *ui = &app->ui;
    const tu_style *st = &ui->style;
    tu_draw_fill(ui, (tu_rect){0, 0, ui->width, h}, st->surface, 0);
    tu_draw_fill(ui, (tu_rect){0, h - 1, ui->width, 1}, st->border, 0);
    int m = st->pad + st->gap / 2;
    const char *help = tu_tr(&app->lang, "chrome.help_now");
    const char *settings = tu_tr(&app->lang, "chrome.settings");
    int bh = st->target;
    int hw = tu_text_width(ui, TU_FONT_STRONG, st->font_size[TU_FONT_STRONG], help) + 2 * st->pad;
    int sw =
        tu_text_width(ui, TU_FONT_STRONG, st->font_size[TU_FONT_STRONG], settings) + 2 * st->pad;
    int y = (h - bh) / 2;
    tu_rect hr = {ui->width - m - hw, y, hw, bh};
    tu_rect sr = {hr.x - st->gap - sw, y, sw, bh};
    /* an open profile's «Lås» is always in reach, left of the settings */
    const char *lock = tu_tr(&app->lang, "chrome.lock");
    if (app->kiosk) /* no settings (nothing is kept), no profile */
        sw = 0;
    sr.x = hr.x - (sw ? st->gap + sw : 0);
    sr.w = sw;
    int lw =
        app->prof.open.j
            ? tu_text_width(ui, TU_FONT_STRONG, st->font_size[TU_FONT_STRONG], lock) + 2 * st->pad
            : 0;
    tu_rect lr = {sr.x - st->gap - lw, y, lw, bh};
    int left = lw ? lr.x : sw ? sr.x : hr.x;
    /* with large text on a small screen the name gets smaller, and goes when even the body
     * size does not fit beside the buttons (the window's title still says it) */
    int room = left - m - st->gap, ns = st->title_size * 4 / 5;
    while (ns > st->font_size[TU_FONT_BODY] &&
           tu_text_width(ui, TU_FONT_STRONG, ns, "Trinn") > room)
        ns -= 2;
    /* the logo goes home (tu_app_home); where it would go nowhere it is only the name */
    int nw = tu_text_width(ui, TU_FONT_STRONG, ns, "Trinn");
    tu_rect nr = {m, y, nw, bh};
    if (app->kiosk) {
        /* the name is the staff corner (a long press), and goes nowhere on a tap */
        tu_label_at(ui, "chrome.name", nr, TU_FONT_STRONG, ns, st->primary, 0, "Trinn");
        tu_kiosk_corner(app, (tu_rect){0, 0, m + nw + st->gap, h});
    } else if (nw > room) {
        /* no room: the buttons matter more */
    } else if (app->screen == TU_SCR_LANGUAGE || app->screen == TU_SCR_WELCOME ||
               app->screen == TU_SCR_HOME) {
        tu_column(ui, m, (h - tu_text_height(ui, TU_FONT_STRONG, ns, 0, "Trinn")) / 2, room);
        tu_label(ui, "chrome.name", TU_FONT_STRONG, ns, st->primary, "Trinn");
    } else if (tu_link_at(ui, "chrome.name", nr, TU_FONT_STRONG, ns, st->primary, "Trinn"))
        tu_app_home(app);
    if (lw && tu_button_at(ui, "chrome.lock", lr, TU_LOOK_SECONDARY, lock))
        tu_app_lock(app);
    if (sw && tu_button_at(ui, "chrome.settings", sr, TU_LOOK_SECONDARY, settings))
        app->settings_open = 1;
    if (tu_button_at(ui, "chrome.help", hr, TU_LOOK_DANGER, help)) {
        app->crisis_open = 1;
        ui->focus = 0;
        ui->need_redraw = 1;
    }
}

static void settings_dialog(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    const tu_style *st = &ui->style;
    tu_dialog_begin(ui, "settings", (int)(560 * st->scale));
    tu_title(ui, "settings.title", tu_tr(&app->lang, "settings.title"));
    tu_label(ui, "settings.language", TU_FONT_STRONG, st->font_size[TU_FONT_STRONG], st->text,
             tu_tr(&app->lang, "settings.language"));
    for (int i = 0; i < app->lang.n; i++) {
        char id[32];
        snprintf(id, sizeof id, "settings.lang.%s", app->lang.codes[i]);
        if (tu_radio(ui, id, tu_tr_in(&app->lang, i, "language.self"), app->lang.cur == i)) {
            app->lang.cur = i;
            tu_app_save_settings(app);
            ui->need_redraw = 1;
        }
    }
    tu_label(ui, "settings.theme", TU_FONT_STRONG, st->font_size[TU_FONT_STRONG], st->text,
             tu_tr(&app->lang, "settings.theme"));
    static const char *const theme_ids[] = {"settings.theme.standard", "settings.theme.contrast"};
    for (int i = 0; i < 2; i++)
        if (tu_radio(ui, theme_ids[i], tu_tr(&app->lang, theme_ids[i]),
                     (int)app->theme == i || (i == 0 && app->theme == TU_THEME_LARGE))) {
            if (app->theme == TU_THEME_LARGE && app->text_size == 0)
                app->text_size = 1; /* "large" was 1.5x: keep the text as it was */
            app->theme = (tu_theme_id)i;
            tu_app_save_settings(app);
            ui->need_redraw = 1;
        }
    tu_label(ui, "settings.text_size", TU_FONT_STRONG, st->font_size[TU_FONT_STRONG], st->text,
             tu_tr(&app->lang, "settings.text_size"));
    static const char *const size_ids[] = {"settings.text_size.1", "settings.text_size.1_5",
                                           "settings.text_size.2"};
    int cur = app->text_size;
    if (app->theme == TU_THEME_LARGE && cur == 0)
        cur = 1;
    for (int i = 0; i < TU_TEXT_SIZES; i++)
        if (tu_radio(ui, size_ids[i], tu_tr(&app->lang, size_ids[i]), cur == i)) {
            if (app->theme == TU_THEME_LARGE)
                app->theme = TU_THEME_STANDARD;
            app->text_size = i;
            tu_app_save_settings(app);
            ui->need_redraw = 1;
        }
    tu_speech_settings(app);
    if (tu_button(ui, "settings.close", TU_LOOK_PRIMARY, tu_tr(&app->lang, "common.close")))
        app->settings_open = 0, ui->focus = 0, ui->need_redraw = 1;
    tu_dialog_end(ui);
}

void tu_focus_first(tu_app *app, const char *id)
{
    app->ui.focus = app->ui.kbd ? tu_id(id) : 0;
    app->ui.need_redraw = 1;
}

const char *tu_tr_saving(const tu_app *app, const char *key)
{
    return app->prof.guest ? tu_tr_variant(&app->lang, key, ".guest") : tu_tr(&app->lang, key);
}

void tu_confirm(tu_app *app, const char *key, tu_confirm_fn fn)
{
    app->confirm_fn = fn;
    app->confirm_key = key;
    app->ui.focus = 0;
    app->ui.need_redraw = 1;
}

/* The question tu_confirm asked; the safe answer comes first and has the focus. */
static void confirm_dialog(tu_app *app, int escape)
{
    tu_ctx *ui = &app->ui;
    const tu_style *st = &ui->style;
    char key[96];
    tu_dialog_begin(ui, "confirm", (int)(560 * st->scale));
    snprintf(key, sizeof key, "%s.title", app->confirm_key);
    tu_title(ui, "confirm.title", tu_tr(&app->lang, key));
    snprintf(key, sizeof key, "%s.text", app->confirm_key);
    tu_paragraph(ui, "confirm.text", tu_tr(&app->lang, key));
    if (!ui->focus)
        ui->focus = tu_id("confirm.keep");
    int keep = tu_button(ui, "confirm.keep", TU_LOOK_PRIMARY, tu_tr(&app->lang, "confirm.keep"));
    snprintf(key, sizeof key, "%s.yes", app->confirm_key);
    int yes = !keep && tu_button(ui, "confirm.yes", TU_LOOK_DANGER, tu_tr(&app->lang, key));
    tu_dialog_end(ui);
    if (!keep && !yes && !escape)
        return;
    tu_confirm_fn fn = app->confirm_fn;
    app->confirm_fn = NULL;
    app->confirm_key = NULL;
    ui->focus = 0;
    ui->need_redraw = 1;
    if (yes)
        fn(app);
}

static uint32_t frame_hash(const tu_ctx *ui)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < ui->n_cmds; i++) {
        const tu_cmd *c = &ui->cmds[i];
        uint32_t rgba = (uint32_t)c->color.r << 24 | (uint32_t)c->color.g << 16 |
                        (uint32_t)c->color.b << 8 | c->color.a;
        uint32_t v[] = {(uint32_t)c->kind,   (uint32_t)c->rect.x, (uint32_t)c->rect.y,
                        (uint32_t)c->rect.w, (uint32_t)c->rect.h, rgba,
                        (uint32_t)c->radius, (uint32_t)c->size,   (uint32_t)c->wrap,
                        (uint32_t)c->font,   (uint32_t)c->clip.x, (uint32_t)c->clip.y,
                        (uint32_t)c->clip.w, (uint32_t)c->clip.h};
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
            h = (h ^ v[k]) * 16777619u;
        if (c->text)
            for (const char *p = c->text; *p; p++)
                h = (h ^ (uint8_t)*p) * 16777619u;
    }
    return h ^ (uint32_t)ui->n_cmds;
}

/* What the frame shows, as far as input meant for it goes: the screen, the layer over it,
 * the question of a walk, the profile view and the module step. */
static uint64_t view_key(const tu_app *app)
{
    const int64_t parts[] = {
        app->screen,
        app->crisis_open,
        app->settings_open,
        app->error_open,
        app->confirm_fn != NULL,
        app->prof.view,
        app->mods.cur,
        app->mods.step,
        app->screen == TU_SCR_QUESTION && app->assess_on ? app->assess.pos : -1,
        app->screen == TU_SCR_MEASURE && app->trk.meas.on ? app->trk.meas.walk.pos : -1,
    };
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        h = (h ^ (uint64_t)parts[i]) * 1099511628211u;
    return h;
}

/* Screen readers: the bus is joined once the first frame is on screen (so start-up does not
 * wait for it), then every frame hands over its widgets. No bus: the app runs as before. */
static void a11y_frame(tu_app *app)
{
    if (!app->a11y_tried && app->frames > 0) {
        app->a11y_tried = 1;
        char msg[256];
        app->a11y_wake = SDL_RegisterEvents(1);
        if (app->a11y_wake == (uint32_t)-1 ||
            tu_a11y_start(&app->a11y, "Trinn", app->a11y_wake, msg, sizeof msg) != 0) {
            if (getenv("TRINN_A11Y_DEBUG"))
                fprintf(stderr, "trinn: screen readers: %s\n", msg);
            app->a11y = NULL;
        }
    }
    if (!app->a11y)
        return;
    int x = 0, y = 0;
    SDL_GetWindowPosition(app->window, &x, &y);
    tu_a11y_update(app->a11y, &(tu_a11y_frame){.ui = &app->ui,
                                               .view = app->view_key,
                                               .win_x = x,
                                               .win_y = y,
                                               .px_scale = app->px_scale,
                                               .title = "Trinn"});
    tu_a11y_iterate(app->a11y);
}

void tu_app_frame(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    if (app->kiosk)
        tu_kiosk_before(app);
    update_style(app);
    tu_begin(ui, app->out_w, app->out_h, tp_clock_mono_ms() - app->start_ms);
    const tu_style *st = &ui->style;
    int escape = (ui->keys & TU_KEY_ESCAPE) != 0;
    if (escape)
        ui->keys &= ~(unsigned)TU_KEY_ESCAPE;
    ui->blocked = app->settings_open || app->error_open || app->confirm_fn;
    /* Escape closes the topmost layer only: a dialog, else the crisis page, else the screen's
     * own (e.g. a modal step back). */
    int dialog_esc = escape && ui->blocked;
    int page_esc = escape && !ui->blocked;

    int top = st->target + 2 * st->pad / 2 + st->pad / 2;
    top_bar(app, top);
    int bar = st->target + 2 * st->pad;
    tu_rect body = {0, top, ui->width, ui->height - top - bar};
    int margin = st->pad * 2;
    int cw = ui->width - 2 * margin;
    if (cw > (int)(720 * st->scale))
        cw = (int)(720 * st->scale);
    tu_rect navr = {(ui->width - cw) / 2, ui->height - bar + st->pad, cw, st->target};

    if (app->crisis_open) {
        tu_scroll_begin(ui, "crisis", body);
        tu_column(ui, (ui->width - cw) / 2, ui->ly + 2 * st->gap, cw);
        tu_crisis_body(app);
        tu_space(ui, st->gap);
        tu_scroll_end(ui);
        if (tu_button_at(ui, "crisis.back", navr, TU_LOOK_PRIMARY,
                         tu_tr(&app->lang, "crisis.back")) ||
            page_esc) {
            app->crisis_open = 0;
            ui->focus = 0;
            ui->need_redraw = 1;
        }
    } else {
        char sid[32];
        snprintf(sid, sizeof sid, "screen.%s", tu_screen_name(app->screen));
        tu_scroll_begin(ui, sid, body);
        tu_column(ui, (ui->width - cw) / 2, ui->ly + 2 * st->gap, cw);
        tu_screen_body(app);
        tu_space(ui, st->gap);
        tu_scroll_end(ui);
        app->ui.keys |= page_esc ? TU_KEY_ESCAPE : 0;
        tu_screen_nav(app, navr);
        app->ui.keys &= ~(unsigned)TU_KEY_ESCAPE;
    }
    if (app->confirm_fn && !app->error_open)
        confirm_dialog(app, dialog_esc);
    else if (app->error_open) {
        tu_dialog_begin(ui, "error", (int)(560 * st->scale));
        tu_title(ui, "error.title", tu_tr(&app->lang, "error.title"));
        tu_alert(ui, "error.message", app->error_msg);
        tu_note(ui, "error.hint", tu_tr(&app->lang, "error.hint"));
        if (tu_button(ui, "error.close", TU_LOOK_PRIMARY, tu_tr(&app->lang, "common.close")) ||
            dialog_esc) {
            app->error_open = 0;
            ui->focus = 0;
            ui->need_redraw = 1;
        }
        tu_dialog_end(ui);
    } else if (app->settings_open) {
        settings_dialog(app);
        if (dialog_esc) {
            app->settings_open = 0;
            ui->need_redraw = 1;
        }
    }
    if (app->kiosk)
        tu_kiosk_frame(app);
    tu_end(ui);
    if (ui->fault && !app->fault) {
        /* a screen's programming error: said once, and a script stops on it */
        app->fault = ui->fault;
        fprintf(stderr, "trinn: screen %s: %s at the end of a frame\n", tu_screen_name(app->screen),
                ui->fault);
    }
    uint64_t key = view_key(app);
    if (key != app->view_key && app->frames > 0)
        tu_guard(ui, TU_GUARD_MS);
    app->view_key = key;
    if (ui->want_text && !SDL_IsTextInputActive()) {
        SDL_Rect r = {ui->text_rect.x, ui->text_rect.y, ui->text_rect.w, ui->text_rect.h};
        SDL_SetTextInputRect(&r);
        SDL_StartTextInput();
    } else if (!ui->want_text && SDL_IsTextInputActive()) {
        SDL_StopTextInput();
    }
    /* Like lite's render cache at the scale of a frame: a frame whose commands equal the
     * last one's (a pointer moving over nothing) is not drawn or presented again. */
    uint32_t hash = frame_hash(ui);
    if (hash == app->last_hash && !app->force_redraw && app->frames > 0) {
        app->skipped++;
        a11y_frame(app);
        tu_speech_frame(app);
        return;
    }
    app->last_hash = hash;
    if (app->partial)
        tu_sdl_render_damage(ui, app->renderer, tu_app_target(app), app->text, &app->damage,
                             app->force_redraw);
    else
        tu_sdl_render(ui, app->renderer, NULL, app->text);
    app->force_redraw = 0;
    SDL_RenderPresent(app->renderer);
    if (app->frames++ == 0)
        app->first_frame_ms = tp_clock_mono_ms() - app->start_ms;
    a11y_frame(app);
    tu_speech_frame(app);
}

int tu_app_pump(tu_app *app)
{
    SDL_Event e;
    int any = 0;
    while (SDL_PollEvent(&e)) {
        any = 1;
        if (e.type == SDL_QUIT) {
            if (app->kiosk) /* a signal or the display gone (close requests send none) */
                tu_kiosk_stop(app);
            app->quit = 1;
            return 1;
        }
        if (e.type == SDL_WINDOWEVENT) {
            app->force_redraw = 1; /* size and exposure: the frame that follows redraws */
            continue;
        }
        if (e.type == SDL_DROPFILE) {
            if (e.drop.file)
                tu_app_drop(app, e.drop.file);
            SDL_free(e.drop.file);
            break;
        }
        if (tu_sdl_event(&app->ui, &e, app->px_scale, app->out_w, app->out_h))
            break; /* a press, release or key gets a frame of its own */
    }
    return any;
}

int tu_app_run(tu_app *app)
{
    tu_app_frame(app);
    while (!app->quit) {
        int timeout = -1;
        if (app->ui.need_redraw)
            timeout = 0;
        else if (app->ui.wake_ms > 0) {
            int64_t now = tp_clock_mono_ms() - app->start_ms;
            timeout = app->ui.wake_ms > now ? (int)(app->ui.wake_ms - now) : 0;
        }
        /* SDL queues a signal's SDL_QUIT only when it next pumps: a kiosk looks at least once
         * a second, so a stop is never left waiting for a touch */
        if (app->kiosk && (timeout < 0 || timeout > TU_KIOSK_SIGNAL_MS))
            timeout = TU_KIOSK_SIGNAL_MS;
        SDL_Event e;
        int got = timeout < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout);
        if (got) {
            if (e.type == SDL_QUIT) {
                if (app->kiosk)
                    tu_kiosk_stop(app);
                break;
            }
            if (e.type == SDL_WINDOWEVENT)
                app->force_redraw = 1;
            else if (e.type == SDL_DROPFILE) {
                if (e.drop.file)
                    tu_app_drop(app, e.drop.file);
                SDL_free(e.drop.file);
            } else if (tu_sdl_event(&app->ui, &e, app->px_scale, app->out_w, app->out_h) == 0)
                tu_app_pump(app);
        }
        if (!app->quit)
            tu_app_frame(app);
    }
    return 0;
}

void tu_app_forget_text(tu_app *app)
{
    if (app->text)
        tu_text_forget(app->text);
    SDL_FlushEvents(SDL_TEXTEDITING, SDL_TEXTINPUT);
}

/* 1 when path ends in end (ASCII case ignored: a file system may have changed it). */
static int ends_with(const char *path, const char *end)
{
    size_t n = strlen(path), m = strlen(end);
    return n >= m && SDL_strcasecmp(path + n - m, end) == 0;
}

void tu_app_drop(tu_app *app, const char *path)
{
    if (app->kiosk)
        return; /* a kiosk opens no files: a dropped one is ignored */
    /* one branch per kind of profile; each screen family says what it does with the ending */
    int therapist = app->prof.open.j && app->prof.open.info.kind == TR_PROFILE_THERAPIST;
    if (therapist) {
        tu_team_drop(app, path); /* *.trinn-rapport, and a word for anything else */
        return;
    }
    if (!app->prof.open.j && !app->prof.guest && ends_with(path, ".trinn-rapport") &&
        tu_team_on_this_pc(app)) {
        tu_team_pending(app, path); /* opened once a therapist's profile is unlocked */
        return;
    }
    if (ends_with(path, ".trinn-oppdrag")) {
        tu_exch_open(app, path);
        return;
    }
    snprintf(app->error_msg, sizeof app->error_msg, "%s",
             tu_tr(&app->lang,
                   ends_with(path, ".trinn-rapport") ? "exch.drop_report" : "exch.drop_other"));
    app->error_open = 1;
    app->ui.focus = 0;
    app->ui.need_redraw = 1;
}
