/* Unit tests of the typed module values (tr_values.h) and the module view over them
 * (tr_module_view.h): what the screens read and change instead of JSON. Values of the wrong
 * kind read as nothing, bad ids and too-long texts are refused with a message and leave the
 * values as they were, and records from the journal come back as the same values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_module.h"
#include "tr_module_view.h"
#include "tr_values.h"

#define LOC(s) "{\"nb\":\"" s "\",\"nn\":\"" s " nn\",\"en\":\"" s " en\"}"

/* clang-format off */
static const char *MODULE =
    "{\"format\":1,\"id\":\"demo\",\"version\":\"1.0\",\"title\":" LOC("t") ","
    "\"summary\":" LOC("s") ",\"for\":" LOC("f") ",\"focus\":[\"general\",\"sleep\"],"
    "\"minutes\":10,\"review\":{\"status\":\"draft\"},\"steps\":["
    "{\"id\":\"read\",\"kind\":\"reading\",\"title\":" LOC("r") ","
    " \"text\":[" LOC("one") "," LOC("two") "],"
    " \"example\":{\"person\":\"Ali\",\"text\":[" LOC("ex") "]}},"
    "{\"id\":\"ladder\",\"kind\":\"exercise\",\"title\":" LOC("l") ","
    " \"example\":{\"person\":\"Kari\",\"title\":" LOC("Eksempel") ","
    "  \"text\":[" LOC("ex2") "]},"
    " \"pages\":[{\"id\":\"p\",\"fields\":["
    "  {\"id\":\"goal\",\"type\":\"text\",\"required\":true,\"label\":" LOC("g") "},"
    "  {\"id\":\"rungs\",\"type\":\"list\",\"max_rows\":3,\"label\":" LOC("r") ",\"columns\":["
    "   {\"id\":\"situation\",\"type\":\"text\",\"label\":" LOC("s") "},"
    "   {\"id\":\"fear\",\"type\":\"rating\",\"label\":" LOC("f") "}]}"
    " ]}]},"
    "{\"id\":\"tries\",\"kind\":\"worksheet\",\"per\":\"try\",\"title\":" LOC("t") ","
    " \"pages\":[{\"id\":\"p\",\"show\":[\"ladder.goal\"],\"fields\":["
    "  {\"id\":\"rung\",\"type\":\"choice\",\"options_from\":\"ladder.rungs.situation\","
    "   \"label\":" LOC("r") "},"
    "  {\"id\":\"before\",\"type\":\"rating\",\"label\":" LOC("b") "},"
    "  {\"id\":\"after\",\"type\":\"rating\",\"label\":" LOC("a") "},"
    "  {\"id\":\"how\",\"type\":\"choice\",\"multiple\":true,\"label\":" LOC("h") ","
    "   \"options\":[{\"id\":\"alone\",\"label\":" LOC("a") "},"
    "   {\"id\":\"helper\",\"label\":" LOC("h") "}]},"
    "  {\"id\":\"drop\",\"type\":\"computed\",\"label\":" LOC("d") ","
    "   \"expr\":{\"-\":[{\"var\":\"before\"},{\"var\":\"after\"}]}}"
    " ]}]}"
    "]}";
/* clang-format on */

static int setup(void **state)
{
    cJSON *json = cJSON_Parse(MODULE);
    if (!json)
        return -1;
    tr_diags d = {0};
    tr_module *m = NULL;
    tr_status st = tr_module_from_json(json, "demo.json", "demo", &m, &d);
    for (size_t i = 0; i < d.count; i++) {
        char buf[600];
        tr_diag_format(&d.items[i], buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
    }
    tr_diags_free(&d);
    cJSON_Delete(json);
    *state = m;
    return st == TR_OK ? 0 : -1;
}

static int teardown(void **state)
{
    tr_module_destroy(*state);
    return 0;
}

static void test_set_and_read(void **state)
{
    (void)state;
    tr_error err = {0};
    tr_values *v = tr_values_make();
    assert_non_null(v);
    assert_null(tr_values_get(v, "goal"));
    assert_false(tr_values_has(v, "goal"));

    assert_int_equal(tr_values_set_text(v, "goal", "ta bussen", &err), TR_OK);
    assert_int_equal(tr_values_set_number(v, "fear", 40, &err), TR_OK);
    assert_int_equal(tr_values_set_bool(v, "i1", true, &err), TR_OK);
    assert_int_equal(tr_value_kind_of(tr_values_get(v, "goal")), TR_VALUE_TEXT);
    assert_string_equal(tr_value_text(tr_values_get(v, "goal")), "ta bussen");
    double d = 0;
    assert_true(tr_value_number(tr_values_get(v, "fear"), &d));
    assert_true(d == 40);
    assert_true(tr_value_is_true(tr_values_get(v, "i1")));

    /* replacing keeps one value per field */
    assert_int_equal(tr_values_set_text(v, "goal", "ta toget", &err), TR_OK);
    assert_string_equal(tr_value_text(tr_values_get(v, "goal")), "ta toget");
    assert_int_equal(tr_values_set_bool(v, "i1", false, &err), TR_OK);
    assert_false(tr_value_is_true(tr_values_get(v, "i1")));
    assert_true(tr_values_has(v, "i1")); /* no is a value */

    /* the wrong kind reads as nothing, never as something else */
    assert_null(tr_value_text(tr_values_get(v, "fear")));
    assert_false(tr_value_number(tr_values_get(v, "goal"), &d));
    assert_false(tr_value_is_true(tr_values_get(v, "goal")));
    assert_int_equal(tr_value_count(tr_values_get(v, "goal")), 0);
    assert_null(tr_value_text_at(tr_values_get(v, "goal"), 0));
    assert_null(tr_value_row(tr_values_get(v, "goal"), 0));
    assert_int_equal(tr_value_kind_of(NULL), TR_VALUE_NONE);
    assert_null(tr_values_get(NULL, "goal"));
    assert_null(tr_values_get(v, NULL));

    /* a copy is deep */
    tr_values *c = tr_values_copy(v);
    tr_values_clear(v, "goal");
    assert_false(tr_values_has(v, "goal"));
    assert_string_equal(tr_value_text(tr_values_get(c, "goal")), "ta toget");
    assert_false(tr_value_same(tr_values_get(v, "goal"), tr_values_get(c, "goal")));
    assert_true(tr_value_same(tr_values_get(v, "fear"), tr_values_get(c, "fear")));
    assert_true(tr_value_same(tr_values_get(v, "nothing"), NULL));
    tr_values_clear(v, "never there");
    tr_values_destroy(c);
    tr_values_destroy(v);
    tr_values_destroy(NULL);
    c = tr_values_copy(NULL);
    assert_non_null(c);
    assert_null(tr_values_get(c, "x"));
    tr_values_destroy(c);
}

static void test_refused(void **state)
{
    (void)state;
    tr_error err = {0};
    tr_values *v = tr_values_make();
    assert_int_equal(tr_values_set_text(v, "goal", "kept", &err), TR_OK);

    assert_int_equal(tr_values_set_text(NULL, "goal", "x", &err), TR_E_INVALID);
    assert_int_equal(tr_values_set_text(v, NULL, "x", &err), TR_E_INVALID);
    assert_int_equal(tr_values_set_text(v, "", "x", &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "empty"));
    char id[TR_VALUES_ID_MAX + 2];
    memset(id, 'a', sizeof id - 1);
    id[sizeof id - 1] = 0;
    assert_int_equal(tr_values_set_number(v, id, 1, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "longer than"));
    id[TR_VALUES_ID_MAX] = 0; /* exactly the longest */
    assert_int_equal(tr_values_set_number(v, id, 1, &err), TR_OK);

    /* too long a text: refused, the old value stays */
    char *big = malloc(TR_VALUES_TEXT_MAX + 2);
    assert_non_null(big);
    memset(big, 'x', TR_VALUES_TEXT_MAX + 1);
    big[TR_VALUES_TEXT_MAX + 1] = 0;
    assert_int_equal(tr_values_set_text(v, "goal", big, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "goal"));
    assert_int_equal(tr_values_set_choice(v, "how", big, true, &err), TR_E_INVALID);
    big[TR_VALUES_TEXT_MAX] = 0;
    assert_int_equal(tr_values_set_text(v, "long", big, &err), TR_OK);
    free(big);
    assert_string_equal(tr_value_text(tr_values_get(v, "goal")), "kept");
    assert_null(tr_values_get(v, "how"));

    assert_int_equal(tr_values_set_text(v, "goal", NULL, &err), TR_E_INVALID);
    assert_int_equal(tr_values_set_number(v, "fear", NAN, &err), TR_E_INVALID);
    assert_int_equal(tr_values_set_number(v, "fear", INFINITY, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "finite"));
    assert_null(tr_values_get(v, "fear"));
    assert_int_equal(tr_values_add_row(NULL, "rows", &err), TR_E_INVALID);
    assert_int_equal(tr_values_set_bool(v, "", true, &err), TR_E_INVALID);
    tr_values_remove_row(v, "goal", 0); /* not a list: nothing happens */
    assert_string_equal(tr_value_text(tr_values_get(v, "goal")), "kept");
    tr_values_destroy(v);
}

static void test_choices_and_rows(void **state)
{
    (void)state;
    tr_error err = {0};
    tr_values *v = tr_values_make();
    assert_int_equal(tr_values_set_choice(v, "how", "helper", true, &err), TR_OK);
    assert_int_equal(tr_values_set_choice(v, "how", "alone", true, &err), TR_OK);
    assert_int_equal(tr_values_set_choice(v, "how", "helper", true, &err), TR_OK);
    const tr_value *how = tr_values_get(v, "how");
    assert_int_equal(tr_value_kind_of(how), TR_VALUE_LIST);
    assert_int_equal(tr_value_count(how), 2); /* once each, the one ticked again last */
    assert_string_equal(tr_value_text_at(how, 0), "alone");
    assert_string_equal(tr_value_text_at(how, 1), "helper");
    assert_null(tr_value_text_at(how, 2));
    assert_true(tr_value_has_text(how, "alone"));
    assert_int_equal(tr_values_set_choice(v, "how", "alone", false, &err), TR_OK);
    how = tr_values_get(v, "how");
    assert_false(tr_value_has_text(how, "alone"));
    assert_true(tr_value_has_text(how, "helper"));
    assert_false(tr_value_has_text(how, NULL));

    /* a field holding a text becomes a list of rows when a row is added */
    assert_int_equal(tr_values_set_text(v, "rungs", "not a list", &err), TR_OK);
    assert_int_equal(tr_values_row_count(v, "rungs"), 0);
    assert_int_equal(tr_values_add_row(v, "rungs", &err), TR_OK);
    assert_int_equal(tr_values_add_row(v, "rungs", &err), TR_OK);
    assert_int_equal(tr_values_row_count(v, "rungs"), 2);
    tr_values *row = tr_values_row_edit(v, "rungs", 1);
    assert_non_null(row);
    assert_int_equal(tr_values_set_text(row, "situation", "buss", &err), TR_OK);
    assert_null(tr_values_row_edit(v, "rungs", 2));
    assert_null(tr_values_row_edit(v, "how", 0)); /* a text is not a row */
    tr_values_remove_row(v, "rungs", 0);
    tr_values_remove_row(v, "rungs", 5);
    assert_int_equal(tr_values_row_count(v, "rungs"), 1);
    const tr_values *r0 = tr_value_row(tr_values_get(v, "rungs"), 0);
    assert_string_equal(tr_value_text(tr_values_get(r0, "situation")), "buss");
    tr_values_destroy(v);
}

static cJSON *records_with(const tr_module *m, const tr_values *ladder, const tr_values *tries)
{
    tr_error err = {0};
    cJSON *recs = cJSON_CreateArray();
    cJSON *a = tr_module_entry_record_of(m, "ladder", "e1", ladder, "2026-11-01T10:00:00Z", &err);
    assert_non_null(a);
    cJSON_AddItemToArray(recs, a);
    if (tries) {
        cJSON *b = tr_module_entry_record_of(m, "tries", "e2", tries, "2026-11-02T10:00:00Z", &err);
        assert_non_null(b);
        cJSON_AddItemToArray(recs, b);
    }
    return recs;
}

static void test_module_view(void **state)
{
    const tr_module *m = *state;
    tr_error err = {0};
    assert_true(tr_module_has_focus(m, "sleep"));
    assert_false(tr_module_has_focus(m, "worry"));
    assert_false(tr_module_has_focus(NULL, "sleep"));

    const tr_module_step *read = tr_module_step_find(m, "read");
    assert_string_equal(tr_module_paragraph(read->text, 0, "nn"), "one nn");
    assert_string_equal(tr_module_paragraph(read->text, 1, "en"), "two en");
    assert_null(tr_module_paragraph(read->text, 2, "nb"));
    assert_null(tr_module_paragraph(NULL, 0, "nb"));

    const char *title = "x", *person = "x";
    const cJSON *texts = NULL;
    assert_true(tr_module_example_of(read, "nb", &title, &person, &texts));
    assert_null(title);
    assert_string_equal(person, "Ali");
    assert_string_equal(tr_module_paragraph(texts, 0, "nb"), "ex");
    const tr_module_step *ladder = tr_module_step_find(m, "ladder");
    assert_true(tr_module_example_of(ladder, "en", &title, &person, &texts));
    assert_string_equal(title, "Eksempel en");
    assert_string_equal(person, "Kari");
    assert_false(
        tr_module_example_of(tr_module_step_find(m, "tries"), "nb", &title, &person, &texts));

    /* values saved as a record come back as the same values */
    tr_values *lv = tr_values_make();
    assert_int_equal(tr_values_set_text(lv, "goal", "ta bussen", &err), TR_OK);
    for (int i = 0; i < 3; i++)
        assert_int_equal(tr_values_add_row(lv, "rungs", &err), TR_OK);
    assert_int_equal(
        tr_values_set_text(tr_values_row_edit(lv, "rungs", 0), "situation", "buss", &err), TR_OK);
    assert_int_equal(
        tr_values_set_text(tr_values_row_edit(lv, "rungs", 1), "situation", "tog", &err), TR_OK);
    assert_int_equal(
        tr_values_set_text(tr_values_row_edit(lv, "rungs", 2), "situation", "buss", &err), TR_OK);
    tr_values *tv = tr_values_make();
    assert_int_equal(tr_values_set_number(tv, "before", 70, &err), TR_OK);
    assert_int_equal(tr_values_set_number(tv, "after", 30, &err), TR_OK);
    cJSON *recs = records_with(m, lv, tv);

    tr_module_entries e = {0};
    assert_int_equal(tr_module_entries_of(m, "ladder", recs, &e, &err), TR_OK);
    assert_int_equal(e.count, 1);
    const tr_values *saved = tr_module_entry_values(&e.items[0]);
    assert_string_equal(tr_value_text(tr_values_get(saved, "goal")), "ta bussen");
    assert_int_equal(tr_values_row_count(saved, "rungs"), 3);
    assert_null(tr_module_entry_values(NULL));
    tr_module_entries_free(&e);

    /* a ref to another step, and options from its list: distinct, in row order */
    const tr_module_step *tries = tr_module_step_find(m, "tries");
    const tr_module_field *f = NULL;
    const tr_value *goal = tr_module_ref(m, tries, "ladder.goal", tv, recs, &f);
    assert_string_equal(tr_value_text(goal), "ta bussen");
    assert_string_equal(f->id, "goal");
    assert_null(tr_module_ref(m, tries, "ladder.nothing", tv, recs, NULL));
    tr_value *opts = tr_module_options(m, tr_module_field_find(tries, "rung"), recs, &err);
    assert_int_equal(tr_value_count(opts), 2);
    assert_string_equal(tr_value_text_at(opts, 0), "buss");
    assert_string_equal(tr_value_text_at(opts, 1), "tog");
    tr_module_options_free(opts);
    assert_null(tr_module_options(m, tr_module_field_find(tries, "before"), recs, &err));
    assert_int_equal(err.status, TR_E_INVALID);

    /* computed fields, and their text */
    tr_values *c = tr_module_compute_values(tries, tv, &err);
    assert_non_null(c);
    char buf[64];
    const tr_module_field *drop = tr_module_field_find(tries, "drop");
    tr_module_format_value(drop, tr_values_get(c, "drop"), "nb", buf, sizeof buf);
    assert_string_equal(buf, "40");
    tr_module_format_value(drop, NULL, "nb", buf, sizeof buf);
    assert_string_equal(buf, "\xE2\x80\x93");
    tr_values_destroy(c);

    /* a save the step does not take is refused with a reason */
    tr_values *bad = tr_values_make();
    assert_int_equal(tr_values_set_text(bad, "before", "høy", &err), TR_OK);
    assert_null(tr_module_entry_record_of(m, "tries", "e3", bad, "2026-11-03T10:00:00Z", &err));
    assert_int_equal(err.status, TR_E_INVALID);
    assert_non_null(strstr(err.msg, "before"));
    assert_null(tr_module_entry_record_of(m, "tries", "", tv, "2026-11-03T10:00:00Z", &err));
    tr_values_destroy(bad);

    cJSON_Delete(recs);
    tr_values_destroy(lv);
    tr_values_destroy(tv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_and_read),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_choices_and_rows),
        cmocka_unit_test_setup_teardown(test_module_view, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
