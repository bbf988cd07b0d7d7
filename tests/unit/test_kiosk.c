/* Unit tests of tr_kiosk (issue 15): a good configuration is read (texts per language, paths
 * from the file's folder, an inline card); each kind of broken one is refused in its own words;
 * the key file round-trips and an altered one is refused; the PIN hash accepts the PIN only;
 * reference codes use the digits 2-9 and read as two groups; a hand-in opens with the team's
 * keys as a kiosk client carrying the assessment and its risk, and not with another team's;
 * the team card lists the enrolled kiosks (key id, fingerprint, label), revoked ones drop off,
 * a card without the list still reads, and an altered list is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_care.h"
#include "tr_json.h"
#include "tr_kiosk.h"

/* A configuration with an inline card of fresh team keys k; `extra` replaces the last field. */
static char *config_text(tr_team_keys *k, const char *extra)
{
    tr_team_card card;
    tr_error err = {0};
    assert_int_equal(tr_team_keys_new(k, &err), TR_OK);
    assert_int_equal(tr_team_card_make(&card, k, "RPH", "Kari", "22", "8-15", &err), TR_OK);
    cJSON *c = tr_team_card_json(&card);
    char *ct = cJSON_PrintUnformatted(c);
    cJSON_Delete(c);
    char *out = malloc(strlen(ct) + 1024);
    sprintf(out,
            "{\"format\": \"trinn-kiosk-config\", \"version\": 1, \"service\": \"RPH Nord\", "
            "\"phone\": \"22 00 00 00\", \"hours\": {\"nb\": \"Man-fre\", \"en\": \"Mon-Fri\"}, "
            "\"desk\": \"Resepsjonen\", \"team_card\": %s, \"idle_seconds\": 90, "
            "\"staff_pin_file\": \"pin.hash\", \"device_key_file\": \"/etc/k.key\", "
            "\"languages\": [\"nn\", \"en\"], %s}",
            ct, extra ? extra : "\"spool\": \"spool\"");
    cJSON_free(ct);
    return out;
}

static void test_config_good(void **state)
{
    (void)state;
    tr_team_keys k;
    tr_kiosk_config cfg;
    tr_error err = {0};
    char *t = config_text(&k, NULL);
    assert_int_equal(tr_kiosk_config_parse(t, strlen(t), "/srv/kiosk", &cfg, &err), TR_OK);
    assert_string_equal(cfg.service, "RPH Nord");
    assert_string_equal(cfg.hours.v[0], "Man-fre");
    assert_string_equal(cfg.hours.v[1], "Man-fre"); /* nn not given: the first one given */
    assert_string_equal(cfg.hours.v[2], "Mon-Fri");
    assert_string_equal(cfg.desk.v[1], "Resepsjonen");
    assert_string_equal(cfg.pin_file, "/srv/kiosk/pin.hash");
    assert_string_equal(cfg.key_file, "/etc/k.key");
    assert_string_equal(cfg.spool, "/srv/kiosk/spool");
    assert_int_equal(cfg.idle_seconds, 90);
    assert_int_equal(cfg.n_langs, 2);
    assert_int_equal(cfg.langs[0], 1);
    assert_int_equal(cfg.langs[1], 2);
    assert_true(cfg.card_inline);
    assert_memory_equal(cfg.card.box, k.box.pk, 32);
    tr_kiosk_config_wipe(&cfg);
    tr_team_keys_wipe(&k);
    free(t);
}

static void refused(const char *extra, const char *words)
{
    tr_team_keys k;
    tr_kiosk_config cfg;
    tr_error err = {0};
    char *t = config_text(&k, extra);
    assert_int_not_equal(tr_kiosk_config_parse(t, strlen(t), "", &cfg, &err), TR_OK);
    if (!strstr(err.msg, words))
        fail_msg("%s: expected '%s' in: %s", extra, words, err.msg);
    tr_team_keys_wipe(&k);
    free(t);
}

static void test_config_broken(void **state)
{
    (void)state;
    refused("\"spool\": \"\"", "\"spool\": expected the path of a folder");
    refused("\"spool\": \"s\", \"colour\": \"red\"", "\"colour\": not a field");
    refused("\"spool\": \"a\\nb\"", "\"spool\"");
    refused("\"spool\": 3", "\"spool\"");
    /* each field on its own */
    const char *cases[][2] = {
        {"{\"format\": \"x\", \"version\": 1}", "\"format\""},
        {"{\"format\": \"trinn-kiosk-config\", \"version\": 2}", "version 1 only"},
        {"[1, 2]", "expected a JSON object"},
        {"{\"format\": \"trinn-kiosk-config\", \"version\": 1, \"service\": \"\"}", "\"service\""},
        {"{\"format\": \"trinn-kiosk-config\", \"version\": 1,", "kiosk configuration"},
        {"{\"format\": \"trinn-kiosk-config\", \"version\": 1, \"service\": \"s\", \"phone\": "
         "\"1\", \"hours\": {\"de\": \"x\"}}",
         "unknown language"},
        {"{\"format\": \"trinn-kiosk-config\", \"version\": 1, \"service\": \"s\", \"phone\": "
         "\"1\", \"hours\": \"h\", \"desk\": \"d\", \"idle_seconds\": 4}",
         "\"idle_seconds\""},
        {"{\"format\": \"trinn-kiosk-config\", \"version\": 1, \"service\": \"s\", \"phone\": "
         "\"1\", \"hours\": \"h\", \"desk\": \"d\", \"idle_seconds\": 60, \"staff_pin_file\": "
         "\"p\", \"device_key_file\": \"k\", \"spool\": \"s\", \"languages\": [\"sv\"]}",
         "\"languages\""},
        {"{\"format\": \"trinn-kiosk-config\", \"version\": 1, \"service\": \"s\", \"phone\": "
         "\"1\", \"hours\": \"h\", \"desk\": \"d\", \"idle_seconds\": 60, \"staff_pin_file\": "
         "\"p\", \"device_key_file\": \"k\", \"spool\": \"s\", \"languages\": [\"nb\", \"nb\"]}",
         "listed twice"},
        {"{\"format\": \"trinn-kiosk-config\", \"version\": 1, \"service\": \"s\", \"phone\": "
         "\"1\", \"hours\": \"h\", \"desk\": \"d\", \"idle_seconds\": 60, \"staff_pin_file\": "
         "\"p\", \"device_key_file\": \"k\", \"spool\": \"s\", \"languages\": [\"nb\"], "
         "\"team_card\": {\"format\": \"trinn-team-card\"}}",
         "\"team_card\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tr_kiosk_config cfg;
        tr_error err = {0};
        assert_int_not_equal(
            tr_kiosk_config_parse(cases[i][0], strlen(cases[i][0]), "", &cfg, &err), TR_OK);
        if (!strstr(err.msg, cases[i][1]))
            fail_msg("case %zu: expected '%s' in: %s", i, cases[i][1], err.msg);
    }
}

static void test_key_file(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    tr_ms_pub pub, back_pub;
    tr_ms_key key;
    tr_error err = {0};
    assert_int_equal(tr_kiosk_key_new(&text, &len, &pub, &err), TR_OK);
    assert_int_equal(tr_kiosk_key_parse(text, len, &key, &err), TR_OK);
    tr_ms_key_pub(&key, &back_pub);
    assert_memory_equal(&pub, &back_pub, sizeof pub);
    tr_ms_key_wipe(&key);
    /* the public key line changed: refused as altered */
    char *p = strstr(text, "\"sign_key\": \"RW");
    assert_non_null(p);
    p[16] = p[16] == 'A' ? 'B' : 'A';
    assert_int_not_equal(tr_kiosk_key_parse(text, len, &key, &err), TR_OK);
    tr_team_secret_free(text, len);
    const char *other = "{\"format\": \"trinn-team-card\", \"version\": 1}";
    assert_int_equal(tr_kiosk_key_parse(other, strlen(other), &key, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "not a kiosk key file"));
}

static void test_pin(void **state)
{
    (void)state;
    char hash[TR_KIOSK_HASH_MAX], back[TR_KIOSK_HASH_MAX];
    tr_error err = {0};
    assert_int_equal(tr_kiosk_pin_hash("12a4", 4, hash, &err), TR_E_INVALID);
    assert_int_equal(tr_kiosk_pin_hash("123", 3, hash, &err), TR_E_INVALID);
    assert_int_equal(tr_kiosk_pin_hash("4321", 4, hash, &err), TR_OK);
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_null(strstr(hash, "4321"));
    char line[TR_KIOSK_HASH_MAX + 1];
    snprintf(line, sizeof line, "%s\n", hash);
    assert_int_equal(tr_kiosk_pin_hash_parse(line, strlen(line), back, &err), TR_OK);
    assert_string_equal(back, hash);
    assert_int_equal(tr_kiosk_pin_check(back, "4321", 4), 1);
    assert_int_equal(tr_kiosk_pin_check(back, "4322", 4), 0);
    assert_int_equal(tr_kiosk_pin_check(back, "43210", 5), 0);
    assert_int_equal(tr_kiosk_pin_check(back, "", 0), 0);
    assert_int_equal(tr_kiosk_pin_hash_parse("$2y$10$abc", 10, back, &err), TR_E_INVALID);
    assert_int_equal(tr_kiosk_pin_hash_parse("$argon2id$ x", 12, back, &err), TR_E_INVALID);
}

static void test_reference_codes(void **state)
{
    (void)state;
    int seen[10] = {0};
    for (int i = 0; i < 2000; i++) {
        char ref[TR_KIOSK_REF_LEN + 1], shown[TR_KIOSK_REF_SHOWN];
        tr_kiosk_ref_new(ref);
        assert_int_equal(strlen(ref), TR_KIOSK_REF_LEN);
        for (int c = 0; c < TR_KIOSK_REF_LEN; c++) {
            assert_true(ref[c] >= '2' && ref[c] <= '9');
            seen[ref[c] - '0']++;
        }
        tr_kiosk_ref_show(ref, shown);
        assert_int_equal(strlen(shown), 7);
        assert_int_equal(shown[3], ' ');
    }
    assert_int_equal(seen[0] + seen[1], 0);
    for (int d = 2; d <= 9; d++)
        assert_true(seen[d] > 0);
    char ref[TR_KIOSK_REF_LEN + 1];
    assert_true(tr_kiosk_client_ref("kiosk-20261205-462938", ref));
    assert_string_equal(ref, "462938");
    assert_false(tr_kiosk_client_ref("kiosk-20261205-462918", NULL)); /* a 1 */
    assert_false(tr_kiosk_client_ref("klient-7", NULL));
    assert_false(tr_kiosk_client_ref("kiosk-2026120-4629389", NULL));
}

static tr_status visit_all(tr_care_state *s, const char *type, const char *json)
{
    tr_journal_record rec = {
        .seq = 1, .ts = 0, .type = type, .json = json, .json_len = strlen(json)};
    return tr_care_visit(s, &rec, NULL);
}

static void test_handin_opens_for_the_team(void **state)
{
    (void)state;
    tr_team_keys team, other;
    tr_team_card card, card2;
    tr_error err = {0};
    char *text = NULL, *rec = NULL, client[TR_KIOSK_CLIENT_MAX];
    size_t len = 0, rlen = 0;
    tr_ms_pub pub;
    tr_ms_key key;
    uint8_t *file = NULL;
    size_t file_len = 0;
    assert_int_equal(tr_team_keys_new(&team, &err), TR_OK);
    assert_int_equal(tr_team_keys_new(&other, &err), TR_OK);
    assert_int_equal(tr_team_card_make(&card, &team, "RPH", "", "", "", &err), TR_OK);
    assert_int_equal(tr_team_card_make(&card2, &other, "RPH 2", "", "", "", &err), TR_OK);
    assert_int_equal(tr_kiosk_key_new(&text, &len, &pub, &err), TR_OK);
    assert_int_equal(tr_kiosk_key_parse(text, len, &key, &err), TR_OK);
    tr_team_secret_free(text, len);
    const char *a = "{\"type\":\"assessment\",\"ts\":\"2026-12-05T10:00:00Z\",\"risk\":\"acute\","
                    "\"recommended\":\"acute\",\"chosen\":\"acute\",\"answers\":{\"phq9\":"
                    "{\"phq9_9\":2}},\"scores\":{\"phq9\":{\"total\":16}}}";
    cJSON *assessment = cJSON_Parse(a);
    assert_int_equal(tr_kiosk_handin(&key, &card, assessment, "462938", "2026-12-05T10:00:01Z",
                                     1796464801, &file, &file_len, client, &err),
                     TR_OK);
    assert_string_equal(client, "kiosk-20261205-462938");

    /* the team opens it: a client of its own, the assessment and its risk flag */
    tr_care_state s = {0};
    assert_int_equal(tr_team_keys_record(&team, "team", "2026-12-05T07:00:00Z", &rec, &rlen, &err),
                     TR_OK);
    assert_int_equal(visit_all(&s, "keys", rec), TR_OK);
    tr_team_secret_free(rec, rlen);
    tr_care_open_result res = {0};
    assert_int_equal(tr_care_open(&s, file, file_len, "Kari", "2026-12-05T11:00:00Z", &res, &err),
                     TR_OK);
    assert_string_equal(res.client, "kiosk-20261205-462938");
    const cJSON *risk = cJSON_GetObjectItemCaseSensitive(res.payload, "risk");
    assert_int_equal(cJSON_GetArraySize(risk), 1);
    const cJSON *recs = cJSON_GetObjectItemCaseSensitive(res.payload, "records");
    assert_int_equal(cJSON_GetArraySize(recs), 1);
    char fpr[TR_FPR_TEXT];
    tr_fpr_keys(pub.pk, 1, fpr);
    assert_string_equal(res.sender_fingerprint, fpr);
    tr_care_open_free(&res);
    tr_care_state_free(&s);

    /* another team cannot open it */
    tr_care_state s2 = {0};
    assert_int_equal(tr_team_keys_record(&other, "team", "2026-12-05T07:00:00Z", &rec, &rlen, &err),
                     TR_OK);
    assert_int_equal(visit_all(&s2, "keys", rec), TR_OK);
    tr_team_secret_free(rec, rlen);
    assert_int_not_equal(
        tr_care_open(&s2, file, file_len, "Ola", "2026-12-05T11:00:00Z", &res, &err), TR_OK);
    assert_int_equal(res.why, TR_EXCH_NOT_FOR_US);
    tr_care_open_free(&res);
    tr_care_state_free(&s2);

    /* enrolment: the newest record of a key wins */
    tr_kiosk_enrolled en = {0};
    char *e1 = tr_kiosk_enrol_record(&pub, 0, "2026-12-05T07:00:00Z", NULL);
    char *e2 = tr_kiosk_enrol_record(&pub, 1, "2026-12-05T08:00:00Z", NULL);
    tr_journal_record r1 = {.seq = 1, .type = "kiosk_enrolled", .json = e1, .json_len = strlen(e1)};
    tr_journal_record r2 = {.seq = 2, .type = "kiosk_revoked", .json = e2, .json_len = strlen(e2)};
    assert_int_equal(tr_kiosk_enrolled_state(&en, fpr), 0);
    assert_int_equal(tr_kiosk_enrolled_visit(&en, &r1, &err), TR_OK);
    assert_int_equal(tr_kiosk_enrolled_state(&en, fpr), 1);
    assert_int_equal(tr_kiosk_enrolled_visit(&en, &r2, &err), TR_OK);
    assert_int_equal(tr_kiosk_enrolled_state(&en, fpr), 2);
    tr_journal_record bad = {.seq = 3, .type = "kiosk_enrolled", .json = "{}", .json_len = 2};
    assert_int_equal(tr_kiosk_enrolled_visit(&en, &bad, &err), TR_E_CORRUPT);
    free(e1);
    free(e2);

    /* a malformed code or time is refused before anything is sealed */
    free(file);
    assert_int_equal(tr_kiosk_handin(&key, &card2, assessment, "46293", "2026-12-05T10:00:01Z",
                                     1796464801, &file, &file_len, client, &err),
                     TR_E_INVALID);
    assert_null(file);
    cJSON_Delete(assessment);
    tr_ms_key_wipe(&key);
    tr_team_keys_wipe(&team);
    tr_team_keys_wipe(&other);
}

/* A fresh kiosk public key. */
static tr_ms_pub kiosk_pub(void)
{
    tr_ms_pub pub;
    tr_error err = {0};
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(tr_kiosk_key_new(&text, &len, &pub, &err), TR_OK);
    tr_team_secret_free(text, len);
    return pub;
}

/* Visits the enrolment record rec (seq n) into e. */
static void visit_enrol(tr_kiosk_enrolled *e, char *rec, uint64_t n)
{
    tr_error err = {0};
    assert_non_null(rec);
    const char *type = strstr(rec, "kiosk_revoked") ? "kiosk_revoked" : "kiosk_enrolled";
    tr_journal_record r = {.seq = n, .type = type, .json = rec, .json_len = strlen(rec)};
    assert_int_equal(tr_kiosk_enrolled_visit(e, &r, &err), TR_OK);
    free(rec);
}

static void test_card_lists_kiosks(void **state)
{
    (void)state;
    tr_team_keys team;
    tr_team_card card, again;
    tr_error err = {0};
    tr_kiosk_enrolled en = {0}, read;
    tr_ms_pub a = kiosk_pub(), b = kiosk_pub();
    char id[TR_MS_KEYID_HEX], fpr_a[TR_FPR_TEXT];
    tr_ms_keyid_hex(a.keyid, id);
    tr_fpr_keys(a.pk, 1, fpr_a);

    /* a label must be one short line, and only an enrolment has one */
    assert_null(tr_kiosk_enrol_record(&a, 0, "2026-12-05T07:00:00Z", "two\nlines"));
    assert_null(tr_kiosk_enrol_record(&a, 1, "2026-12-05T07:00:00Z", "Venterommet"));
    visit_enrol(&en, tr_kiosk_enrol_record(&a, 0, "2026-12-05T07:00:00Z", "Venterommet"), 1);
    visit_enrol(&en, tr_kiosk_enrol_record(&b, 0, "2026-12-05T07:01:00Z", NULL), 2);
    visit_enrol(&en, tr_kiosk_enrol_record(&b, 1, "2026-12-05T07:02:00Z", NULL), 3);
    /* enrolled again without a label: the label given before stays */
    visit_enrol(&en, tr_kiosk_enrol_record(&a, 0, "2026-12-05T07:03:00Z", NULL), 4);

    assert_int_equal(tr_team_keys_new(&team, &err), TR_OK);
    assert_int_equal(tr_team_card_make(&card, &team, "RPH", "Kari", "22", "8-15", &err), TR_OK);
    cJSON *j = tr_team_card_json(&card);
    /* a card without the list: no kiosks, and it reads as before */
    assert_int_equal(tr_kiosk_card_read(j, &read, &err), TR_OK);
    assert_int_equal(read.n, 0);
    cJSON *list = tr_kiosk_card_list(&en);
    assert_non_null(list);
    assert_int_equal(cJSON_GetArraySize(list), 1); /* the revoked kiosk dropped off */
    const cJSON *k = cJSON_GetArrayItem(list, 0);
    assert_string_equal(cJSON_GetObjectItem(k, "key_id")->valuestring, id);
    assert_string_equal(cJSON_GetObjectItem(k, "fingerprint")->valuestring, fpr_a);
    assert_string_equal(cJSON_GetObjectItem(k, "label")->valuestring, "Venterommet");
    cJSON_AddItemToObject(j, "kiosks", list);

    /* the card with its list: still a team card to a client (an assignment's pairing reads it
     * with tr_team_card_parse), and the list reads back */
    char *text = cJSON_PrintUnformatted(j);
    cJSON *j2 = cJSON_Parse(text);
    assert_int_equal(tr_team_card_parse(j2, &again, &err), TR_OK);
    assert_string_equal(again.fingerprint, card.fingerprint);
    assert_int_equal(tr_kiosk_card_read(j2, &read, &err), TR_OK);
    assert_int_equal(read.n, 1);
    assert_int_equal(tr_kiosk_enrolled_state(&read, fpr_a), 1);
    assert_string_equal(read.label[0], "Venterommet");

    /* an altered list is refused, each in its own words */
    cJSON *e0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j2, "kiosks"), 0);
    cJSON_ReplaceItemInObject(e0, "key_id", cJSON_CreateString("0000000000000000"));
    assert_int_equal(tr_kiosk_card_read(j2, &read, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "kiosk 1: its key id or fingerprint"));
    assert_int_equal(read.n, 0);
    cJSON_ReplaceItemInObject(e0, "key_id", cJSON_CreateString(id));
    cJSON_ReplaceItemInObject(e0, "label", cJSON_CreateString(""));
    assert_int_equal(tr_kiosk_card_read(j2, &read, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "\"label\""));
    cJSON_ReplaceItemInObject(e0, "sign_key", cJSON_CreateString("RWnot a key"));
    assert_int_equal(tr_kiosk_card_read(j2, &read, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "\"sign_key\""));
    cJSON_ReplaceItemInObject(j2, "kiosks", cJSON_CreateString("x"));
    assert_int_equal(tr_kiosk_card_read(j2, &read, &err), TR_E_INVALID);

    cJSON_free(text);
    cJSON_Delete(j);
    cJSON_Delete(j2);
    tr_team_keys_wipe(&team);
}

int main(void)
{
    tr_json_wipe_on_free();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_good),       cmocka_unit_test(test_config_broken),
        cmocka_unit_test(test_key_file),          cmocka_unit_test(test_pin),
        cmocka_unit_test(test_reference_codes),   cmocka_unit_test(test_handin_opens_for_the_team),
        cmocka_unit_test(test_card_lists_kiosks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
