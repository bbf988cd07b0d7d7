/* tu_scr_team_keys: the team and its key (tu_team_keys.h): the members with their
 * fingerprints, removing one who left (which always rotates the key), rotating the key, the
 * ways to enrolling, joining, the backup and the log; and the helpers the key screens share
 * (the folder, reading and writing files, the notice). */
#include "tu_app.h"
#include "tu_team.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_dir.h"
#include "tp_fs.h"
#include "tp_path.h"
#include "tr_secret.h"

void tu_team_keys_now(char now[32])
{
    tp_clock_format(tp_clock_now(), now, 32);
}

void tu_team_keys_free(tu_team_keys *k)
{
    tr_secret_wipe(k->pass, sizeof k->pass);
    tr_secret_wipe(k->pass2, sizeof k->pass2);
    tp_dir_names_free(k->files, k->n_files);
    k->files = NULL;
    k->n_files = 0;
    k->ext = NULL;
    k->picked_kind = 0;
    k->picked[0] = 0;
    k->confirm = 0;
    k->notice[0] = 0;
    k->pass_problem[0] = 0;
    tr_caseload_log_free(&k->log);
    k->log_read = 0;
}

void tu_team_keys_say(tu_app *app, int bad, const char *key, const tr_i18n_arg *args)
{
    tu_team_keys *k = &app->team.k;
    static const tr_i18n_arg none[] = {{NULL, NULL}};
    tr_i18n_fill(T(app, key), args ? args : none, k->notice, sizeof k->notice);
    k->notice_bad = bad;
    tu_focus_request(&app->ui, "keys.notice.close"); /* scrolled into view, read out first */
}

void tu_team_keys_notice(tu_app *app)
{
    tu_team_keys *k = &app->team.k;
    tu_ctx *ui = &app->ui;
    if (!k->notice[0])
        return;
    tu_card_begin(ui, "keys.notice.card");
    if (k->notice_bad)
        tu_alert(ui, "keys.notice", k->notice);
    else
        tu_paragraph(ui, "keys.notice", k->notice);
    if (tu_button(ui, "keys.notice.close", TU_LOOK_SECONDARY, T(app, "keys.notice_close")))
        k->notice[0] = 0;
    tu_card_end(ui);
}

void tu_team_keys_reload(tu_app *app)
{
    tu_team_load(app);
}

static void list(tu_app *app, const char *ext)
{
    tu_team_keys *k = &app->team.k;
    tp_dir_names_free(k->files, k->n_files);
    k->files = NULL;
    k->n_files = 0;
    k->ext = ext;
    if (k->dir[0])
        tp_dir_list(k->dir, ext, &k->files, &k->n_files);
}

void tu_team_keys_folder(tu_app *app, const char *ext)
{
    tu_team_keys *k = &app->team.k;
    tu_ctx *ui = &app->ui;
    if (!k->dir_set) {
        k->dir_set = 1;
        if (tp_path_downloads_dir(k->dir, sizeof k->dir) != 0)
            k->dir[0] = 0;
    }
    int r = tu_field(ui, &(tu_field_desc){.id = "keys.dir",
                                          .label = T(app, "keys.dir"),
                                          .buf = k->dir,
                                          .size = sizeof k->dir});
    if (r & TU_FIELD_CHANGED)
        k->ext = NULL; /* listed again with the button or Enter */
    if (ext && (tu_button(ui, "keys.list", TU_LOOK_SECONDARY, T(app, "keys.list")) ||
                ((r & TU_FIELD_ENTER) && (ui->keys & TU_KEY_ENTER)) || !k->ext ||
                strcmp(k->ext, ext) != 0))
        list(app, ext);
}

/* The name made safe for a file: letters, digits, - and _ kept, the rest _. */
static void safe_name(char *out, size_t size, const char *name)
{
    size_t n = 0;
    for (const char *c = name; *c && n + 1 < size; c++)
        out[n++] = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                           (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.'
                       ? *c
                       : '_';
    out[n] = 0;
}

int tu_team_keys_write(tu_app *app, const char *name, const void *data, size_t len, char *path,
                       size_t size)
{
    tu_team_keys *k = &app->team.k;
    char safe[300];
    safe_name(safe, sizeof safe, name);
    if (!k->dir[0] || !tp_fs_is_dir(k->dir) || tp_path_join(path, size, k->dir, safe) != 0 ||
        tp_fs_write_atomic(path, data, len) != 0) {
        tr_i18n_arg args[] = {{"folder", k->dir}, {"file", safe}, {NULL, NULL}};
        tu_team_keys_say(app, 1, "keys.err.write", args);
        return -1;
    }
    k->ext = NULL; /* the listing shows it */
    return 0;
}

int tu_team_keys_read(tu_app *app, const char *name, size_t max, char **data, size_t *len)
{
    tu_team_keys *k = &app->team.k;
    char path[TU_KEYS_PATH + 300];
    *data = NULL;
    if (tp_path_join(path, sizeof path, k->dir, name) != 0 ||
        tp_fs_read_file(path, max, data, len) != 0) {
        tr_i18n_arg args[] = {{"file", name}, {NULL, NULL}};
        tu_team_keys_say(app, 1, "keys.err.read", args);
        return -1;
    }
    return 0;
}

void tu_team_keys_link(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    if (tu_button(ui, "team.keys", TU_LOOK_SECONDARY, T(app, "keys.open"))) {
        tu_team_keys_free(&app->team.k);
        tu_app_go(app, TU_SCR_TEAM_KEYS);
    }
}

/* Rotates the key and writes every other member's enrolment into the folder; the notice says
 * what was written and what to do with it. removed: the name of whom a removal just took off
 * ("" for a rotation alone). */
static void rotate(tu_app *app, const char *removed)
{
    tu_team *t = &app->team;
    tr_care_rotate_result *res = calloc(1, sizeof *res);
    tr_error err = {0};
    char now[32], names[1200] = "", path[TU_KEYS_PATH + 300];
    size_t written = 0;
    if (!res)
        return;
    tu_team_keys_now(now);
    if (tr_caseload_rotate(&app->prof.open, &t->cl.care, now, res, &err) != TR_OK) {
        tr_i18n_arg args[] = {{"detail", err.msg}, {NULL, NULL}};
        tu_team_keys_say(app, 1, "keys.err.rotate", args);
        goto done;
    }
    for (size_t i = 0; i < res->n_files; i++) {
        char name[300];
        snprintf(name, sizeof name, "%s-%.5s.trinn-enrol", res->to[i].name, res->to[i].fingerprint);
        if (tu_team_keys_write(app, name, res->files[i], res->file_lens[i], path, sizeof path) !=
            0) {
            tr_i18n_arg args[] = {{"folder", t->k.dir}, {NULL, NULL}};
            tu_team_keys_say(app, 1, "keys.err.rotate_files", args);
            goto done;
        }
        size_t n = strlen(names);
        snprintf(names + n, sizeof names - n, "%s%s", written++ ? ", " : "", res->to[i].name);
    }
    tr_i18n_arg args[] = {{"fingerprint", res->card.fingerprint},
                          {"folder", t->k.dir},
                          {"names", names},
                          {"removed", removed},
                          {NULL, NULL}};
    const char *key = removed[0] ? (written ? "keys.removed" : "keys.removed_alone")
                                 : (written ? "keys.rotated" : "keys.rotated_alone");
    tu_team_keys_say(app, 0, key, args);
done:
    tr_care_rotate_free(res);
    free(res);
    tu_team_keys_reload(app);
}

static void remove_member(tu_app *app)
{
    tu_team *t = &app->team;
    tr_team_member gone;
    tr_error err = {0};
    char now[32];
    tu_team_keys_now(now);
    if (tr_caseload_remove(&app->prof.open, &t->cl.care, t->k.member, now, &gone, &err) != TR_OK) {
        tr_i18n_arg args[] = {{"detail", err.msg}, {NULL, NULL}};
        tu_team_keys_say(app, 1, "keys.err.remove", args);
        tu_team_keys_reload(app);
        return;
    }
    rotate(app, gone.name); /* a therapist who left still knows the key */
}

/* The confirmation of a removal or a rotation: what it does, and the two buttons. Returns 1
 * when it acted (the caseload was read again: nothing drawn from the old one may follow). */
static int confirm(tu_app *app, const char *name)
{
    tu_team_keys *k = &app->team.k;
    tu_ctx *ui = &app->ui;
    char line[1200];
    tr_i18n_arg args[] = {{"name", name}, {"folder", k->dir}, {NULL, NULL}};
    tu_card_begin(ui, "keys.confirm.card");
    tr_i18n_fill(T(app, k->confirm == 2 ? "keys.remove_ask" : "keys.rotate_ask"), args, line,
                 sizeof line);
    tu_alert(ui, "keys.confirm.text", line);
    if (tu_button(ui, "keys.confirm.yes", TU_LOOK_DANGER,
                  T(app, k->confirm == 2 ? "keys.remove_yes" : "keys.rotate_yes"))) {
        int what = k->confirm;
        k->confirm = 0;
        tu_card_end(ui);
        if (what == 2)
            remove_member(app);
        else
            rotate(app, "");
        return 1;
    }
    if (tu_button(ui, "keys.confirm.no", TU_LOOK_SECONDARY, T(app, "keys.cancel")))
        k->confirm = 0;
    tu_card_end(ui);
    return 0;
}

static void members(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    const tr_team_roster *r = t->cl.care.roster;
    tr_team_member me;
    tr_error err = {0};
    int have_me = tr_care_member_card(&t->cl.care, app->prof.open.name, &me, &err) == TR_OK;
    tu_label(ui, "keys.members.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "keys.members"));
    for (size_t i = 0; r && i < r->n; i++) {
        const tr_team_member *m = &r->members[i];
        int mine = have_me && strcmp(m->fingerprint, me.fingerprint) == 0;
        char id[48], label[600];
        tr_i18n_arg args[] = {{"name", m->name}, {"fingerprint", m->fingerprint}, {NULL, NULL}};
        tr_i18n_fill(T(app, "keys.member_me"), args, label, sizeof label);
        snprintf(id, sizeof id, "keys.member.%zu", i);
        tu_pair_row(ui, id, mine ? label : m->name, m->fingerprint, ui->style.text);
        if (mine)
            continue;
        snprintf(id, sizeof id, "keys.remove.%zu", i);
        tr_i18n_fill(T(app, "keys.remove"), args, label, sizeof label);
        if (tu_button(ui, id, TU_LOOK_SECONDARY, label)) {
            snprintf(t->k.member, sizeof t->k.member, "%s", m->fingerprint);
            t->k.confirm = 2;
            tu_focus_request(ui, "keys.confirm.yes");
        }
        if (t->k.confirm == 2 && strcmp(t->k.member, m->fingerprint) == 0) {
            char name[TR_TEAM_TEXT_MAX + 1];
            snprintf(name, sizeof name, "%s", m->name); /* (m goes with the caseload) */
            if (confirm(app, name))
                return;
        }
    }
}

void tu_team_keys_body(tu_app *app)
{
    tu_team *t = &app->team;
    tu_ctx *ui = &app->ui;
    char now[32];
    tu_title(ui, "keys.title", T(app, "keys.title"));
    if (!t->loaded && !tu_team_load(app)) {
        tu_alert(ui, "team.problem", t->problem);
        return;
    }
    if (t->cl.care.has_keys && !t->cl.care.roster) { /* made before personal keys */
        tr_error err = {0};
        tu_team_keys_now(now);
        if (tr_caseload_team_upgrade(&app->prof.open, &t->cl.care, now, &err) != TR_OK) {
            tr_i18n_arg args[] = {{"detail", err.msg}, {NULL, NULL}};
            tu_team_keys_say(app, 1, "keys.err.upgrade", args);
        }
    }
    tu_team_keys_notice(app);
    if (app->screen != TU_SCR_TEAM_KEYS)
        return;
    int in_team = t->cl.care.has_keys && t->cl.care.has_card;
    tu_paragraph(ui, "keys.intro", T(app, in_team ? "keys.intro" : "keys.intro_none"));
    if (in_team) {
        tu_pair_row(ui, "keys.team",
                    t->cl.care.card.service[0] ? t->cl.care.card.service : T(app, "team.not_given"),
                    t->cl.care.card.fingerprint, ui->style.text);
        members(app);
        if (app->screen != TU_SCR_TEAM_KEYS)
            return;
    }
    tu_card_begin(ui, "keys.ways");
    if (in_team && tu_button(ui, "keys.enrol", TU_LOOK_PRIMARY, T(app, "keys.enrol_open"))) {
        tu_card_end(ui);
        tu_team_keys_free(&t->k);
        tu_app_go(app, TU_SCR_TEAM_ENROL);
        return;
    }
    int unused = tr_care_team_unused(&t->cl.care); /* may still join another team instead */
    if (unused)
        tu_note(ui, "keys.unused", T(app, "keys.unused_note"));
    if (tu_button(ui, "keys.join", in_team ? TU_LOOK_SECONDARY : TU_LOOK_PRIMARY,
                  T(app, in_team && !unused ? "keys.join_open_member" : "keys.join_open"))) {
        tu_card_end(ui);
        tu_team_keys_free(&t->k);
        tu_app_go(app, TU_SCR_TEAM_JOIN);
        return;
    }
    if (tu_button(ui, "keys.backup", TU_LOOK_SECONDARY,
                  T(app, in_team ? "keys.backup_open" : "keys.restore_open"))) {
        tu_card_end(ui);
        tu_team_keys_free(&t->k);
        tu_app_go(app, TU_SCR_TEAM_BACKUP);
        return;
    }
    if (tu_button(ui, "keys.log", TU_LOOK_SECONDARY, T(app, "keys.log_open"))) {
        tu_card_end(ui);
        tu_team_keys_free(&t->k);
        tu_app_go(app, TU_SCR_TEAM_LOG);
        return;
    }
    tu_card_end(ui);
    if (!in_team)
        return;
    tu_card_begin(ui, "keys.rotate.card");
    tu_label(ui, "keys.rotate.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "keys.rotate_title"));
    tu_paragraph(ui, "keys.rotate.how", T(app, "keys.rotate_how"));
    tu_team_keys_folder(app, NULL);
    if (tu_button(ui, "keys.rotate", TU_LOOK_SECONDARY, T(app, "keys.rotate"))) {
        t->k.confirm = 1;
        tu_focus_request(ui, "keys.confirm.yes");
    }
    tu_card_end(ui);
    if (t->k.confirm == 1)
        confirm(app, "");
}

void tu_team_keys_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "keys.back", bar, TU_LOOK_SECONDARY, T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_team_keys_free(&app->team.k);
        tu_app_go(app, TU_SCR_TEAM);
    }
}
