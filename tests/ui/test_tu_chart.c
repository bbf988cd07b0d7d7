/* tu_chart_lines without a window: each line drawn in its own colour at the points of the
 * layer's chart, missing values leaving gaps, values clamped into the chart, and a legend. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tu_chart.h"
#include "tu_theme.h"

static void measure(void *user, tu_font font, int size, int wrap, const char *text, int *w, int *h)
{
    (void)user, (void)font, (void)size, (void)wrap;
    *w = (int)strlen(text) * 10;
    *h = 20;
}

static tu_ctx ctx;

static int setup(void **state)
{
    (void)state;
    tu_init(&ctx, measure, NULL);
    tu_theme_style(&ctx.style, TU_THEME_STANDARD, 1.0f);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_free(&ctx);
    return 0;
}

static int same(tu_color a, tu_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* Counts line commands in colour c, and the lowest and highest y they reach. */
static int lines_in(tu_color c, int *ymin, int *ymax)
{
    int n = 0;
    *ymin = 1 << 30;
    *ymax = -1;
    for (size_t i = 0; i < ctx.n_cmds; i++) {
        const tu_cmd *k = &ctx.cmds[i];
        if (k->kind != TU_CMD_LINE || !same(k->color, c))
            continue;
        n++;
        int y0 = k->rect.y, y1 = k->rect.y + k->rect.h;
        *ymin = y0 < *ymin ? y0 : *ymin;
        *ymin = y1 < *ymin ? y1 : *ymin;
        *ymax = y0 > *ymax ? y0 : *ymax;
        *ymax = y1 > *ymax ? y1 : *ymax;
    }
    return n;
}

static int text_shown(const char *s)
{
    for (size_t i = 0; i < ctx.n_cmds; i++)
        if (ctx.cmds[i].kind == TU_CMD_TEXT && ctx.cmds[i].text && strcmp(ctx.cmds[i].text, s) == 0)
            return 1;
    return 0;
}

static void two_lines_with_gap_and_legend(void **state)
{
    (void)state;
    const float before[] = {80, 70, 60, 50};
    const float peak[] = {90, -1, 75, 500}; /* a gap, and a value far above the top */
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 600);
    tu_chart_lines(&ctx, "exposure", 200,
                   &(tu_chart_lines_desc){.lines = {before, peak},
                                          .names = {"Before", "Peak"},
                                          .n_lines = 2,
                                          .n_points = 4,
                                          .min = 0,
                                          .max = 100,
                                          .threshold = -1,
                                          .label = "Distress"});
    const tu_record *r = tu_find(&ctx, "exposure");
    assert_non_null(r);
    assert_int_equal(r->kind, TU_W_CHART);
    int ymin, ymax;
    /* the first line: 3 segments, 3 strokes each */
    assert_int_equal(lines_in(tu_chart_color(&ctx, 0), &ymin, &ymax), 9);
    /* the second: the gap leaves one segment (75 -> 100 clamped), 3 strokes */
    assert_int_equal(lines_in(tu_chart_color(&ctx, 1), &ymin, &ymax), 3);
    assert_true(ymin >= r->rect.y - 1);
    assert_true(ymax <= r->rect.y + r->rect.h + 1);
    assert_true(text_shown("Before"));
    assert_true(text_shown("Peak"));
    /* the legend lies below the chart */
    assert_true(ctx.ly > r->rect.y + r->rect.h);
    tu_end(&ctx);
}

static void one_unnamed_line_has_no_legend(void **state)
{
    (void)state;
    const float mood[] = {3, 5, 7};
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 600);
    tu_chart_lines(
        &ctx, "mood", 150,
        &(tu_chart_lines_desc){
            .lines = {mood}, .n_lines = 1, .n_points = 3, .min = 0, .max = 10, .threshold = -1});
    const tu_record *r = tu_find(&ctx, "mood");
    assert_non_null(r);
    int ymin, ymax;
    assert_int_equal(lines_in(tu_chart_color(&ctx, 0), &ymin, &ymax), 6);
    /* nothing drawn below the chart but the layout gap */
    assert_true(ctx.ly <= r->rect.y + r->rect.h + ctx.style.gap);
    tu_end(&ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(two_lines_with_gap_and_legend, setup, teardown),
        cmocka_unit_test_setup_teardown(one_unnamed_line_has_no_legend, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
