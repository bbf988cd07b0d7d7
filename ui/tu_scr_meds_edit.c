/* tu_scr_meds_edit: the forms of the medication log (tu_meds.h): a new medicine, a change to
 * one (a dated entry of its own), and the side-effect check (each common effect of the pack's
 * list rated none/mild/bothersome/severe, and a free-text line). The records are made in core
 * (tr_med.h) and saved through the profile's records. */
#include <stdio.h>
#include <string.h>

#include "tu_app.h"
#include "tu_date.h"

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_code(&app->lang));
}

void tu_meds_edit(tu_app *app, tu_meds_mode mode, int item)
{
    tu_meds *m = &app->meds;
    m->mode = mode;
    m->item = item;
    m->name[0] = m->dose[0] = m->since[0] = m->prescriber[0] = m->date[0] = m->note[0] = 0;
    m->stopped = 0;
    for (size_t i = 0; i < TR_MED_MAX_EFFECTS; i++)
        m->rating[i] = -1;
    m->saved = NULL;
    tu_errors_clear(&m->errs);
    tu_app_go(app, TU_SCR_MEDS_EDIT);
}

static void field(tu_app *app, const char *id, const char *key, char *buf, size_t size, int lines)
{
    tu_field(&app->ui, &(tu_field_desc){.id = id,
                                        .label = T(app, key),
                                        .buf = buf,
                                        .size = size,
                                        .lines = lines,
                                        .error = tu_errors_of(&app->meds.errs, id)});
}

/* The open medicine of a change, or NULL when it is gone (another profile). */
static const tr_med_item *changed_item(tu_app *app)
{
    const tr_med_log *log = tu_meds_log(app);
    return log && app->meds.item >= 0 && (size_t)app->meds.item < log->n
               ? &log->items[app->meds.item]
               : NULL;
}

/* One effect: its name, then one button per rating side by side. */
static void rating_row(tu_app *app, size_t e)
{
    tu_ctx *ui = &app->ui;
    tu_meds *m = &app->meds;
    const tr_med_content *mc = m->content;
    const char *labels[TR_MED_MAX_CHOICES];
    char id[96];
    int n = (int)mc->n_ratings;
    snprintf(id, sizeof id, "meds.fx.%s", mc->effects[e].id);
    tu_space(ui, ui->style.gap / 2);
    tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY], ui->style.text,
             L(app, &mc->effects[e].text));
    for (int r = 0; r < n; r++)
        labels[r] = L(app, &mc->ratings[r].label);
    tu_rect row = tu_next_row(ui, n, labels);
    for (int r = 0; r < n; r++) {
        snprintf(id, sizeof id, "meds.fx.%s.%s", mc->effects[e].id, mc->ratings[r].id);
        int sel = m->rating[e] == r;
        if (tu_button_at(ui, id, tu_split(ui, row, n, r), sel ? TU_LOOK_PRIMARY : TU_LOOK_SECONDARY,
                         labels[r])) {
            m->rating[e] = r;
            ui->need_redraw = 1;
        }
    }
}

void tu_meds_edit_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_meds *m = &app->meds;
    if (!tu_meds_loaded(app) || !app->prof.open.j || app->prof.guest) {
        tu_title(ui, "meds.title", T(app, "meds.title"));
        tu_paragraph(ui, "meds.need_profile", T(app, "meds.need_profile"));
        return;
    }
    if (m->mode == TU_MEDS_ADD) {
        tu_title(ui, "meds.edit.title", T(app, "meds.add_title"));
        tu_errors_summary(ui, &m->errs, "meds.problem", T(app, "errors.title"));
        field(app, "meds.name", "meds.name", m->name, sizeof m->name, 1);
        field(app, "meds.dose", "meds.dose", m->dose, sizeof m->dose, 1);
        field(app, "meds.since", "meds.since", m->since, sizeof m->since, 1);
        field(app, "meds.prescriber", "meds.prescriber", m->prescriber, sizeof m->prescriber, 1);
        return;
    }
    if (m->mode == TU_MEDS_CHANGE) {
        const tr_med_item *it = changed_item(app);
        char title[256];
        tr_i18n_arg args[] = {{"name", it ? it->name : ""}, {NULL, NULL}};
        tr_i18n_fill(T(app, "meds.change_title"), args, title, sizeof title);
        tu_title(ui, "meds.edit.title", title);
        tu_errors_summary(ui, &m->errs, "meds.problem", T(app, "errors.title"));
        tu_paragraph(ui, "meds.change.intro", T(app, "meds.change_intro"));
        field(app, "meds.date", "meds.date", m->date, sizeof m->date, 1);
        field(app, "meds.dose", "meds.new_dose", m->dose, sizeof m->dose, 1);
        field(app, "meds.note", "meds.note", m->note, sizeof m->note, 2);
        tu_checkbox(ui, "meds.stopped", T(app, "meds.stopped_box"), &m->stopped);
        tu_note(ui, "meds.stopping.text", L(app, &m->content->stopping));
        return;
    }
    tu_title(ui, "meds.edit.title", T(app, "meds.fx_title"));
    tu_errors_summary(ui, &m->errs, "meds.problem", T(app, "errors.title"));
    tu_paragraph(ui, "meds.fx.intro", L(app, &m->content->check));
    int advised = 0;
    for (size_t e = 0; e < m->content->n_effects; e++) {
        rating_row(app, e);
        /* the advice right under the first effect rated severe, where the client looks (at the
         * end of the list it was out of sight, and «Lagre» is reachable without scrolling) */
        if (!advised && m->rating[e] >= 0 && m->content->ratings[m->rating[e]].advise) {
            tu_alert(ui, "meds.fx.severe", L(app, &m->content->severe));
            advised = 1;
        }
    }
    tu_space(ui, ui->style.gap / 2);
    field(app, "meds.note", "meds.fx_note", m->note, sizeof m->note, 2);
}

/* The record of the open form, or NULL with m->errs saying what to fix. */
static cJSON *form_record(tu_app *app)
{
    tu_meds *m = &app->meds;
    tr_error err = {0};
    char ts[32], id[TR_MED_ID_MAX];
    cJSON *rec = NULL;
    tu_errors_clear(&m->errs);
    tu_records_now(ts, sizeof ts);
    const tr_med_log *log = tu_meds_log(app);
    if (!log) {
        tu_errors_add(&m->errs, "", T(app, "meds.read_failed"));
        return NULL;
    }
    if (m->mode == TU_MEDS_ADD) {
        if (!m->name[0]) {
            tu_errors_add(&m->errs, "meds.name", T(app, "meds.name_missing"));
            return NULL;
        }
        tr_med_next_id(log, id, sizeof id);
        rec = tr_med_add_record(&(tr_med_add){.ts = ts,
                                              .med = id,
                                              .name = m->name,
                                              .dose = m->dose,
                                              .since = m->since,
                                              .prescriber = m->prescriber},
                                &err);
    } else if (m->mode == TU_MEDS_CHANGE) {
        const tr_med_item *it = changed_item(app);
        if (!it) {
            tu_errors_add(&m->errs, "", T(app, "meds.read_failed"));
            return NULL;
        }
        if (!m->dose[0] && !m->note[0] && !m->stopped) {
            tu_errors_add(&m->errs, "meds.dose", T(app, "meds.change_empty"));
            return NULL;
        }
        rec = tr_med_change_record(&(tr_med_change){.ts = ts,
                                                    .med = it->med,
                                                    .date = m->date,
                                                    .dose = m->dose,
                                                    .note = m->note,
                                                    .stopped = m->stopped},
                                   &err);
    } else {
        const char *effects[TR_MED_MAX_EFFECTS], *ratings[TR_MED_MAX_EFFECTS];
        size_t n = 0;
        for (size_t e = 0; e < m->content->n_effects; e++)
            if (m->rating[e] >= 0) {
                effects[n] = m->content->effects[e].id;
                ratings[n++] = m->content->ratings[m->rating[e]].id;
            }
        if (n == 0) {
            char first[96];
            snprintf(first, sizeof first, "meds.fx.%s.%s", m->content->effects[0].id,
                     m->content->ratings[0].id);
            tu_errors_add(&m->errs, first, T(app, "meds.fx_empty"));
            return NULL;
        }
        rec = tr_med_effects_record(m->content, ts, effects, ratings, n, m->note, &err);
    }
    if (!rec) {
        char line[1200];
        snprintf(line, sizeof line, "%s %s", T(app, "modules.save_failed"), err.msg);
        tu_errors_add(&m->errs, "", line);
    }
    return rec;
}

void tu_meds_edit_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_meds *m = &app->meds;
    if (tu_button_at(ui, "meds.cancel", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "meds.cancel")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_errors_clear(&m->errs);
        tu_app_go(app, TU_SCR_MEDS);
        return;
    }
    if (!m->content || !app->prof.open.j || app->prof.guest)
        return;
    if (tu_button_at(ui, "meds.save", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, "meds.save"))) {
        tr_error err = {0};
        cJSON *rec = form_record(app);
        ui->need_redraw = 1;
        if (!rec)
            return;
        if (tu_records_append(&app->records, rec, &err) != 0) {
            char line[1200];
            snprintf(line, sizeof line, "%s %s", T(app, "modules.save_failed"), err.msg);
            tu_errors_clear(&m->errs);
            tu_errors_add(&m->errs, "", line);
            return;
        }
        m->saved = m->mode == TU_MEDS_ADD      ? "meds.saved_add"
                   : m->mode == TU_MEDS_CHANGE ? "meds.saved_change"
                                               : "meds.saved_check";
        tu_app_go(app, TU_SCR_MEDS);
    }
}
