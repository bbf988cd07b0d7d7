/* tu_scr_exch: taking in an assignment from the therapist (tu_exch.h, core/EXCHANGE.md §6).
 *
 * The file comes from `trinn FILE` (a double-click), a drop on the window, or the inbox: the
 * *.trinn-oppdrag files in the client's Downloads folder. The core verifies it before anything
 * is parsed (tr_care_import). The first file of a team shows the team's fingerprint in five
 * groups of digits to compare with what the therapist said or gave on paper; only when the
 * client says they are the same is the team pinned and the assignment kept. Later files must
 * come from that team. A refusal says why in words and what to do. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_dir.h"
#include "tp_fs.h"
#include "tp_path.h"
#include "tr_json.h"
#include "tr_share.h"
#include "tu_app.h"
#include "tu_date.h"

static const char OPPDRAG_END[] = ".trinn-oppdrag";

void tu_exch_free(tu_exch *x)
{
    free(x->data);
    x->data = NULL;
    x->len = 0;
    x->waiting = 0;
}

static void fill(tu_app *app, const char *key, const char *name, const char *value, char *buf,
                 size_t size)
{
    tr_i18n_arg args[] = {{name, value}, {NULL, NULL}};
    tr_i18n_fill(T(app, key), args, buf, size);
}

static const char *base_name(const char *path)
{
    const char *b = path;
    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            b = p + 1;
    return b;
}

/* The folders the inbox lists: the client's Downloads folder, where e-mail attachments and
 * files from Helsenorge land. */
static void inbox_list(tu_app *app)
{
    tu_exch *x = &app->exch;
    x->n_dirs = 0;
    x->n_inbox = 0;
    if (tp_path_downloads_dir(x->inbox_dirs[0], sizeof x->inbox_dirs[0]) == 0)
        x->n_dirs = 1;
    for (int d = 0; d < x->n_dirs; d++) {
        char **names = NULL;
        size_t n = 0;
        if (tp_dir_list(x->inbox_dirs[d], OPPDRAG_END, &names, &n) != 0)
            continue; /* no such folder: nothing in it */
        for (size_t i = 0; i < n && x->n_inbox < TU_EXCH_INBOX_MAX; i++)
            if (tp_path_join(x->inbox[x->n_inbox], sizeof x->inbox[0], x->inbox_dirs[d],
                             names[i]) == 0)
                x->n_inbox++;
        tp_dir_names_free(names, n);
    }
    x->inbox_listed = 1;
}

int tu_exch_keep(tu_app *app, const char *record, tr_error *err)
{
    /* the core made the record; it is read back by the core's parser, never here */
    cJSON *rec = tr_json_parse(record, strlen(record), "record", err);
    if (!rec)
        return -1;
    return tu_records_append(&app->records, rec, err);
}

void tu_exch_hub(tu_app *app)
{
    tu_exch_free(&app->exch);
    app->exch.view = TU_EXCH_HUB;
    app->exch.inbox_listed = 0;
    tu_app_go(app, TU_SCR_EXCH);
}

/* Hands the file to the core with the client's answer (trust: the fingerprint they confirmed,
 * or NULL for the first look) and shows what it said. */
static void take_in(tu_app *app, const char *trust)
{
    tu_exch *x = &app->exch;
    tr_care_state s;
    tr_care_import_result res = {0};
    tr_error err = {0};
    x->save_error = 0;
    x->pinned[0] = 0;
    if (tr_share_state(app->prof.open.j, &s, &err) != TR_OK) {
        x->why = TR_EXCH_INTERNAL;
        x->save_error = 1;
        snprintf(x->detail, sizeof x->detail, "%s", err.msg);
        x->view = TU_EXCH_REFUSED;
        goto done;
    }
    int had_pin = s.has_pin;
    if (s.has_pin)
        snprintf(x->pinned, sizeof x->pinned, "%s", s.pin.service);
    tr_status st =
        tr_care_import(&s, (const uint8_t *)x->data, x->len, tp_clock_now(), trust, &res, &err);
    snprintf(x->fingerprint, sizeof x->fingerprint, "%s", res.fingerprint);
    snprintf(x->service, sizeof x->service, "%s", res.team_service);
    if (st != TR_OK) {
        x->why = res.why != TR_EXCH_OK ? res.why : TR_EXCH_INTERNAL;
        x->view = TU_EXCH_REFUSED;
    } else if (res.needs_trust) {
        x->view = TU_EXCH_CONFIRM;
    } else {
        /* the pin first: an assignment is only ever kept with the team it came from */
        const char *recs[] = {res.pin_record, res.record};
        for (int i = 0; i < 2; i++) {
            if (recs[i] && tu_exch_keep(app, recs[i], &err) != 0) {
                x->save_error = 1;
                snprintf(x->detail, sizeof x->detail, "%s", err.msg);
                x->view = TU_EXCH_REFUSED;
                goto done;
            }
        }
        /* a new pin for a paired client is the core's verdict on a key rotation */
        x->first = res.pin_record != NULL && !had_pin;
        x->rotated = res.pin_record != NULL && had_pin;
        snprintf(x->expires, sizeof x->expires, "%s", res.expires);
        x->view = TU_EXCH_DONE;
    }
done:
    if (x->view != TU_EXCH_CONFIRM)
        tu_exch_free(x); /* decided: the bytes are not needed again */
    tr_care_import_free(&res);
    tr_care_state_free(&s);
    app->ui.focus = 0;
    app->ui.need_redraw = 1;
}

void tu_exch_after_unlock(tu_app *app)
{
    tu_exch *x = &app->exch;
    tu_app_go(app, TU_SCR_EXCH);
    if (x->waiting && app->prof.open.j) {
        x->waiting = 0;
        take_in(app, NULL);
    }
}

void tu_exch_open(tu_app *app, const char *path)
{
    tu_exch *x = &app->exch;
    tu_exch_free(x);
    memset(x->detail, 0, sizeof x->detail);
    x->read_error = 0;
    x->save_error = 0;
    snprintf(x->name, sizeof x->name, "%s", base_name(path));
    int rc = tp_fs_read_file(path, TR_EXCH_MAX_FILE, &x->data, &x->len);
    if (rc != 0) {
        /* too large to be an assignment, a folder, gone: said in words */
        x->read_error = rc == -EFBIG ? 2 : 1;
        x->why = TR_EXCH_NOT_ASSIGNMENT;
        x->view = TU_EXCH_REFUSED;
        tu_app_go(app, TU_SCR_EXCH);
        return;
    }
    x->waiting = 1;
    if (!app->prof.open.j) {
        /* verifying and remembering the team need the client's profile: open it first */
        x->view = TU_EXCH_HUB;
        tu_app_go(app, TU_SCR_EXCH);
        return;
    }
    tu_exch_after_unlock(app);
}

int tu_exch_team(tu_app *app, tr_team_card *card)
{
    tu_exch *x = &app->exch;
    if (!app->prof.open.j)
        return 0;
    if (x->team_gen != app->records.gen + 1) {
        tr_care_state s;
        tr_error err = {0};
        x->has_team = 0;
        if (tr_share_state(app->prof.open.j, &s, &err) == TR_OK) {
            x->has_team = s.has_pin;
            x->team = s.pin;
            tr_care_state_free(&s);
        }
        x->team_gen = app->records.gen + 1;
    }
    if (card && x->has_team)
        *card = x->team;
    return x->has_team;
}

void tu_exch_team_card(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tr_team_card c;
    char line[800];
    if (!tu_exch_team(app, &c))
        return;
    tu_card_begin(ui, "exch.team");
    tu_label(ui, "exch.team.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "exch.team_title"));
    tr_i18n_arg args[] = {{"service", c.service}, {"therapist", c.therapist}, {0, 0}};
    tr_i18n_fill(T(app, c.therapist[0] ? "exch.team_who" : "exch.team_service"), args, line,
                 sizeof line);
    tu_paragraph(ui, "exch.team.who", line);
    if (c.phone[0]) {
        tr_i18n_arg pa[] = {{"phone", c.phone}, {"hours", c.hours}, {0, 0}};
        tr_i18n_fill(T(app, c.hours[0] ? "exch.team_phone_hours" : "exch.team_phone"), pa, line,
                     sizeof line);
        tu_paragraph(ui, "exch.team.phone", line);
    }
    fill(app, "exch.team_fingerprint", "fingerprint", c.fingerprint, line, sizeof line);
    tu_note(ui, "exch.team.fingerprint", line);
    tu_card_end(ui);
}

void tu_exch_end_guest(tu_app *app)
{
    tu_exch keep = app->exch; /* the waiting file outlives the guest session */
    memset(&app->exch, 0, sizeof app->exch);
    tu_profile_lock(app);
    app->exch = keep;
    app->exch.team_gen = 0;
    if (tu_profile_gate(app, TU_PROF_NEXT_EXCH))
        tu_exch_after_unlock(app);
}

void tu_exch_home(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    if (!app->prof.open.j || app->prof.open.info.kind != TR_PROFILE_CLIENT)
        return;
    int paired = tu_exch_team(app, NULL);
    tu_card_begin(ui, "home.exch");
    tu_label(ui, "home.exch.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "exch.home_title"));
    tu_paragraph(ui, "home.exch.text", T(app, paired ? "exch.home_paired" : "exch.home_text"));
    if (tu_button(ui, "home.exch.open", TU_LOOK_SECONDARY, T(app, "exch.home_open")))
        tu_exch_hub(app);
    tu_card_end(ui);
}

/* ---- the screen -------------------------------------------------------------------------- */

static void heading(tu_app *app, const char *id, const char *key)
{
    tu_title(&app->ui, id, T(app, key));
}

/* No profile open (or a guest): the file waits; the way to open one. */
static void need_profile(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    char line[600];
    heading(app, "exch.title", "exch.in_title");
    fill(app, "exch.file", "name", app->exch.name, line, sizeof line);
    tu_paragraph(ui, "exch.file", line);
    tu_paragraph(ui, "exch.need_profile",
                 T(app, app->prof.guest ? "exch.need_profile_guest" : "exch.need_profile"));
    if (tu_button(ui, "exch.unlock", TU_LOOK_PRIMARY,
                  T(app, app->prof.guest ? "exch.end_guest" : "exch.unlock"))) {
        if (app->prof.guest)
            tu_confirm(app, "confirm.end_guest", tu_exch_end_guest);
        else if (tu_profile_gate(app, TU_PROF_NEXT_EXCH))
            tu_exch_after_unlock(app);
    }
}

static void inbox_card(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    char line[1400];
    if (!x->inbox_listed)
        inbox_list(app);
    tu_card_begin(ui, "exch.inbox");
    tu_label(ui, "exch.inbox.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "exch.inbox_title"));
    fill(app, "exch.inbox_where", "folder", x->n_dirs ? x->inbox_dirs[0] : "?", line, sizeof line);
    tu_paragraph(ui, "exch.inbox.where", line);
    for (int i = 0; i < x->n_inbox; i++) {
        char id[32];
        snprintf(id, sizeof id, "exch.inbox.%d", i);
        if (tu_button(ui, id, TU_LOOK_SECONDARY, base_name(x->inbox[i]))) {
            char path[1024];
            snprintf(path, sizeof path, "%s", x->inbox[i]);
            tu_exch_open(app, path);
            tu_card_end(ui);
            return;
        }
    }
    if (x->n_inbox == 0)
        tu_note(ui, "exch.inbox.none", T(app, "exch.inbox_none"));
    tu_note(ui, "exch.inbox.other", T(app, "exch.inbox_other"));
    if (tu_button(ui, "exch.inbox.again", TU_LOOK_SECONDARY, T(app, "exch.inbox_again")))
        x->inbox_listed = 0;
    tu_card_end(ui);
}

static void hub(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    heading(app, "exch.title", "exch.hub_title");
    tu_paragraph(ui, "exch.hub.text", T(app, "exch.hub_text"));
    tu_exch_team_card(app);
    if (tu_exch_team(app, NULL)) {
        tu_card_begin(ui, "exch.report.card");
        tu_label(ui, "exch.report.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, T(app, "exch.report_title"));
        tu_paragraph(ui, "exch.report.text", T(app, "exch.report_text"));
        if (tu_button(ui, "exch.report", TU_LOOK_PRIMARY, T(app, "exch.report_open"))) {
            tu_card_end(ui);
            tu_exch_report_open(app, 0);
            return;
        }
        tu_card_end(ui);
    }
    inbox_card(app);
}

/* The fingerprint to compare: the team's name, the five groups large, what to do. */
static void confirm(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    char line[800];
    heading(app, "exch.title", "exch.confirm_title");
    fill(app, "exch.confirm_from", "service", x->service[0] ? x->service : "?", line, sizeof line);
    tu_paragraph(ui, "exch.confirm.from", line);
    tu_paragraph(ui, "exch.confirm.how", T(app, "exch.confirm_how"));
    tu_card_begin(ui, "exch.fingerprint.card");
    tu_label(ui, "exch.fingerprint", TU_FONT_STRONG, ui->style.title_size, ui->style.text,
             x->fingerprint);
    tu_card_end(ui);
    tu_paragraph(ui, "exch.confirm.why", T(app, "exch.confirm_why"));
    const char *both[] = {T(app, "exch.trust"), T(app, "exch.distrust")};
    tu_rect row = tu_next_row(ui, 2, both);
    if (tu_button_at(ui, "exch.trust", tu_split(ui, row, 2, 0), TU_LOOK_PRIMARY, both[0])) {
        char fpr[TR_FPR_TEXT];
        snprintf(fpr, sizeof fpr, "%s", x->fingerprint);
        take_in(app, fpr);
        return;
    }
    if (tu_button_at(ui, "exch.distrust", tu_split(ui, row, 2, 1), TU_LOOK_SECONDARY, both[1])) {
        tu_exch_free(x);
        x->view = TU_EXCH_DECLINED;
        ui->focus = 0;
        ui->need_redraw = 1;
    }
}

static void refused(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    char key[64], line[1400];
    heading(app, "exch.title", x->save_error ? "exch.unsaved_title" : "exch.refused_title");
    fill(app, "exch.file", "name", x->name, line, sizeof line);
    tu_paragraph(ui, "exch.file", line);
    if (x->save_error) {
        tu_alert(ui, "exch.refused.why", T(app, "exch.unsaved"));
        tu_note(ui, "exch.refused.detail", x->detail);
        return;
    }
    if (x->read_error)
        snprintf(key, sizeof key, "exch.why.%s", x->read_error == 2 ? "too_big" : "unreadable");
    else
        snprintf(key, sizeof key, "exch.why.%s", tr_exch_why_name(x->why));
    if (strcmp(T(app, key), key) == 0) /* a reason with no words of its own */
        snprintf(key, sizeof key, "exch.why.not_assignment");
    fill(app, key, "team", x->pinned[0] ? x->pinned : "?", line, sizeof line);
    tu_alert(ui, "exch.refused.why", line);
    tu_paragraph(ui, "exch.refused.nothing", T(app, "exch.refused_nothing"));
}

static void done(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    char line[800], date[128];
    heading(app, "exch.title", "exch.done_title");
    int64_t t = 0;
    if (tp_clock_parse_date(x->expires, &t) == 0)
        tu_date_format(&app->lang, t, 0, date, sizeof date);
    else
        snprintf(date, sizeof date, "%s", x->expires);
    tr_i18n_arg args[] = {{"service", x->service[0] ? x->service : "?"}, {"date", date}, {0, 0}};
    tr_i18n_fill(T(app, "exch.done_text"), args, line, sizeof line);
    tu_paragraph(ui, "exch.done.text", line);
    if (x->first)
        tu_paragraph(ui, "exch.done.pinned", T(app, "exch.done_pinned"));
    if (x->rotated) {
        fill(app, "exch.done_rotated", "fingerprint", x->fingerprint, line, sizeof line);
        tu_paragraph(ui, "exch.done.rotated", line);
    }
    tu_paragraph(ui, "exch.done.home", T(app, "exch.done_home"));
}

void tu_exch_body(tu_app *app)
{
    tu_exch *x = &app->exch;
    if (x->waiting && (!app->prof.open.j || app->prof.guest)) {
        need_profile(app);
        return;
    }
    switch (x->view) {
    case TU_EXCH_HUB:
        hub(app);
        break;
    case TU_EXCH_CONFIRM:
        confirm(app);
        break;
    case TU_EXCH_REFUSED:
        refused(app);
        break;
    case TU_EXCH_DONE:
        done(app);
        break;
    case TU_EXCH_DECLINED:
        heading(app, "exch.title", "exch.declined_title");
        tu_alert(&app->ui, "exch.declined", T(app, "exch.declined"));
        break;
    }
}

void tu_exch_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_exch *x = &app->exch;
    int finished = x->view == TU_EXCH_DONE;
    if (tu_button_at(ui, "exch.back", tu_split(ui, bar, 2, 1),
                     finished ? TU_LOOK_PRIMARY : TU_LOOK_SECONDARY,
                     T(app, finished ? "exch.to_home" : "exch.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_exch_free(x); /* a file not taken in stays where it was: nothing is kept of it */
        x->view = TU_EXCH_HUB;
        tu_app_go(app, TU_SCR_WELCOME);
    }
}

/* ---- risk reaches a person (on the result, tu_scr_result.c's risk section) ---------------- */

void tu_exch_risk_card_for(tu_app *app, int acute, int from, tu_exch_ready_fn ready)
{
    tu_ctx *ui = &app->ui;
    tr_team_card c;
    char line[800];
    int paired = !app->prof.guest && tu_exch_team(app, &c);
    tu_card_begin(ui, "exch.risk");
    tu_label(ui, "exch.risk.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, paired ? "exch.team_title" : "exch.risk.alone_title"));
    if (!paired) {
        /* no team in Trinn (or a guest): nothing is sent anywhere; what to do oneself */
        tu_paragraph(ui, "exch.risk.alone", T(app, "exch.risk.alone"));
        tu_card_end(ui);
        return;
    }
    tr_i18n_arg who[] = {{"service", c.service}, {"therapist", c.therapist}, {0, 0}};
    tr_i18n_fill(T(app, c.therapist[0] ? "exch.team_who" : "exch.team_service"), who, line,
                 sizeof line);
    tu_paragraph(ui, "exch.risk.who", line);
    if (c.phone[0]) {
        tr_i18n_arg pa[] = {{"phone", c.phone}, {"hours", c.hours}, {0, 0}};
        tr_i18n_fill(T(app, c.hours[0] ? "exch.team_phone_hours" : "exch.team_phone"), pa, line,
                     sizeof line);
        tu_label(ui, "exch.risk.phone", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 acute ? ui->style.danger : ui->style.primary, line);
    }
    /* at acute risk the numbers lead: the file comes after, and is said not to be help now */
    tu_paragraph(ui, "exch.risk.send_text",
                 T(app, acute ? "exch.risk.send_text_acute" : "exch.risk.send_text"));
    if (ready && tu_button(ui, "exch.risk.send", acute ? TU_LOOK_SECONDARY : TU_LOOK_PRIMARY,
                           T(app, "exch.risk.send"))) {
        /* the report carries what was just answered: it is saved first (its failure is shown
         * by the screen that saves it) */
        if (ready(app) == 0) {
            tu_card_end(ui);
            tu_exch_report_open(app, from);
            return;
        }
    }
    tu_card_end(ui);
}

/* The self-assessment's result is saved before its report is made. */
static int result_ready(tu_app *app)
{
    return app->res.saved || tu_result_save(app) == 0 ? 0 : -1;
}

void tu_exch_risk_card(tu_app *app)
{
    tu_exch_risk_card_for(app, app->res.have && app->res.tri.risk == TR_RISK_ACUTE,
                          TU_REP_FROM_RESULT, app->res.have ? result_ready : NULL);
}
