/* tr_care_shared (issue 16): the records of an opened report are kept in the team's journal in
 * parts under the journal's record limit, read back grouped by client, oldest first, each record
 * once when two reports carried it; a record too large for a part is refused in words, and a
 * damaged part stops the walk naming its record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_care_shared.h"
#include "tr_journal.h"

/* A payload of n measure records, each with a note of pad bytes, days counting down (so the
 * order they arrive in is not the order of their time). */
static cJSON *payload(int n, int first_day, size_t pad)
{
    cJSON *p = cJSON_CreateObject(), *recs = cJSON_AddArrayToObject(p, "records");
    char *note = malloc(pad + 1), ts[32];
    memset(note, 'x', pad);
    note[pad] = 0;
    for (int i = 0; i < n; i++) {
        cJSON *r = cJSON_CreateObject();
        snprintf(ts, sizeof ts, "2026-%02d-%02dT09:00:00Z", 1 + (first_day - i) / 28,
                 1 + (first_day - i) % 28);
        cJSON_AddStringToObject(r, "type", "measure");
        cJSON_AddStringToObject(r, "ts", ts);
        cJSON_AddStringToObject(r, "note", note);
        cJSON_AddItemToArray(recs, r);
    }
    free(note);
    return p;
}

static tr_status visit_text(tr_care_shared *s, const char *json, uint64_t seq, tr_error *err)
{
    tr_journal_record rec = {
        .seq = seq, .type = "client_records", .json = json, .json_len = strlen(json)};
    return tr_care_shared_visit(s, &rec, err);
}

static void parts_round_trip(void **state)
{
    (void)state;
    tr_error err = {0};
    char **parts = NULL;
    size_t n = 0;
    tr_care_shared s = {0};
    cJSON *p = payload(300, 299, 1000); /* about 320 KB: two parts */
    assert_int_equal(
        tr_care_shared_parts("klient-7", "r1", "2026-12-05T10:00:00Z", p, &parts, &n, &err), TR_OK);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        assert_true(strlen(parts[i]) <= TR_CARE_SHARED_PART);
        assert_int_equal(visit_text(&s, parts[i], i + 1, &err), TR_OK);
    }
    /* the same records again in a second report (overlap), and another client */
    for (size_t i = 0; i < n; i++)
        assert_int_equal(visit_text(&s, parts[i], 10 + i, &err), TR_OK);
    tr_care_shared_parts_free(parts, n);
    cJSON *q = payload(3, 40, 10);
    assert_int_equal(tr_care_shared_parts("ola", "r9", "2026-12-05T10:00:00Z", q, &parts, &n, &err),
                     TR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(visit_text(&s, parts[0], 20, &err), TR_OK);
    tr_care_shared_parts_free(parts, n);
    /* other types are not this module's */
    tr_journal_record other = {.seq = 21, .type = "checkin", .json = "{}", .json_len = 2};
    assert_int_equal(tr_care_shared_visit(&s, &other, &err), TR_OK);
    assert_int_equal(s.n_records, 603);

    assert_int_equal(tr_care_shared_finish(&s, &err), TR_OK);
    const cJSON *k7 = cJSON_GetObjectItemCaseSensitive(s.by_client, "klient-7");
    const cJSON *ola = cJSON_GetObjectItemCaseSensitive(s.by_client, "ola");
    assert_int_equal(cJSON_GetArraySize(k7), 300); /* each once */
    assert_int_equal(cJSON_GetArraySize(ola), 3);
    const char *prev = "";
    const cJSON *r;
    cJSON_ArrayForEach(r, k7)
    {
        const char *ts = cJSON_GetObjectItemCaseSensitive(r, "ts")->valuestring;
        assert_true(strcmp(prev, ts) <= 0); /* oldest first */
        prev = ts;
    }
    tr_care_shared_free(&s);
    assert_null(s.by_client);
    cJSON_Delete(p);
    cJSON_Delete(q);
}

static void refusals(void **state)
{
    (void)state;
    tr_error err = {0};
    char **parts = NULL;
    size_t n = 7;
    tr_care_shared s = {0};
    cJSON *big = payload(1, 1, TR_CARE_SHARED_PART);
    assert_int_equal(
        tr_care_shared_parts("klient-7", "r1", "2026-12-05T10:00:00Z", big, &parts, &n, &err),
        TR_E_INVALID);
    assert_non_null(strstr(err.msg, "larger than the team's journal keeps"));
    assert_null(parts);
    assert_int_equal(n, 0);
    cJSON_Delete(big);
    cJSON *none = cJSON_CreateObject(); /* a report without records: nothing to keep */
    assert_int_equal(
        tr_care_shared_parts("klient-7", "r1", "2026-12-05T10:00:00Z", none, &parts, &n, &err),
        TR_OK);
    assert_int_equal(n, 0);
    cJSON_Delete(none);

    const char *bad[] = {"{\"type\":\"client_records\",\"records\":[]}",
                         "{\"type\":\"client_records\",\"client\":\"../x\",\"records\":[]}",
                         "{\"type\":\"client_records\",\"client\":\"k\",\"records\":{}}", "nope"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err = (tr_error){0};
        assert_int_equal(visit_text(&s, bad[i], 42, &err), TR_E_CORRUPT);
        assert_non_null(strstr(err.msg, "42"));
    }
    tr_care_shared_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parts_round_trip),
        cmocka_unit_test(refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
