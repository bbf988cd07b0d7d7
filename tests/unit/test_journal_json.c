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
#ifdef _WIN32
    /* cmd.exe: double quotes, NUL, and the whole line quoted once more (cmd /c strips them);
     * TRINN_EXE_BIN is the folder of the .exe (TRINN_BIN holds wrappers for the emulator) */
    char wargs[1400];
    snprintf(wargs, sizeof wargs, "%s", args);
    for (char *q = wargs; *q; q++)
        if (*q == '\'')
            *q = '"';
    bin = getenv("TRINN_EXE_BIN") ? getenv("TRINN_EXE_BIN") : bin;
    snprintf(cmd, sizeof cmd, "\"\"%s/trinnctl.exe\" %s >NUL 2>\"%s\"\"", bin, wargs, errf);
#else
    snprintf(cmd, sizeof cmd, "'%s/trinnctl' %s >/dev/null 2>'%s'", bin, args, errf);
#endif
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
        tj_seal_append(path, cases[k].type, ts, cases[k].body, strlen(cases[k].body));
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
