/* FORMAT.md is enough: this test reads a journal written by tr_journal with nothing but
 * libsodium and the byte layout in core/FORMAT.md (it does not include any journal code), and
 * checks every field and record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <sodium.h>

#include "tj_support.h"
#include "tp_clock.h"

static uint64_t le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static void independent_reader(void **state)
{
    char path[512];
    tj_path(path, sizeof path, "fmt.tj");
    unlink(path);
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, NULL);
    d.kdf_ops = 2;
    d.kdf_mem = 64 * 1024;
    assert_int_equal(tr_journal_create(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    const int N = 7;
    for (int i = 1; i <= N; i++) {
        char rec[1024];
        size_t len = tj_record(rec, sizeof rec, i);
        assert_int_equal(tr_journal_append(j, rec, len, NULL, &err), TR_OK);
    }
    tr_journal_close(j);

    size_t flen = 0;
    uint8_t *f = tj_read_all(path, &flen);
    assert_true(flen > 2048);
    /* Key header. */
    assert_memory_equal(f, "TRINNJNL", 8);
    assert_int_equal(le(f + 8, 2), 1);
    assert_int_equal(le(f + 10, 2), 0);
    assert_int_equal(le(f + 12, 4), crypto_pwhash_ALG_ARGON2ID13);
    uint64_t ops = le(f + 16, 8), mem = le(f + 24, 8);
    assert_int_equal(ops, 2);
    assert_int_equal(mem, 64 * 1024);
    const uint8_t *salt = f + 32, *file_id = f + 48, *wnonce = f + 64, *wrapped = f + 88;
    for (int i = 136; i < 512; i++)
        assert_int_equal(f[i], 0);
    uint8_t kek[32], dk[32], rk[32], hk[32];
    assert_int_equal(crypto_pwhash(kek, 32, TJ_PASS, TJ_PASS_LEN, salt, ops, (size_t)mem,
                                   crypto_pwhash_ALG_ARGON2ID13),
                     0);
    assert_int_equal(
        crypto_aead_xchacha20poly1305_ietf_decrypt(dk, NULL, NULL, wrapped, 48, f, 64, wnonce, kek),
        0);
    crypto_kdf_derive_from_key(rk, 32, 1, "TrnJrnl1", dk);
    crypto_kdf_derive_from_key(hk, 32, 2, "TrnJrnl1", dk);
    /* Attempt slot: zero failures after the successful opens. */
    assert_memory_equal(f + 512, "TRAT", 4);
    uint8_t sum[16];
    crypto_generichash(sum, 16, f + 512, 16, NULL, 0);
    assert_memory_equal(sum, f + 528, 16);
    assert_int_equal(le(f + 516, 4), 0);
    /* Heads: pick the valid one with the higher generation. */
    uint64_t best_gen = 0, last_seq = 0;
    const uint8_t *last_tag = NULL;
    for (int s = 0; s < 2; s++) {
        const uint8_t *h = f + 1024 + 512 * s;
        uint8_t mac[32], in[48];
        memcpy(in, file_id, 16);
        memcpy(in + 16, h, 32);
        crypto_generichash(mac, 32, in, 48, hk, 32);
        assert_memory_equal(mac, h + 32, 32);
        if (s == 0 || le(h, 8) > best_gen) {
            best_gen = le(h, 8);
            last_seq = le(h + 8, 8);
            last_tag = h + 16;
        }
    }
    assert_int_equal(last_seq, (uint64_t)N);
    /* Records. */
    uint8_t prev[16] = {0};
    size_t off = 2048;
    uint8_t *pt = malloc(1 << 20);
    for (int i = 1; i <= N; i++) {
        assert_true(off + 36 <= flen);
        uint32_t ct_len = (uint32_t)le(f + off, 4);
        assert_int_equal(le(f + off + 4, 8), (uint64_t)i);
        assert_true(off + 36 + ct_len <= flen);
        uint8_t ad[40];
        memcpy(ad, file_id, 16);
        for (int b = 0; b < 8; b++)
            ad[16 + b] = (uint8_t)((uint64_t)i >> (8 * b));
        memcpy(ad + 24, prev, 16);
        unsigned long long pt_len = 0;
        assert_int_equal(crypto_aead_xchacha20poly1305_ietf_decrypt(
                             pt, &pt_len, NULL, f + off + 36, ct_len, ad, 40, f + off + 12, rk),
                         0);
        char want[1024];
        size_t wlen = tj_record(want, sizeof want, i);
        size_t tlen = pt[8];
        assert_int_equal(pt_len, 9 + tlen + wlen);
        assert_memory_equal(pt + 9 + tlen, want, wlen);
        assert_non_null(strstr(want, "\"type\":\""));
        assert_memory_equal(strstr(want, "\"type\":\"") + 8, pt + 9, tlen);
        int64_t ts = (int64_t)le(pt, 8);
        int64_t want_ts = 0;
        char iso[32];
        memcpy(iso, strstr(want, "\"ts\":\"") + 6, 20);
        iso[20] = '\0';
        assert_int_equal(tp_clock_parse(iso, &want_ts), 0);
        assert_int_equal(ts, want_ts);
        memcpy(prev, f + off + 36 + ct_len - 16, 16);
        off += 36 + ct_len;
    }
    assert_int_equal(off, flen);
    assert_memory_equal(prev, last_tag, 16);
    free(pt);
    free(f);
}

/* FORMAT.md's BLAKE2b equivalent of crypto_kdf_derive_from_key, for libraries without it. */
static void subkeys_are_blake2b(void **state)
{
    for (int k = 0; k < 50; k++) {
        uint8_t dk[32], a[32], b[32], salt[16] = {0}, personal[16] = {0};
        randombytes_buf(dk, sizeof dk);
        for (uint64_t id = 1; id <= 2; id++) {
            crypto_kdf_derive_from_key(a, 32, id, "TrnJrnl1", dk);
            for (int i = 0; i < 8; i++)
                salt[i] = (uint8_t)(id >> (8 * i));
            memcpy(personal, "TrnJrnl1", 8);
            assert_int_equal(
                crypto_generichash_blake2b_salt_personal(b, 32, NULL, 0, dk, 32, salt, personal),
                0);
            assert_memory_equal(a, b, 32);
        }
    }
}

/* The reading rules FORMAT.md states as "must", each on a record or head that only a writer
 * holding the key could make (so it authenticates): a JSON text over 256 KiB, a ct_len above
 * 262,233 (a type of 64 bytes plus more than 256 KiB of text), and an empty head whose tag is
 * not zero. Each is refused; the bounds themselves are accepted. */
static tr_status open_status(const char *path)
{
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, tj_nosync_io());
    tr_status st = tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err);
    if (st == TR_OK) {
        assert_int_equal(tr_journal_warning_count(j), 0);
        tr_journal_close(j);
    } else {
        print_message("refused: %s\n", err.msg);
    }
    return st;
}

static void make_empty(const char *path)
{
    unlink(path);
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, tj_nosync_io());
    assert_int_equal(tr_journal_create(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    tr_journal_close(j);
}

/* Appends one sealed record with type of tlen 'x's and a JSON object of exactly jlen bytes. */
static void append_sized(const char *path, size_t tlen, size_t jlen)
{
    char type[65];
    memset(type, 'x', tlen);
    type[tlen] = '\0';
    char *body = malloc(jlen);
    int head =
        snprintf(body, jlen, "{\"type\":\"%s\",\"ts\":\"2026-11-27T08:00:00Z\",\"p\":\"", type);
    memset(body + head, 'a', jlen - (size_t)head - 2);
    memcpy(body + jlen - 2, "\"}", 2);
    tj_seal_append(path, type, 1795766400, body, jlen);
    free(body);
}

static void reader_rules(void **state)
{
    char path[512];
    tj_path(path, sizeof path, "rules.tj");
    const size_t kib256 = (size_t)256 << 10;
    /* The largest record allowed: type 64 bytes, text 256 KiB (ct_len 262,233). */
    make_empty(path);
    append_sized(path, 64, kib256);
    assert_int_equal(open_status(path), TR_OK);
    /* Text one byte over 256 KiB with a short type: ct_len within bounds, text too long. */
    make_empty(path);
    append_sized(path, 1, kib256 + 1);
    assert_int_equal(open_status(path), TR_E_CORRUPT);
    /* ct_len one above 262,233. */
    make_empty(path);
    append_sized(path, 64, kib256 + 1);
    assert_int_equal(open_status(path), TR_E_CORRUPT);
    /* An empty head with a non-zero tag. */
    make_empty(path);
    size_t len = 0;
    uint8_t *f = tj_read_all(path, &len);
    uint8_t tag[16];
    memset(tag, 0x5a, sizeof tag);
    tj_put_head(f, 0, tag);
    tj_write_all(path, f, len);
    assert_int_equal(open_status(path), TR_E_CORRUPT);
    memset(tag, 0, sizeof tag); /* the same with a zero tag is fine */
    tj_put_head(f, 0, tag);
    tj_write_all(path, f, len);
    assert_int_equal(open_status(path), TR_OK);
    free(f);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    tj_mkdir();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(independent_reader),
        cmocka_unit_test(subkeys_are_blake2b),
        cmocka_unit_test(reader_rules),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tj_rmdir();
    return rc;
}
