/* Unit tests of a module step's links to other parts of the app (content/modules/FORMAT.md
 * "Links", issue 17): the IMR module «Effektiv bruk av medisiner» links its medicine and side-
 * effect steps to the medication log and the side-effect check, and the validator refuses a
 * link to an unknown place, the same place twice, too many links, a link without its words in
 * every language, and an unknown key, each at its JSON path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_json.h"
#include "tr_module.h"

static cJSON *shipped_json(void)
{
    char path[1024];
    tr_error err = {0};
    const char *dir = getenv("TRINN_CONTENT");
    snprintf(path, sizeof path, "%s/modules/medication_use.json", dir ? dir : "content");
    cJSON *j = tr_json_load_file(path, &err);
    if (!j)
        fail_msg("%s", err.msg);
    return j;
}

/* The step with this id in the module JSON. */
static cJSON *step_json(cJSON *mod, const char *id)
{
    cJSON *s;
    cJSON_ArrayForEach(s, cJSON_GetObjectItem(mod, "steps"))
    {
        if (strcmp(cJSON_GetObjectItem(s, "id")->valuestring, id) == 0)
            return s;
    }
    fail_msg("no step %s", id);
    return NULL;
}

static void test_shipped(void **state)
{
    (void)state;
    cJSON *j = shipped_json();
    tr_diags d = {0};
    tr_module *m = NULL;
    assert_int_equal(
        tr_module_from_json(j, "modules/medication_use.json", "medication_use", &m, &d), TR_OK);
    const tr_module_step *fx = tr_module_step_find(m, "side_effects");
    const tr_module_step *meds = tr_module_step_find(m, "my_medicines");
    assert_non_null(fx);
    assert_non_null(meds);
    assert_int_equal(fx->link_count, 2);
    assert_int_equal(fx->links[0].to, TR_LINK_SIDE_EFFECT_CHECK);
    assert_string_equal(fx->links[0].to_name, "side_effect_check");
    assert_int_equal(fx->links[1].to, TR_LINK_MEDICATION_LOG);
    assert_string_equal(tr_module_text(fx->links[0].label, "nn"), "Sjekk biverknader no");
    assert_int_equal(meds->link_count, 1);
    assert_int_equal(meds->links[0].to, TR_LINK_MEDICATION_LOG);
    assert_int_equal(tr_module_step_find(m, "habits")->link_count, 0);
    tr_module_destroy(m);
    tr_diags_free(&d);
    cJSON_Delete(j);
}

/* Applies edit to the side-effect step's links and expects a problem at path saying part. */
static void expect_problem(void (*edit)(cJSON *links), const char *path, const char *part)
{
    cJSON *j = shipped_json();
    tr_diags d = {0};
    tr_module *m = NULL;
    int found = 0;
    edit(cJSON_GetObjectItem(step_json(j, "side_effects"), "links"));
    assert_int_equal(
        tr_module_from_json(j, "modules/medication_use.json", "medication_use", &m, &d),
        TR_E_INVALID);
    assert_null(m);
    for (size_t i = 0; i < d.count; i++) {
        found |= strcmp(d.items[i].path, path) == 0 && strstr(d.items[i].msg, part) != NULL;
        if (!found)
            print_message("%s: %s\n", d.items[i].path, d.items[i].msg);
    }
    if (!found)
        fail_msg("no problem at %s saying '%s'", path, part);
    tr_diags_free(&d);
    cJSON_Delete(j);
}

static void unknown_place(cJSON *links)
{
    cJSON_ReplaceItemInObject(cJSON_GetArrayItem(links, 0), "to", cJSON_CreateString("bank"));
}
static void twice(cJSON *links)
{
    cJSON_ReplaceItemInObject(cJSON_GetArrayItem(links, 1), "to",
                              cJSON_CreateString("side_effect_check"));
}
static void too_many(cJSON *links)
{
    for (int i = 0; i < 3; i++)
        cJSON_AddItemToArray(links, cJSON_Duplicate(cJSON_GetArrayItem(links, 0), 1));
}
static void no_en(cJSON *links)
{
    cJSON_DeleteItemFromObject(cJSON_GetObjectItem(cJSON_GetArrayItem(links, 0), "label"), "en");
}
static void typo(cJSON *links)
{
    cJSON_AddStringToObject(cJSON_GetArrayItem(links, 1), "target", "x");
}
static void empty(cJSON *links)
{
    while (cJSON_GetArraySize(links) > 0)
        cJSON_DeleteItemFromArray(links, 0);
}

static void test_validator(void **state)
{
    (void)state;
    expect_problem(unknown_place, "$.steps[2].links[0]", "must name a place of the app");
    expect_problem(twice, "$.steps[2].links[1]", "links to \"side_effect_check\" twice");
    expect_problem(too_many, "$.steps[2].links", "must be an array of 1 to 4 links");
    expect_problem(no_en, "$.steps[2].links[0].label", "en");
    expect_problem(typo, "$.steps[2].links[1]", "target");
    expect_problem(empty, "$.steps[2].links", "must be an array of 1 to 4 links");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped),
        cmocka_unit_test(test_validator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
