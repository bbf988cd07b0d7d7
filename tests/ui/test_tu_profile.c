/* The profile model without a window: slugs that can never leave the folder, create / list /
 * unlock / close, duplicate names, records written through the sink and read back oldest
 * first, a wrong passphrase, and the same through the worker thread; changing the passphrase
 * (the current one checked and counted, a full disk) and deleting a profile (only with its
 * passphrase; file and name gone, others kept). Journals use the cheapest Argon2id costs so the
 * test is quick. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <errno.h>
#include <sodium.h>
#include <sys/stat.h>

#include "tt_os.h"
#include "tu_profile.h"
#include "tp_io.h"
#include "tu_profile_ui.h"

static char dir[256];

static tu_profile_desc desc(void)
{
    return (tu_profile_desc){.data_dir = dir,
                             .kdf_ops = crypto_pwhash_OPSLIMIT_MIN,
                             .kdf_mem = crypto_pwhash_MEMLIMIT_MIN};
}

static int setup(void **state)
{
    (void)state;
    return tt_mkdtemp(dir, sizeof dir, "trinn-profile");
}

static int teardown(void **state)
{
    (void)state;
    return tt_remove_tree(dir);
}

static void test_slug(void **state)
{
    (void)state;
    char s[TU_PROFILE_SLUG_MAX + 1];
    tu_profile_slug("Kari", s, sizeof s);
    assert_string_equal(s, "kari");
    tu_profile_slug("Ærlig Øystein på Å", s, sizeof s);
    assert_string_equal(s, "aerlig-oystein-paa-aa");
    tu_profile_slug("../../etc/passwd", s, sizeof s);
    assert_string_equal(s, "etc-passwd");
    tu_profile_slug("a/b\\c", s, sizeof s);
    assert_string_equal(s, "a-b-c");
    tu_profile_slug("..", s, sizeof s);
    assert_string_equal(s, "profil");
    tu_profile_slug("日本", s, sizeof s); /* nothing usable */
    assert_string_equal(s, "profil");
    tu_profile_slug("x😀y", s, sizeof s); /* a 4-byte character is one dash */
    assert_string_equal(s, "x-y");
    tu_profile_slug("aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeeeeeee", s, sizeof s);
    assert_int_equal(strlen(s), TU_PROFILE_SLUG_MAX);
}

static void test_lifecycle(void **state)
{
    (void)state;
    tu_profile_desc d = desc();
    tu_profile_info *list = NULL;
    size_t n = 9;
    tr_error err = {0};
    tu_profile p = {0};
    cJSON *recs = NULL;

    assert_int_equal(tu_profile_list(&d, &list, &n, &err), TR_OK); /* no folder yet */
    assert_int_equal(n, 0);
    assert_null(list);

    assert_int_equal(tu_profile_create(&d, "  Ola/../æøå ", "pass one two", 12, &p, &recs, &err),
                     TR_OK);
    assert_non_null(p.j);
    assert_string_equal(p.slug, "ola-aeoaa");
    assert_string_equal(p.name, "Ola/../æøå");
    assert_int_equal(cJSON_GetArraySize(recs), 0);
    cJSON_Delete(recs);
    /* two records through the sink, as tu_records appends them */
    for (int i = 0; i < 2; i++) {
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "type", "checkin");
        cJSON_AddStringToObject(r, "ts", i ? "2026-11-26T20:00:00Z" : "2026-11-25T20:00:00Z");
        cJSON_AddNumberToObject(r, "mood", 5 + i);
        assert_int_equal(tu_profile_sink(&p, r, &err), 0);
        cJSON_Delete(r);
    }
    tu_profile_close(&p);
    assert_null(p.j);
    assert_int_equal(tu_profile_sink(&p, NULL, &err), -1); /* closed: refused, not crashed */

    /* the same display name again (any case) is refused; a similar one gets its own file */
    assert_int_equal(tu_profile_create(&d, "OLA/../ÆØÅ", "x y z w", 7, &p, &recs, &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "already"));
    assert_null(recs);
    assert_int_equal(tu_profile_create(&d, "ola aeoaa", "other pass", 10, &p, &recs, &err), TR_OK);
    assert_string_equal(p.slug, "ola-aeoaa-2");
    tu_profile_close(&p);
    cJSON_Delete(recs);
    assert_int_equal(tu_profile_create(&d, "   ", "x", 1, &p, &recs, &err), TR_E_INVALID);
    assert_int_equal(tu_profile_create(&d, "a\nb", "x", 1, &p, &recs, &err), TR_E_INVALID);

    assert_int_equal(tu_profile_list(&d, &list, &n, &err), TR_OK);
    assert_int_equal(n, 2);
    /* sorted by file name: "ola-aeoaa-2.trinn" before "ola-aeoaa.trinn" */
    assert_string_equal(list[0].slug, "ola-aeoaa-2");
    assert_string_equal(list[0].name, "ola aeoaa");
    assert_string_equal(list[1].slug, "ola-aeoaa");
    assert_string_equal(list[1].name, "Ola/../æøå");
    tu_profile_list_free(list);

    /* wrong passphrase, then the right one: both records, oldest first */
    assert_int_equal(tu_profile_unlock(&d, "ola-aeoaa", "pass one", 8, &p, &recs, &err), TR_E_AUTH);
    assert_null(p.j);
    assert_null(recs);
    assert_int_equal(tu_profile_unlock(&d, "ola-aeoaa", "pass one two", 12, &p, &recs, &err),
                     TR_OK);
    assert_string_equal(p.name, "Ola/../æøå");
    assert_int_equal(cJSON_GetArraySize(recs), 2);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(recs, 0), "mood")->valueint, 5);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(recs, 1), "mood")->valueint, 6);
    cJSON_Delete(recs);
    /* a second unlock while open: the journal's lock says busy */
    tu_profile q = {0};
    assert_int_equal(tu_profile_unlock(&d, "ola-aeoaa", "pass one two", 12, &q, &recs, &err),
                     TR_E_BUSY);
    tu_profile_close(&p);

    /* slugs that are not ours are refused before any path is made */
    assert_int_equal(tu_profile_unlock(&d, "../x", "a", 1, &p, &recs, &err), TR_E_INVALID);
    assert_int_equal(tu_profile_unlock(&d, "", "a", 1, &p, &recs, &err), TR_E_INVALID);
    assert_int_equal(tu_profile_unlock(&d, "nobody", "a", 1, &p, &recs, &err), TR_E_NOTFOUND);
}

/* A journal that fails verification at its end (the last record's tag altered) is refused,
 * and the profile hands back no records, though the ones before it were already read. */
static void test_tampered(void **state)
{
    (void)state;
    tu_profile_desc d = desc();
    tr_error err = {0};
    tu_profile p = {0};
    cJSON *recs = NULL;
    char path[1200];
    assert_int_equal(tu_profile_create(&d, "Kari", "pass one two", 12, &p, &recs, &err), TR_OK);
    cJSON_Delete(recs);
    for (int i = 0; i < 3; i++) {
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "type", "checkin");
        cJSON_AddStringToObject(r, "ts", "2026-11-25T20:00:00Z");
        cJSON_AddNumberToObject(r, "mood", i);
        assert_int_equal(tu_profile_sink(&p, r, &err), 0);
        cJSON_Delete(r);
    }
    tu_profile_close(&p);
    assert_int_equal(tu_profile_path(&d, "kari", path, sizeof path), 0);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, -1, SEEK_END), 0);
    int c = fgetc(f);
    assert_int_equal(fseek(f, -1, SEEK_END), 0);
    assert_int_not_equal(fputc(c ^ 0x40, f), EOF);
    assert_int_equal(fclose(f), 0);

    recs = (cJSON *)&p; /* must be reset */
    assert_int_equal(tu_profile_unlock(&d, "kari", "pass one two", 12, &p, &recs, &err),
                     TR_E_CORRUPT);
    assert_null(recs);
    assert_null(p.j);
    assert_non_null(strstr(err.msg, "record 3"));
}

static void test_worker(void **state)
{
    (void)state;
    tu_profile_desc d = desc();
    tr_error err = {0};
    tu_profile p = {0};
    cJSON *recs = NULL;
    tu_profile_job *job = tu_profile_job_start(&d, "Worker", NULL, "sky sea sand", 12, 0, &err);
    assert_non_null(job);
    assert_int_equal(tu_profile_job_finish(job, &p, &recs, &err), TR_OK);
    assert_string_equal(p.slug, "worker");
    tu_profile_close(&p);
    cJSON_Delete(recs);
    job = tu_profile_job_start(&d, NULL, "worker", "sky sea", 7, 0, &err);
    assert_non_null(job);
    while (!tu_profile_job_done(job))
        usleep(1000);
    assert_int_equal(tu_profile_job_finish(job, &p, &recs, &err), TR_E_AUTH);
    assert_null(p.j);
    job = tu_profile_job_start(&d, NULL, "worker", "sky sea sand", 12, 0, &err);
    assert_int_equal(tu_profile_job_finish(job, &p, &recs, &err), TR_OK);
    assert_non_null(p.j);
    assert_int_equal(cJSON_GetArraySize(recs), 0);
    tu_profile_close(&p);
    cJSON_Delete(recs);
}

/* The hint's estimator: common passwords and the profile's own name are weak, several words
 * are strong. */
static void test_strength(void **state)
{
    (void)state;
    assert_true(tu_profile_strength("password", "", NULL) < TU_PROFILE_MIN_BITS);
    assert_true(tu_profile_strength("12345678", "", NULL) < TU_PROFILE_MIN_BITS);
    assert_true(tu_profile_strength("kari", "Kari", NULL) < TU_PROFILE_MIN_BITS);
    assert_true(tu_profile_strength("kari1990", "Kari", NULL) < TU_PROFILE_WEAK_BITS);
    assert_true(tu_profile_strength("grønn sykkel under brua", "Kari", NULL) >=
                TU_PROFILE_GOOD_BITS);
    assert_true(tu_profile_strength("correct horse battery staple", "", NULL) >=
                TU_PROFILE_GOOD_BITS);
}

static void add_checkin(tu_profile *p, int mood)
{
    tr_error err = {0};
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "type", "checkin");
    cJSON_AddStringToObject(r, "ts", "2026-11-25T20:00:00Z");
    cJSON_AddNumberToObject(r, "mood", mood);
    assert_int_equal(tu_profile_sink(p, r, &err), 0);
    cJSON_Delete(r);
}

static int exists(const char *slug)
{
    tu_profile_desc d = desc();
    char path[1200];
    struct stat sb;
    assert_int_equal(tu_profile_path(&d, slug, path, sizeof path), 0);
    return stat(path, &sb) == 0;
}

#define OLD "pass one two"
#define NEW "three four five"

/* A change checks the current passphrase (a wrong one is counted like an unlock and changes
 * nothing; the profile stays open and writable), keeps every record, and afterwards only the
 * new passphrase opens the journal. */
static void test_passwd(void **state)
{
    (void)state;
    tu_profile_desc d = desc();
    tr_error err = {0};
    tu_profile p = {0};
    cJSON *recs = NULL;
    assert_int_equal(tu_profile_passwd(&d, &p, OLD, 12, NEW, 15, &err), TR_E_INVALID);
    assert_int_equal(tu_profile_create(&d, "Kari", OLD, 12, &p, &recs, &err), TR_OK);
    cJSON_Delete(recs);
    add_checkin(&p, 1);
    assert_int_equal(tu_profile_passwd(&d, &p, "pass one", 8, NEW, 15, &err), TR_E_AUTH);
    assert_non_null(p.j);
    add_checkin(&p, 2); /* still open and writable */
    int64_t wait = -1;
    assert_int_equal(tu_profile_wait_open(&d, &p, &wait, &err), TR_OK);
    assert_int_equal(wait, 0); /* one wrong try is free */
    assert_int_equal(tu_profile_passwd(&d, &p, OLD, 12, NEW, 15, &err), TR_OK);
    add_checkin(&p, 3);
    tu_profile_close(&p);

    assert_int_equal(tu_profile_unlock(&d, "kari", OLD, 12, &p, &recs, &err), TR_E_AUTH);
    assert_int_equal(tu_profile_unlock(&d, "kari", NEW, 15, &p, &recs, &err), TR_OK);
    assert_int_equal(cJSON_GetArraySize(recs), 3);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(recs, 2), "mood")->valueint, 3);
    cJSON_Delete(recs);

    /* wrong current passphrases: the third brings the wait, then the journal refuses tries */
    for (int i = 0; i < 3; i++)
        assert_int_equal(tu_profile_passwd(&d, &p, "nope", 4, OLD, 12, &err), TR_E_AUTH);
    assert_non_null(strstr(err.msg, "seconds"));
    assert_int_equal(tu_profile_wait_open(&d, &p, &wait, &err), TR_OK);
    assert_true(wait > 0);
    assert_int_equal(tu_profile_passwd(&d, &p, NEW, 15, OLD, 12, &err), TR_E_LOCKED);
    add_checkin(&p, 4); /* the profile is still open */
    tu_profile_close(&p);
    assert_int_equal(tu_profile_wait(&d, "kari", &wait, &err), TR_OK);
    assert_true(wait > 0);
}

/* The worker owns the profile while it changes the passphrase and hands it back open. */
static void test_passwd_worker(void **state)
{
    (void)state;
    tu_profile_desc d = desc();
    tr_error err = {0};
    tu_profile p = {0};
    cJSON *recs = NULL;
    assert_int_equal(tu_profile_create(&d, "Kari", OLD, 12, &p, &recs, &err), TR_OK);
    cJSON_Delete(recs);
    tr_journal *j = p.j;
    tu_profile_job *job = tu_profile_job_passwd(&d, &p, "wrong", 5, NEW, 15, 0, &err);
    assert_non_null(job);
    assert_null(p.j); /* nothing can append meanwhile: the sink refuses */
    assert_int_equal(tu_profile_sink(&p, NULL, &err), -1);
    assert_int_equal(tu_profile_job_finish(job, &p, &recs, &err), TR_E_AUTH);
    assert_ptr_equal(p.j, j);
    assert_string_equal(p.slug, "kari");
    assert_null(recs);
    job = tu_profile_job_passwd(&d, &p, OLD, 12, NEW, 15, 0, &err);
    assert_non_null(job);
    while (!tu_profile_job_done(job))
        usleep(1000);
    assert_int_equal(tu_profile_job_finish(job, &p, &recs, &err), TR_OK);
    assert_ptr_equal(p.j, j);
    add_checkin(&p, 1);
    tu_profile_close(&p);
    assert_int_equal(tu_profile_unlock(&d, "kari", NEW, 15, &p, &recs, &err), TR_OK);
    assert_int_equal(cJSON_GetArraySize(recs), 1);
    cJSON_Delete(recs);
    tu_profile_close(&p);
}

/* A disk that is full when the re-keyed copy is written: TR_E_IO, and the old passphrase
 * still opens the journal with every record. */
static tp_io_file *tmp_file;

static int full_open(void *user, const char *path, int flags, tp_io_file **out)
{
    int rc = tp_io_posix()->open(user, path, flags, out);
    size_t n = strlen(path);
    if (rc == 0 && n > 4 && strcmp(path + n - 4, ".tmp") == 0)
        tmp_file = *out;
    return rc;
}

static int full_pwrite(void *user, tp_io_file *f, const void *buf, size_t n, uint64_t off)
{
    if (f == tmp_file && off > 0)
        return -ENOSPC;
    return tp_io_posix()->pwrite(user, f, buf, n, off);
}

static void test_passwd_disk_full(void **state)
{
    (void)state;
    tu_profile_desc d = desc();
    tr_error err = {0};
    tu_profile p = {0};
    cJSON *recs = NULL;
    assert_int_equal(tu_profile_create(&d, "Kari", OLD, 12, &p, &recs, &err), TR_OK);
    cJSON_Delete(recs);
    add_checkin(&p, 7);
    tu_profile_close(&p);
    /* the profile opened through a storage seam whose disk fills up */
    tp_io full = *tp_io_posix();
    full.open = full_open;
    full.pwrite = full_pwrite;
    char path[1200];
    assert_int_equal(tu_profile_path(&d, "kari", path, sizeof path), 0);
    p = (tu_profile){.slug = "kari", .name = "Kari"};
    assert_int_equal(tr_journal_open(
                         &(tr_journal_desc){
                             .path = path, .io = &full, .kdf_ops = d.kdf_ops, .kdf_mem = d.kdf_mem},
                         OLD, 12, &p.j, &err),
                     TR_OK);
    assert_int_equal(tu_profile_passwd(&d, &p, OLD, 12, NEW, 15, &err), TR_E_IO);
    assert_non_null(strstr(err.msg, strerror(ENOSPC)));
    tmp_file = NULL;
    add_checkin(&p, 8); /* the failed change left the journal writable */
    tu_profile_close(&p);
    char tmp[1300];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_equal(access(tmp, F_OK), -1);
    assert_int_equal(tu_profile_unlock(&d, "kari", NEW, 15, &p, &recs, &err), TR_E_AUTH);
    assert_int_equal(tu_profile_unlock(&d, "kari", OLD, 12, &p, &recs, &err), TR_OK);
    assert_int_equal(cJSON_GetArraySize(recs), 2);
    cJSON_Delete(recs);
    tu_profile_close(&p);
}

/* Deleting needs the profile's passphrase; then its journal and its name are gone and the
 * other profile is untouched. */
static void test_delete(void **state)
{
    (void)state;
    tu_profile_desc d = desc();
    tr_error err = {0};
    tu_profile p = {0};
    cJSON *recs = NULL;
    tu_profile_info *list = NULL;
    size_t n = 0;
    assert_int_equal(tu_profile_create(&d, "Kari", OLD, 12, &p, &recs, &err), TR_OK);
    cJSON_Delete(recs);
    add_checkin(&p, 1);
    tu_profile_close(&p);
    assert_int_equal(tu_profile_create(&d, "Ola", NEW, 15, &p, &recs, &err), TR_OK);
    cJSON_Delete(recs);
    tu_profile_close(&p);

    assert_int_equal(tu_profile_delete(&d, "kari", NEW, 15, &err), TR_E_AUTH); /* Ola's */
    assert_true(exists("kari"));
    assert_int_equal(tu_profile_delete(&d, "../kari", OLD, 12, &err), TR_E_INVALID);
    assert_int_equal(tu_profile_delete(&d, "nobody", OLD, 12, &err), TR_E_NOTFOUND);
    /* open in this process: the journal's lock refuses, nothing is erased */
    assert_int_equal(tu_profile_unlock(&d, "kari", OLD, 12, &p, &recs, &err), TR_OK);
    cJSON_Delete(recs);
    assert_int_equal(tu_profile_delete(&d, "kari", OLD, 12, &err), TR_E_BUSY);
    assert_true(exists("kari"));
    tu_profile_close(&p);

    assert_int_equal(tu_profile_delete(&d, "kari", OLD, 12, &err), TR_OK);
    assert_false(exists("kari"));
    assert_true(exists("ola"));
    assert_int_equal(tu_profile_list(&d, &list, &n, &err), TR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].slug, "ola");
    assert_string_equal(list[0].name, "Ola");
    tu_profile_list_free(list);
    char idx[300];
    snprintf(idx, sizeof idx, "%s/profiles/names.json", dir);
    FILE *f = fopen(idx, "r");
    assert_non_null(f);
    char text[1000] = {0};
    assert_true(fread(text, 1, sizeof text - 1, f) > 0);
    fclose(f);
    assert_null(strstr(text, "kari"));
    assert_non_null(strstr(text, "\"ola\""));
    assert_int_equal(tu_profile_delete(&d, "kari", OLD, 12, &err), TR_E_NOTFOUND);
    /* the same name can be used again, for a new, empty profile */
    assert_int_equal(tu_profile_create(&d, "Kari", NEW, 15, &p, &recs, &err), TR_OK);
    assert_string_equal(p.slug, "kari");
    assert_int_equal(cJSON_GetArraySize(recs), 0);
    cJSON_Delete(recs);
    tu_profile_close(&p);

    /* through the worker */
    tu_profile_job *job = tu_profile_job_delete(&d, "ola", NEW, 15, 0, &err);
    assert_non_null(job);
    assert_int_equal(tu_profile_job_finish(job, &p, &recs, &err), TR_OK);
    assert_null(p.j);
    assert_null(recs);
    assert_false(exists("ola"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slug),
        cmocka_unit_test(test_strength),
        cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tampered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_worker, setup, teardown),
        cmocka_unit_test_setup_teardown(test_passwd, setup, teardown),
        cmocka_unit_test_setup_teardown(test_passwd_worker, setup, teardown),
        cmocka_unit_test_setup_teardown(test_passwd_disk_full, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
