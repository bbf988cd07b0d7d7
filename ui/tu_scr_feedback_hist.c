/* tu_scr_feedback_hist: the client's feedback over time (tu_feedback.h): a chart of each question
 * (one line each, the scale's values), where the wish to change therapist stands (saved only,
 * or carried by a report since), and every feedback in words, newest first. The same words show
 * a client's shared feedback on the therapist's page (tu_feedback_team_*), the wish first. */
#include <stdio.h>
#include <string.h>

#include "tr_caseload.h"
#include "tu_app.h"
#include "tu_chart.h"
#include "tu_date.h"

#define SHOWN_MAX    12 /* feedback entries listed */
#define CHART_NEWEST 30 /* points charted: the newest */

static const char *lang_code(const tu_app *app)
{
    return tu_lang_code(&app->lang);
}

/* One feedback in words: when, after what, the answers and the note. */
static void entry_line(tu_app *app, const tr_feedback_entry *e, char *buf, size_t size)
{
    const tr_feedback_content *c = app->fb.content;
    char date[128], answers[700], after[400];
    tu_date_format_ts(&app->lang, e->ts, 0, date, sizeof date);
    tr_feedback_describe(c, e, lang_code(app), answers, sizeof answers);
    if (e->module[0]) {
        const tr_module *m = tu_mods_find(app, e->module);
        const char *t = m ? tr_module_text(m->title, lang_code(app)) : NULL;
        tr_i18n_arg a[] = {{"module", t && t[0] ? t : e->module}, {NULL, NULL}};
        tr_i18n_fill(T(app, "fb.line_module"), a, after, sizeof after);
    } else {
        snprintf(after, sizeof after, "%s", T(app, "fb.line_contact"));
    }
    tr_i18n_arg args[] = {{"date", date},
                          {"after", after},
                          {"answers", answers[0] ? answers : T(app, "fb.line_no_answers")},
                          {NULL, NULL}};
    tr_i18n_fill(T(app, "fb.line"), args, buf, size);
    if (e->note[0]) {
        size_t used = strlen(buf);
        tr_i18n_arg n[] = {{"note", e->note}, {NULL, NULL}};
        tr_i18n_fill(T(app, "fb.line_note"), n, buf + used, size - used);
    }
}

/* The chart: one line per question over the newest feedbacks that answered any. */
static void chart(tu_app *app, const tr_feedback_log *log, int team)
{
    tu_ctx *ui = &app->ui;
    const tr_feedback_content *c = app->fb.content;
    float vals[TU_CHART_MAX_LINES][CHART_NEWEST];
    size_t lines = c->n_items < TU_CHART_MAX_LINES ? c->n_items : TU_CHART_MAX_LINES;
    size_t at[CHART_NEWEST];
    int n = 0;
    /* walk back from the newest, keeping those with an answer, then draw oldest first */
    for (size_t i = log->n; i-- > 0 && n < CHART_NEWEST;) {
        int any = 0;
        for (size_t q = 0; q < lines; q++)
            any |= log->entries[i].answers[q] >= 0;
        if (any)
            at[n++] = i;
    }
    if (n < 2) { /* one point is no line: the list says it */
        if (!team)
            tu_paragraph(ui, "fb.chart.few", T(app, "fb.chart_few"));
        return;
    }
    for (int k = 0; k < n; k++)
        for (size_t q = 0; q < lines; q++) /* -1: not answered, a gap */
            vals[q][k] = (float)log->entries[at[n - 1 - k]].answers[q];
    tu_chart_lines_desc d = {.n_lines = (int)lines,
                             .n_points = n,
                             .min = 0,
                             .max = (float)(c->n_scale - 1),
                             .threshold = -1,
                             .label = T(app, "fb.chart_label")};
    for (size_t q = 0; q < lines; q++) {
        d.lines[q] = vals[q];
        d.names[q] = tr_content_text(app->pack, &c->items[q].short_name, lang_code(app));
    }
    tu_chart_lines(ui, "fb.chart", (int)(180 * ui->style.scale), &d);
    char scale[400];
    tr_i18n_arg a[] = {
        {"low", tr_content_text(app->pack, &c->scale[0].label, lang_code(app))},
        {"high", tr_content_text(app->pack, &c->scale[c->n_scale - 1].label, lang_code(app))},
        {NULL, NULL}};
    tr_i18n_fill(T(app, "fb.chart_scale"), a, scale, sizeof scale);
    tu_note(ui, "fb.chart.scale", scale);
}

/* Where the newest wish to change therapist stands, truthfully. */
static void wish_state(tu_app *app, const tr_feedback_log *log)
{
    tu_ctx *ui = &app->ui;
    char date[128], via[128], line[900];
    if (log->change_at < 0)
        return;
    tu_date_format_ts(&app->lang, log->change_ts, 0, date, sizeof date);
    tu_card_begin(ui, "fb.wish");
    tu_label(ui, "fb.wish.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "fb.change_title"));
    if (log->change_via[0]) {
        tu_date_format_ts(&app->lang, log->change_via, 0, via, sizeof via);
        tr_i18n_arg a[] = {{"date", date}, {"report", via}, {NULL, NULL}};
        tr_i18n_fill(T(app, "fb.wish_sent"), a, line, sizeof line);
        tu_paragraph(ui, "fb.wish.text", line);
    } else {
        int team = tu_exch_team(app, NULL);
        tr_i18n_arg a[] = {{"date", date}, {NULL, NULL}};
        tr_i18n_fill(T(app, team ? "fb.wish_saved" : "fb.wish_noted"), a, line, sizeof line);
        tu_paragraph(ui, "fb.wish.text", line);
        if (team) {
            if (tu_button(ui, "fb.report", TU_LOOK_PRIMARY, T(app, "fb.report")))
                tu_exch_report_open(app, 0);
        } else {
            tu_paragraph(ui, "fb.wish.no_team",
                         tr_content_text(app->pack, &app->fb.content->no_team, lang_code(app)));
        }
    }
    tu_card_end(ui);
}

void tu_feedback_hist_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    char id[48], line[1400];
    tu_title(ui, "fb.hist.title", T(app, "fb.hist_title"));
    const tr_feedback_log *log = tu_feedback_log(app);
    if (!log) {
        tu_paragraph(ui, "fb.read_failed", T(app, "fb.read_failed"));
        return;
    }
    if (app->fb.content->draft)
        tu_note(ui, "fb.draft", T(app, "fb.draft"));
    wish_state(app, log);
    if (log->n == 0) {
        tu_paragraph(ui, "fb.none", T(app, "fb.none"));
        return;
    }
    chart(app, log, 0);
    tu_label(ui, "fb.list.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "fb.list_title"));
    for (size_t k = 0; k < log->n && k < SHOWN_MAX; k++) {
        const tr_feedback_entry *e = &log->entries[log->n - 1 - k];
        entry_line(app, e, line, sizeof line);
        snprintf(id, sizeof id, "fb.entry.%zu", k);
        tu_paragraph(ui, id, line);
    }
}

void tu_feedback_hist_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "fb.hist.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_app_go(app, TU_SCR_WELCOME);
        return;
    }
    if (tu_feedback_loaded(app) && app->prof.open.j && !app->prof.guest &&
        tu_button_at(ui, "fb.hist.give", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, "fb.give")))
        tu_feedback_open(app, NULL);
}

/* ---- the therapist's page of a client ------------------------------------------------------- */

/* The client's shared feedback, read with the pack's questions (NULL without them). */
static const tr_feedback_log *team_log(tu_app *app, const tr_caseload_client *c,
                                       tr_feedback_log *log)
{
    tr_error err = {0};
    if (!c || !c->records || !tu_feedback_loaded(app) ||
        tr_feedback_read(app->fb.content, c->records, log, &err) != TR_OK)
        return NULL;
    return log;
}

void tu_feedback_team_wish(tu_app *app, const tr_caseload_client *c)
{
    tu_ctx *ui = &app->ui;
    tr_feedback_log log;
    char date[128], line[600];
    if (!team_log(app, c, &log))
        return;
    if (log.change_at >= 0) {
        tu_date_format_ts(&app->lang, log.change_ts, 0, date, sizeof date);
        tr_i18n_arg a[] = {{"date", date}, {NULL, NULL}};
        tr_i18n_fill(T(app, "fb.team_wish"), a, line, sizeof line);
        tu_card_begin(ui, "team.fb.wish_card");
        tu_label(ui, "team.fb.wish.title", TU_FONT_STRONG, ui->style.title_size, ui->style.text,
                 T(app, "fb.team_wish_title"));
        tu_alert(ui, "team.fb.wish", line);
        tu_paragraph(ui, "team.fb.wish.note", T(app, "fb.team_wish_note"));
        tu_card_end(ui);
    }
    tr_feedback_log_free(&log);
}

void tu_feedback_team_card(tu_app *app, const tr_caseload_client *c)
{
    tu_ctx *ui = &app->ui;
    tr_feedback_log log;
    char id[48], line[1400];
    if (!team_log(app, c, &log))
        return;
    if (log.n > 0) {
        tu_card_begin(ui, "team.fb");
        tu_label(ui, "team.fb.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, T(app, "fb.team_title"));
        if (app->fb.content->draft)
            tu_note(ui, "team.fb.draft", T(app, "fb.team_draft"));
        chart(app, &log, 1);
        for (size_t k = 0; k < log.n && k < SHOWN_MAX; k++) {
            entry_line(app, &log.entries[log.n - 1 - k], line, sizeof line);
            snprintf(id, sizeof id, "team.fb.entry.%zu", k);
            tu_paragraph(ui, id, line);
        }
        tu_card_end(ui);
    }
    tr_feedback_log_free(&log);
}
