/* Benchmark: the triage engine and JsonLogic. Loading the rules happens at every start of
 * the app and of trinnctl; one triage runs when the questionnaire ends (and, with skipped
 * risk follow-ups, once per combination of their answers). Prints figures; run by hand:
 * build/bin/bench_triage [CONTENT_DIR]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tp_path.h"
#include "tr_json.h"
#include "tr_logic.h"
#include "tr_triage.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static cJSON *parse(const char *text)
{
    tr_error err = {0};
    cJSON *j = tr_json_parse(text, strlen(text), "bench", &err);
    if (!j) {
        fprintf(stderr, "bench_triage: %s\n", err.msg);
        exit(1);
    }
    return j;
}

/* Runs the triage n times on the answers in `input`; returns microseconds per run. */
static double time_runs(const tr_content *pack, const tr_triage *rules, const char *input, int n)
{
    tr_error err = {0};
    cJSON *in = parse(input), *answers = NULL;
    double t0;
    if (tr_triage_answers(pack, in, &answers, &err) != TR_OK) {
        fprintf(stderr, "bench_triage: %s\n", err.msg);
        exit(1);
    }
    t0 = now_ms();
    for (int i = 0; i < n; i++) {
        tr_triage_result r;
        if (tr_triage_run(rules, answers, &r, &err) != TR_OK) {
            fprintf(stderr, "bench_triage: %s\n", err.msg);
            exit(1);
        }
        tr_triage_result_free(&r);
    }
    t0 = (now_ms() - t0) * 1e3 / n;
    cJSON_Delete(in);
    cJSON_Delete(answers);
    return t0;
}

int main(int argc, char **argv)
{
    static char dir[4096];
    enum { LOADS = 50, RUNS = 2000, EVALS = 200000 };
    tr_content *pack = NULL;
    tr_triage *rules = NULL;
    tr_diags d = {0};
    tr_error err = {0};
    double t0, best = 1e9;
    cJSON *rule, *data;

    if (argc > 1)
        snprintf(dir, sizeof dir, "%s", argv[1]);
    else if (tp_path_content_dir(dir, sizeof dir) != 0) {
        fprintf(stderr, "bench_triage: no content pack; give its folder\n");
        return 1;
    }
    if (tr_content_load(&(tr_content_desc){.dir = dir}, &pack, &d, &err) != TR_OK) {
        fprintf(stderr, "bench_triage: %s\n", err.msg);
        return 1;
    }
    for (int i = 0; i < LOADS; i++) {
        double t;
        t0 = now_ms();
        if (tr_triage_load(pack, &rules, &d, &err) != TR_OK) {
            fprintf(stderr, "bench_triage: %s\n", err.msg);
            return 1;
        }
        t = now_ms() - t0;
        best = t < best ? t : best;
        if (i + 1 < LOADS)
            tr_triage_free(rules);
    }
    printf("load + validate triage/rules.json and terminal.json: best of %d: %.3f ms\n", LOADS,
           best);
    printf("triage, complete answers:            %8.1f us per run\n",
           time_runs(pack, rules,
                     "{\"answers\":{\"phq9\":[2,2,1,1,1,1,1,1,0,\"somewhat\"],"
                     "\"gad7\":[1,1,1,1,1,1,1],\"auditc\":[1,1,0],\"intake\":{\"age_band\":25,"
                     "\"duration\":\"1_6_months\",\"main_troubles\":[\"low_mood\",\"sleep\"],"
                     "\"help_preferences\":[\"course\"]}}}",
                     RUNS));
    printf("triage, item 9 > 0, 3 follow-ups skipped (27 combinations): %8.1f us per run\n",
           time_runs(pack, rules, "{\"answers\":{\"phq9\":[1,1,1,1,1,1,1,1,2]}}", RUNS / 10));

    rule = parse("{\"and\":[{\">=\":[{\"var\":\"scores.phq9.total\"},10]},{\"in\":[\"sleep\","
                 "{\"var\":\"answers.main_troubles\"}]}]}");
    data = parse("{\"scores\":{\"phq9\":{\"total\":12}},\"answers\":{\"main_troubles\":"
                 "[\"low_mood\",\"sleep\"]}}");
    t0 = now_ms();
    for (int i = 0; i < EVALS; i++) {
        cJSON *v = tr_logic_apply(rule, data, &err);
        if (!v) {
            fprintf(stderr, "bench_triage: %s\n", err.msg);
            return 1;
        }
        cJSON_Delete(v);
    }
    printf("JsonLogic, one typical rule:         %8.3f us per evaluation\n",
           (now_ms() - t0) * 1e3 / EVALS);
    cJSON_Delete(rule);
    cJSON_Delete(data);
    tr_diags_free(&d);
    tr_triage_free(rules);
    tr_content_free(pack);
    return 0;
}
