/* The widget layer without a window: a fake text measurer (10 px per character, 20 px per
 * line) stands in for SDL2_ttf, and input goes in through tu_input_*. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tu_errors.h"
#include "tu_theme.h"
#include "tu_ui.h"

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void measure(void *user, tu_font font, int size, int wrap, const char *text, int *w, int *h)
{
    (void)user, (void)font, (void)size;
    int total = (int)chars(text) * 10;
    if (wrap <= 0 || total <= wrap) {
        *w = total;
        *h = 20;
        return;
    }
    *w = wrap;
    *h = 20 * ((total + wrap - 1) / wrap);
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

static const tu_rect btn = {100, 100, 200, 60};

static int frame_button(void)
{
    tu_begin(&ctx, 800, 600, 0);
    int hit = tu_button_at(&ctx, "b", btn, TU_LOOK_PRIMARY, "OK");
    tu_end(&ctx);
    return hit;
}

/* A press and release at ms `t` on the button; returns 1 when it clicked. */
static int tap_at(uint32_t t)
{
    tu_input_time(&ctx, t);
    tu_input_mousedown(&ctx, 150, 120);
    frame_button();
    tu_input_time(&ctx, t + 40);
    tu_input_mouseup(&ctx, 150, 120);
    return frame_button();
}

static void guard_drops_input_meant_for_the_last_view(void **state)
{
    (void)state;
    assert_int_equal(tap_at(1000), 1);
    /* the click brought up a new view: the guard starts at the release (1040) */
    tu_guard(&ctx, 500);
    /* before the new view is drawn even a late press does not count */
    tu_input_time(&ctx, 5000);
    tu_input_mousedown(&ctx, 150, 120);
    tu_input_key(&ctx, TU_KEY_ENTER);
    tu_input_digit(&ctx, 1);
    assert_int_equal(ctx.mouse_pressed, 0);
    assert_int_equal(ctx.keys, 0);
    assert_int_equal(ctx.digit, -1);
    tu_input_mouseup(&ctx, 150, 120);
    assert_int_equal(frame_button(), 0); /* the frame that draws it */
    tu_guard(&ctx, 500);                 /* again, from 5000 */
    assert_int_equal(frame_button(), 0);
    /* drawn now, but the second half of a double tap 80 ms later still does not count */
    assert_int_equal(tap_at(5080), 0);
    tu_input_time(&ctx, 5100);
    tu_input_key(&ctx, TU_KEY_ENTER | TU_KEY_TAB);
    assert_int_equal(ctx.keys, TU_KEY_TAB); /* moving focus is fine; acting is not */
    frame_button();
    /* from 500 ms on, input counts again */
    assert_int_equal(tap_at(5500), 1);
}

static void click_needs_press_and_release_on_it(void **state)
{
    (void)state;
    tu_input_mousedown(&ctx, 150, 120);
    assert_int_equal(frame_button(), 0);
    assert_int_equal(ctx.active, tu_id("b"));
    tu_input_mouseup(&ctx, 150, 120);
    assert_int_equal(frame_button(), 1);
    assert_int_equal(ctx.active, 0);
    /* pressed on it, released outside: no click */
    tu_input_mousedown(&ctx, 150, 120);
    frame_button();
    tu_input_mouseup(&ctx, 10, 10);
    assert_int_equal(frame_button(), 0);
    /* pressed outside, released on it: no click */
    tu_input_mousedown(&ctx, 10, 10);
    frame_button();
    tu_input_mouseup(&ctx, 150, 120);
    assert_int_equal(frame_button(), 0);
}

static int three_buttons(int *which)
{
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 400);
    *which = -1;
    if (tu_button(&ctx, "one", TU_LOOK_PRIMARY, "One"))
        *which = 0;
    if (tu_button(&ctx, "two", TU_LOOK_PRIMARY, "Two"))
        *which = 1;
    if (tu_button(&ctx, "three", TU_LOOK_PRIMARY, "Three"))
        *which = 2;
    tu_end(&ctx);
    return *which;
}

static void tab_moves_focus_and_enter_activates(void **state)
{
    (void)state;
    int w;
    three_buttons(&w);
    tu_input_key(&ctx, TU_KEY_TAB);
    three_buttons(&w);
    assert_int_equal(ctx.focus, tu_id("one"));
    tu_input_key(&ctx, TU_KEY_TAB);
    three_buttons(&w);
    assert_int_equal(ctx.focus, tu_id("two"));
    tu_input_key(&ctx, TU_KEY_SHIFT_TAB);
    three_buttons(&w);
    tu_input_key(&ctx, TU_KEY_SHIFT_TAB);
    three_buttons(&w);
    assert_int_equal(ctx.focus, tu_id("three")); /* wraps around */
    tu_input_key(&ctx, TU_KEY_ENTER);
    assert_int_equal(three_buttons(&w), 2);
    tu_input_key(&ctx, TU_KEY_SPACE);
    assert_int_equal(three_buttons(&w), 2);
    assert_int_equal(three_buttons(&w), -1);
    const tu_record *r = tu_find(&ctx, "three");
    assert_non_null(r);
    assert_true(r->state & TU_ST_FOCUS);
    assert_non_null(tu_find(&ctx, "Two")); /* found by label too */
}

static void options(int sel)
{
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 400);
    tu_option(&ctx, "o0", "Not at all", sel == 0);
    tu_option(&ctx, "o1", "Several days", sel == 1);
    tu_option(&ctx, "o2", "More than half the days", sel == 2);
    tu_end(&ctx);
}

static void arrows_move_within_answer_lists(void **state)
{
    (void)state;
    ctx.focus = tu_id("o0");
    options(-1);
    tu_input_key(&ctx, TU_KEY_DOWN);
    options(-1);
    assert_int_equal(ctx.focus, tu_id("o1"));
    tu_input_key(&ctx, TU_KEY_DOWN);
    options(-1);
    tu_input_key(&ctx, TU_KEY_DOWN); /* stays on the last */
    options(-1);
    assert_int_equal(ctx.focus, tu_id("o2"));
    tu_input_key(&ctx, TU_KEY_UP);
    options(1);
    assert_int_equal(ctx.focus, tu_id("o1"));
    assert_true(tu_find(&ctx, "o1")->state & TU_ST_SELECTED);
    tu_input_digit(&ctx, 3);
    assert_int_equal(ctx.digit, 3);
}

static void overflow_and_overlap_are_reported(void **state)
{
    (void)state;
    char why[256];
    tu_begin(&ctx, 800, 600, 0);
    tu_button_at(&ctx, "fits", (tu_rect){0, 0, 300, 60}, TU_LOOK_PRIMARY, "Continue");
    tu_end(&ctx);
    assert_int_equal(tu_check_layout(&ctx, why, sizeof why), 0);
    /* 40 characters = 400 px in a 120 px button of one line: wraps to 5 lines, too tall */
    tu_begin(&ctx, 800, 600, 0);
    tu_button_at(&ctx, "long", (tu_rect){0, 0, 120, 60}, TU_LOOK_PRIMARY,
                 "A label much too long for this button!!");
    tu_end(&ctx);
    assert_true(tu_find(&ctx, "long")->state & TU_ST_OVERFLOW);
    assert_true(tu_check_layout(&ctx, why, sizeof why) > 0);
    assert_non_null(strstr(why, "overflows"));
    tu_begin(&ctx, 800, 600, 0);
    tu_button_at(&ctx, "a", (tu_rect){0, 0, 200, 60}, TU_LOOK_PRIMARY, "A");
    tu_button_at(&ctx, "b", (tu_rect){150, 30, 200, 60}, TU_LOOK_PRIMARY, "B");
    tu_end(&ctx);
    assert_true(tu_check_layout(&ctx, why, sizeof why) > 0);
    assert_non_null(strstr(why, "overlap"));
    /* a full-width button grows to fit wrapped text instead of overflowing */
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 200);
    tu_button(&ctx, "grow", TU_LOOK_PRIMARY, "A label much too long for one line of it");
    tu_end(&ctx);
    assert_false(tu_find(&ctx, "grow")->state & TU_ST_OVERFLOW);
    assert_true(tu_find(&ctx, "grow")->rect.h > ctx.style.target);
}

static int field(char *buf, size_t size)
{
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 400);
    int r = tu_textfield(&ctx, "pw", "Passphrase", buf, size, 0);
    tu_end(&ctx);
    return r;
}

static void text_field_takes_utf8_and_backspace(void **state)
{
    (void)state;
    char buf[16] = "";
    field(buf, sizeof buf);
    const tu_record *r = tu_find(&ctx, "pw");
    int x = r->rect.x + 5, y = r->rect.y + 5;
    tu_input_mousedown(&ctx, x, y);
    field(buf, sizeof buf);
    tu_input_mouseup(&ctx, x, y);
    field(buf, sizeof buf);
    assert_int_equal(ctx.focus, tu_id("pw"));
    assert_true(ctx.want_text);
    tu_input_text(&ctx, "bl\xC3\xA5\xC3\xA6r"); /* "blåær" */
    field(buf, sizeof buf);
    assert_string_equal(buf, "bl\xC3\xA5\xC3\xA6r");
    tu_input_key(&ctx, TU_KEY_BACKSPACE);
    field(buf, sizeof buf);
    tu_input_key(&ctx, TU_KEY_BACKSPACE);
    field(buf, sizeof buf);
    assert_string_equal(buf, "bl\xC3\xA5"); /* a whole character at a time */
    /* does not fit: what fits goes in, whole characters, and the field says the rest did not
     * (the caller shows it: a count, never a silent cut) */
    tu_input_text(&ctx, "0123456789a\xC3\xA6"
                        "cdef");
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 400);
    int got = tu_field(
        &ctx, &(tu_field_desc){.id = "pw", .label = "Passphrase", .buf = buf, .size = sizeof buf});
    tu_end(&ctx);
    assert_true(got & TU_FIELD_REFUSED);
    assert_true(got & TU_FIELD_CHANGED);
    assert_string_equal(buf, "bl\xC3\xA5"
                             "0123456789a");
    tu_input_text(&ctx, "\xC3\xA6"); /* a two-byte letter into the last free byte: refused */
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 400);
    got = tu_field(
        &ctx,
        &(tu_field_desc){
            .id = "pw", .label = "Passphrase", .buf = buf, .size = sizeof buf, .max_chars = 20});
    tu_end(&ctx);
    assert_true(got & TU_FIELD_REFUSED);
    assert_string_equal(buf, "bl\xC3\xA5"
                             "0123456789a");
    tu_input_key(&ctx, TU_KEY_ENTER);
    assert_int_equal(field(buf, sizeof buf), 1);
    assert_true(ctx.wake_ms > 0); /* the caret blinks on a deadline */
}

/* A multi-line field (issue 12 item 7) is at least `lines` tall, grows a line at a time as
 * the text wraps, and a field put in by the app is replaced by the first typing. */
static int area(char *buf, size_t size, int lines, int sel, int *h)
{
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 400);
    int got = tu_field(&ctx, &(tu_field_desc){.id = "a",
                                              .label = "Story",
                                              .buf = buf,
                                              .size = size,
                                              .lines = lines,
                                              .select_on_focus = sel});
    *h = tu_find(&ctx, "a")->rect.h;
    tu_end(&ctx);
    return got;
}

static void multi_line_field_grows_and_replaces_a_default(void **state)
{
    (void)state;
    char buf[400] = "";
    int h0, h1, h2;
    ctx.focus = tu_id("a");
    area(buf, sizeof buf, 3, 0, &h0);
    tu_input_text(&ctx, "one two three"); /* 130 px: one line of the 368 px inside */
    area(buf, sizeof buf, 3, 0, &h1);
    assert_int_equal(h1, h0); /* room for three lines from the start */
    for (int i = 0; i < 8; i++)
        tu_input_text(&ctx, " more words to wrap");
    area(buf, sizeof buf, 3, 0, &h2);
    assert_true(h2 > h1); /* it grew to hold every line */
    assert_int_equal(tu_check_layout(&ctx, (char[256]){0}, 256), 0);
    /* a date the app filled in: the first typing replaces it, then typing adds */
    char day[40] = "5. desember 2026";
    ctx.focus = 0;
    area(day, sizeof day, 0, 1, &h0);
    ctx.focus = tu_id("a");
    area(day, sizeof day, 0, 1, &h0);
    tu_input_text(&ctx, "i g");
    area(day, sizeof day, 0, 1, &h0);
    assert_string_equal(day, "i g");
    tu_input_text(&ctx, "\xC3\xA5r");
    area(day, sizeof day, 0, 1, &h0);
    assert_string_equal(day, "i g\xC3\xA5r");
}

/* The error summary: drawn only with problems, its first link takes the focus, and a link
 * moves the focus to its field (issue 12 item 9). */
static void error_summary_links_to_fields(void **state)
{
    (void)state;
    tu_errors e = {0};
    char a[16] = "", b[16] = "";
    for (int round = 0; round < 4; round++) {
        if (round == 1) {
            tu_errors_add(&e, "f1", "First: write a date");
            tu_errors_add(&e, "f2", "Second: write a number");
        }
        tu_begin(&ctx, 800, 600, 0);
        tu_column(&ctx, 0, 0, 400);
        tu_errors_summary(&ctx, &e, "errs", "There is a problem");
        tu_field(&ctx, &(tu_field_desc){.id = "f1",
                                        .label = "One",
                                        .buf = a,
                                        .size = sizeof a,
                                        .error = tu_errors_of(&e, "f1")});
        tu_field(&ctx, &(tu_field_desc){.id = "f2",
                                        .label = "Two",
                                        .buf = b,
                                        .size = sizeof b,
                                        .error = tu_errors_of(&e, "f2")});
        if (round == 0) {
            assert_null(tu_find(&ctx, "errs"));
            assert_null(tu_find(&ctx, "f1.error"));
        } else {
            assert_non_null(tu_find(&ctx, "errs.link.1"));
            assert_non_null(tu_find(&ctx, "f2.error"));
            assert_true(tu_find(&ctx, "errs")->rect.y < tu_find(&ctx, "f1")->rect.y);
        }
        if (round == 2) {
            assert_int_equal(ctx.focus, tu_id("errs.link.0"));
            tu_end(&ctx);
            tu_input_key(&ctx, TU_KEY_TAB); /* to the second link, then Enter */
            continue;
        }
        tu_end(&ctx);
        if (round == 3) /* not reached before the Enter below */
            break;
    }
    assert_int_equal(ctx.focus, tu_id("errs.link.1"));
    tu_input_key(&ctx, TU_KEY_ENTER);
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 400);
    tu_errors_summary(&ctx, &e, "errs", "There is a problem");
    tu_end(&ctx);
    assert_int_equal(ctx.focus, tu_id("f2"));
}

static void slider_keys_and_clamp(void **state)
{
    (void)state;
    int v = 99;
    ctx.focus = tu_id("s");
    tu_input_key(&ctx, TU_KEY_RIGHT);
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 400);
    assert_int_equal(tu_slider(&ctx, "s", "Mood", &v), 1);
    tu_end(&ctx);
    assert_int_equal(v, 100);
    tu_input_key(&ctx, TU_KEY_RIGHT);
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 400);
    assert_int_equal(tu_slider(&ctx, "s", "Mood", &v), 0);
    tu_end(&ctx);
    assert_int_equal(v, 100);
}

static void scrolled(int *clicked)
{
    tu_begin(&ctx, 800, 600, 0);
    tu_scroll_begin(&ctx, "sc", (tu_rect){0, 100, 400, 200});
    tu_column(&ctx, 0, ctx.ly, 400);
    char id[16];
    for (int i = 0; i < 10; i++) {
        snprintf(id, sizeof id, "row%d", i);
        if (tu_button(&ctx, id, TU_LOOK_SECONDARY, id))
            *clicked = i;
    }
    tu_scroll_end(&ctx);
    tu_end(&ctx);
}

static void scroll_area_scrolls_clamps_and_clips(void **state)
{
    (void)state;
    int clicked = -1;
    scrolled(&clicked);
    const tu_record *r9 = tu_find(&ctx, "row9");
    assert_true(r9->state & TU_ST_CLIPPED);
    /* a click where row 9 would be, outside the view, does nothing */
    int x = r9->rect.x + 10, y = r9->rect.y + 10;
    tu_input_mousedown(&ctx, x, y);
    scrolled(&clicked);
    tu_input_mouseup(&ctx, x, y);
    scrolled(&clicked);
    assert_int_equal(clicked, -1);
    tu_input_mousemove(&ctx, 50, 150);
    tu_input_wheel(&ctx, -100); /* far down: clamps at the end */
    scrolled(&clicked);
    scrolled(&clicked);
    r9 = tu_find(&ctx, "row9");
    assert_false(r9->state & TU_ST_CLIPPED);
    assert_true(r9->rect.y + r9->rect.h <= 300);
    tu_input_wheel(&ctx, 100);
    scrolled(&clicked);
    assert_int_equal(tu_find(&ctx, "row0")->rect.y, 100);
    /* keyboard focus scrolls the focused row into view */
    ctx.focus = tu_id("row8");
    ctx.focus_moved = 1;
    scrolled(&clicked);
    scrolled(&clicked);
    const tu_record *r8 = tu_find(&ctx, "row8");
    assert_false(r8->state & TU_ST_CLIPPED);
}

/* tu_end says how a frame misused a container: one left open (innermost first), one opened
 * inside another of its kind, one closed that was not open; the next frame starts clean
 * (issue 10: microui's mu_end asserts that every stack is empty). */
static void end_names_a_misused_container(void **state)
{
    (void)state;
    static const struct {
        const char *want;
        const char *ops; /* c/C card begin/end, s/S scroll, d/D dialog */
    } cases[] = {
        {NULL, "cCsSdD"},
        {"a card left open", "c"},
        {"a card left open", "sc"},
        {"a scroll area left open", "s"},
        {"a dialog left open", "d"},
        {"a card opened inside a card", "ccC"},
        {"a card closed that was not open", "C"},
        {"a scroll area opened inside a scroll area", "ssS"},
        {"a scroll area closed that was not open", "S"},
        {"a dialog closed that was not open", "D"},
        {NULL, "cC"}, /* and after all that, a clean frame is clean again */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_begin(&ctx, 800, 600, 0);
        for (const char *o = cases[i].ops; *o; o++) {
            switch (*o) {
            case 'c':
                tu_card_begin(&ctx, "c");
                break;
            case 'C':
                tu_card_end(&ctx);
                break;
            case 's':
                tu_scroll_begin(&ctx, "s", (tu_rect){0, 0, 800, 400});
                break;
            case 'S':
                tu_scroll_end(&ctx);
                break;
            case 'd':
                tu_dialog_begin(&ctx, "d", 400);
                break;
            case 'D':
                tu_dialog_end(&ctx);
                break;
            }
        }
        tu_end(&ctx);
        if (cases[i].want)
            assert_string_equal(ctx.fault ? ctx.fault : "(none)", cases[i].want);
        else
            assert_null(ctx.fault);
    }
}

static void dialog_blocks_what_is_under_it(void **state)
{
    (void)state;
    int hit_under = 0, hit_dialog = 0;
    for (int f = 0; f < 4; f++) {
        if (f == 2)
            tu_input_mousedown(&ctx, 400, 300);
        if (f == 3)
            tu_input_mouseup(&ctx, 400, 300);
        tu_begin(&ctx, 800, 600, 0);
        ctx.blocked = 1;
        hit_under |= tu_button_at(&ctx, "under", (tu_rect){0, 0, 800, 600}, TU_LOOK_PRIMARY, "U");
        tu_dialog_begin(&ctx, "dlg", 400);
        tu_rect r = tu_next(&ctx, 0);
        (void)r;
        ctx.ly = 300 - 30; /* place the button over the centre */
        hit_dialog |= tu_button_at(&ctx, "in", (tu_rect){300, 270, 200, 60}, TU_LOOK_PRIMARY, "D");
        tu_dialog_end(&ctx);
        tu_end(&ctx);
    }
    assert_int_equal(hit_under, 0);
    assert_int_equal(hit_dialog, 1);
}

static void chart_draws_bands_threshold_and_markers(void **state)
{
    (void)state;
    float values[] = {18, 15, -1, 9, 6};
    float bands[] = {5, 10, 15, 20, 27};
    int markers[] = {4};
    tu_begin(&ctx, 800, 600, 0);
    tu_column(&ctx, 0, 0, 600);
    size_t before = ctx.n_cmds;
    tu_chart(&ctx, "phq9", 200,
             &(tu_chart_desc){.values = values,
                              .n_values = 5,
                              .min = 0,
                              .max = 27,
                              .bands = bands,
                              .n_bands = 5,
                              .threshold = 10,
                              .markers = markers,
                              .n_markers = 1,
                              .label = "PHQ-9"});
    tu_end(&ctx);
    const tu_record *r = tu_find(&ctx, "phq9");
    assert_non_null(r);
    assert_int_equal(r->kind, TU_W_CHART);
    int lines = 0;
    for (size_t i = before; i < ctx.n_cmds; i++)
        lines += ctx.cmds[i].kind == TU_CMD_LINE;
    assert_int_equal(lines, 3 * 2); /* the gap splits 4 points into 2 segments, 3 px thick */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(click_needs_press_and_release_on_it, setup, teardown),
        cmocka_unit_test_setup_teardown(tab_moves_focus_and_enter_activates, setup, teardown),
        cmocka_unit_test_setup_teardown(arrows_move_within_answer_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(overflow_and_overlap_are_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(text_field_takes_utf8_and_backspace, setup, teardown),
        cmocka_unit_test_setup_teardown(multi_line_field_grows_and_replaces_a_default, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(error_summary_links_to_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(slider_keys_and_clamp, setup, teardown),
        cmocka_unit_test_setup_teardown(scroll_area_scrolls_clamps_and_clips, setup, teardown),
        cmocka_unit_test_setup_teardown(dialog_blocks_what_is_under_it, setup, teardown),
        cmocka_unit_test_setup_teardown(end_names_a_misused_container, setup, teardown),
        cmocka_unit_test_setup_teardown(guard_drops_input_meant_for_the_last_view, setup, teardown),
        cmocka_unit_test_setup_teardown(chart_draws_bands_threshold_and_markers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
