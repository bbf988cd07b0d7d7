/* Unit tests of the shared basics: errors, strict JSON input, UTF-8, clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_error.h"
#include "tr_json.h"

static void test_error_set_and_prefix(void **state)
{
    tr_error err = {0};
    assert_int_equal(tr_error_set(&err, TR_E_INVALID, "value %d", 7), TR_E_INVALID);
    tr_error_prefix(&err, "file.json");
    assert_string_equal(err.msg, "file.json: value 7");
    assert_string_equal(tr_status_name(TR_E_IO), "io");
    assert_int_equal(tr_error_set(NULL, TR_E_IO, "x"), TR_E_IO);
}

static void test_diags(void **state)
{
    tr_diags d = {0};
    char buf[256];
    for (int i = 0; i < 40; i++)
        assert_int_equal(tr_diags_add(&d, "a.json", "$.x", i, 2, "bad %d", i), TR_OK);
    assert_int_equal(d.count, 40);
    tr_diag_format(&d.items[3], buf, sizeof buf);
    assert_string_equal(buf, "a.json:3:2: $.x: bad 3");
    tr_diags_free(&d);
    assert_int_equal(d.count, 0);
}

static void test_utf8(void **state)
{
    size_t bad = 0;
    assert_true(tr_utf8_valid("bl\xc3\xa5"
                              "b\xc3\xa6r",
                              8, NULL));
    assert_false(tr_utf8_valid("ab\xc3", 3, &bad));
    assert_int_equal(bad, 2);
    assert_false(tr_utf8_valid("\xc0\xaf", 2, NULL));         /* overlong '/' */
    assert_false(tr_utf8_valid("\xed\xa0\x80", 3, NULL));     /* surrogate */
    assert_false(tr_utf8_valid("\xf4\x90\x80\x80", 4, NULL)); /* > U+10FFFF */
    assert_true(tr_utf8_valid("\xf0\x9f\x98\x80", 4, NULL));
}

static void test_json_errors_have_line_and_column(void **state)
{
    tr_error err = {0};
    const char *bad = "{\n  \"a\": 1,\n  \"b\": }";
    assert_null(tr_json_parse(bad, strlen(bad), "x.json", &err));
    assert_int_equal(err.status, TR_E_PARSE);
    assert_non_null(strstr(err.msg, "x.json:3:"));

    assert_null(tr_json_parse("[1] [2]", 7, "t", &err));
    assert_non_null(strstr(err.msg, "extra text"));
    assert_null(tr_json_parse("\"\xff\"", 3, "t", &err));
    assert_non_null(strstr(err.msg, "UTF-8"));
    assert_null(tr_json_parse("[1,\0]", 5, "t", &err));
    assert_non_null(strstr(err.msg, "NUL"));
    assert_null(tr_json_parse("", 0, "t", &err));

    cJSON *ok = tr_json_parse(" {\"\xc3\xa6\": [1, 2]}\n", 15, "t", &err);
    assert_non_null(ok);
    cJSON_Delete(ok);
}

static void test_json_file_errors(void **state)
{
    tr_error err = {0};
    assert_null(tr_json_load_file("/nonexistent/trinn.json", &err));
    assert_int_equal(err.status, TR_E_NOTFOUND);
    assert_non_null(strstr(err.msg, "/nonexistent/trinn.json"));
    assert_null(tr_json_load_file("/", &err));
    assert_int_equal(err.status, TR_E_IO);
}

static void test_clock(void **state)
{
    char buf[32];
    int64_t t = 0;
    assert_int_equal(tp_clock_parse("2026-11-26T23:54:59Z", &t), 0);
    assert_int_equal(tp_clock_format(t, buf, sizeof buf), 0);
    assert_string_equal(buf, "2026-11-26T23:54:59Z");
    assert_int_equal(tp_clock_parse("2026-01-05", &t), 0);
    assert_int_equal(t, 1767571200);
    assert_int_equal(tp_clock_parse("2026-01-05T01:00+01:00", &t), 0);
    assert_int_equal(t, 1767571200);
    assert_int_equal(tp_clock_parse("2026-02-29", &t), -EINVAL);
    assert_int_equal(tp_clock_parse("2024-02-29", &t), 0);
    assert_int_equal(tp_clock_parse("2026-13-01", &t), -EINVAL);
    assert_int_equal(tp_clock_parse("2026-01-05X", &t), -EINVAL);
    assert_int_equal(tp_clock_parse("", &t), -EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_set_and_prefix),
        cmocka_unit_test(test_diags),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_json_errors_have_line_and_column),
        cmocka_unit_test(test_json_file_errors),
        cmocka_unit_test(test_clock),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
