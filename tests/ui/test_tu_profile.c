/* The profile model without a window: slugs that can never leave the folder, create / list /
 * unlock / close, duplicate names, records written through the sink and read back oldest
 * first, a wrong passphrase, and the same through the worker thread. Journals use the cheapest
 * Argon2id costs so the test is quick. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "tu_profile.h"
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
    snprintf(dir, sizeof dir, "/tmp/trinn-profile-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
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
    assert_true(tu_profile_strength("password", "") < TU_PROFILE_MIN_BITS);
    assert_true(tu_profile_strength("12345678", "") < TU_PROFILE_MIN_BITS);
    assert_true(tu_profile_strength("kari", "Kari") < TU_PROFILE_MIN_BITS);
    assert_true(tu_profile_strength("kari1990", "Kari") < TU_PROFILE_WEAK_BITS);
    assert_true(tu_profile_strength("grønn sykkel under brua", "Kari") >= TU_PROFILE_GOOD_BITS);
    assert_true(tu_profile_strength("correct horse battery staple", "") >= TU_PROFILE_GOOD_BITS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slug),
        cmocka_unit_test(test_strength),
        cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_worker, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
