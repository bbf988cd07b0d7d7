/* Unit tests of the JsonLogic evaluator: the public jsonlogic.com conformance suite (every
 * case, counted), then edge cases of JavaScript semantics, bounds and errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_json.h"
#include "tr_logic.h"

/* JSON equality as JSON.stringify sees it: NaN and Infinity are null. */
static int same(const cJSON *a, const cJSON *b)
{
    int an = cJSON_IsNull(a) || (cJSON_IsNumber(a) && !isfinite(a->valuedouble));
    int bn = cJSON_IsNull(b) || (cJSON_IsNumber(b) && !isfinite(b->valuedouble));
    if (an || bn)
        return an && bn;
    if (cJSON_IsBool(a) || cJSON_IsBool(b))
        return cJSON_IsBool(a) && cJSON_IsBool(b) && cJSON_IsTrue(a) == cJSON_IsTrue(b);
    if ((a->type & 0xFF) != (b->type & 0xFF))
        return 0;
    if (cJSON_IsNumber(a))
        return a->valuedouble == b->valuedouble;
    if (cJSON_IsString(a))
        return strcmp(a->valuestring, b->valuestring) == 0;
    if (cJSON_IsArray(a)) {
        const cJSON *x = a->child, *y = b->child;
        for (; x && y; x = x->next, y = y->next)
            if (!same(x, y))
                return 0;
        return !x && !y;
    }
    if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
        return 0;
    for (const cJSON *x = a->child; x; x = x->next) {
        const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, x->string);
        if (!y || !same(x, y))
            return 0;
    }
    return 1;
}

static cJSON *parse(const char *text)
{
    tr_error err = {0};
    cJSON *j = tr_json_parse(text, strlen(text), "test", &err);
    if (!j)
        fail_msg("bad test JSON %s: %s", text, err.msg);
    return j;
}

/* Evaluates rule on data (both JSON text) and checks the printed result. */
static void expect(const char *rule, const char *data, const char *want)
{
    cJSON *r = parse(rule), *d = parse(data), *w = parse(want), *got;
    tr_error err = {0};
    got = tr_logic_apply(r, d, &err);
    if (!got)
        fail_msg("%s on %s failed: %s", rule, data, err.msg);
    if (!same(got, w)) {
        char *g = cJSON_PrintUnformatted(got);
        print_error("%s on %s gave %s, want %s\n", rule, data, g, want);
        free(g);
        fail();
    }
    cJSON_Delete(r);
    cJSON_Delete(d);
    cJSON_Delete(w);
    cJSON_Delete(got);
}

static void expect_error(const char *rule, const char *data, tr_status status, const char *part)
{
    cJSON *r = parse(rule), *d = parse(data);
    tr_error err = {0};
    cJSON *got = tr_logic_apply(r, d, &err);
    assert_null(got);
    assert_int_equal(err.status, status);
    if (!strstr(err.msg, part))
        fail_msg("error '%s' does not mention '%s'", err.msg, part);
    cJSON_Delete(r);
    cJSON_Delete(d);
}

/* Runs every [rule, data, expected] case of a suite file in TRINN_TESTDATA; returns the
 * number run and reports each failure. */
static int run_suite(const char *file, int *failed)
{
    char path[4096];
    const char *dir = getenv("TRINN_TESTDATA");
    tr_error err = {0};
    cJSON *suite;
    int run = 0;

    *failed = 0;
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", file);
    suite = tr_json_load_file(path, &err);
    if (!suite)
        fail_msg("%s", err.msg);
    for (const cJSON *c = suite->child; c; c = c->next) {
        cJSON *got;
        if (!cJSON_IsArray(c))
            continue; /* a "# section" comment */
        assert_int_equal(cJSON_GetArraySize(c), 3);
        run++;
        got = tr_logic_apply(cJSON_GetArrayItem(c, 0), cJSON_GetArrayItem(c, 1), &err);
        if (!got || !same(got, cJSON_GetArrayItem(c, 2))) {
            char *t = cJSON_PrintUnformatted(c), *g = got ? cJSON_PrintUnformatted(got) : NULL;
            print_error("FAIL %s -> %s\n", t, g ? g : err.msg);
            free(t);
            free(g);
            (*failed)++;
        }
        cJSON_Delete(got);
    }
    cJSON_Delete(suite);
    return run;
}

static void test_conformance_suite(void **state)
{
    int failed, run = run_suite("jsonlogic-tests.json", &failed);
    print_message("jsonlogic.com conformance: %d cases run, %d passed\n", run, run - failed);
    assert_int_equal(run, 278);
    assert_int_equal(failed, 0);
}

/* Random rules with the results json-logic-js 2.0.5 gives (tests/data/gen-jsonlogic-diff.js):
 * coercion, number text, var paths and operator mixes the public suite does not reach. */
static void test_differential_cases(void **state)
{
    int failed, run = run_suite("jsonlogic-diff.json", &failed);
    print_message("json-logic-js differential: %d cases run, %d passed\n", run, run - failed);
    assert_int_equal(run, 2000);
    assert_int_equal(failed, 0);
}

static void test_truthy(void **state)
{
    const char *falsy[] = {"false", "null", "0", "\"\"", "[]", "-0"};
    const char *truthy[] = {"true", "1", "-1", "\"0\"", "\"a\"", "[0]", "{}", "[[]]"};
    for (size_t i = 0; i < sizeof falsy / sizeof *falsy; i++) {
        cJSON *v = parse(falsy[i]);
        assert_false(tr_logic_truthy(v));
        cJSON_Delete(v);
    }
    for (size_t i = 0; i < sizeof truthy / sizeof *truthy; i++) {
        cJSON *v = parse(truthy[i]);
        assert_true(tr_logic_truthy(v));
        cJSON_Delete(v);
    }
    assert_false(tr_logic_truthy(NULL));
}

static void test_js_numbers_as_text(void **state)
{
    expect("{\"cat\":[1, 0.5, -2, 1e21, 1e-7, 123456789012, 0.000001]}", "{}",
           "\"10.5-21e+211e-71234567890120.000001\"");
    expect("{\"cat\":[{\"+\":[0.1,0.2]}]}", "{}", "\"0.30000000000000004\"");
    expect("{\"cat\":[{\"/\":[1,0]}, \" \", {\"/\":[0,0]}, \" \", {\"-\":[{\"/\":[1,0]}]}]}", "{}",
           "\"Infinity NaN -Infinity\"");
    expect("{\"cat\":[null, true, [1,[2,null]], {\"a\":1,\"b\":2}]}", "{}",
           "\"true1,2,[object Object]\"");
    expect("{\"cat\":[1.5e300, 2e-300]}", "{}", "\"1.5e+3002e-300\"");
}

static void test_coercion(void **state)
{
    expect("{\"==\":[0, \"\"]}", "{}", "true");
    expect("{\"==\":[null, 0]}", "{}", "false");
    expect("{\"==\":[false, \"0\"]}", "{}", "true");
    expect("{\"==\":[[1], 1]}", "{}", "true");
    expect("{\"==\":[[1,2], \"1,2\"]}", "{}", "true");
    expect("{\"==\":[\" 12 \", 12]}", "{}", "true");
    expect("{\"==\":[\"0x10\", 16]}", "{}", "true");
    expect("{\"==\":[[], []]}", "{}", "false");
    expect("{\"===\":[null, null]}", "{}", "true");
    expect("{\"<\":[\"10\", \"9\"]}", "{}", "true"); /* two strings compare as text */
    expect("{\"<\":[\"10\", 9]}", "{}", "false");
    expect("{\"<\":[null, 1]}", "{}", "true");
    expect("{\"<=\":[\"a\", 1]}", "{}", "false"); /* NaN */
    expect("{\">=\":[\"a\", 1]}", "{}", "false");
    expect("{\"+\":[\"3abc\", \" 4\", true]}", "{}", "null"); /* parseFloat(true) is NaN */
    expect("{\"+\":[\"3abc\", \" 4\"]}", "{}", "7");
    expect("{\"+\":[]}", "{}", "0");
    expect("{\"*\":[\"2\"]}", "{}", "\"2\"");
    expect("{\"-\":[\"5\"]}", "{}", "-5");
    expect("{\"%\":[-7, 3]}", "{}", "-1");
    expect("{\"max\":[]}", "{}", "null");
    /* a missing argument is undefined: comparisons false, arithmetic NaN, !== null */
    expect("{\"<\":[-1]}", "{}", "false");
    expect("{\">\":[1]}", "{}", "false");
    expect("{\"-\":[]}", "{}", "null");
    expect("{\"/\":[1]}", "{}", "null");
    expect("{\"===\":[null]}", "{}", "false");
    expect("{\"!==\":[null]}", "{}", "true");
    expect("{\"==\":[null]}", "{}", "true");
    expect("{\"==\":[]}", "{}", "true");
    expect("{\"max\":[null]}", "{}", "0");
    expect("{\"substr\":[]}", "{}", "\"undefined\"");
    expect("{\"min\":[1, \"0.5\", true]}", "{}", "0.5");
    expect("{\"in\":[1, [\"1\"]]}", "{}", "false");
    expect("{\"in\":[1, \"a1\"]}", "{}", "true");
    expect("{\"in\":[\"\", \"\"]}", "{}", "false");
    expect("{\"<\":[\"\xc3\xa6\", \"\xf0\x9f\x98\x80\"]}", "{}", "true");
    expect("{\"<\":[\"\xef\xbf\xbd\", \"\xf0\x9f\x98\x80\"]}", "{}", "false"); /* UTF-16 */
}

static void test_var_missing_and_scopes(void **state)
{
    expect("{\"var\":\"a.1.b\"}", "{\"a\":[0,{\"b\":\"x\"}]}", "\"x\"");
    expect("{\"var\":[\"a.b.c\", 5]}", "{\"a\":null}", "5");
    expect("{\"var\":1}", "[\"p\",\"q\"]", "\"q\"");
    expect("{\"var\":\"01\"}", "[\"p\",\"q\"]", "null");
    expect("{\"var\":\"\"}", "7", "7");
    expect("{\"var\":\"a.length\"}", "{\"a\":[1,2]}", "2");
    expect("{\"var\":\"s.1\"}", "{\"s\":\"b\xc3\xa5t\"}", "\"\xc3\xa5\"");
    expect("{\"var\":\"s.length\"}", "{\"s\":\"b\xc3\xa5t\"}", "3");
    expect("{\"var\":\"a\"}", "{\"a\":false}", "false");
    expect("{\"missing\":[\"a\",\"b\",\"c\"]}", "{\"a\":0,\"b\":\"\"}", "[\"b\",\"c\"]");
    expect("{\"missing_some\":[1,[\"a\",\"b\"]]}", "{\"b\":1}", "[]");
    expect("{\"missing_some\":[2,[\"a\",\"b\"]]}", "{\"b\":1}", "[\"a\"]");
    expect("{\"reduce\":[[1,2,3],{\"+\":[{\"var\":\"current\"},{\"var\":\"accumulator\"}]},10]}",
           "{}", "16");
    expect("{\"reduce\":[5,{\"var\":\"current\"},\"init\"]}", "{}", "\"init\"");
    expect("{\"all\":[[],{\"var\":\"\"}]}", "{}", "false");
    expect("{\"none\":[[],{\"var\":\"\"}]}", "{}", "true");
    expect("{\"some\":[{\"var\":\"x\"},{\">\":[{\"var\":\"\"},2]}]}", "{\"x\":[1,3]}", "true");
    expect("{\"map\":[\"notarray\",1]}", "{}", "[]");
    expect("{\"filter\":[[1,2,3,4],{\"%\":[{\"var\":\"\"},2]}]}", "{}", "[1,3]");
    expect("{\"and\":[]}", "{}", "null");
    expect("{\"or\":[0, \"\", [], \"yes\", 1]}", "{}", "\"yes\"");
    expect("{\"if\":[]}", "{}", "null");
    expect("{\"if\":[false, 1]}", "{}", "null");
    expect("{\"?:\":[0, 1, 2]}", "{}", "2");
    expect("{\"a\":1,\"b\":2}", "{}", "{\"a\":1,\"b\":2}"); /* two keys: data, not a rule */
    expect("{\"substr\":[\"bl\xc3\xa5"
           "b\xc3\xa6r\", 2, 3]}",
           "{}",
           "\"\xc3\xa5"
           "b\xc3\xa6\"");
    expect("{\"substr\":[\"abcdef\", -4, -1]}", "{}", "\"cde\"");
    expect("{\"substr\":[\"abc\", 1, null]}", "{}", "\"\"");
    expect("{\"substr\":[12345, 1, 2]}", "{}", "\"23\"");
    expect("{\"merge\":[1,[2,[3]],null]}", "{}", "[1,2,[3],null]");
}

static void test_errors_and_bounds(void **state)
{
    char *deep;
    size_t n = 300, len = 0;
    expect_error("{\"nope\":[1]}", "{}", TR_E_INVALID, "'nope'");
    expect_error("{\"log\":[1]}", "{}", TR_E_INVALID, "'log'");
    expect_error("{\"if\":[true,{\"==\":[{\"bogus\":1},1]}]}", "{}", TR_E_INVALID, "bogus");
    expect_error("{\"*\":[]}", "{}", TR_E_INVALID, "'*'");
    /* doubling an array 40 times would need 2^40 elements */
    expect_error("{\"reduce\":[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,"
                 "26,27,28,29,30,31,32,33,34,35,36,37,38,39,40],{\"merge\":[{\"var\":"
                 "\"accumulator\"},{\"var\":\"accumulator\"}]},[1]]}",
                 "{}", TR_E_TOOBIG, "steps");
    expect_error("{\"reduce\":[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,"
                 "26,27,28,29,30],{\"cat\":[{\"var\":\"accumulator\"},{\"var\":\"accumulator\"}]},"
                 "\"ab\"]}",
                 "{}", TR_E_TOOBIG, "bytes");
    deep = malloc(n * 12 + 8);
    assert_non_null(deep);
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(deep + len, "{\"!\":[");
    len += (size_t)sprintf(deep + len, "1");
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(deep + len, "]}");
    expect_error(deep, "{}", TR_E_TOOBIG, "deeper");
    free(deep);
    {
        tr_error err = {0};
        tr_logic_opts opts = {.max_work = 10};
        cJSON *r = parse("{\"+\":[1,2,3,4,5,6,7,8,9,10,11]}");
        assert_null(tr_logic_apply_opts(r, NULL, &opts, &err));
        assert_int_equal(err.status, TR_E_TOOBIG);
        cJSON_Delete(r);
    }
}

typedef struct seen {
    char names[8][32];
    int scoped[8];
    int n;
} seen;

static void collect(void *user, const char *name, int scoped, const char *path)
{
    seen *s = user;
    if (s->n < 8) {
        snprintf(s->names[s->n], sizeof s->names[0], "%s", name);
        s->scoped[s->n++] = scoped;
    }
}

static void test_check(void **state)
{
    tr_error err = {0};
    seen s = {0};
    cJSON *r = parse("{\"and\":[{\">=\":[{\"var\":\"scores.phq9.total\"},10]},"
                     "{\"some\":[{\"var\":\"list\"},{\"==\":[{\"var\":\"x\"},1]}]},{\"var\":3}]}");
    assert_int_equal(tr_logic_check(r, collect, &s, &err), TR_OK);
    assert_int_equal(s.n, 4);
    assert_string_equal(s.names[0], "scores.phq9.total");
    assert_int_equal(s.scoped[0], 0);
    assert_string_equal(s.names[1], "list");
    assert_int_equal(s.scoped[1], 0);
    assert_string_equal(s.names[2], "x");
    assert_int_equal(s.scoped[2], 1);
    assert_string_equal(s.names[3], "3");
    cJSON_Delete(r);

    r = parse("{\"if\":[{\"==\":[1,1]},{\"cat\":[{\"equals\":[1]}]}]}");
    assert_int_equal(tr_logic_check(r, NULL, NULL, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "$.if[1].cat[0].equals"));
    cJSON_Delete(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conformance_suite),
        cmocka_unit_test(test_differential_cases),
        cmocka_unit_test(test_truthy),
        cmocka_unit_test(test_js_numbers_as_text),
        cmocka_unit_test(test_coercion),
        cmocka_unit_test(test_var_missing_and_scopes),
        cmocka_unit_test(test_errors_and_bounds),
        cmocka_unit_test(test_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
