/* tu_scr_exch_report: a report for the team (tu_exch.h, core/EXCHANGE.md §7).
 *
 * The client chooses what to share (measures, the assessment and chosen level, check-ins, the
 * entries of each module) and a range, and sees, record by record in words, what will be
 * sent: the core's plan (tr_share_plan_make), which also takes every record in the range that
 * carries a risk flag, whatever was chosen; the screen says so. The report is then sealed to
 * the paired team's card (tr_care_report: only that team can open it) and written to a folder
 * the client chooses (their Downloads folder first), with plain words on how to deliver it and
 * the truth that it reaches no one until it is delivered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_fs.h"
#include "tp_path.h"
#include "tu_app.h"
#include "tu_date.h"

/* The ranges offered, in days back from now (0 = everything). */
static const int RANGE_DAYS[] = {14, 31, 92, 0};
static const char *const RANGE_IDS[] = {"exch.rep.range.0", "exch.rep.range.1", "exch.rep.range.2",
                                        "exch.rep.range.3"};
#define N_RANGES    4
#define SHOWN_LINES 40 /* lines of the list in words before "and n more" */

void tu_exch_report_free(tu_exch *x)
{
    tr_share_plan_free(&x->rep_plan);
    cJSON_Delete(x->rep_records);
    x->rep_records = NULL;
    x->rep_gathered_range = -1;
}

void tu_exch_report_open(tu_app *app, int from_risk)
{
    tu_exch *x = &app->exch;
    tu_exch_report_free(x);
    x->rep_view = TU_REP_CHOOSE;
    x->rep_from_risk = from_risk;
    x->rep_measures = !from_risk;
    x->rep_assessment = 1;
    x->rep_checkins = 0;
    x->rep_goals = 0;
    x->rep_range = 0;
    x->n_rep_mod = 0;
    x->rep_dirty = 1;
    x->rep_problem[0] = x->rep_detail[0] = x->rep_written[0] = 0;
    if (tp_path_downloads_dir(x->rep_folder, sizeof x->rep_folder) != 0)
        x->rep_folder[0] = 0;
    tu_app_go(app, TU_SCR_EXCH_REPORT);
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Reads the records of the range (again when it changed) and lists their modules; keeps the
 * client's module choices for modules still there. */
static int gather(tu_app *app)
{
    tu_exch *x = &app->exch;
    tr_error err = {0};
    if (x->rep_records && x->rep_gathered_range == x->rep_range)
        return 0;
    tu_exch_report_free(x);
    int64_t now = tp_clock_now(), from = 0;
    x->rep_from[0] = 0;
    if (RANGE_DAYS[x->rep_range]) {
        from = now - (int64_t)RANGE_DAYS[x->rep_range] * 86400;
        tp_clock_format_date(from, x->rep_from, sizeof x->rep_from);
    }
    if (tr_share_gather(app->prof.open.j, from, 0, &x->rep_records, &err) != TR_OK) {
        snprintf(x->rep_problem, sizeof x->rep_problem, "%s", T(app, "exch.rep.read_failed"));
        snprintf(x->rep_detail, sizeof x->rep_detail, "%s", err.msg);
        return -1;
    }
    x->rep_gathered_range = x->rep_range;
    char keep[TU_EXCH_MODS_MAX][TR_EXCH_ID_MAX + 1];
    int keep_on[TU_EXCH_MODS_MAX], n_keep = x->n_rep_mod;
    memcpy(keep, x->rep_mod, sizeof keep);
    memcpy(keep_on, x->rep_mod_on, sizeof keep_on);
    x->n_rep_mod = 0;
    const cJSON *rec;
    cJSON_ArrayForEach(rec, x->rep_records)
    {
        const char *mod = str(rec, "module");
        int seen = 0;
        for (int i = 0; mod && i < x->n_rep_mod; i++)
            seen |= strcmp(x->rep_mod[i], mod) == 0;
        if (!mod || seen || x->n_rep_mod >= TU_EXCH_MODS_MAX || !tr_exch_id_ok(mod))
            continue;
        snprintf(x->rep_mod[x->n_rep_mod], sizeof x->rep_mod[0], "%s", mod);
        x->rep_mod_on[x->n_rep_mod] = 0;
        for (int i = 0; i < n_keep; i++)
            if (strcmp(keep[i], mod) == 0)
                x->rep_mod_on[x->n_rep_mod] = keep_on[i];
        x->n_rep_mod++;
    }
    x->rep_dirty = 1;
    return 0;
}

/* Plans the report from the choices (the core decides what goes). */
static int plan(tu_app *app)
{
    tu_exch *x = &app->exch;
    tr_error err = {0};
    if (gather(app) != 0)
        return -1;
    if (!x->rep_dirty)
        return 0;
    const char *mods[TU_EXCH_MODS_MAX];
    size_t n = 0;
    for (int i = 0; i < x->n_rep_mod; i++)
        if (x->rep_mod_on[i])
            mods[n++] = x->rep_mod[i];
    tr_care_report_opts o = {.records = x->rep_records,
                             .measures = x->rep_measures,
                             .assessment = x->rep_assessment,
                             .modules = n > 0,
                             .checkins = x->rep_checkins,
                             .goals = x->rep_goals,
                             .risk = tr_share_risk,
                             .risk_user = app->pack};
    tr_share_plan_free(&x->rep_plan);
    if (tr_share_plan_make(&o, mods, n, &x->rep_plan, &err) != TR_OK) {
        snprintf(x->rep_problem, sizeof x->rep_problem, "%s", T(app, "exch.rep.read_failed"));
        snprintf(x->rep_detail, sizeof x->rep_detail, "%s", err.msg);
        return -1;
    }
    x->rep_dirty = 0;
    return 0;
}

static const char *module_name(tu_app *app, const char *id)
{
    const tr_module *m = tu_mods_find(app, id);
    const char *t = m ? tr_module_text(m->title, tu_lang_codes[app->lang.cur]) : NULL;
    return t && t[0] ? t : id;
}

/* One record of the plan in words, into buf. */
static void say_record(tu_app *app, const cJSON *rec, char *buf, size_t size)
{
    const char *type = str(rec, "type"), *lang = tu_lang_codes[app->lang.cur];
    char date[128], num[32], num2[32];
    tu_date_format_ts(&app->lang, str(rec, "ts") ? str(rec, "ts") : "", 0, date, sizeof date);
    if (strcmp(type, "measure") == 0) {
        const char *id = str(rec, "instrument");
        const tr_inst *inst = id && app->pack ? tr_content_find_inst(app->pack, id) : NULL;
        const cJSON *total = cJSON_GetObjectItemCaseSensitive(rec, "total");
        snprintf(num, sizeof num, "%g", cJSON_IsNumber(total) ? total->valuedouble : 0);
        tr_i18n_arg a[] = {{"instrument", inst ? tr_content_text(app->pack, &inst->name, lang)
                                          : id ? id
                                               : "?"},
                           {"date", date},
                           {"total", num},
                           {0, 0}};
        tr_i18n_fill(T(app, "exch.rep.say.measure"), a, buf, size);
    } else if (strcmp(type, "assessment") == 0) {
        const char *chosen = str(rec, "chosen");
        const tr_level *lv = chosen && app->pack ? tr_content_find_level(app->pack, chosen) : NULL;
        tr_i18n_arg a[] = {{"date", date},
                           {"level", lv       ? tr_content_text(app->pack, &lv->name, lang)
                                     : chosen ? chosen
                                              : "?"},
                           {0, 0}};
        tr_i18n_fill(T(app, "exch.rep.say.assessment"), a, buf, size);
    } else if (strcmp(type, "checkin") == 0) {
        const cJSON *mood = cJSON_GetObjectItemCaseSensitive(rec, "mood");
        const cJSON *sleep = cJSON_GetObjectItemCaseSensitive(rec, "sleep_hours");
        const char *note = str(rec, "note");
        snprintf(num, sizeof num, "%g", cJSON_IsNumber(mood) ? mood->valuedouble : 0);
        snprintf(num2, sizeof num2, "%g", cJSON_IsNumber(sleep) ? sleep->valuedouble : 0);
        tr_i18n_arg a[] = {
            {"date", date}, {"mood", num}, {"sleep", num2}, {"note", note ? note : ""}, {0, 0}};
        tr_i18n_fill(T(app, note && note[0] ? "exch.rep.say.checkin_note" : "exch.rep.say.checkin"),
                     a, buf, size);
    } else if (strcmp(type, "goal") == 0) { /* the client's own goals (tu_goals.h) */
        tr_goal_event ev;
        if (tr_goal_event_of(rec, &ev))
            tu_goals_say(app, &ev, date, buf, size);
        else
            snprintf(buf, size, "%s", date);
    } else {
        const char *mod = str(rec, "module");
        tr_i18n_arg a[] = {{"date", date}, {"module", module_name(app, mod ? mod : "?")}, {0, 0}};
        tr_i18n_fill(T(app, strcmp(type, "module_entry") == 0 ? "exch.rep.say.entry"
                                                              : "exch.rep.say.progress"),
                     a, buf, size);
    }
}

static void count_line(tu_app *app, const char *id, const char *key, size_t n, char *buf,
                       size_t size)
{
    char num[32];
    snprintf(num, sizeof num, "%zu", n);
    tr_i18n_arg a[] = {{"n", num}, {0, 0}};
    tr_i18n_fill(T(app, key), a, buf, size);
    tu_paragraph(&app->ui, id, buf);
}

/* What will be sent, in words: the count, the risk rule, each record. */
static void preview(tu_app *app, const tr_team_card *team)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    char line[1400];
    tu_card_begin(ui, "exch.rep.preview");
    tu_label(ui, "exch.rep.preview.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "exch.rep.preview_title"));
    tr_i18n_arg a[] = {{"service", team->service}, {0, 0}};
    tr_i18n_fill(T(app, "exch.rep.preview_to"), a, line, sizeof line);
    tu_paragraph(ui, "exch.rep.preview.to", line);
    /* the rule first, always: risk goes along whatever was chosen */
    tu_paragraph(ui, "exch.rep.risk_rule", T(app, "exch.rep.risk_rule"));
    if (x->rep_plan.n == 0) {
        tu_paragraph(ui, "exch.rep.empty", T(app, "exch.rep.empty"));
        tu_card_end(ui);
        return;
    }
    count_line(app, "exch.rep.count", "exch.rep.count", x->rep_plan.n, line, sizeof line);
    size_t shown = x->rep_plan.n < SHOWN_LINES ? x->rep_plan.n : SHOWN_LINES;
    for (size_t i = 0; i < shown; i++) {
        const tr_share_item *it = &x->rep_plan.items[i];
        char id[48], words[1000];
        say_record(app, it->rec, words, sizeof words);
        if (it->risk) {
            tr_i18n_arg b[] = {{"what", words}, {0, 0}};
            tr_i18n_fill(T(app, "exch.rep.say.risk"), b, line, sizeof line);
        } else {
            snprintf(line, sizeof line, "%s", words);
        }
        snprintf(id, sizeof id, "exch.rep.item.%zu", i);
        tu_paragraph(ui, id, line);
    }
    if (x->rep_plan.n > shown)
        count_line(app, "exch.rep.more", "exch.rep.more", x->rep_plan.n - shown, line, sizeof line);
    if (x->rep_plan.n_forced) /* after the list: the marks it explains are above */
        tu_paragraph(ui, "exch.rep.forced", T(app, "exch.rep.forced"));
    tu_card_end(ui);
}

static void choices(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    tu_card_begin(ui, "exch.rep.what");
    tu_label(ui, "exch.rep.what.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "exch.rep.what_title"));
    int before = x->rep_measures + 2 * x->rep_assessment + 4 * x->rep_checkins + 8 * x->rep_goals;
    tu_checkbox(ui, "exch.rep.measures", T(app, "exch.rep.measures"), &x->rep_measures);
    tu_checkbox(ui, "exch.rep.assessment", T(app, "exch.rep.assessment"), &x->rep_assessment);
    tu_checkbox(ui, "exch.rep.checkins", T(app, "exch.rep.checkins"), &x->rep_checkins);
    tu_checkbox(ui, "exch.rep.goals", T(app, "exch.rep.goals"), &x->rep_goals);
    if (before != x->rep_measures + 2 * x->rep_assessment + 4 * x->rep_checkins + 8 * x->rep_goals)
        x->rep_dirty = ui->need_redraw = 1; /* drawn again with the new plan and the box */
    for (int i = 0; i < x->n_rep_mod; i++) {
        char id[96], label[600];
        snprintf(id, sizeof id, "exch.rep.module.%s", x->rep_mod[i]);
        tr_i18n_arg a[] = {{"module", module_name(app, x->rep_mod[i])}, {0, 0}};
        tr_i18n_fill(T(app, "exch.rep.module"), a, label, sizeof label);
        if (tu_checkbox(ui, id, label, &x->rep_mod_on[i]))
            x->rep_dirty = ui->need_redraw = 1;
    }
    tu_card_end(ui);
    tu_card_begin(ui, "exch.rep.when");
    tu_label(ui, "exch.rep.when.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "exch.rep.range_title"));
    for (int i = 0; i < N_RANGES; i++)
        if (tu_radio(ui, RANGE_IDS[i], T(app, RANGE_IDS[i]), x->rep_range == i) &&
            x->rep_range != i) {
            x->rep_range = i;
            ui->need_redraw = 1;
        }
    tu_card_end(ui);
}

/* Seals the plan to the team and writes it; the done view or the problem in words. */
static void make(tu_app *app)
{
    tu_exch *x = &app->exch;
    tr_care_state s = {0};
    tr_care_report_result res = {0};
    tr_error err = {0};
    char now[32], today[11], name[160], path[1400];
    int any_module = 0;
    x->rep_problem[0] = x->rep_detail[0] = 0;
    if (!x->rep_folder[0] || !tp_fs_is_dir(x->rep_folder)) {
        snprintf(x->rep_problem, sizeof x->rep_problem, "%s", T(app, "exch.rep.no_folder"));
        return;
    }
    tp_clock_format(tp_clock_now(), now, sizeof now);
    tp_clock_format_date(tp_clock_now(), today, sizeof today);
    for (int i = 0; i < x->n_rep_mod; i++)
        any_module |= x->rep_mod_on[i];
    if (tr_share_state(app->prof.open.j, &s, &err) != TR_OK ||
        tr_share_keys(&app->prof.open, &s, now, &err) != TR_OK)
        goto fail;
    if (!s.has_pin) {
        tr_error_set(&err, TR_E_INVALID, "no team is paired");
        goto fail;
    }
    tr_care_report_opts o = {.records = x->rep_plan.records,
                             .measures = x->rep_measures,
                             .assessment = x->rep_assessment,
                             .modules = any_module, /* the plan holds only those chosen */
                             .checkins = x->rep_checkins,
                             .goals = x->rep_goals,
                             .from = x->rep_from,
                             .to = today,
                             .risk = tr_share_risk,
                             .risk_user = app->pack};
    if (tr_care_report(&s, &s.pin, &o, now, &res, &err) != TR_OK)
        goto fail;
    /* the report's number is kept before the file is written: a number is never used twice */
    cJSON *rec = cJSON_Parse(res.record);
    if (!rec || tu_records_append(&app->records, rec, &err) != 0)
        goto fail;
    snprintf(name, sizeof name, "trinn-rapport-%.10s-%s.trinn-rapport", now, res.report_id);
    if (tp_path_join(path, sizeof path, x->rep_folder, name) != 0 ||
        tp_fs_write_atomic(path, res.file, res.file_len) != 0) {
        tr_error_set(&err, TR_E_IO, "%s: could not write the file", path);
        goto fail;
    }
    snprintf(x->rep_written, sizeof x->rep_written, "%s", path);
    x->rep_sent = res.n_records;
    x->rep_risk = res.n_risk;
    x->rep_view = TU_REP_DONE;
    goto done;
fail:
    snprintf(x->rep_problem, sizeof x->rep_problem, "%s", T(app, "exch.rep.failed"));
    snprintf(x->rep_detail, sizeof x->rep_detail, "%s", err.msg);
done:
    tr_care_report_free(&res);
    tr_care_state_free(&s);
    app->ui.focus = 0;
    app->ui.need_redraw = 1;
}

static void done_view(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    char line[2000], n[32], r[32];
    tu_title(ui, "exch.rep.title", T(app, "exch.rep.done_title"));
    tr_i18n_arg a[] = {{"file", x->rep_written}, {0, 0}};
    tr_i18n_fill(T(app, "exch.rep.done_file"), a, line, sizeof line);
    tu_paragraph(ui, "exch.rep.done.file", line);
    snprintf(n, sizeof n, "%zu", x->rep_sent);
    snprintf(r, sizeof r, "%zu", x->rep_risk);
    tr_i18n_arg b[] = {{"n", n}, {"risk", r}, {0, 0}};
    tr_i18n_fill(T(app, x->rep_risk ? "exch.rep.done_held_risk" : "exch.rep.done_held"), b, line,
                 sizeof line);
    tu_paragraph(ui, "exch.rep.done.held", line);
    tu_card_begin(ui, "exch.rep.deliver");
    tu_label(ui, "exch.rep.deliver.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "exch.rep.deliver_title"));
    tu_alert(ui, "exch.rep.not_sent", T(app, "exch.rep.not_sent"));
    tu_paragraph(ui, "exch.rep.deliver.how", T(app, "exch.rep.deliver_how"));
    tu_paragraph(ui, "exch.rep.deliver.sealed", T(app, "exch.rep.deliver_sealed"));
    tu_card_end(ui);
    if (x->rep_from_risk)
        tu_paragraph(ui, "exch.rep.risk_call", T(app, "exch.rep.risk_call"));
}

void tu_exch_report_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    tr_team_card team;
    if (x->rep_view == TU_REP_DONE) {
        done_view(app);
        return;
    }
    tu_title(ui, "exch.rep.title", T(app, "exch.rep.title"));
    if (!app->prof.open.j || !tu_exch_team(app, &team)) {
        tu_paragraph(ui, "exch.rep.unpaired", T(app, "exch.rep.unpaired"));
        return;
    }
    tu_paragraph(ui, "exch.rep.intro",
                 T(app, x->rep_from_risk ? "exch.rep.intro_risk" : "exch.rep.intro"));
    choices(app);
    if (plan(app) != 0) {
        tu_alert(ui, "exch.rep.problem", x->rep_problem);
        tu_note(ui, "exch.rep.detail", x->rep_detail);
        return;
    }
    preview(app, &team);
    tu_field(ui, &(tu_field_desc){.id = "exch.rep.folder",
                                  .label = T(app, "exch.rep.folder"),
                                  .buf = x->rep_folder,
                                  .size = sizeof x->rep_folder});
    tu_note(ui, "exch.rep.folder.hint", T(app, "exch.rep.folder_hint"));
    if (x->rep_problem[0]) {
        tu_alert(ui, "exch.rep.problem", x->rep_problem);
        if (x->rep_detail[0])
            tu_note(ui, "exch.rep.detail", x->rep_detail);
    }
    if (x->rep_plan.n && tu_button(ui, "exch.rep.make", TU_LOOK_PRIMARY, T(app, "exch.rep.make")))
        make(app);
}

void tu_exch_report_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    int finished = x->rep_view == TU_REP_DONE;
    if (tu_button_at(ui, "exch.rep.back", tu_split(ui, bar, 2, 1),
                     finished ? TU_LOOK_PRIMARY : TU_LOOK_SECONDARY,
                     T(app, finished ? "exch.to_home" : "exch.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_exch_report_free(x);
        tu_app_go(app, TU_SCR_WELCOME);
    }
}
