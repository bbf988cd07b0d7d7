/* tu_scr_modules: loading the modules, the module list, one module's steps, and the saving
 * every module screen shares (see tu_mods.h). */
#include "tu_mod_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_dir.h"
#include "tp_path.h"

/* The list order: modules for everyone ("general", the CBT model) first, then by file name. */
static int by_order(const void *a, const void *b)
{
    const tr_module *x = *(tr_module *const *)a, *y = *(tr_module *const *)b;
    int gx = tr_module_has_focus(x, "general"), gy = tr_module_has_focus(y, "general");
    if (gx != gy)
        return gy - gx;
    return strcmp(x->id, y->id);
}

/* Reads every module of the pack once. A module that does not load is left out and named on
 * the list (trinnctl check tells the content team the details). */
static void load_modules(tu_app *app)
{
    tu_mods *m = &app->mods;
    char dir[1100], path[1400];
    char **names = NULL;
    size_t n = 0;
    m->loaded = 1;
    if (tp_path_join(dir, sizeof dir, app->content_dir, "modules") != 0 ||
        tp_dir_list(dir, ".json", &names, &n) != 0) {
        snprintf(m->load_msg, sizeof m->load_msg, "%s", T(app, "modules.none"));
        return;
    }
    m->mods = calloc(n ? n : 1, sizeof *m->mods);
    for (size_t i = 0; m->mods && i < n; i++) {
        tr_diags diags = {0};
        tr_module *mod = NULL;
        if (tp_path_join(path, sizeof path, dir, names[i]) == 0 &&
            tr_module_load(path, &mod, &diags) == TR_OK)
            m->mods[m->n++] = mod;
        else {
            char first[300] = "";
            if (diags.count > 0)
                tr_diag_format(&diags.items[0], first, sizeof first);
            fprintf(stderr, "trinn: module %s left out: %s\n", names[i], first);
            snprintf(m->load_msg, sizeof m->load_msg, "%s", T(app, "modules.broken"));
        }
        tr_diags_free(&diags);
    }
    tp_dir_names_free(names, n);
    if (m->n > 1)
        qsort(m->mods, m->n, sizeof *m->mods, by_order);
}

/* The progress of module i, worked out again only when records were added (the module list
 * would otherwise walk every record for every module on every frame). */
static const tr_module_progress *progress_of(tu_app *app, int i)
{
    static const tr_module_progress none = {.resume = 0, .last = -1};
    tu_mods *m = &app->mods;
    if (i < 0 || (size_t)i >= m->n)
        return &none;
    if (!m->progress && !(m->progress = calloc(m->n, sizeof *m->progress)))
        return &none;
    if (m->progress_records != app->records.count + 1) {
        const cJSON *list = tu_records_list(&app->records);
        for (size_t k = 0; k < m->n; k++) {
            tr_error err = {0};
            if (tr_module_progress_of(m->mods[k], list, &m->progress[k], &err) != TR_OK)
                m->progress[k] = none;
        }
        m->progress_records = app->records.count + 1;
    }
    return &m->progress[i];
}

static const tr_module *cur_module(const tu_app *app)
{
    const tu_mods *m = &app->mods;
    return m->cur >= 0 && (size_t)m->cur < m->n ? m->mods[m->cur] : NULL;
}

void tu_mods_open_list(tu_app *app)
{
    if (!app->mods.loaded)
        load_modules(app);
    tu_mods_flush(app);
    app->mods.cur = app->mods.step = -1;
    tu_app_go(app, TU_SCR_MODULES);
}

static void open_module(tu_app *app, int i)
{
    tu_mods_flush(app);
    app->mods.cur = i;
    app->mods.step = -1;
    tu_app_go(app, TU_SCR_MODULE);
}

int tu_mods_open_module(tu_app *app, const char *module_id)
{
    if (!app->mods.loaded)
        load_modules(app);
    for (size_t i = 0; i < app->mods.n; i++)
        if (strcmp(app->mods.mods[i]->id, module_id) == 0) {
            open_module(app, (int)i);
            return 0;
        }
    tu_mods_open_list(app);
    return -1;
}

const tr_module *tu_mods_find(tu_app *app, const char *module_id)
{
    if (!app->mods.loaded)
        load_modules(app);
    for (size_t i = 0; i < app->mods.n; i++)
        if (strcmp(app->mods.mods[i]->id, module_id) == 0)
            return app->mods.mods[i];
    return NULL;
}

void tu_mods_free(tu_mods *m)
{
    for (size_t i = 0; i < m->n; i++)
        tr_module_destroy(m->mods[i]);
    free(m->mods);
    tu_mod_bufs_clear(m);
    free(m->bufs);
    free(m->progress);
    tr_module_entries_free(&m->entries);
    tr_values_destroy(m->values);
    memset(m, 0, sizeof *m);
}

/* ---- saving ----------------------------------------------------------------------------- */

int tu_mod_save(tu_app *app)
{
    tu_mods *m = &app->mods;
    const tr_module *mod = cur_module(app);
    if (!mod || m->step < 0 || !m->values)
        return 0;
    const tr_module_step *step = &mod->steps[m->step];
    char ts[32];
    tu_records_now(ts, sizeof ts);
    if (!m->entry[0]) {
        /* unique in the journal: the time, a per-run counter and the monotonic clock */
        snprintf(m->entry, sizeof m->entry, "e%lld-%lld-%u", (long long)tp_clock_now(),
                 (long long)(tp_clock_mono_ms() % 1000000), ++m->counter);
    }
    tr_error err = {0};
    cJSON *rec = tr_module_entry_record_of(mod, step->id, m->entry, m->values, ts, &err);
    if (!rec || tu_records_append(&app->records, rec, &err) != 0) {
        snprintf(m->save_msg, sizeof m->save_msg, "%s %s", T(app, "modules.save_failed"), err.msg);
        return -1;
    }
    m->save_msg[0] = 0;
    m->dirty = 0;
    return 0;
}

void tu_mods_flush(tu_app *app)
{
    if (app->mods.dirty)
        tu_mod_save(app);
}

void tu_mod_progress(tu_app *app, int step, int done)
{
    const tr_module *mod = cur_module(app);
    if (!mod || step < 0 || (size_t)step >= mod->step_count)
        return;
    char ts[32];
    tu_records_now(ts, sizeof ts);
    tr_error err = {0};
    cJSON *rec = tr_module_progress_record(mod, mod->steps[step].id, done, ts, &err);
    if (!rec || tu_records_append(&app->records, rec, &err) != 0)
        snprintf(app->mods.save_msg, sizeof app->mods.save_msg, "%s %s",
                 T(app, "modules.save_failed"), err.msg);
}

void tu_mod_edit(tu_app *app, int which)
{
    tu_mods *m = &app->mods;
    const tr_module *mod = cur_module(app);
    tr_values_destroy(m->values);
    m->values = NULL;
    m->entry[0] = 0;
    m->dirty = 0;
    m->page = 0;
    tu_mod_bufs_clear(m);
    tu_errors_clear(&m->errs);
    if (!mod || m->step < 0)
        return;
    const tr_module_step *step = &mod->steps[m->step];
    tr_module_entries e = {0};
    tr_error err = {0};
    if (which != -2 &&
        tr_module_entries_of(mod, step->id, tu_records_list(&app->records), &e, &err) == TR_OK &&
        e.count > 0) {
        size_t i = which < 0 ? e.count - 1 : (size_t)which;
        if (i < e.count) {
            snprintf(m->entry, sizeof m->entry, "%s", e.items[i].id);
            m->values = tr_values_copy(tr_module_entry_values(&e.items[i]));
        }
    }
    tr_module_entries_free(&e);
    if (!m->values)
        m->values = tr_values_make();
    /* resume a form at its first page with nothing filled in yet */
    for (size_t p = 0; m->entry[0] && p < step->page_count; p++) {
        int any = 0;
        for (size_t f = 0; f < step->pages[p].field_count; f++) {
            any |= tr_values_has(m->values, step->pages[p].fields[f].id);
        }
        if (!any) {
            m->page = (int)p;
            break;
        }
    }
}

/* ---- the crisis plan on the crisis view ------------------------------------------------- */

/* Module and step ids are stable (FORMAT.md: never renamed), so the crisis view can name the
 * plan's step. */
#define CRISIS_MODULE "relapse_crisis_plan"
#define CRISIS_STEP   "crisis_plan"

void tu_mods_crisis_plan(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    const tr_module *mod = tu_mods_find(app, CRISIS_MODULE);
    const tr_module_step *step = mod ? tr_module_step_find(mod, CRISIS_STEP) : NULL;
    if (!step)
        return;
    tr_module_entries e = {0};
    tr_error err = {0};
    if (tr_module_entries_of(mod, step->id, tu_records_list(&app->records), &e, &err) != TR_OK ||
        e.count == 0) {
        tr_module_entries_free(&e);
        return;
    }
    const tr_values *values = tr_module_entry_values(&e.items[e.count - 1]);
    const char *lang = tu_mod_lang(app);
    int any = 0;
    for (size_t p = 0; p < step->page_count; p++)
        for (size_t i = 0; i < step->pages[p].field_count; i++) {
            const tr_module_field *f = &step->pages[p].fields[i];
            const tr_value *v = tr_values_get(values, f->id);
            char text[2100] = "", id[96];
            if (f->type == TR_FIELD_LIST) {
                /* rows as "name, phone" lines */
                size_t len = 0;
                const tr_values *row;
                for (size_t r = 0; r < tr_value_count(v); r++) {
                    if (!(row = tr_value_row(v, r)))
                        continue;
                    char line[600] = "";
                    size_t ll = 0;
                    for (size_t c = 0; c < f->column_count; c++) {
                        char cell[300];
                        tu_mod_value_text(app, &f->columns[c], tr_values_get(row, f->columns[c].id),
                                          cell, sizeof cell);
                        if (!cell[0] || ll + strlen(cell) + 3 >= sizeof line)
                            continue;
                        ll += (size_t)snprintf(line + ll, sizeof line - ll, "%s%s", ll ? ", " : "",
                                               cell);
                    }
                    if (line[0] && len + strlen(line) + 2 < sizeof text)
                        len += (size_t)snprintf(text + len, sizeof text - len, "%s%s",
                                                len ? "; " : "", line);
                }
            } else {
                tu_mod_value_text(app, f, v, text, sizeof text);
            }
            if (!text[0])
                continue;
            if (!any++) {
                tu_card_begin(ui, "crisisplan.card");
                tu_label(ui, "crisisplan.title", TU_FONT_STRONG,
                         ui->style.font_size[TU_FONT_STRONG], ui->style.text,
                         T(app, "modules.crisis_plan"));
            }
            tu_mod_note(app, tr_module_text(f->label, lang));
            snprintf(id, sizeof id, "crisisplan.%s", f->id);
            tu_paragraph(ui, id, text);
        }
    if (any)
        tu_card_end(ui);
    tr_module_entries_free(&e);
}

/* ---- the way in, on the welcome screen ---------------------------------------------------- */

void tu_mods_welcome(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_card_begin(ui, "selfhelp.card");
    tu_label(ui, "selfhelp.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "modules.welcome_title"));
    tu_paragraph(ui, "selfhelp.text", tu_tr_saving(app, "modules.welcome_text"));
    if (tu_button(ui, "selfhelp.open", TU_LOOK_SECONDARY, T(app, "modules.welcome_open")) &&
        tu_profile_gate(app, TU_PROF_NEXT_MODULES))
        tu_mods_open_list(app);
    tu_card_end(ui);
}

void tu_mods_suggest(tu_app *app, const char *const *ids, size_t n)
{
    tu_ctx *ui = &app->ui;
    const char *lang = tu_mod_lang(app);
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        if (!ids[i] || !tu_mods_find(app, ids[i]))
            continue;
        const tr_module *mod = tu_mods_find(app, ids[i]);
        char id[96], label[1400], mins[16];
        if (!any++) {
            tu_card_begin(ui, "suggest.card");
            tu_label(ui, "suggest.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
                     ui->style.text, T(app, "modules.suggest_title"));
            tu_paragraph(ui, "suggest.text", T(app, "modules.suggest_text"));
        }
        snprintf(mins, sizeof mins, "%d", mod->minutes);
        tr_i18n_arg args[] = {
            {"title", tr_module_text(mod->title, lang)}, {"minutes", mins}, {NULL, NULL}};
        tr_i18n_fill(T(app, "modules.suggest_item"), args, label, sizeof label);
        snprintf(id, sizeof id, "suggest.%s", mod->id);
        if (tu_button(ui, id, TU_LOOK_SECONDARY, label)) {
            tu_mods_open_module(app, mod->id);
            break;
        }
    }
    if (any)
        tu_card_end(ui);
}

/* ---- the module list ---------------------------------------------------------------------- */

static void progress_line(tu_app *app, int i, char *buf, size_t size, const char **button)
{
    const tr_module *mod = app->mods.mods[i];
    const tr_module_progress *pp = progress_of(app, i);
    char mins[16], done[16], total[16];
    snprintf(mins, sizeof mins, "%d", mod->minutes);
    snprintf(done, sizeof done, "%zu", pp->done_count);
    snprintf(total, sizeof total, "%zu", mod->step_count);
    tr_i18n_arg args[] = {{"minutes", mins}, {"done", done}, {"steps", total}, {NULL, NULL}};
    const char *key = pp->last < 0     ? "modules.meta_new"
                      : pp->resume < 0 ? "modules.meta_done"
                                       : "modules.meta_started";
    tr_i18n_fill(T(app, key), args, buf, size);
    *button = T(app, pp->last < 0     ? "modules.start"
                     : pp->resume < 0 ? "modules.open_again"
                                      : "modules.continue");
}

size_t tu_mods_home_list(tu_app *app, const char *prefix, const char *const *ids, size_t n,
                         int started)
{
    tu_ctx *ui = &app->ui;
    tu_mods *m = &app->mods;
    const char *lang = tu_mod_lang(app);
    if (!m->loaded)
        load_modules(app);
    size_t shown = 0;
    /* each module once: the begun ones in list order, then the asked-for ones in their order */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < (pass ? n : m->n); k++) {
            int i = -1;
            if (!pass) {
                if (started && progress_of(app, (int)k)->last >= 0)
                    i = (int)k;
            } else {
                for (size_t j = 0; ids[k] && j < m->n; j++)
                    if (strcmp(m->mods[j]->id, ids[k]) == 0)
                        i = (int)j;
                if (i >= 0 && started && progress_of(app, i)->last >= 0)
                    i = -1; /* shown in the first pass */
                for (size_t d = 0; i >= 0 && d < k; d++)
                    if (ids[d] && strcmp(ids[d], ids[k]) == 0)
                        i = -1; /* named twice */
            }
            if (i < 0)
                continue;
            const tr_module *mod = m->mods[i];
            char id[160], meta[256], label[1600];
            const char *button = "";
            progress_line(app, i, meta, sizeof meta, &button);
            snprintf(label, sizeof label, "%s  \xC2\xB7  %s", tr_module_text(mod->title, lang),
                     meta);
            snprintf(id, sizeof id, "%s.%s", prefix, mod->id);
            shown++;
            if (tu_button(ui, id, TU_LOOK_SECONDARY, label)) {
                open_module(app, i);
                return shown;
            }
        }
    return shown;
}

void tu_modules_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_mods *m = &app->mods;
    const char *lang = tu_mod_lang(app);
    tu_title(ui, "modules.title", T(app, "modules.title"));
    tu_paragraph(ui, "modules.intro", T(app, "modules.intro"));
    if (m->load_msg[0])
        tu_paragraph(ui, "modules.problem", m->load_msg);
    for (size_t i = 0; i < m->n; i++) {
        const tr_module *mod = m->mods[i];
        char id[96], meta[256];
        const char *button = "";
        progress_line(app, (int)i, meta, sizeof meta, &button);
        snprintf(id, sizeof id, "modules.%s", mod->id);
        tu_card_begin(ui, id);
        snprintf(id, sizeof id, "modules.%s.title", mod->id);
        tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG], ui->style.text,
                 tr_module_text(mod->title, lang));
        snprintf(id, sizeof id, "modules.%s.summary", mod->id);
        tu_paragraph(ui, id, tr_module_text(mod->summary, lang));
        snprintf(id, sizeof id, "modules.%s.meta", mod->id);
        tu_label(ui, id, TU_FONT_BODY, ui->style.small_size, ui->style.text_muted, meta);
        snprintf(id, sizeof id, "modules.open.%s", mod->id);
        if (tu_button(ui, id, TU_LOOK_SECONDARY, button))
            open_module(app, (int)i);
        tu_card_end(ui);
    }
}

void tu_modules_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    if (tu_button_at(ui, "modules.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "common.back")) ||
        (ui->keys & TU_KEY_ESCAPE))
        tu_app_go(app, TU_SCR_WELCOME);
}

/* ---- one module: what it is, its steps, where to go on ------------------------------------ */

static void open_step(tu_app *app, int s)
{
    tu_mods *m = &app->mods;
    tu_mods_flush(app);
    const tr_module_progress *p = progress_of(app, m->cur);
    m->step = s;
    m->editing = 0;
    m->confirm_delete = 0;
    m->save_msg[0] = 0;
    if (p->last != s || p->state[s] == TR_STEP_NEW)
        tu_mod_progress(app, s, 0);
    tu_mod_edit(app, -1);
    tu_app_go(app, TU_SCR_STEP);
}

void tu_module_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    const tr_module *mod = cur_module(app);
    const char *lang = tu_mod_lang(app);
    if (!mod)
        return;
    tu_title(ui, "module.title", tr_module_text(mod->title, lang));
    tu_paragraph(ui, "module.summary", tr_module_text(mod->summary, lang));
    tu_mod_note(app, tr_module_text(mod->for_whom, lang));
    if (!mod->reviewed) /* calm and small: the texts are sound, only not yet signed off */
        tu_note(ui, "module.draft", T(app, "module.draft"));
    tu_goals_for_module(app, mod->id); /* the client's goals linked to it (tu_goals.h) */
    tu_space(ui, ui->style.gap);
    const tr_module_progress *p = progress_of(app, app->mods.cur);
    tu_label(ui, "module.steps", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "module.steps"));
    for (size_t i = 0; i < mod->step_count; i++) {
        char id[96], label[1400];
        static const char *const state_key[] = {"module.state.new", "module.state.started",
                                                "module.state.done"};
        snprintf(id, sizeof id, "module.step.%s", mod->steps[i].id);
        snprintf(label, sizeof label, "%zu. %s  \xC2\xB7  %s", i + 1,
                 tr_module_text(mod->steps[i].title, lang), T(app, state_key[p->state[i]]));
        if (tu_button(ui, id, TU_LOOK_SECONDARY, label))
            open_step(app, (int)i);
    }
}

void tu_module_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    const tr_module *mod = cur_module(app);
    if (tu_button_at(ui, "module.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                     T(app, "module.all")) ||
        (ui->keys & TU_KEY_ESCAPE)) {
        tu_mods_open_list(app);
        return;
    }
    if (!mod)
        return;
    const tr_module_progress *p = progress_of(app, app->mods.cur);
    const char *label = T(app, p->last < 0     ? "modules.start"
                               : p->resume < 0 ? "module.from_start"
                                               : "modules.continue");
    if (tu_button_at(ui, "module.continue", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY, label))
        open_step(app, p->resume < 0 ? 0 : p->resume);
}
