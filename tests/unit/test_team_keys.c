/* Unit tests of the team's keys outside the care loop proper (issue 14, «The therapist»): a plain
 * journal export leaves every secret key out (it once wrote them in clear). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tj_support.h"
#include "tr_team.h"

/* A journal holding a profile record, a team's "keys" record, a therapist's "member_keys"
 * record and a card; returns it open. *box_b64 gets the base64 of the team's X25519 secret. */
static tr_journal *keyed_journal(const char *name, char *path, size_t path_len, char box_b64[64])
{
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_team_keys k;
    char *rec = NULL, member[256];
    size_t len = 0;
    tj_path(path, path_len, name);
    unlink(path);
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_create(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    static const char profile[] =
        "{\"type\":\"profile\",\"ts\":\"2026-12-05T09:00:00Z\",\"name\":\"Kari\","
        "\"kind\":\"therapist\"}";
    assert_int_equal(tr_journal_append(j, profile, sizeof profile - 1, NULL, &err), TR_OK);
    assert_int_equal(tr_team_keys_new(&k, &err), TR_OK);
    assert_int_equal(tr_team_keys_record(&k, "team", "2026-12-05T09:00:00Z", &rec, &len, &err),
                     TR_OK);
    assert_int_equal(tr_journal_append(j, rec, len, NULL, &err), TR_OK);
    sodium_bin2base64(box_b64, 64, k.box.sk, 32, sodium_base64_VARIANT_ORIGINAL);
    tr_team_secret_free(rec, len);
    snprintf(member, sizeof member,
             "{\"type\":\"member_keys\",\"ts\":\"2026-12-05T09:00:01Z\",\"sign_secret\":\"x\","
             "\"box_secret\":\"y\"}");
    assert_int_equal(tr_journal_append(j, member, strlen(member), NULL, &err), TR_OK);
    static const char card[] =
        "{\"type\":\"team_card\",\"ts\":\"2026-12-05T09:00:02Z\",\"card\":{}}";
    assert_int_equal(tr_journal_append(j, card, sizeof card - 1, NULL, &err), TR_OK);
    tr_team_keys_wipe(&k);
    return j;
}

/* issue 14 item 1: `journal export` of a therapist profile wrote the team's secret keys in
 * clear. The export now leaves out every record of a secret type, says how many, and the rest
 * stays a valid export. */
static void export_leaves_secret_keys_out(void **state)
{
    (void)state;
    char path[512], out[512], box[64];
    size_t withheld = 99, len = 0;
    tr_error err = {0};
    tr_journal *j = keyed_journal("keys.tj", path, sizeof path, box);
    tj_path(out, sizeof out, "keys.json");
    unlink(out);
    assert_int_equal(tr_journal_export_plain(j, out, &withheld, &err), TR_OK);
    assert_int_equal(withheld, 2);
    tr_journal_close(j);
    uint8_t *text = tj_read_all(out, &len);
    assert_non_null(text);
    text = realloc(text, len + 1);
    text[len] = 0;
    assert_null(strstr((char *)text, box));
    assert_null(strstr((char *)text, "sign_secret"));
    assert_null(strstr((char *)text, "box_secret"));
    assert_null(strstr((char *)text, "\"keys\""));
    cJSON *doc = cJSON_ParseWithLength((const char *)text, len);
    assert_non_null(doc);
    cJSON *recs = cJSON_GetObjectItem(doc, "records");
    assert_int_equal(cJSON_GetArraySize(recs), 2); /* the profile and the card, in order */
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(recs, 0), "type")->valuestring,
                        "profile");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(recs, 1), "type")->valuestring,
                        "team_card");
    cJSON_Delete(doc);
    free(text);
    assert_true(tr_journal_type_secret("keys") && tr_journal_type_secret("member_keys"));
    assert_false(tr_journal_type_secret("team_card") || tr_journal_type_secret("report_opened"));
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    tj_mkdir();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(export_leaves_secret_keys_out),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tj_rmdir();
    return rc;
}
