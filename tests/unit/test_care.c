/* Unit tests of tr_care, the assignment half of the care loop, over records as a journal hands
 * them: a team assigns (numbered per client); a client's first import asks for the fingerprint,
 * refuses a wrong one and pins the team on the right one; later imports need that team, this
 * client, a newer number and no expiry; a card whose keys changed is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_care.h"

/* Feeds one record's JSON to the state as a journal would. */
static void feed(tr_care_state *s, const char *json)
{
    static uint64_t seq;
    char type[32] = "";
    const char *t = strstr(json, "\"type\":\"");
    tr_error err = {0};
    assert_non_null(t);
    sscanf(t + 8, "%31[^\"]", type);
    tr_journal_record rec = {.seq = ++seq, .type = type, .json = json, .json_len = strlen(json)};
    if (tr_care_visit(s, &rec, &err) != TR_OK)
        fail_msg("record %s refused: %s", type, err.msg);
}

/* Feeds a "team_card" record of card. */
static void feed_card(tr_care_state *s, const tr_team_card *card, const char *ts)
{
    char buf[2048];
    cJSON *j = tr_team_card_json(card);
    char *cj = cJSON_PrintUnformatted(j);
    snprintf(buf, sizeof buf, "{\"type\":\"team_card\",\"ts\":\"%s\",\"card\":%s}", ts, cj);
    cJSON_free(cj);
    cJSON_Delete(j);
    feed(s, buf);
}

/* A team state: keys and card, as a new therapist profile holds them. */
static void team(tr_care_state *s, tr_team_keys *k, const char *service)
{
    tr_error err = {0};
    tr_team_card card;
    char *rec = NULL;
    size_t len;
    memset(s, 0, sizeof *s);
    assert_int_equal(tr_team_keys_new(k, &err), TR_OK);
    assert_int_equal(tr_team_keys_record(k, "team", "2026-12-01T09:00:00Z", &rec, &len, &err),
                     TR_OK);
    feed(s, rec);
    tr_team_secret_free(rec, len);
    assert_int_equal(tr_team_card_make(&card, k, service, "Kari", "22 00 00 00", "8-15", &err),
                     TR_OK);
    feed_card(s, &card, "2026-12-01T09:00:00Z");
    assert_true(s->has_keys && s->has_card);
}

static char *assign(tr_care_state *s, const char *client, const char *expires, size_t *len)
{
    static const char *const mods[] = {"activity", "sleep"};
    static const char *const meas[] = {"phq9:weekly", "gad7:fortnightly"};
    tr_care_assign_opts o = {client, mods, 2, 1, "Gå en tur hver dag", meas, 2, expires, NULL};
    char *file = NULL, *rec = NULL;
    tr_error err = {0};
    assert_int_equal(tr_care_assign(s, &o, "2026-12-05T10:00:00Z", &file, len, &rec, &err), TR_OK);
    feed(s, rec); /* the team notes what it sent */
    free(rec);
    return file;
}

static int64_t when(const char *iso)
{
    int64_t t = 0;
    assert_int_equal(tp_clock_parse(iso, &t), 0);
    return t;
}

static void test_first_import_asks_then_pins(void **state)
{
    (void)state;
    tr_care_state t, c = {0};
    tr_team_keys k;
    tr_care_import_result res;
    tr_error err = {0};
    size_t len;
    char *f;
    team(&t, &k, "RPH Nord");
    f = assign(&t, "klient-7", "2030-01-31", &len);
    int64_t now = when("2026-12-05T12:00:00Z");

    assert_int_equal(tr_care_import(&c, (uint8_t *)f, len, now, NULL, &res, &err), TR_OK);
    assert_true(res.needs_trust);
    assert_null(res.record);
    assert_string_equal(res.fingerprint, t.card.fingerprint);
    assert_string_equal(res.team_service, "RPH Nord");

    assert_int_equal(
        tr_care_import(&c, (uint8_t *)f, len, now, "11111 22222 33333 44444 55555", &res, &err),
        TR_E_INVALID);
    assert_int_equal(res.why, TR_EXCH_OTHER_TEAM);
    assert_non_null(strstr(err.msg, "fingerprint you gave"));

    assert_int_equal(tr_care_import(&c, (uint8_t *)f, len, now, t.card.fingerprint, &res, &err),
                     TR_OK);
    assert_false(res.needs_trust);
    assert_non_null(res.pin_record);
    assert_non_null(res.record);
    /* numbered by time (EXCHANGE.md §6): 2026-12-05T10:00:00Z << 16, and no member key's tag */
    assert_int_equal(res.seq, UINT64_C(1796464800) << 16);
    feed(&c, res.pin_record);
    feed(&c, res.record);
    assert_true(c.has_pin);
    assert_string_equal(c.client_id, "klient-7");
    assert_int_equal(c.last_assign_seq, UINT64_C(1796464800) << 16);
    assert_non_null(strstr(res.record, "\"modules\":[\"activity\",\"sleep\"]"));
    tr_care_import_free(&res);

    /* the same file again: replayed; the next one: accepted without asking */
    assert_int_equal(tr_care_import(&c, (uint8_t *)f, len, now, NULL, &res, &err), TR_E_INVALID);
    assert_int_equal(res.why, TR_EXCH_REPLAYED);
    free(f);
    f = assign(&t, "klient-7", "2030-01-31", &len);
    assert_int_equal(tr_care_import(&c, (uint8_t *)f, len, now, NULL, &res, &err), TR_OK);
    assert_int_equal(res.seq, (UINT64_C(1796464800) << 16) + 1); /* the same second: one above */
    assert_null(res.pin_record);
    tr_care_import_free(&res);
    free(f);
    tr_care_state_free(&t);
    tr_care_state_free(&c);
}

/* A client paired with team t under id klient-7. */
static void paired(tr_care_state *c, tr_care_state *t)
{
    tr_care_import_result res;
    tr_error err = {0};
    size_t len;
    char *f = assign(t, "klient-7", "2030-01-31", &len);
    memset(c, 0, sizeof *c);
    assert_int_equal(tr_care_import(c, (uint8_t *)f, len, when("2026-12-05T12:00:00Z"),
                                    t->card.fingerprint, &res, &err),
                     TR_OK);
    feed(c, res.pin_record);
    feed(c, res.record);
    tr_care_import_free(&res);
    free(f);
}

static void test_later_imports_refused(void **state)
{
    (void)state;
    tr_care_state t, t2, c;
    tr_team_keys k, k2;
    tr_care_import_result res;
    tr_error err = {0};
    size_t len;
    int64_t now = when("2026-12-05T12:00:00Z");
    char *f;
    team(&t, &k, "RPH Nord");
    team(&t2, &k2, "RPH Sør");
    paired(&c, &t);

    f = assign(&t2, "klient-7", "2030-01-31", &len); /* another team */
    assert_int_equal(tr_care_import(&c, (uint8_t *)f, len, now, NULL, &res, &err), TR_E_INVALID);
    assert_int_equal(res.why, TR_EXCH_OTHER_TEAM);
    free(f);
    f = assign(&t, "klient-8", "2030-01-31", &len); /* another client */
    assert_int_equal(tr_care_import(&c, (uint8_t *)f, len, now, NULL, &res, &err), TR_E_INVALID);
    assert_int_equal(res.why, TR_EXCH_WRONG_CLIENT);
    free(f);
    f = assign(&t, "klient-7", "2026-12-04", &len); /* expired yesterday */
    assert_int_equal(tr_care_import(&c, (uint8_t *)f, len, now, NULL, &res, &err), TR_E_INVALID);
    assert_int_equal(res.why, TR_EXCH_EXPIRED);
    free(f);

    /* the same signing key with another sealing key: the card's fingerprint changed */
    tr_team_card card;
    assert_int_equal(tr_age_keygen(&k.box, &err), TR_OK);
    assert_int_equal(tr_team_card_make(&card, &k, "RPH Nord", "Kari", "", "", &err), TR_OK);
    feed_card(&t, &card, "2026-12-02T09:00:00Z");
    f = assign(&t, "klient-7", "2030-01-31", &len);
    assert_int_equal(tr_care_import(&c, (uint8_t *)f, len, now, NULL, &res, &err), TR_E_INVALID);
    assert_int_equal(res.why, TR_EXCH_OTHER_TEAM);
    assert_non_null(strstr(err.msg, "fingerprint changed"));
    free(f);
    tr_care_state_free(&t);
    tr_care_state_free(&t2);
    tr_care_state_free(&c);
}

static void test_assign_checks_its_options(void **state)
{
    (void)state;
    tr_care_state t, c = {0};
    tr_team_keys k;
    tr_error err = {0};
    char *file = NULL, *rec = NULL;
    size_t len;
    static const char *const bad_meas[] = {"phq9:daily"};
    static const char *const bad_mod[] = {"../etc"};
    team(&t, &k, "RPH");
    tr_care_assign_opts o = {"12345678901", NULL, 0, 0, NULL, bad_meas, 1, "2030-01-01", NULL};
    assert_int_equal(tr_care_assign(&t, &o, "2026-12-05T10:00:00Z", &file, &len, &rec, &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "weekly"));
    o.n_measures = 0;
    o.modules = bad_mod;
    o.n_modules = 1;
    assert_int_equal(tr_care_assign(&t, &o, "2026-12-05T10:00:00Z", &file, &len, &rec, &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "not a module id"));
    o.n_modules = 0;
    o.client = "Kari Nordmann";
    assert_int_equal(tr_care_assign(&t, &o, "2026-12-05T10:00:00Z", &file, &len, &rec, &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "pseudonym"));
    o.client = "k";
    assert_int_equal(tr_care_assign(&c, &o, "2026-12-05T10:00:00Z", &file, &len, &rec, &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "not a therapist profile"));
    assert_null(file);
    tr_care_state_free(&t);
}

/* Risk, as the content pack would say it: PHQ-9 item 9 above 0. */
static int item9(void *user, const cJSON *rec, cJSON *flag)
{
    (void)user;
    const cJSON *a = cJSON_GetObjectItem(cJSON_GetObjectItem(rec, "answers"), "phq9_9");
    if (cJSON_IsNumber(a) && a->valuedouble > 0) {
        char what[64];
        snprintf(what, sizeof what, "PHQ-9 item 9: %g", a->valuedouble);
        cJSON_AddStringToObject(flag, "what", what);
        return 1;
    }
    return 0;
}

/* Gives the client state device keys. */
static void device(tr_care_state *c)
{
    tr_team_keys k;
    tr_error err = {0};
    char *rec = NULL;
    size_t len;
    assert_int_equal(tr_team_keys_new(&k, &err), TR_OK);
    assert_int_equal(tr_team_keys_record(&k, "device", "2026-12-05T12:00:00Z", &rec, &len, &err),
                     TR_OK);
    feed(c, rec);
    tr_team_secret_free(rec, len);
    tr_team_keys_wipe(&k);
}

static const char RECORDS[] =
    "[{\"type\":\"measure\",\"ts\":\"2026-12-06T20:00:00Z\",\"instrument\":\"phq9\","
    "\"answers\":{\"phq9_1\":2,\"phq9_9\":1},\"total\":14},"
    "{\"type\":\"checkin\",\"ts\":\"2026-12-07T20:00:00Z\",\"mood\":3,\"note\":\"privat\"},"
    "{\"type\":\"assessment\",\"ts\":\"2026-12-08T20:00:00Z\",\"risk\":\"none\"}]";

static tr_care_report_result report(tr_care_state *c, const tr_team_card *to)
{
    tr_care_report_result r;
    tr_error err = {0};
    cJSON *recs = cJSON_Parse(RECORDS);
    tr_care_report_opts o = {
        .records = recs, .assessment = 1, .from = "2026-12-01", .to = "2026-12-08", .risk = item9};
    assert_int_equal(tr_care_report(c, to, &o, "2026-12-08T21:00:00Z", &r, &err), TR_OK);
    cJSON_Delete(recs);
    feed(c, r.record);
    return r;
}

static void test_report_carries_risk_and_opens_once(void **state)
{
    (void)state;
    tr_care_state t, c;
    tr_team_keys k;
    tr_care_open_result o;
    tr_error err = {0};
    team(&t, &k, "RPH Nord");
    paired(&c, &t);
    device(&c);
    tr_care_report_result r = report(&c, &t.card);
    /* the assessment chosen, the measure with item 9 carried although not chosen, no check-in */
    assert_int_equal(r.n_records, 2);
    assert_int_equal(r.n_risk, 1);
    assert_int_equal(r.n_forced, 1);
    assert_int_equal(r.seq, 1);

    assert_int_equal(tr_care_open(&t, r.file, r.file_len, "Kari", "2026-12-09T08:00:00Z", &o, &err),
                     TR_OK);
    assert_true(o.first);
    assert_string_equal(o.client, "klient-7");
    assert_non_null(o.device_record);
    const cJSON *risk = cJSON_GetObjectItem(o.payload, "risk");
    assert_int_equal(cJSON_GetArraySize(risk), 1);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(risk, 0), "what")->valuestring,
                        "PHQ-9 item 9: 1");
    char *shown = cJSON_PrintUnformatted(o.payload);
    assert_null(strstr(shown, "privat")); /* the check-in was not chosen */
    cJSON_free(shown);
    assert_non_null(strstr(o.opened_record, "\"by\":\"Kari\""));
    feed(&t, o.device_record);
    feed(&t, o.opened_record);
    tr_care_open_free(&o);

    /* opened again: replayed; the next report: opened, not first */
    assert_int_equal(tr_care_open(&t, r.file, r.file_len, "Kari", "2026-12-09T08:01:00Z", &o, &err),
                     TR_E_INVALID);
    assert_int_equal(o.why, TR_EXCH_REPLAYED);
    tr_care_report_free(&r);
    r = report(&c, &t.card);
    assert_int_equal(tr_care_open(&t, r.file, r.file_len, "Kari", "2026-12-10T08:00:00Z", &o, &err),
                     TR_OK);
    assert_false(o.first);
    tr_care_open_free(&o);
    tr_care_report_free(&r);

    /* another device claiming the same client */
    tr_care_state c2;
    paired(&c2, &t);
    device(&c2);
    c2.last_report_seq = 10;
    r = report(&c2, &t.card);
    assert_int_equal(tr_care_open(&t, r.file, r.file_len, "Kari", "2026-12-10T09:00:00Z", &o, &err),
                     TR_E_INVALID);
    assert_int_equal(o.why, TR_EXCH_OTHER_SENDER);
    tr_care_report_free(&r);
    tr_care_state_free(&t);
    tr_care_state_free(&c);
    tr_care_state_free(&c2);
}

static void test_report_to_a_changed_card_refused(void **state)
{
    (void)state;
    tr_care_state t, t2, c;
    tr_team_keys k, k2;
    tr_care_report_result r;
    tr_care_open_result o;
    tr_error err = {0};
    cJSON *recs = cJSON_Parse(RECORDS);
    tr_care_report_opts opts = {.records = recs, .measures = 1};
    team(&t, &k, "RPH Nord");
    team(&t2, &k2, "RPH Sør");
    paired(&c, &t);
    device(&c);
    assert_int_equal(tr_care_report(&c, &t2.card, &opts, "2026-12-08T21:00:00Z", &r, &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "not that of the team you paired with"));
    assert_null(r.file);
    /* sealed to team 1, opened by team 2 */
    assert_int_equal(tr_care_report(&c, &t.card, &opts, "2026-12-08T21:00:00Z", &r, &err), TR_OK);
    assert_int_equal(tr_care_open(&t2, r.file, r.file_len, "Ola", "2026-12-09T08:00:00Z", &o, &err),
                     TR_E_NOTFOUND);
    assert_int_equal(o.why, TR_EXCH_NOT_FOR_US);
    tr_care_report_free(&r);
    cJSON_Delete(recs);
    tr_care_state_free(&t);
    tr_care_state_free(&t2);
    tr_care_state_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_import_asks_then_pins),
        cmocka_unit_test(test_later_imports_refused),
        cmocka_unit_test(test_assign_checks_its_options),
        cmocka_unit_test(test_report_carries_risk_and_opens_once),
        cmocka_unit_test(test_report_to_a_changed_card_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
