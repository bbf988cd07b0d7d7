/* Unit tests of tr_content_team_facts (the answers an assessment shows the team on their own):
 * the shipped intake marks the need for an interpreter and its language, the medication
 * questions and the kinds of help the client would like, in the pack's order and the language
 * asked for; an answer that is no option of its item, an item the team is not shown on its own
 * and an assessment without intake answers give nothing; a multi answer lists every label. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tr_content.h"
#include "tt_pack.h"

static tr_content *pack;

static int setup(void **state)
{
    (void)state;
    pack = tt_pack_load();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tr_content_free(pack);
    return 0;
}

static size_t facts_of(const char *answers, const char *lang, tr_team_fact *out, size_t max)
{
    cJSON *a = cJSON_Parse(answers);
    assert_non_null(a);
    size_t n = tr_content_team_facts(pack, a, lang, out, max);
    cJSON_Delete(a);
    return n;
}

static void test_interpreter_and_language(void **state)
{
    (void)state;
    tr_team_fact f[8];
    const char *answers = "{\"phq9\": {\"phq9_1\": 2}, \"intake\": {\"age_band\": \"25_34\", "
                          "\"interpreter\": \"yes\", \"interpreter_language\": \"somali\"}}";
    assert_int_equal(facts_of(answers, "nb", f, 8), 2);
    assert_string_equal(f[0].item->id, "interpreter");
    assert_string_equal(f[0].label, "Trenger tolk");
    assert_string_equal(f[0].answer, "Ja");
    assert_string_equal(f[1].label, "Tolk på språket");
    assert_string_equal(f[1].answer, "Somali");
    assert_int_equal(facts_of(answers, "en", f, 8), 2);
    assert_string_equal(f[0].label, "Needs an interpreter");
    assert_string_equal(f[0].answer, "Yes");
    /* room for one: the first */
    assert_int_equal(facts_of(answers, "nn", f, 1), 1);
    assert_string_equal(f[0].label, "Treng tolk");
}

static void test_medication_and_help(void **state)
{
    (void)state;
    tr_team_fact f[8];
    const char *answers = "{\"intake\": {\"medication\": \"no\", \"medication_free_wish\": "
                          "\"yes\", \"help_preferences\": [\"guided_self_help\", \"course\"]}}";
    assert_int_equal(facts_of(answers, "nb", f, 8), 3);
    assert_string_equal(f[0].item->id, "medication");
    assert_string_equal(f[1].label, "Ønsker helst hjelp uten medisiner");
    assert_string_equal(f[1].answer, "Ja");
    assert_string_equal(f[2].item->id, "help_preferences");
    assert_non_null(strstr(f[2].answer, "Selvhjelp på egen hånd"));
    assert_non_null(strstr(f[2].answer, ", Et kurs sammen med andre"));
}

static void test_nothing_to_show(void **state)
{
    (void)state;
    tr_team_fact f[8];
    /* not an option; an item not for the team; no intake; no answers at all */
    assert_int_equal(facts_of("{\"intake\": {\"interpreter\": \"maybe\"}}", "nb", f, 8), 0);
    assert_int_equal(facts_of("{\"intake\": {\"interpreter_language\": 7}}", "nb", f, 8), 0);
    assert_int_equal(
        facts_of("{\"intake\": {\"help_preferences\": [\"course\", \"nosuch\"]}}", "nb", f, 8), 0);
    assert_int_equal(facts_of("{\"intake\": {\"age_band\": \"25_34\"}}", "nb", f, 8), 0);
    assert_int_equal(facts_of("{\"phq9\": {\"phq9_1\": 1}}", "nb", f, 8), 0);
    assert_int_equal(tr_content_team_facts(pack, NULL, "nb", f, 8), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_interpreter_and_language, setup, teardown),
        cmocka_unit_test_setup_teardown(test_medication_and_help, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nothing_to_show, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
