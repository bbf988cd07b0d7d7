/* tu_scr_team_spool: the kiosk's hand-ins on the therapist's page (tu_team_spool.h). */
#include "tu_team_spool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_secret.h"
#include "tu_app.h"
#include "tu_date.h"
#include "tu_team.h"

void tu_team_spool_free(tu_team_spool *s)
{
    if (!s)
        return;
    tr_kiosk_spool_list_free(&s->list);
    tr_secret_wipe(s, sizeof *s);
    free(s);
}

/* The team's spool state, made when first needed; NULL only when out of memory. */
static tu_team_spool *spool_of(tu_app *app)
{
    if (!app->team.spool)
        app->team.spool = calloc(1, sizeof *app->team.spool);
    return app->team.spool;
}

static const char *lang_code(const tu_app *app)
{
    return tu_lang_codes[app->lang.cur];
}

void tu_team_spool_entry(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_card_begin(ui, "team.spool.card");
    tu_label(ui, "team.spool.card.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "team.spool.title"));
    tu_paragraph(ui, "team.spool.card.text", T(app, "team.spool.entry"));
    if (tu_button(ui, "team.spool.go", TU_LOOK_SECONDARY, T(app, "team.spool.go")))
        tu_app_go(app, TU_SCR_TEAM_SPOOL);
    tu_card_end(ui);
}

void tu_team_spool_card_kiosks(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_team_spool *s = spool_of(app);
    tr_error err = {0};
    size_t shown = 0;
    if (!s || !app->prof.open.j)
        return;
    if (!s->kiosks_read) { /* once per opening of the profile (tu_team_free forgets it) */
        s->kiosks_read = 1;
        s->kiosks_problem[0] = 0;
        if (tr_kiosk_enrolled_read(&app->prof.open, &s->kiosks, &err) != TR_OK) {
            tr_i18n_arg args[] = {{"detail", err.msg}, {NULL, NULL}};
            tr_i18n_fill(T(app, "team.kiosks.failed"), args, s->kiosks_problem,
                         sizeof s->kiosks_problem);
        }
    }
    tu_label(ui, "team.kiosks.title", TU_FONT_BODY, ui->style.font_size[TU_FONT_BODY],
             ui->style.text_muted, T(app, "team.kiosks.title"));
    if (s->kiosks_problem[0]) {
        tu_alert(ui, "team.kiosks.failed", s->kiosks_problem);
        return;
    }
    for (size_t i = 0; i < s->kiosks.n; i++) {
        char id[48], key_id[TR_MS_KEYID_HEX], line[600];
        if (s->kiosks.revoked[i])
            continue; /* a revoked kiosk is no longer trusted: off the card */
        tr_ms_keyid_hex(s->kiosks.pub[i].keyid, key_id);
        tr_i18n_arg args[] = {{"label", s->kiosks.label[i]},
                              {"key_id", key_id},
                              {"fingerprint", s->kiosks.fingerprint[i]},
                              {NULL, NULL}};
        tr_i18n_fill(
            T(app, s->kiosks.label[i][0] ? "team.kiosks.line" : "team.kiosks.line_nolabel"), args,
            line, sizeof line);
        snprintf(id, sizeof id, "team.kiosk.%zu", shown++);
        tu_paragraph(ui, id, line);
    }
    if (shown == 0)
        tu_note(ui, "team.kiosks.none", T(app, "team.kiosks.none"));
}

/* Opens the typed folder into the profile and reads the client list again. */
static void open_folder(tu_app *app, tu_team_spool *s)
{
    tu_team *t = &app->team;
    tr_error err = {0};
    char now[32];
    tr_kiosk_spool_list_free(&s->list);
    s->problem[0] = 0;
    s->opened = 0;
    app->ui.need_redraw = 1;
    if (!t->loaded && !tu_team_load(app)) {
        snprintf(s->problem, sizeof s->problem, "%s", t->problem);
        return;
    }
    tp_clock_format(tp_clock_now(), now, sizeof now);
    tr_status st = tr_kiosk_spool_open(&app->prof.open, &t->cl.care, s->dir, now, &s->list, &err);
    s->opened = 1;
    if (st != TR_OK) {
        tr_i18n_arg args[] = {{"detail", err.msg}, {NULL, NULL}};
        tr_i18n_fill(T(app, st == TR_E_NOTFOUND || st == TR_E_IO ? "team.spool.failed"
                                                                 : "team.spool.stopped"),
                     args, s->problem, sizeof s->problem);
        s->opened = s->list.n > 0;
    }
    /* the client list (and the care state the next opening checks against) as it is now */
    tu_team_load(app);
    t->listed = 0;
}

/* A level's name in the app's language, or its id (a staff test hand-in's "test"). */
static const char *level_name(tu_app *app, const char *id)
{
    const tr_level *lv = id[0] && app->pack ? tr_content_find_level(app->pack, id) : NULL;
    return lv ? tr_content_text(app->pack, &lv->name, lang_code(app)) : id;
}

/* The scores of a row in words: "PHQ-9 12, GAD-7 9". */
static void scores_text(tu_app *app, const tr_kiosk_row *r, char *buf, size_t size)
{
    buf[0] = 0;
    for (size_t i = 0; i < r->n_scores; i++) {
        const tr_inst *inst = app->pack ? tr_content_find_inst(app->pack, r->scores[i].inst) : NULL;
        size_t n = strlen(buf);
        snprintf(buf + n, size - n, "%s%s %g", n ? ", " : "",
                 inst ? tr_content_text(app->pack, &inst->name, lang_code(app)) : r->scores[i].inst,
                 r->scores[i].total);
    }
    if (!buf[0])
        snprintf(buf, size, "%s", T(app, "team.spool.no_scores"));
}

/* The text of key, or NULL when no catalog has it ("[[key]]"). */
static const char *text_or_null(tu_app *app, const char *key)
{
    const char *t = T(app, key);
    return strncmp(t, "[[", 2) == 0 || strcmp(t, key) == 0 ? NULL : t;
}

/* The reason for a refusal in the therapist's language. */
static const char *reason_of(tu_app *app, const char *why)
{
    char key[64];
    const char *text;
    snprintf(key, sizeof key, "team.spool.why.%s", why);
    if ((text = text_or_null(app, key)) != NULL)
        return text;
    snprintf(key, sizeof key, "team.why.%s", why);
    if ((text = text_or_null(app, key)) != NULL)
        return text;
    return T(app, "team.why.other");
}

static void opened_row(tu_app *app, const tr_kiosk_row *r, size_t i)
{
    tu_ctx *ui = &app->ui;
    tu_team *t = &app->team;
    const tu_style *st = &ui->style;
    char id[48], when[96], scores[400], title[120];
    int risky = r->risk[0] && strcmp(r->risk, "none") != 0;
    char risk_key[48];
    snprintf(risk_key, sizeof risk_key, "care.risk.%s", r->risk[0] ? r->risk : "none");
    tr_i18n_arg targs[] = {{"code", r->reference}, {NULL, NULL}};
    tr_i18n_fill(T(app, "team.spool.row_title"), targs, title, sizeof title);
    tu_date_format_ts(&app->lang, r->time, 1, when, sizeof when);
    scores_text(app, r, scores, sizeof scores);
    snprintf(id, sizeof id, "team.spool.row.%zu", i);
    tu_card_begin(ui, id);
    snprintf(id, sizeof id, "team.spool.code.%zu", i);
    tu_label(ui, id, TU_FONT_STRONG, st->title_size, risky ? st->danger : st->primary, title);
    snprintf(id, sizeof id, "team.spool.time.%zu", i);
    tu_pair_row(ui, id, T(app, "team.spool.row_time"), when, st->text);
    snprintf(id, sizeof id, "team.spool.scores.%zu", i);
    tu_pair_row(ui, id, T(app, "team.spool.row_scores"), scores, st->text);
    snprintf(id, sizeof id, "team.spool.risk.%zu", i);
    tu_pair_row(ui, id, T(app, "team.spool.row_risk"),
                tr_content_msg(app->pack, lang_code(app), risk_key), risky ? st->danger : st->text);
    snprintf(id, sizeof id, "team.spool.recommended.%zu", i);
    tu_pair_row(ui, id, T(app, "team.spool.row_recommended"), level_name(app, r->recommended),
                st->text);
    snprintf(id, sizeof id, "team.spool.chosen.%zu", i);
    tu_pair_row(ui, id, T(app, "team.spool.row_chosen"), level_name(app, r->chosen), st->text);
    if (r->kept) {
        char line[600];
        tr_i18n_arg args[] = {{"file", r->file}, {NULL, NULL}};
        tr_i18n_fill(T(app, "team.spool.kept"), args, line, sizeof line);
        snprintf(id, sizeof id, "team.spool.kept.%zu", i);
        tu_alert(ui, id, line);
    }
    snprintf(id, sizeof id, "team.spool.client.%zu", i);
    if (tu_button(ui, id, risky ? TU_LOOK_DANGER : TU_LOOK_SECONDARY,
                  T(app, "team.spool.row_open"))) {
        snprintf(t->client, sizeof t->client, "%s", r->client);
        t->copied[0] = 0;
        tu_card_end(ui);
        tu_app_go(app, TU_SCR_TEAM_CLIENT);
        return;
    }
    tu_card_end(ui);
}

static void other_row(tu_app *app, const tr_kiosk_row *r, size_t i)
{
    char id[48], line[2400];
    tr_i18n_arg args[] = {{"file", r->file},
                          {"reason", reason_of(app, r->why)},
                          {"detail", r->detail[0] ? r->detail : r->msg},
                          {NULL, NULL}};
    snprintf(id, sizeof id, "team.spool.other.%zu", i);
    if (r->state == TR_KIOSK_ROW_BEFORE) {
        tr_i18n_fill(T(app, r->kept ? "team.spool.kept" : "team.spool.before"), args, line,
                     sizeof line);
        tu_note(&app->ui, id, line);
        return;
    }
    tr_i18n_fill(T(app, "team.spool.refused"), args, line, sizeof line);
    tu_alert(&app->ui, id, line);
}

static void rows(tu_app *app, tu_team_spool *s)
{
    tu_ctx *ui = &app->ui;
    char n1[24], n2[24], line[400];
    snprintf(n1, sizeof n1, "%zu", s->list.n_opened);
    snprintf(n2, sizeof n2, "%zu", s->list.n_refused);
    tr_i18n_arg args[] = {{"opened", n1}, {"refused", n2}, {NULL, NULL}};
    tr_i18n_fill(T(app, s->list.n ? "team.spool.summary" : "team.spool.none"), args, line,
                 sizeof line);
    tu_label(ui, "team.spool.summary", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, line);
    /* the imported first, then what stayed in the folder and why */
    size_t k = 0; /* ids number the rows shown, in order */
    for (size_t i = 0; i < s->list.n; i++)
        if (s->list.rows[i].state == TR_KIOSK_ROW_OPENED) {
            opened_row(app, &s->list.rows[i], k++);
            if (app->screen != TU_SCR_TEAM_SPOOL)
                return;
        }
    k = 0;
    for (size_t i = 0; i < s->list.n; i++)
        if (s->list.rows[i].state != TR_KIOSK_ROW_OPENED)
            other_row(app, &s->list.rows[i], k++);
}

void tu_team_spool_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_team_spool *s = spool_of(app);
    tu_title(ui, "team.spool.title", T(app, "team.spool.title"));
    if (!s) {
        tu_alert(ui, "team.spool.problem", T(app, "team.spool.nomem"));
        return;
    }
    tu_paragraph(ui, "team.spool.how", T(app, "team.spool.how"));
    int r = tu_field(ui, &(tu_field_desc){.id = "team.spool.dir",
                                          .label = T(app, "team.spool.dir"),
                                          .buf = s->dir,
                                          .size = sizeof s->dir});
    if ((r & TU_FIELD_ENTER) && s->dir[0])
        open_folder(app, s);
    if (s->problem[0])
        tu_alert(ui, "team.spool.problem", s->problem);
    if (s->opened)
        rows(app, s);
}

void tu_team_spool_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_team_spool *s = spool_of(app);
    if (tu_button_at(ui, "team.spool.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "team.spool.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_app_go(app, TU_SCR_TEAM);
        return;
    }
    if (s && s->dir[0] &&
        tu_button_at(ui, "team.spool.open", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, "team.spool.open")))
        open_folder(app, s);
}
