/* tu_scr_team_assign: writing an assignment in the app: the client's id, the modules (in the
 * order they are ticked, or any order), the measures and how often, homework, the next
 * appointment and the expiry; then a signed .trinn-oppdrag (tr_caseload_assign: numbered, and
 * the number kept in the team's journal before the file exists) written into the folder the
 * therapist chose, with plain words on how to hand it over. */
#include "tu_app.h"
#include "tu_team.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tp_clock.h"
#include "tp_fs.h"
#include "tp_path.h"

static const char *const EVERY[] = {"weekly", "fortnightly", "monthly"};

static const char *lang_code(const tu_app *app)
{
    return tu_lang_codes[app->lang.cur];
}

/* Fills the form's defaults once per visit: expiry in 90 days, the downloads folder. */
static void defaults(tu_app *app)
{
    tu_team *t = &app->team;
    if (t->a_ready)
        return;
    t->a_ready = 1;
    if (!t->a_expires[0])
        tp_clock_format_date(tp_clock_now() + 90 * 86400, t->a_expires, sizeof t->a_expires);
    if (!t->a_out[0] && tp_path_downloads_dir(t->a_out, sizeof t->a_out) != 0)
        t->a_out[0] = 0;
    for (int i = 0; i < TU_TEAM_MEASURES; i++)
        if (!t->a_meas_set) {
            t->a_meas_on[i] = 1; /* the routine pair, weekly: the usual plan */
            t->a_meas_every[i] = 0;
        }
    t->a_meas_set = 1;
}

static void problem(tu_app *app, const char *field, const char *text)
{
    tu_team *t = &app->team;
    snprintf(t->a_problem, sizeof t->a_problem, "%s", text);
    snprintf(t->a_field, sizeof t->a_field, "%s", field);
    tu_focus_request(&app->ui, field[0] ? field : "team.assign.problem");
}

/* "YYYY-MM-DD HH:MM" in local time as an ISO 8601 UTC time; 0, or -1 when it is no such time. */
static int appointment(const char *text, char *iso, size_t size)
{
    int y, mo, d, h, mi;
    char tail;
    if (sscanf(text, "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5 || h > 23 ||
        mi > 59 || h < 0 || mi < 0)
        return -1;
    char day[11];
    snprintf(day, sizeof day, "%04d-%02d-%02d", y, mo, d);
    if (tp_clock_parse_date(day, NULL) != 0)
        return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    if (t == (time_t)-1)
        return -1;
    return tp_clock_format((int64_t)t, iso, size) == 0 ? 0 : -1;
}

/* How many assignments this profile made for client so far. */
static size_t assigned(const tr_care_state *s, const char *client)
{
    for (size_t i = 0; i < s->n_clients; i++)
        if (strcmp(s->clients[i].id, client) == 0)
            return s->clients[i].n_assigned;
    return 0;
}

static void submit(tu_app *app)
{
    tu_team *t = &app->team;
    const char *mods[64], *meas[TU_TEAM_MEASURES];
    char meas_buf[TU_TEAM_MEASURES][TR_TRACK_ID_MAX + 16], next[32] = "", now[32],
                                                           path[TU_TEAM_PATH + 120];
    size_t n_mods = 0, n_meas = 0, len = 0;
    char *file = NULL;
    tr_error err = {0};
    t->a_problem[0] = t->a_field[0] = t->a_written[0] = 0;
    if (!tr_exch_id_ok(t->a_client)) {
        problem(app, "team.assign.client", T(app, "team.assign.err.client"));
        return;
    }
    /* the modules in the order they were ticked */
    for (int order = 1; order <= t->a_next_order; order++)
        for (size_t i = 0; i < app->mods.n && i < 64; i++)
            if (t->a_mod_order[i] == order)
                mods[n_mods++] = app->mods.mods[i]->id;
    for (size_t i = 0; i < app->trk.cfg.n_measures && i < TU_TEAM_MEASURES; i++)
        if (t->a_meas_on[i]) {
            snprintf(meas_buf[n_meas], sizeof meas_buf[0], "%s:%s",
                     app->trk.cfg.measures[i].instrument, EVERY[t->a_meas_every[i]]);
            meas[n_meas] = meas_buf[n_meas];
            n_meas++;
        }
    if (n_mods == 0 && n_meas == 0 && !t->a_homework[0]) {
        problem(app, "", T(app, "team.assign.err.empty"));
        return;
    }
    if (t->a_next[0] && appointment(t->a_next, next, sizeof next) != 0) {
        problem(app, "team.assign.next", T(app, "team.assign.err.next"));
        return;
    }
    if (tp_clock_parse_date(t->a_expires, NULL) != 0) {
        problem(app, "team.assign.expires", T(app, "team.assign.err.expires"));
        return;
    }
    if (!t->a_out[0] || !tp_fs_is_dir(t->a_out)) {
        problem(app, "team.assign.out", T(app, "team.assign.err.out"));
        return;
    }
    tp_clock_format(tp_clock_now(), now, sizeof now);
    uint64_t seq = 0;
    tr_care_assign_opts o = {.client = t->a_client,
                             .modules = mods,
                             .n_modules = n_mods,
                             .ordered = t->a_ordered,
                             .homework = t->a_homework[0] ? t->a_homework : NULL,
                             .measures = meas,
                             .n_measures = n_meas,
                             .expires = t->a_expires,
                             .next_appointment = next[0] ? next : NULL};
    if (tr_caseload_assign(&app->prof.open, &t->cl.care, &o, now, &file, &len, &seq, &err) !=
        TR_OK) {
        tr_i18n_arg args[] = {{"detail", err.msg}, {NULL, NULL}};
        char line[1100];
        tr_i18n_fill(T(app, "team.assign.err.make"), args, line, sizeof line);
        problem(app, "", line);
        return;
    }
    /* the file is named by how many assignments this therapist made for the client (the
     * signed number is time-based, core/EXCHANGE.md §6), the next free name in the folder: a
     * colleague's file in a shared folder is never overwritten */
    size_t nth = assigned(&t->cl.care, t->a_client) + 1;
    int rc = -1;
    for (size_t k = nth; rc != 0 && k < nth + 1000; k++) {
        char name[TR_EXCH_ID_MAX + 48];
        snprintf(name, sizeof name, "%s-%zu.trinn-oppdrag", t->a_client, k);
        rc = tp_path_join(path, sizeof path, t->a_out, name);
        if (rc == 0 && tp_fs_exists(path))
            rc = -1;
    }
    if (rc == 0)
        rc = tp_fs_write_atomic(path, file, len);
    free(file);
    tu_team_load(app); /* the client and its number are in the list now */
    if (rc != 0) {
        tr_i18n_arg args[] = {{"file", path}, {NULL, NULL}};
        char line[1100];
        tr_i18n_fill(T(app, "team.assign.err.write"), args, line, sizeof line);
        problem(app, "team.assign.out", line);
        return;
    }
    char num[24];
    snprintf(num, sizeof num, "%zu", nth);
    tr_i18n_arg args[] = {{"file", path},
                          {"seq", num},
                          {"client", t->a_client},
                          {"fingerprint", t->cl.care.card.fingerprint},
                          {NULL, NULL}};
    tr_i18n_fill(T(app, nth == 1 ? "team.assign.written_first" : "team.assign.written"), args,
                 t->a_written, sizeof t->a_written);
    tu_focus_request(&app->ui, "team.assign.written");
}

static void modules(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    tu_label(ui, "team.assign.modules", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.assign_modules"));
    tu_mods_find(app, ""); /* loads the modules once */
    for (size_t i = 0; i < app->mods.n && i < 64; i++) {
        const tr_module *m = app->mods.mods[i];
        char id[96], label[400];
        int on = t->a_mod_order[i] > 0;
        if (on && t->a_ordered)
            snprintf(label, sizeof label, "%d. %s", t->a_mod_order[i],
                     tr_module_text(m->title, lang_code(app)));
        else
            snprintf(label, sizeof label, "%s", tr_module_text(m->title, lang_code(app)));
        snprintf(id, sizeof id, "team.assign.module.%s", m->id);
        if (tu_checkbox(ui, id, label, &on)) {
            if (on) {
                t->a_mod_order[i] = ++t->a_next_order;
            } else { /* the ones after it move up */
                int was = t->a_mod_order[i];
                t->a_mod_order[i] = 0;
                for (size_t k = 0; k < 64; k++)
                    if (t->a_mod_order[k] > was)
                        t->a_mod_order[k]--;
                t->a_next_order--;
            }
        }
    }
    tu_checkbox(ui, "team.assign.ordered", T(app, "team.assign_ordered"), &t->a_ordered);
}

static void measures(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    tu_label(ui, "team.assign.measures", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.assign_measures"));
    if (!tu_trk_update(app))
        return;
    for (size_t i = 0; i < app->trk.cfg.n_measures && i < TU_TEAM_MEASURES; i++) {
        const char *inst_id = app->trk.cfg.measures[i].instrument;
        const tr_inst *inst = tr_content_find_inst(app->pack, inst_id);
        const char *name = inst ? tr_content_text(app->pack, &inst->name, lang_code(app)) : inst_id;
        char id[96];
        snprintf(id, sizeof id, "team.assign.measure.%s", inst_id);
        tu_checkbox(ui, id, name, &t->a_meas_on[i]);
        if (!t->a_meas_on[i])
            continue;
        for (int e = 0; e < 3; e++) {
            char key[64];
            snprintf(id, sizeof id, "team.assign.measure.%s.%s", inst_id, EVERY[e]);
            snprintf(key, sizeof key, "team.assign_every.%s", EVERY[e]);
            if (tu_radio(ui, id, T(app, key), t->a_meas_every[i] == e))
                t->a_meas_every[i] = e;
        }
    }
}

static int field(tu_app *app, const char *id, const char *label, char *buf, size_t size, int lines)
{
    tu_team *t = &app->team;
    return tu_field(&app->ui,
                    &(tu_field_desc){.id = id,
                                     .label = T(app, label),
                                     .buf = buf,
                                     .size = size,
                                     .lines = lines,
                                     .error = strcmp(t->a_field, id) == 0 ? t->a_problem : NULL});
}

void tu_team_assign_body(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    tu_title(ui, "team.assign.title", T(app, "team.assign_title"));
    if (!t->loaded && !tu_team_load(app)) {
        tu_alert(ui, "team.problem", t->problem);
        return;
    }
    defaults(app);
    if (t->a_written[0]) {
        tu_card_begin(ui, "team.assign.done");
        tu_paragraph(ui, "team.assign.written", t->a_written);
        tu_card_end(ui);
    }
    if (t->a_problem[0] && !t->a_field[0])
        tu_alert(ui, "team.assign.problem", t->a_problem);
    tu_paragraph(ui, "team.assign.intro", T(app, "team.assign_intro"));
    field(app, "team.assign.client", "team.assign_client", t->a_client, sizeof t->a_client, 1);
    modules(app);
    measures(app);
    field(app, "team.assign.homework", "team.assign_homework", t->a_homework, sizeof t->a_homework,
          3);
    field(app, "team.assign.next", "team.assign_next", t->a_next, sizeof t->a_next, 1);
    field(app, "team.assign.expires", "team.assign_expires", t->a_expires, sizeof t->a_expires, 1);
    field(app, "team.assign.out", "team.assign_out", t->a_out, sizeof t->a_out, 1);
    tu_note(ui, "team.assign.out.note", T(app, "team.assign_out_note"));
}

void tu_team_assign_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_team *t = &app->team;
    if (tu_button_at(ui, "team.assign.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        t->a_ready = 0;
        tu_app_go(app, TU_SCR_TEAM);
        return;
    }
    if (tu_button_at(ui, "team.assign.make", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, "team.assign_make")))
        submit(app);
}
