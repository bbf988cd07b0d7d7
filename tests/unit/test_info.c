/* Unit tests of tr_info (content/info.json, issue 17): the shipped information pages load in
 * every language, every phone number they show is one the pack can cite (a crisis contact of
 * crisis.json, whose sources content/README.md gives), and the validator names each kind of
 * problem with its JSON path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_info.h"
#include "tt_os.h"
#include "tt_pack.h"

static tr_content *pack;

static int setup(void **state)
{
    (void)state;
    pack = tt_pack_load();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tr_content_free(pack);
    return 0;
}

static void test_shipped_pages(void **state)
{
    tr_diags d = {0};
    tr_error err = {0};
    tr_info *info = NULL;
    size_t phones = 0, named_only = 0;
    (void)state;
    tt_pack_no_problems(tr_info_load(pack, &info, &d, &err), &d, &err);
    const tr_info_page *rel = tr_info_find(info, "relatives");
    const tr_info_page *groups = tr_info_find(info, "self_help_groups");
    assert_non_null(rel);
    assert_non_null(groups);
    assert_null(tr_info_find(info, "nosuch"));
    assert_true(rel->draft && groups->draft); /* our own texts, not yet reviewed */
    for (size_t p = 0; p < info->n_pages; p++)
        for (size_t s = 0; s < info->pages[p].n_sections; s++)
            for (size_t c = 0; c < info->pages[p].sections[s].n_contacts; c++) {
                const tr_info_contact *ct = &info->pages[p].sections[s].contacts[c];
                int cited = 0;
                if (!ct->phone) {
                    named_only++;
                    continue;
                }
                for (size_t k = 0; k < pack->n_crisis; k++)
                    cited |= strcmp(pack->crisis[k].number, ct->phone) == 0 &&
                             strcmp(pack->crisis[k].dial, ct->dial) == 0;
                if (!cited)
                    fail_msg("%s: the phone number %s is not one the pack can cite (crisis.json)",
                             info->pages[p].id, ct->phone);
                phones++;
            }
    /* the organisations whose numbers could not be checked are named without one */
    assert_true(phones >= 5);
    assert_true(named_only >= 6);
    tr_info_free(info);
}

/* Loads TEXT as info.json of the shipped pack (in a scratch folder) and expects a problem
 * whose line holds `want`. */
static tr_status load_free(const tr_content *p, tr_diags *d, tr_error *err)
{
    tr_info *info = (tr_info *)1;
    tr_status st = tr_info_load(p, &info, d, err);
    if (st != TR_OK)
        assert_null(info);
    tr_info_free(st == TR_OK ? info : NULL);
    return st;
}

static void expect_problem(const char *text, const char *want)
{
    tt_pack_expect_problem(pack, "info.json", NULL, text, load_free, want);
}

#define LOC(s) "{\"nb\": \"" s "\", \"nn\": \"" s "\", \"en\": \"" s "\"}"
#define PAGE_HEAD                                                                                  \
    "{\"format\": 1, \"pages\": [{\"id\": \"p\", \"title\": " LOC("T") ", \"summary\": " LOC(      \
        "S") ", \"review\": {\"status\": \"draft\"}, \"sections\": [{\"id\": \"s\", "              \
             "\"heading\": " LOC("H") ", \"text\": [" LOC("P") "]"
#define PAGE_TAIL "}]}]}"

static void test_validator(void **state)
{
    (void)state;
    /* the good one loads */
    {
        char dir[256], path[300];
        char *saved = pack->dir;
        tr_diags d = {0};
        tr_error err = {0};
        tr_info *info = NULL;
        FILE *f;
        assert_int_equal(tt_mkdtemp(dir, sizeof dir, "trinn-info"), 0);
        snprintf(path, sizeof path, "%s/info.json", dir);
        assert_non_null(f = fopen(path, "w"));
        fputs(PAGE_HEAD ", \"contacts\": [{\"name\": " LOC("N") ", \"text\": " LOC(
                  "X") ", \"phone\": \"116 123\", \"dial\": \"116123\", \"web\": "
                       "\"mentalhelse.no\"}]" PAGE_TAIL,
              f);
        assert_int_equal(fclose(f), 0);
        pack->dir = dir;
        assert_int_equal(tr_info_load(pack, &info, &d, &err), TR_OK);
        assert_string_equal(info->pages[0].sections[0].contacts[0].dial, "116123");
        tr_info_free(info);
        /* no file: nothing to show, no problem */
        assert_int_equal(remove(path), 0);
        assert_int_equal(tr_info_load(pack, &info, &d, &err), TR_E_NOTFOUND);
        assert_null(info);
        assert_int_equal(d.count, 0);
        pack->dir = saved;
        assert_int_equal(tt_remove_tree(dir), 0);
    }
    expect_problem("{\"format\": 1, \"pages\": [", "info.json:1:");
    expect_problem("{\"format\": 2, \"pages\": []}", "$.format: must be 1");
    expect_problem(PAGE_HEAD ", \"colour\": 1" PAGE_TAIL,
                   "$.pages[0].sections[0]: unknown key \"colour\"");
    expect_problem(
        "{\"format\": 1, \"pages\": [{\"id\": \"p\", \"title\": {\"nb\": \"T\", \"en\": "
        "\"T\"}, \"summary\": " LOC("S") ", \"review\": {\"status\": \"draft\"}, "
                                         "\"sections\": [{\"id\": \"s\", \"heading\": " LOC(
                                             "H") ", \"text\": [" LOC("P") "]}]}]}",
        "$.pages[0].title: missing the nn translation");
    expect_problem(PAGE_HEAD ", \"contacts\": [{\"name\": " LOC("N") ", \"text\": " LOC(
                       "X") ", \"phone\": \"116 123\"}]" PAGE_TAIL,
                   "\"phone\" (as shown, \"116 123\") and \"dial\" (its digits, \"116123\") go "
                   "together");
    expect_problem(PAGE_HEAD ", \"contacts\": [{\"name\": " LOC("N") ", \"text\": " LOC(
                       "X") ", \"web\": \"https://mentalhelse.no\"}]" PAGE_TAIL,
                   "\"web\" is a website as shown, without http://");
    expect_problem(PAGE_HEAD ", \"contacts\": [{\"name\": " LOC("N") ", \"text\": " LOC(
                       "X") ", \"phone\": \"ring 113\", \"dial\": \"113\"}]" PAGE_TAIL,
                   "\"phone\" may hold only digits, spaces and +");
    expect_problem(
        "{\"format\": 1, \"pages\": [{\"id\": \"Page 1\", \"title\": " LOC(
            "T") ", \"summary\": " LOC("S") ", \"review\": {\"status\": \"draft\"}, "
                                            "\"sections\": [{\"id\": \"s\", \"heading\": " LOC(
                                                "H") ", \"text\": [" LOC("P") "]}]}]}",
        "$.pages[0]: \"id\" must be a string of a-z");
    expect_problem(
        "{\"format\": 1, \"pages\": [{\"id\": \"p\", \"title\": " LOC("T") ", \"summary\": " LOC(
            "S") ", \"review\": {\"status\": \"ok\"}, "
                 "\"sections\": [{\"id\": \"s\", \"heading\": " LOC("H") ", \"text\": [" LOC(
                     "P") "]}]}]}",
        "$.pages[0].review: \"status\" must be \"draft\" or \"reviewed\"");
    expect_problem(
        "{\"format\": 1, \"pages\": [{\"id\": \"p\", \"title\": " LOC("T") ", \"summary\": " LOC(
            "S") ", \"review\": {\"status\": "
                 "\"reviewed\"}, \"sections\": [{\"id\": "
                 "\"s\", \"heading\": " LOC("H") ", \"text\": [" LOC("P") "]}]}]}",
        "a reviewed page names who reviewed it");
    expect_problem("{\"format\": 1, \"pages\": [{\"id\": \"p\", \"title\": " LOC(
                       "T") ", \"summary\": " LOC("S") ", \"review\": {\"status\": \"draft\"}, "
                                                       "\"sections\": []}]}",
                   "\"sections\" must be an array of 1 to 20");
    expect_problem(PAGE_HEAD "}, {\"id\": \"s\", \"heading\": " LOC("H") ", \"text\": [" LOC(
                       "P") "]" PAGE_TAIL,
                   "section id 's' is used twice");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_pages),
        cmocka_unit_test(test_validator),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
