/* Unit tests of tr_words, the common-words list of the passphrase hint: a good list keeps its
 * order and ends in NULL (zxcvbn's UserDict), every kind of bad entry is refused with its JSON
 * path and line:col, all problems are listed (not only the first), and the shipped list
 * loads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_words.h"

static tr_status parse(const char *text, tr_words **w, tr_diags *diags, tr_error *err)
{
    return tr_words_parse(text, strlen(text), "words.json", w, diags, err);
}

/* Diagnostic i formatted as "file:line:col: path: msg". */
static const char *diag(const tr_diags *d, size_t i)
{
    static char buf[600];
    assert_true(i < d->count);
    tr_diag_format(&d->items[i], buf, sizeof buf);
    return buf;
}

static void test_good_list_keeps_order(void **state)
{
    (void)state;
    tr_words *w = NULL;
    tr_diags d = {0};
    tr_error err = {0};
    assert_int_equal(parse("{\"format\": 1, \"about\": \"t\", \"words\": [\"passord\", \"blå\", "
                           "\"kjærlighet\", \"ærlig\"]}",
                           &w, &d, &err),
                     TR_OK);
    assert_int_equal(w->count, 4);
    assert_string_equal(w->words[0], "passord");
    assert_string_equal(w->words[1], "blå");
    assert_string_equal(w->words[3], "ærlig");
    assert_null(w->words[4]);
    assert_int_equal(d.count, 0);
    tr_words_free(w);
}

static void test_bad_json_names_the_place(void **state)
{
    (void)state;
    tr_words *w = (tr_words *)&w; /* must be set to NULL */
    tr_error err = {0};
    assert_int_equal(parse("{\"format\": 1,\n \"words\": [\"a\",, ]}", &w, NULL, &err), TR_E_PARSE);
    assert_null(w);
    assert_non_null(strstr(err.msg, "words.json:2:"));
}

static void test_every_bad_word_is_listed(void **state)
{
    (void)state;
    tr_words *w = NULL;
    tr_diags d = {0};
    tr_error err = {0};
    assert_int_equal(parse("{\"format\": 1, \"about\": \"t\",\n"
                           "\"words\": [\"Sommer\", \"BLÅ\", \"to ord\", 3, \"\",\n"
                           "\"aaaaaaaaaabbbbbbbbbbccccccccccddddddddddx\", \"×\"]}",
                           &w, &d, &err),
                     TR_E_INVALID);
    assert_null(w);
    assert_int_equal(d.count, 6); /* "×" is not a letter: it is allowed */
    assert_string_equal(diag(&d, 0), "words.json:2:11: $.words[0]: 'Sommer' is not lower case "
                                     "(write the word in lower case: zxcvbn lowers what is typed)");
    assert_non_null(strstr(diag(&d, 1), "$.words[1]: 'BLÅ' is not lower case"));
    assert_non_null(strstr(diag(&d, 2), "$.words[2]: 'to ord' holds a space"));
    assert_non_null(strstr(diag(&d, 3), "$.words[3]: expected a word"));
    assert_non_null(strstr(diag(&d, 4), "$.words[4]: '' is empty"));
    assert_non_null(strstr(diag(&d, 5), "$.words[5]: "));
    assert_non_null(strstr(diag(&d, 5), "is longer than 40 bytes"));
    assert_non_null(strstr(err.msg, "6 problems"));
    tr_diags_free(&d);
}

static void test_repeats_are_reported_where_they_repeat(void **state)
{
    (void)state;
    tr_words *w = NULL;
    tr_diags d = {0};
    assert_int_equal(parse("{\"format\": 1, \"about\": \"t\", \"words\": [\n"
                           "\"sol\", \"hei\",\n\"måne\", \"sol\",\n\"hei\", \"sol\"]}",
                           &w, &d, NULL),
                     TR_E_INVALID);
    assert_int_equal(d.count, 3);
    /* sorted by word: hei (its second place), then sol's second and third (columns in bytes) */
    assert_string_equal(diag(&d, 0), "words.json:4:1: $.words[4]: 'hei' is in the list more "
                                     "than once (keep the first, most common place)");
    assert_non_null(strstr(diag(&d, 1), "words.json:3:10: $.words[3]: 'sol'"));
    assert_non_null(strstr(diag(&d, 2), "words.json:4:8: $.words[5]: 'sol'"));
    tr_diags_free(&d);
}

static void test_the_frame_of_the_file(void **state)
{
    (void)state;
    tr_words *w = NULL;
    tr_diags d = {0};
    assert_int_equal(parse("[\"passord\"]", &w, &d, NULL), TR_E_INVALID);
    assert_non_null(strstr(diag(&d, 0), "$: expected an object"));
    tr_diags_free(&d);
    assert_int_equal(parse("{\"format\": 2, \"about\": \"\", \"word\": [\"a\"]}", &w, &d, NULL),
                     TR_E_INVALID);
    assert_int_equal(d.count, 4);
    assert_non_null(strstr(diag(&d, 0), "$.word: unknown key"));
    assert_non_null(strstr(diag(&d, 1), "$.format: this version reads format 1 only"));
    assert_non_null(strstr(diag(&d, 2), "$.about: expected a non-empty text"));
    assert_non_null(strstr(diag(&d, 3), "$.words: expected a non-empty array"));
    tr_diags_free(&d);
}

static void test_size_cap(void **state)
{
    (void)state;
    size_t cap = 64 + (TR_WORDS_MAX + 1) * 10;
    char *text = malloc(cap);
    assert_non_null(text);
    for (int over = 0; over <= 1; over++) {
        size_t n = (size_t)snprintf(text, cap, "{\"format\": 1, \"about\": \"t\", \"words\": [");
        for (int i = 0; i < TR_WORDS_MAX + over; i++)
            n += (size_t)snprintf(text + n, cap - n, "%s\"w%d\"", i ? "," : "", i);
        snprintf(text + n, cap - n, "]}");
        tr_words *w = NULL;
        tr_diags d = {0};
        tr_status st = parse(text, &w, &d, NULL);
        if (over) {
            assert_int_equal(st, TR_E_INVALID);
            assert_non_null(strstr(diag(&d, 0), "$.words: holds more than"));
        } else {
            assert_int_equal(st, TR_OK);
            assert_int_equal(w->count, TR_WORDS_MAX);
        }
        tr_words_free(w);
        tr_diags_free(&d);
    }
    free(text);
}

static void test_shipped_list(void **state)
{
    (void)state;
    tr_words *w = NULL;
    tr_diags d = {0};
    tr_error err = {0};
    const char *dir = getenv("TRINN_CONTENT");
    assert_non_null(dir);
    if (tr_words_load(dir, &w, &d, &err) != TR_OK)
        fail_msg("%s; %s", err.msg, d.count ? diag(&d, 0) : "");
    assert_true(w->count >= 1500 && w->count <= TR_WORDS_MAX);
    assert_string_equal(w->words[0], "passord"); /* the most common first */
    tr_words_free(w);
    assert_int_equal(tr_words_load("/nonexistent", &w, NULL, &err), TR_E_NOTFOUND);
    assert_null(w);
    assert_non_null(strstr(err.msg, "/nonexistent/" TR_WORDS_FILE));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_list_keeps_order),
        cmocka_unit_test(test_bad_json_names_the_place),
        cmocka_unit_test(test_every_bad_word_is_listed),
        cmocka_unit_test(test_repeats_are_reported_where_they_repeat),
        cmocka_unit_test(test_the_frame_of_the_file),
        cmocka_unit_test(test_size_cap),
        cmocka_unit_test(test_shipped_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
