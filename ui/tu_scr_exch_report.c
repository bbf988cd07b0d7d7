/* tu_scr_exch_report: a report for the team (tu_exch.h, core/EXCHANGE.md §7).
 *
 * The client chooses what to share (a box a kind of the core's table tr_care_kinds: measures,
 * the assessment and chosen level, check-ins, the medication log; and the entries of each
 * module) and a range (quick choices, or their own from-to dates read by the one date rule),
 * and sees, record by record in words, the range and what will be sent: the core's plan
 * (tr_share_draft, typed lines; no JSON here), which also takes every record in the range that
 * carries a risk flag, whatever was chosen; the screen says so. The report is then sealed to
 * the paired team's card (tr_care_report: only that team can open it) and written to a folder
 * the client chooses (their Downloads folder first), with plain words on how to deliver it and
 * the truth that it reaches no one until it is delivered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tp_clock.h"
#include "tp_fs.h"
#include "tp_path.h"
#include "tu_app.h"
#include "tu_date.h"
#include "tu_mod_priv.h"

/* The quick ranges, in days back from today (0 = everything); the last choice is the client's
 * own dates (TU_REP_RANGE_OWN). */
static const int RANGE_DAYS[] = {14, 31, 92, 0};
static const char *const RANGE_IDS[TU_REP_RANGES] = {"exch.rep.range.0", "exch.rep.range.1",
                                                     "exch.rep.range.2", "exch.rep.range.3",
                                                     "exch.rep.range.own"};
#define SHOWN_LINES 40 /* lines of the list in words before "and n more" */

void tu_exch_report_free(tu_exch *x)
{
    tr_share_draft_free(&x->rep_draft);
    x->rep_gathered = 0;
}

/* The row of kind name in the table (tr_care_kinds), or -1. */
static int kind_row(const char *name)
{
    const tr_care_kind *k = tr_care_kind_named(name);
    return k ? (int)(k - tr_care_kinds) : -1;
}

void tu_exch_report_open(tu_app *app, int from)
{
    tu_exch *x = &app->exch;
    tu_exch_report_free(x);
    x->rep_view = TU_REP_CHOOSE;
    x->rep_from_where = from;
    memset(x->rep_kind, 0, sizeof x->rep_kind);
    /* from the hub: the questionnaires and the assessment; from a risk result: what was just
     * answered (anything else with a risk flag in the range goes anyway) */
    int measures = kind_row("measures"), assessment = kind_row("assessment");
    if (measures >= 0)
        x->rep_kind[measures] = from != TU_REP_FROM_RESULT;
    if (assessment >= 0)
        x->rep_kind[assessment] = from != TU_REP_FROM_MEASURE;
    x->rep_range = 0;
    x->rep_own_from[0] = x->rep_own_to[0] = x->rep_range_problem[0] = 0;
    x->n_rep_mod = 0;
    x->rep_dirty = 1;
    x->rep_problem[0] = x->rep_detail[0] = x->rep_written[0] = 0;
    if (tp_path_downloads_dir(x->rep_folder, sizeof x->rep_folder) != 0)
        x->rep_folder[0] = 0;
    tu_app_go(app, TU_SCR_EXCH_REPORT);
}

/* Local midnight of an ISO day (Unix seconds), or -1. */
static int64_t local_midnight(const char *iso)
{
    int y, m, d;
    if (tp_clock_parse_date(iso, NULL) != 0 || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return -1;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_isdst = -1};
    time_t t = mktime(&tm);
    return t == (time_t)-1 ? -1 : (int64_t)t;
}

/* Today's local date as ISO into buf (11 bytes). */
static void local_day(int64_t t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm *tm = localtime(&tt);
    if (!tm || !strftime(buf, size, "%Y-%m-%d", tm))
        tp_clock_format_date(t, buf, size);
}

/* The range chosen, as Unix seconds to read and ISO days to send; for the own dates, what is
 * wrong with them (x->rep_range_problem, then -1). */
static int range_of(tu_app *app, int64_t *from, int64_t *until)
{
    tu_exch *x = &app->exch;
    int64_t now = tp_clock_now();
    char iso_from[11], iso_to[11];
    *from = *until = 0;
    x->rep_range_problem[0] = 0;
    x->rep_range_bad = 0;
    local_day(now, x->rep_to, sizeof x->rep_to);
    x->rep_from[0] = 0;
    if (x->rep_range < TU_REP_RANGE_OWN) {
        if (RANGE_DAYS[x->rep_range]) {
            local_day(now - (int64_t)RANGE_DAYS[x->rep_range] * 86400, x->rep_from,
                      sizeof x->rep_from);
            *from = local_midnight(x->rep_from);
        }
        return 0;
    }
    /* the client's own dates, read by the one date rule (tu_mod_parse_date) */
    int bad_from = tu_mod_parse_date(app, x->rep_own_from, iso_from, sizeof iso_from) != 0;
    int bad_to = tu_mod_parse_date(app, x->rep_own_to, iso_to, sizeof iso_to) != 0;
    const char *key = !x->rep_own_from[0] && !x->rep_own_to[0] ? "exch.rep.own.empty"
                      : bad_from && bad_to                     ? "exch.rep.own.bad_both"
                      : bad_from                               ? "exch.rep.own.bad_from"
                      : bad_to                                 ? "exch.rep.own.bad_to"
                      : strcmp(iso_to, iso_from) < 0           ? "exch.rep.own.reversed"
                      : strcmp(iso_from, x->rep_to) > 0        ? "exch.rep.own.future"
                                                               : NULL;
    if (key) {
        snprintf(x->rep_range_problem, sizeof x->rep_range_problem, "%s", T(app, key));
        /* the field it is about is marked: the start for a start that does not read or lies
         * ahead, the end for an end that does not read or lies before the start */
        x->rep_range_bad = (bad_from || strcmp(key, "exch.rep.own.future") == 0) |
                           (bad_to || strcmp(key, "exch.rep.own.reversed") == 0) << 1;
        if (strcmp(key, "exch.rep.own.empty") == 0)
            x->rep_range_bad = 0;
        return -1;
    }
    snprintf(x->rep_from, sizeof x->rep_from, "%s", iso_from);
    if (strcmp(iso_to, x->rep_to) < 0) /* a day after today is today: nothing lies beyond */
        snprintf(x->rep_to, sizeof x->rep_to, "%s", iso_to);
    *from = local_midnight(x->rep_from);
    *until = local_midnight(x->rep_to) + 86400 - 1;
    if (*from < 0 || *until < 86400 - 1) {
        snprintf(x->rep_range_problem, sizeof x->rep_range_problem, "%s",
                 T(app, "exch.rep.own.bad_both"));
        x->rep_range_bad = 3;
        return -1;
    }
    return 0;
}

/* Reads the records of the range (again when it changed) and lists their modules; keeps the
 * client's module choices for modules still there. 1 = read, 0 = the own dates do not read,
 * -1 = the journal failed (x->rep_problem says so). */
static int gather(tu_app *app)
{
    tu_exch *x = &app->exch;
    tr_error err = {0};
    int64_t from, until;
    if (range_of(app, &from, &until) != 0)
        return 0;
    if (x->rep_gathered && x->rep_from_t == from && x->rep_until_t == until)
        return 1;
    tu_exch_report_free(x);
    if (tr_share_draft_gather(&x->rep_draft, app->prof.open.j, from, until, &err) != TR_OK) {
        snprintf(x->rep_problem, sizeof x->rep_problem, "%s", T(app, "exch.rep.read_failed"));
        snprintf(x->rep_detail, sizeof x->rep_detail, "%s", err.msg);
        return -1;
    }
    x->rep_gathered = 1;
    x->rep_from_t = from;
    x->rep_until_t = until;
    char keep[TU_EXCH_MODS_MAX][TR_EXCH_ID_MAX + 1];
    int keep_on[TU_EXCH_MODS_MAX], n_keep = x->n_rep_mod;
    memcpy(keep, x->rep_mod, sizeof keep);
    memcpy(keep_on, x->rep_mod_on, sizeof keep_on);
    x->n_rep_mod = 0;
    for (size_t m = 0; m < x->rep_draft.n_modules && x->n_rep_mod < TU_EXCH_MODS_MAX; m++) {
        const char *mod = x->rep_draft.modules[m];
        snprintf(x->rep_mod[x->n_rep_mod], sizeof x->rep_mod[0], "%s", mod);
        x->rep_mod_on[x->n_rep_mod] = 0;
        for (int i = 0; i < n_keep; i++)
            if (strcmp(keep[i], mod) == 0)
                x->rep_mod_on[x->n_rep_mod] = keep_on[i];
        x->n_rep_mod++;
    }
    x->rep_dirty = 1;
    app->ui.need_redraw = 1; /* the boxes above were drawn before the modules were known */
    return 1;
}

/* The client's choices as report options (the modules kind: any module ticked). */
static tr_care_report_opts options(tu_app *app)
{
    tu_exch *x = &app->exch;
    tr_care_report_opts o = {
        .from = x->rep_from, .to = x->rep_to, .risk = tr_care_risk_of, .risk_user = app->pack};
    int modules = kind_row("modules"), any_module = 0;
    for (int i = 0; i < x->n_rep_mod; i++)
        any_module |= x->rep_mod_on[i];
    for (size_t k = 0; k < tr_care_n_kinds && k < TU_EXCH_KINDS_MAX; k++)
        *tr_care_kind_flag(&o, &tr_care_kinds[k]) =
            (int)k == modules ? any_module : x->rep_kind[k] != 0;
    return o;
}

/* Plans the report from the choices (the core decides what goes). 1 = planned, 0 = the own
 * dates do not read, -1 = failed. */
static int plan(tu_app *app)
{
    tu_exch *x = &app->exch;
    tr_error err = {0};
    int g = gather(app);
    if (g <= 0)
        return g;
    if (!x->rep_dirty)
        return 1;
    const char *mods[TU_EXCH_MODS_MAX];
    size_t n = 0;
    for (int i = 0; i < x->n_rep_mod; i++)
        if (x->rep_mod_on[i])
            mods[n++] = x->rep_mod[i];
    tr_care_report_opts o = options(app);
    if (tr_share_draft_plan(&x->rep_draft, &o, mods, n, &err) != TR_OK) {
        snprintf(x->rep_problem, sizeof x->rep_problem, "%s", T(app, "exch.rep.read_failed"));
        snprintf(x->rep_detail, sizeof x->rep_detail, "%s", err.msg);
        return -1;
    }
    x->rep_dirty = 0;
    return 1;
}

static const char *module_name(tu_app *app, const char *id)
{
    const tr_module *m = tu_mods_find(app, id);
    const char *t = m ? tr_module_text(m->title, tu_lang_code(&app->lang)) : NULL;
    return t && t[0] ? t : id;
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

/* What will be sent, in words: to whom, the range, the risk rule, each record. */
static void preview(tu_app *app, const tr_team_card *team)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    const tr_share_draft *d = &x->rep_draft;
    char line[1400];
    tu_card_begin(ui, "exch.rep.preview");
    tu_label(ui, "exch.rep.preview.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "exch.rep.preview_title"));
    tr_i18n_arg a[] = {{"service", team->service}, {0, 0}};
    tr_i18n_fill(T(app, "exch.rep.preview_to"), a, line, sizeof line);
    tu_paragraph(ui, "exch.rep.preview.to", line);
    tu_exch_say_range(app, line, sizeof line);
    tu_paragraph(ui, "exch.rep.preview.range", line);
    /* the rule first, always: risk goes along whatever was chosen */
    tu_paragraph(ui, "exch.rep.risk_rule", T(app, "exch.rep.risk_rule"));
    if (d->n_lines == 0) {
        tu_paragraph(ui, "exch.rep.empty", T(app, "exch.rep.empty"));
        tu_card_end(ui);
        return;
    }
    count_line(app, "exch.rep.count", "exch.rep.count", d->n_lines, line, sizeof line);
    size_t shown = d->n_lines < SHOWN_LINES ? d->n_lines : SHOWN_LINES;
    for (size_t i = 0; i < shown; i++) {
        const tr_share_line *l = &d->lines[i];
        char id[48], words[1000];
        tu_exch_say_line(app, l, words, sizeof words);
        if (l->risk) {
            tr_i18n_arg b[] = {{"what", words}, {0, 0}};
            tr_i18n_fill(T(app, "exch.rep.say.risk"), b, line, sizeof line);
        } else {
            snprintf(line, sizeof line, "%s", words);
        }
        snprintf(id, sizeof id, "exch.rep.item.%zu", i);
        tu_paragraph(ui, id, line);
    }
    if (d->n_lines > shown)
        count_line(app, "exch.rep.more", "exch.rep.more", d->n_lines - shown, line, sizeof line);
    if (d->plan.n_forced) /* after the list: the marks it explains are above */
        tu_paragraph(ui, "exch.rep.forced", T(app, "exch.rep.forced"));
    tu_card_end(ui);
}

/* The client's own dates: two fields and how to write them; the preview says the range read. */
static void own_dates(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    int changed = 0;
    changed |= tu_field(ui, &(tu_field_desc){.id = "exch.rep.own.from",
                                             .label = T(app, "exch.rep.own.from"),
                                             .buf = x->rep_own_from,
                                             .size = sizeof x->rep_own_from,
                                             .error = x->rep_range_bad & 1 ? x->rep_range_problem
                                                                           : NULL}) != 0;
    changed |= tu_field(ui, &(tu_field_desc){.id = "exch.rep.own.to",
                                             .label = T(app, "exch.rep.own.to"),
                                             .buf = x->rep_own_to,
                                             .size = sizeof x->rep_own_to,
                                             .error = x->rep_range_bad & 2 ? x->rep_range_problem
                                                                           : NULL}) != 0;
    tu_note(ui, "exch.rep.own.hint", T(app, "exch.rep.own.hint"));
    if (changed)
        ui->need_redraw = 1;
}

static void choices(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    tu_card_begin(ui, "exch.rep.what");
    tu_label(ui, "exch.rep.what.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "exch.rep.what_title"));
    /* one box a kind, in the table's order; the modules kind is a box a module below */
    for (size_t k = 0; k < tr_care_n_kinds && k < TU_EXCH_KINDS_MAX; k++) {
        char id[64];
        if (strcmp(tr_care_kinds[k].name, "modules") == 0)
            continue;
        snprintf(id, sizeof id, "exch.rep.%s", tr_care_kinds[k].name);
        if (strcmp(T(app, id), id) == 0)
            continue; /* a kind the app has no words for is not offered */
        int was = x->rep_kind[k];
        tu_checkbox(ui, id, T(app, id), &x->rep_kind[k]);
        if (was != x->rep_kind[k])
            x->rep_dirty = ui->need_redraw = 1; /* drawn again with the new plan and the box */
    }
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
    for (int i = 0; i < TU_REP_RANGES; i++)
        if (tu_radio(ui, RANGE_IDS[i], T(app, RANGE_IDS[i]), x->rep_range == i) &&
            x->rep_range != i) {
            x->rep_range = i;
            ui->need_redraw = 1;
        }
    if (x->rep_range == TU_REP_RANGE_OWN)
        own_dates(app);
    tu_card_end(ui);
}

/* Seals the plan to the team and writes it; the done view or the problem in words. */
static void make(tu_app *app)
{
    tu_exch *x = &app->exch;
    tr_care_state s = {0};
    tr_care_report_result res = {0};
    tr_error err = {0};
    char now[32], name[160], path[1400];
    x->rep_problem[0] = x->rep_detail[0] = 0;
    if (!x->rep_folder[0] || !tp_fs_is_dir(x->rep_folder)) {
        snprintf(x->rep_problem, sizeof x->rep_problem, "%s", T(app, "exch.rep.no_folder"));
        return;
    }
    tp_clock_format(tp_clock_now(), now, sizeof now);
    if (tr_share_state(app->prof.open.j, &s, &err) != TR_OK ||
        tr_share_keys(&app->prof.open, &s, now, &err) != TR_OK)
        goto fail;
    if (!s.has_pin) {
        tr_error_set(&err, TR_E_INVALID, "no team is paired");
        goto fail;
    }
    tr_care_report_opts o = options(app);
    if (tr_share_draft_seal(&x->rep_draft, &s, &s.pin, &o, now, &res, &err) != TR_OK)
        goto fail;
    /* the report's number is kept before the file is written: a number is never used twice */
    if (tu_exch_keep(app, res.record, &err) != 0)
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
    if (x->rep_from_where != TU_REP_FROM_HUB)
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
                 T(app, x->rep_from_where == TU_REP_FROM_RESULT    ? "exch.rep.intro_risk"
                        : x->rep_from_where == TU_REP_FROM_MEASURE ? "exch.rep.intro_measure"
                                                                   : "exch.rep.intro"));
    choices(app);
    int planned = plan(app);
    if (planned < 0) {
        tu_alert(ui, "exch.rep.problem", x->rep_problem);
        tu_note(ui, "exch.rep.detail", x->rep_detail);
        return;
    }
    if (planned == 0) {
        /* the own dates do not read: nothing to make; the field is marked with what to write
         * (before anything is written, the one line of what to do) */
        if (!x->rep_range_bad)
            tu_paragraph(ui, "exch.rep.own.problem", x->rep_range_problem);
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
    if (x->rep_draft.n_lines &&
        tu_button(ui, "exch.rep.make", TU_LOOK_PRIMARY, T(app, "exch.rep.make")))
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
