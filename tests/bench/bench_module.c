/* Benchmark: loading and validating the shipped modules (done at every start), and the
 * module engine over two years of a busy client's journal: 20,000 records, of which daily
 * activity-diary entries saved three times each as they were typed, 300 thought records,
 * 150 exposure tries and their progress records. Prints figures; run by hand:
 * build/bin/bench_module [CONTENT_DIR]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tp_dir.h"
#include "tp_path.h"
#include "tr_module.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void add(cJSON *records, cJSON *rec)
{
    if (!rec || !cJSON_AddItemToArray(records, rec)) {
        fprintf(stderr, "bench_module: could not build a record\n");
        exit(1);
    }
}

static cJSON *parse(const char *json)
{
    cJSON *v = cJSON_Parse(json);
    if (!v)
        exit(1);
    return v;
}

int main(int argc, char **argv)
{
    static char dir[4096], path[4096 + 300];
    enum { LOADS = 20, DAYS = 730 };
    char **names = NULL;
    size_t n = 0;
    tr_module *mods[32] = {0};
    size_t nmods = 0;
    double t0, best = 1e9;

    if (argc > 1)
        snprintf(dir, sizeof dir, "%s", argv[1]);
    else if (tp_path_content_dir(dir, sizeof dir) != 0) {
        fprintf(stderr, "bench_module: no content pack; give its folder\n");
        return 1;
    }
    snprintf(path, sizeof path, "%s/modules", dir);
    if (tp_dir_list(path, ".json", &names, &n) != 0 || n == 0 || n > 32) {
        fprintf(stderr, "bench_module: no modules in %s\n", path);
        return 1;
    }
    for (int r = 0; r < LOADS; r++) {
        t0 = now_ms();
        for (size_t i = 0; i < n; i++) {
            snprintf(path, sizeof path, "%s/modules/%s", dir, names[i]);
            tr_module *m = NULL;
            tr_diags d = {0};
            if (tr_module_load(path, &m, &d) != TR_OK) {
                fprintf(stderr, "bench_module: %s does not load\n", names[i]);
                return 1;
            }
            if (r == 0)
                mods[nmods++] = m;
            else
                tr_module_destroy(m);
        }
        double t = now_ms() - t0;
        best = t < best ? t : best;
    }
    printf("load and validate %zu modules: %.2f ms (best of %d)\n", n, best, LOADS);

    const tr_module *ba = NULL, *tr = NULL, *ex = NULL;
    for (size_t i = 0; i < nmods; i++) {
        if (strcmp(mods[i]->id, "behavioural_activation") == 0)
            ba = mods[i];
        if (strcmp(mods[i]->id, "thought_record") == 0)
            tr = mods[i];
        if (strcmp(mods[i]->id, "exposure") == 0)
            ex = mods[i];
    }
    if (!ba || !tr || !ex) {
        fprintf(stderr, "bench_module: modules 2, 3 and 5 are needed\n");
        return 1;
    }

    cJSON *records = cJSON_CreateArray();
    char ts[32], id[32], buf[1024];
    tr_error err = {0};
    for (int day = 0; day < DAYS; day++) {
        snprintf(ts, sizeof ts, "2025-%02d-%02dT20:00:00Z", 1 + day / 62 % 12, 1 + day % 28);
        snprintf(id, sizeof id, "diary-%d", day);
        for (int save = 1; save <= 3; save++) {
            size_t len =
                (size_t)snprintf(buf, sizeof buf, "{\"date\":\"2025-%02d-%02d\",\"activities\":[",
                                 1 + day / 62 % 12, 1 + day % 28);
            for (int a = 0; a < save * 3; a++)
                len += (size_t)snprintf(buf + len, sizeof buf - len,
                                        "%s{\"time\":\"%02d:00\",\"activity\":\"Walk %d\","
                                        "\"mood\":%d,\"mastery\":%d,\"pleasure\":%d}",
                                        a ? "," : "", 8 + a, a, a % 11, (a + 3) % 11, (a + 5) % 11);
            snprintf(buf + len, sizeof buf - len, "],\"day_mood\":%d}", day % 11);
            cJSON *v = parse(buf);
            add(records, tr_module_entry_record(ba, "diary", id, v, ts, &err));
            cJSON_Delete(v);
        }
        add(records, tr_module_progress_record(ba, "diary", day % 2, ts, &err));
        if (day % 5 < 2) {
            snprintf(id, sizeof id, "tr-%d", day);
            cJSON *v = parse("{\"situation\":\"A message that never came\",\"thought\":\"They "
                             "do not care\",\"belief_before\":80,\"emotion\":\"sad\","
                             "\"emotion_before\":70,\"balanced\":\"They are busy\","
                             "\"belief_after\":30,\"emotion_after\":40}");
            add(records, tr_module_entry_record(tr, "record", id, v, ts, &err));
            cJSON_Delete(v);
        }
        if (day % 5 == 2) {
            snprintf(id, sizeof id, "try-%d", day);
            cJSON *v = parse("{\"rung\":\"Ride one stop\",\"date\":\"2025-03-01\","
                             "\"before\":55,\"peak\":75,\"after\":30}");
            add(records, tr_module_entry_record(ex, "tries", id, v, ts, &err));
            cJSON_Delete(v);
        }
    }
    for (int k = cJSON_GetArraySize(records); k < 20000; k++) /* the rest: check-ins */
        add(records, parse("{\"type\":\"checkin\",\"ts\":\"2025-06-01T08:00:00Z\",\"mood\":6,"
                           "\"sleep_hours\":7,\"note\":\"\"}"));

    /* everything the module screens ask for: progress of every module, the entries of every
     * step and the computed values of every entry */
    best = 1e9;
    size_t entries = 0;
    for (int r = 0; r < 5; r++) {
        t0 = now_ms();
        entries = 0;
        for (size_t i = 0; i < nmods; i++) {
            tr_module_progress p;
            tr_module_progress_of(mods[i], records, &p, &err);
            for (size_t s = 0; s < mods[i]->step_count; s++) {
                tr_module_entries e = {0};
                if (tr_module_entries_of(mods[i], mods[i]->steps[s].id, records, &e, &err))
                    return 1;
                for (size_t k = 0; k < e.count; k++)
                    cJSON_Delete(tr_module_compute(&mods[i]->steps[s], e.items[k].values, &err));
                entries += e.count;
                tr_module_entries_free(&e);
            }
        }
        double t = now_ms() - t0;
        best = t < best ? t : best;
    }
    printf("progress, entries and computed values of every module step over %d records "
           "(%zu live entries): %.2f ms (best of 5)\n",
           cJSON_GetArraySize(records), entries, best);

    /* the same, picking each module's records out of the journal first */
    best = 1e9;
    for (int r = 0; r < 5; r++) {
        t0 = now_ms();
        for (size_t i = 0; i < nmods; i++) {
            cJSON *mine = tr_module_records_pick(records, mods[i]->id);
            tr_module_progress p;
            tr_module_progress_of(mods[i], mine, &p, &err);
            for (size_t s = 0; s < mods[i]->step_count; s++) {
                tr_module_entries e = {0};
                if (tr_module_entries_of(mods[i], mods[i]->steps[s].id, mine, &e, &err))
                    return 1;
                for (size_t k = 0; k < e.count; k++)
                    cJSON_Delete(tr_module_compute(&mods[i]->steps[s], e.items[k].values, &err));
                tr_module_entries_free(&e);
            }
            cJSON_Delete(mine);
        }
        double t = now_ms() - t0;
        best = t < best ? t : best;
    }
    printf("the same with tr_module_records_pick per module: %.2f ms (best of 5)\n", best);

    /* the module list: progress of every module */
    best = 1e9;
    for (int r = 0; r < 5; r++) {
        t0 = now_ms();
        cJSON *all = tr_module_records_pick(records, NULL);
        for (size_t i = 0; i < nmods; i++) {
            tr_module_progress p;
            tr_module_progress_of(mods[i], all, &p, &err);
        }
        cJSON_Delete(all);
        double t = now_ms() - t0;
        best = t < best ? t : best;
    }
    printf("progress of all %zu modules (module list screen): %.2f ms (best of 5)\n", nmods, best);

    cJSON_Delete(records);
    for (size_t i = 0; i < nmods; i++)
        tr_module_destroy(mods[i]);
    tp_dir_names_free(names, n);
    return 0;
}
