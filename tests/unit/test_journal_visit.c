/* tr_journal_open's visitor (desc.visit): every record handed over once, in order, exactly as
 * tr_journal_query_each gives it; a visitor's error stops open cleanly; and the contract that
 * records visited before a failed verification come with an error, so the caller can (and
 * must) discard them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <sodium.h>

#include "tj_support.h"

#define N 40

typedef struct seen {
    int n;
    int stop_at; /* refuse record stop_at (0 = never) */
    uint64_t seq[N + 2];
    int64_t ts[N + 2];
    char *type[N + 2];
    char *json[N + 2];
} seen;

static void seen_free(seen *s)
{
    for (int i = 0; i < s->n; i++) {
        free(s->type[i]);
        free(s->json[i]);
    }
    s->n = 0;
}

static void keep(seen *s, const tr_journal_record *rec)
{
    assert_true(s->n < N + 2);
    assert_int_equal(strlen(rec->json), rec->json_len); /* NUL-terminated, no NUL inside */
    s->seq[s->n] = rec->seq;
    s->ts[s->n] = rec->ts;
    s->type[s->n] = strdup(rec->type);
    s->json[s->n] = strdup(rec->json);
    s->n++;
}

static tr_status on_open(void *user, const tr_journal_record *rec, tr_error *err)
{
    seen *s = user;
    if (s->stop_at && (int)rec->seq == s->stop_at)
        return tr_error_set(err, TR_E_NOMEM, "visitor gave up at %llu",
                            (unsigned long long)rec->seq);
    keep(s, rec);
    return TR_OK;
}

/* Refuses without setting err: open must still give a message. */
static tr_status refuse_silently(void *user, const tr_journal_record *rec, tr_error *err)
{
    (void)user, (void)rec, (void)err;
    return TR_E_INVALID;
}

static int on_query(void *user, const tr_journal_record *rec)
{
    keep(user, rec);
    return 0;
}

static void build(const char *path, int n)
{
    unlink(path);
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, tj_nosync_io());
    assert_int_equal(tr_journal_create(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    for (int i = 1; i <= n; i++) {
        char rec[1024];
        size_t rl = tj_record(rec, sizeof rec, i);
        assert_int_equal(tr_journal_append(j, rec, rl, NULL, &err), TR_OK);
    }
    tr_journal_close(j);
}

static tr_status open_visit(const char *path, seen *s, tr_journal **j, tr_error *err)
{
    tr_journal_desc d = tj_desc(path, tj_nosync_io());
    d.visit = on_open;
    d.visit_user = s;
    return tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, j, err);
}

static void test_same_as_query(void **state)
{
    (void)state;
    char path[300];
    tj_path(path, sizeof path, "same.trinn");
    build(path, N);
    seen a = {0}, b = {0};
    tr_journal *j = NULL;
    tr_error err = {0};
    assert_int_equal(open_visit(path, &a, &j, &err), TR_OK);
    assert_int_equal(a.n, N);
    assert_int_equal(tr_journal_query_each(j, NULL, on_query, &b, &err), TR_OK);
    assert_int_equal(b.n, N);
    for (int i = 0; i < N; i++) {
        assert_int_equal(a.seq[i], i + 1);
        assert_int_equal(a.seq[i], b.seq[i]);
        assert_int_equal(a.ts[i], b.ts[i]);
        assert_string_equal(a.type[i], b.type[i]);
        assert_string_equal(a.json[i], b.json[i]);
        char rec[1024];
        tj_record(rec, sizeof rec, i + 1);
        assert_string_equal(a.json[i], rec); /* exactly as appended */
    }
    /* appending after a visited open continues the chain */
    char rec[1024];
    size_t rl = tj_record(rec, sizeof rec, N + 1);
    assert_int_equal(tr_journal_append(j, rec, rl, NULL, &err), TR_OK);
    tr_journal_close(j);
    seen_free(&a);
    assert_int_equal(open_visit(path, &a, &j, &err), TR_OK);
    assert_int_equal(a.n, N + 1);
    assert_string_equal(a.json[N], rec);
    tr_journal_close(j);
    seen_free(&a);
    seen_free(&b);
}

static void test_visitor_error(void **state)
{
    (void)state;
    char path[300];
    tj_path(path, sizeof path, "stop.trinn");
    build(path, 5);
    seen s = {.stop_at = 3};
    tr_journal *j = NULL;
    tr_error err = {0};
    assert_int_equal(open_visit(path, &s, &j, &err), TR_E_NOMEM);
    assert_null(j);
    assert_int_equal(s.n, 2);
    assert_non_null(strstr(err.msg, "gave up at 3"));
    seen_free(&s);
    tr_journal_desc d = tj_desc(path, tj_nosync_io());
    d.visit = refuse_silently;
    err = (tr_error){0};
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_INVALID);
    assert_null(j);
    assert_non_null(strstr(err.msg, "record 1"));
    /* the failed opens released the lock and left the file as it was */
    s.stop_at = 0;
    assert_int_equal(open_visit(path, &s, &j, &err), TR_OK);
    assert_int_equal(s.n, 5);
    tr_journal_close(j);
    seen_free(&s);
}

/* The contract: a journal whose end fails verification (last record altered, last record cut
 * off) fails to open, after the records before it were visited; so visiting alone proves
 * nothing, only open's TR_OK does. */
static void test_tampered_after_visits(void **state)
{
    (void)state;
    char path[300];
    tj_path(path, sizeof path, "tamper.trinn");
    build(path, 6);
    size_t len = 0;
    uint8_t *buf = tj_read_all(path, &len);
    tr_journal *j = NULL;
    tr_error err = {0};
    seen s = {0};

    buf[len - 1] ^= 0x01; /* the last record's tag */
    tj_write_all(path, buf, len);
    assert_int_equal(open_visit(path, &s, &j, &err), TR_E_CORRUPT);
    assert_null(j);
    assert_int_equal(s.n, 5); /* visited, yet the journal is refused */
    assert_non_null(strstr(err.msg, "record 6"));
    seen_free(&s);

    buf[len - 1] ^= 0x01;
    tj_write_all(path, buf, len - 40); /* the last record cut short */
    assert_int_equal(open_visit(path, &s, &j, &err), TR_E_CORRUPT);
    assert_null(j);
    assert_int_equal(s.n, 5);
    seen_free(&s);

    /* bytes after the last acknowledged record are a torn append: not an error */
    uint8_t *more = malloc(len + 50);
    memcpy(more, buf, len);
    memset(more + len, 0x5a, 50);
    tj_write_all(path, more, len + 50);
    assert_int_equal(open_visit(path, &s, &j, &err), TR_OK);
    assert_int_equal(s.n, 6);
    assert_int_equal(tr_journal_warning_count(j), 1);
    tr_journal_close(j);
    seen_free(&s);

    /* wrong passphrase: nothing visited */
    tj_write_all(path, buf, len);
    tr_journal_desc d = tj_desc(path, tj_nosync_io());
    d.visit = on_open;
    d.visit_user = &s;
    assert_int_equal(tr_journal_open(&d, "wrong", 5, &j, &err), TR_E_AUTH);
    assert_int_equal(s.n, 0);
    free(more);
    free(buf);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    tj_mkdir();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_query),
        cmocka_unit_test(test_visitor_error),
        cmocka_unit_test(test_tampered_after_visits),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tj_rmdir();
    return rc;
}
