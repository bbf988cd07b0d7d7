/* Drawing without a window, on a software renderer's surface. A full drawing (which leaves out
 * pixels later fills cover: the background under the top bar and cards, a card's border under
 * its inside; writes opaque fills straight into the surface; draws text over one opaque colour
 * as an opaque texture composited onto it) equals a plain reference drawing that paints every
 * command in order through the renderer with blended text, up to three steps per colour channel
 * (a glyph's edge pixels come out up to 3/255 apart composited by SDL_ttf's shaded mode or by
 * SDL's blend; a box of the wrong colour under a text differs by far more); drawn without
 * the surface it is the same to the bit. Partial
 * drawing (tu_sdl_render_damage): after a change only a small region is drawn again and the
 * pixels equal a full drawing of the new frame; a changed number of commands, background or a
 * line in the region draws everything. Needs the shipped fonts (TRINN_CONTENT). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>
#include <cmocka.h>

#include "tu_sdl.h"
#include "tu_text.h"
#include "tu_theme.h"

#define W 800
#define H 600

typedef struct target {
    SDL_Surface *s;
    SDL_Renderer *r;
    tu_text *text;
    SDL_Surface *direct; /* s, or NULL to fill through the renderer */
} target;

static char regular[1100], strong[1100];
static tu_ctx ctx;
static tu_rect ans; /* the first answer, found by setup */

static void target_make(target *t)
{
    char msg[256];
    t->s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGB888);
    t->r = t->s ? SDL_CreateSoftwareRenderer(t->s) : NULL;
    t->direct = t->s;
    if (!t->r)
        fail_msg("software renderer: %s", SDL_GetError());
    t->text = tu_text_make(&(tu_text_desc){.renderer = t->r, .font_path = {regular, strong}}, msg,
                           sizeof msg);
    if (!t->text)
        fail_msg("tu_text_make: %s", msg);
}

static void target_free(target *t)
{
    tu_text_destroy(t->text);
    SDL_DestroyRenderer(t->r);
    SDL_FreeSurface(t->s);
}

static void build(tu_text *text, int mx, int my, int extra, int line, tu_theme_id theme);

static int setup(void **state)
{
    (void)state;
    const char *content = getenv("TRINN_CONTENT");
    if (!content)
        fail_msg("TRINN_CONTENT is not set");
    snprintf(regular, sizeof regular, "%s/fonts/Inter-Regular.otf", content);
    snprintf(strong, sizeof strong, "%s/fonts/Inter-SemiBold.otf", content);
    target t;
    target_make(&t);
    build(t.text, -1, -1, 0, 0, TU_THEME_STANDARD);
    for (size_t i = 0; i < ctx.n_recs; i++)
        if (strcmp(ctx.recs[i].id, "a0") == 0)
            ans = ctx.recs[i].rect;
    tu_free(&ctx);
    target_free(&t);
    if (ans.w <= 0)
        fail_msg("the answer a0 was not drawn");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    TTF_Quit();
    return 0;
}

/* A screen: a title, a paragraph, a card with two answers, a button; the pointer at (mx, my).
 * extra & 1 adds one more button, extra & 2 makes the paragraph a line longer (what follows
 * moves down); line adds a line across the first answer. */
static void build(tu_text *text, int mx, int my, int extra, int line, tu_theme_id theme)
{
    tu_init(&ctx, tu_text_measure, text);
    tu_theme_style(&ctx.style, theme, 1.0f);
    tu_input_mousemove(&ctx, mx, my);
    tu_begin(&ctx, W, H, 0);
    tu_column(&ctx, 40, 20, W - 80);
    tu_title(&ctx, "t", "Hvordan har du det?");
    tu_paragraph(&ctx, "p",
                 extra & 2 ? "Svar på spørsmålene slik det har vært de siste to ukene. Det finnes "
                             "ingen riktige eller gale svar. Du kan hoppe over et spørsmål, gå "
                             "tilbake og endre et svar, eller ta en pause når du vil."
                           : "Svar på spørsmålene slik det har vært de siste to ukene.");
    tu_card_begin(&ctx, "c");
    tu_option(&ctx, "a0", "Ikke i det hele tatt", 0);
    tu_option(&ctx, "a1", "Flere dager", 1);
    tu_card_end(&ctx);
    if (line) /* across the first answer */
        tu_draw_line(&ctx, ans.x, ans.y, ans.x + ans.w, ans.y + ans.h, ctx.style.primary);
    tu_button(&ctx, "next", TU_LOOK_PRIMARY, "Neste");
    if (extra & 1)
        tu_button(&ctx, "back", TU_LOOK_SECONDARY, "Tilbake");
    tu_end(&ctx);
}

/* The rounded fill as first written: every corner row and edge pixel a call of its own. */
static void ref_fill_round(SDL_Renderer *r, tu_rect q, tu_color c, int rad)
{
    if (q.w <= 0 || q.h <= 0)
        return;
    if (rad * 2 > q.w)
        rad = q.w / 2;
    if (rad * 2 > q.h)
        rad = q.h / 2;
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    if (rad <= 1) {
        SDL_RenderFillRect(r, &(SDL_Rect){q.x, q.y, q.w, q.h});
        return;
    }
    SDL_RenderFillRect(r, &(SDL_Rect){q.x, q.y + rad, q.w, q.h - 2 * rad});
    for (int i = 0; i < rad; i++) {
        float dy = (float)rad - (float)i - 0.5f;
        float dx = sqrtf((float)(rad * rad) - dy * dy);
        float inset = (float)rad - dx;
        int full = (int)ceilf(inset);
        float cover = (float)full - inset;
        int w = q.w - 2 * full;
        SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
        SDL_RenderFillRect(r, &(SDL_Rect){q.x + full, q.y + i, w, 1});
        SDL_RenderFillRect(r, &(SDL_Rect){q.x + full, q.y + q.h - 1 - i, w, 1});
        if (full > 0 && cover > 0.05f) {
            SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
            SDL_SetRenderDrawColor(r, c.r, c.g, c.b, (Uint8)(c.a * cover));
            SDL_RenderDrawPoint(r, q.x + full - 1, q.y + i);
            SDL_RenderDrawPoint(r, q.x + q.w - full, q.y + i);
            SDL_RenderDrawPoint(r, q.x + full - 1, q.y + q.h - 1 - i);
            SDL_RenderDrawPoint(r, q.x + q.w - full, q.y + q.h - 1 - i);
            SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        }
    }
}

/* Every command painted in order over a cleared output. */
static void ref_render(const tu_ctx *c, SDL_Renderer *r, tu_text *text)
{
    SDL_RenderSetClipRect(r, NULL);
    SDL_SetRenderDrawColor(r, c->style.bg.r, c->style.bg.g, c->style.bg.b, 255);
    SDL_RenderClear(r);
    for (size_t i = 0; i < c->n_cmds; i++) {
        const tu_cmd *k = &c->cmds[i];
        SDL_Rect clip = {k->clip.x, k->clip.y, k->clip.w, k->clip.h};
        SDL_RenderSetClipRect(r, k->clip.w > 0 ? &clip : NULL);
        int w, h;
        SDL_Texture *t;
        switch (k->kind) {
        case TU_CMD_FILL:
            ref_fill_round(r, k->rect, k->color, k->radius);
            break;
        case TU_CMD_TEXT:
            t = tu_text_get(text, k->font, k->size, k->wrap, k->color, k->text, &w, &h);
            if (t)
                SDL_RenderCopy(r, t, NULL, &(SDL_Rect){k->rect.x, k->rect.y, w, h});
            break;
        case TU_CMD_LINE:
            SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
            SDL_SetRenderDrawColor(r, k->color.r, k->color.g, k->color.b, k->color.a);
            SDL_RenderDrawLine(r, k->rect.x, k->rect.y, k->rect.x + k->rect.w,
                               k->rect.y + k->rect.h);
            break;
        case TU_CMD_CLIP:
            break;
        }
    }
    SDL_RenderSetClipRect(r, NULL);
}

static void same_pixels(target *a, target *b)
{
    SDL_RenderFlush(a->r);
    SDL_RenderFlush(b->r);
    assert_int_equal(a->s->pitch, b->s->pitch);
    assert_memory_equal(a->s->pixels, b->s->pixels, (size_t)a->s->pitch * H);
}

/* a's pixels within three steps per channel of b's; fails naming the first pixel that is not */
static void close_pixels(target *a, target *b)
{
    SDL_RenderFlush(a->r);
    SDL_RenderFlush(b->r);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            const uint8_t *pa = (const uint8_t *)a->s->pixels + y * a->s->pitch + x * 4;
            const uint8_t *pb = (const uint8_t *)b->s->pixels + y * b->s->pitch + x * 4;
            for (int k = 0; k < 3; k++)
                if (abs(pa[k] - pb[k]) > 3)
                    fail_msg("pixel (%d, %d) channel %d: %d, the plain painting has %d", x, y, k,
                             pa[k], pb[k]);
        }
}

static void full_drawing_equals_plain_painting(void **state)
{
    (void)state;
    target a, b;
    target_make(&a);
    target_make(&b);
    build(a.text, ans.x + 5, ans.y + 5, 2, 1, TU_THEME_STANDARD);
    tu_color ink = ctx.style.text, line = ctx.style.border, half = {200, 30, 60, 128};
    /* a top bar, cards with borders of several radii and widths, one cut by its clip, one
     * reaching past the output, translucent and overlapping fills */
    tu_draw_fill(&ctx, (tu_rect){0, 0, W, 60}, ctx.style.surface, 0);
    tu_draw_fill(&ctx, (tu_rect){0, 59, W, 1}, line, 0);
    tu_draw_frame(&ctx, (tu_rect){20, 380, 300, 150}, line, ctx.style.surface, 16, 1);
    tu_draw_frame(&ctx, (tu_rect){340, 380, 200, 90}, ink, ctx.style.surface, 30, 3);
    tu_draw_frame(&ctx, (tu_rect){560, 380, 90, 40}, ink, ctx.style.bg, 200, 2);
    ctx.clip = (tu_rect){0, 400, W, 100};
    tu_draw_frame(&ctx, (tu_rect){40, 450, 700, 300}, line, ctx.style.surface, 12, 2);
    tu_draw_fill(&ctx, (tu_rect){100, 420, 300, 200}, half, 20);
    ctx.clip = (tu_rect){0};
    tu_draw_frame(&ctx, (tu_rect){700, 500, 300, 300}, line, ctx.style.surface, 40, 4);
    tu_draw_fill(&ctx, (tu_rect){600, 300, 150, 250}, half, 0);
    tu_draw_fill(&ctx, (tu_rect){610, 310, 100, 100}, ctx.style.surface, 8);
    /* texts on one colour (a card, the page) and on mixed pixels: across a card's edge, over a
     * translucent fill, a line, a rounded corner, another text, a card cut by its clip */
    tu_draw_text(&ctx, (tu_rect){30, 390, 0, 0}, TU_FONT_BODY, 18, 0, ink, "På kortet");
    tu_draw_text(&ctx, (tu_rect){300, 400, 0, 0}, TU_FONT_BODY, 18, 0, ink, "Over kanten");
    tu_draw_text(&ctx, (tu_rect){110, 425, 0, 0}, TU_FONT_STRONG, 22, 0, ink,
                 "Halvt gjennomsiktig");
    tu_draw_line(&ctx, 20, 560, 300, 575, ctx.style.primary);
    tu_draw_text(&ctx, (tu_rect){40, 555, 0, 0}, TU_FONT_BODY, 18, 0, ink, "Over en strek");
    tu_draw_text(&ctx, (tu_rect){342, 382, 0, 0}, TU_FONT_BODY, 18, 0, ink, "Hjørnet");
    tu_draw_text(&ctx, (tu_rect){48, 398, 0, 0}, TU_FONT_BODY, 18, 0, ink, "Oppå teksten");
    tu_draw_text(&ctx, (tu_rect){20, 545, 0, 0}, TU_FONT_BODY, 18, 360, ink,
                 "Et avsnitt som brytes over flere linjer på siden, under kortene.");
    ctx.clip = (tu_rect){0, 400, W, 100};
    tu_draw_text(&ctx, (tu_rect){60, 470, 0, 0}, TU_FONT_BODY, 18, 0, ink, "I klippet");
    tu_draw_text(&ctx, (tu_rect){60, 440, 0, 0}, TU_FONT_BODY, 18, 0, ink, "Ut av klippet");
    ctx.clip = (tu_rect){0};
    tu_sdl_render(&ctx, a.r, a.direct, a.text);
    ref_render(&ctx, b.r, b.text);
    close_pixels(&a, &b);
    /* drawn again over itself: the same */
    tu_sdl_render(&ctx, a.r, a.direct, a.text);
    close_pixels(&a, &b);
    /* without the surface (fills through the renderer): the same to the bit */
    target c;
    target_make(&c);
    tu_sdl_render(&ctx, c.r, NULL, c.text);
    same_pixels(&a, &c);
    target_free(&c);
    tu_free(&ctx);
    target_free(&a);
    target_free(&b);
}

/* Text over one opaque colour is drawn composited onto that colour (from an 8-bit surface into
 * the target surface, or from an opaque texture without one); text over mixed pixels is
 * blended. A wrong guess shows as a box of the wrong colour, which the comparison above would
 * catch; this checks the cheap path is really taken. */
static void text_on_one_colour_is_opaque(void **state)
{
    (void)state;
    for (int direct = 0; direct < 2; direct++) {
        target a;
        target_make(&a);
        tu_init(&ctx, tu_text_measure, a.text);
        tu_theme_style(&ctx.style, TU_THEME_STANDARD, 1.0f);
        tu_begin(&ctx, W, H, 0);
        tu_color ink = ctx.style.text;
        tu_draw_frame(&ctx, (tu_rect){20, 20, 300, 150}, ctx.style.border, ctx.style.surface, 16,
                      1);
        tu_draw_text(&ctx, (tu_rect){40, 40, 0, 0}, TU_FONT_BODY, 18, 0, ink, "På kortet");
        tu_draw_text(&ctx, (tu_rect){40, 300, 0, 0}, TU_FONT_BODY, 18, 0, ink, "På siden");
        tu_draw_text(&ctx, (tu_rect){300, 100, 0, 0}, TU_FONT_BODY, 18, 0, ink, "Over kanten");
        tu_end(&ctx);
        tu_sdl_render(&ctx, a.r, direct ? a.direct : NULL, a.text);
        long renders = tu_text_query_stats(a.text).renders;
        int w, h;
        if (direct) {
            tu_text_get_surface(a.text, TU_FONT_BODY, 18, 0, ink, ctx.style.surface, "På kortet",
                                &w, &h);
            tu_text_get_surface(a.text, TU_FONT_BODY, 18, 0, ink, ctx.style.bg, "På siden", &w, &h);
        } else {
            tu_text_get_on(a.text, TU_FONT_BODY, 18, 0, ink, &ctx.style.surface, "På kortet", &w,
                           &h);
            tu_text_get_on(a.text, TU_FONT_BODY, 18, 0, ink, &ctx.style.bg, "På siden", &w, &h);
        }
        tu_text_get(a.text, TU_FONT_BODY, 18, 0, ink, "Over kanten", &w, &h);
        assert_int_equal(tu_text_query_stats(a.text).renders, renders); /* all drawn so */
        tu_free(&ctx);
        target_free(&a);
    }
}

/* Draws frame 1 then frame 2 with damage on a; frame 2 fully on b; compares the pixels. */
static tu_sdl_damage two_frames(int mx1, int my1, int extra1, int mx2, int my2, int extra2,
                                int line, tu_theme_id theme2)
{
    target a, b;
    target_make(&a);
    target_make(&b);
    tu_sdl_damage d = {0};
    build(a.text, mx1, my1, extra1, line, TU_THEME_STANDARD);
    tu_sdl_render_damage(&ctx, a.r, a.direct, a.text, &d, 0);
    assert_int_equal(d.full, 1); /* the first frame */
    tu_free(&ctx);
    build(a.text, mx2, my2, extra2, line, theme2);
    tu_sdl_render_damage(&ctx, a.r, a.direct, a.text, &d, 0);
    tu_free(&ctx);
    build(b.text, mx2, my2, extra2, line, theme2);
    tu_sdl_render(&ctx, b.r, b.direct, b.text);
    tu_free(&ctx);
    SDL_RenderFlush(a.r);
    SDL_RenderFlush(b.r);
    assert_int_equal(a.s->pitch, b.s->pitch);
    assert_memory_equal(a.s->pixels, b.s->pixels, (size_t)a.s->pitch * H);
    tu_sdl_damage out = d;
    out.hash = NULL, out.box = NULL;
    tu_sdl_damage_free(&d);
    target_free(&a);
    target_free(&b);
    return out;
}

static void hover_draws_a_small_region(void **state)
{
    (void)state;
    /* the pointer moves from outside everything onto the first answer */
    tu_sdl_damage d = two_frames(-1, -1, 0, ans.x + 5, ans.y + 5, 0, 0, TU_THEME_STANDARD);
    assert_int_equal(d.full, 0);
    assert_true(d.drawn.w > 0);
    assert_true((long)d.drawn.w * d.drawn.h < (long)W * H / 4);
    /* and back off it */
    d = two_frames(ans.x + 5, ans.y + 5, 0, -1, -1, 0, 0, TU_THEME_STANDARD);
    assert_int_equal(d.full, 0);
    /* nothing changed: nothing drawn, the pixels are still right */
    d = two_frames(-1, -1, 0, -1, -1, 0, 0, TU_THEME_STANDARD);
    assert_int_equal(d.full, 0);
    assert_int_equal(d.drawn.w, 0);
    /* the paragraph loses a line: what follows moves up, its old place is drawn again */
    d = two_frames(-1, -1, 2, -1, -1, 0, 0, TU_THEME_STANDARD);
    assert_int_equal(d.full, 0);
    d = two_frames(-1, -1, 0, -1, -1, 2, 0, TU_THEME_STANDARD);
    assert_int_equal(d.full, 0);
}

static void everything_when_it_must(void **state)
{
    (void)state;
    tu_sdl_damage d = two_frames(-1, -1, 0, -1, -1, 1, 0, TU_THEME_STANDARD); /* one more button */
    assert_int_equal(d.full, 1);
    d = two_frames(-1, -1, 0, -1, -1, 0, 0, TU_THEME_CONTRAST); /* another background */
    assert_int_equal(d.full, 1);
    d = two_frames(-1, -1, 0, ans.x + 5, ans.y + 5, 0, 1, TU_THEME_STANDARD); /* under a line */
    assert_int_equal(d.full, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_drawing_equals_plain_painting),
        cmocka_unit_test(text_on_one_colour_is_opaque),
        cmocka_unit_test(hover_draws_a_small_region),
        cmocka_unit_test(everything_when_it_must),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
