/* The front end's side of the profile store without a window: records written through the
 * sink and read back oldest first by the worker's unlock, a wrong passphrase, a tampered
 * journal giving no records; changing the passphrase (the current one checked and counted, the
 * profile handed back open, a full disk) and deleting a profile (only with its passphrase;
 * journal and index entry gone, others kept), through the worker thread as the UI runs them.
 * The store itself is tested in tests/unit/test_profile.c. Journals use the cheapest Argon2id
 * costs so the test is quick. */
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
#include <sys/stat.h>

#include "tt_os.h"
#include "tu_profile.h"

#define OLD "grønn sykkel under brua"
#define NEW "tre grønne epler i kurven"

static char dir[256];

static tr_profile_desc desc(void)
{
    tr_profile_desc d = {.data_dir = dir};
    tr_profile_test_costs(&d.kdf_ops, &d.kdf_mem);
    return d;
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

static void add_checkin(tr_profile *p, int mood)
{
    tr_error err = {0};
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "type", "checkin");
    cJSON_AddStringToObject(r, "ts", "2026-11-25T20:00:00Z");
    cJSON_AddNumberToObject(r, "mood", mood);
    assert_int_equal(tu_profile_sink(p, r, &err), 0);
    cJSON_Delete(r);
}

/* Creates profile `name` through the worker; its id into id. */
static void make(const char *name, const char *pass, char *id, tr_profile *keep)
{
    tr_profile_desc d = desc();
    tr_error err = {0};
    tr_profile p = {0};
    cJSON *recs = NULL;
    tu_profile_job *job =
        tu_profile_job_create(&d, &(tr_profile_new){.name = name}, pass, strlen(pass), 0, &err);
    assert_non_null(job);
    assert_int_equal(tu_profile_job_finish(job, &p, &recs, &err), TR_OK);
    assert_non_null(p.j);
    assert_string_equal(p.name, name);
    assert_int_equal(cJSON_GetArraySize(recs), 0);
    cJSON_Delete(recs);
    snprintf(id, TR_PROFILE_ID_LEN + 1, "%s", p.info.id);
    if (keep)
        *keep = p;
    else
        tr_profile_close(&p);
}

static tr_status unlock(const char *id, const char *pass, tr_profile *p, cJSON **recs)
{
    tr_profile_desc d = desc();
    tr_error err = {0};
    tu_profile_job *job = tu_profile_job_unlock(&d, id, pass, strlen(pass), 0, &err);
    assert_non_null(job);
    while (!tu_profile_job_done(job))
        usleep(1000);
    return tu_profile_job_finish(job, p, recs, &err);
}

static int exists(const char *id)
{
    tr_profile_desc d = desc();
    char path[1200];
    struct stat sb;
    assert_int_equal(tr_profile_path(&d, id, path, sizeof path), 0);
    return stat(path, &sb) == 0;
}

static void test_records(void **state)
{
    (void)state;
    char id[TR_PROFILE_ID_LEN + 1];
    tr_profile p = {0};
    cJSON *recs = NULL;
    make("Ola/../æøå", OLD, id, &p);
    add_checkin(&p, 5);
    add_checkin(&p, 6);
    tr_profile_close(&p);
    tr_error err = {0};
    assert_int_equal(tu_profile_sink(&p, NULL, &err), -1); /* closed: refused, not crashed */

    assert_int_equal(unlock(id, "grønn sykkel", &p, &recs), TR_E_AUTH);
    assert_null(p.j);
    assert_null(recs);
    assert_int_equal(unlock(id, OLD, &p, &recs), TR_OK);
    assert_string_equal(p.name, "Ola/../æøå");
    assert_int_equal(cJSON_GetArraySize(recs), 2); /* the name record is the store's own */
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(recs, 0), "mood")->valueint, 5);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(recs, 1), "mood")->valueint, 6);
    cJSON_Delete(recs);
    /* a second unlock in the same process: the journal's lock */
    tr_profile q = {0};
    assert_int_equal(unlock(id, OLD, &q, &recs), TR_E_BUSY);
    tr_profile_close(&p);
}

/* A journal whose last record was altered fails verification as a whole: the error names it,
 * and the profile hands back no records, though the ones before it were already read. */
static void test_tampered(void **state)
{
    (void)state;
    tr_profile_desc d = desc();
    char id[TR_PROFILE_ID_LEN + 1], path[1200];
    tr_profile p = {0};
    cJSON *recs = NULL;
    make("Kari", OLD, id, &p);
    for (int i = 0; i < 3; i++)
        add_checkin(&p, i);
    tr_profile_close(&p);
    assert_int_equal(tr_profile_path(&d, id, path, sizeof path), 0);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, -1, SEEK_END), 0);
    int c = fgetc(f);
    assert_int_equal(fseek(f, -1, SEEK_END), 0);
    assert_int_not_equal(fputc(c ^ 0x40, f), EOF);
    assert_int_equal(fclose(f), 0);

    tr_error err = {0};
    tu_profile_job *job = tu_profile_job_unlock(&d, id, OLD, strlen(OLD), 0, &err);
    recs = (cJSON *)&p; /* must be reset */
    assert_int_equal(tu_profile_job_finish(job, &p, &recs, &err), TR_E_CORRUPT);
    assert_null(recs);
    assert_null(p.j);
    assert_non_null(strstr(err.msg, "record 4")); /* after the name record and two check-ins */
}

/* A change checks the current passphrase (a wrong one is counted like an unlock and changes
 * nothing; the profile stays open and writable), keeps every record, and afterwards only the
 * new passphrase opens the journal; the third wrong try brings the wait. */
static void test_passwd(void **state)
{
    (void)state;
    tr_profile_desc d = desc();
    char id[TR_PROFILE_ID_LEN + 1];
    tr_error err = {0};
    tr_profile p = {0};
    cJSON *recs = NULL;
    assert_int_equal(tr_profile_passwd(&d, &p, OLD, strlen(OLD), NEW, strlen(NEW), &err),
                     TR_E_INVALID);
    make("Kari", OLD, id, &p);
    add_checkin(&p, 1);
    tr_journal *j = p.j;
    tu_profile_job *job = tu_profile_job_passwd(&d, &p, "wrong", 5, NEW, strlen(NEW), 0, &err);
    assert_non_null(job);
    assert_null(p.j); /* nothing can append meanwhile: the sink refuses */
    assert_int_equal(tu_profile_sink(&p, NULL, &err), -1);
    assert_int_equal(tu_profile_job_finish(job, &p, &recs, &err), TR_E_AUTH);
    assert_ptr_equal(p.j, j);
    assert_string_equal(p.info.id, id);
    assert_null(recs);
    add_checkin(&p, 2); /* still open and writable */
    int64_t wait = -1;
    assert_int_equal(tr_profile_wait_open(&d, &p, &wait, &err), TR_OK);
    assert_int_equal(wait, 0); /* one wrong try is free */
    job = tu_profile_job_passwd(&d, &p, OLD, strlen(OLD), NEW, strlen(NEW), 0, &err);
    while (!tu_profile_job_done(job))
        usleep(1000);
    assert_int_equal(tu_profile_job_finish(job, &p, &recs, &err), TR_OK);
    assert_ptr_equal(p.j, j);
    add_checkin(&p, 3);
    tr_profile_close(&p);

    assert_int_equal(unlock(id, OLD, &p, &recs), TR_E_AUTH);
    assert_int_equal(unlock(id, NEW, &p, &recs), TR_OK);
    assert_int_equal(cJSON_GetArraySize(recs), 3);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(recs, 2), "mood")->valueint, 3);
    cJSON_Delete(recs);
    for (int i = 0; i < 3; i++)
        assert_int_equal(tr_profile_passwd(&d, &p, "nope", 4, OLD, strlen(OLD), &err), TR_E_AUTH);
    assert_non_null(strstr(err.msg, "seconds"));
    assert_int_equal(tr_profile_wait_open(&d, &p, &wait, &err), TR_OK);
    assert_true(wait > 0);
    assert_int_equal(tr_profile_passwd(&d, &p, NEW, strlen(NEW), OLD, strlen(OLD), &err),
                     TR_E_LOCKED);
    add_checkin(&p, 4); /* the profile is still open */
    tr_profile_close(&p);
    assert_int_equal(tr_profile_wait(&d, id, &wait, &err), TR_OK);
    assert_true(wait > 0);
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
    tr_profile_desc d = desc();
    char id[TR_PROFILE_ID_LEN + 1], path[1200];
    tr_error err = {0};
    tr_profile p = {0};
    cJSON *recs = NULL;
    make("Kari", OLD, id, &p);
    add_checkin(&p, 7);
    tr_profile info = p;
    tr_profile_close(&p);
    /* the profile opened through a storage seam whose disk fills up */
    tp_io full = *tp_io_posix();
    full.open = full_open;
    full.pwrite = full_pwrite;
    assert_int_equal(tr_profile_path(&d, id, path, sizeof path), 0);
    p = (tr_profile){.info = info.info};
    snprintf(p.name, sizeof p.name, "Kari");
    assert_int_equal(tr_journal_open(
                         &(tr_journal_desc){
                             .path = path, .io = &full, .kdf_ops = d.kdf_ops, .kdf_mem = d.kdf_mem},
                         OLD, strlen(OLD), &p.j, &err),
                     TR_OK);
    assert_int_equal(tr_profile_passwd(&d, &p, OLD, strlen(OLD), NEW, strlen(NEW), &err), TR_E_IO);
    assert_non_null(strstr(err.msg, strerror(ENOSPC)));
    tmp_file = NULL;
    add_checkin(&p, 8); /* the failed change left the journal writable */
    tr_profile_close(&p);
    char tmp[1300];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_equal(access(tmp, F_OK), -1);
    assert_int_equal(unlock(id, NEW, &p, &recs), TR_E_AUTH);
    assert_int_equal(unlock(id, OLD, &p, &recs), TR_OK);
    assert_int_equal(cJSON_GetArraySize(recs), 2);
    cJSON_Delete(recs);
    tr_profile_close(&p);
}

/* Deleting needs the profile's passphrase; then its journal and index entry are gone and the
 * other profile is untouched. */
static void test_delete(void **state)
{
    (void)state;
    tr_profile_desc d = desc();
    char kari[TR_PROFILE_ID_LEN + 1], ola[TR_PROFILE_ID_LEN + 1];
    tr_error err = {0};
    tr_profile p = {0};
    cJSON *recs = NULL;
    tr_profile_info *list = NULL;
    size_t n = 0;
    make("Kari", OLD, kari, NULL);
    make("Ola", NEW, ola, NULL);

    tu_profile_job *job = tu_profile_job_delete(&d, kari, NEW, strlen(NEW), 0, &err); /* Ola's */
    assert_int_equal(tu_profile_job_finish(job, &p, &recs, &err), TR_E_AUTH);
    assert_true(exists(kari));
    assert_int_equal(tr_profile_delete(&d, "../kari", OLD, strlen(OLD), &err), TR_E_INVALID);
    /* open in this process: the journal's lock refuses, nothing is erased */
    assert_int_equal(unlock(kari, OLD, &p, &recs), TR_OK);
    cJSON_Delete(recs);
    assert_int_equal(tr_profile_delete(&d, kari, OLD, strlen(OLD), &err), TR_E_BUSY);
    assert_true(exists(kari));
    tr_profile_close(&p);

    job = tu_profile_job_delete(&d, kari, OLD, strlen(OLD), 0, &err);
    assert_non_null(job);
    assert_int_equal(tu_profile_job_finish(job, &p, &recs, &err), TR_OK);
    assert_null(p.j);
    assert_null(recs);
    assert_false(exists(kari));
    assert_true(exists(ola));
    assert_int_equal(tr_profile_list(&d, &list, &n, &err), TR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].id, ola);
    tr_profile_list_free(list);
    char idx[300];
    snprintf(idx, sizeof idx, "%s/profiles/index.json", dir);
    FILE *f = fopen(idx, "r");
    assert_non_null(f);
    char text[2000] = {0};
    assert_true(fread(text, 1, sizeof text - 1, f) > 0);
    fclose(f);
    assert_null(strstr(text, kari));
    assert_non_null(strstr(text, ola));
    assert_int_equal(tr_profile_delete(&d, kari, OLD, strlen(OLD), &err), TR_E_NOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tampered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_passwd, setup, teardown),
        cmocka_unit_test_setup_teardown(test_passwd_disk_full, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
