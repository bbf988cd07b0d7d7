/* Every text/background pair of every theme meets WCAG AA (4.5:1), computed from the
 * theme colours with the WCAG 2 formula; and the formula itself is right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "tr_profile.h"
#include "tu_profile_ui.h"
#include "tu_theme.h"

static void formula_matches_known_values(void **state)
{
    (void)state;
    tu_color black = {0, 0, 0, 255}, white = {255, 255, 255, 255}, grey = {118, 118, 118, 255};
    assert_true(tu_contrast(black, white) > 20.99 && tu_contrast(black, white) < 21.01);
    assert_true(tu_contrast(white, white) > 0.99 && tu_contrast(white, white) < 1.01);
    /* #767676 on white is the classic just-passing AA grey: 4.54:1 */
    assert_true(tu_contrast(grey, white) > 4.5 && tu_contrast(grey, white) < 4.6);
    assert_true(tu_contrast(white, grey) == tu_contrast(grey, white));
}

static void every_theme_pair_meets_aa(void **state)
{
    (void)state;
    int failures = 0;
    for (int t = 0; t < TU_THEME_COUNT; t++) {
        tu_style st;
        tu_pair pairs[32];
        tu_theme_style(&st, (tu_theme_id)t, 1.0f);
        int n = tu_theme_pairs(&st, pairs, 32);
        assert_true(n >= 10);
        for (int i = 0; i < n; i++) {
            double c = tu_contrast(pairs[i].fg, pairs[i].bg);
            printf("%-9s %-34s %5.2f:1\n", tu_theme_name((tu_theme_id)t), pairs[i].name, c);
            if (c < 4.5) {
                printf("  FAIL: below 4.5:1\n");
                failures++;
            }
        }
    }
    assert_int_equal(failures, 0);
}

static void high_contrast_is_at_least_aaa(void **state)
{
    (void)state;
    tu_style st;
    tu_pair pairs[32];
    tu_theme_style(&st, TU_THEME_CONTRAST, 1.0f);
    int n = tu_theme_pairs(&st, pairs, 32);
    for (int i = 0; i < n; i++)
        assert_true(tu_contrast(pairs[i].fg, pairs[i].bg) >= 7.0);
}

static void targets_are_large_enough(void **state)
{
    (void)state;
    for (int t = 0; t < TU_THEME_COUNT; t++) {
        tu_style st;
        tu_theme_style(&st, (tu_theme_id)t, 1.0f);
        assert_true(st.target >= 48);
        tu_theme_style(&st, (tu_theme_id)t, 2.0f);
        assert_true(st.target >= 96);
    }
    tu_style std, large;
    tu_theme_style(&std, TU_THEME_STANDARD, 1.0f);
    tu_theme_style(&large, TU_THEME_LARGE, 1.0f);
    assert_true(large.font_size[TU_FONT_BODY] > std.font_size[TU_FONT_BODY]);
    assert_int_equal(tu_theme_find("contrast"), TU_THEME_CONTRAST);
    assert_int_equal(tu_theme_find("neon"), -1);
}

/* The profile colours (tu_profile_look.c) carry a white symbol: 4.5:1 or more each. */
/* Hue in degrees (0-360) and saturation (0-1) of c, as HSV has them. */
static void hue_sat(tu_color c, double *hue, double *sat)
{
    double r = c.r / 255.0, g = c.g / 255.0, b = c.b / 255.0;
    double mx = r > g ? (r > b ? r : b) : (g > b ? g : b);
    double mn = r < g ? (r < b ? r : b) : (g < b ? g : b), d = mx - mn;
    *sat = mx > 0 ? d / mx : 0;
    if (d == 0)
        *hue = 0;
    else if (mx == r)
        *hue = 60 * ((g - b) / d + (g < b ? 6 : 0));
    else if (mx == g)
        *hue = 60 * ((b - r) / d + 2);
    else
        *hue = 60 * ((r - g) / d + 4);
}

/* Issue 12 item 10: the charts' severity bands are calm, not traffic lights: in every theme
 * they share one hue (within 20 degrees, or are grey), are pale (saturation at most 0.15) and
 * grow deeper band by band, so no band reads as green "good" or red "bad". */
static void chart_bands_are_calm(void **state)
{
    (void)state;
    for (int t = 0; t < TU_THEME_COUNT; t++) {
        tu_style st;
        tu_theme_style(&st, (tu_theme_id)t, 1.0f);
        double h0, s0;
        hue_sat(st.band[0], &h0, &s0);
        for (int i = 0; i < 4; i++) {
            double h, s, dh;
            hue_sat(st.band[i], &h, &s);
            dh = h > h0 ? h - h0 : h0 - h;
            if (dh > 180)
                dh = 360 - dh;
            printf("%-9s band %d: hue %5.1f, saturation %.3f\n", tu_theme_name((tu_theme_id)t), i,
                   h, s);
            assert_true(s <= 0.15);
            assert_true(s < 0.02 || s0 < 0.02 || dh <= 20);
            if (i > 0) { /* deeper: darker than the band before */
                tu_color p = st.band[i - 1], c = st.band[i];
                assert_true(c.r + c.g + c.b < p.r + p.g + p.b);
            }
        }
    }
}

static void profile_colours_carry_white(void **state)
{
    (void)state;
    tu_color white = {0xff, 0xff, 0xff, 0xff};
    int n = 0;
    for (; tr_profile_colours[n]; n++) {
        double c = tu_contrast(white, tu_profile_look_colour(n));
        print_message("%-8s %.2f:1\n", tr_profile_colours[n], c);
        assert_true(c >= 4.5);
    }
    assert_true(n >= 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formula_matches_known_values),
        cmocka_unit_test(every_theme_pair_meets_aa),
        cmocka_unit_test(high_contrast_is_at_least_aaa),
        cmocka_unit_test(targets_are_large_enough),
        cmocka_unit_test(profile_colours_carry_white),
        cmocka_unit_test(chart_bands_are_calm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
