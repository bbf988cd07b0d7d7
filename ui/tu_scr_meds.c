/* tu_scr_meds: the medication log (tu_meds.h): the medicines and their changes, the newest
 * side-effect check, the wish for help without medication and that stopping is planned with
 * the doctor. Every clinical text is content/medication.json's; the records are core's
 * (tr_med.h). */
#include <stdio.h>
#include <string.h>

#include "tr_secret.h"
#include "tu_app.h"
#include "tu_date.h"

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_code(&app->lang));
}

int tu_meds_loaded(tu_app *app)
{
    tu_meds *m = &app->meds;
    if (!m->tried && app->pack) {
        m->tried = 1;
        m->content = app->bundle->med; /* the bundle's; NULL when the pack has none */
    }
    return m->content != NULL;
}

void tu_meds_free(tu_meds *m)
{
    tr_med_log_free(&m->log);
    tr_secret_wipe(m, sizeof *m); /* the open form's typed text with it */
}

const tr_med_log *tu_meds_log(tu_app *app)
{
    tu_meds *m = &app->meds;
    const cJSON *list = tu_records_list(&app->records);
    if (m->log_gen == app->records.gen + 1)
        return &m->log;
    tr_med_log_free(&m->log);
    m->log_gen = 0;
    tr_error err = {0};
    if (!list || tr_med_read(list, &m->log, &err) != TR_OK)
        return NULL;
    m->log_gen = app->records.gen + 1;
    return &m->log;
}

/* 1 when an open profile keeps what is written here. */
static int keeps(tu_app *app)
{
    return app->prof.open.j != NULL && !app->prof.guest;
}

void tu_meds_home(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    if (!tu_meds_loaded(app))
        return;
    tu_card_begin(ui, "meds.card");
    tu_label(ui, "meds.card.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "meds.card_title"));
    if (!keeps(app)) { /* a guest is told why there is no list, and offered none */
        tu_paragraph(ui, "meds.card.text", T(app, "meds.card_guest"));
        tu_card_end(ui);
        return;
    }
    tu_paragraph(ui, "meds.card.text", T(app, "meds.card_text"));
    if (tu_button(ui, "meds.open", TU_LOOK_SECONDARY, T(app, "meds.open"))) {
        app->meds.saved = NULL;
        app->meds.back_to_step = 0;
        tu_app_go(app, TU_SCR_MEDS);
    }
    tu_card_end(ui);
}

/* "label: value" as a paragraph, when value is not empty. */
static void line(tu_app *app, const char *id, const char *key, const char *value)
{
    char buf[400];
    if (!value || !value[0])
        return;
    tr_i18n_arg args[] = {{"value", value}, {NULL, NULL}};
    tr_i18n_fill(T(app, key), args, buf, sizeof buf);
    tu_paragraph(&app->ui, id, buf);
}

static void item_card(tu_app *app, const tr_med_item *it, int i)
{
    tu_ctx *ui = &app->ui;
    char id[64], date[128], buf[600];
    snprintf(id, sizeof id, "meds.item.%d", i);
    tu_card_begin(ui, id);
    snprintf(id, sizeof id, "meds.item.%d.name", i);
    tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG], ui->style.text, it->name);
    snprintf(id, sizeof id, "meds.item.%d.dose", i);
    line(app, id, "meds.line_dose", it->dose);
    snprintf(id, sizeof id, "meds.item.%d.since", i);
    line(app, id, "meds.line_since", it->since);
    snprintf(id, sizeof id, "meds.item.%d.prescriber", i);
    line(app, id, "meds.line_prescriber", it->prescriber);
    if (it->stopped) {
        snprintf(id, sizeof id, "meds.item.%d.stopped", i);
        tu_note(ui, id, T(app, "meds.stopped"));
    }
    for (size_t c = 0; c < it->n_changes; c++) {
        const tr_med_change_view *ch = &it->changes[c];
        char what[400] = "";
        if (ch->dose[0]) {
            tr_i18n_arg a[] = {{"value", ch->dose}, {NULL, NULL}};
            tr_i18n_fill(T(app, "meds.line_dose"), a, what, sizeof what);
        }
        if (ch->note[0])
            snprintf(what + strlen(what), sizeof what - strlen(what), "%s%s", what[0] ? ". " : "",
                     ch->note);
        if (ch->stopped)
            snprintf(what + strlen(what), sizeof what - strlen(what), "%s%s", what[0] ? ". " : "",
                     T(app, "meds.stopped"));
        if (ch->date[0])
            snprintf(date, sizeof date, "%s", ch->date);
        else
            tu_date_format_ts(&app->lang, ch->ts, 0, date, sizeof date);
        tr_i18n_arg args[] = {{"date", date}, {"what", what}, {NULL, NULL}};
        tr_i18n_fill(T(app, "meds.change_line"), args, buf, sizeof buf);
        snprintf(id, sizeof id, "meds.item.%d.change.%zu", i, c);
        tu_paragraph(ui, id, buf);
    }
    snprintf(id, sizeof id, "meds.change.%d", i);
    if (tu_button(ui, id, TU_LOOK_SECONDARY, T(app, "meds.change")))
        tu_meds_edit(app, TU_MEDS_CHANGE, i);
    tu_card_end(ui);
}

static void check_card(tu_app *app, const tr_med_log *log)
{
    tu_ctx *ui = &app->ui;
    const tr_med_content *mc = app->meds.content;
    char buf[1200], date[128];
    tu_card_begin(ui, "meds.fx");
    tu_label(ui, "meds.fx.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "meds.fx_title"));
    if (!log->check) {
        tu_paragraph(ui, "meds.fx.none", T(app, "meds.fx_none"));
    } else {
        tu_date_format_ts(&app->lang, tr_med_check_ts(log->check), 0, date, sizeof date);
        tr_i18n_arg args[] = {{"date", date}, {NULL, NULL}};
        tr_i18n_fill(T(app, "meds.fx_last"), args, buf, sizeof buf);
        tu_paragraph(ui, "meds.fx.last", buf);
        int any = 0, advise = 0;
        for (size_t e = 0; e < mc->n_effects; e++) {
            const tr_med_choice *r = tr_med_choice_find(
                mc->ratings, mc->n_ratings, tr_med_check_rating(log->check, mc->effects[e].id));
            if (!r || r == &mc->ratings[0])
                continue; /* not rated, or the first rating ("none") */
            char id[80];
            snprintf(id, sizeof id, "meds.fx.rated.%s", mc->effects[e].id);
            snprintf(buf, sizeof buf, "%s: %s", L(app, &mc->effects[e].text), L(app, &r->label));
            tu_paragraph(ui, id, buf);
            any = 1;
            advise |= r->advise;
        }
        if (!any)
            tu_paragraph(ui, "meds.fx.all_none", T(app, "meds.fx_all_none"));
        /* the newest check said severe: the advice stays with it until a new check */
        if (advise)
            tu_alert(ui, "meds.fx.severe_last", L(app, &mc->severe));
        const char *note = tr_med_check_note(log->check);
        if (note[0])
            line(app, "meds.fx.note", "meds.line_note", note);
    }
    if (tu_button(ui, "meds.check", TU_LOOK_SECONDARY, T(app, "meds.check")))
        tu_meds_edit(app, TU_MEDS_CHECK, -1);
    tu_card_end(ui);
}

static void wish_card(tu_app *app, const tr_med_log *log)
{
    tu_ctx *ui = &app->ui;
    tu_meds *m = &app->meds;
    char id[80], buf[1200], date[128];
    tu_card_begin(ui, "meds.wish");
    tu_label(ui, "meds.wish.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "meds.wish_title"));
    tu_paragraph(ui, "meds.wish.text", L(app, &m->content->wish));
    for (size_t w = 0; w < m->content->n_wishes; w++) {
        const tr_med_choice *c = &m->content->wishes[w];
        int sel = log->wish && strcmp(log->wish, c->id) == 0;
        snprintf(id, sizeof id, "meds.wish.%s", c->id);
        if (tu_radio(ui, id, L(app, &c->label), sel) && !sel) {
            tr_error err = {0};
            char ts[32];
            tu_records_now(ts, sizeof ts);
            cJSON *rec = tr_med_wish_record(m->content, ts, c->id, &err);
            if (!rec || tu_records_append(&app->records, rec, &err) != 0) {
                tu_errors_clear(&m->errs);
                snprintf(buf, sizeof buf, "%s %s", T(app, "modules.save_failed"), err.msg);
                tu_errors_add(&m->errs, "", buf);
            } else {
                m->saved = "meds.saved_wish";
            }
            ui->need_redraw = 1;
        }
    }
    if (log->wish_ts && log->wish_ts[0]) {
        tu_date_format_ts(&app->lang, log->wish_ts, 0, date, sizeof date);
        tr_i18n_arg args[] = {{"date", date}, {NULL, NULL}};
        tr_i18n_fill(T(app, "meds.wish_when"), args, buf, sizeof buf);
        tu_paragraph(ui, "meds.wish.when", buf);
    }
    tu_card_end(ui);
}

void tu_meds_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_meds *m = &app->meds;
    tu_title(ui, "meds.title", T(app, "meds.title"));
    if (!tu_meds_loaded(app))
        return;
    if (!keeps(app)) { /* a guest: nothing here would be kept, so nothing is offered */
        tu_paragraph(ui, "meds.need_profile", T(app, "meds.need_profile"));
        tu_paragraph(ui, "meds.stopping.text", L(app, &m->content->stopping));
        return;
    }
    if (m->content->draft)
        tu_note(ui, "meds.draft", T(app, "meds.draft"));
    tu_errors_summary(ui, &m->errs, "meds.problem", T(app, "errors.title"));
    if (m->saved)
        tu_note(ui, "meds.saved", T(app, m->saved));
    tu_paragraph(ui, "meds.intro", L(app, &m->content->intro));
    const tr_med_log *log = tu_meds_log(app);
    if (!log) {
        tu_paragraph(ui, "meds.read_failed", T(app, "meds.read_failed"));
        return;
    }
    tu_label(ui, "meds.list.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "meds.list_title"));
    if (log->n == 0)
        tu_paragraph(ui, "meds.list.none", T(app, "meds.list_none"));
    for (size_t i = 0; i < log->n; i++)
        item_card(app, &log->items[i], (int)i);
    if (tu_button(ui, "meds.add", TU_LOOK_SECONDARY, T(app, "meds.add")))
        tu_meds_edit(app, TU_MEDS_ADD, -1);
    tu_card_begin(ui, "meds.stopping");
    tu_label(ui, "meds.stopping.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "meds.stopping_title"));
    tu_paragraph(ui, "meds.stopping.text", L(app, &m->content->stopping));
    tu_card_end(ui);
    check_card(app, log);
    wish_card(app, log);
}

void tu_meds_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "meds.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        app->meds.saved = NULL;
        tu_errors_clear(&app->meds.errs);
        if (app->meds.back_to_step && app->mods.step >= 0) { /* to the module step it came from */
            app->meds.back_to_step = 0;
            tu_app_go(app, TU_SCR_STEP);
            return;
        }
        tu_app_go(app, TU_SCR_WELCOME); /* the home, for a client with a profile */
    }
}
