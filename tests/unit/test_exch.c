/* Unit tests of tr_exch (the .trinn-oppdrag and .trinn-rapport containers) and tr_fpr: a written
 * file reads back; every single byte changed (each bit) and every cut of an assignment and of a
 * report is refused; each kind of refusal has its own reason and words (another team, another
 * device, another client, expired, replayed, forwarded, not sealed to us, unsigned, the wrong
 * kind of file); writers refuse bad ids and payloads; fingerprints are 25 digits in five groups
 * and match however they are typed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_exch.h"
#include "tr_fpr.h"

typedef struct keys {
    tr_ms_key team, team2, device, device2;
    tr_ms_pub team_pub, team2_pub, device_pub, device2_pub;
    tr_age_identity box, box2;
} keys;

static keys K;

static int setup(void **state)
{
    (void)state;
    tr_error err = {0};
    if (tr_ms_keygen(&K.team, &err) || tr_ms_keygen(&K.team2, &err) ||
        tr_ms_keygen(&K.device, &err) || tr_ms_keygen(&K.device2, &err) ||
        tr_age_keygen(&K.box, &err) || tr_age_keygen(&K.box2, &err))
        return -1;
    tr_ms_key_pub(&K.team, &K.team_pub);
    tr_ms_key_pub(&K.team2, &K.team2_pub);
    tr_ms_key_pub(&K.device, &K.device_pub);
    tr_ms_key_pub(&K.device2, &K.device2_pub);
    return 0;
}

static const char PAYLOAD[] = "{\"modules\":[\"activity\",\"sleep\"],\"homework\":\"Gå tur\"}";

static char *oppdrag(const tr_ms_key *key, const char *client, uint64_t seq, const char *exp,
                     size_t *len)
{
    char *out = NULL;
    tr_error err = {0};
    tr_exch_oppdrag_meta m = {client, seq, exp};
    assert_int_equal(tr_exch_oppdrag_write(key, (const uint8_t *)PAYLOAD, sizeof PAYLOAD - 1, &m,
                                           &out, len, &err),
                     TR_OK);
    return out;
}

/* A report payload naming the device as sender. */
static size_t report_payload(const tr_ms_key *device, char *buf, size_t size)
{
    tr_ms_pub pub;
    char b64[TR_MS_PUB_B64];
    tr_ms_key_pub(device, &pub);
    tr_ms_pub_b64(&pub, b64);
    return (size_t)snprintf(buf, size, "{\"sender_key\":\"%s\",\"risk\":[\"phq9_item9\"]}", b64);
}

static uint8_t *rapport(const tr_ms_key *device, const uint8_t *to, uint64_t seq, size_t *len)
{
    char payload[200];
    size_t plen = report_payload(device, payload, sizeof payload);
    uint8_t *out = NULL;
    tr_error err = {0};
    tr_exch_rapport_meta m = {"r-2026-12-05-1", seq, "klient-7"};
    assert_int_equal(
        tr_exch_rapport_write(device, to, (const uint8_t *)payload, plen, &m, &out, len, &err),
        TR_OK);
    return out;
}

static void test_oppdrag_round_trip(void **state)
{
    (void)state;
    size_t len;
    char *f = oppdrag(&K.team, "klient-7", 4, "2030-06-30", &len);
    tr_exch_info info;
    tr_exch_expect ex = {
        .signer = &K.team_pub, .client = "klient-7", .has_last_seq = 1, .last_seq = 3};
    tr_error err = {0};
    assert_true(strncmp(f, "trinn-oppdrag 1\n", 16) == 0);
    assert_int_equal(tp_clock_parse("2030-06-30T23:59:59Z", &ex.now), 0);
    assert_int_equal(tr_exch_oppdrag_read((uint8_t *)f, len, &ex, &info, &err), TR_OK);
    assert_string_equal(info.payload, PAYLOAD);
    assert_string_equal(info.client, "klient-7");
    assert_string_equal(info.expires, "2030-06-30");
    assert_int_equal(info.seq, 4);
    assert_memory_equal(&info.signer, &K.team_pub, sizeof K.team_pub);
    tr_exch_info_free(&info);
    /* first use: no pinned key, the signer is reported for the fingerprint question */
    tr_exch_expect first = {0};
    assert_int_equal(tr_exch_oppdrag_read((uint8_t *)f, len, &first, &info, &err), TR_OK);
    assert_memory_equal(&info.signer, &K.team_pub, sizeof K.team_pub);
    tr_exch_info_free(&info);
    /* the split gives back the payload and minisign's four lines */
    uint8_t *payload = NULL;
    const char *sig;
    size_t plen, slen;
    assert_int_equal(tr_exch_oppdrag_split((uint8_t *)f, len, &payload, &plen, &sig, &slen, &err),
                     TR_OK);
    assert_memory_equal(payload, PAYLOAD, plen);
    assert_true(strncmp(sig, "untrusted comment: trinn key RW", 31) == 0);
    assert_int_equal(sig + slen, f + len);
    free(payload);
    free(f);
}

static void test_oppdrag_every_flip_and_cut(void **state)
{
    (void)state;
    size_t len, tries = 0;
    char *f = oppdrag(&K.team, "k", 1, "2030-01-01", &len);
    tr_exch_info info;
    tr_exch_expect pinned = {.signer = &K.team_pub}, first = {0};
    tr_error err = {0};
    for (size_t i = 0; i < len; i++)
        for (int bit = 0; bit < 8; bit++) {
            f[i] ^= (char)(1 << bit);
            if (tr_exch_oppdrag_read((uint8_t *)f, len, &pinned, &info, &err) == TR_OK ||
                tr_exch_oppdrag_read((uint8_t *)f, len, &first, &info, &err) == TR_OK)
                fail_msg("byte %zu bit %d changed and still accepted", i, bit);
            assert_int_not_equal(info.why, TR_EXCH_OK);
            assert_null(info.payload);
            f[i] ^= (char)(1 << bit);
            tries++;
        }
    for (size_t cut = 0; cut < len; cut++) {
        assert_int_not_equal(tr_exch_oppdrag_read((uint8_t *)f, cut, &first, &info, &err), TR_OK);
        assert_true(err.msg[0] != '\0');
    }
    assert_int_equal(tries, 8 * len);
    free(f);
}

static void test_rapport_every_flip_and_cut(void **state)
{
    (void)state;
    size_t len;
    uint8_t *f = rapport(&K.device, K.box.pk, 1, &len);
    tr_exch_info info;
    tr_exch_expect first = {0};
    tr_error err = {0};
    assert_int_equal(tr_exch_rapport_read(&K.box, f, len, &first, &info, &err), TR_OK);
    assert_string_equal(info.report_id, "r-2026-12-05-1");
    assert_string_equal(info.client, "klient-7");
    assert_memory_equal(&info.signer, &K.device_pub, sizeof K.device_pub);
    tr_exch_info_free(&info);
    for (size_t i = 0; i < len; i++)
        for (int bit = 0; bit < 8; bit++) {
            f[i] ^= (uint8_t)(1 << bit);
            if (tr_exch_rapport_read(&K.box, f, len, &first, &info, &err) == TR_OK)
                fail_msg("byte %zu bit %d changed and still accepted", i, bit);
            assert_null(info.payload);
            f[i] ^= (uint8_t)(1 << bit);
        }
    for (size_t cut = 0; cut < len; cut++)
        assert_int_not_equal(tr_exch_rapport_read(&K.box, f, cut, &first, &info, &err), TR_OK);
    free(f);
}

/* Expects a refusal with reason why and words msg. */
#define REFUSED(call, want_why, words)                                                             \
    do {                                                                                           \
        tr_exch_info info_;                                                                        \
        tr_error err_ = {0};                                                                       \
        tr_exch_info *ip_ = &info_;                                                                \
        tr_error *ep_ = &err_;                                                                     \
        (void)ip_;                                                                                 \
        (void)ep_;                                                                                 \
        if ((call) == TR_OK)                                                                       \
            fail_msg("accepted: %s", #call);                                                       \
        if (info_.why != (want_why) || !strstr(err_.msg, words))                                   \
            fail_msg("%s: got %s '%s', expected %s '%s'", #call, tr_exch_why_name(info_.why),      \
                     err_.msg, tr_exch_why_name(want_why), words);                                 \
    } while (0)

static void test_oppdrag_refusals(void **state)
{
    (void)state;
    size_t len, rlen;
    char *f = oppdrag(&K.team, "klient-7", 5, "2026-12-31", &len);
    uint8_t *r = rapport(&K.device, K.box.pk, 1, &rlen);
    tr_exch_expect other_team = {.signer = &K.team2_pub};
    tr_exch_expect other_client = {.client = "klient-8"};
    tr_exch_expect replay = {.has_last_seq = 1, .last_seq = 5};
    tr_exch_expect late = {0};
    tr_exch_expect any = {0};
    assert_int_equal(tp_clock_parse("2027-01-01T00:00:00Z", &late.now), 0);
    REFUSED(tr_exch_oppdrag_read((uint8_t *)f, len, &other_team, ip_, ep_), TR_EXCH_OTHER_TEAM,
            "another team's key");
    REFUSED(tr_exch_oppdrag_read((uint8_t *)f, len, &other_client, ip_, ep_), TR_EXCH_WRONG_CLIENT,
            "for another client (klient-7), not this one (klient-8)");
    REFUSED(tr_exch_oppdrag_read((uint8_t *)f, len, &replay, ip_, ep_), TR_EXCH_REPLAYED,
            "not newer than the last one");
    REFUSED(tr_exch_oppdrag_read((uint8_t *)f, len, &late, ip_, ep_), TR_EXCH_EXPIRED,
            "expired at the end of 2026-12-31");
    REFUSED(tr_exch_oppdrag_read(r, rlen, &any, ip_, ep_), TR_EXCH_NOT_ASSIGNMENT, "sealed file");
    REFUSED(tr_exch_oppdrag_read((const uint8_t *)"hello\n", 6, &any, ip_, ep_),
            TR_EXCH_NOT_ASSIGNMENT, "not an assignment");
    f[14] = '2'; /* "trinn-oppdrag 2" */
    REFUSED(tr_exch_oppdrag_read((uint8_t *)f, len, &any, ip_, ep_), TR_EXCH_VERSION,
            "later version");
    f[14] = '1';
    char *sig = strstr(f, "seq:5");
    sig[4] = '6'; /* the trusted comment altered */
    REFUSED(tr_exch_oppdrag_read((uint8_t *)f, len, &any, ip_, ep_), TR_EXCH_ALTERED,
            "trusted comment");
    sig[4] = '5';
    REFUSED(tr_exch_oppdrag_read((uint8_t *)f, len - 1, &any, ip_, ep_), TR_EXCH_TRUNCATED,
            "cut short");
    free(f);
    free(r);
}

static void test_rapport_refusals(void **state)
{
    (void)state;
    size_t len, flen, ilen, olen;
    uint8_t *r = rapport(&K.device, K.box.pk, 3, &len), *inner = NULL, *fw = NULL;
    char *f = oppdrag(&K.team, "k", 1, "2030-01-01", &flen);
    tr_exch_expect pinned2 = {.signer = &K.device2_pub};
    tr_exch_expect replay = {.has_last_seq = 1, .last_seq = 3};
    tr_exch_expect any = {0};
    tr_error err = {0};
    REFUSED(tr_exch_rapport_read(&K.box2, r, len, &any, ip_, ep_), TR_EXCH_NOT_FOR_US,
            "not sealed to this team's key");
    REFUSED(tr_exch_rapport_read(&K.box, r, len, &pinned2, ip_, ep_), TR_EXCH_OTHER_SENDER,
            "another device");
    REFUSED(tr_exch_rapport_read(&K.box, r, len, &replay, ip_, ep_), TR_EXCH_REPLAYED,
            "not newer than the last one");
    REFUSED(tr_exch_rapport_read(&K.box, (uint8_t *)f, flen, &any, ip_, ep_), TR_EXCH_NOT_REPORT,
            "assignment");
    REFUSED(tr_exch_rapport_read(&K.box, (const uint8_t *)"PK\3\4", 4, &any, ip_, ep_),
            TR_EXCH_NOT_REPORT, "not an age file");
    /* forwarded: the first team opens it and seals the same signed text to a second team */
    assert_int_equal(tr_age_decrypt(&K.box, r, len, &inner, &ilen, &err), TR_OK);
    assert_int_equal(tr_age_encrypt(K.box2.pk, 1, inner, ilen, &fw, &olen, &err), TR_OK);
    REFUSED(tr_exch_rapport_read(&K.box2, fw, olen, &any, ip_, ep_), TR_EXCH_FORWARDED,
            "forwarded");
    free(fw);
    /* sealed with plain age: no inner signature */
    assert_int_equal(tr_age_encrypt(K.box.pk, 1, (const uint8_t *)"{}", 2, &fw, &olen, &err),
                     TR_OK);
    REFUSED(tr_exch_rapport_read(&K.box, fw, olen, &any, ip_, ep_), TR_EXCH_UNSIGNED,
            "no signed Trinn report");
    free(fw);
    /* an assignment sealed to the team: signed, but not a report */
    assert_int_equal(tr_age_encrypt(K.box.pk, 1, (uint8_t *)f, flen, &fw, &olen, &err), TR_OK);
    REFUSED(tr_exch_rapport_read(&K.box, fw, olen, &any, ip_, ep_), TR_EXCH_UNSIGNED,
            "no signed Trinn report");
    free(fw);
    /* a report sealed by itself but cut */
    REFUSED(tr_exch_rapport_read(&K.box, r, len - 1, &any, ip_, ep_), TR_EXCH_ALTERED, "altered");
    tr_age_free(inner, ilen);
    free(r);
    free(f);
}

static void test_writers_refuse_bad_input(void **state)
{
    (void)state;
    char *out = NULL;
    uint8_t *rout = NULL;
    size_t len;
    tr_error err = {0};
    tr_exch_oppdrag_meta bad_client = {"klient 7", 1, "2030-01-01"};
    tr_exch_oppdrag_meta bad_date = {"k", 1, "2030-02-30"};
    tr_exch_oppdrag_meta zero_seq = {"k", 0, "2030-01-01"};
    tr_exch_oppdrag_meta good = {"k", 1, "2030-01-01"};
    tr_exch_rapport_meta rm = {"r1", 1, NULL};
    const uint8_t *p = (const uint8_t *)PAYLOAD;
    assert_int_equal(tr_exch_oppdrag_write(&K.team, p, 5, &bad_client, &out, &len, &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "client id"));
    assert_int_equal(
        tr_exch_oppdrag_write(&K.team, p, sizeof PAYLOAD - 1, &bad_date, &out, &len, &err),
        TR_E_INVALID);
    assert_non_null(strstr(err.msg, "YYYY-MM-DD"));
    assert_int_equal(
        tr_exch_oppdrag_write(&K.team, p, sizeof PAYLOAD - 1, &zero_seq, &out, &len, &err),
        TR_E_INVALID);
    assert_int_equal(
        tr_exch_oppdrag_write(&K.team, (const uint8_t *)"[1]", 3, &good, &out, &len, &err),
        TR_E_INVALID);
    assert_non_null(strstr(err.msg, "not a JSON object"));
    assert_null(out);
    /* a report must name its own sender */
    assert_int_equal(
        tr_exch_rapport_write(&K.device, K.box.pk, p, sizeof PAYLOAD - 1, &rm, &rout, &len, &err),
        TR_E_INVALID);
    assert_non_null(strstr(err.msg, "sender_key"));
    assert_null(rout);
}

static void test_fingerprints(void **state)
{
    (void)state;
    uint8_t k[64] = {0};
    char a[TR_FPR_TEXT], b[TR_FPR_TEXT], id[TR_FPR_KEYID_HEX];
    tr_fpr_keys(k, 2, a);
    assert_int_equal(strlen(a), 29);
    for (int i = 0; i < 29; i++)
        assert_true(i % 6 == 5 ? a[i] == ' ' : (a[i] >= '0' && a[i] <= '9'));
    k[63] = 1; /* any change of either key changes it */
    tr_fpr_keys(k, 2, b);
    assert_string_not_equal(a, b);
    tr_fpr_keys(k, 1, b); /* and so does leaving a key out */
    assert_string_not_equal(a, b);
    assert_true(tr_fpr_match(a, a));
    char typed[40];
    snprintf(typed, sizeof typed, "%.5s-%.5s-%.5s %.5s.%.5s", a, a + 6, a + 12, a + 18, a + 24);
    assert_true(tr_fpr_match(typed, a));
    typed[0] = typed[0] == '9' ? '8' : '9';
    assert_false(tr_fpr_match(typed, a));
    assert_false(tr_fpr_match("", a));
    assert_false(tr_fpr_match("1234", a));
    char longer[40];
    snprintf(longer, sizeof longer, "%s1", a);
    assert_false(tr_fpr_match(longer, a));
    tr_fpr_x25519_id(k, id);
    assert_int_equal(strlen(id), 16);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oppdrag_round_trip),
        cmocka_unit_test(test_oppdrag_every_flip_and_cut),
        cmocka_unit_test(test_rapport_every_flip_and_cut),
        cmocka_unit_test(test_oppdrag_refusals),
        cmocka_unit_test(test_rapport_refusals),
        cmocka_unit_test(test_writers_refuse_bad_input),
        cmocka_unit_test(test_fingerprints),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
