/* tu_scr_guide: the information pages for relatives and about self-help groups and user
 * organisations (issue 17). Everything shown is content/info.json's text in the current
 * language; a page not yet reviewed by a clinician says so. Phone numbers and websites are
 * shown only where the pack gives them (content/README.md, "Information pages"). */
#include <stdio.h>
#include <string.h>

#include "tu_app.h"

static const char *L(tu_app *app, const tr_text *t)
{
    return tr_content_text(app->pack, t, tu_lang_code(&app->lang));
}

/* 1 when the pack has information pages to show (content/info.json, loaded and checked with
 * the rest of the pack). */
static int loaded(tu_app *app)
{
    tu_guide *g = &app->guide;
    if (!g->tried && app->pack) {
        g->tried = 1;
        g->page = -1;
        g->info = app->bundle->info; /* the bundle's; NULL when the pack has no pages */
    }
    return g->info && g->info->n_pages > 0;
}

void tu_guide_free(tu_guide *g)
{
    g->info = NULL; /* the bundle's */
    g->tried = 0;
}

void tu_guide_welcome(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    if (!loaded(app))
        return;
    tu_card_begin(ui, "guide.card");
    tu_label(ui, "guide.welcome_title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "guide.welcome_title"));
    tu_paragraph(ui, "guide.welcome_text", T(app, "guide.welcome_text"));
    if (tu_button(ui, "guide.open", TU_LOOK_SECONDARY, T(app, "guide.open"))) {
        app->guide.page = -1;
        tu_app_go(app, TU_SCR_GUIDE);
    }
    tu_card_end(ui);
}

static void contact(tu_app *app, const tr_info_contact *c, const char *id)
{
    tu_ctx *ui = &app->ui;
    char wid[192], line[256];
    tu_card_begin(ui, id);
    snprintf(wid, sizeof wid, "%s.name", id);
    tu_label(ui, wid, TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG], ui->style.text,
             L(app, &c->name));
    snprintf(wid, sizeof wid, "%s.text", id);
    tu_paragraph(ui, wid, L(app, &c->text));
    if (c->phone) {
        tr_i18n_arg args[] = {{"number", c->phone}, {NULL, NULL}};
        tr_i18n_fill(T(app, "guide.phone"), args, line, sizeof line);
        snprintf(wid, sizeof wid, "%s.phone", id);
        tu_paragraph(ui, wid, line);
    }
    if (c->web) {
        tr_i18n_arg args[] = {{"web", c->web}, {NULL, NULL}};
        tr_i18n_fill(T(app, "guide.web"), args, line, sizeof line);
        snprintf(wid, sizeof wid, "%s.web", id);
        tu_paragraph(ui, wid, line);
    }
    tu_card_end(ui);
}

static void page_body(tu_app *app, const tr_info_page *pg)
{
    tu_ctx *ui = &app->ui;
    char id[128];
    tu_title(ui, "guide.page.title", L(app, &pg->title));
    if (pg->draft)
        tu_note(ui, "guide.draft", T(app, "guide.draft"));
    for (size_t s = 0; s < pg->n_sections; s++) {
        const tr_info_section *sec = &pg->sections[s];
        snprintf(id, sizeof id, "guide.%s.%s", pg->id, sec->id);
        if (s > 0)
            tu_space(ui, ui->style.gap);
        tu_label(ui, id, TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG], ui->style.text,
                 L(app, &sec->heading));
        for (size_t p = 0; p < sec->n_paras; p++) {
            snprintf(id, sizeof id, "guide.%s.%s.%zu", pg->id, sec->id, p);
            tu_paragraph(ui, id, L(app, &sec->paras[p]));
        }
        for (size_t c = 0; c < sec->n_contacts; c++) {
            snprintf(id, sizeof id, "guide.%s.%s.contact.%zu", pg->id, sec->id, c);
            contact(app, &sec->contacts[c], id);
        }
    }
}

void tu_guide_body(tu_app *app)
{
    tu_ctx *ui = &app->ui;
    tu_guide *g = &app->guide;
    char id[96];
    if (!loaded(app)) {
        tu_title(ui, "guide.title", T(app, "guide.title"));
        return;
    }
    if (g->page >= 0 && (size_t)g->page < g->info->n_pages) {
        page_body(app, &g->info->pages[g->page]);
        return;
    }
    tu_title(ui, "guide.title", T(app, "guide.title"));
    tu_paragraph(ui, "guide.intro", T(app, "guide.intro"));
    for (size_t i = 0; i < g->info->n_pages; i++) {
        const tr_info_page *pg = &g->info->pages[i];
        snprintf(id, sizeof id, "guide.card.%s", pg->id);
        tu_card_begin(ui, id);
        snprintf(id, sizeof id, "guide.summary.%s", pg->id);
        tu_paragraph(ui, id, L(app, &pg->summary));
        snprintf(id, sizeof id, "guide.open.%s", pg->id);
        if (tu_button(ui, id, TU_LOOK_SECONDARY, L(app, &pg->title))) {
            g->page = (int)i;
            ui->need_redraw = 1;
        }
        tu_card_end(ui);
    }
}

void tu_guide_nav(tu_app *app, tu_rect bar)
{
    tu_ctx *ui = &app->ui;
    tu_guide *g = &app->guide;
    if (g->page >= 0) {
        if (tu_button_at(ui, "guide.back", tu_split(ui, bar, 2, 0), TU_LOOK_SECONDARY,
                         T(app, "guide.back")) ||
            (ui->keys & TU_KEY_ESCAPE)) {
            g->page = -1;
            tu_app_go(app, TU_SCR_GUIDE);
        }
    } else if (ui->keys & TU_KEY_ESCAPE) {
        tu_app_go(app, TU_SCR_WELCOME);
        return;
    }
    if (tu_button_at(ui, "guide.home", tu_split(ui, bar, 2, 1), TU_LOOK_PRIMARY,
                     T(app, "result.home")))
        tu_app_go(app, TU_SCR_WELCOME);
}
