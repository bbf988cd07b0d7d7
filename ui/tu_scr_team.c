/* tu_scr_team: the therapist's home: what happened to the last report opened, the client list
 * (risk first: a marker that leads the line), «Åpne rapport» (dropped on the window, or listed
 * from an inbox folder), the team card with its fingerprint to read aloud, and the ways to the
 * team's numbers and to a new assignment. */
#include "tu_app.h"
#include "tu_team.h"

#include <stdio.h>
#include <string.h>

#include "tp_dir.h"
#include "tp_path.h"

/* The listing of the inbox folder, made when it changes (not every frame). */
static void list_inbox(tu_app *app)
{
    tu_team *t = &app->team;
    if (!t->inbox_set) {
        t->inbox_set = 1;
        if (tp_path_downloads_dir(t->inbox, sizeof t->inbox) != 0)
            t->inbox[0] = 0;
    }
    if (t->listed)
        return;
    tp_dir_names_free(t->files, t->n_files);
    t->files = NULL;
    t->n_files = 0;
    t->listed = 1;
    if (t->inbox[0])
        tp_dir_list(t->inbox, ".trinn-rapport", &t->files, &t->n_files);
}

static void notice(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    if (!t->notice[0])
        return;
    tu_card_begin(ui, "team.notice.card");
    if (t->notice_bad)
        tu_alert(ui, "team.notice", t->notice);
    else
        tu_paragraph(ui, "team.notice", t->notice);
    tu_card_end(ui);
}

static void clients(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    tu_label(ui, "team.clients.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.clients"));
    if (t->cl.n_clients == 0) {
        tu_paragraph(ui, "team.clients.none", T(app, "team.clients_none"));
        return;
    }
    for (size_t i = 0; i < t->cl.n_clients; i++) {
        const tr_caseload_client *c = &t->cl.clients[i];
        char date[64], line[400], id[48];
        const char *key = c->last_report ? "team.client_line" : "team.client_line_none";
        if (c->risk >= TR_CASELOAD_RISK_ACUTE)
            key = "team.client_line_acute";
        else if (c->risk == TR_CASELOAD_RISK_ELEVATED)
            key = "team.client_line_risk";
        tu_team_date(app, c->last_report, date, sizeof date);
        tr_i18n_arg args[] = {
            {"client", c->id}, {"date", c->last_report ? date : ""}, {NULL, NULL}};
        tr_i18n_fill(T(app, key), args, line, sizeof line);
        snprintf(id, sizeof id, "team.client.%zu", i);
        if (tu_button(ui, id, c->risk ? TU_LOOK_DANGER : TU_LOOK_SECONDARY, line)) {
            snprintf(t->client, sizeof t->client, "%s", c->id);
            t->copied[0] = 0;
            tu_app_go(app, TU_SCR_TEAM_CLIENT);
            return;
        }
    }
}

static void open_report(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    list_inbox(app);
    tu_card_begin(ui, "team.open.card");
    tu_label(ui, "team.open.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.open_title"));
    tu_paragraph(ui, "team.open.how", T(app, "team.open_how"));
    int r = tu_field(ui, &(tu_field_desc){.id = "team.inbox",
                                          .label = T(app, "team.inbox"),
                                          .buf = t->inbox,
                                          .size = sizeof t->inbox});
    if (r & TU_FIELD_CHANGED)
        t->listed = 0; /* listed again when the button is pressed or Enter */
    if (tu_button(ui, "team.list", TU_LOOK_SECONDARY, T(app, "team.list")) ||
        (r & TU_FIELD_ENTER)) {
        t->listed = 0;
        list_inbox(app);
    }
    if (!t->listed) {
        tu_note(ui, "team.files.stale", T(app, "team.files_stale"));
    } else if (t->n_files == 0) {
        tu_note(ui, "team.files.none", T(app, "team.files_none"));
    } else {
        for (size_t i = 0; i < t->n_files; i++) {
            char id[48], label[600], path[TU_TEAM_PATH + 300];
            tr_i18n_arg args[] = {{"file", t->files[i]}, {NULL, NULL}};
            tr_i18n_fill(T(app, "team.file"), args, label, sizeof label);
            snprintf(id, sizeof id, "team.file.%zu", i);
            if (tu_button(ui, id, TU_LOOK_PRIMARY, label) &&
                tp_path_join(path, sizeof path, t->inbox, t->files[i]) == 0) {
                tu_card_end(ui);
                tu_team_open_file(app, path);
                return;
            }
        }
    }
    tu_card_end(ui);
}

static void team_card(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    const tr_team_card *c = &t->cl.care.card;
    char line[600];
    tu_card_begin(ui, "team.card");
    tu_label(ui, "team.card.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.card_title"));
    if (!t->cl.care.has_card) {
        tu_paragraph(ui, "team.card.none", T(app, "team.card_none"));
        tu_team_keys_link(app); /* joining a team, or restoring its key */
        tu_card_end(ui);
        return;
    }
    tu_pair_row(ui, "team.card.service", T(app, "team.service"),
                c->service[0] ? c->service : T(app, "team.not_given"), ui->style.text);
    tu_pair_row(ui, "team.card.therapist", T(app, "team.therapist"),
                c->therapist[0] ? c->therapist : T(app, "team.not_given"), ui->style.text);
    if (c->phone[0])
        tu_pair_row(ui, "team.card.phone", T(app, "team.phone"), c->phone, ui->style.text);
    if (c->hours[0])
        tu_pair_row(ui, "team.card.hours", T(app, "team.hours"), c->hours, ui->style.text);
    tu_label(ui, "team.fingerprint.title", TU_FONT_BODY, ui->style.font_size[TU_FONT_BODY],
             ui->style.text_muted, T(app, "team.fingerprint"));
    tu_label(ui, "team.fingerprint", TU_FONT_STRONG, ui->style.title_size, ui->style.primary,
             c->fingerprint);
    tr_i18n_arg args[] = {{"fingerprint", c->fingerprint}, {NULL, NULL}};
    tr_i18n_fill(T(app, "team.fingerprint_note"), args, line, sizeof line);
    tu_note(ui, "team.fingerprint.note", line);
    tu_team_spool_card_kiosks(app); /* the kiosks the team accepts hand-ins from */
    tu_team_keys_link(app);
    tu_card_end(ui);
}

void tu_team_body(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    char title[400];
    tr_i18n_arg args[] = {{"name", app->prof.open.name}, {NULL, NULL}};
    tr_i18n_fill(T(app, "team.title"), args, title, sizeof title);
    tu_title(ui, "team.title", title);
    if (!t->loaded && !tu_team_load(app)) {
        tu_alert(ui, "team.problem", t->problem);
        return;
    }
    notice(app);
    if (app->screen != TU_SCR_TEAM)
        return;
    clients(app);
    if (app->screen != TU_SCR_TEAM)
        return;
    open_report(app);
    if (app->screen != TU_SCR_TEAM)
        return;
    tu_team_spool_entry(app); /* a waiting-room kiosk's hand-ins */
    if (app->screen != TU_SCR_TEAM)
        return;
    team_card(app);
}

void tu_team_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_team *t = &app->team;
    if (!t->loaded)
        return;
    if (tu_button_at(ui, "team.stats", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "team.stats_open"))) {
        cJSON_Delete(t->stats); /* counted again from the journal as it is now */
        t->stats = NULL;
        t->stats_problem[0] = 0;
        tu_app_go(app, TU_SCR_TEAM_STATS);
        return;
    }
    if (tu_button_at(ui, "team.assign", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, "team.assign_open"))) {
        t->a_problem[0] = t->a_field[0] = t->a_written[0] = 0;
        t->a_ready = 0;
        tu_app_go(app, TU_SCR_TEAM_ASSIGN);
    }
}
