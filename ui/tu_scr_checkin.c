/* tu_scr_checkin: the tracker kept up to date with the records, the reminder on the welcome
 * screen, and the quick daily check-in (its fields come from content/tracking.json). */
#include "tu_app.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_record.h"
#include "tr_track_content.h"

static void load(tu_app *app)
{
    tu_trk *k = &app->trk;
    tr_error err = {0};
    k->loaded = 1;
    if (!app->pack) {
        snprintf(k->msg, sizeof k->msg, "%s", app->pack_msg);
        return;
    }
    if (tr_track_config_load(app->content_dir, &k->cfg, &err) != TR_OK ||
        tr_track_scales_from_pack(app->pack, &k->cfg, k->scales,
                                  sizeof k->scales / sizeof k->scales[0], &k->n_scales,
                                  &err) != TR_OK ||
        tr_track_outcome_config(&k->cfg, k->scales, k->n_scales, &k->ocfg, &err) != TR_OK ||
        tr_track_make(
            &(tr_track_desc){.config = &k->cfg, .scales = k->scales, .n_scales = k->n_scales},
            &k->t, &err) != TR_OK) {
        snprintf(k->msg, sizeof k->msg, "%s", err.msg);
        fprintf(stderr, "trinn: tracking: %s\n", err.msg);
        return;
    }
    k->ok = 1;
}

int tu_trk_update(tu_app *app)
{
    tu_trk *k = &app->trk;
    if (!k->loaded)
        load(app);
    if (!k->ok)
        return 0;
    size_t n = app->records.count;
    if (n == k->fed)
        return 1; /* nothing new (every frame asks) */
    const cJSON *list = tu_records_list(&app->records);
    if (n < k->fed) { /* a different profile's records: start again */
        tr_track_destroy(k->t);
        k->t = NULL;
        k->fed = 0;
        tr_error err = {0};
        if (tr_track_make(
                &(tr_track_desc){.config = &k->cfg, .scales = k->scales, .n_scales = k->n_scales},
                &k->t, &err) != TR_OK) {
            k->ok = 0;
            snprintf(k->msg, sizeof k->msg, "%s", err.msg);
            return 0;
        }
    }
    tr_error err = {0};
    if (tr_track_feed_list(k->t, list, &k->fed, &err) != TR_OK)
        return 0; /* out of memory: what was fed stays; try again next time */
    return 1;
}

void tu_trk_free(tu_trk *k)
{
    if (k->meas.on)
        tu_assess_end(&k->meas.walk);
    tr_track_destroy(k->t);
    memset(k, 0, sizeof *k);
}

/* ---- welcome: the reminder and the ways in ------------------------------------------------- */

int tu_trk_measure_due(tu_app *app)
{
    if (!tu_trk_update(app))
        return 0;
    tr_track_due due[TR_TRACK_MAX_MEASURES + 1];
    size_t n = tr_track_due_at(app->trk.t, tp_clock_now(), due, sizeof due / sizeof due[0]);
    for (size_t i = 0; i < n; i++)
        if (strcmp(due[i].what, "checkin") != 0 && due[i].due && due[i].last > 0)
            return 1; /* only once there is a first measure to compare with */
    return 0;
}

void tu_trk_reminder(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    if (!tu_trk_measure_due(app))
        return;
    tu_card_begin(ui, "track.reminder");
    tu_paragraph(ui, "track.due", T(app, "track.due"));
    if (tu_button(ui, "track.measure", TU_LOOK_SECONDARY, T(app, "measure.start")))
        tu_measure_open(app, TU_SCR_WELCOME);
    tu_card_end(ui);
}

void tu_trk_welcome(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    if (!tu_trk_update(app))
        return;
    tu_card_begin(ui, "track.card");
    tu_label(ui, "track.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG], ui->style.text,
             T(app, "track.welcome_title"));
    tu_paragraph(ui, "track.text", T(app, "track.welcome_text"));
    const char *both[] = {T(app, "track.checkin"), T(app, "track.progress")};
    tu_rect row = tu_next_row(ui, 2, both);
    if (tu_button_at(ui, "track.checkin", tu_split(ui, row, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "track.checkin")) &&
        tu_profile_gate(app, TU_PROF_NEXT_CHECKIN))
        tu_checkin_open(app);
    if (tu_button_at(ui, "track.progress", tu_split(ui, row, 2, 1), TU_LOOK_SECONDARY,
                     T(app, "track.progress")) &&
        tu_profile_gate(app, TU_PROF_NEXT_PROGRESS)) {
        app->trk.saved = 0;
        tu_app_go(app, TU_SCR_PROGRESS);
    }
    tu_card_end(ui);
}

/* ---- the check-in ---------------------------------------------------------------------------- */

void tu_checkin_open(tu_app *app)
{
    tu_trk *k = &app->trk;
    for (size_t i = 0; i < TR_TRACK_MAX_FIELDS; i++) {
        k->val[i] = -1;
        k->text[i][0] = 0;
    }
    k->problem[0] = 0;
    tu_errors_clear(&k->errs);
    tu_goals_rerate_clear(app);
    tu_app_go(app, TU_SCR_CHECKIN);
}

/* A scale field (mood 0-10): one button per value in a row, as on a paper form. With `keys`
 * the number keys choose too (the SDL side sends them only when no text field is typed in). */
static void scale_row(tu_app *app, const tr_track_field *f, double *val, int keys)
{
    tu_ctx *ui = &app->ui;
    int lo = (int)f->min, hi = (int)f->max, n = hi - lo + 1;
    if (n < 2 || n > 11)
        return;
    if (keys && ui->digit >= lo && ui->digit <= hi && !ui->blocked) {
        *val = ui->digit;
        ui->need_redraw = 1;
    }
    /* as many per row as fit their number; two rows on a narrow screen or with large text */
    int gap = ui->style.gap / 2;
    int need = tu_text_width(ui, TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG], "10") +
               2 * ui->style.pad;
    int per = n;
    while (per > 1 && (ui->lw - (per - 1) * gap) / per < need)
        per = (per + 1) / 2;
    tu_rect row = {0};
    for (int i = 0; i < n; i++) {
        if (i % per == 0)
            row = tu_next(ui, ui->style.target);
        char id[96], num[8];
        snprintf(id, sizeof id, "checkin.%s.%d", f->id, lo + i);
        snprintf(num, sizeof num, "%d", lo + i);
        int sel = *val == lo + i;
        tu_rect r = row;
        r.w = (row.w - (per - 1) * gap) / per;
        r.x = row.x + (i % per) * (r.w + gap);
        if (tu_button_at(ui, id, r, sel ? TU_LOOK_PRIMARY : TU_LOOK_SECONDARY, num))
            *val = lo + i;
    }
}

void tu_checkin_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_trk *k = &app->trk;
    tu_title(ui, "checkin.title", T(app, "checkin.title"));
    tu_paragraph(ui, "checkin.intro", T(app, "checkin.intro"));
    if (!tu_trk_update(app)) {
        tu_paragraph(ui, "checkin.problem", k->msg);
        return;
    }
    tu_errors_summary(ui, &k->errs, "checkin.problem", T(app, "errors.title"));
    int keyed = 0; /* the number keys go to the first scale */
    for (size_t i = 0; i < k->cfg.n_checkin; i++) {
        const tr_track_field *f = &k->cfg.checkin[i];
        char key[128], id[96];
        snprintf(key, sizeof key, "checkin.field.%s", f->id);
        snprintf(id, sizeof id, "checkin.%s", f->id);
        tu_space(ui, ui->style.gap / 2);
        if (f->kind == TR_TRACK_SCALE && f->max - f->min <= 10) {
            tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY], ui->style.text,
                     T(app, key));
            char first[112], eid[112];
            snprintf(first, sizeof first, "%s.%d", id, (int)f->min);
            const char *err = tu_errors_of(&k->errs, first);
            if (err) { /* the row is marked with its own message, as a field is */
                snprintf(eid, sizeof eid, "%s.error", id);
                tu_fixed_note(ui, eid, err, NULL, ui->style.danger);
            }
            scale_row(app, f, &k->val[i], !keyed++);
            snprintf(key, sizeof key, "checkin.anchors.%s", f->id);
            tu_paragraph(ui, "", T(app, key));
        } else {
            size_t cap = f->kind == TR_TRACK_TEXT && f->max_length > 0 &&
                                 (size_t)f->max_length < sizeof k->text[i]
                             ? (size_t)f->max_length + 1
                             : sizeof k->text[i];
            if (f->kind != TR_TRACK_TEXT)
                cap = 8;
            tu_field(ui, &(tu_field_desc){.id = id,
                                          .label = T(app, key),
                                          .buf = k->text[i],
                                          .size = cap,
                                          .error = tu_errors_of(&k->errs, id)});
        }
    }
    tu_goals_rerate(app, "checkin", NULL); /* the client's own goals, re-rated (tu_goals.h) */
}

/* The record, or NULL with k->errs saying which answers to fix (every one of them) or
 * k->problem why it could not be made. */
static cJSON *checkin_record(tu_app *app)
{
    tu_trk *k = &app->trk;
    tu_errors_clear(&k->errs);
    k->problem[0] = 0;
    char ts[32];
    tu_records_now(ts, sizeof ts);
    tr_record_value vals[TR_TRACK_MAX_FIELDS];
    size_t nv = 0;
    int any = 0;
    for (size_t i = 0; i < k->cfg.n_checkin; i++) {
        const tr_track_field *f = &k->cfg.checkin[i];
        char key[128];
        snprintf(key, sizeof key, "checkin.field.%s", f->id);
        if (f->kind == TR_TRACK_TEXT) {
            vals[nv++] = (tr_record_value){.id = f->id, .text = k->text[i]};
            continue;
        }
        double v = k->val[i];
        if (f->kind == TR_TRACK_NUMBER || f->max - f->min > 10) {
            char tmp[sizeof k->text[0]], *end;
            snprintf(tmp, sizeof tmp, "%s", k->text[i]);
            for (char *p = tmp; *p; p++)
                if (*p == ',')
                    *p = '.';
            v = -1;
            if (tmp[0]) {
                v = strtod(tmp, &end);
                if (*end || !isfinite(v) || v < f->min || v > f->max ||
                    (f->kind == TR_TRACK_SCALE && v != floor(v))) {
                    char lo[16], hi[16];
                    snprintf(lo, sizeof lo, "%g", f->min);
                    snprintf(hi, sizeof hi, "%g", f->max);
                    tr_i18n_arg args[] = {
                        {"field", T(app, key)}, {"min", lo}, {"max", hi}, {NULL, NULL}};
                    char line[400], id[96];
                    tr_i18n_fill(T(app, "checkin.bad_number"), args, line, sizeof line);
                    snprintf(id, sizeof id, "checkin.%s", f->id);
                    tu_errors_add(&k->errs, id, line); /* out of range is an error, not kept */
                    continue;
                }
            }
        }
        if (v >= f->min && v <= f->max) {
            vals[nv++] = (tr_record_value){.id = f->id, .number = v};
            any = 1;
        }
    }
    if (k->errs.n > 0)
        return NULL;
    if (!any) { /* the link goes to the first answer */
        char first[112] = "";
        for (size_t i = 0; i < k->cfg.n_checkin && !first[0]; i++) {
            const tr_track_field *f = &k->cfg.checkin[i];
            if (f->kind == TR_TRACK_SCALE && f->max - f->min <= 10)
                snprintf(first, sizeof first, "checkin.%s.%d", f->id, (int)f->min);
            else if (f->kind != TR_TRACK_TEXT)
                snprintf(first, sizeof first, "checkin.%s", f->id);
        }
        tu_errors_add(&k->errs, first, T(app, "checkin.empty"));
        return NULL;
    }
    /* the record itself is made in core (tr_record.h) */
    tr_error err = {0};
    cJSON *rec =
        tr_record_checkin_make(&(tr_record_checkin){.ts = ts, .values = vals, .n = nv}, &err);
    if (!rec) {
        snprintf(k->problem, sizeof k->problem, "%s %s", T(app, "modules.save_failed"), err.msg);
        tu_errors_add(&k->errs, "", k->problem);
    }
    return rec;
}

void tu_checkin_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_trk *k = &app->trk;
    if (tu_button_at(ui, "checkin.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_app_go(app, TU_SCR_WELCOME);
        return;
    }
    if (!k->ok)
        return;
    if (tu_button_at(ui, "checkin.save", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     tu_tr_saving(app, "checkin.save"))) {
        tr_error err = {0};
        cJSON *rec = checkin_record(app);
        if (!rec) {
            ui->need_redraw = 1;
            return;
        }
        if (tu_goals_rerate_save(app, "checkin", &err) < 0) { /* before the check-in */
            tr_record_free(rec);
            snprintf(k->problem, sizeof k->problem, "%s %s", T(app, "modules.save_failed"),
                     err.msg);
            tu_errors_add(&k->errs, "", k->problem);
            ui->need_redraw = 1;
            return;
        }
        if (tu_records_append(&app->records, rec, &err) != 0) {
            snprintf(k->problem, sizeof k->problem, "%s %s", T(app, "modules.save_failed"),
                     err.msg);
            tu_errors_clear(&k->errs);
            tu_errors_add(&k->errs, "", k->problem);
            ui->need_redraw = 1;
            return;
        }
        k->saved = 1;
        tu_app_go(app, TU_SCR_PROGRESS);
    }
}
