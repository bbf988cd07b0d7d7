/* tu_scr_module_step: one step of a module, of any kind: reading, reflection, a form of pages
 * (exercise), a repeating form with its list of entries (worksheet), checklist, homework. */
#include "tu_date.h"
#include "tu_mod_priv.h"

#include <stdio.h>
#include <string.h>

static const tr_module *cur_module(const tu_app *app)
{
    const tu_mods *m = &app->mods;
    return m->cur >= 0 && (size_t)m->cur < m->n ? m->mods[m->cur] : NULL;
}

static const tr_module_step *cur_step(const tu_app *app)
{
    const tr_module *mod = cur_module(app);
    int s = app->mods.step;
    return mod && s >= 0 && (size_t)s < mod->step_count ? &mod->steps[s] : NULL;
}

static void paragraphs(tu_app *app, const char *prefix, const cJSON *text)
{
    const char *p;
    char id[96];
    for (size_t i = 0; (p = tr_module_paragraph(text, i, tu_mod_lang(app))) != NULL; i++) {
        snprintf(id, sizeof id, "%s.%zu", prefix, i);
        tu_paragraph(&app->ui, id, p);
    }
}

static void example(tu_app *app, const tr_module_step *step)
{
    tu_ctx *ui = &app->ui;
    const char *title, *person;
    const cJSON *texts;
    if (!tr_module_example_of(step, tu_mod_lang(app), &title, &person, &texts))
        return;
    char head[512];
    if (title)
        snprintf(head, sizeof head, "%s", title);
    else {
        tr_i18n_arg args[] = {{"person", person}, {NULL, NULL}};
        tr_i18n_fill(T(app, "step.example"), args, head, sizeof head);
    }
    tu_card_begin(ui, "step.example");
    tu_label(ui, "step.example.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_BODY],
             ui->style.text, head);
    paragraphs(app, "step.example.text", texts);
    tu_card_end(ui);
}

/* Earlier answers kept in view (the original thought on every page of a thought record). */
static void shown_values(tu_app *app, const tr_module *mod, const tr_module_step *step,
                         const tr_module_page *page)
{
    tu_ctx *ui = &app->ui;
    int any = 0;
    for (size_t i = 0; i < page->show_count; i++) {
        const tr_module_field *f = NULL;
        const tr_value *v = tr_module_ref(mod, step, page->show[i], app->mods.values,
                                          tu_records_list(&app->records), &f);
        char text[2100], id[96];
        tu_mod_value_text(app, f, v, text, sizeof text);
        if (!text[0] || !f)
            continue;
        if (!any++)
            tu_card_begin(ui, "step.shown");
        snprintf(id, sizeof id, "step.shown.%zu", i);
        tu_mod_note(app, tr_module_text(f->label, tu_mod_lang(app)));
        tu_paragraph(ui, id, text); /* the client's own words: any length, wrapped */
    }
    if (any)
        tu_card_end(ui);
}

static void form_page(tu_app *app, const tr_module *mod, const tr_module_step *step)
{
    tu_ctx *ui = &app->ui;
    tu_mods *m = &app->mods;
    if (m->page < 0 || (size_t)m->page >= step->page_count)
        m->page = 0;
    const tr_module_page *page = &step->pages[m->page];
    if (step->page_count > 1) {
        char text[128], n[16], of[16];
        snprintf(n, sizeof n, "%d", m->page + 1);
        snprintf(of, sizeof of, "%zu", step->page_count);
        tr_i18n_arg args[] = {{"page", n}, {"pages", of}, {NULL, NULL}};
        tr_i18n_fill(T(app, "step.page"), args, text, sizeof text);
        tu_progress(ui, "step.progress", (float)(m->page + 1) / (float)step->page_count, text);
    }
    if (m->page == 0) {
        paragraphs(app, "step.text", step->text);
        example(app, step);
    }
    shown_values(app, mod, step, page);
    if (page->title)
        tu_label(ui, "step.page_title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, tr_module_text(page->title, tu_mod_lang(app)));
    paragraphs(app, "step.page_text", page->text);
    tr_error err = {0};
    m->computed = tr_module_compute_values(step, m->values, &err);
    for (size_t i = 0; i < page->field_count; i++) {
        char id[96];
        snprintf(id, sizeof id, "f.%s", page->fields[i].id);
        tu_mod_field(app, mod, step, &page->fields[i], m->values, id);
    }
    tr_values_destroy(m->computed);
    m->computed = NULL;
    m->computed_row = NULL;
}

/* Reflection questions, checklist items and homework tasks. */
static void items(tu_app *app, const tr_module_step *step)
{
    tu_ctx *ui = &app->ui;
    tu_mods *m = &app->mods;
    const char *lang = tu_mod_lang(app);
    for (size_t i = 0; i < step->item_count; i++) {
        const tr_module_item *it = &step->items[i];
        char id[96];
        snprintf(id, sizeof id, "f.%s", it->id);
        if (step->kind == TR_STEP_REFLECTION) {
            const char *v = tr_value_text(tr_values_get(m->values, it->id));
            tu_mod_buf *b = tu_mod_buf_get(m, id, 2000 * 4 + 1, v);
            if (!b)
                continue;
            /* an answer in the client's own words: it wraps and grows, with its count */
            int got = tu_field(
                ui, &(tu_field_desc){.id = id,
                                     .label = tu_mod_question(app, tr_module_text(it->text, lang)),
                                     .buf = b->s,
                                     .size = b->cap,
                                     .lines = 4,
                                     .max_chars = 2000});
            tu_mod_count(app, id, b, got, 2000);
            if (it->hint)
                tu_mod_note(app, tr_module_text(it->hint, lang));
            if (strcmp(b->s, v ? v : "") != 0) {
                tr_error err = {0};
                tr_values_clear(m->values, it->id);
                if (b->s[0])
                    tr_values_set_text(m->values, it->id, b->s, &err);
                m->dirty = 1;
            }
            tu_space(ui, ui->style.gap / 2);
        } else {
            int on = tr_value_is_true(tr_values_get(m->values, it->id));
            if (tu_checkbox(ui, id, tr_module_text(it->text, lang), &on)) {
                tr_error err = {0};
                tr_values_set_bool(m->values, it->id, on, &err);
                m->dirty = 1;
                ui->need_redraw = 1;
            }
        }
    }
}

/* A worksheet's entries, newest first, each named by its label field or its date. */
static void entry_list(tu_app *app, const tr_module *mod, const tr_module_step *step)
{
    tu_ctx *ui = &app->ui;
    tu_mods *m = &app->mods;
    tr_error err = {0};
    paragraphs(app, "step.text", step->text);
    example(app, step);
    /* a copy of the cached list: a delete below appends a record (the cache stays valid
     * until the next tu_mod_entries) */
    const tr_module_entries e = *tu_mod_entries(app, mod, step);
    char key[64];
    snprintf(key, sizeof key, "step.new.%s", step->per ? step->per : "situation");
    if (tu_button(ui, "step.new", TU_LOOK_PRIMARY, T(app, key))) {
        tu_mod_edit(app, -2);
        m->editing = 1;
        tu_app_go(app, TU_SCR_STEP);
        return;
    }
    if (e.count == 0)
        tu_paragraph(ui, "step.empty", tu_tr_saving(app, "step.empty"));
    else
        tu_label(ui, "step.entries", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                 ui->style.text, T(app, "step.entries"));
    if (m->list_step != step) {
        m->list_step = step;
        m->list_shown = TU_MODS_LIST_PAGE;
    }
    size_t stop = e.count > m->list_shown ? e.count - m->list_shown : 0;
    for (size_t k = e.count; k-- > stop;) {
        const tr_module_entry *en = &e.items[k];
        const tr_module_field *lf =
            step->label_field ? tr_module_field_find(step, step->label_field) : NULL;
        char name[600] = "", id[96], when[48];
        if (lf)
            tu_mod_value_text(app, lf, tr_values_get(tr_module_entry_values(en), lf->id), name,
                              sizeof name);
        tu_date_format_ts(&app->lang, en->created, 0, when, sizeof when);
        if (!name[0])
            snprintf(name, sizeof name, "%s", when);
        snprintf(id, sizeof id, "step.entry.%zu", k);
        tu_card_begin(ui, id);
        tu_paragraph(ui, "", name);
        if (strcmp(name, when) != 0)
            tu_label(ui, "", TU_FONT_BODY, ui->style.small_size, ui->style.text_muted, when);
        int asking = m->confirm_delete == (int)k + 1;
        const char *both[] = {T(app, "step.entry_open"),
                              T(app, asking ? "step.entry_delete_sure" : "step.entry_delete")};
        tu_rect row = tu_next_row(ui, 2, both);
        snprintf(id, sizeof id, "step.entry.%zu.open", k);
        if (tu_button_at(ui, id, tu_split(ui, row, 2, 0), TU_LOOK_SECONDARY,
                         T(app, "step.entry_open"))) {
            tu_mod_edit(app, (int)k);
            m->page = 0;
            m->editing = 1;
            tu_app_go(app, TU_SCR_STEP);
        }
        snprintf(id, sizeof id, "step.entry.%zu.delete", k);
        if (tu_button_at(ui, id, tu_split(ui, row, 2, 1),
                         asking ? TU_LOOK_DANGER : TU_LOOK_SECONDARY,
                         T(app, asking ? "step.entry_delete_sure" : "step.entry_delete"))) {
            if (!asking) {
                m->confirm_delete = (int)k + 1;
            } else {
                char ts[32];
                tu_records_now(ts, sizeof ts);
                cJSON *rec = tr_module_delete_record(mod, step->id, en->id, ts, &err);
                if (!rec || tu_records_append(&app->records, rec, &err) != 0)
                    snprintf(m->save_msg, sizeof m->save_msg, "%s %s",
                             T(app, "modules.save_failed"), err.msg);
                m->confirm_delete = 0;
            }
            ui->need_redraw = 1;
        }
        tu_card_end(ui);
    }
    if (stop > 0) {
        char count[24], label[160];
        snprintf(count, sizeof count, "%zu", stop);
        tr_i18n_arg args[] = {{"count", count}, {NULL, NULL}};
        tr_i18n_fill(T(app, "step.show_more"), args, label, sizeof label);
        if (tu_button(ui, "step.show_more", TU_LOOK_SECONDARY, label)) {
            m->list_shown += TU_MODS_LIST_PAGE;
            ui->need_redraw = 1;
        }
    }
}

void tu_step_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_mods *m = &app->mods;
    const tr_module *mod = cur_module(app);
    const tr_module_step *step = cur_step(app);
    if (!step)
        return;
    const char *lang = tu_mod_lang(app);
    tu_label(ui, "step.module", TU_FONT_BODY, ui->style.small_size, ui->style.text_muted,
             tr_module_text(mod->title, lang));
    tu_title(ui, "step.title", tr_module_text(step->title, lang));
    tu_errors_summary(ui, &m->errs, "errors", T(app, "errors.title"));
    if (m->save_msg[0]) {
        tu_card_begin(ui, "step.problem_card");
        tu_paragraph(ui, "step.problem", m->save_msg);
        tu_card_end(ui);
    }
    switch (step->kind) {
    case TR_STEP_READING:
        paragraphs(app, "step.text", step->text);
        example(app, step);
        break;
    case TR_STEP_REFLECTION:
    case TR_STEP_CHECKLIST:
    case TR_STEP_HOMEWORK:
        paragraphs(app, "step.text", step->text);
        items(app, step);
        break;
    case TR_STEP_EXERCISE:
        form_page(app, mod, step);
        break;
    case TR_STEP_WORKSHEET:
        if (m->editing)
            form_page(app, mod, step);
        else
            entry_list(app, mod, step);
        break;
    }
    /* Save what changed once nothing is held: a choice at once, a slider when let go, typed
     * text when its field loses focus (and on every way out of the step), and while typing at
     * least every TU_MOD_SAVE_MS, so a crash or power cut loses at most that much. */
    if (!m->dirty) {
        m->dirty_since = 0;
        return;
    }
    if (!m->dirty_since)
        m->dirty_since = ui->now_ms + 1;
    int64_t due = m->dirty_since - 1 + TU_MOD_SAVE_MS;
    if ((!ui->want_text && !ui->active) || (ui->want_text && ui->now_ms >= due)) {
        if (tu_mod_save(app) == 0)
            m->dirty_since = 0;
    } else if (!ui->want_text) {
        ui->need_redraw = 1;
    } else if (!ui->wake_ms || due < ui->wake_ms) {
        ui->wake_ms = due;
    }
}

static void back_to_module(tu_app *app)
{
    tu_mods_flush(app);
    app->mods.step = -1;
    tu_app_go(app, TU_SCR_MODULE);
}

/* Finishing: the step is done; a worksheet entry goes back to its list. */
static void finish(tu_app *app, const tr_module_step *step)
{
    tu_mods *m = &app->mods;
    tu_mods_flush(app);
    if (m->save_msg[0])
        return; /* stay: the problem is shown */
    tu_mod_progress(app, m->step, 1);
    if (step->kind == TR_STEP_WORKSHEET) {
        m->editing = 0;
        tu_mod_bufs_clear(m);
        tu_app_go(app, TU_SCR_STEP);
    } else {
        back_to_module(app);
    }
}

void tu_step_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_mods *m = &app->mods;
    const tr_module_step *step = cur_step(app);
    if (!step)
        return;
    int form = step->kind == TR_STEP_EXERCISE || (step->kind == TR_STEP_WORKSHEET && m->editing);
    int last = !form || (size_t)m->page + 1 >= step->page_count;
    int esc = (ui->keys & TU_KEY_ESCAPE) != 0;
    const char *back = T(app, form && m->page > 0 ? "common.back" : "step.to_module");
    if (step->kind == TR_STEP_WORKSHEET && m->editing && m->page == 0)
        back = T(app, "step.to_list");
    int back_pressed =
        tu_button_at(ui, "step.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY, back) || esc;
    if (back_pressed && form && tu_mod_page_problems(app) > 0)
        return; /* what was typed is kept and the summary says what to fix */
    if (back_pressed) {
        tu_errors_clear(&m->errs);
        tu_mods_flush(app);
        if (form && m->page > 0) {
            m->page--;
            tu_app_go(app, TU_SCR_STEP);
        } else if (step->kind == TR_STEP_WORKSHEET && m->editing) {
            m->editing = 0;
            tu_mod_bufs_clear(m);
            tu_app_go(app, TU_SCR_STEP);
        } else {
            back_to_module(app);
        }
        return;
    }
    if (step->kind == TR_STEP_WORKSHEET && !m->editing)
        return; /* the list has its own "new entry" button */
    const char *next = T(app, !last                           ? "common.next"
                              : step->kind == TR_STEP_READING ? "step.read"
                                                              : "step.finish");
    if (tu_button_at(ui, "step.next", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY, next)) {
        if (form && tu_mod_page_problems(app) > 0)
            return;
        tu_errors_clear(&m->errs);
        if (!last) {
            tu_mods_flush(app);
            m->page++;
            tu_app_go(app, TU_SCR_STEP);
        } else {
            finish(app, step);
        }
    }
}
