/* The clinical review's cases (issue 11) as triage vectors: tests/data/triage/cases.json holds
 * each case's answers and the expected risk, level, alternatives, referral and what the team is
 * asked, with the reasons, modules and texts that must (or must not) appear. Every case is its
 * own cmocka test, named after the case. On top of each case's own expectations, every case
 * checks what must hold for all of them:
 *   - no text in any language promises that someone will make contact («tar kontakt med deg»);
 *   - at elevated risk, the next step is for the same day (116 117 or 113), never "within 1-2
 *     weeks", and `individual` or `refer` is the level or an alternative (at acute risk the
 *     level is the acute level itself);
 *   - under the service's age limit with PHQ-9 item 9 above 0, the result is urgent.
 * A case with "team": true runs with the service's phone and hours filled in (the shipped pack
 * is a template without them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_json.h"
#include "tr_triage.h"

static tr_content *pack;
static tr_triage *rules;
static cJSON *cases;

static const char *const langs[] = {"nb", "nn", "en"};
static const char *const promises[] = {"tar kontakt med deg", "tek kontakt med deg",
                                       "will contact you", "will get in touch with you"};
static const char *const weeks[] = {"1–2 uker", "1–2 veker", "1–2 weeks"};

static const tr_text team_hours = {
    .lang = {"nb", "nn", "en"},
    .str = {"hverdager 8–15", "kvardagar 8–15", "weekdays 8–15"},
    .n = 3,
};

static const char *sget(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int listed(const char *const *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], id) == 0)
            return 1;
    return 0;
}

/* Every text of the result in lang, joined: the reasons and the next step of the level and of
 * each alternative. */
static void all_texts(const tr_triage_result *r, const char *lang, char *buf, size_t size)
{
    char part[2048];
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i <= r->n_reasons + r->n_alternatives; i++) {
        if (i < r->n_reasons)
            tr_triage_reason_text(rules, r, i, lang, part, sizeof part);
        else if (i == r->n_reasons)
            tr_triage_next_text(rules, r, r->level, lang, part, sizeof part);
        else
            tr_triage_next_text(rules, r, r->alternatives[i - r->n_reasons - 1], lang, part,
                                sizeof part);
        o += (size_t)snprintf(buf + o, size - o, "%s\n", part);
        if (o >= size)
            fail_msg("result texts longer than %zu bytes", size);
    }
}

static void expect_strings(const char *what, const cJSON *want, const char *const *have, size_t n,
                           int exact, const char *name)
{
    const cJSON *w;
    if (!want)
        return;
    cJSON_ArrayForEach(w, want)
    {
        if (!listed(have, n, w->valuestring))
            fail_msg("%s: %s lacks '%s'", name, what, w->valuestring);
    }
    if (exact && (size_t)cJSON_GetArraySize(want) != n)
        fail_msg("%s: %s has %zu entries, expected %d", name, what, n, cJSON_GetArraySize(want));
}

static void expect_absent(const char *what, const cJSON *unwanted, const char *const *have,
                          size_t n, const char *name)
{
    const cJSON *w;
    cJSON_ArrayForEach(w, unwanted)
    {
        if (listed(have, n, w->valuestring))
            fail_msg("%s: %s has '%s', which it must not", name, what, w->valuestring);
    }
}

/* texts: {"nb": [...], "en": [...]} each must occur in that language's texts (has = 1) or
 * must not (has = 0); a plain list applies to every language. */
static void expect_texts(const cJSON *spec, const tr_triage_result *r, int has, const char *name)
{
    static char buf[16384];
    if (!spec)
        return;
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
        const cJSON *list = cJSON_IsArray(spec) ? spec : cJSON_GetObjectItem(spec, langs[l]), *s;
        all_texts(r, langs[l], buf, sizeof buf);
        cJSON_ArrayForEach(s, list)
        {
            if ((strstr(buf, s->valuestring) != NULL) != has)
                fail_msg("%s (%s): the texts %s \"%s\":\n%s", name, langs[l],
                         has ? "lack" : "contain", s->valuestring, buf);
        }
    }
}

/* What holds for every case (see the top of the file). */
static void invariants(const cJSON *answers, const tr_triage_result *r, const char *name)
{
    static char buf[16384], next[2048];
    const cJSON *age = cJSON_GetObjectItem(answers, "age_band");
    const cJSON *i9 = cJSON_GetObjectItem(answers, "phq9_9");
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
        all_texts(r, langs[l], buf, sizeof buf);
        for (size_t p = 0; p < sizeof promises / sizeof *promises; p++)
            if (strstr(buf, promises[p]))
                fail_msg("%s (%s): a text promises contact (\"%s\"):\n%s", name, langs[l],
                         promises[p], buf);
        /* the next step of the recommendation and of every level the client may choose */
        for (size_t c = 0; r->risk != TR_RISK_NONE && c <= r->n_alternatives; c++) {
            tr_triage_next_text(rules, r, c ? r->alternatives[c - 1] : r->level, langs[l], next,
                                sizeof next);
            if (!strstr(next, "116 117") && !strstr(next, "113"))
                fail_msg("%s (%s): at risk the next step names no same-day help: %s", name,
                         langs[l], next);
            for (size_t w = 0; w < sizeof weeks / sizeof *weeks; w++)
                if (strstr(next, weeks[w]))
                    fail_msg("%s (%s): at risk the next step says \"%s\": %s", name, langs[l],
                             weeks[w], next);
        }
    }
    if (r->risk != TR_RISK_NONE) {
        int one_to_one = !strcmp(r->level->id, "individual") || !strcmp(r->level->id, "refer");
        for (size_t i = 0; i < r->n_alternatives; i++)
            one_to_one |= !strcmp(r->alternatives[i]->id, "individual") ||
                          !strcmp(r->alternatives[i]->id, "refer");
        if (!one_to_one)
            fail_msg("%s: %s risk without individual or refer among the choices", name,
                     tr_risk_name(r->risk));
    }
    if (cJSON_IsNumber(age) && age->valuedouble < pack->service.min_age && cJSON_IsNumber(i9) &&
        i9->valuedouble >= 1 && r->risk != TR_RISK_ACUTE &&
        (!r->referral || strcmp(r->referral, "youth_urgent") != 0))
        fail_msg("%s: under the age limit with item 9 above 0, the result is not urgent", name);
}

static void run_case(void **state)
{
    const cJSON *c = *state, *expect = cJSON_GetObjectItem(c, "expect");
    const char *name = sget(c, "name"), *want;
    cJSON *answers = NULL;
    tr_triage_result r;
    tr_error err = {0};
    const char *alts[TR_TRIAGE_MAX_LEVELS];
    int team = cJSON_IsTrue(cJSON_GetObjectItem(c, "team"));

    pack->service.phone = team ? "55 12 34 56" : "";
    pack->service.hours = team ? team_hours : (tr_text){0};
    if (tr_triage_answers(pack, cJSON_GetObjectItem(c, "input"), &answers, &err) != TR_OK)
        fail_msg("%s: input rejected: %s", name, err.msg);
    if (tr_triage_run(rules, answers, &r, &err) != TR_OK)
        fail_msg("%s: triage failed: %s", name, err.msg);
    if ((want = sget(expect, "risk")) && strcmp(want, tr_risk_name(r.risk)) != 0)
        fail_msg("%s: risk %s, expected %s", name, tr_risk_name(r.risk), want);
    if ((want = sget(expect, "level")) && strcmp(want, r.level->id) != 0)
        fail_msg("%s: level %s, expected %s", name, r.level->id, want);
    for (size_t i = 0; i < r.n_alternatives; i++)
        alts[i] = r.alternatives[i]->id;
    expect_strings("alternatives", cJSON_GetObjectItem(expect, "alternatives"), alts,
                   r.n_alternatives, 1, name);
    if (cJSON_GetObjectItem(expect, "referral")) {
        want = sget(expect, "referral");
        if (want ? !r.referral || strcmp(want, r.referral) != 0 : r.referral != NULL)
            fail_msg("%s: referral %s, expected %s", name, r.referral ? r.referral : "null",
                     want ? want : "null");
    }
    expect_strings("ask", cJSON_GetObjectItem(expect, "ask"), r.ask, r.n_ask, 1, name);
    const char *reasons[TR_TRIAGE_MAX_REASONS];
    for (size_t i = 0; i < r.n_reasons; i++)
        reasons[i] = r.reasons[i].id;
    expect_strings("reasons", cJSON_GetObjectItem(expect, "reasons"), reasons, r.n_reasons, 0,
                   name);
    expect_absent("reasons", cJSON_GetObjectItem(expect, "no_reasons"), reasons, r.n_reasons, name);
    expect_strings("modules", cJSON_GetObjectItem(expect, "modules"), r.modules, r.n_modules, 0,
                   name);
    expect_absent("modules", cJSON_GetObjectItem(expect, "no_modules"), r.modules, r.n_modules,
                  name);
    expect_strings("focus", cJSON_GetObjectItem(expect, "focus"), r.focus, r.n_focus, 0, name);
    expect_texts(cJSON_GetObjectItem(expect, "texts_have"), &r, 1, name);
    expect_texts(cJSON_GetObjectItem(expect, "texts_lack"), &r, 0, name);
    invariants(answers, &r, name);
    tr_triage_result_free(&r);
    cJSON_Delete(answers);
    pack->service.phone = "";
    pack->service.hours = (tr_text){0};
}

int main(void)
{
    tr_diags diags = {0};
    tr_error err = {0};
    char path[4096];
    const char *dir = getenv("TRINN_CONTENT"), *data = getenv("TRINN_TESTDATA");
    struct CMUnitTest *tests;
    size_t n = 0;
    int rc;

    snprintf(path, sizeof path, "%s/triage/cases.json", data ? data : "tests/data");
    if (tr_content_load(&(tr_content_desc){.dir = dir ? dir : "content"}, &pack, &diags, &err) !=
            TR_OK ||
        tr_triage_load(pack, &rules, &diags, &err) != TR_OK ||
        !(cases = tr_json_load_file(path, &err))) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    tr_diags_free(&diags);
    tests = calloc((size_t)cJSON_GetArraySize(cases) + 1, sizeof *tests);
    if (!tests)
        return 1;
    for (const cJSON *c = cases->child; c; c = c->next)
        tests[n++] = (struct CMUnitTest){
            .name = sget(c, "name"), .test_func = run_case, .initial_state = (void *)c};
    if (n < 30) {
        fprintf(stderr, "%s: %zu cases; the review has 30\n", path, n);
        return 1;
    }
    rc = _cmocka_run_group_tests("triage_cases", tests, n, NULL, NULL);
    free(tests);
    cJSON_Delete(cases);
    tr_triage_free(rules);
    tr_content_free(pack);
    return rc;
}
