/* Tampering: every byte flipped, every truncation, records removed, swapped, duplicated or
 * spliced from another journal. Each must be reported (an error, or a warning with the data
 * intact) and never crash or hand back altered records as good. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <sodium.h>

#include "tj_support.h"

#define REC_OFF 2048 /* FORMAT.md: records start here */

typedef struct snapshot {
    int n;
    char *json[256];
} snapshot;

static int snap(void *user, const tr_journal_record *rec)
{
    snapshot *s = user;
    if (s->n < 256)
        s->json[s->n++] = strdup(rec->json);
    return 0;
}

static void snap_free(snapshot *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->json[i]);
    s->n = 0;
}

/* Builds a journal of n fixture records at path (with a seed offset so two journals differ)
 * and returns its bytes. */
static uint8_t *build(const char *path, int n, int seed, size_t *len)
{
    unlink(path);
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, tj_nosync_io());
    assert_int_equal(tr_journal_create(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    for (int i = 1; i <= n; i++) {
        char rec[1024];
        size_t rl = tj_record(rec, sizeof rec, i + seed);
        assert_int_equal(tr_journal_append(j, rec, rl, NULL, &err), TR_OK);
    }
    tr_journal_close(j);
    return tj_read_all(path, len);
}

/* Byte offsets of the records of a journal file (walking the clear ct_len fields). */
static int record_offsets(const uint8_t *buf, size_t len, size_t *offs, int max)
{
    int n = 0;
    size_t off = REC_OFF;
    while (off + 36 <= len && n < max) {
        uint32_t ct = (uint32_t)buf[off] | (uint32_t)buf[off + 1] << 8 |
                      (uint32_t)buf[off + 2] << 16 | (uint32_t)buf[off + 3] << 24;
        offs[n++] = off;
        off += 36 + ct;
    }
    offs[n] = off;
    return n;
}

/* Opens the bytes and checks the rule: an error, or success with a warning and exactly the
 * expected records. Returns the status. */
static tr_status check_bytes(const char *path, const uint8_t *buf, size_t len, int expect_n,
                             int seed)
{
    tj_write_all(path, buf, len);
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, tj_nosync_io());
    tr_status st = tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err);
    if (st != TR_OK) {
        assert_null(j);
        assert_true(err.msg[0] != '\0');
        assert_null(strstr(err.msg, TJ_PASS));
        return st;
    }
    assert_true(tr_journal_warning_count(j) >= 1);
    snapshot s = {0};
    assert_int_equal(tr_journal_query_each(j, NULL, snap, &s, &err), TR_OK);
    assert_int_equal(s.n, expect_n);
    for (int i = 0; i < s.n; i++) {
        char rec[1024];
        tj_record(rec, sizeof rec, i + 1 + seed);
        assert_string_equal(s.json[i], rec);
    }
    snap_free(&s);
    tr_journal_close(j);
    return st;
}

static void flip_every_byte(void **state)
{
    char path[512], work[512];
    tj_path(path, sizeof path, "flip.tj");
    tj_path(work, sizeof work, "flip-work.tj");
    size_t len = 0;
    uint8_t *orig = build(path, 3, 0, &len);
    int errors = 0, warned = 0;
    for (size_t i = 0; i < len; i++) {
        for (int k = 0; k < 2; k++) {
            uint8_t *b = malloc(len);
            memcpy(b, orig, len);
            b[i] ^= k ? 0x01 : 0xA5;
            tr_status st = check_bytes(work, b, len, 3, 0);
            if (st)
                errors++;
            else
                warned++;
            /* Damage to records themselves is always an error, never a warning. */
            if (i >= REC_OFF)
                assert_int_equal(st, TR_E_CORRUPT);
            free(b);
        }
    }
    print_message("flipped %zu bytes twice: %d errors, %d warnings with data intact\n", len, errors,
                  warned);
    free(orig);
}

static void flip_dense_sample(void **state)
{
    char path[512], work[512];
    tj_path(path, sizeof path, "dense.tj");
    tj_path(work, sizeof work, "dense-work.tj");
    size_t len = 0;
    uint8_t *orig = build(path, 120, 0, &len);
    for (size_t i = REC_OFF; i < len; i += 11) {
        uint8_t *b = malloc(len);
        memcpy(b, orig, len);
        b[i] ^= (uint8_t)(1u << (i % 8));
        assert_int_equal(check_bytes(work, b, len, 120, 0), TR_E_CORRUPT);
        free(b);
    }
    free(orig);
}

static void truncate_everywhere(void **state)
{
    char path[512], work[512];
    tj_path(path, sizeof path, "trunc.tj");
    tj_path(work, sizeof work, "trunc-work.tj");
    size_t len = 0;
    uint8_t *orig = build(path, 3, 0, &len);
    for (size_t cut = 0; cut < len; cut++)
        assert_int_equal(check_bytes(work, orig, cut, 3, 0), TR_E_CORRUPT);
    /* Including exactly at record boundaries, which the head tells from a clean end. */
    size_t offs[8];
    int n = record_offsets(orig, len, offs, 7);
    assert_int_equal(n, 3);
    tr_journal *j = NULL;
    tr_error err = {0};
    tj_write_all(work, orig, offs[2]);
    tr_journal_desc d = tj_desc(work, tj_nosync_io());
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_CORRUPT);
    assert_non_null(strstr(err.msg, "record 3 at byte offset"));
    assert_non_null(strstr(err.msg, "head says there are 3"));
    free(orig);
}

static void remove_swap_duplicate_splice(void **state)
{
    char path[512], other[512], work[512];
    tj_path(path, sizeof path, "rsd.tj");
    tj_path(other, sizeof other, "rsd-other.tj");
    tj_path(work, sizeof work, "rsd-work.tj");
    size_t len = 0, olen = 0;
    uint8_t *a = build(path, 4, 0, &len);
    uint8_t *o = build(other, 4, 0, &olen); /* same records, other file and keys */
    size_t ao[8], oo[8];
    assert_int_equal(record_offsets(a, len, ao, 7), 4);
    assert_int_equal(record_offsets(o, olen, oo, 7), 4);
    uint8_t *b = malloc(len * 2 + olen);
    size_t r2 = ao[2] - ao[1], r3 = ao[3] - ao[2];

    /* Remove record 2. */
    memcpy(b, a, ao[1]);
    memcpy(b + ao[1], a + ao[2], len - ao[2]);
    assert_int_equal(check_bytes(work, b, len - r2, 4, 0), TR_E_CORRUPT);
    /* Remove the last record (a cut at a record boundary). */
    assert_int_equal(check_bytes(work, a, ao[3], 4, 0), TR_E_CORRUPT);
    /* Swap records 2 and 3. */
    memcpy(b, a, ao[1]);
    memcpy(b + ao[1], a + ao[2], r3);
    memcpy(b + ao[1] + r3, a + ao[1], r2);
    memcpy(b + ao[3], a + ao[3], len - ao[3]);
    assert_int_equal(check_bytes(work, b, len, 4, 0), TR_E_CORRUPT);
    /* Duplicate record 2 in place after itself. */
    memcpy(b, a, ao[2]);
    memcpy(b + ao[2], a + ao[1], r2);
    memcpy(b + ao[2] + r2, a + ao[2], len - ao[2]);
    assert_int_equal(check_bytes(work, b, len + r2, 4, 0), TR_E_CORRUPT);
    /* Duplicate the last record at the end: ignored with a warning, the 4 records intact. */
    memcpy(b, a, len);
    memcpy(b + len, a + ao[3], len - ao[3]);
    assert_int_equal(check_bytes(work, b, len + (len - ao[3]), 4, 0), TR_OK);
    /* Splice record 2 of the other journal (same sequence number) into this one. */
    assert_int_equal(oo[2] - oo[1], r2);
    memcpy(b, a, len);
    memcpy(b + ao[1], o + oo[1], r2);
    assert_int_equal(check_bytes(work, b, len, 4, 0), TR_E_CORRUPT);
    /* The other journal's head slots on this journal: not authentic here. */
    memcpy(b, a, len);
    memcpy(b + 1024, o + 1024, 1024);
    assert_int_equal(check_bytes(work, b, len, 4, 0), TR_E_CORRUPT);
    /* The other journal's records under this header. */
    memcpy(b, a, REC_OFF);
    memcpy(b + REC_OFF, o + REC_OFF, olen - REC_OFF);
    assert_int_equal(check_bytes(work, b, olen, 4, 0), TR_E_CORRUPT);
    free(b);
    free(a);
    free(o);
}

/* Issue 13, item 6. A crash tears a head slot only while it is written, after the record it
 * names is durable: so a damaged slot with that record complete is a crash (a warning, every
 * record there), but a damaged slot with the last record cut, or with no record beyond the other
 * slot's head, is damage that may hide lost records: an error, never "normal after a crash". */
static void damaged_head_slot(void **state)
{
    char path[512], work[512];
    tj_path(path, sizeof path, "slot.tj");
    tj_path(work, sizeof work, "slot-work.tj");
    size_t len = 0;
    uint8_t *a = build(path, 4, 0, &len);
    uint64_t gen[2] = {0, 0};
    for (int s = 0; s < 2; s++)
        for (int i = 7; i >= 0; i--)
            gen[s] = (gen[s] << 8) | a[1024 + 512 * s + i];
    int cur = gen[1] > gen[0] ? 1 : 0;
    size_t offs[8];
    assert_int_equal(record_offsets(a, len, offs, 7), 4);
    uint8_t *b = malloc(len);

    /* The current slot damaged, record 4 complete: what a crash while writing it leaves. */
    memcpy(b, a, len);
    b[1024 + 512 * cur + 3] ^= 0x10;
    assert_int_equal(check_bytes(work, b, len, 4, 0), TR_OK);

    /* The current slot damaged and the last record cut short: record 4 is lost. */
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_journal_desc d = tj_desc(work, tj_nosync_io());
    for (size_t cut = offs[3]; cut < len; cut += 97) {
        tj_write_all(work, b, cut);
        assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_CORRUPT);
        assert_null(j);
        assert_non_null(strstr(err.msg, "is damaged"));
        assert_non_null(strstr(err.msg, "may be missing"));
        assert_null(strstr(err.msg, "normal after a crash"));
    }

    /* The other (older) slot damaged, nothing beyond the head: no crash makes this either. */
    memcpy(b, a, len);
    b[1024 + 512 * (1 - cur) + 40] ^= 0x01;
    assert_int_equal(check_bytes(work, b, len, 4, 0), TR_E_CORRUPT);
    free(b);
    free(a);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    tj_mkdir();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(flip_every_byte),     cmocka_unit_test(flip_dense_sample),
        cmocka_unit_test(truncate_everywhere), cmocka_unit_test(remove_swap_duplicate_splice),
        cmocka_unit_test(damaged_head_slot),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tj_rmdir();
    return rc;
}
