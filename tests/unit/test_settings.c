/* Unit tests of the settings file (tr_settings.h): what the app saves reads back the same; a
 * first run has none; a broken file or a bad field is refused with a message naming it, and a
 * bad field loses only itself; the file is the owner's alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tr_settings.h"
#include "tt_os.h"

static tr_status parse(const char *text, tr_settings *s, tr_error *err)
{
    *err = (tr_error){0};
    return tr_settings_parse(text, strlen(text), s, err);
}

static void test_parse_good(void **state)
{
    (void)state;
    tr_settings s;
    tr_error err;
    assert_int_equal(parse("{\"lang\": \"nn\", \"theme\": \"contrast\", \"text_size\": 1.5, "
                           "\"speech\": true, \"headphones\": false, \"newer\": [1]}",
                           &s, &err),
                     TR_OK);
    assert_string_equal(s.lang, "nn");
    assert_string_equal(s.theme, "contrast");
    assert_true(s.text_size == 1.5);
    assert_true(s.speech);
    assert_false(s.headphones);
    /* an older file without the newer fields */
    assert_int_equal(parse("{\"lang\": \"en\", \"theme\": \"standard\"}", &s, &err), TR_OK);
    assert_string_equal(s.lang, "en");
    assert_true(s.text_size == 0);
    assert_false(s.speech);
    assert_int_equal(parse("{}", &s, &err), TR_OK);
    assert_string_equal(s.lang, "");
}

static void test_parse_bad(void **state)
{
    (void)state;
    tr_settings s;
    tr_error err;
    /* not an object at all: nothing read, a message with where */
    static const char *const broken[] = {"", "[]", "\"nb\"", "{\"lang\": \"nb\"", "nb"};
    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
        assert_int_equal(parse(broken[i], &s, &err), TR_E_PARSE);
        assert_true(err.msg[0]);
        assert_string_equal(s.lang, "");
    }
    assert_int_equal(tr_settings_parse(NULL, 0, &s, &err), TR_E_PARSE);

    /* a field of the wrong type: named, left out, the others kept */
    assert_int_equal(parse("{\"lang\": 5, \"theme\": \"large\", \"speech\": true}", &s, &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "\"lang\""));
    assert_string_equal(s.lang, "");
    assert_string_equal(s.theme, "large");
    assert_true(s.speech);
    assert_int_equal(parse("{\"lang\": \"nb\", \"speech\": \"yes\"}", &s, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "\"speech\""));
    assert_string_equal(s.lang, "nb");
    assert_false(s.speech);
    assert_int_equal(parse("{\"text_size\": \"big\"}", &s, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "text_size"));
    assert_int_equal(parse("{\"text_size\": -1}", &s, &err), TR_E_INVALID);
    assert_int_equal(parse("{\"text_size\": 0}", &s, &err), TR_E_INVALID);
    assert_true(s.text_size == 0);
    assert_int_equal(parse("{\"headphones\": null}", &s, &err), TR_E_INVALID);

    /* too long a text: refused, never cut */
    char text[200];
    snprintf(text, sizeof text, "{\"lang\": \"%0*d\", \"theme\": \"standard\"}",
             TR_SETTINGS_LANG_MAX + 1, 0);
    assert_int_equal(parse(text, &s, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "at most 15 bytes"));
    assert_string_equal(s.lang, "");
    assert_string_equal(s.theme, "standard");
    snprintf(text, sizeof text, "{\"lang\": \"%0*d\"}", TR_SETTINGS_LANG_MAX, 0);
    assert_int_equal(parse(text, &s, &err), TR_OK);
    assert_int_equal(strlen(s.lang), TR_SETTINGS_LANG_MAX);

    /* too big a file */
    char *big = malloc(TR_SETTINGS_FILE_MAX + 2);
    assert_non_null(big);
    memset(big, ' ', TR_SETTINGS_FILE_MAX + 1);
    big[0] = '{';
    big[TR_SETTINGS_FILE_MAX] = '}';
    big[TR_SETTINGS_FILE_MAX + 1] = 0;
    assert_int_equal(parse(big, &s, &err), TR_E_TOOBIG);
    free(big);
}

static void test_save_and_load(void **state)
{
    (void)state;
    char dir[512], sub[600], path[700];
    tr_settings s, back;
    tr_error err = {0};
    assert_int_equal(tt_mkdtemp(dir, sizeof dir, "trinn-settings"), 0);
    snprintf(sub, sizeof sub, "%s/data", dir);

    /* the first run: none yet */
    assert_int_equal(tr_settings_load(sub, &back, &err), TR_E_NOTFOUND);

    s = (tr_settings){.lang = "nn", .theme = "large", .text_size = 2, .headphones = true};
    assert_int_equal(tr_settings_save(sub, &s, &err), TR_OK);
    assert_int_equal(tr_settings_load(sub, &back, &err), TR_OK);
    assert_string_equal(back.lang, "nn");
    assert_string_equal(back.theme, "large");
    assert_true(back.text_size == 2);
    assert_false(back.speech);
    assert_true(back.headphones);
    snprintf(path, sizeof path, "%s/settings.json", sub);
    if (tt_acls_kept(dir)) /* wine keeps no access lists, so it cannot tell */
        assert_int_equal(tt_owner_only(path), 1);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(tp_fs_read_file(path, 4096, &text, &len), 0);
    assert_string_equal(text, "{\"lang\": \"nn\", \"theme\": \"large\", \"text_size\": 2, "
                              "\"speech\": false, \"headphones\": true}\n");
    free(text);

    /* what cannot be a language or theme is not written; the old file stays */
    static const char *const bad_lang[] = {"", "n\"b", "NB", "nb nn", "n/b"};
    for (size_t i = 0; i < sizeof bad_lang / sizeof *bad_lang; i++) {
        tr_settings b = s;
        snprintf(b.lang, sizeof b.lang, "%s", bad_lang[i]);
        assert_int_equal(tr_settings_save(sub, &b, &err), TR_E_INVALID);
        assert_non_null(strstr(err.msg, "language"));
    }
    tr_settings b = s;
    b.text_size = NAN;
    assert_int_equal(tr_settings_save(sub, &b, &err), TR_E_INVALID);
    b = s;
    b.theme[0] = 0;
    assert_int_equal(tr_settings_save(sub, &b, &err), TR_E_INVALID);
    assert_int_equal(tr_settings_save(NULL, &s, &err), TR_E_INVALID);
    assert_int_equal(tr_settings_load(sub, &back, &err), TR_OK);
    assert_string_equal(back.lang, "nn");
    assert_int_equal(tr_settings_load(NULL, &back, &err), TR_E_INVALID);

    /* a broken file on disk: refused, nothing read */
    assert_int_equal(tp_fs_write_atomic(path, "{\"lang\":", 8), 0);
    assert_int_equal(tr_settings_load(sub, &back, &err), TR_E_PARSE);
    assert_string_equal(back.lang, "");
    assert_int_equal(tt_remove_tree(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_good),
        cmocka_unit_test(test_parse_bad),
        cmocka_unit_test(test_save_and_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
