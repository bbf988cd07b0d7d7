/* Unit tests of tr_team: the "keys" record gives back the same keys; a team card survives JSON
 * and names its fingerprint; a card with a key swapped, a fingerprint changed, a field of the
 * wrong form or another version is refused, each in its own words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "tr_json.h"
#include "tr_team.h"

static void test_keys_record_round_trip(void **state)
{
    (void)state;
    tr_team_keys k, back;
    tr_error err = {0};
    char *text = NULL, role[8];
    size_t len = 0;
    assert_int_equal(tr_team_keys_new(&k, &err), TR_OK);
    assert_int_equal(tr_team_keys_record(&k, "team", "2026-12-05T07:00:00Z", &text, &len, &err),
                     TR_OK);
    cJSON *rec = tr_json_parse(text, len, "record", &err);
    assert_non_null(rec);
    assert_int_equal(tr_team_keys_from_record(rec, &back, role, &err), TR_OK);
    assert_string_equal(role, "team");
    assert_memory_equal(&k, &back, sizeof k);
    cJSON_ReplaceItemInObject(rec, "box_secret", cJSON_CreateString("AAAA"));
    assert_int_equal(tr_team_keys_from_record(rec, &back, role, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "damaged"));
    cJSON_Delete(rec);
    tr_team_secret_free(text, len);
    assert_int_equal(tr_team_keys_record(&k, "boss", "t", &text, &len, &err), TR_E_INVALID);
    tr_team_keys_wipe(&k);
}

/* A card of fresh keys, as JSON. */
static cJSON *card_json(tr_team_card *card, tr_team_keys *k)
{
    tr_error err = {0};
    assert_int_equal(tr_team_keys_new(k, &err), TR_OK);
    assert_int_equal(tr_team_card_make(card, k, "RPH Bydel Nord", "Kari Nordmann",
                                       "+47 22 00 00 00", "Mon-Fri 08-15", &err),
                     TR_OK);
    return tr_team_card_json(card);
}

static void test_card_round_trip(void **state)
{
    (void)state;
    tr_team_keys k;
    tr_team_card card, back;
    tr_error err = {0};
    cJSON *j = card_json(&card, &k);
    assert_int_equal(tr_team_card_parse(j, &back, &err), TR_OK);
    assert_memory_equal(&card, &back, sizeof card);
    assert_string_equal(back.therapist, "Kari Nordmann");
    assert_int_equal(strlen(back.fingerprint), 29);
    cJSON_Delete(j);
    tr_team_keys_wipe(&k);
}

static void expect_refused(cJSON *j, const char *field, cJSON *value, tr_status st,
                           const char *words)
{
    tr_team_card card;
    tr_error err = {0};
    cJSON *copy = cJSON_Duplicate(j, 1);
    cJSON_ReplaceItemInObject(copy, field, value);
    tr_status got = tr_team_card_parse(copy, &card, &err);
    if (got != st || !strstr(err.msg, words))
        fail_msg("%s: got %s '%s', expected '%s'", field, tr_status_name(got), err.msg, words);
    cJSON_Delete(copy);
}

static void test_card_refusals(void **state)
{
    (void)state;
    tr_team_keys k, k2;
    tr_team_card card, card2;
    cJSON *j = card_json(&card, &k), *j2 = card_json(&card2, &k2);
    const char *other_box = cJSON_GetObjectItem(j2, "box_key")->valuestring;
    const char *other_sign = cJSON_GetObjectItem(j2, "sign_key")->valuestring;
    const char *other_fpr = cJSON_GetObjectItem(j2, "fingerprint")->valuestring;
    expect_refused(j, "box_key", cJSON_CreateString(other_box), TR_E_INVALID,
                   "fingerprint is not that of its keys");
    expect_refused(j, "sign_key", cJSON_CreateString(other_sign), TR_E_INVALID,
                   "fingerprint is not that of its keys");
    expect_refused(j, "fingerprint", cJSON_CreateString(other_fpr), TR_E_INVALID,
                   "the card was altered");
    expect_refused(j, "box_key", cJSON_CreateString("age1xyz"), TR_E_INVALID, "not an age1 key");
    expect_refused(j, "sign_key", cJSON_CreateNumber(3), TR_E_INVALID, "not a minisign");
    expect_refused(j, "phone", cJSON_CreateString("22\n00"), TR_E_INVALID, "\"phone\"");
    expect_refused(j, "version", cJSON_CreateNumber(2), TR_E_VERSION, "another version");
    expect_refused(j, "format", cJSON_CreateString("vcard"), TR_E_INVALID, "not a Trinn team");
    cJSON_Delete(j);
    cJSON_Delete(j2);
    tr_team_keys_wipe(&k);
    tr_team_keys_wipe(&k2);
}

static void test_card_texts_checked(void **state)
{
    (void)state;
    tr_team_keys k;
    tr_team_card card;
    tr_error err = {0};
    char big[TR_TEAM_TEXT_MAX + 2];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(tr_team_keys_new(&k, &err), TR_OK);
    assert_int_equal(tr_team_card_make(&card, &k, big, "", "", "", &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "service"));
    assert_int_equal(tr_team_card_make(&card, &k, "s", "a\tb", "", "", &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "therapist"));
    assert_int_equal(tr_team_card_make(&card, &k, NULL, NULL, NULL, NULL, &err), TR_OK);
    tr_team_keys_wipe(&k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_record_round_trip),
        cmocka_unit_test(test_card_round_trip),
        cmocka_unit_test(test_card_refusals),
        cmocka_unit_test(test_card_texts_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
