/* The text caches without a window (a software renderer on a surface): measured sizes are
 * remembered apart from the textures, survive texture eviction, are keyed by wrap width, and
 * the size cache starts again empty when full; tu_sdl_render skips text outside its clip
 * without rendering it. Needs the shipped fonts (TRINN_CONTENT). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>
#include <cmocka.h>

#include "tu_sdl.h"
#include "tu_text.h"
#include "tu_theme.h"

static SDL_Surface *surface;
static SDL_Renderer *renderer;
static char regular[1100], strong[1100];

static const char *para = "Atferdsaktivering handler om å gjøre mer av det som gir mestring og "
                          "glede, litt etter litt, også når lysten ikke er der ennå.";

static tu_text *make(int max_entries)
{
    char msg[256];
    tu_text *t = tu_text_make(&(tu_text_desc){.renderer = renderer,
                                              .font_path = {regular, strong},
                                              .max_entries = max_entries},
                              msg, sizeof msg);
    if (!t)
        fail_msg("tu_text_make: %s", msg);
    return t;
}

static int setup(void **state)
{
    (void)state;
    const char *content = getenv("TRINN_CONTENT");
    if (!content)
        fail_msg("TRINN_CONTENT is not set");
    snprintf(regular, sizeof regular, "%s/fonts/Inter-Regular.otf", content);
    snprintf(strong, sizeof strong, "%s/fonts/Inter-SemiBold.otf", content);
    surface = SDL_CreateRGBSurfaceWithFormat(0, 640, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    if (!renderer)
        fail_msg("software renderer: %s", SDL_GetError());
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    TTF_Quit();
    return 0;
}

static void wrapped_size_is_remembered(void **state)
{
    (void)state;
    tu_text *t = make(0);
    int w1, h1, w2, h2;
    tu_text_measure(t, TU_FONT_BODY, 18, 300, para, &w1, &h1);
    tu_text_stats s1 = tu_text_query_stats(t);
    assert_true(w1 > 0 && w1 <= 300);
    assert_true(h1 > 18 * 2); /* wrapped onto several lines */
    assert_int_equal(s1.size_misses, 1);
    assert_int_equal(s1.renders, 1);
    tu_text_measure(t, TU_FONT_BODY, 18, 300, para, &w2, &h2);
    tu_text_stats s2 = tu_text_query_stats(t);
    assert_int_equal(w2, w1);
    assert_int_equal(h2, h1);
    assert_int_equal(s2.size_hits, 1);
    assert_int_equal(s2.renders, 1);
    assert_int_equal(s2.hits + s2.misses, s1.hits + s1.misses); /* no texture lookup */
    /* another wrap width is another size */
    int w3, h3;
    tu_text_measure(t, TU_FONT_BODY, 18, 150, para, &w3, &h3);
    assert_true(w3 <= 150);
    assert_true(h3 > h1);
    assert_int_equal(tu_text_query_stats(t).sizes, 2);
    tu_text_destroy(t);
}

/* A text measured and drawn onto a backdrop into a software target: one render, kept as an
 * 8-bit surface that costs a quarter of a texture; measuring and drawing share it, and the
 * probe is dropped when the text is drawn onto another backdrop. */
static void surface_costs_a_quarter(void **state)
{
    (void)state;
    tu_text *t = make(0);
    tu_color ink = {30, 40, 50, 255}, page = {243, 246, 245, 255}, card = {255, 255, 255, 255};
    tu_text_set_measure_colors(t, ink, page, 1);
    int w, h, sw, sh;
    tu_text_measure(t, TU_FONT_BODY, 18, 300, para, &w, &h);
    SDL_Surface *s = tu_text_get_surface(t, TU_FONT_BODY, 18, 300, ink, page, para, &sw, &sh);
    assert_non_null(s);
    assert_int_equal(s->format->BytesPerPixel, 1);
    assert_int_equal(sw, w);
    assert_int_equal(sh, h);
    tu_text_stats st = tu_text_query_stats(t);
    assert_int_equal(st.renders, 1); /* the measuring render is the one drawn */
    assert_int_equal(st.entries, 1);
    assert_true(st.pixels * 4 >= (long)s->pitch * sh && st.pixels < (long)w * h / 2);
    /* drawn on a card instead: the page's probe would be wasted, so it goes */
    tu_text *u = make(0);
    tu_text_set_measure_colors(u, ink, page, 1);
    tu_text_measure(u, TU_FONT_BODY, 18, 300, para, &w, &h);
    assert_non_null(tu_text_get_surface(u, TU_FONT_BODY, 18, 300, ink, card, para, &sw, &sh));
    assert_int_equal(tu_text_query_stats(u).entries, 1);
    assert_int_equal(tu_text_query_stats(u).renders, 2);
    /* translucent text cannot be composited onto a backdrop */
    assert_null(tu_text_get_surface(u, TU_FONT_BODY, 18, 0, (tu_color){30, 40, 50, 128}, card,
                                    "Halvt", &sw, &sh));
    tu_text_destroy(u);
    tu_text_destroy(t);
}

static void size_survives_texture_eviction(void **state)
{
    (void)state;
    tu_text *t = make(1); /* one texture at a time */
    int wa, ha, wb, hb, w, h;
    tu_text_measure(t, TU_FONT_BODY, 18, 300, para, &wa, &ha);
    tu_text_measure(t, TU_FONT_STRONG, 18, 300, "Dagbok for aktiviteter og humør", &wb, &hb);
    tu_text_stats s = tu_text_query_stats(t);
    assert_int_equal(s.evictions, 1);
    assert_int_equal(s.renders, 2);
    tu_text_measure(t, TU_FONT_BODY, 18, 300, para, &w, &h);
    assert_int_equal(w, wa);
    assert_int_equal(h, ha);
    assert_int_equal(tu_text_query_stats(t).renders, 2); /* not rendered again to measure */
    /* drawing it still renders it, at the measured size */
    SDL_Texture *tex =
        tu_text_get(t, TU_FONT_BODY, 18, 300, (tu_color){0, 0, 0, 255}, para, &w, &h);
    assert_non_null(tex);
    assert_int_equal(w, wa);
    assert_int_equal(h, ha);
    tu_text_destroy(t);
}

static void single_line_and_flush(void **state)
{
    (void)state;
    tu_text *t = make(0);
    int w0, h0, w, h;
    tu_text_measure(t, TU_FONT_BODY, 20, 0, "Trenger du hjelp nå?", &w0, &h0);
    assert_true(w0 > 0 && h0 > 0);
    assert_int_equal(tu_text_query_stats(t).renders, 0); /* single lines are not rendered */
    char buf[32];
    for (int i = 0; i < 7000; i++) {
        snprintf(buf, sizeof buf, "rad %d", i);
        tu_text_measure(t, TU_FONT_BODY, 20, 0, buf, &w, &h);
        assert_true(w > 0);
    }
    tu_text_stats s = tu_text_query_stats(t);
    assert_int_equal(s.size_flushes, 1);
    assert_true(s.sizes < 7000);
    tu_text_measure(t, TU_FONT_BODY, 20, 0, "Trenger du hjelp nå?", &w, &h);
    assert_int_equal(w, w0);
    assert_int_equal(h, h0);
    tu_text_destroy(t);
}

static void render_skips_text_outside_clip(void **state)
{
    (void)state;
    tu_text *t = make(0);
    tu_ctx ctx;
    tu_init(&ctx, tu_text_measure, t);
    tu_theme_style(&ctx.style, TU_THEME_STANDARD, 1.0f);
    tu_begin(&ctx, 640, 480, 0);
    tu_color ink = ctx.style.text;
    tu_draw_text(&ctx, (tu_rect){10, 10, 200, 30}, TU_FONT_BODY, 18, 0, ink, "Synlig");
    ctx.clip = (tu_rect){0, 100, 640, 200}; /* a scroll area */
    tu_draw_text(&ctx, (tu_rect){10, 150, 200, 30}, TU_FONT_BODY, 18, 0, ink, "I visningen");
    tu_draw_text(&ctx, (tu_rect){10, 900, 200, 30}, TU_FONT_BODY, 18, 0, ink, "Rullet bort");
    tu_draw_text(&ctx, (tu_rect){10, 60, 200, 30}, TU_FONT_BODY, 18, 0, ink, "Over visningen");
    tu_draw_text(&ctx, (tu_rect){10, 290, 200, 30}, TU_FONT_BODY, 18, 0, ink, "Delvis synlig");
    ctx.clip = (tu_rect){0};
    tu_end(&ctx);
    tu_sdl_render(&ctx, renderer, surface, t);
    assert_int_equal(tu_text_query_stats(t).renders, 3);
    int w, h;
    long before = tu_text_query_stats(t).renders;
    /* on the page's one colour, so drawn from 8-bit surfaces rendered onto it */
    tu_text_get_surface(t, TU_FONT_BODY, 18, 0, ink, ctx.style.bg, "Delvis synlig", &w, &h);
    tu_text_get_surface(t, TU_FONT_BODY, 18, 0, ink, ctx.style.bg, "I visningen", &w, &h);
    tu_text_get_surface(t, TU_FONT_BODY, 18, 0, ink, ctx.style.bg, "Synlig", &w, &h);
    assert_int_equal(tu_text_query_stats(t).renders, before); /* these three were drawn */
    tu_free(&ctx);
    tu_text_destroy(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wrapped_size_is_remembered),     cmocka_unit_test(surface_costs_a_quarter),
        cmocka_unit_test(size_survives_texture_eviction), cmocka_unit_test(single_line_and_flush),
        cmocka_unit_test(render_skips_text_outside_clip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
