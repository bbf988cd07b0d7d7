/* Unit tests of tr_bundle (issue 10, item 2: one content load): the shipped pack loads whole,
 * every part present; a pack with one broken module, or a broken optional part, loads nothing
 * and names the problem; a pack without an optional part is whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tp_path.h"
#include "tr_bundle.h"
#include "tt_os.h"

static const char *content(void)
{
    const char *dir = getenv("TRINN_CONTENT");
    return dir ? dir : "content";
}

/* A scratch copy of the shipped pack in dir (size bytes). */
static void copy_pack(char *dir, size_t size)
{
    assert_int_equal(tt_mkdtemp(dir, size, "bundle"), 0);
    assert_int_equal(tt_copy_tree(content(), dir), 0);
}

/* Writes text over dir/rel. */
static void put(const char *dir, const char *rel, const char *text)
{
    char path[TP_PATH_MAX];
    assert_int_equal(tp_path_join(path, sizeof path, dir, rel), 0);
    assert_int_equal(tp_fs_write_atomic(path, text, strlen(text)), 0);
}

/* 1 when some diagnostic names file. */
static int names_file(const tr_diags *d, const char *file)
{
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->items[i].file, file) == 0)
            return 1;
    return 0;
}

static void test_shipped_pack_is_whole(void **state)
{
    tr_bundle *b = NULL;
    tr_diags d = {0};
    tr_error err = {0};
    (void)state;
    if (tr_bundle_load(&(tr_bundle_desc){.dir = content(), .lint = 1}, &b, &d, &err) != TR_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(d.count, 0);
    assert_non_null(b->pack);
    assert_non_null(b->triage);
    assert_true(b->n_modules >= 10);
    for (size_t i = 0; i < b->n_modules; i++)
        assert_non_null(b->modules[i]);
    assert_true(b->has_track);
    assert_non_null(b->info);
    assert_non_null(b->med);
    assert_non_null(b->goals);
    assert_non_null(b->fhir);
    assert_non_null(b->stats_ref);
    assert_non_null(b->words);
    assert_non_null(b->passgen[0]);
    assert_non_null(b->passgen[1]);
    tr_bundle_free(b);
}

/* One broken module used to be left out while the rest loaded: now nothing loads. */
static void test_broken_module_loads_nothing(void **state)
{
    char dir[TP_PATH_MAX];
    tr_bundle *b = NULL;
    tr_diags d = {0};
    tr_error err = {0};
    (void)state;
    copy_pack(dir, sizeof dir);
    put(dir, "modules/worry.json", "{\"id\": \"worry\"");
    assert_int_equal(tr_bundle_load(&(tr_bundle_desc){.dir = dir}, &b, &d, &err), TR_E_INVALID);
    assert_null(b);
    assert_true(names_file(&d, "modules/worry.json"));
    assert_non_null(strstr(err.msg, "problem"));
    tr_diags_free(&d);
    tt_remove_tree(dir);
}

/* Problems of several parts are all reported, not just the first. */
static void test_every_problem_is_reported(void **state)
{
    char dir[TP_PATH_MAX];
    tr_bundle *b = NULL;
    tr_diags d = {0};
    tr_error err = {0};
    (void)state;
    copy_pack(dir, sizeof dir);
    put(dir, "modules/worry.json", "[]");
    put(dir, "stats.json", "{\"format\": 2}");
    put(dir, "security/passphrase_words_nn.json", "{");
    assert_int_equal(tr_bundle_load(&(tr_bundle_desc){.dir = dir}, &b, &d, &err), TR_E_INVALID);
    assert_null(b);
    assert_true(names_file(&d, "modules/worry.json"));
    assert_true(names_file(&d, "stats.json"));
    assert_true(names_file(&d, "security/passphrase_words_nn.json"));
    tr_diags_free(&d);
    tt_remove_tree(dir);
}

/* The optional parts may be absent: the pack is whole without them. */
static void test_optional_parts_may_be_absent(void **state)
{
    char dir[TP_PATH_MAX], path[TP_PATH_MAX];
    tr_bundle *b = NULL;
    tr_diags d = {0};
    tr_error err = {0};
    (void)state;
    copy_pack(dir, sizeof dir);
    static const char *const gone[] = {"info.json", "stats.json", "security/common_words.json",
                                       "security/passphrase_words_nn.json"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++) {
        assert_int_equal(tp_path_join(path, sizeof path, dir, gone[i]), 0);
        assert_int_equal(remove(path), 0);
    }
    if (tr_bundle_load(&(tr_bundle_desc){.dir = dir}, &b, &d, &err) != TR_OK)
        fail_msg("%s", err.msg);
    assert_null(b->info);
    assert_null(b->stats_ref);
    assert_null(b->words);
    assert_non_null(b->passgen[0]);
    assert_null(b->passgen[1]);
    tr_bundle_free(b);
    tt_remove_tree(dir);
}

static void test_no_pack_is_not_found(void **state)
{
    char dir[TP_PATH_MAX];
    tr_bundle *b = NULL;
    tr_diags d = {0};
    tr_error err = {0};
    (void)state;
    assert_int_equal(tt_mkdtemp(dir, sizeof dir, "bundle"), 0);
    assert_int_equal(tr_bundle_load(&(tr_bundle_desc){.dir = dir}, &b, &d, &err), TR_E_NOTFOUND);
    assert_null(b);
    tr_diags_free(&d);
    tt_remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_pack_is_whole),
        cmocka_unit_test(test_broken_module_loads_nothing),
        cmocka_unit_test(test_every_problem_is_reported),
        cmocka_unit_test(test_optional_parts_may_be_absent),
        cmocka_unit_test(test_no_pack_is_not_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
