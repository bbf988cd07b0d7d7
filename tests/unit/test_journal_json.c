/* Authentic records whose text is not a valid record (issue 13, item 9). Whoever holds the key
 * can seal any bytes: this test does so with libsodium and core/FORMAT.md alone (as an
 * independent writer), then checks that tr_journal_record_check and `trinnctl journal verify`
 * reject each such record, naming the record number, its byte offset and what is wrong, and that
 * `trinnctl journal list` says the same instead of "out of memory". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <sodium.h>

#include "tj_support.h"

static uint64_t le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static void put_le(uint8_t *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Appends to the journal at path one authentic record with the given framing (type, ts) and
 * text body, and makes the head name it: the file opens and the chain checks out. */
static void seal_append(const char *path, const char *type, int64_t ts, const char *body)
{
    size_t flen = 0;
    uint8_t *f = tj_read_all(path, &flen);
    uint8_t kek[32], dk[32], rk[32], hk[32];
    assert_int_equal(crypto_pwhash(kek, 32, TJ_PASS, TJ_PASS_LEN, f + 32, le(f + 16, 8),
                                   (size_t)le(f + 24, 8), crypto_pwhash_ALG_ARGON2ID13),
                     0);
    assert_int_equal(
        crypto_aead_xchacha20poly1305_ietf_decrypt(dk, NULL, NULL, f + 88, 48, f, 64, f + 64, kek),
        0);
    crypto_kdf_derive_from_key(rk, 32, 1, "TrnJrnl1", dk);
    crypto_kdf_derive_from_key(hk, 32, 2, "TrnJrnl1", dk);
    uint8_t prev[16] = {0};
    uint64_t seq = 1;
    for (size_t off = 2048; off < flen; seq++) {
        uint32_t ct_len = (uint32_t)le(f + off, 4);
        memcpy(prev, f + off + 36 + ct_len - 16, 16);
        off += 36 + ct_len;
    }
    size_t tlen = strlen(type), blen = strlen(body), pt_len = 9 + tlen + blen;
    uint8_t *pt = malloc(pt_len);
    put_le(pt, (uint64_t)ts, 8);
    pt[8] = (uint8_t)tlen;
    memcpy(pt + 9, type, tlen);
    memcpy(pt + 9 + tlen, body, blen);
    size_t rec_len = 36 + pt_len + 16;
    f = realloc(f, flen + rec_len);
    uint8_t *rec = f + flen;
    put_le(rec, pt_len + 16, 4);
    put_le(rec + 4, seq, 8);
    randombytes_buf(rec + 12, 24);
    uint8_t ad[40];
    memcpy(ad, f + 48, 16);
    put_le(ad + 16, seq, 8);
    memcpy(ad + 24, prev, 16);
    crypto_aead_xchacha20poly1305_ietf_encrypt(rec + 36, NULL, pt, pt_len, ad, 40, NULL, rec + 12,
                                               rk);
    /* The head: the slot with the lower generation becomes generation + 1 of the other. */
    uint64_t g0 = le(f + 1024, 8), g1 = le(f + 1536, 8);
    uint8_t *slot = f + (g0 > g1 ? 1536 : 1024);
    memset(slot, 0, 512);
    put_le(slot, (g0 > g1 ? g0 : g1) + 1, 8);
    put_le(slot + 8, seq, 8);
    memcpy(slot + 16, rec + rec_len - 16, 16);
    uint8_t in[48];
    memcpy(in, f + 48, 16);
    memcpy(in + 16, slot, 32);
    crypto_generichash(slot + 32, 32, in, 48, hk, 32);
    tj_write_all(path, f, flen + rec_len);
    free(pt);
    free(f);
}

typedef struct first_err {
    int bad, n;
    tr_error err;
} first_err;

static int check_each(void *user, const tr_journal_record *rec)
{
    first_err *c = user;
    c->n++;
    if (tr_journal_record_check(rec, &c->err) != TR_OK) {
        c->bad++;
        return 1;
    }
    return 0;
}

/* Runs trinnctl with args (a shell snippet); returns its exit status and its stderr in buf. */
static int ctl(const char *args, char *buf, size_t size)
{
    const char *bin = getenv("TRINN_BIN");
    assert_non_null(bin);
    char cmd[2048], errf[600];
    tj_path(errf, sizeof errf, "stderr.txt");
    snprintf(cmd, sizeof cmd, "'%s/trinnctl' %s >/dev/null 2>'%s'", bin, args, errf);
    int rc = system(cmd);
    size_t len = 0;
    uint8_t *e = tj_read_all(errf, &len);
    snprintf(buf, size, "%.*s", (int)len, e ? (const char *)e : "");
    free(e);
    return rc;
}

static const struct {
    const char *type, *body, *why;
} cases[] = {
    {"checkin", "this is not JSON at all", "record 3:1:1: malformed JSON"},
    {"checkin", "{\"type\":\"checkin\",\"ts\":\"2026-11-27T08:00:00Z\"} tail",
     "extra text after the JSON value"},
    {"checkin", "{\"type\":\"checkin\",\"ts\":\"2026-11-27T08:00:00Z\"",
     "record 3:1:45: malformed JSON"},
    {"checkin", "[\"type\",\"ts\"]", "not a JSON object"},
    {"checkin", "{\"ts\":\"2026-11-27T08:00:00Z\"}", "no string \"type\""},
    {"checkin", "{\"type\":\"measure\",\"ts\":\"2026-11-27T08:00:00Z\"}", "\"type\" differs"},
    {"checkin", "{\"type\":\"checkin\",\"ts\":\"yesterday\"}", "no ISO 8601 \"ts\""},
    {"checkin", "{\"type\":\"checkin\",\"ts\":\"2026-11-28T08:00:00Z\"}", "\"ts\" differs"},
    {"checkin", "{\"type\":\"checkin\",\"ts\":\"2026-11-27T08:00:00Z\",\"n\":\"\xff\"}",
     "not valid UTF-8"},
};

static void authentic_but_not_json(void **state)
{
    int64_t ts = 1795766400; /* 2026-11-27T08:00:00Z */
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char path[512];
        tj_path(path, sizeof path, "bad.tj");
        unlink(path);
        tr_journal *j = NULL;
        tr_error err = {0};
        tr_journal_desc d = tj_desc(path, tj_nosync_io());
        assert_int_equal(tr_journal_create(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
        for (int i = 1; i <= 2; i++) {
            char rec[1024];
            size_t len = tj_record(rec, sizeof rec, i);
            assert_int_equal(tr_journal_append(j, rec, len, NULL, &err), TR_OK);
        }
        tr_journal_close(j);
        seal_append(path, cases[k].type, ts, cases[k].body);
        /* The record is authentic: the journal opens with 3 records and no warning. */
        assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
        assert_int_equal(tr_journal_count(j), 3);
        first_err c = {0};
        assert_int_equal(tr_journal_query_each(j, NULL, check_each, &c, &err), TR_OK);
        tr_journal_close(j);
        print_message("case %zu: %s\n", k, c.err.msg);
        assert_int_equal(c.n, 3);
        assert_int_equal(c.bad, 1);
        assert_int_equal(c.err.status, TR_E_CORRUPT);
        assert_non_null(strstr(c.err.msg, "record 3 (byte offset "));
        assert_non_null(strstr(c.err.msg, cases[k].why));

        char pw[600], args[1400], out[2048];
        tj_path(pw, sizeof pw, "pw.txt");
        tj_write_all(pw, (const uint8_t *)TJ_PASS "\n", TJ_PASS_LEN + 1);
        snprintf(args, sizeof args, "journal verify '%s' --passphrase-file '%s'", path, pw);
        assert_int_not_equal(ctl(args, out, sizeof out), 0);
        assert_non_null(strstr(out, "record 3 (byte offset "));
        assert_non_null(strstr(out, cases[k].why));
        snprintf(args, sizeof args, "journal list '%s' --passphrase-file '%s'", path, pw);
        assert_int_not_equal(ctl(args, out, sizeof out), 0);
        assert_non_null(strstr(out, "record 3 (byte offset "));
        assert_null(strstr(out, "out of memory"));
    }
}

/* A well-formed journal passes the same check for every record. */
static void good_records_pass(void **state)
{
    char path[512];
    tj_path(path, sizeof path, "good.tj");
    unlink(path);
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, tj_nosync_io());
    assert_int_equal(tr_journal_create(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    for (int i = 1; i <= 20; i++) {
        char rec[1024];
        size_t len = tj_record(rec, sizeof rec, i);
        assert_int_equal(tr_journal_append(j, rec, len, NULL, &err), TR_OK);
    }
    first_err c = {0};
    assert_int_equal(tr_journal_query_each(j, NULL, check_each, &c, &err), TR_OK);
    assert_int_equal(c.n, 20);
    assert_int_equal(c.bad, 0);
    tr_journal_close(j);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    tj_mkdir();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(authentic_but_not_json),
        cmocka_unit_test(good_records_pass),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tj_rmdir();
    return rc;
}
