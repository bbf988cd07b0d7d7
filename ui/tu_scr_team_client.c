/* tu_scr_team_client: one client's page for the therapist, from what the client shared:
 * the risk flags first and unmissable (PHQ-9 item 9 above 0 in any measure, a measure's or the
 * assessment's risk, the follow-up answers), what the newest report brought, the outcome in
 * IAPT terms (tr_outcome), the PHQ-9/GAD-7 trajectories with bands, caseness and reliable change
 * (the client's own chart code, tu_scr_track.c), the newest assessment and chosen level with the
 * reasons, module progress and the exercise entries; and the note for the patient record (EPJ),
 * copied to the clipboard. */
#include "tu_app.h"
#include "tu_team.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_triage.h"
#include "tu_date.h"

static const char *lang_code(const tu_app *app)
{
    return tu_lang_code(&app->lang);
}

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, lang_code(app));
}

static void day_of(tu_app *app, const char *ts, char *buf, size_t size)
{
    tu_date_format_ts(&app->lang, ts ? ts : "", 0, buf, size);
}

static const char *risk_word(tu_app *app, const char *risk)
{
    char key[48];
    snprintf(key, sizeof key, "care.risk.%s", risk ? risk : "elevated");
    return tr_content_msg(app->pack, lang_code(app), key);
}

/* A follow-up answer in words: the question and the chosen option. */
static void follow_up(tu_app *app, const tr_view_value *value, char *buf, size_t size)
{
    const tr_item *item = tr_content_find_item(app->pack, value->key, NULL);
    const char *answer = NULL;
    char num[32];
    for (size_t i = 0; item && i < item->n_options; i++) {
        const tr_option *o = &item->options[i];
        if ((o->is_number && value->kind == 0 && o->number == value->number) ||
            (!o->is_number && value->kind == 1 && strcmp(o->string, value->text) == 0))
            answer = L(app, &o->label);
    }
    if (!answer && value->kind == 0) {
        snprintf(num, sizeof num, "%g", value->number);
        answer = num;
    } else if (!answer) {
        answer = value->kind == 1 ? value->text : "?";
    }
    tr_i18n_arg args[] = {
        {"question", item ? L(app, &item->text) : value->key}, {"answer", answer}, {NULL, NULL}};
    tr_i18n_fill(T(app, "team.flag.follow_up"), args, buf, size);
}

/* The risk card: every flag, newest first, before anything else on the page. */
static void risk_card(tu_app *app, const tr_caseload_client *c)
{
    tu_ctx *ui = &app->ui;
    const tr_caseload_page *page = app->team.page;
    (void)c;
    tu_card_begin(ui, "team.risk");
    if (!page || page->flags_failed) { /* out of memory: never shown as "no flags" */
        tu_alert(ui, "team.risk.title", T(app, "team.risk_failed"));
        tu_card_end(ui);
        return;
    }
    if (page->n_flags == 0) {
        tu_label(ui, "team.risk.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, T(app, "team.risk_none"));
        tu_note(ui, "team.risk.none_note", T(app, "team.risk_none_note"));
        tu_card_end(ui);
        return;
    }
    tu_label(ui, "team.risk.title", TU_FONT_STRONG, ui->style.title_size, ui->style.danger,
             T(app, "team.risk_title"));
    for (size_t i = 0; i < page->n_flags; i++) {
        const tr_view_flag *f = &page->flags[i];
        char date[64], line[900], id[64], num[24], val[24];
        const char *risk = f->risk[0] ? f->risk : NULL;
        const tr_inst *inst = tr_content_find_inst(app->pack, f->instrument);
        day_of(app, f->ts, date, sizeof date);
        if (inst && f->has_item) {
            snprintf(num, sizeof num, "%g", f->number);
            snprintf(val, sizeof val, "%g", f->value);
            tr_i18n_arg args[] = {
                {"date", date}, {"instrument", L(app, &inst->name)}, {"number", num},
                {"value", val}, {"risk", risk_word(app, risk)},      {NULL, NULL}};
            tr_i18n_fill(T(app, "team.flag.item"), args, line, sizeof line);
        } else if (strcmp(f->type, "assessment") == 0) {
            tr_i18n_arg args[] = {{"date", date}, {"risk", risk_word(app, risk)}, {NULL, NULL}};
            tr_i18n_fill(T(app, "team.flag.assessment"), args, line, sizeof line);
        } else {
            tr_i18n_arg args[] = {{"date", date},
                                  {"instrument", inst ? L(app, &inst->name) : ""},
                                  {"risk", risk_word(app, risk)},
                                  {NULL, NULL}};
            tr_i18n_fill(T(app, "team.flag.measure"), args, line, sizeof line);
        }
        snprintf(id, sizeof id, "team.risk.%zu", i);
        tu_alert(ui, id, line);
        for (size_t k = 0; k < f->n_answers; k++) {
            follow_up(app, &f->answers[k], line, sizeof line);
            snprintf(id, sizeof id, "team.risk.%zu.%zu", i, k);
            tu_paragraph(ui, id, line);
        }
    }
    tu_note(ui, "team.risk.note", T(app, "team.risk_note"));
    tu_card_end(ui);
}

/* What the newest report brought. */
static void latest(tu_app *app, const tr_caseload_client *c)
{
    tu_ctx *ui = &app->ui;
    char date[64], line[600], n[16], m[16];
    if (!c->last_report) {
        tu_paragraph(ui, "team.latest", T(app, "team.latest_none"));
        return;
    }
    tu_team_date(app, c->last_report, date, sizeof date);
    snprintf(n, sizeof n, "%zu", c->n_new);
    snprintf(m, sizeof m, "%zu", app->team.page ? app->team.page->n_latest : 0);
    tr_i18n_arg args[] = {{"date", date}, {"new", n}, {"records", m}, {NULL, NULL}};
    tr_i18n_fill(T(app, c->n_reports > 1 ? "team.latest" : "team.latest_first"), args, line,
                 sizeof line);
    tu_paragraph(ui, "team.latest", line);
    /* each measure the newest report brought, beside the score before it */
    tr_caseload_change ch[8];
    size_t nc = c->n_reports > 1 ? tr_caseload_changes(c, ch, 8) : 0;
    for (size_t i = 0; i < nc; i++) {
        const tr_inst *inst = tr_content_find_inst(app->pack, ch[i].instrument);
        char a[16], b[16], d[16], id[48];
        snprintf(a, sizeof a, "%g", ch[i].before);
        snprintf(b, sizeof b, "%g", ch[i].now);
        snprintf(d, sizeof d, "%+g", ch[i].now - ch[i].before);
        tr_i18n_arg ca[] = {{"instrument", inst ? L(app, &inst->name) : ch[i].instrument},
                            {"before", a},
                            {"now", b},
                            {"change", d},
                            {NULL, NULL}};
        tr_i18n_fill(T(app, ch[i].before < 0 ? "team.change_first" : "team.change"), ca, line,
                     sizeof line);
        snprintf(id, sizeof id, "team.change.%zu", i);
        tu_paragraph(ui, id, line);
    }
    if (c->has_device) {
        tr_i18n_arg fa[] = {{"fingerprint", c->device_fingerprint}, {NULL, NULL}};
        tr_i18n_fill(T(app, "team.device"), fa, line, sizeof line);
        tu_note(ui, "team.device", line);
    }
}

/* The outcome in IAPT terms and the trajectories, from a tracker fed the client's records. */
static void outcome_and_charts(tu_app *app, const tr_caseload_client *c)
{
    tu_ctx *ui = &app->ui;
    tu_trk *k = &app->trk;
    tr_track *t = app->team.page_track;
    tr_error err = {0};
    (void)c;
    if (!t) {
        tu_paragraph(ui, "team.outcome.problem", k->msg[0] ? k->msg : "?");
        return;
    }
    const tr_occasion *occ = NULL;
    size_t n = 0;
    int sessions = -1;
    tr_outcome o;
    tu_card_begin(ui, "team.outcome");
    tu_label(ui, "team.outcome.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.outcome_title"));
    if (tr_track_occasions(t, &occ, &n, &sessions, &err) == TR_OK &&
        tr_outcome_compute(&k->ocfg, occ, n, sessions, &o, &err) == TR_OK && o.first >= 0) {
        static const struct {
            const char *key;
            size_t off;
        } rows[] = {
            {"team.outcome.caseness_start", offsetof(tr_outcome, caseness_start)},
            {"team.outcome.caseness_end", offsetof(tr_outcome, caseness_end)},
            {"team.outcome.recovery", offsetof(tr_outcome, recovery)},
            {"team.outcome.reliable_improvement", offsetof(tr_outcome, reliable_improvement)},
            {"team.outcome.reliable_deterioration", offsetof(tr_outcome, reliable_deterioration)},
            {"team.outcome.reliable_recovery", offsetof(tr_outcome, reliable_recovery)},
        };
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            int v = *(const int *)((const char *)&o + rows[i].off);
            const char *word = v == TR_OUTCOME_NA ? T(app, "team.outcome.na")
                               : v                ? T(app, "team.outcome.yes")
                                                  : T(app, "team.outcome.no");
            tu_pair_row(ui, rows[i].key, T(app, rows[i].key), word,
                        rows[i].off == offsetof(tr_outcome, reliable_deterioration) && v == 1
                            ? ui->style.danger
                            : ui->style.text);
        }
        char line[400], a[16], b[16], s[16];
        for (int m = 0; m < TR_OUTCOME_NMEASURES && o.last >= 0; m++) {
            const tr_inst *inst = tr_content_find_inst(app->pack, k->ocfg.scale[m].id);
            snprintf(a, sizeof a, "%d", occ[o.first].score[m]);
            snprintf(b, sizeof b, "%d", occ[o.last].score[m]);
            snprintf(s, sizeof s, "%+d", o.change[m]);
            tr_i18n_arg args[] = {{"instrument", inst ? L(app, &inst->name) : k->ocfg.scale[m].id},
                                  {"from", a},
                                  {"to", b},
                                  {"change", s},
                                  {NULL, NULL}};
            tr_i18n_fill(T(app, "team.outcome.change"), args, line, sizeof line);
            char id[48];
            snprintf(id, sizeof id, "team.outcome.change.%d", m);
            tu_paragraph(ui, id, line);
        }
        snprintf(s, sizeof s, "%d", o.sessions);
        tr_i18n_arg args[] = {{"sessions", s}, {NULL, NULL}};
        tr_i18n_fill(T(app, o.finished ? "team.outcome.finished" : "team.outcome.not_finished"),
                     args, line, sizeof line);
        tu_note(ui, "team.outcome.sessions", line);
    } else {
        tu_paragraph(ui, "team.outcome.none", T(app, "team.outcome_none"));
    }
    tu_card_end(ui);
    size_t ns = tr_track_series_count(t);
    for (size_t i = 0; i < ns; i++) {
        tr_track_series s;
        if (tr_track_series_at(t, i, &s, &err) == TR_OK && s.kind == TR_SERIES_MEASURE &&
            s.n_points > 0)
            tu_trk_measure_chart(app, &s, "team");
    }
}

/* Works out the page's view and tracker once for client c (tu_team_page_forget drops them). */
static void page_for(tu_app *app, const tr_caseload_client *c)
{
    tu_team *t = &app->team;
    tu_trk *k = &app->trk;
    tr_error err = {0};
    if (t->page_of == c)
        return;
    tu_team_page_forget(t);
    t->page_of = c;
    t->page = calloc(1, sizeof *t->page); /* NULL: the risk card says it failed */
    if (t->page)
        tr_caseload_page_make(app->pack, c, t->page, &err);
    tu_trk_update(app); /* loads tracking.json and the scales once */
    if (!k->ok ||
        tr_track_make(
            &(tr_track_desc){.config = &k->cfg, .scales = k->scales, .n_scales = k->n_scales},
            &t->page_track, &err) != TR_OK) {
        if (!k->msg[0])
            snprintf(k->msg, sizeof k->msg, "%s", err.msg);
        t->page_track = NULL;
        return;
    }
    tr_caseload_track_feed(c, t->page_track, &err); /* out of memory: what was fed is drawn */
}

static const char *level_name(tu_app *app, const char *id)
{
    const tr_level *lv = id && app->pack ? tr_content_find_level(app->pack, id) : NULL;
    return lv ? L(app, &lv->name) : id ? id : "";
}

/* The newest assessment: recommended and chosen level, the reasons, what to ask about. */
static void assessment(tu_app *app, const tr_caseload_client *c)
{
    tu_ctx *ui = &app->ui;
    const tr_caseload_page *a = app->team.page;
    (void)c;
    if (!a || !a->has_assessment)
        return;
    char date[64], line[900];
    day_of(app, a->a_ts, date, sizeof date);
    tu_card_begin(ui, "team.assessment");
    tr_i18n_arg h[] = {{"date", date}, {NULL, NULL}};
    tr_i18n_fill(T(app, "team.assessment_title"), h, line, sizeof line);
    tu_label(ui, "team.assessment.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, line);
    tr_i18n_arg args[] = {{"recommended", level_name(app, a->a_recommended)},
                          {"chosen", level_name(app, a->a_chosen)},
                          {NULL, NULL}};
    tr_i18n_fill(T(app, "team.assessment_levels"), args, line, sizeof line);
    tu_paragraph(ui, "team.assessment.levels", line);
    if (tu_result_rules(app) == 0) {
        int i = 0;
        for (size_t r = 0; r < a->n_reasons; r++) {
            const tr_text *tx = tr_triage_reason_topic(app->res.triage, a->reasons[r]);
            const char *s = tx ? L(app, tx) : NULL;
            char id[48];
            if (!s || strchr(s, '{')) /* a sentence that needs the answers' numbers */
                continue;
            snprintf(id, sizeof id, "team.assessment.reason.%d", i++);
            snprintf(line, sizeof line, "• %s", s);
            tu_paragraph(ui, id, line);
        }
        for (size_t q = 0; q < a->n_ask; q++) {
            const tr_text *tx = tr_triage_reason_topic(app->res.triage, a->ask[q]);
            const tr_item *item = tr_content_find_item(app->pack, a->ask[q], NULL);
            char id[48];
            tr_i18n_arg ta[] = {{"topic", tx     ? L(app, tx)
                                          : item ? L(app, &item->text)
                                                 : a->ask[q]},
                                {NULL, NULL}};
            tr_i18n_fill(T(app, "team.assessment_ask"), ta, line, sizeof line);
            snprintf(id, sizeof id, "team.assessment.ask.%zu", q);
            tu_paragraph(ui, id, line);
        }
    }
    /* what the team needs to plan the first conversation (an interpreter, the language) */
    tr_team_fact facts[8];
    size_t n_facts = tr_content_team_facts(app->pack, a->a_answers, tu_lang_code(&app->lang), facts,
                                           sizeof facts / sizeof facts[0]);
    for (size_t f = 0; f < n_facts; f++) {
        char id[48];
        tr_i18n_arg fa[] = {{"label", facts[f].label}, {"answer", facts[f].answer}, {NULL, NULL}};
        tr_i18n_fill(T(app, "team.assessment_fact"), fa, line, sizeof line);
        snprintf(id, sizeof id, "team.assessment.fact.%zu", f);
        tu_paragraph(ui, id, line);
    }
    if (a->a_preference[0]) {
        tr_i18n_arg p[] = {{"text", a->a_preference}, {NULL, NULL}};
        tr_i18n_fill(T(app, "team.assessment_preference"), p, line, sizeof line);
        tu_paragraph(ui, "team.assessment.preference", line);
    }
    tu_card_end(ui);
}

/* Module progress (steps done per module) and the newest exercise entries. */
static void modules(tu_app *app, const tr_caseload_client *c)
{
    tu_ctx *ui = &app->ui;
    const tr_caseload_page *p = app->team.page;
    (void)c;
    if (!p || p->n_modules == 0)
        return;
    tu_card_begin(ui, "team.modules");
    tu_label(ui, "team.modules.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.modules_title"));
    for (size_t k = 0; k < p->n_modules; k++) {
        const tr_module *m = tu_mods_find(app, p->modules[k]);
        int total = m ? (int)m->step_count : 0;
        char line[600], d[16], t[16], id[48];
        snprintf(d, sizeof d, "%d", p->done[k]);
        snprintf(t, sizeof t, "%d", total);
        tr_i18n_arg args[] = {
            {"module", m ? tr_module_text(m->title, lang_code(app)) : p->modules[k]},
            {"done", d},
            {"steps", t},
            {NULL, NULL}};
        tr_i18n_fill(T(app, total ? "team.module_line" : "team.module_line_unknown"), args, line,
                     sizeof line);
        snprintf(id, sizeof id, "team.module.%zu", k);
        tu_paragraph(ui, id, line);
    }
    /* the newest entries (homework, worksheets), at most eight, in words */
    for (size_t i = 0; i < p->n_shown; i++) {
        const tr_view_entry *e = &p->shown[i];
        const tr_module *m = tu_mods_find(app, e->module);
        const tr_module_step *st = m && e->step[0] ? tr_module_step_find(m, e->step) : NULL;
        char date[64], values[700] = "", line[1000], id[48];
        size_t used = 0;
        day_of(app, e->ts, date, sizeof date);
        for (size_t k = 0; k < e->n_values; k++) {
            const tr_view_value *v = &e->values[k];
            const tr_module_field *fd = st ? tr_module_field_find(st, v->key) : NULL;
            const char *label = fd ? tr_module_text(fd->label, lang_code(app)) : v->key;
            char val[200];
            if (v->kind == 1)
                snprintf(val, sizeof val, "%s", v->text);
            else if (v->kind == 0)
                snprintf(val, sizeof val, "%g", v->number);
            else
                continue; /* lists (diary rows) are counted in the charts, not spelled out */
            if (!val[0] || used >= sizeof values - 1)
                continue;
            used += (size_t)snprintf(values + used, sizeof values - used, "%s%s: %s",
                                     used ? "; " : "", label, val);
        }
        tr_i18n_arg args[] = {{"date", date},
                              {"module", m ? tr_module_text(m->title, lang_code(app)) : ""},
                              {"step", st ? tr_module_text(st->title, lang_code(app)) : ""},
                              {"values", values},
                              {NULL, NULL}};
        tr_i18n_fill(T(app, "team.entry_line"), args, line, sizeof line);
        snprintf(id, sizeof id, "team.entry.%zu", i);
        tu_paragraph(ui, id, line);
    }
    if (p->n_entries == 0)
        tu_note(ui, "team.entries.none", T(app, "team.entries_none"));
    tu_card_end(ui);
}

/* Copies the note for the patient record and says truthfully what happened. */
static void copy_note(tu_app *app, const tr_caseload_client *c)
{
    tu_team *t = &app->team;
    char *note = NULL;
    tr_error err = {0};
    /* the patient record is kept in Norwegian: nynorsk for a nynorsk screen, else bokmål */
    const char *lang = strcmp(lang_code(app), "nn") == 0 ? "nn" : "nb";
    if (tr_caseload_summary(&t->cl, c, app->pack, lang, &note, &err) != TR_OK) {
        snprintf(t->copied, sizeof t->copied, "%s",
                 T(app, err.status == TR_E_NOTFOUND ? "team.copy_old" : "team.copy_failed"));
        return;
    }
    if (tu_team_clip(t, note) == 0)
        snprintf(t->copied, sizeof t->copied, "%s", T(app, "team.copied"));
    else
        snprintf(t->copied, sizeof t->copied, "%s", T(app, "team.copy_failed"));
    free(note);
}

void tu_team_client_body(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    char title[200];
    if (!t->loaded && !tu_team_load(app)) {
        tu_alert(ui, "team.problem", t->problem);
        return;
    }
    const tr_caseload_client *c = tr_caseload_find(&t->cl, t->client);
    tr_i18n_arg args[] = {{"client", t->client}, {NULL, NULL}};
    tr_i18n_fill(T(app, "team.client_title"), args, title, sizeof title);
    tu_title(ui, "team.client.title", title);
    if (!c) {
        tu_paragraph(ui, "team.client.gone", T(app, "team.client_gone"));
        return;
    }
    page_for(app, c);
    if (t->notice[0] && strcmp(t->opened, c->id) == 0)
        tu_paragraph(ui, "team.notice", t->notice);
    risk_card(app, c);
    tu_feedback_team_wish(app, c); /* a wish to change therapist, right after the risks */
    if (c->header || c->last_report) {
        if (tu_button(ui, "team.copy", TU_LOOK_PRIMARY, T(app, "team.copy")))
            copy_note(app, c);
        if (t->copied[0])
            tu_paragraph(ui, "team.copied", t->copied);
    }
    latest(app, c);
    outcome_and_charts(app, c);
    tu_goals_team(app, c->records);
    assessment(app, c);
    modules(app, c);
    tu_team_client_meds(app, c);
    tu_feedback_team_card(app, c);
}

void tu_team_client_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_team *t = &app->team;
    if (tu_button_at(ui, "team.client.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        t->notice[0] = 0;
        tu_app_go(app, TU_SCR_TEAM);
        return;
    }
    if (tu_button_at(ui, "team.client.assign", tu_split(ui, bar, 2, 1), TU_LOOK_SECONDARY,
                     T(app, "team.assign_open"))) {
        snprintf(t->a_client, sizeof t->a_client, "%s", t->client);
        t->a_problem[0] = t->a_field[0] = t->a_written[0] = 0;
        t->a_ready = 0;
        tu_app_go(app, TU_SCR_TEAM_ASSIGN);
    }
}
