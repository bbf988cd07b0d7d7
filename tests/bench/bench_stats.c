/* Benchmark: trinnctl stats over a region of 3,000 clients (about 21,000 PHQ-9 and GAD-7
 * totals and 2,900 assessments as FHIR Observations, NDJSON from eight teams), generated here
 * as the text `trinnctl fhir export` writes. Measures reading the NDJSON, computing every
 * client's outcome (tr_track + tr_outcome) and the groups, and writing the JSON. Issue 16's
 * budget: under 1 s for 3,000 clients. Uses the shipped content pack (the codes, cut-offs).
 * Prints figures; asserts only that the results are sane. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_path.h"
#include "tr_content.h"
#include "tr_stats.h"

#define CLIENTS 3000
#define TEAMS   8

static uint32_t rnd_state = 12345;
static uint32_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 17;
    rnd_state ^= rnd_state << 5;
    return rnd_state;
}

typedef struct text {
    char *p;
    size_t n, cap;
} text;

static void put(text *t, const char *s)
{
    size_t l = strlen(s);
    if (t->n + l + 1 > t->cap) {
        t->cap = (t->n + l + 1) * 2;
        t->p = realloc(t->p, t->cap);
        assert(t->p);
    }
    memcpy(t->p + t->n, s, l + 1);
    t->n += l;
}

static void observation(text *t, const tr_stats_desc *d, const char *client, int seq,
                        const char *what, int team, int64_t ts, const char *value)
{
    char line[2048], when[32];
    const tr_stats_code *c = strcmp(what, "level") == 0  ? &d->care
                             : strcmp(what, "phq9") == 0 ? &d->total[0]
                                                         : &d->total[1];
    tp_clock_format(ts, when, sizeof when);
    snprintf(line, sizeof line,
             "{\"resourceType\":\"Observation\",\"id\":\"%s-%08d-%s\",\"status\":\"final\","
             "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
             "observation-category\",\"code\":\"survey\"}]}],\"code\":{\"coding\":[{\"system\":"
             "\"%s\",\"code\":\"%s\"}]},\"subject\":{\"identifier\":{\"system\":\"urn:trinn:fhir:"
             "NamingSystem:client-pseudonym\",\"value\":\"%s\"}},\"effectiveDateTime\":\"%s\","
             "\"performer\":[{\"reference\":\"Organization/org-team%d\"}],%s}\n",
             client, seq, what, c->system, c->code, client, when, team, value);
    put(t, line);
}

static const char *level_json(const tr_stats_desc *d, char *buf, size_t size)
{
    int chosen = (int)(rnd() % d->n_levels),
        rec = rnd() % 10 < 7 ? chosen : (int)(rnd() % d->n_levels);
    snprintf(buf, size,
             "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"%s\",\"code\":\"%s\"}]},"
             "\"component\":[{\"code\":{\"coding\":[{\"system\":\"%s\",\"code\":\"%s\"}]},"
             "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"%s\",\"code\":\"%s\"}]}}]",
             d->level_system, d->levels[chosen], d->recommended.system, d->recommended.code,
             d->level_system, d->levels[rec]);
    return buf;
}

int main(void)
{
    char dir[4096], value[512];
    tr_error err = {0};
    tr_diags diags = {0};
    tr_content *pack = NULL;
    tr_stats_setup setup;
    tr_stats *s = NULL;
    text t[TEAMS] = {{0}};
    size_t measures = 0, bytes = 0;
    int64_t t0, t1, t2, t3;
    cJSON *out;

    if (tp_path_content_dir(dir, sizeof dir) != 0 ||
        tr_content_load(&(tr_content_desc){.dir = dir}, &pack, &diags, &err) ||
        tr_stats_setup_load(pack, dir, TR_STATS_QUARTER, &setup, &err)) {
        fprintf(stderr, "bench_stats: %s\n", err.msg);
        return 1;
    }
    for (int c = 0; c < CLIENTS; c++) {
        char client[40];
        int team = (int)(rnd() % TEAMS), seq = 1, occasions = (int)(rnd() % 8);
        int64_t ts = 1735689600 + (int64_t)(rnd() % (600 * 86400));
        int sev = (int)(rnd() % 20);
        snprintf(client, sizeof client, "%08x%08x%08x%08x", rnd(), rnd(), rnd(), (unsigned)c);
        if (rnd() % 10 < 9)
            observation(&t[team], &setup.desc, client, seq++, "level", team, ts,
                        level_json(&setup.desc, value, sizeof value));
        for (int o = 0; o < occasions; o++) {
            sev = sev + (int)(rnd() % 7) - 4;
            sev = sev < 0 ? 0 : sev > 21 ? 21 : sev;
            snprintf(value, sizeof value,
                     "\"valueQuantity\":{\"value\":%d,\"unit\":\"{score}\",\"system\":"
                     "\"http://unitsofmeasure.org\",\"code\":\"{score}\"}",
                     sev + (int)(rnd() % 6));
            observation(&t[team], &setup.desc, client, seq++, "phq9", team, ts, value);
            snprintf(value, sizeof value,
                     "\"valueQuantity\":{\"value\":%d,\"unit\":\"{score}\",\"system\":"
                     "\"http://unitsofmeasure.org\",\"code\":\"{score}\"}",
                     sev);
            observation(&t[team], &setup.desc, client, seq++, "gad7", team, ts + 300, value);
            measures += 2;
            ts += 7 * 86400 + (int64_t)(rnd() % 7200);
        }
    }
    t0 = tp_clock_mono_ms();
    if (tr_stats_make(&setup.desc, &s, &err))
        goto fail;
    for (int k = 0; k < TEAMS; k++) {
        bytes += t[k].n;
        if (tr_stats_add_ndjson(s, "Observation", t[k].p, t[k].n, "bench", &err))
            goto fail;
    }
    t1 = tp_clock_mono_ms();
    if (tr_stats_compute(s, &err))
        goto fail;
    t2 = tp_clock_mono_ms();
    out = tr_stats_to_json(s, setup.reference, 0);
    assert(out);
    free(cJSON_PrintUnformatted(out));
    cJSON_Delete(out);
    t3 = tp_clock_mono_ms();
    printf("bench_stats: %d clients, %zu measures, %zu observations, %.1f MB of NDJSON\n", CLIENTS,
           measures, tr_stats_read(s), (double)bytes / 1e6);
    printf("  read NDJSON %lld ms, outcomes and groups %lld ms, JSON out %lld ms: total %lld ms "
           "(budget 1000 ms)\n",
           (long long)(t1 - t0), (long long)(t2 - t1), (long long)(t3 - t2), (long long)(t3 - t0));
    tr_stats_destroy(s);
    for (int k = 0; k < TEAMS; k++)
        free(t[k].p);
    tr_stats_setup_free(&setup);
    tr_content_free(pack);
    tr_diags_free(&diags);
    return 0;
fail:
    fprintf(stderr, "bench_stats: %s\n", err.msg);
    return 1;
}
