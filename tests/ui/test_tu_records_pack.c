/* tr_records_pack: a packed record is the same JSON as the tree it came from (every kind of
 * value, nesting, member order, cJSON's last-member link), frees whole with cJSON_Delete
 * alone or inside an array (ASan checks that no member is freed on its own), and copies into
 * an ordinary tree. And what the profile keeps (tr_records_keep: packed, saves in between
 * dropped, first records emptied) reads the same to the module entries and the tracker as
 * every record would, on a history with saves, deletes and saves after a delete. Without a
 * window, with the real content pack. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tu_mod_priv.h"
#include "tr_records_keep.h"
#include "tr_records_pack.h"
#include "tu_testkit.h"

static const char *const texts[] = {
    "{}",
    "[]",
    "\"alone\"",
    "42.5",
    "null",
    "{\"type\":\"checkin\",\"ts\":\"2026-01-01T08:00:00Z\",\"mood\":4,\"note\":\"\"}",
    "{\"a\":[1,2,[3,[4,{}]],{\"b\":{\"c\":[true,false,null]}}],\"d\":\"\\u00e6\\u00f8\\u00e5 "
    "\\\"quoted\\\"\",\"e\":-0.125,\"f\":1e300,\"g\":[],\"h\":{},\"\":\"empty key\"}",
    "{\"type\":\"module_entry\",\"ts\":\"2026-01-01T08:00:00Z\",\"module\":"
    "\"behavioural_activation\",\"step\":\"diary\",\"entry\":\"d1\",\"op\":\"save\",\"values\":{"
    "\"date\":\"2026-01-01\",\"activities\":[{\"time\":\"09:00\",\"activity\":\"Walk\",\"mood\":"
    "3},{\"time\":\"14:00\",\"activity\":\"Called a friend\",\"mood\":5}],\"day_mood\":4}}",
};

/* Every object and array under n links as cJSON's own: next/prev both ways, the first
 * member's prev the last member, the last member's next NULL. */
static void check_links(const cJSON *n)
{
    const cJSON *c = n->child, *last = NULL;
    for (; c; c = c->next) {
        if (last)
            assert_ptr_equal(c->prev, last);
        check_links(c);
        last = c;
    }
    if (n->child)
        assert_ptr_equal(n->child->prev, last);
}

static void same_json(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        cJSON *orig = cJSON_Parse(texts[i]);
        assert_non_null(orig);
        cJSON *p = tr_records_pack(cJSON_Duplicate(orig, 1));
        assert_true(tr_records_packed(p));
        assert_true(cJSON_Compare(p, orig, 1));
        char *a = cJSON_PrintUnformatted(p), *b = cJSON_PrintUnformatted(orig);
        assert_string_equal(a, b);
        free(a);
        free(b);
        check_links(p);
        assert_ptr_equal(tr_records_pack(p), p); /* packing a packed record keeps it */
        /* a copy is an ordinary tree: it can be changed and freed member by member */
        cJSON *copy = cJSON_Duplicate(p, 1);
        assert_false(tr_records_packed(copy));
        if (cJSON_IsObject(copy)) {
            cJSON_AddNumberToObject(copy, "added", 1);
            cJSON_DeleteItemFromObjectCaseSensitive(copy, "added");
            if (copy->child)
                cJSON_Delete(cJSON_DetachItemViaPointer(copy, copy->child));
        }
        cJSON_Delete(copy);
        cJSON_Delete(p);
        cJSON_Delete(orig);
        assert_null(tr_records_pack(NULL));
    }
}

/* In an array, a packed record goes with the array, or alone when detached; an array of
 * packed and ordinary records frees both kinds. */
static void in_arrays(void **state)
{
    (void)state;
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        cJSON_AddItemToArray(arr, tr_records_pack(cJSON_Parse(texts[i])));
        cJSON_AddItemToArray(arr, cJSON_Parse(texts[i]));
    }
    assert_int_equal(cJSON_GetArraySize(arr), 2 * (int)(sizeof texts / sizeof texts[0]));
    cJSON *second = cJSON_GetArrayItem(arr, 2);
    assert_true(tr_records_packed(second));
    cJSON_Delete(cJSON_DetachItemViaPointer(arr, second));
    cJSON *packed = tr_records_pack(cJSON_Parse(texts[5]));
    assert_true(cJSON_ReplaceItemViaPointer(arr, arr->child, packed)); /* frees the old one */
    assert_ptr_equal(arr->child, packed);
    cJSON_Delete(arr);
}

/* A hollow copy: the named member is empty, everything else as it was, the source
 * untouched. */
static void hollow(void **state)
{
    (void)state;
    cJSON *rec = cJSON_Parse(texts[7]);
    cJSON *before = cJSON_Duplicate(rec, 1);
    const cJSON *values = cJSON_GetObjectItemCaseSensitive(rec, "values");
    cJSON *h = tr_records_pack_hollow(rec, values);
    assert_true(tr_records_packed(h));
    assert_true(cJSON_Compare(rec, before, 1));
    cJSON *want = cJSON_Duplicate(rec, 1);
    cJSON_ReplaceItemInObjectCaseSensitive(want, "values", cJSON_CreateObject());
    assert_true(cJSON_Compare(h, want, 1));
    check_links(h);
    /* an array member emptied: [] */
    const cJSON *acts = cJSON_GetObjectItemCaseSensitive(values, "activities");
    cJSON *h2 = tr_records_pack_hollow(rec, acts);
    const cJSON *got = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(h2, "values"), "activities");
    assert_true(cJSON_IsArray(got));
    assert_null(got->child);
    assert_int_equal(
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(h2, "values"), "day_mood")
            ->valueint,
        4);
    cJSON_Delete(h2);
    cJSON_Delete(want);
    cJSON_Delete(h);
    cJSON_Delete(before);
    cJSON_Delete(rec);
}

/* ---- what the readers see: every record, or what the profile keeps -------------------- */

static tu_app app;

static int setup(void **state)
{
    (void)state;
    char msg[1200];
    if (tu_testkit_open(&app, 0, msg, sizeof msg) != 0)
        fail_msg("%s", msg);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_testkit_close(&app);
    return 0;
}

/* A history of `days` days, oldest first: a check-in a day; each day's diary saved several
 * times as it is typed (activities added, moods changed); an exposure try every other day,
 * saved twice; now and then a diary day deleted, and some of those saved again later. */
static cJSON *history(int days)
{
    cJSON *all = cJSON_CreateArray();
    char buf[1024], ts[32], date[16];
    srand(11);
    for (int d = 0; d < days; d++) {
        snprintf(date, sizeof date, "2025-%02d-%02d", 1 + d / 28 % 12, 1 + d % 28);
        for (int s = 0; s < 1 + d % 5; s++) {
            snprintf(ts, sizeof ts, "%sT%02d:%02d:00Z", date, 8 + s, rand() % 60);
            int rows = s % 3;
            int len = snprintf(buf, sizeof buf,
                               "{\"type\":\"module_entry\",\"ts\":\"%s\",\"module\":"
                               "\"behavioural_activation\",\"step\":\"diary\",\"entry\":\"d%d\","
                               "\"op\":\"save\",\"values\":{\"date\":\"%s\",\"activities\":[",
                               ts, d, date);
            for (int r = 0; r < rows; r++)
                len += snprintf(buf + len, sizeof buf - (size_t)len,
                                "%s{\"time\":\"1%d:00\",\"activity\":\"Walk %d\",\"mood\":%d,"
                                "\"mastery\":%d,\"pleasure\":%d}",
                                r ? "," : "", r, s, 1 + rand() % 10, rand() % 11, rand() % 11);
            snprintf(buf + len, sizeof buf - (size_t)len, "],\"day_mood\":%d}}", 1 + rand() % 10);
            cJSON_AddItemToArray(all, cJSON_Parse(buf));
        }
        snprintf(ts, sizeof ts, "%sT21:00:00Z", date);
        snprintf(buf, sizeof buf,
                 "{\"type\":\"checkin\",\"ts\":\"%s\",\"mood\":%d,\"sleep_hours\":7.5}", ts,
                 1 + rand() % 10);
        cJSON_AddItemToArray(all, cJSON_Parse(buf));
        for (int s = 0; d % 2 == 0 && s < 2; s++) {
            snprintf(buf, sizeof buf,
                     "{\"type\":\"module_entry\",\"ts\":\"%sT22:0%d:00Z\",\"module\":\"exposure\","
                     "\"step\":\"tries\",\"entry\":\"x%d\",\"op\":\"save\",\"values\":{\"rung\":"
                     "\"Taking the bus\",\"date\":\"%s\",\"before\":%d,\"peak\":%d,\"after\":%d}}",
                     date, s, d, date, rand() % 101, rand() % 101, rand() % 101);
            cJSON_AddItemToArray(all, cJSON_Parse(buf));
        }
        if (d % 7 == 3) { /* delete an earlier day; every other time it is written again */
            int gone = d - 2;
            snprintf(buf, sizeof buf,
                     "{\"type\":\"module_entry\",\"ts\":\"%sT23:00:00Z\",\"module\":"
                     "\"behavioural_activation\",\"step\":\"diary\",\"entry\":\"d%d\",\"op\":"
                     "\"delete\"}",
                     date, gone);
            cJSON_AddItemToArray(all, cJSON_Parse(buf));
            if (d % 14 == 3) {
                snprintf(buf, sizeof buf,
                         "{\"type\":\"module_entry\",\"ts\":\"%sT23:30:00Z\",\"module\":"
                         "\"behavioural_activation\",\"step\":\"diary\",\"entry\":\"d%d\","
                         "\"op\":\"save\",\"values\":{\"date\":\"%s\",\"activities\":[],"
                         "\"day_mood\":%d}}",
                         date, gone, date, 1 + rand() % 10);
                cJSON_AddItemToArray(all, cJSON_Parse(buf));
            }
        }
    }
    const cJSON *r;
    cJSON_ArrayForEach(r, all) assert_true(cJSON_IsObject(r));
    return all;
}

/* The module entries of a step and every tracker series as JSON text, as the screens see
 * them with `records` as the profile's records. */
static char *readers_see(cJSON *records)
{
    tu_records_attach(&app.records, NULL, NULL, records);
    cJSON *out = cJSON_CreateObject();
    const char *steps[][2] = {{"behavioural_activation", "diary"}, {"exposure", "tries"}};
    for (size_t s = 0; s < 2; s++) {
        const tr_module *m = tu_mods_find(&app, steps[s][0]);
        assert_non_null(m);
        tr_module_entries e = {0};
        tr_error err = {0};
        assert_int_equal(
            tr_module_entries_of(m, steps[s][1], tu_records_list(&app.records), &e, &err), TR_OK);
        cJSON *list = cJSON_AddArrayToObject(out, steps[s][1]);
        for (size_t i = 0; i < e.count; i++) {
            cJSON *it = cJSON_CreateObject();
            cJSON_AddStringToObject(it, "id", e.items[i].id);
            cJSON_AddStringToObject(it, "created", e.items[i].created);
            cJSON_AddStringToObject(it, "updated", e.items[i].updated);
            cJSON_AddItemToObject(it, "values", cJSON_Duplicate(e.items[i].values, 1));
            cJSON_AddItemToArray(list, it);
        }
        tr_module_entries_free(&e);
    }
    assert_int_equal(tu_trk_update(&app), 1);
    cJSON *series = cJSON_AddArrayToObject(out, "series");
    for (size_t i = 0; i < tr_track_series_count(app.trk.t); i++) {
        tr_track_series sr;
        tr_error err = {0};
        assert_int_equal(tr_track_series_at(app.trk.t, i, &sr, &err), TR_OK);
        cJSON_AddItemToArray(series, tr_track_series_to_json(&sr));
    }
    char *text = cJSON_PrintUnformatted(out);
    cJSON_Delete(out);
    return text;
}

static void readers_see_the_same(void **state)
{
    (void)state;
    cJSON *all = history(120);
    int n = cJSON_GetArraySize(all);
    tr_keep k = {0};
    cJSON *kept = cJSON_CreateArray();
    for (const cJSON *r = all->child; r; r = r->next)
        assert_int_equal(tr_keep_add(&k, kept, cJSON_Duplicate(r, 1)), 0);
    tr_keep_finish(&k, kept);
    assert_true(k.dropped > 0);
    assert_int_equal(cJSON_GetArraySize(kept) + (int)k.dropped, n);
    tr_keep_free(&k);
    char *want = readers_see(all); /* the records now belong to app.records */
    char *got = readers_see(kept);
    assert_true(strlen(want) > 1000); /* entries and points were there to compare */
    assert_string_equal(got, want);
    free(want);
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_json),
        cmocka_unit_test(in_arrays),
        cmocka_unit_test(hollow),
        cmocka_unit_test_setup_teardown(readers_see_the_same, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
