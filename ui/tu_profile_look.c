/* tu_profile_look: how a profile looks to anyone at the PC (a coloured symbol and an optional
 * label, core/tr_profile.h) and the choice of it when a profile is made. See tu_profile_ui.h. */
#include "tu_app.h"

#include <stdio.h>
#include <string.h>

/* The glyphs, in the order of tr_profile_symbols; the shipped font (Inter) has each. */
static const char *const glyphs[] = {"\u25CF", "\u25A0", "\u25B2", "\u25C6",
                                     "\u2605", "\u2665", "\u2600"};

/* The colours, in the order of tr_profile_colours: dark enough that the white symbol on them
 * has a contrast of at least 4.5:1 (tests/ui/test_tu_contrast.c checks it). */
static const tu_color colours[] = {
    {0x1f, 0x5f, 0xbf, 0xff}, /* blue */
    {0x1e, 0x6e, 0x34, 0xff}, /* green */
    {0xa8, 0x45, 0x00, 0xff}, /* orange */
    {0x6b, 0x3f, 0xa0, 0xff}, /* purple */
    {0xb3, 0x26, 0x1e, 0xff}, /* red */
    {0x00, 0x6a, 0x74, 0xff}, /* teal */
    {0x5f, 0x63, 0x68, 0xff}, /* grey */
};

static int index_of(const char *const *list, const char *id)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], id) == 0)
            return i;
    return 0;
}

tu_color tu_profile_look_colour(int i)
{
    return colours[(unsigned)i < sizeof colours / sizeof colours[0] ? i : 0];
}

static void look_words(tu_app *app, int sym, int col, char *buf, size_t size)
{
    char ks[64], kc[64];
    snprintf(ks, sizeof ks, "profile.symbol.%s", tr_profile_symbols[sym]);
    snprintf(kc, sizeof kc, "profile.colour.%s", tr_profile_colours[col]);
    tr_i18n_arg args[] = {{"symbol", T(app, ks)}, {"colour", T(app, kc)}, {NULL, NULL}};
    tr_i18n_fill(T(app, "profile.look"), args, buf, size);
}

void tu_profile_look_name(tu_app *app, const tr_profile_info *info, char *buf, size_t size)
{
    if (info->label[0])
        snprintf(buf, size, "%s", info->label);
    else
        look_words(app, index_of(tr_profile_symbols, info->symbol),
                   index_of(tr_profile_colours, info->colour), buf, size);
}

/* The symbol in white, centred on a rounded square of its colour. */
static void swatch(tu_app *app, tu_rect r, int sym, int col)
{
    tu_ctx *ui = &app->ui;
    int size = ui->style.font_size[TU_FONT_STRONG];
    tu_draw_fill(ui, r, tu_profile_look_colour(col), ui->style.radius);
    const char *g = glyphs[sym];
    int w = tu_text_width(ui, TU_FONT_STRONG, size, g);
    int h = tu_text_height(ui, TU_FONT_STRONG, size, 0, g);
    tu_draw_text(ui, (tu_rect){r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h}, TU_FONT_STRONG,
                 size, 0, (tu_color){0xff, 0xff, 0xff, 0xff}, g);
}

int tu_profile_look_row(tu_app *app, const char *id, const tr_profile_info *info)
{
    tu_ctx *ui = &app->ui;
    char text[200];
    tu_profile_look_name(app, info, text, sizeof text);
    tu_rect r = tu_next(ui, ui->style.target);
    tu_rect sw = {r.x, r.y, r.h, r.h};
    tu_rect b = {r.x + r.h + ui->style.gap, r.y, r.w - r.h - ui->style.gap, r.h};
    swatch(app, sw, index_of(tr_profile_symbols, info->symbol),
           index_of(tr_profile_colours, info->colour));
    return tu_button_at(ui, id, b, TU_LOOK_SECONDARY, text);
}

/* A row of n choices: the symbols as buttons showing the glyph, the colours as buttons filled
 * with the colour (the chosen one framed by the primary look). Returns the one pressed or -1. */
static int choice_row(tu_app *app, const char *prefix, const char *const *ids, int n, int sel,
                      int symbols)
{
    tu_ctx *ui = &app->ui;
    int hit = -1;
    tu_rect r = tu_next(ui, ui->style.target);
    for (int i = 0; i < n; i++) {
        char id[64];
        snprintf(id, sizeof id, "%s.%s", prefix, ids[i]);
        tu_rect c = tu_split(ui, r, n, i);
        if (tu_button_at(ui, id, c, i == sel ? TU_LOOK_PRIMARY : TU_LOOK_SECONDARY,
                         symbols ? glyphs[i] : ""))
            hit = i;
        if (!symbols) {
            int inset = i == sel ? ui->style.pad / 2 + 2 : 3;
            tu_draw_fill(ui, (tu_rect){c.x + inset, c.y + inset, c.w - 2 * inset, c.h - 2 * inset},
                         tu_profile_look_colour(i), ui->style.radius / 2);
        }
    }
    return hit;
}

void tu_profile_look_choose(tu_app *app)
{
    tu_prof *p = &app->prof;
    tu_ctx *ui = &app->ui;
    int nsym = 0, ncol = 0;
    while (tr_profile_symbols[nsym])
        nsym++;
    while (tr_profile_colours[ncol])
        ncol++;
    tu_card_begin(ui, "profile.look.card");
    tu_label(ui, "profile.look.title", TU_FONT_STRONG, ui->style.font_size[TU_FONT_STRONG],
             ui->style.text, T(app, "profile.look_title"));
    tu_paragraph(ui, "profile.look.note", T(app, "profile.look_note"));
    int k = choice_row(app, "profile.symbol", tr_profile_symbols, nsym, p->symbol, 1);
    if (k >= 0)
        p->symbol = k;
    k = choice_row(app, "profile.colour", tr_profile_colours, ncol, p->colour, 0);
    if (k >= 0)
        p->colour = k;
    char words[200];
    look_words(app, p->symbol, p->colour, words, sizeof words);
    tu_rect r = tu_next(ui, ui->style.target);
    swatch(app, (tu_rect){r.x, r.y, r.h, r.h}, p->symbol, p->colour);
    tu_label_at(ui, "profile.look.chosen",
                (tu_rect){r.x + r.h + ui->style.gap, r.y, r.w - r.h - ui->style.gap, r.h},
                TU_FONT_BODY, ui->style.font_size[TU_FONT_BODY], ui->style.text, 0, words);
    tu_field(ui, &(tu_field_desc){.id = "profile.label",
                                  .label = T(app, "profile.label"),
                                  .buf = p->label,
                                  .size = sizeof p->label,
                                  .error = tu_errors_of(&p->errs, "profile.label")});
    tu_note(ui, "profile.label.note", T(app, "profile.label_note"));
    tu_card_end(ui);
}
