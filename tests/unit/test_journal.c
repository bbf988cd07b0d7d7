/* The journal's behaviour: round trips, queries, passphrase change, export, erase, version
 * and cost checks, wrong passphrases with a growing delay, and the one-writer lock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <sodium.h>
#ifndef _WIN32
#include <sys/wait.h> /* fork: Windows has none; second_handle_gets_busy runs there */
#endif

#include "tj_support.h"
#include "tp_clock.h"
#include <cjson/cJSON.h>

typedef struct collected {
    int n;
    uint64_t seqs[256];
    char *json[256];
} collected;

static int collect(void *user, const tr_journal_record *rec)
{
    collected *c = user;
    assert_true(c->n < 256);
    assert_int_equal(strlen(rec->json), rec->json_len);
    c->seqs[c->n] = rec->seq;
    c->json[c->n++] = strdup(rec->json);
    return 0;
}

static void collected_free(collected *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->json[i]);
    c->n = 0;
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
        uint64_t seq = 0;
        assert_int_equal(tr_journal_append(j, rec, len, &seq, &err), TR_OK);
        assert_int_equal(seq, (uint64_t)i);
    }
    return j;
}

static void round_trip(void **state)
{
    char path[512];
    tr_journal *j = make("rt.tj", 20, path, sizeof path);
    tr_journal_close(j);
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    assert_int_equal(tr_journal_count(j), 20);
    assert_int_equal(tr_journal_warning_count(j), 0);
    collected c = {0};
    assert_int_equal(tr_journal_query_each(j, NULL, collect, &c, &err), TR_OK);
    assert_int_equal(c.n, 20);
    for (int i = 0; i < 20; i++) {
        char rec[1024];
        tj_record(rec, sizeof rec, i + 1);
        assert_int_equal(c.seqs[i], (uint64_t)(i + 1));
        assert_string_equal(c.json[i], rec);
    }
    collected_free(&c);
    /* Appending after reopening continues the chain. */
    char rec[1024];
    size_t len = tj_record(rec, sizeof rec, 21);
    uint64_t seq = 0;
    assert_int_equal(tr_journal_append(j, rec, len, &seq, &err), TR_OK);
    assert_int_equal(seq, 21);
    tr_journal_close(j);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    assert_int_equal(tr_journal_count(j), 21);
    tr_journal_close(j);
}

static void bad_records_rejected(void **state)
{
    char path[512];
    tr_journal *j = make("bad.tj", 1, path, sizeof path);
    tr_error err = {0};
    const char *bad[] = {
        "[1,2]",
        "{\"ts\":\"2026-11-26T10:00:00Z\"}",
        "{\"type\":\"\",\"ts\":\"2026-11-26T10:00:00Z\"}",
        "{\"type\":7,\"ts\":\"2026-11-26T10:00:00Z\"}",
        "{\"type\":\"checkin\"}",
        "{\"type\":\"checkin\",\"ts\":\"yesterday\"}",
        "{\"type\":\"checkin\",\"ts\":\"2026-02-30T10:00:00Z\"}",
        "{\"type\":\"checkin\",\"ts\":\"2026-11-26T10:00:00Z\"} x",
        ("{\"type\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
         "\"ts\":\"2026-11-26T10:00:00Z\"}"),
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint64_t seq = 99;
        tr_status st = tr_journal_append(j, bad[i], strlen(bad[i]), &seq, &err);
        assert_true(st == TR_E_PARSE || st == TR_E_INVALID);
        assert_int_equal(seq, 99);
    }
    char *big = malloc(TR_JOURNAL_MAX_RECORD + 64);
    int n = snprintf(big, 64, "{\"type\":\"x\",\"ts\":\"2026-11-26T10:00:00Z\",\"p\":\"");
    memset(big + n, 'a', TR_JOURNAL_MAX_RECORD);
    memcpy(big + n + TR_JOURNAL_MAX_RECORD, "\"}", 3);
    assert_int_equal(tr_journal_append(j, big, strlen(big), NULL, &err), TR_E_TOOBIG);
    free(big);
    /* Nothing was written: the journal still has one record and appends go on. */
    assert_int_equal(tr_journal_count(j), 1);
    const char *ok = "{\"type\":\"checkin\",\"ts\":\"2026-11-26T10:00:00+01:00\",\"mood\":3}";
    uint64_t seq = 0;
    assert_int_equal(tr_journal_append(j, ok, strlen(ok), &seq, &err), TR_OK);
    assert_int_equal(seq, 2);
    tr_journal_close(j);
}

static void queries(void **state)
{
    char path[512];
    tr_journal *j = make("q.tj", 100, path, sizeof path);
    tr_error err = {0};
    collected c = {0};
    assert_int_equal(
        tr_journal_query_each(j, &(tr_journal_query){.type = "checkin"}, collect, &c, &err), TR_OK);
    assert_int_equal(c.n, 25); /* i % 4 == 0 */
    for (int i = 0; i < c.n; i++) {
        assert_int_equal(c.seqs[i] % 4, 0);
        assert_non_null(strstr(c.json[i], "\"type\":\"checkin\""));
    }
    collected_free(&c);
    assert_int_equal(
        tr_journal_query_each(j, &(tr_journal_query){.type = "nosuch"}, collect, &c, &err), TR_OK);
    assert_int_equal(c.n, 0);
    /* Records 24..47 are on 2026-11-02 (see tj_record). */
    int64_t since, until;
    assert_int_equal(tp_clock_parse("2026-11-02T00:00:00Z", &since), 0);
    assert_int_equal(tp_clock_parse("2026-11-02T23:59:59Z", &until), 0);
    assert_int_equal(tr_journal_query_each(j, &(tr_journal_query){.since = since, .until = until},
                                           collect, &c, &err),
                     TR_OK);
    assert_int_equal(c.n, 24);
    assert_int_equal(c.seqs[0], 24);
    assert_int_equal(c.seqs[23], 47);
    collected_free(&c);
    assert_int_equal(tr_journal_query_each(
                         j, &(tr_journal_query){.type = "session", .since = since, .until = until},
                         collect, &c, &err),
                     TR_OK);
    assert_int_equal(c.n, 6);
    collected_free(&c);
    tr_journal_close(j);
}

static void passwd_changes_the_passphrase(void **state)
{
    char path[512];
    tr_journal *j = make("pw.tj", 10, path, sizeof path);
    tr_error err = {0};
    assert_int_equal(tr_journal_passwd(j, "new one", 7, &err), TR_OK);
    /* The handle goes on working on the re-keyed file. */
    char rec[1024];
    size_t len = tj_record(rec, sizeof rec, 11);
    assert_int_equal(tr_journal_append(j, rec, len, NULL, &err), TR_OK);
    tr_journal_close(j);
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_AUTH);
    assert_null(j);
    assert_null(strstr(err.msg, TJ_PASS));
    assert_int_equal(tr_journal_open(&d, "new one", 7, &j, &err), TR_OK);
    assert_int_equal(tr_journal_count(j), 11);
    tr_journal_close(j);
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_equal(access(tmp, F_OK), -1);
}

static void export_is_plain_json(void **state)
{
    char path[512], out[512];
    tr_journal *j = make("ex.tj", 5, path, sizeof path);
    tj_path(out, sizeof out, "ex.json");
    unlink(out);
    tr_error err = {0};
    assert_int_equal(tr_journal_export(j, out, &err), TR_OK);
    assert_int_equal(tr_journal_export(j, out, &err), TR_E_INVALID); /* never overwrites */
    tr_journal_close(j);
    size_t len = 0;
    uint8_t *text = tj_read_all(out, &len);
    cJSON *doc = cJSON_ParseWithLength((const char *)text, len);
    assert_non_null(doc);
    assert_string_equal(cJSON_GetObjectItem(doc, "format")->valuestring, "trinn-journal-export");
    cJSON *recs = cJSON_GetObjectItem(doc, "records");
    assert_int_equal(cJSON_GetArraySize(recs), 5);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(recs, 4), "i")->valueint, 5);
    cJSON_Delete(doc);
    free(text);
    if (tt_acls_kept(tj_dir))
        assert_true(tt_owner_only(out)); /* 0600, or the owner-only access list on Windows */
    else
        print_message("note: this file system does not keep access lists (wine); the export's "
                      "owner-only list was set but cannot be checked here\n");
}

static void erase_removes_for_good(void **state)
{
    char path[512];
    tr_journal *j = make("er.tj", 3, path, sizeof path);
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_erase(&d, &err), TR_E_BUSY); /* still open */
    tr_journal_close(j);
    assert_int_equal(tr_journal_erase(&d, &err), TR_OK);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(tr_journal_erase(&d, &err), TR_E_NOTFOUND);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_NOTFOUND);
}

static void create_refuses_existing_and_bad_costs(void **state)
{
    char path[512];
    tr_journal *j = make("ex2.tj", 0, path, sizeof path);
    tr_journal_close(j);
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_create(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_INVALID);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    tr_journal_close(j);
    char other[512];
    tj_path(other, sizeof other, "costs.tj");
    d = tj_desc(other, NULL);
    d.kdf_mem = TR_JOURNAL_MAX_KDF_MEM + 1;
    assert_int_equal(tr_journal_create(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_INVALID);
    assert_int_equal(access(other, F_OK), -1);
    d = tj_desc(other, NULL);
    assert_int_equal(tr_journal_create(&d, "", 0, &j, &err), TR_E_INVALID);
}

/* Rewrites bytes of the file at off. */
static void poke(const char *path, long off, const void *bytes, size_t n)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, off, SEEK_SET), 0);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static void put_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void version_and_cost_caps(void **state)
{
    char path[512];
    tr_journal *j = make("ver.tj", 2, path, sizeof path);
    tr_journal_close(j);
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, NULL);
    uint8_t v2[2] = {2, 0};
    poke(path, 8, v2, 2);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_VERSION);
    assert_non_null(strstr(err.msg, "newer"));
    uint8_t v1[2] = {1, 0};
    poke(path, 8, v1, 2);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    tr_journal_close(j);
    /* A crafted header asking for 64 GiB is refused before any allocation. */
    uint8_t mem[8];
    put_u64(mem, (uint64_t)64 << 30);
    poke(path, 24, mem, 8);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_CORRUPT);
    assert_non_null(strstr(err.msg, "costs"));
    uint8_t ops[8];
    put_u64(ops, 1000);
    put_u64(mem, 8192);
    poke(path, 24, mem, 8);
    poke(path, 16, ops, 8);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_CORRUPT);
    /* A downgrade within the caps (the costs are associated data of the key wrap) fails
     * authentication: ops 1 -> 2 with the right passphrase. */
    put_u64(ops, 2);
    poke(path, 16, ops, 8);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_AUTH);
}

static int64_t fake_now(void *user)
{
    return *(int64_t *)user;
}

static void wrong_passphrase_delay(void **state)
{
    char path[512];
    tr_journal *j = make("delay.tj", 1, path, sizeof path);
    tr_journal_close(j);
    int64_t now = 1000000;
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, NULL);
    d.now = fake_now;
    d.now_user = &now;
    int64_t wait = -1;
    for (int i = 0; i < 3; i++)
        assert_int_equal(tr_journal_open(&d, "wrong", 5, &j, &err), TR_E_AUTH);
    assert_non_null(strstr(err.msg, "wrong passphrase"));
    assert_int_equal(tr_journal_wait(&d, &wait, &err), TR_OK);
    assert_int_equal(wait, 10);
    /* Even the right passphrase waits now. */
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_LOCKED);
    assert_non_null(strstr(err.msg, "wait 10 seconds"));
    now += 10;
    assert_int_equal(tr_journal_open(&d, "wrong", 5, &j, &err), TR_E_AUTH);
    assert_int_equal(tr_journal_wait(&d, &wait, &err), TR_OK);
    assert_int_equal(wait, 20); /* doubles */
    now += 5;
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_LOCKED);
    now -= 100000; /* a clock set back does not shorten the wait */
    assert_int_equal(tr_journal_wait(&d, &wait, &err), TR_OK);
    assert_int_equal(wait, 20);
    now += 100000 + 20;
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    tr_journal_close(j);
    /* Success resets the counter. */
    assert_int_equal(tr_journal_wait(&d, &wait, &err), TR_OK);
    assert_int_equal(wait, 0);
    assert_int_equal(tr_journal_open(&d, "wrong", 5, &j, &err), TR_E_AUTH);
    assert_int_equal(tr_journal_wait(&d, &wait, &err), TR_OK);
    assert_int_equal(wait, 0);
}

#ifndef _WIN32
static void second_process_gets_busy(void **state)
{
    char path[512];
    tr_journal *j = make("lock.tj", 1, path, sizeof path);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        tr_journal *k = NULL;
        tr_error err = {0};
        tr_journal_desc d = tj_desc(path, NULL);
        tr_status st = tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &k, &err);
        _exit(st == TR_E_BUSY && strstr(err.msg, "in use") ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    /* Our handle still works, and once closed the journal opens again. */
    tr_error err = {0};
    char rec[1024];
    size_t len = tj_record(rec, sizeof rec, 2);
    assert_int_equal(tr_journal_append(j, rec, len, NULL, &err), TR_OK);
    tr_journal_close(j);
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    assert_int_equal(tr_journal_count(j), 2);
    tr_journal_close(j);
}

#endif

/* The lock belongs to the open file, not the process: a second open in the same program is
 * refused too (flock on separate opens; LockFileEx on separate handles on Windows). */
static void second_handle_gets_busy(void **state)
{
    char path[512];
    tr_journal *j = make("lock2.tj", 1, path, sizeof path), *k = NULL;
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &k, &err), TR_E_BUSY);
    assert_non_null(strstr(err.msg, "in use"));
    assert_null(k);
    tr_journal_close(j);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &k, &err), TR_OK);
    tr_journal_close(k);
}

static void not_a_journal(void **state)
{
    char path[512];
    tj_path(path, sizeof path, "plain.txt");
    tj_write_all(path, (const uint8_t *)"hello", 5);
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_open(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_E_CORRUPT);
    assert_non_null(strstr(err.msg, "not a Trinn journal"));
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    tj_mkdir();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(bad_records_rejected),
        cmocka_unit_test(queries),
        cmocka_unit_test(passwd_changes_the_passphrase),
        cmocka_unit_test(export_is_plain_json),
        cmocka_unit_test(erase_removes_for_good),
        cmocka_unit_test(create_refuses_existing_and_bad_costs),
        cmocka_unit_test(version_and_cost_caps),
        cmocka_unit_test(wrong_passphrase_delay),
#ifndef _WIN32
        cmocka_unit_test(second_process_gets_busy),
#endif
        cmocka_unit_test(second_handle_gets_busy),
        cmocka_unit_test(not_a_journal),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tj_rmdir();
    return rc;
}
