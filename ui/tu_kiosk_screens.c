/* tu_kiosk_screens: the kiosk's own screens (tu_kiosk.h): attract, home, hand-in, staff and
 * the broken-configuration notice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_fpr.h"
#include "tr_secret.h"
#include "tu_app.h"
#include "tu_kiosk.h"

/* ---- attract and home: what a portrait screen in a waiting room says ---------------------- */

/* The text of key in language l (the attract screen speaks the language it shows). */
static const char *TL(tu_app *app, int l, const char *key)
{
    return tu_tr_in(&app->lang, l, key);
}

/* What RPH offers, in short lines: free, no referral, talks, courses, guided self-help. */
static void offer_card(tu_app *app, int l)
{
    tu_ctx *ui = &app->ui;
    static const char *const lines[] = {"kiosk.offer.talks", "kiosk.offer.courses",
                                        "kiosk.offer.free"};
    tu_card_begin(ui, "kiosk.offer");
    tu_label(ui, "kiosk.offer.title", TU_FONT_STRONG, ui->style.title_size, ui->style.text,
             TL(app, l, "kiosk.offer.title"));
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        tu_paragraph(ui, lines[i], TL(app, l, lines[i]));
    tu_label(ui, "kiosk.home.no_referral", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.primary, TL(app, l, "kiosk.home.no_referral"));
    tu_card_end(ui);
}

/* The team: its name, phone (large: it is read off the screen), hours, and the desk. */
static void contact_card(tu_app *app, int l)
{
    tu_ctx *ui = &app->ui;
    const tu_style *st = &ui->style;
    tr_kiosk_config *c = &app->kiosk->cfg;
    tu_card_begin(ui, "kiosk.home.contact");
    tu_label(ui, "kiosk.home.service", TU_FONT_STRONG, st->font_size[TU_FONT_STRONG], st->text,
             c->service);
    tu_label(ui, "kiosk.home.phone_label", TU_FONT_BODY, st->font_size[TU_FONT_BODY],
             st->text_muted, TL(app, l, "kiosk.home.phone"));
    tu_label(ui, "kiosk.home.phone", TU_FONT_STRONG, st->title_size * 3 / 2, st->primary, c->phone);
    tu_pair_row(ui, "kiosk.home.hours", TL(app, l, "kiosk.home.hours"), c->hours.v[l], st->text);
    tu_label(ui, "kiosk.home.desk_label", TU_FONT_STRONG, st->font_size[TU_FONT_STRONG], st->text,
             TL(app, l, "kiosk.home.desk"));
    tu_paragraph(ui, "kiosk.home.desk", c->desk.v[l]);
    tu_card_end(ui);
}

/* The crisis numbers in short, one line each (the top bar's button opens the whole page). */
static void crisis_short(tu_app *app, int l)
{
    tu_ctx *ui = &app->ui;
    const tr_content *pack = app->pack;
    tu_card_begin(ui, "kiosk.crisis_short");
    tu_label(ui, "kiosk.crisis_short.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.danger, TL(app, l, "kiosk.crisis_short.title"));
    for (size_t i = 0; pack && i < pack->n_crisis; i++) {
        const tr_crisis_contact *c = &pack->crisis[i];
        char id[48];
        snprintf(id, sizeof id, "kiosk.crisis_short.%s", c->id);
        tu_pair_row(ui, id, tr_content_text(pack, &c->name, tu_lang_codes[l]), c->number,
                    ui->style.danger);
    }
    if (!pack || pack->n_crisis == 0)
        tu_paragraph(ui, "kiosk.crisis_short.none", TL(app, l, "crisis.emergency_text"));
    tu_card_end(ui);
}

void tu_kiosk_attract_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_kiosk *k = app->kiosk;
    int shown = k->cfg.langs[k->cycle % k->cfg.n_langs];
    tu_label(ui, "kiosk.attract.title", TU_FONT_STRONG, ui->style.title_size * 3 / 2,
             ui->style.text, TL(app, shown, "kiosk.attract.title"));
    tu_paragraph(ui, "kiosk.attract.text", TL(app, shown, "kiosk.attract.text"));
    offer_card(app, shown);
    contact_card(app, shown);
    crisis_short(app, shown);
    tu_note(ui, "kiosk.attract.anonymous", TL(app, shown, "kiosk.attract.anonymous"));
}

void tu_kiosk_attract_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_kiosk *k = app->kiosk;
    static const char *const ids[] = {"kiosk.lang.nb", "kiosk.lang.nn", "kiosk.lang.en"};
    /* the languages are the way in: at the bottom, within a thumb's reach */
    for (int i = 0; i < k->cfg.n_langs; i++) {
        int l = k->cfg.langs[i];
        if (tu_button_at(ui, ids[l], tu_split(ui, bar, k->cfg.n_langs, i), TU_LOOK_PRIMARY,
                         TL(app, l, "language.self"))) {
            app->lang.cur = l;
            app->lang_choice = l;
            tu_app_go(app, TU_SCR_KIOSK_HOME);
            return;
        }
    }
}

void tu_kiosk_home_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    int l = app->lang.cur;
    tu_label(ui, "kiosk.home.title", TU_FONT_STRONG, ui->style.title_size * 3 / 2, ui->style.text,
             T(app, "kiosk.home.title"));
    tu_paragraph(ui, "kiosk.home.what", T(app, "kiosk.home.what"));
    offer_card(app, l);
    contact_card(app, l);
    crisis_short(app, l);
    tu_note(ui, "kiosk.home.kept", T(app, "kiosk.home.kept"));
}

void tu_kiosk_home_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "kiosk.home.language", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "kiosk.home.language")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_kiosk_wipe(app);
        return;
    }
    if (tu_button_at(ui, "kiosk.home.start", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, "kiosk.home.start")))
        tu_assess_start(app);
}

/* ---- hand-in ---------------------------------------------------------------------------- */

/* The hand-in job for now: the kiosk's key, card and spool folder; the code lands in k->ref. */
static tr_kiosk_spool_job spool_job(tu_kiosk *k, char *now, size_t size, tr_kiosk_sealed *out)
{
    tu_records_now(now, size);
    return (tr_kiosk_spool_job){.cfg = &k->cfg, .now = now, .now_s = tp_clock_now(), .out = out};
}

/* Notes the outcome of a hand-in: the code to show, or why it failed (for staff; stderr). */
static int spooled(tu_kiosk *k, tr_status st, tr_kiosk_sealed *out, const tr_error *err)
{
    if (st == TR_OK)
        memcpy(k->ref, out->ref, sizeof k->ref);
    else {
        snprintf(k->fail, sizeof k->fail, "%s", err->msg);
        fprintf(stderr, "trinn: kiosk: the hand-in could not be written: %s\n", k->fail);
    }
    tr_secret_wipe(out, sizeof *out);
    return st == TR_OK ? 1 : -1;
}

static void visitor_hand_in(tu_app *app)
{
    tu_kiosk *k = app->kiosk;
    tu_res *r = &app->res;
    tr_error err = {0};
    tr_kiosk_sealed out;
    char now[40];
    tr_kiosk_spool_job job = spool_job(k, now, sizeof now, &out);
    /* the record exists only while it is sealed (tu_res_record_use wipes it) */
    tr_status st = tu_res_record_use(app->pack, &app->assess, &r->tri, app->score_inst, app->scores,
                                     app->n_scores, tu_res_chosen(r)->id, r->pref,
                                     tr_kiosk_spool_use, &job, &err);
    k->consent = spooled(k, st, &out, &err);
    tu_app_go(app, TU_SCR_KIOSK_HANDIN);
}

void tu_kiosk_handin_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_kiosk *k = app->kiosk;
    if (k->consent == 0) {
        tu_title(ui, "kiosk.handin.title", T(app, "kiosk.handin.title"));
        tu_paragraph(ui, "kiosk.handin.text", T(app, "kiosk.handin.text"));
        if (app->res.have && app->res.tri.risk == TR_RISK_ACUTE)
            tu_kiosk_result_top(app);
        tu_note(ui, "kiosk.handin.kept", T(app, "kiosk.handin.kept"));
        return;
    }
    if (k->consent < 0) {
        tu_title(ui, "kiosk.handin.failed_title", T(app, "kiosk.handin.failed_title"));
        tu_alert(ui, "kiosk.handin.failed_text", T(app, "kiosk.handin.failed_text"));
        return;
    }
    char shown[TR_KIOSK_REF_SHOWN];
    tr_kiosk_ref_show(k->ref, shown);
    tu_title(ui, "kiosk.handin.done_title", T(app, "kiosk.handin.done_title"));
    tu_card_begin(ui, "kiosk.handin.code_card");
    tu_label(ui, "kiosk.handin.code_label", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "kiosk.handin.code_label"));
    tu_label(ui, "kiosk.handin.code", TU_FONT_STRONG, ui->style.title_size * 2, ui->style.primary,
             shown);
    tu_card_end(ui);
    tu_paragraph(ui, "kiosk.handin.done_text", T(app, "kiosk.handin.done_text"));
    if (app->res.have && app->res.tri.risk == TR_RISK_ACUTE)
        tu_kiosk_result_top(app);
}

void tu_kiosk_handin_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_kiosk *k = app->kiosk;
    if (k->consent != 0) {
        if (k->consent > 0 && tu_button_at(ui, "kiosk.handin.result", tu_split(ui, bar, 2, 0),
                                           TU_LOOK_SECONDARY, T(app, "kiosk.handin.result"))) {
            tu_app_go(app, TU_SCR_RESULT);
            return;
        }
        if (tu_button_at(ui, "kiosk.done", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                         T(app, "kiosk.done")))
            tu_kiosk_wipe(app);
        return;
    }
    if (tu_button_at(ui, "kiosk.handin.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "kiosk.handin.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_app_go(app, TU_SCR_RESULT);
        return;
    }
    if (app->res.have && tu_button_at(ui, "kiosk.handin.yes", tu_split(ui, bar, 2, 1),
                                      TU_LOOK_PRIMARY, T(app, "kiosk.handin.yes")))
        visitor_hand_in(app);
}

/* ---- staff ------------------------------------------------------------------------------ */

static int spool_count(const tu_kiosk *k)
{
    return tr_kiosk_spool_count(k->cfg.spool);
}

static void check_pin(tu_app *app)
{
    tu_kiosk *k = app->kiosk;
    /* the press's own time (SDL's clock, or a script's): the wait is between two presses */
    uint32_t now = app->ui.event_ms;
    k->pin_tried_at = now;
    if (k->pin_waiting && (int32_t)(k->pin_wait_until - now) > 0) {
        k->pin_state = 2;
    } else {
        int ok = tr_kiosk_pin_check(k->cfg.pin_hash, k->pin, k->pin_len);
        k->pin_waiting = 0;
        if (ok == 1) {
            k->staff_ok = 1;
            k->pin_state = 0;
            k->test_state = 0;
        } else if (ok == 0) {
            k->wrong++;
            int wait = k->wrong >= 8 ? 300 : 2 << k->wrong; /* 4, 8, 16 ... seconds */
            k->pin_waiting = 1;
            k->pin_wait_until = now + (uint32_t)(wait > 300 ? 300 : wait) * 1000u;
            k->pin_state = 1;
            fprintf(stderr, "trinn: kiosk: a wrong staff PIN (%d since the kiosk started)\n",
                    k->wrong);
        } else {
            k->pin_state = 3;
        }
    }
    tr_secret_wipe(k->pin, sizeof k->pin);
    k->pin_len = 0;
    app->ui.need_redraw = 1;
}

static void pin_pad(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_kiosk *k = app->kiosk;
    static const char *const keys[12] = {"1", "2", "3", "4",   "5", "6",
                                         "7", "8", "9", "del", "0", "ok"};
    char dots[3 * TR_KIOSK_PIN_MAX + 1] = "", line[256], n[16];
    for (size_t i = 0; i < k->pin_len; i++)
        strcat(dots, "\xe2\x80\xa2");
    tu_label(ui, "kiosk.pin.label", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "kiosk.staff.pin"));
    tu_label(ui, "kiosk.pin.dots", TU_FONT_STRONG, ui->style.title_size, ui->style.text,
             k->pin_len ? dots : " ");
    int h = ui->style.target * 3 / 2;
    for (int row = 0; row < 4; row++) {
        tu_rect r = tu_next(ui, h);
        for (int col = 0; col < 3; col++) {
            const char *key = keys[row * 3 + col];
            char id[32];
            snprintf(id, sizeof id, "kiosk.pin.%s", key);
            const char *label = strcmp(key, "del") == 0  ? T(app, "kiosk.staff.delete")
                                : strcmp(key, "ok") == 0 ? T(app, "kiosk.staff.ok")
                                                         : key;
            if (!tu_button_at(ui, id, tu_split(ui, r, 3, col),
                              strcmp(key, "ok") == 0 ? TU_LOOK_PRIMARY : TU_LOOK_SECONDARY, label))
                continue;
            if (strcmp(key, "ok") == 0)
                check_pin(app);
            else if (strcmp(key, "del") == 0 && k->pin_len > 0)
                k->pin[--k->pin_len] = '\0';
            else if (key[0] >= '0' && key[0] <= '9' && k->pin_len < TR_KIOSK_PIN_MAX)
                k->pin[k->pin_len++] = key[0];
            ui->need_redraw = 1;
        }
    }
    if (k->pin_state == 0)
        return;
    int64_t left = (int32_t)(k->pin_wait_until - k->pin_tried_at);
    snprintf(n, sizeof n, "%d", k->pin_state == 2 ? (int)((left + 999) / 1000) : k->wrong);
    tr_i18n_arg args[] = {{"count", n}, {"seconds", n}, {NULL, NULL}};
    const char *key = k->pin_state == 1   ? "kiosk.staff.wrong"
                      : k->pin_state == 2 ? "kiosk.staff.wait"
                                          : "kiosk.staff.check_failed";
    tr_i18n_fill(T(app, key), args, line, sizeof line);
    tu_alert(ui, "kiosk.staff.problem", line);
}

/* A test hand-in: a sealed file like a visitor's, marked as a test, with no answers. */
static void test_hand_in(tu_app *app)
{
    tu_kiosk *k = app->kiosk;
    tr_error err = {0};
    tr_kiosk_sealed out;
    char now[40];
    tr_kiosk_spool_job job = spool_job(k, now, sizeof now, &out);
    k->test_state = spooled(k, tr_kiosk_spool_test(&job, &err), &out, &err);
    k->spool = spool_count(k);
    app->ui.need_redraw = 1;
}

static void staff_menu(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_kiosk *k = app->kiosk;
    char n[32], line[512], fpr[TR_FPR_TEXT];
    tr_ms_pub pub;
    if (k->spool == -2)
        k->spool = spool_count(k);
    tu_card_begin(ui, "kiosk.staff.card");
    snprintf(n, sizeof n, "%d", k->spool);
    tr_i18n_arg a1[] = {{"count", n}, {NULL, NULL}};
    tr_i18n_fill(T(app, k->spool < 0 ? "kiosk.staff.spool_unreadable" : "kiosk.staff.spool"), a1,
                 line, sizeof line);
    tu_paragraph(ui, "kiosk.staff.spool", line);
    snprintf(n, sizeof n, "%d", k->wrong);
    tr_i18n_fill(T(app, "kiosk.staff.wrong_count"), a1, line, sizeof line);
    tu_paragraph(ui, "kiosk.staff.wrong_count", line);
    snprintf(n, sizeof n, "%d", k->wipes);
    tr_i18n_fill(T(app, "kiosk.staff.wipes"), a1, line, sizeof line);
    tu_paragraph(ui, "kiosk.staff.wipes", line);
    tr_ms_key_pub(&k->cfg.key, &pub);
    tr_fpr_keys(pub.pk, 1, fpr);
    tr_i18n_arg a2[] = {{"fingerprint", fpr}, {NULL, NULL}};
    tr_i18n_fill(T(app, "kiosk.staff.device"), a2, line, sizeof line);
    tu_paragraph(ui, "kiosk.staff.device", line);
    tu_card_end(ui);
    if (tu_button(ui, "kiosk.staff.test", TU_LOOK_SECONDARY, T(app, "kiosk.staff.test")))
        test_hand_in(app);
    if (k->test_state != 0) {
        char shown[TR_KIOSK_REF_SHOWN];
        tr_kiosk_ref_show(k->ref, shown);
        tr_i18n_arg a3[] = {{"code", shown}, {"error", k->fail}, {NULL, NULL}};
        tr_i18n_fill(
            T(app, k->test_state > 0 ? "kiosk.staff.test_done" : "kiosk.staff.test_failed"), a3,
            line, sizeof line);
        if (k->test_state > 0)
            tu_paragraph(ui, "kiosk.staff.test_result", line);
        else
            tu_alert(ui, "kiosk.staff.test_result", line);
    }
    if (tu_button(ui, "kiosk.staff.exit", TU_LOOK_DANGER, T(app, "kiosk.staff.exit"))) {
        fprintf(stderr, "trinn: kiosk: closed from the staff menu\n");
        app->quit = 1;
    }
}

void tu_kiosk_staff_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_kiosk *k = app->kiosk;
    tu_title(ui, "kiosk.staff.title", T(app, "kiosk.staff.title"));
    if (k->broken) {
        tu_alert(ui, "kiosk.staff.broken", k->msg);
        return;
    }
    if (!k->staff_ok) {
        k->spool = -2; /* counted again when the menu opens */
        pin_pad(app);
        return;
    }
    staff_menu(app);
}

void tu_kiosk_staff_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "kiosk.staff.back", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, "kiosk.staff.back")) ||
        (ui->keys & TU_KEY_ESCAPE))
        tu_kiosk_wipe(app);
}

/* ---- a configuration that could not be read ---------------------------------------------- */

void tu_kiosk_broken_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_title(ui, "kiosk.broken.title", T(app, "kiosk.broken.title"));
    tu_paragraph(ui, "kiosk.broken.text", T(app, "kiosk.broken.text"));
    tu_alert(ui, "kiosk.broken.message", app->kiosk->msg);
    tu_space(ui, ui->style.gap);
    tu_crisis_contacts(app);
}

void tu_kiosk_broken_nav(tu_app *app, tu_rect bar)
{
    (void)app;
    (void)bar; /* nothing to do here but read the message */
}
