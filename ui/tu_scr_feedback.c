/* tu_scr_feedback: the feedback form (tu_feedback.h): the pack's questions on their small scale,
 * one free-text line and «jeg ønsker å bytte behandler»; once saved, what happens with it, said
 * truthfully: the wish reaches the team only in a report the client makes and delivers, so the
 * screen offers to make one now when a team is paired, and says whom to tell when none is. The
 * home's card and a finished module's offer open it. */
#include <stdio.h>
#include <string.h>

#include "tr_secret.h"
#include "tu_app.h"

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_code(&app->lang));
}

/* 1 when an open profile keeps what is written here. */
static int keeps(tu_app *app)
{
    return app->prof.open.j != NULL && !app->prof.guest;
}

int tu_feedback_loaded(tu_app *app)
{
    tu_fb *f = &app->fb;
    if (!f->tried && app->pack) {
        f->tried = 1;
        f->content = app->bundle->feedback; /* the bundle's; NULL when the pack has none */
    }
    return f->content != NULL;
}

void tu_feedback_free(tu_fb *f)
{
    tr_feedback_log_free(&f->log);
    tr_secret_wipe(f, sizeof *f); /* the open form's typed text with it */
}

const tr_feedback_log *tu_feedback_log(tu_app *app)
{
    tu_fb *f = &app->fb;
    tr_error err = {0};
    if (!tu_feedback_loaded(app))
        return NULL;
    if (f->log_gen == app->records.gen + 1)
        return &f->log;
    tr_feedback_log_free(&f->log);
    f->log_gen = 0;
    if (tr_feedback_read(f->content, tu_records_list(&app->records), &f->log, &err) != TR_OK)
        return NULL;
    f->log_gen = app->records.gen + 1;
    return &f->log;
}

void tu_feedback_open(tu_app *app, const char *module_id)
{
    tu_fb *f = &app->fb;
    snprintf(f->module, sizeof f->module, "%s", module_id ? module_id : "");
    for (size_t i = 0; i < TR_FEEDBACK_MAX_ITEMS; i++)
        f->answer[i] = -1;
    f->note[0] = 0;
    f->change = f->saved = f->saved_change = 0;
    tu_errors_clear(&f->errs);
    tu_app_go(app, TU_SCR_FEEDBACK);
}

void tu_feedback_home(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    if (!tu_feedback_loaded(app))
        return;
    tu_card_begin(ui, "fb.card");
    tu_label(ui, "fb.card.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "fb.card_title"));
    if (!keeps(app)) { /* a guest: nothing would be kept, so no form is offered */
        tu_paragraph(ui, "fb.card.text", T(app, "fb.card_guest"));
        tu_card_end(ui);
        return;
    }
    tu_paragraph(ui, "fb.card.text", T(app, "fb.card_text"));
    if (tu_button(ui, "fb.give", TU_LOOK_SECONDARY, T(app, "fb.give")))
        tu_feedback_open(app, NULL);
    const tr_feedback_log *log = tu_feedback_log(app);
    if (log && log->n > 0 &&
        tu_button(ui, "fb.history", TU_LOOK_SECONDARY, T(app, "fb.history_open")))
        tu_app_go(app, TU_SCR_FEEDBACK_HIST);
    tu_card_end(ui);
}

void tu_feedback_offer(tu_app *app, const char *module_id)
{
    tu_ctx *ui = &app->ui;
    if (!tu_feedback_loaded(app) || !keeps(app))
        return;
    tu_card_begin(ui, "fb.offer");
    tu_label(ui, "fb.offer.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "fb.offer_title"));
    tu_paragraph(ui, "fb.offer.text", T(app, "fb.offer_text"));
    if (tu_button(ui, "fb.offer.give", TU_LOOK_SECONDARY, T(app, "fb.give")))
        tu_feedback_open(app, module_id);
    tu_card_end(ui);
}

/* The title of the module the form is about, or its id. */
static const char *module_title(tu_app *app)
{
    const tr_module *m = tu_mods_find(app, app->fb.module);
    const char *t = m ? tr_module_text(m->title, tu_lang_code(&app->lang)) : NULL;
    return t && t[0] ? t : app->fb.module;
}

/* One question: the question, then one button per answer side by side. */
static void question(tu_app *app, size_t i)
{
    tu_ctx *ui = &app->ui;
    tu_fb *f = &app->fb;
    const tr_feedback_content *c = f->content;
    const char *labels[TR_FEEDBACK_MAX_SCALE];
    char id[96];
    int n = (int)c->n_scale;
    snprintf(id, sizeof id, "fb.q.%s", c->items[i].id);
    tu_space(ui, ui->style.gap / 2);
    tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY], ui->style.text,
             L(app, &c->items[i].text));
    for (int r = 0; r < n; r++)
        labels[r] = L(app, &c->scale[r].label);
    tu_rect row = tu_next_row(ui, n, labels);
    for (int r = 0; r < n; r++) {
        int sel = f->answer[i] == r;
        snprintf(id, sizeof id, "fb.q.%s.%d", c->items[i].id, r);
        if (tu_button_at(ui, id, tu_split(ui, row, n, r), sel ? TU_LOOK_PRIMARY : TU_LOOK_SECONDARY,
                         labels[r])) {
            f->answer[i] = sel ? -1 : r; /* a second press takes the answer back */
            ui->need_redraw = 1;
        }
    }
}

/* What happens with the wish: only a delivered report takes it to the team. */
static void wish_way(tu_app *app, int saved)
{
    tu_ctx *ui = &app->ui;
    if (tu_exch_team(app, NULL)) {
        tu_paragraph(ui, "fb.change.way", T(app, saved ? "fb.change_saved" : "fb.change_way"));
        if (saved && tu_button(ui, "fb.report", TU_LOOK_PRIMARY, T(app, "fb.report")))
            tu_exch_report_open(app, 0);
    } else {
        if (saved)
            tu_paragraph(ui, "fb.change.kept", T(app, "fb.change_saved_no_team"));
        tu_paragraph(ui, "fb.change.way", L(app, &app->fb.content->no_team));
    }
}

static void saved_view(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_fb *f = &app->fb;
    tu_note(ui, "fb.saved", T(app, "fb.saved"));
    if (f->saved_change) {
        tu_card_begin(ui, "fb.change");
        tu_label(ui, "fb.change.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, T(app, "fb.change_title"));
        wish_way(app, 1);
        tu_card_end(ui);
    } else {
        tu_paragraph(ui, "fb.saved.share", T(app, "fb.saved_share"));
    }
    if (tu_button(ui, "fb.history", TU_LOOK_SECONDARY, T(app, "fb.history_open")))
        tu_app_go(app, TU_SCR_FEEDBACK_HIST);
}

void tu_feedback_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_fb *f = &app->fb;
    char line[600];
    tu_title(ui, "fb.title", T(app, "fb.title"));
    if (!tu_feedback_loaded(app))
        return;
    if (!keeps(app)) {
        tu_paragraph(ui, "fb.need_profile", T(app, "fb.card_guest"));
        return;
    }
    if (f->saved) {
        saved_view(app);
        return;
    }
    if (f->content->draft)
        tu_note(ui, "fb.draft", T(app, "fb.draft"));
    tu_errors_summary(ui, &f->errs, "fb.problem", T(app, "errors.title"));
    if (f->module[0]) {
        tr_i18n_arg args[] = {{"module", module_title(app)}, {NULL, NULL}};
        tr_i18n_fill(T(app, "fb.after_module"), args, line, sizeof line);
        tu_paragraph(ui, "fb.after", line);
    } else {
        tu_paragraph(ui, "fb.after", T(app, "fb.after_contact"));
    }
    tu_paragraph(ui, "fb.intro", L(app, &f->content->intro));
    for (size_t i = 0; i < f->content->n_items; i++)
        question(app, i);
    tu_space(ui, ui->style.gap / 2);
    tu_field(ui, &(tu_field_desc){.id = "fb.note",
                                  .label = L(app, &f->content->note),
                                  .buf = f->note,
                                  .size = sizeof f->note,
                                  .lines = 2,
                                  .error = tu_errors_of(&f->errs, "fb.note")});
    tu_card_begin(ui, "fb.change");
    tu_label(ui, "fb.change.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "fb.change_title"));
    tu_paragraph(ui, "fb.change.text", L(app, &f->content->change));
    if (tu_checkbox(ui, "fb.change.box", L(app, &f->content->change_box), &f->change))
        ui->need_redraw = 1;
    if (f->change)
        wish_way(app, 0);
    tu_card_end(ui);
}

/* Saves the form: checked in core first, so a refusal is said in words and nothing is lost. */
static void save(tu_app *app)
{
    tu_fb *f = &app->fb;
    const tr_feedback_content *c = f->content;
    const char *items[TR_FEEDBACK_MAX_ITEMS];
    int answers[TR_FEEDBACK_MAX_ITEMS];
    char ts[32], line[1200];
    size_t n = 0;
    tr_error err = {0};
    tu_errors_clear(&f->errs);
    for (size_t i = 0; i < c->n_items; i++)
        if (f->answer[i] >= 0) {
            items[n] = c->items[i].id;
            answers[n++] = c->scale[f->answer[i]].value;
        }
    tu_records_now(ts, sizeof ts);
    tr_feedback_input in = {.ts = ts,
                            .after =
                                f->module[0] ? TR_FEEDBACK_AFTER_MODULE : TR_FEEDBACK_AFTER_CONTACT,
                            .module = f->module[0] ? f->module : NULL,
                            .items = items,
                            .answers = answers,
                            .n = n,
                            .note = f->note,
                            .change_therapist = f->change};
    if (n == 0 && !f->note[0] && !f->change) {
        char first[96];
        snprintf(first, sizeof first, "fb.q.%s.0", c->items[0].id);
        tu_errors_add(&f->errs, first, T(app, "fb.empty"));
        return;
    }
    if (tr_feedback_check(c, &in, &err) != TR_OK ||
        tu_records_append(&app->records, tr_feedback_record(c, &in, &err), &err) != 0) {
        snprintf(line, sizeof line, "%s %s", T(app, "modules.save_failed"), err.msg);
        tu_errors_add(&f->errs, "", line);
        return;
    }
    f->saved = 1;
    f->saved_change = f->change;
}

void tu_feedback_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_fb *f = &app->fb;
    int form = f->content && keeps(app) && !f->saved;
    if (tu_button_at(ui, "fb.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, form ? "fb.cancel" : "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_errors_clear(&f->errs);
        if (f->module[0] && tu_mods_find(app, f->module))
            tu_app_go(app, TU_SCR_MODULE); /* back to the module it came from */
        else
            tu_app_go(app, TU_SCR_WELCOME);
        return;
    }
    if (form &&
        tu_button_at(ui, "fb.save", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY, T(app, "fb.save"))) {
        save(app);
        ui->need_redraw = 1;
    }
}
