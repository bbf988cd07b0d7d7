/* tu_scr_team_keys_enrol: bringing the team key to a colleague (tu_team_keys.h). The enrol
 * screen writes this therapist's member card for a team to enrol them, and enrols a colleague
 * from theirs once its fingerprint is confirmed; the join screen takes an enrolment file: a
 * therapist without a team confirms the team's fingerprint first, a member takes a newer roster
 * or a rotated key at once. Refusals say why in the catalog's words, core's beside them. */
#include "tu_app.h"
#include "tu_team.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_path.h"

/* The refusal of an enrolment or a card: the catalog's words for why, and core's. */
static void refused(tu_app *app, const char *file, tr_exch_why why, const char *detail)
{
    char key[64];
    snprintf(key, sizeof key, "keys.why.%s", tr_exch_why_name(why));
    tr_i18n_arg args[] = {{"file", file}, {"why", T(app, key)}, {"detail", detail}, {NULL, NULL}};
    tu_team_keys_say(app, 1, "keys.refused", args);
}

/* ---- this therapist's member card, and enrolling a colleague ----------------------------- */

static void my_card(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    tr_team_member me;
    tr_error err = {0};
    char *text = NULL, path[TU_KEYS_PATH + 300], name[300];
    tu_card_begin(ui, "keys.mycard.card");
    tu_label(ui, "keys.mycard.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "keys.mycard_title"));
    if (tr_care_member_card(&t->cl.care, app->prof.open.name, &me, &err) != TR_OK) {
        tu_alert(ui, "keys.mycard.none", T(app, "keys.mycard_none"));
        tu_card_end(ui);
        return;
    }
    tu_paragraph(ui, "keys.mycard.how", T(app, "keys.mycard_how"));
    tu_pair_row(ui, "keys.mycard.fingerprint", me.name, me.fingerprint, ui->style.text);
    if (tu_button(ui, "keys.mycard.write", TU_LOOK_SECONDARY, T(app, "keys.mycard_write"))) {
        snprintf(name, sizeof name, "%s-medlemskort.json", me.name);
        if (tr_caseload_member_card(&app->prof.open, &t->cl.care, &me, &text, &err) != TR_OK) {
            tr_i18n_arg args[] = {{"detail", err.msg}, {NULL, NULL}};
            tu_team_keys_say(app, 1, "keys.err.mycard", args);
        } else if (tu_team_keys_write(app, name, text, strlen(text), path, sizeof path) == 0) {
            tr_i18n_arg args[] = {{"file", path}, {"fingerprint", me.fingerprint}, {NULL, NULL}};
            tu_team_keys_say(app, 0, "keys.mycard_written", args);
        }
        free(text);
    }
    tu_card_end(ui);
}

/* Reads a colleague's card from the folder: picked for confirming, or refused. */
static void pick_card(tu_app *app, const char *file)
{
    tu_team_keys *k = &app->team.k;
    tr_error err = {0};
    char *data = NULL;
    size_t len = 0;
    k->picked_kind = 0;
    if (tu_team_keys_read(app, file, 64 * 1024, &data, &len) != 0)
        return;
    if (tr_caseload_member_read((const uint8_t *)data, len, &k->card, &err) != TR_OK) {
        refused(app, file, TR_EXCH_MALFORMED, err.msg);
    } else {
        snprintf(k->picked, sizeof k->picked, "%s", file);
        k->picked_kind = 1;
        k->notice[0] = 0;
        tu_focus_request(&app->ui, "keys.enrol.confirm");
    }
    free(data);
}

static void enrol(tu_app *app)
{
    tu_team *t = &app->team;
    tu_team_keys *k = &t->k;
    tr_care_enrol_result res = {0};
    tr_error err = {0};
    char *data = NULL, now[32], path[TU_KEYS_PATH + 300], name[300];
    size_t len = 0;
    k->picked_kind = 0;
    if (tu_team_keys_read(app, k->picked, 64 * 1024, &data, &len) != 0)
        return;
    tu_team_keys_now(now);
    /* trust: the fingerprint the therapist just confirmed on the screen, as read from the card */
    if (tr_caseload_enrol(&app->prof.open, &t->cl.care, (const uint8_t *)data, len,
                          k->card.fingerprint, now, &res, &err) != TR_OK) {
        tr_i18n_arg args[] = {{"file", k->picked}, {"detail", err.msg}, {NULL, NULL}};
        tu_team_keys_say(app, 1, "keys.err.enrol", args);
    } else {
        snprintf(name, sizeof name, "%s-%.5s.trinn-enrol", res.member.name, res.member.fingerprint);
        if (tu_team_keys_write(app, name, res.file, res.file_len, path, sizeof path) == 0) {
            tr_i18n_arg args[] = {{"file", path},
                                  {"name", res.member.name},
                                  {"fingerprint", t->cl.care.card.fingerprint},
                                  {NULL, NULL}};
            tu_team_keys_say(app, 0, res.already ? "keys.enrolled_again" : "keys.enrolled", args);
        }
    }
    tr_care_enrol_free(&res);
    free(data);
    tu_team_keys_reload(app);
}

static void files(tu_app *app, const char *prefix, void (*pick)(tu_app *, const char *))
{
    tu_team_keys *k = &app->team.k;
    tu_ctx *ui = &app->ui;
    if (k->n_files == 0) {
        tu_note(ui, "keys.files.none", T(app, "keys.files_none"));
        return;
    }
    for (size_t i = 0; i < k->n_files; i++) {
        char id[64];
        snprintf(id, sizeof id, "%s.%zu", prefix, i);
        if (tu_button(ui, id, TU_LOOK_SECONDARY, k->files[i])) {
            char name[300];
            snprintf(name, sizeof name, "%s", k->files[i]);
            pick(app, name);
            return;
        }
    }
}

void tu_team_enrol_body(tu_app *app)
{
    tu_team *t = &app->team;
    tu_team_keys *k = &t->k;
    tu_ctx *ui = &app->ui;
    tu_title(ui, "keys.enrol.title", T(app, "keys.enrol_title"));
    if (!t->loaded && !tu_team_load(app)) {
        tu_alert(ui, "team.problem", t->problem);
        return;
    }
    tu_team_keys_notice(app);
    if (k->picked_kind == 1) {
        char line[1400];
        tr_i18n_arg args[] = {
            {"name", k->card.name}, {"fingerprint", k->card.fingerprint}, {NULL, NULL}};
        tu_card_begin(ui, "keys.enrol.check");
        tr_i18n_fill(T(app, "keys.enrol_compare"), args, line, sizeof line);
        tu_paragraph(ui, "keys.enrol.compare", line);
        tu_label(ui, "keys.enrol.fingerprint", TU_FONT_STRONG, ui->style.title_size,
                 ui->style.primary, k->card.fingerprint);
        tr_i18n_fill(T(app, "keys.enrol_confirm"), args, line, sizeof line);
        if (tu_button(ui, "keys.enrol.confirm", TU_LOOK_PRIMARY, line)) {
            tu_card_end(ui);
            enrol(app);
            return;
        }
        if (tu_button(ui, "keys.enrol.cancel", TU_LOOK_SECONDARY, T(app, "keys.enrol_cancel")))
            k->picked_kind = 0;
        tu_card_end(ui);
        return;
    }
    tu_paragraph(ui, "keys.enrol.intro", T(app, "keys.enrol_intro"));
    tu_team_keys_folder(app, ".json");
    tu_label(ui, "keys.enrol.cards", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "keys.enrol_cards"));
    files(app, "keys.card", pick_card);
    my_card(app);
}

void tu_team_enrol_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "keys.enrol.back", bar, TU_LOOK_SECONDARY, T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_team_keys_free(&app->team.k);
        tu_app_go(app, TU_SCR_TEAM_KEYS);
    }
}

/* ---- joining ----------------------------------------------------------------------------- */

/* Reads the enrolment file of the folder with trust (NULL: a therapist without a team is asked
 * to confirm first) and joins, or says why not. */
static void join(tu_app *app, const char *file, const char *trust)
{
    tu_team *t = &app->team;
    tu_team_keys *k = &t->k;
    tr_care_join_result res = {0};
    tr_error err = {0};
    char *data = NULL, now[32];
    size_t len = 0;
    k->picked_kind = 0;
    if (tu_team_keys_read(app, file, TR_EXCH_MAX_FILE, &data, &len) != 0)
        return;
    tu_team_keys_now(now);
    if (tr_caseload_join(&app->prof.open, &t->cl.care, (const uint8_t *)data, len, trust, now, &res,
                         &err) != TR_OK) {
        refused(app, file, res.why, err.msg);
    } else if (res.needs_trust) {
        snprintf(k->picked, sizeof k->picked, "%s", file);
        snprintf(k->fpr, sizeof k->fpr, "%s", res.fingerprint);
        tr_i18n_arg args[] = {{"service", res.service[0] ? res.service : T(app, "team.not_given")},
                              {"name", res.by.name},
                              {"member", res.by.fingerprint},
                              {NULL, NULL}};
        tr_i18n_fill(T(app, "keys.join_from"), args, k->by, sizeof k->by);
        k->picked_kind = 2;
        k->notice[0] = 0;
        tu_focus_request(&app->ui, "keys.join.confirm");
    } else {
        tr_i18n_arg args[] = {{"service", res.service[0] ? res.service : T(app, "team.not_given")},
                              {"fingerprint", res.fingerprint},
                              {"name", res.by.name},
                              {NULL, NULL}};
        tu_team_keys_say(app, 0, res.rotations ? "keys.joined_rotated" : "keys.joined", args);
    }
    tr_care_join_free(&res);
    free(data);
    tu_team_keys_reload(app);
}

static void pick_enrolment(tu_app *app, const char *file)
{
    join(app, file, NULL);
}

void tu_team_join_body(tu_app *app)
{
    tu_team *t = &app->team;
    tu_team_keys *k = &t->k;
    tu_ctx *ui = &app->ui;
    tu_title(ui, "keys.join.title", T(app, "keys.join_title"));
    if (!t->loaded && !tu_team_load(app)) {
        tu_alert(ui, "team.problem", t->problem);
        return;
    }
    tu_team_keys_notice(app);
    if (k->picked_kind == 2) {
        char line[1400], file[TU_KEYS_PATH + 300];
        tr_i18n_arg args[] = {{"fingerprint", k->fpr}, {NULL, NULL}};
        tu_card_begin(ui, "keys.join.check");
        tu_paragraph(ui, "keys.join.from", k->by);
        tu_label(ui, "keys.join.fingerprint", TU_FONT_STRONG, ui->style.title_size,
                 ui->style.primary, k->fpr);
        tr_i18n_fill(T(app, "keys.join_compare"), args, line, sizeof line);
        tu_note(ui, "keys.join.compare", line);
        if (tr_care_team_unused(&t->cl.care))
            tu_note(ui, "keys.join.replaces", T(app, "keys.join_replaces"));
        if (tu_button(ui, "keys.join.confirm", TU_LOOK_PRIMARY, T(app, "keys.join_confirm"))) {
            char fpr[TR_FPR_TEXT];
            tu_card_end(ui);
            snprintf(file, sizeof file, "%s", k->picked);
            snprintf(fpr, sizeof fpr, "%s", k->fpr);
            join(app, file, fpr);
            return;
        }
        if (tu_button(ui, "keys.join.cancel", TU_LOOK_SECONDARY, T(app, "keys.join_cancel")))
            k->picked_kind = 0;
        tu_card_end(ui);
        return;
    }
    tu_paragraph(ui, "keys.join.intro", T(app, "keys.join_intro"));
    tu_team_keys_folder(app, ".trinn-enrol");
    tu_label(ui, "keys.join.files", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "keys.join_files"));
    files(app, "keys.enrolment", pick_enrolment);
    my_card(app); /* a therapist who joins gives theirs first */
}

void tu_team_join_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "keys.join.back", bar, TU_LOOK_SECONDARY, T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_team_keys_free(&app->team.k);
        tu_app_go(app, TU_SCR_TEAM_KEYS);
    }
}
