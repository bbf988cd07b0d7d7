/* Benchmark: loading and validating the whole content pack (it happens at every start of the
 * app and of trinnctl, inside the 100 ms start-up budget), and scoring. Prints figures; run
 * by hand: build/bin/bench_content [CONTENT_DIR]. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tp_path.h"
#include "tr_content.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    static char dir[4096];
    enum { LOADS = 50, SCORES = 200000 };
    double t0, best = 1e9, total = 0;
    tr_content *pack = NULL;
    tr_error err = {0};
    const tr_inst *phq9;
    cJSON *answers = NULL;
    tr_score s;
    double sum = 0;

    if (argc > 1)
        snprintf(dir, sizeof dir, "%s", argv[1]);
    else if (tp_path_content_dir(dir, sizeof dir) != 0) {
        fprintf(stderr, "bench_content: no content pack; give its folder\n");
        return 1;
    }
    for (int i = 0; i < LOADS; i++) {
        tr_diags d = {0};
        double t;
        t0 = now_ms();
        if (tr_content_load(&(tr_content_desc){.dir = dir}, &pack, &d, &err) != TR_OK) {
            fprintf(stderr, "bench_content: %s\n", err.msg);
            return 1;
        }
        t = now_ms() - t0;
        total += t;
        best = t < best ? t : best;
        tr_diags_free(&d);
        if (i + 1 < LOADS)
            tr_content_free(pack);
    }
    printf("load+validate pack (%zu instruments, all test vectors): best %.2f ms, mean %.2f ms\n",
           pack->n_insts, best, total / LOADS);

    phq9 = tr_content_find_inst(pack, "phq9");
    if (!phq9 || tr_inst_answers_from_list(phq9, "1,2,3,0,1,2,0,0,1", &answers, &err) != TR_OK) {
        fprintf(stderr, "bench_content: %s\n", err.msg);
        return 1;
    }
    t0 = now_ms();
    for (int i = 0; i < SCORES; i++) {
        tr_inst_score(phq9, answers, &s, &err);
        sum += s.total;
    }
    printf("score PHQ-9: %.3f us each (checksum %.0f)\n", (now_ms() - t0) * 1e3 / SCORES, sum);
    cJSON_Delete(answers);
    tr_content_free(pack);
    return 0;
}
