/* tu_team_meds: the medication log a client shared, on the client's page for the therapist
 * (tu_scr_team_client.c): each medicine with its dose and changes, the newest side-effect check
 * (the effects rated above «none», in the check's own words) and the wish for help without
 * medication. Read by the core (tr_med_read over the records the reports carried); the words
 * are content/medication.json's and the team catalog's. Nothing when nothing was shared. */
#include <stdio.h>
#include <string.h>

#include "tr_med.h"
#include "tu_app.h"
#include "tu_date.h"

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_code(&app->lang));
}

static void medicine(tu_app *app, const tr_med_item *it, size_t i)
{
    tu_ctx *ui = &app->ui;
    char id[80], line[800], date[128];
    tu_date_format_ts(&app->lang, it->ts, 0, date, sizeof date);
    tr_i18n_arg a[] = {{"name", it->name}, {"dose", it->dose}, {"date", date}, {0, 0}};
    tr_i18n_fill(T(app, it->stopped   ? "team.meds.item_stopped"
                        : it->dose[0] ? "team.meds.item"
                                      : "team.meds.item_nodose"),
                 a, line, sizeof line);
    snprintf(id, sizeof id, "team.meds.%zu", i);
    tu_paragraph(ui, id, line);
    for (size_t k = 0; k < it->n_changes; k++) {
        const tr_med_change_view *c = &it->changes[k];
        char what[600];
        tu_date_format_ts(&app->lang, c->ts, 0, date, sizeof date);
        snprintf(what, sizeof what, "%s%s%s%s%s", c->dose[0] ? c->dose : "",
                 c->dose[0] && (c->stopped || c->note[0]) ? ", " : "",
                 c->stopped ? T(app, "team.meds.stopped") : "",
                 c->stopped && c->note[0] ? ", " : "", c->note);
        tr_i18n_arg b[] = {{"date", c->date[0] ? c->date : date}, {"what", what}, {0, 0}};
        tr_i18n_fill(T(app, "team.meds.change"), b, line, sizeof line);
        snprintf(id, sizeof id, "team.meds.%zu.change.%zu", i, k);
        tu_note(ui, id, line);
    }
}

/* The newest side-effect check: the effects rated above the first rating («none»). */
static void check(tu_app *app, const tr_med_log *log)
{
    tu_ctx *ui = &app->ui;
    const tr_med_content *mc = tu_meds_loaded(app) ? app->meds.content : NULL;
    char line[800];
    size_t shown = 0;
    if (!log->check || !mc)
        return;
    for (size_t e = 0; e < mc->n_effects; e++) {
        const char *r = tr_med_check_rating(log->check, mc->effects[e].id);
        const tr_med_choice *rating = r ? tr_med_choice_find(mc->ratings, mc->n_ratings, r) : NULL;
        if (!rating || rating == &mc->ratings[0])
            continue;
        char id[64];
        tr_i18n_arg a[] = {
            {"effect", L(app, &mc->effects[e].text)}, {"rating", L(app, &rating->label)}, {0, 0}};
        tr_i18n_fill(T(app, "team.meds.fx_line"), a, line, sizeof line);
        snprintf(id, sizeof id, "team.meds.fx.%zu", e);
        if (shown++ == 0)
            tu_label(ui, "team.meds.fx.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                     ui->style.text, T(app, "team.meds.fx_title"));
        tu_paragraph(ui, id, line);
    }
    if (shown == 0)
        tu_paragraph(ui, "team.meds.fx.none", T(app, "team.meds.fx_none"));
}

void tu_team_client_meds(tu_app *app, const tr_caseload_client *c)
{
    tu_ctx *ui = &app->ui;
    tr_med_log log = {0};
    tr_error err = {0};
    char line[800], date[128];
    if (!c->records || tr_med_read(c->records, &log, &err) != TR_OK)
        return;
    if (log.n == 0 && !log.check && !log.wish) {
        tr_med_log_free(&log);
        return;
    }
    tu_card_begin(ui, "team.meds");
    tu_label(ui, "team.meds.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.meds_title"));
    tu_note(ui, "team.meds.from", T(app, "team.meds_from"));
    for (size_t i = 0; i < log.n; i++)
        medicine(app, &log.items[i], i);
    check(app, &log);
    if (log.wish) {
        const tr_med_content *mc = tu_meds_loaded(app) ? app->meds.content : NULL;
        const tr_med_choice *w = mc ? tr_med_choice_find(mc->wishes, mc->n_wishes, log.wish) : NULL;
        tu_date_format_ts(&app->lang, log.wish_ts ? log.wish_ts : "", 0, date, sizeof date);
        tr_i18n_arg a[] = {{"wish", w ? L(app, &w->label) : log.wish}, {"date", date}, {0, 0}};
        tr_i18n_fill(T(app, "team.meds.wish"), a, line, sizeof line);
        tu_paragraph(ui, "team.meds.wish", line);
    }
    tu_card_end(ui);
    tr_med_log_free(&log);
}
