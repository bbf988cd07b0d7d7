/* test_tu_screens: the table of screens (tu_screens.h) has one complete row per screen, and
 * the names scripts and dumps use are the ones the flows rely on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tu_app.h"

static void test_every_screen_has_a_row(void **state)
{
    (void)state;
    char msg[256] = "";
    assert_int_equal(tu_screens_check(msg, sizeof msg), 0);
    for (int i = 0; i < TU_SCR_COUNT; i++) {
        const tu_screen_def *d = tu_screen_row((tu_screen)i);
        assert_non_null(d);
        assert_non_null(d->body);
        assert_non_null(d->nav);
        assert_string_not_equal(tu_screen_name((tu_screen)i), "?");
    }
}

static void test_names_scripts_use(void **state)
{
    (void)state;
    assert_string_equal(tu_screen_name(TU_SCR_LANGUAGE), "language");
    assert_string_equal(tu_screen_name(TU_SCR_WELCOME), "welcome");
    assert_string_equal(tu_screen_name(TU_SCR_MEASURE_DONE), "measure_done");
    assert_string_equal(tu_screen_name(TU_SCR_HOME), "home");
    assert_string_equal(tu_screen_name(TU_SCR_COUNT), "?");
    assert_null(tu_screen_row(TU_SCR_COUNT));
    assert_null(tu_screen_row((tu_screen)-1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_screen_has_a_row),
        cmocka_unit_test(test_names_scripts_use),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
