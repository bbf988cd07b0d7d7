/* tr_records_keep: of the saves of one module entry only the first and the newest stay, in
 * their places, the first with its values emptied once a newer one is kept; every other
 * record stays as it was; all are packed. Checked against a plain reference on a random mix
 * of entries, saves, deletes and other records. (test_profile_persist.sh reopens
 * a real journal and finds the entries typed with many saves.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tr_records_keep.h"
#include "tr_records_pack.h"

/* A module_entry save or delete of entry e<entry> in step. */
static cJSON *rec_entry(int i, const char *step, int entry, const char *op)
{
    char buf[512];
    snprintf(buf, sizeof buf,
             "{\"type\":\"module_entry\",\"ts\":\"2026-01-01T00:00:%02dZ\",\"module\":"
             "\"behavioural_activation\",\"step\":\"%s\",\"entry\":\"e%d\",\"op\":\"%s\","
             "\"values\":{\"n\":%d}}",
             i % 60, step, entry, op, i);
    cJSON *r = cJSON_Parse(buf);
    assert_non_null(r);
    return r;
}

/* Any other record of the given type. */
static cJSON *rec_other(int i, const char *type)
{
    char buf[128];
    snprintf(buf, sizeof buf, "{\"type\":\"%s\",\"ts\":\"2026-01-01T00:00:00Z\",\"n\":%d}", type,
             i);
    cJSON *r = cJSON_Parse(buf);
    assert_non_null(r);
    return r;
}

/* The reference: record i stays unless it is a module_entry that is neither the first nor
 * the last record of its (step, entry). */
static int keeps(cJSON *const *all, int n, int i)
{
    const char *t = cJSON_GetObjectItem(all[i], "type")->valuestring;
    if (strcmp(t, "module_entry") != 0)
        return 1;
    const char *s = cJSON_GetObjectItem(all[i], "step")->valuestring;
    const char *e = cJSON_GetObjectItem(all[i], "entry")->valuestring;
    int before = 0, after = 0;
    for (int k = 0; k < n; k++) {
        if (k == i || strcmp(cJSON_GetObjectItem(all[k], "type")->valuestring, "module_entry"))
            continue;
        if (strcmp(cJSON_GetObjectItem(all[k], "step")->valuestring, s) ||
            strcmp(cJSON_GetObjectItem(all[k], "entry")->valuestring, e))
            continue;
        before += k < i;
        after += k > i;
    }
    return before == 0 || after == 0;
}

/* What the reference keeps of record i: itself, or, for the first record of an entry that
 * has later ones, a copy whose values are {}. */
static cJSON *expected(cJSON *const *all, int n, int i)
{
    cJSON *e = cJSON_Duplicate(all[i], 1);
    assert_non_null(e);
    if (strcmp(cJSON_GetObjectItem(all[i], "type")->valuestring, "module_entry") != 0 ||
        !cJSON_GetObjectItem(all[i], "values"))
        return e;
    const char *s = cJSON_GetObjectItem(all[i], "step")->valuestring;
    const char *en = cJSON_GetObjectItem(all[i], "entry")->valuestring;
    int before = 0, after = 0;
    for (int k = 0; k < n; k++) {
        if (k == i || strcmp(cJSON_GetObjectItem(all[k], "type")->valuestring, "module_entry"))
            continue;
        if (strcmp(cJSON_GetObjectItem(all[k], "step")->valuestring, s) ||
            strcmp(cJSON_GetObjectItem(all[k], "entry")->valuestring, en))
            continue;
        before += k < i;
        after += k > i;
    }
    if (before == 0 && after > 0)
        cJSON_ReplaceItemInObjectCaseSensitive(e, "values", cJSON_CreateObject());
    return e;
}

static void test_matches_reference(void **state)
{
    (void)state;
    enum { N = 3000 };
    static cJSON *all[N];
    srand(7);
    for (int round = 0; round < 5; round++) {
        int n = 200 + rand() % (N - 200), entries = 1 + rand() % 120;
        tr_keep k = {0};
        cJSON *arr = cJSON_CreateArray();
        for (int i = 0; i < n; i++) {
            int r = rand() % 10;
            const char *step = rand() % 2 ? "diary" : "plan";
            all[i] = r < 2 ? rec_other(i, r ? "checkin" : "measure")
                           : rec_entry(i, step, rand() % entries, r == 9 ? "delete" : "save");
            assert_int_equal(tr_keep_add(&k, arr, cJSON_Duplicate(all[i], 1)), 0);
        }
        tr_keep_finish(&k, arr);
        const cJSON *got = arr->child;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (!keeps(all, n, i))
                continue;
            kept++;
            assert_non_null(got);
            cJSON *want = expected(all, n, i);
            if (!cJSON_Compare(got, want, 1)) {
                char *a = cJSON_PrintUnformatted(got), *b = cJSON_PrintUnformatted(want);
                fail_msg("record %d kept as %s, expected %s", i, a, b);
            }
            cJSON_Delete(want);
            assert_true(tr_records_packed(got));
            got = got->next;
        }
        assert_null(got);
        assert_int_equal(cJSON_GetArraySize(arr), kept);
        assert_int_equal((int)k.dropped, n - kept);
        tr_keep_free(&k);
        cJSON_Delete(arr);
        for (int i = 0; i < n; i++)
            cJSON_Delete(all[i]);
    }
}

/* Records without the fields of an entry are kept whole, and the separator in the key keeps
 * ("ab", "c") and ("a", "bc") apart. */
static void test_odd_records(void **state)
{
    (void)state;
    tr_keep k = {0};
    cJSON *arr = cJSON_CreateArray();
    const char *texts[] = {
        "{\"type\":\"module_entry\",\"ts\":\"x\",\"module\":\"m\",\"step\":\"ab\",\"entry\":\"c\"}",
        "{\"type\":\"module_entry\",\"ts\":\"x\",\"module\":\"m\",\"step\":\"ab\",\"entry\":\"c\"}",
        "{\"type\":\"module_entry\",\"ts\":\"x\",\"module\":\"m\",\"step\":\"a\",\"entry\":\"bc\"}",
        "{\"type\":\"module_entry\",\"ts\":\"x\",\"module\":\"m\",\"step\":\"a\",\"entry\":\"bc\"}",
        "{\"type\":\"module_entry\",\"ts\":\"x\",\"module\":\"m\",\"step\":\"a\",\"entry\":5}",
        "{\"type\":\"module_entry\",\"ts\":\"x\",\"module\":\"m\",\"step\":\"a\",\"entry\":5}",
        "{\"type\":\"module_entry\",\"ts\":\"x\",\"module\":\"m\",\"step\":\"a\"}",
        "{\"type\":\"module_entry\",\"ts\":\"x\",\"module\":\"m\",\"step\":\"a\"}",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        assert_int_equal(tr_keep_add(&k, arr, cJSON_Parse(texts[i])), 0);
    assert_int_equal(cJSON_GetArraySize(arr), 8);
    assert_int_equal((int)k.dropped, 0);
    /* a third save of ("ab","c") replaces the second, not the first */
    assert_int_equal(tr_keep_add(&k, arr, cJSON_Parse(texts[0])), 0);
    assert_int_equal(cJSON_GetArraySize(arr), 8);
    assert_int_equal((int)k.dropped, 1);
    tr_keep_free(&k);
    cJSON_Delete(arr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_reference),
        cmocka_unit_test(test_odd_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
