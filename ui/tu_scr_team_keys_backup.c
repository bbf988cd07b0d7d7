/* tu_scr_team_keys_backup: the team key's recovery backup (tu_team_keys.h; core/EXCHANGE.md §8):
 * sealed to a recovery passphrase (asked twice, hidden, as strong as a journal's must be) in
 * age's own format, written into the folder; and restoring it into a therapist profile without
 * a team key, or the same team's. The passphrases are wiped as soon as they were used. */
#include "tu_app.h"
#include "tu_team.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_journal.h"
#include "tr_secret.h"
#include "tr_strength.h"

#define WORK_FACTOR 18 /* age's own, as trinnctl: 256 MiB, about a second */

static int work_factor(const tu_app *app)
{
    /* a test run (--kdf-cost test) seals cheaply, as trinnctl --work-factor does in tests */
    return app->prof.kdf_ops && tr_journal_test_costs() ? TR_AGE_SCRYPT_MIN : WORK_FACTOR;
}

static void wipe(tu_team_keys *k)
{
    tr_secret_wipe(k->pass, sizeof k->pass);
    tr_secret_wipe(k->pass2, sizeof k->pass2);
}

static int pass_field(tu_app *app, const char *id, const char *label, char *buf)
{
    tu_team_keys *k = &app->team.k;
    return tu_field(&app->ui,
                    &(tu_field_desc){.id = id,
                                     .label = T(app, label),
                                     .buf = buf,
                                     .size = TU_KEYS_PASS,
                                     .hidden = 1,
                                     .error = k->pass_problem[0] && strcmp(id, "keys.pass") == 0
                                                  ? k->pass_problem
                                                  : NULL});
}

static void backup(tu_app *app)
{
    tu_team *t = &app->team;
    tu_team_keys *k = &t->k;
    tr_error err = {0};
    uint8_t *file = NULL;
    size_t len = 0;
    char name[64], date[16], path[TU_KEYS_PATH + 300];
    k->pass_problem[0] = 0;
    if (strcmp(k->pass, k->pass2) != 0) {
        snprintf(k->pass_problem, sizeof k->pass_problem, "%s", T(app, "keys.pass_differ"));
        tu_team_keys_say(app, 1, "keys.pass_differ", NULL);
        wipe(k); /* typed again, both */
        return;
    }
    if (!tr_strength_ok(k->pass, app->prof.open.name, app->prof.words)) {
        snprintf(k->pass_problem, sizeof k->pass_problem, "%s", T(app, "keys.pass_weak"));
        tu_team_keys_say(app, 1, "keys.pass_weak", NULL);
        wipe(k);
        return;
    }
    tr_age_pass ap = {k->pass, strlen(k->pass), work_factor(app)};
    tr_status st = tr_care_backup(&t->cl.care, &ap, &file, &len, &err);
    wipe(k);
    if (st != TR_OK) {
        tr_i18n_arg args[] = {{"detail", err.msg}, {NULL, NULL}};
        tu_team_keys_say(app, 1, "keys.err.backup", args);
        return;
    }
    tp_clock_format_date(tp_clock_now(), date, sizeof date);
    snprintf(name, sizeof name, "trinn-teamnokkel-%s.age", date);
    if (tu_team_keys_write(app, name, file, len, path, sizeof path) == 0) {
        tr_i18n_arg args[] = {{"file", path}, {NULL, NULL}};
        tu_team_keys_say(app, 0, "keys.backup_written", args);
    }
    free(file);
}

static void restore(tu_app *app)
{
    tu_team *t = &app->team;
    tu_team_keys *k = &t->k;
    tr_error err = {0};
    char *data = NULL, now[32], fpr[TR_FPR_TEXT];
    size_t len = 0;
    k->pass_problem[0] = 0;
    if (tu_team_keys_read(app, k->picked, TR_EXCH_MAX_FILE, &data, &len) != 0) {
        wipe(k);
        return;
    }
    tu_team_keys_now(now);
    tr_age_pass ap = {k->pass, strlen(k->pass), TR_AGE_SCRYPT_MAX};
    tr_status st = tr_caseload_restore(&app->prof.open, &t->cl.care, (const uint8_t *)data, len,
                                       &ap, now, fpr, &err);
    wipe(k);
    free(data);
    if (st != TR_OK) {
        tr_i18n_arg args[] = {{"file", k->picked}, {"detail", err.msg}, {NULL, NULL}};
        tu_team_keys_say(app, 1, "keys.err.restore", args);
    } else {
        tr_i18n_arg args[] = {{"fingerprint", fpr}, {NULL, NULL}};
        tu_team_keys_say(app, 0, "keys.restored", args);
        k->picked_kind = 0;
    }
    tu_team_keys_reload(app);
}

static void backup_card(tu_app *app)
{
    tu_team_keys *k = &app->team.k;
    tu_ctx *ui = &app->ui;
    tu_card_begin(ui, "keys.backup.card");
    tu_label(ui, "keys.backup.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "keys.backup_title"));
    tu_paragraph(ui, "keys.backup.how", T(app, "keys.backup_how"));
    pass_field(app, "keys.pass", "keys.pass", k->pass);
    if ((pass_field(app, "keys.pass2", "keys.pass2", k->pass2) & TU_FIELD_ENTER) &&
        (ui->keys & TU_KEY_ENTER)) { /* (a click on the field activates it too) */
        tu_card_end(ui);
        backup(app);
        return;
    }
    if (tu_button(ui, "keys.backup.make", TU_LOOK_PRIMARY, T(app, "keys.backup_make"))) {
        tu_card_end(ui);
        backup(app);
        return;
    }
    tu_card_end(ui);
}

static void restore_card(tu_app *app)
{
    tu_team_keys *k = &app->team.k;
    tu_ctx *ui = &app->ui;
    tu_card_begin(ui, "keys.restore.card");
    tu_label(ui, "keys.restore.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "keys.restore_title"));
    if (k->picked_kind == 3) {
        char line[1400];
        tr_i18n_arg args[] = {{"file", k->picked}, {NULL, NULL}};
        tr_i18n_fill(T(app, "keys.restore_picked"), args, line, sizeof line);
        tu_paragraph(ui, "keys.restore.picked", line);
        if ((pass_field(app, "keys.restore.pass", "keys.restore_pass", k->pass) & TU_FIELD_ENTER) &&
            (ui->keys & TU_KEY_ENTER)) {
            tu_card_end(ui);
            restore(app);
            return;
        }
        if (tu_button(ui, "keys.restore.make", TU_LOOK_PRIMARY, T(app, "keys.restore_make"))) {
            tu_card_end(ui);
            restore(app);
            return;
        }
        if (tu_button(ui, "keys.restore.cancel", TU_LOOK_SECONDARY, T(app, "keys.cancel"))) {
            wipe(k);
            k->picked_kind = 0;
        }
        tu_card_end(ui);
        return;
    }
    tu_paragraph(ui, "keys.restore.how", T(app, "keys.restore_how"));
    if (k->n_files == 0)
        tu_note(ui, "keys.files.none", T(app, "keys.files_none"));
    for (size_t i = 0; i < k->n_files; i++) {
        char id[64];
        snprintf(id, sizeof id, "keys.backupfile.%zu", i);
        if (tu_button(ui, id, TU_LOOK_SECONDARY, k->files[i])) {
            snprintf(k->picked, sizeof k->picked, "%s", k->files[i]);
            k->picked_kind = 3;
            k->notice[0] = 0;
            wipe(k);
            tu_focus_request(ui, "keys.restore.pass");
        }
    }
    tu_card_end(ui);
}

void tu_team_backup_body(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    tu_title(ui, "keys.backup.screen", T(app, "keys.backup_screen"));
    if (!t->loaded && !tu_team_load(app)) {
        tu_alert(ui, "team.problem", t->problem);
        return;
    }
    tu_team_keys_notice(app);
    tu_team_keys_folder(app, ".age");
    if (t->cl.care.has_keys && t->cl.care.has_card && t->k.picked_kind != 3)
        backup_card(app);
    restore_card(app);
}

void tu_team_backup_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "keys.backup.back", bar, TU_LOOK_SECONDARY, T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_team_keys_free(&app->team.k);
        tu_app_go(app, TU_SCR_TEAM_KEYS);
    }
}
