/* The failed-try wait with a stored last-failure time that no honest run can write (issue 13
 * item 5): a time in the future (the clock went back, or a crafted file) must give one whole
 * delay from now and then end, not "wait 10 seconds" at every try; INT64_MIN and INT64_MAX
 * must not overflow (this test runs under UBSan in the sanitizer build) and give a wait within
 * 0..3600 seconds. The slot is written by hand from core/FORMAT.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <sodium.h>

#include "tj_support.h"

static int64_t fake_now;

static int64_t clock_fn(void *user)
{
    (void)user;
    return fake_now;
}

/* Writes the failed-attempt slot at byte 512: "TRAT", failures, time, checksum. */
static void put_slot(const char *path, uint32_t failures, int64_t when)
{
    uint8_t slot[32] = {'T', 'R', 'A', 'T'};
    for (int i = 0; i < 4; i++)
        slot[4 + i] = (uint8_t)(failures >> (8 * i));
    for (int i = 0; i < 8; i++)
        slot[8 + i] = (uint8_t)((uint64_t)when >> (8 * i));
    crypto_generichash(slot + 16, 16, slot, 16, NULL, 0);
    const tp_io *io = tp_io_posix(); /* positioned writes on Windows too */
    tp_io_file *f = NULL;
    assert_int_equal(io->open(io->user, path, TP_IO_WRITE, &f), 0);
    assert_int_equal(io->pwrite(io->user, f, slot, sizeof slot, 512), 0);
    assert_int_equal(io->close(io->user, f), 0);
}

static tr_journal_desc desc_at(const char *path)
{
    tr_journal_desc d = tj_desc(path, NULL);
    d.now = clock_fn;
    return d;
}

static int64_t wait_now(const char *path)
{
    tr_journal_desc d = desc_at(path);
    tr_error err = {0};
    int64_t s = -1;
    assert_int_equal(tr_journal_wait(&d, &s, &err), TR_OK);
    return s;
}

static tr_status try_open(const char *path, const char *pass)
{
    tr_journal_desc d = desc_at(path);
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_status st = tr_journal_open(&d, pass, strlen(pass), &j, &err);
    tr_journal_close(j);
    return st;
}

static void make(char *path, size_t n)
{
    tj_path(path, n, "lock.trinn");
    unlink(path);
    tr_journal_desc d = desc_at(path);
    tr_journal *j = NULL;
    tr_error err = {0};
    assert_int_equal(tr_journal_create(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    tr_journal_close(j);
}

static void test_future_time_ends(void **state)
{
    (void)state;
    char path[512];
    make(path, sizeof path);
    fake_now = 1800000000;
    put_slot(path, 3, fake_now + 86400 * 365); /* a year ahead */
    assert_int_equal(wait_now(path), 10);      /* one whole delay from now ... */
    fake_now += 11;
    assert_int_equal(wait_now(path), 0); /* ... and then it is over */
    assert_int_equal(try_open(path, TJ_PASS), TR_OK);

    /* the same when open (not wait) is the first to see the future time */
    put_slot(path, 3, fake_now + 86400);
    assert_int_equal(try_open(path, TJ_PASS), TR_E_LOCKED);
    fake_now += 10;
    assert_int_equal(try_open(path, TJ_PASS), TR_OK);
}

static void test_extreme_times(void **state)
{
    (void)state;
    char path[512];
    make(path, sizeof path);
    fake_now = 1800000000;
    put_slot(path, 9, INT64_MIN); /* long ago: no wait, and no overflow */
    assert_int_equal(wait_now(path), 0);
    assert_int_equal(try_open(path, TJ_PASS), TR_OK);

    put_slot(path, 9, INT64_MAX); /* far ahead: the capped delay from now, then none */
    int64_t w = wait_now(path);
    assert_true(w > 0 && w <= 3600);
    fake_now += w;
    assert_int_equal(wait_now(path), 0);
    assert_int_equal(try_open(path, TJ_PASS), TR_OK);

    /* a clock at the ends of the range too */
    fake_now = INT64_MIN;
    put_slot(path, 9, INT64_MAX);
    w = wait_now(path);
    assert_true(w >= 0 && w <= 3600);
    fake_now = INT64_MAX;
    put_slot(path, 9, INT64_MIN);
    assert_int_equal(wait_now(path), 0);
}

int main(void)
{
    tj_mkdir();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_future_time_ends),
        cmocka_unit_test(test_extreme_times),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tj_rmdir();
    return rc;
}
