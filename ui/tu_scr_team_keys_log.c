/* tu_scr_team_keys_log: this therapist's log (tu_team_keys.h; core/EXCHANGE.md §8, «The log»):
 * every report they opened (which, of which client, when) and every change of the team they
 * made or took, oldest first, in the app's language, and its export as a text file into the
 * folder. The log is as personal as the profile: each therapist sees and exports their own. */
#include "tu_app.h"
#include "tu_team.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"

/* One entry as a line in the app's language into buf. */
static void line_of(tu_app *app, const tr_caseload_log_entry *e, char *buf, size_t size)
{
    char key[64], when[64], seq[24];
    int64_t t = 0;
    if (tp_clock_parse(e->ts, &t) == 0) {
        char date[48], hhmm[8];
        tu_team_date(app, t, date, sizeof date);
        snprintf(hhmm, sizeof hhmm, "%.5s", strchr(e->ts, 'T') ? strchr(e->ts, 'T') + 1 : "");
        snprintf(when, sizeof when, "%s %s UTC", date, hhmm);
    } else {
        snprintf(when, sizeof when, "%s", e->ts);
    }
    snprintf(seq, sizeof seq, "%" PRIu64, e->seq);
    snprintf(key, sizeof key, "keys.log.%s", e->event);
    tr_i18n_arg args[] = {{"when", when}, {"report", e->report}, {"client", e->client},
                          {"seq", seq},   {"by", e->by},         {"member", e->member},
                          {NULL, NULL}};
    tr_i18n_fill(T(app, key), args, buf, size);
}

static void export_log(tu_app *app)
{
    tu_team_keys *k = &app->team.k;
    size_t cap = 512, len = 0;
    char *text, line[1200], name[300], path[TU_KEYS_PATH + 300], date[16];
    tr_i18n_arg head[] = {{"name", app->prof.open.name}, {NULL, NULL}};
    tr_i18n_fill(T(app, "keys.log_head"), head, line, sizeof line);
    cap += strlen(line) + k->log.n * sizeof line;
    if (!(text = malloc(cap)))
        return;
    len += (size_t)snprintf(text, cap, "%s\n\n", line);
    for (size_t i = 0; i < k->log.n; i++) {
        line_of(app, &k->log.entries[i], line, sizeof line);
        len += (size_t)snprintf(text + len, cap - len, "%s\n", line);
    }
    tp_clock_format_date(tp_clock_now(), date, sizeof date);
    snprintf(name, sizeof name, "trinn-logg-%s-%s.txt", app->prof.open.name, date);
    if (tu_team_keys_write(app, name, text, len, path, sizeof path) == 0) {
        tr_i18n_arg args[] = {{"file", path}, {NULL, NULL}};
        tu_team_keys_say(app, 0, "keys.log_written", args);
    }
    free(text);
}

void tu_team_log_body(tu_app *app)
{
    tu_team_keys *k = &app->team.k;
    tu_ctx *ui = &app->ui;
    tr_error err = {0};
    tu_title(ui, "keys.log.title", T(app, "keys.log_title"));
    if (!app->prof.open.j) {
        tu_alert(ui, "team.problem", T(app, "team.err.not_therapist"));
        return;
    }
    if (!k->log_read) {
        k->log_read = 1;
        if (tr_caseload_log_read(&app->prof.open, &k->log, &err) != TR_OK) {
            tr_i18n_arg args[] = {{"detail", err.msg}, {NULL, NULL}};
            tu_team_keys_say(app, 1, "keys.err.log", args);
        }
    }
    tu_team_keys_notice(app);
    tu_paragraph(ui, "keys.log.intro", T(app, "keys.log_intro"));
    if (k->log.n == 0)
        tu_note(ui, "keys.log.none", T(app, "keys.log_none"));
    for (size_t i = 0; i < k->log.n; i++) {
        char id[48], line[1200];
        snprintf(id, sizeof id, "keys.log.%zu", i);
        line_of(app, &k->log.entries[i], line, sizeof line);
        tu_paragraph(ui, id, line);
    }
    tu_card_begin(ui, "keys.log.export.card");
    tu_team_keys_folder(app, NULL);
    if (tu_button(ui, "keys.log.export", TU_LOOK_PRIMARY, T(app, "keys.log_export")))
        export_log(app);
    tu_note(ui, "keys.log.export.note", T(app, "keys.log_export_note"));
    tu_card_end(ui);
}

void tu_team_log_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "keys.log.back", bar, TU_LOOK_SECONDARY, T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_team_keys_free(&app->team.k);
        tu_app_go(app, TU_SCR_TEAM_KEYS);
    }
}
