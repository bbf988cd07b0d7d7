/* The cached entry list of a worksheet step (tu_mod_entries): the same list while the records
 * do not change, worked out again after an append, after another step is asked for, and after
 * the profile's records are replaced by a list of the same length. Without a window, with the
 * real content pack. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tu_mod_priv.h"
#include "tu_testkit.h"

static tu_app app;
static const tr_module *mod;
static const tr_module_step *diary, *tries;

static int setup(void **state)
{
    (void)state;
    char msg[1200];
    if (tu_testkit_open(&app, 0, msg, sizeof msg) != 0)
        fail_msg("%s", msg);
    mod = tu_mods_find(&app, "behavioural_activation");
    assert_non_null(mod);
    diary = tr_module_step_find(mod, "diary");
    assert_non_null(diary);
    const tr_module *exposure = tu_mods_find(&app, "exposure");
    assert_non_null(exposure);
    tries = tr_module_step_find(exposure, "tries");
    assert_non_null(tries);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_testkit_close(&app);
    return 0;
}

static cJSON *day(const char *entry, const char *date, int mood)
{
    char buf[512];
    snprintf(buf, sizeof buf,
             "{\"type\":\"module_entry\",\"ts\":\"%sT20:00:00Z\",\"module\":"
             "\"behavioural_activation\",\"step\":\"diary\",\"entry\":\"%s\",\"op\":\"save\","
             "\"values\":{\"date\":\"%s\",\"day_mood\":%d}}",
             date, entry, date, mood);
    cJSON *r = cJSON_Parse(buf);
    assert_non_null(r);
    return r;
}

static void append(cJSON *rec)
{
    tr_error err = {0};
    assert_int_equal(tu_records_append(&app.records, rec, &err), 0);
}

static void cached_until_the_records_change(void **state)
{
    (void)state;
    append(day("d1", "2026-11-01", 4));
    append(day("d2", "2026-11-02", 5));
    append(day("d1", "2026-11-01", 6)); /* d1 saved again */
    const tr_module_entries *e = tu_mod_entries(&app, mod, diary);
    assert_int_equal(e->count, 2);
    tr_module_entry *items = e->items;
    /* unchanged records: the very same list, not worked out again */
    e = tu_mod_entries(&app, mod, diary);
    assert_ptr_equal(e->items, items);
    assert_int_equal(e->count, 2);
    /* d1's newest save wins */
    const tr_module_entry *d1 = strcmp(e->items[0].id, "d1") == 0 ? &e->items[0] : &e->items[1];
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(d1->values, "day_mood")->valueint, 6);
    /* an append: worked out again */
    append(day("d3", "2026-11-03", 7));
    e = tu_mod_entries(&app, mod, diary);
    assert_int_equal(e->count, 3);
    /* another step: its own entries (none) */
    e = tu_mod_entries(&app, tu_mods_find(&app, "exposure"), tries);
    assert_int_equal(e->count, 0);
    e = tu_mod_entries(&app, mod, diary);
    assert_int_equal(e->count, 3);
    /* another profile's records, as many as before: not the old list */
    cJSON *other = cJSON_CreateArray();
    cJSON_AddItemToArray(other, day("x1", "2026-10-01", 3));
    cJSON_AddItemToArray(other, day("x2", "2026-10-02", 3));
    cJSON_AddItemToArray(other, day("x3", "2026-10-03", 3));
    cJSON_AddItemToArray(other, day("x3", "2026-10-03", 4));
    size_t before = app.records.count;
    tu_records_attach(&app.records, NULL, NULL, other);
    assert_int_equal(app.records.count, before);
    e = tu_mod_entries(&app, mod, diary);
    assert_int_equal(e->count, 3);
    for (size_t i = 0; i < e->count; i++)
        assert_int_equal(e->items[i].id[0], 'x');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cached_until_the_records_change),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
