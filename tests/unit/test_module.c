/* Unit tests of the module loader and validator: the shipped modules load, and each kind of
 * mistake in a module is reported with the JSON path where it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_dir.h"
#include "tr_json.h"
#include "tr_module.h"

static char *content_path(const char *rel)
{
    const char *dir = getenv("TRINN_CONTENT");
    assert_non_null(dir);
    char *p = malloc(strlen(dir) + strlen(rel) + 2);
    assert_non_null(p);
    sprintf(p, "%s/%s", dir, rel);
    return p;
}

static cJSON *load_json(const char *rel)
{
    char *p = content_path(rel);
    tr_error err = {0};
    cJSON *j = tr_json_load_file(p, &err);
    if (!j)
        fail_msg("%s", err.msg);
    free(p);
    return j;
}

/* Follows a path like "steps/1/pages/0/fields/2" from root; fails the test when absent. */
static cJSON *at(cJSON *root, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    cJSON *node = root;
    for (char *tok = strtok(buf, "/"); tok; tok = strtok(NULL, "/")) {
        if (cJSON_IsArray(node))
            node = cJSON_GetArrayItem(node, atoi(tok));
        else
            node = cJSON_GetObjectItemCaseSensitive(node, tok);
        if (!node)
            fail_msg("no %s in the test module", path);
    }
    return node;
}

static void set(cJSON *root, const char *path, const char *key, cJSON *value)
{
    cJSON *obj = at(root, path);
    if (cJSON_GetObjectItemCaseSensitive(obj, key))
        cJSON_ReplaceItemInObjectCaseSensitive(obj, key, value);
    else
        cJSON_AddItemToObject(obj, key, value);
}

/* true when some diagnostic has this exact path and a message containing `part`. */
static bool has_diag(const tr_diags *d, const char *path, const char *part)
{
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->items[i].path, path) == 0 && strstr(d->items[i].msg, part))
            return true;
    return false;
}

static void print_diags(const tr_diags *d)
{
    char buf[1024];
    for (size_t i = 0; i < d->count; i++) {
        tr_diag_format(&d->items[i], buf, sizeof buf);
        fprintf(stderr, "  %s\n", buf);
    }
}

/* Validates json and expects a failure with a diagnostic at path mentioning part. */
static void expect_problem(cJSON *json, const char *path, const char *part)
{
    tr_diags d = {0};
    tr_module *m = NULL;
    tr_status st =
        tr_module_from_json(json, "modules/thought_record.json", "thought_record", &m, &d);
    if (st != TR_E_INVALID || !has_diag(&d, path, part)) {
        print_diags(&d);
        fail_msg("expected a problem at %s mentioning \"%s\" (status %s)", path, part,
                 tr_status_name(st));
    }
    assert_null(m);
    tr_diags_free(&d);
    cJSON_Delete(json);
}

static void test_thought_record_loads(void **state)
{
    (void)state;
    char *p = content_path("modules/thought_record.json");
    tr_diags d = {0};
    tr_module *m = NULL;
    tr_status st = tr_module_load(p, &m, &d);
    print_diags(&d);
    assert_int_equal(st, TR_OK);
    assert_int_equal(d.count, 0);
    assert_string_equal(m->id, "thought_record");
    assert_string_equal(tr_module_text(m->title, "en"), "Thought record");
    assert_string_equal(tr_module_text(m->title, "xx"), "Tankeregistrering");
    const tr_module_step *rec = tr_module_step_find(m, "record");
    assert_non_null(rec);
    assert_int_equal(rec->kind, TR_STEP_WORKSHEET);
    assert_string_equal(rec->per, "situation");
    assert_true(rec->page_count >= 5);
    /* the automatic thought stays in view on every page after the one it is written on */
    for (size_t i = 2; i < rec->page_count; i++) {
        bool shown = false;
        for (size_t k = 0; k < rec->pages[i].show_count; k++)
            shown = shown || strcmp(rec->pages[i].show[k], "thought") == 0;
        assert_true(shown);
    }
    const tr_module_field *change = tr_module_field_find(rec, "change");
    assert_non_null(change);
    assert_int_equal(change->type, TR_FIELD_COMPUTED);
    assert_non_null(change->expr);
    assert_string_equal(tr_module_step_kind_name(TR_STEP_HOMEWORK), "homework");
    assert_string_equal(tr_module_field_type_name(TR_FIELD_LIST), "list");
    tr_module_destroy(m);
    free(p);
}

static void test_every_shipped_module_validates(void **state)
{
    (void)state;
    const char *dir = getenv("TRINN_CONTENT");
    tr_diags d = {0};
    size_t n = 0;
    tr_status st = tr_module_validate_dir(dir, &n, &d);
    print_diags(&d);
    assert_int_equal(st, TR_OK);
    assert_int_equal(d.count, 0);
    assert_true(n >= 5);

    /* modules 1-5 are there, each with a worked example and steps that take entries */
    static const char *const ids[] = {"understanding", "behavioural_activation", "thought_record",
                                      "worry", "exposure"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "modules/%s.json", ids[i]);
        char *p = content_path(rel);
        tr_module *m = NULL;
        assert_int_equal(tr_module_load(p, &m, &d), TR_OK);
        size_t examples = 0, entries = 0;
        for (size_t s = 0; s < m->step_count; s++) {
            examples += m->steps[s].example != NULL;
            entries += m->steps[s].kind != TR_STEP_READING;
        }
        assert_true(examples >= 1);
        assert_true(entries >= 2);
        assert_int_equal(m->steps[m->step_count - 1].kind, TR_STEP_HOMEWORK);
        tr_module_destroy(m);
        free(p);
    }
    /* the exposure tries pick a rung of the client's own ladder */
    char *p = content_path("modules/exposure.json");
    tr_module *m = NULL;
    assert_int_equal(tr_module_load(p, &m, &d), TR_OK);
    const tr_module_field *rung = tr_module_field_find(tr_module_step_find(m, "tries"), "rung");
    assert_string_equal(rung->options_from, "ladder.rungs.situation");
    tr_module_destroy(m);
    free(p);
}

static void test_missing_language(void **state)
{
    (void)state;
    cJSON *j = load_json("modules/thought_record.json");
    cJSON_DeleteItemFromObjectCaseSensitive(at(j, "steps/0/title"), "nn");
    expect_problem(j, "$.steps[0].title", "nn text is missing");

    j = load_json("modules/thought_record.json");
    set(j, "steps/0/text/1", "en", cJSON_CreateString("  "));
    expect_problem(j, "$.steps[0].text[1]", "en text is empty");

    j = load_json("modules/thought_record.json");
    set(j, "steps/1/pages/1/fields/1", "low", cJSON_CreateString("lav"));
    expect_problem(j, "$.steps[1].pages[1].fields[1].low", "must be an object");
}

static void test_unknown_keys_and_kinds(void **state)
{
    (void)state;
    cJSON *j = load_json("modules/thought_record.json");
    set(j, "steps/2", "colour", cJSON_CreateString("blue"));
    expect_problem(j, "$.steps[2]", "unknown key \"colour\"");

    j = load_json("modules/thought_record.json");
    set(j, "steps/2", "kind", cJSON_CreateString("quiz"));
    expect_problem(j, "$.steps[2].kind", "must be one of");

    j = load_json("modules/thought_record.json");
    set(j, "steps/1/pages/0/fields/0", "type", cJSON_CreateString("slider"));
    expect_problem(j, "$.steps[1].pages[0].fields[0].type", "must be one of");

    j = load_json("modules/thought_record.json");
    set(j, "", "format", cJSON_CreateNumber(2));
    expect_problem(j, "$.format", "not known");
}

static void test_ids(void **state)
{
    (void)state;
    cJSON *j = load_json("modules/thought_record.json");
    set(j, "steps/3", "id", cJSON_CreateString("intro"));
    expect_problem(j, "$.steps", "\"intro\" is used twice");

    j = load_json("modules/thought_record.json");
    set(j, "steps/1/pages/2/fields/2", "id", cJSON_CreateString("thought"));
    expect_problem(j, "$.steps[1].pages", "field id \"thought\" is used twice");

    j = load_json("modules/thought_record.json");
    set(j, "steps/3", "id", cJSON_CreateString("Bad-Id"));
    expect_problem(j, "$.steps[3].id", "not a valid id");

    j = load_json("modules/thought_record.json");
    set(j, "", "id", cJSON_CreateString("worry"));
    expect_problem(j, "$.id", "file name");
}

static void test_references(void **state)
{
    (void)state;
    cJSON *j = load_json("modules/thought_record.json");
    cJSON_AddItemToArray(at(j, "steps/1/pages/2/show"), cJSON_CreateString("nothing"));
    expect_problem(j, "$.steps[1].pages[2].show", "\"nothing\" names no field");

    j = load_json("modules/thought_record.json");
    cJSON_AddItemToArray(at(j, "steps/1/pages/2/show"), cJSON_CreateString("balanced"));
    expect_problem(j, "$.steps[1].pages[2].show", "not on an earlier page");

    j = load_json("modules/thought_record.json");
    cJSON_AddItemToArray(at(j, "steps/1/pages/2/show"), cJSON_CreateString("nostep.thought"));
    expect_problem(j, "$.steps[1].pages[2].show", "no step \"nostep\"");

    j = load_json("modules/thought_record.json");
    set(j, "steps/1/pages/5/fields/2", "expr",
        cJSON_Parse("{\"-\":[{\"var\":\"emotion_after\"},{\"var\":\"mood\"}]}"));
    expect_problem(j, "$.steps[1].pages[5].fields[2].expr", "\"mood\"} names no field");

    j = load_json("modules/thought_record.json");
    set(j, "steps/1/pages/5/fields/2", "expr",
        cJSON_Parse("{\"-\":[{\"var\":\"emotion_after\"},{\"var\":\"emotion_before\"},3]}"));
    expect_problem(j, "$.steps[1].pages[5].fields[2].expr", "one or two arguments");

    j = load_json("modules/thought_record.json");
    set(j, "steps/1/pages/5/fields/2", "expr", cJSON_Parse("{\"cat\":[1,2]}"));
    expect_problem(j, "$.steps[1].pages[5].fields[2].expr", "not allowed");

    j = load_json("modules/thought_record.json");
    set(j, "steps/1/pages/5/fields/2", "expr", cJSON_Parse("{\"var\":\"change\"}"));
    expect_problem(j, "$.steps[1].pages[5].fields[2].expr", "computed fields written above");

    j = load_json("modules/thought_record.json");
    set(j, "steps/1", "label_field", cJSON_CreateString("belief_before"));
    expect_problem(j, "$.steps[1].label_field", "must be a text, date, time or choice");
}

static void test_field_rules(void **state)
{
    (void)state;
    cJSON *j = load_json("modules/thought_record.json");
    cJSON *f = at(j, "steps/1/pages/0/fields/0");
    set(j, "steps/1/pages/0/fields/0", "type", cJSON_CreateString("number"));
    cJSON_AddNumberToObject(f, "min", 10);
    cJSON_AddNumberToObject(f, "max", 5);
    expect_problem(j, "$.steps[1].pages[0].fields[0]", "min < max");

    j = load_json("modules/thought_record.json");
    cJSON_DeleteItemFromObjectCaseSensitive(at(j, "steps/1"), "per");
    expect_problem(j, "$.steps[1].per", "needs \"per\"");

    j = load_json("modules/thought_record.json");
    cJSON *opts = at(j, "steps/1/pages/2/fields/0/options");
    while (cJSON_GetArraySize(opts) > 1)
        cJSON_DeleteItemFromArray(opts, 0);
    expect_problem(j, "$.steps[1].pages[2].fields[0].options", "2 to 20 options");

    j = load_json("modules/thought_record.json");
    set(j, "steps/1/pages/1/fields/1", "required", cJSON_CreateString("yes"));
    expect_problem(j, "$.steps[1].pages[1].fields[1].required", "true or false");

    /* a list whose computed column is summed, then a list nested in a list */
    j = load_json("modules/thought_record.json");
    cJSON *fields = at(j, "steps/1/pages/0/fields");
    cJSON_AddItemToArray(
        fields,
        cJSON_Parse("{\"id\":\"drinks\",\"type\":\"list\",\"label\":{\"nb\":\"a\",\"nn\":"
                    "\"a\",\"en\":\"a\"},\"columns\":[{\"id\":\"inner\",\"type\":\"list\","
                    "\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},\"columns\":[]}]}"));
    expect_problem(j, "$.steps[1].pages[0].fields[2].columns[0]", "cannot be a column");

    j = load_json("modules/thought_record.json");
    fields = at(j, "steps/1/pages/0/fields");
    cJSON_AddItemToArray(fields,
                         cJSON_Parse("{\"id\":\"total\",\"type\":\"computed\",\"label\":{\"nb\":"
                                     "\"a\",\"nn\":\"a\",\"en\":\"a\"},\"sum\":\"situation.x\"}"));
    expect_problem(j, "$.steps[1].pages[0].fields[2].sum", "not a list field");

    j = load_json("modules/thought_record.json");
    set(j, "steps/1/pages/2/fields/0", "options_from", cJSON_CreateString("intro.a.b"));
    cJSON_DeleteItemFromObjectCaseSensitive(at(j, "steps/1/pages/2/fields/0"), "options");
    expect_problem(j, "$.steps[1].pages[2].fields[0].options_from", "no list field");
}

static void test_needs_an_example(void **state)
{
    (void)state;
    cJSON *j = load_json("modules/thought_record.json");
    cJSON_DeleteItemFromObjectCaseSensitive(at(j, "steps/0"), "example");
    cJSON_DeleteItemFromObjectCaseSensitive(at(j, "steps/1"), "example");
    expect_problem(j, "$.steps", "worked example");
}

static cJSON *review_of(const char *json)
{
    cJSON *r = cJSON_Parse(json);
    assert_non_null(r);
    return r;
}

static void test_review(void **state)
{
    (void)state;
    /* the shipped reference module is a draft: loaded, with no reviewer */
    char *p = content_path("modules/thought_record.json");
    tr_diags d = {0};
    tr_module *m = NULL;
    assert_int_equal(tr_module_load(p, &m, &d), TR_OK);
    assert_false(m->reviewed);
    assert_null(m->review_by);
    tr_module_destroy(m);
    free(p);

    /* reviewed: who, when and which version */
    cJSON *j = load_json("modules/thought_record.json");
    set(j, "", "review",
        review_of("{\"status\":\"reviewed\",\"by\":\"Kari Lie, psykolog\","
                  "\"date\":\"2026-11-20\",\"version\":\"1.0\"}"));
    m = NULL;
    assert_int_equal(tr_module_from_json(j, "m.json", "thought_record", &m, &d), TR_OK);
    assert_true(m->reviewed);
    assert_string_equal(m->review_by, "Kari Lie, psykolog");
    assert_string_equal(m->review_date, "2026-11-20");
    tr_module_destroy(m);

    /* a new version voids the review */
    set(j, "", "version", cJSON_CreateString("1.1"));
    expect_problem(cJSON_Duplicate(j, 1), "$.review.version", "have the new text reviewed");
    cJSON_Delete(j);

    j = load_json("modules/thought_record.json");
    cJSON_DeleteItemFromObjectCaseSensitive(j, "review");
    expect_problem(j, "$.review", "missing");

    j = load_json("modules/thought_record.json");
    set(j, "", "review", review_of("\"draft\""));
    expect_problem(j, "$.review", "must be an object");

    j = load_json("modules/thought_record.json");
    set(j, "", "review", review_of("{\"status\":\"checked\"}"));
    expect_problem(j, "$.review.status", "\"draft\" or \"reviewed\"");

    j = load_json("modules/thought_record.json");
    set(j, "", "review", review_of("{\"status\":\"draft\",\"by\":\"Kari\"}"));
    expect_problem(j, "$.review", "a draft has no");

    j = load_json("modules/thought_record.json");
    set(j, "", "review", review_of("{\"status\":\"draft\",\"reviewer\":\"Kari\"}"));
    expect_problem(j, "$.review", "unknown key \"reviewer\"");

    j = load_json("modules/thought_record.json");
    set(j, "", "review",
        review_of("{\"status\":\"reviewed\",\"by\":\" \",\"date\":\"2026-02-30\","
                  "\"version\":\"1.0\"}"));
    tr_diags d2 = {0};
    assert_int_equal(tr_module_from_json(j, "m.json", NULL, NULL, &d2), TR_E_INVALID);
    assert_true(has_diag(&d2, "$.review.by", "who reviewed it"));
    assert_true(has_diag(&d2, "$.review.date", "YYYY-MM-DD"));
    tr_diags_free(&d2);
    cJSON_Delete(j);

    j = load_json("modules/thought_record.json");
    set(j, "", "review",
        review_of("{\"status\":\"reviewed\",\"by\":\"Kari\",\"date\":\"2026-11-20\"}"));
    expect_problem(j, "$.review.version", "module version that was reviewed");
    tr_diags_free(&d);
}

static void test_reports_every_problem(void **state)
{
    (void)state;
    cJSON *j = load_json("modules/thought_record.json");
    cJSON_DeleteItemFromObjectCaseSensitive(at(j, "steps/0/title"), "nn");
    set(j, "steps/2", "colour", cJSON_CreateString("blue"));
    set(j, "steps/4/tasks/0", "id", cJSON_CreateString("pick_one"));
    set(j, "", "minutes", cJSON_CreateNumber(1));
    tr_diags d = {0};
    assert_int_equal(tr_module_from_json(j, "m.json", NULL, NULL, &d), TR_E_INVALID);
    assert_true(d.count >= 4);
    assert_true(has_diag(&d, "$.minutes", "5 to 600"));
    assert_true(has_diag(&d, "$.steps[4].tasks", "used twice"));
    assert_string_equal(d.items[0].file, "m.json");
    tr_diags_free(&d);
    cJSON_Delete(j);
}

static void test_files(void **state)
{
    (void)state;
    const char *data = getenv("TRINN_TESTDATA");
    char path[1024];
    tr_diags d = {0};
    tr_module *m = NULL;
    snprintf(path, sizeof path, "%s/modules/syntax_error.json", data);
    assert_int_equal(tr_module_load(path, &m, &d), TR_E_PARSE);
    assert_null(m);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 3);
    assert_true(d.items[0].col > 0);
    assert_string_equal(d.items[0].file, path);
    tr_diags_free(&d);

    snprintf(path, sizeof path, "%s/modules/nonexistent.json", data);
    assert_int_not_equal(tr_module_load(path, &m, &d), TR_OK);
    assert_int_equal(d.count, 1);
    tr_diags_free(&d);

    /* a pack whose modules folder holds a broken module */
    snprintf(path, sizeof path, "%s/modules_pack", data);
    size_t n = 0;
    assert_int_equal(tr_module_validate_dir(path, &n, &d), TR_E_INVALID);
    assert_int_equal(n, 2);
    assert_true(has_diag(&d, "$.steps[0].title", "en text is missing"));
    assert_string_equal(d.items[0].file, "modules/broken.json");
    tr_diags_free(&d);

    snprintf(path, sizeof path, "%s/no_such_pack", data);
    assert_int_equal(tr_module_validate_dir(path, &n, &d), TR_E_NOTFOUND);
    assert_int_equal(d.count, 0);
    tr_diags_free(&d);
}

/* LIX readability (Björnsson): words per sentence + percentage of words longer than six
 * letters. Under 30 reads as very easy, 30-40 easy, 40-50 like a newspaper. */
typedef struct lix_count {
    size_t words, long_words, sentences;
} lix_count;

static void lix_add(lix_count *c, const char *s)
{
    size_t letters = 0;
    bool ended = true; /* a paragraph without a final stop still ends a sentence */
    for (const unsigned char *p = (const unsigned char *)s;; p++) {
        bool letter = *p && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                             (*p >= '0' && *p <= '9') || *p >= 0x80);
        if (letter) {
            if ((*p & 0xC0) != 0x80 || *p < 0x80) /* count code points, not bytes */
                letters++;
            ended = false;
            continue;
        }
        if (letters) {
            c->words++;
            c->long_words += letters > 6;
            letters = 0;
        }
        if (*p == '.' || *p == '!' || *p == '?') {
            if (!ended)
                c->sentences++;
            ended = true;
        }
        if (!*p)
            break;
    }
    if (!ended)
        c->sentences++;
}

static void lix_paragraphs(lix_count *c, const cJSON *paras, const char *lang)
{
    const cJSON *p;
    cJSON_ArrayForEach(p, paras) lix_add(c, tr_module_text(p, lang));
}

static void test_reading_level(void **state)
{
    (void)state;
    const char *dir = getenv("TRINN_CONTENT");
    char path[1024];
    snprintf(path, sizeof path, "%s/modules", dir);
    char **names = NULL;
    size_t n = 0;
    assert_int_equal(tp_dir_list(path, ".json", &names, &n), 0);
    static const char *const langs[] = {"nb", "nn", "en"};
    /* the measure itself: plain words score low, clinical prose high */
    lix_count easy = {0}, hard = {0};
    lix_add(&easy, "Du er ikke alene. Mange har det slik. Det finnes hjelp.");
    lix_add(&hard,
            "Kognitiv atferdsterapi representerer en evidensbasert behandlingstiln\xc3\xa6rming "
            "for depressive lidelser og angstlidelser hos voksne pasienter");
    assert_int_equal(easy.sentences, 3);
    assert_int_equal(easy.words, 11);
    assert_int_equal(hard.sentences, 1);
    assert_true(100.0 * (double)hard.long_words / (double)hard.words > 40);
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/modules/%s", dir, names[i]);
        tr_module *m = NULL;
        assert_int_equal(tr_module_load(path, &m, NULL), TR_OK);
        printf("reading level %-28s", names[i]);
        for (size_t l = 0; l < 3; l++) {
            lix_count c = {0};
            for (size_t s = 0; s < m->step_count; s++) {
                lix_paragraphs(&c, m->steps[s].text, langs[l]);
                if (m->steps[s].example)
                    lix_paragraphs(&c, cJSON_GetObjectItem(m->steps[s].example, "text"), langs[l]);
            }
            assert_true(c.words > 0 && c.sentences > 0);
            double lix = (double)c.words / (double)c.sentences +
                         100.0 * (double)c.long_words / (double)c.words;
            printf("  %s LIX %4.1f (%4.1f words/sentence)", langs[l], lix,
                   (double)c.words / (double)c.sentences);
            if (lix > 35)
                fail_msg("%s (%s) reads at LIX %.1f: over 35 is harder than a wide public "
                         "manages; shorten sentences and long words (FORMAT.md)",
                         names[i], langs[l], lix);
        }
        printf("\n");
        tr_module_destroy(m);
    }
    tp_dir_names_free(names, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thought_record_loads),
        cmocka_unit_test(test_every_shipped_module_validates),
        cmocka_unit_test(test_missing_language),
        cmocka_unit_test(test_unknown_keys_and_kinds),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_field_rules),
        cmocka_unit_test(test_needs_an_example),
        cmocka_unit_test(test_review),
        cmocka_unit_test(test_reports_every_problem),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_reading_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
