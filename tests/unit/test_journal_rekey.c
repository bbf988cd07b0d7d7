/* The passphrase change makes a new data key (issue 13, item 1): the reviewer's attack (keep
 * the old 512-byte key header, let the owner change the passphrase and write more, put the old
 * header back and open with the old passphrase) must open nothing written after the change.
 * Checked twice: through tr_journal_open, and with an independent reader (libsodium and
 * FORMAT.md only) that tries every record under the old header's data key. Also: leftover
 * copies of a crashed change are found by their unique names and removed by open and erase. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <sodium.h>

#include "tj_support.h"

#define NEWPASS  "a brand new passphrase"
#define SENTINEL "SENTINEL-written-after-the-change"

static uint64_t le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static tr_journal *make(const char *name, int n, char *path, size_t path_len)
{
    tj_path(path, path_len, name);
    unlink(path);
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_create(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    for (int i = 1; i <= n; i++) {
        char rec[1024];
        size_t len = tj_record(rec, sizeof rec, i);
        assert_int_equal(tr_journal_append(j, rec, len, NULL, &err), TR_OK);
    }
    return j;
}

/* Unwraps the data key of the key header hdr[0..512) with pass (FORMAT.md). */
static void unwrap(const uint8_t *hdr, const char *pass, uint8_t dk[32])
{
    uint8_t kek[32];
    assert_int_equal(crypto_pwhash(kek, 32, pass, strlen(pass), hdr + 32, le(hdr + 16, 8),
                                   (size_t)le(hdr + 24, 8), crypto_pwhash_ALG_ARGON2ID13),
                     0);
    assert_int_equal(crypto_aead_xchacha20poly1305_ietf_decrypt(dk, NULL, NULL, hdr + 88, 48, hdr,
                                                                64, hdr + 64, kek),
                     0);
}

/* Walks the records of f and counts those that decrypt under dk's record key, each tried
 * with the chain the file itself shows (the previous record's tag as it is on disk). Also
 * counts the records whose plaintext holds SENTINEL into *sentinels. */
/* 1 when the n bytes at p hold the string s (memmem, which Windows lacks). */
static int contains(const uint8_t *p, unsigned long long n, const char *s)
{
    size_t k = strlen(s);
    for (unsigned long long i = 0; k <= n && i <= n - k; i++)
        if (memcmp(p + i, s, k) == 0)
            return 1;
    return 0;
}

static int records_opened_by(const uint8_t *f, size_t flen, const uint8_t dk[32], int *sentinels)
{
    uint8_t rk[32], prev[16] = {0};
    crypto_kdf_derive_from_key(rk, 32, 1, "TrnJrnl1", dk);
    int opened = 0;
    *sentinels = 0;
    for (size_t off = 2048; off + 36 <= flen;) {
        uint32_t ct_len = (uint32_t)le(f + off, 4);
        assert_true(off + 36 + ct_len <= flen);
        uint8_t ad[40];
        memcpy(ad, f + 48, 16);
        memcpy(ad + 16, f + off + 4, 8);
        memcpy(ad + 24, prev, 16);
        uint8_t *pt = malloc(ct_len);
        unsigned long long pt_len = 0;
        if (crypto_aead_xchacha20poly1305_ietf_decrypt(pt, &pt_len, NULL, f + off + 36, ct_len, ad,
                                                       40, f + off + 12, rk) == 0) {
            opened++;
            if (contains(pt, pt_len, SENTINEL))
                (*sentinels)++;
        }
        free(pt);
        memcpy(prev, f + off + 36 + ct_len - 16, 16);
        off += 36 + ct_len;
    }
    return opened;
}

static void old_header_opens_nothing_after_change(void **state)
{
    char path[512];
    tr_journal *j = make("attack.tj", 6, path, sizeof path);
    tr_journal_close(j);
    size_t len = 0;
    uint8_t *before = tj_read_all(path, &len);
    uint8_t old_hdr[512];
    memcpy(old_hdr, before, sizeof old_hdr);
    uint8_t old_dk[32];
    unwrap(old_hdr, TJ_PASS, old_dk);
    int sentinels = 0;
    assert_int_equal(records_opened_by(before, len, old_dk, &sentinels), 6);
    free(before);

    /* The owner changes the passphrase and writes on. */
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    assert_int_equal(tr_journal_passwd(j, NEWPASS, strlen(NEWPASS), &err), TR_OK);
    char rec[256];
    int rl = snprintf(rec, sizeof rec,
                      "{\"type\":\"checkin\",\"ts\":\"2026-12-01T08:00:00Z\",\"note\":\"%s\"}",
                      SENTINEL);
    assert_int_equal(tr_journal_append(j, rec, (size_t)rl, NULL, &err), TR_OK);
    tr_journal_close(j);

    /* The new file under the new passphrase: all 7 records, new data key. */
    uint8_t *after = tj_read_all(path, &len);
    uint8_t new_dk[32];
    unwrap(after, NEWPASS, new_dk);
    assert_memory_not_equal(new_dk, old_dk, 32);
    assert_int_equal(records_opened_by(after, len, new_dk, &sentinels), 7);
    assert_int_equal(sentinels, 1);
    /* The old data key opens none of them, neither the old records sealed again nor the new. */
    assert_int_equal(records_opened_by(after, len, old_dk, &sentinels), 0);
    assert_int_equal(sentinels, 0);

    /* The attack as the reviewer ran it: the old header put back, the old passphrase. */
    memcpy(after, old_hdr, sizeof old_hdr);
    tj_write_all(path, after, len);
    free(after);
    j = NULL;
    tr_status st = tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err);
    assert_int_not_equal(st, TR_OK);
    assert_null(j);
    assert_null(strstr(err.msg, SENTINEL));
}

/* The handle goes on working on the re-keyed file, and a re-opened journal has every record. */
static void change_keeps_records_and_handle(void **state)
{
    char path[512];
    tr_journal *j = make("keep.tj", 10, path, sizeof path);
    tr_error err = {0};
    assert_int_equal(tr_journal_passwd(j, NEWPASS, strlen(NEWPASS), &err), TR_OK);
    assert_int_equal(tr_journal_passwd(j, "third", 5, &err), TR_OK);
    char rec[1024];
    size_t len = tj_record(rec, sizeof rec, 11);
    assert_int_equal(tr_journal_append(j, rec, len, NULL, &err), TR_OK);
    tr_journal_close(j);
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_open(&d, NEWPASS, strlen(NEWPASS), &j, &err), TR_E_AUTH);
    assert_int_equal(tr_journal_open(&d, "third", 5, &j, &err), TR_OK);
    assert_int_equal(tr_journal_count(j), 11);
    assert_int_equal(tr_journal_warning_count(j), 0);
    tr_journal_close(j);
}

static int count_files(const char *prefix)
{
    return tt_count_prefix(tj_dir, prefix);
}

/* A crashed change leaves PATH.<12 hex>.tmp (or PATH.tmp from an older version): open removes
 * it with a warning, erase shreds it; other files that merely look alike are left alone. */
static void leftovers_are_removed(void **state)
{
    char path[512], left[600], legacy[600], other[600], unrelated[600];
    tr_journal *j = make("left.tj", 2, path, sizeof path);
    tr_journal_close(j);
    snprintf(left, sizeof left, "%s.0123456789ab.tmp", path);
    snprintf(legacy, sizeof legacy, "%s.tmp", path);
    snprintf(other, sizeof other, "%s.notahexname!.tmp", path);
    tj_path(unrelated, sizeof unrelated, "left.tjx.0123456789ab.tmp");
    tj_write_all(left, (const uint8_t *)"copy", 4);
    tj_write_all(legacy, (const uint8_t *)"copy", 4);
    tj_write_all(other, (const uint8_t *)"keep", 4);
    tj_write_all(unrelated, (const uint8_t *)"keep", 4);
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    assert_int_equal(tr_journal_warning_count(j), 2);
    assert_non_null(strstr(tr_journal_warning(j, 0), "unfinished passphrase change"));
    tr_journal_close(j);
    assert_int_equal(access(left, F_OK), -1);
    assert_int_equal(access(legacy, F_OK), -1);
    assert_int_equal(access(other, F_OK), 0);
    assert_int_equal(access(unrelated, F_OK), 0);
    /* erase takes a fresh leftover with it */
    tj_write_all(left, (const uint8_t *)"copy", 4);
    assert_int_equal(tr_journal_erase(&d, &err), TR_OK);
    assert_int_equal(access(left, F_OK), -1);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(count_files("left"), 2); /* only the two look-alikes */
    unlink(other);
    unlink(unrelated);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    tj_mkdir();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(old_header_opens_nothing_after_change),
        cmocka_unit_test(change_keeps_records_and_handle),
        cmocka_unit_test(leftovers_are_removed),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tj_rmdir();
    return rc;
}
