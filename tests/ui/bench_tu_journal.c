/* Benchmark (issue #5): open a real encrypted journal holding two years of one client's
 * records (tu_bench_history: daily check-ins, weekly PHQ-9 and GAD-7, exposure tries, the
 * activity diary saved as it was typed; 20,000 records), made with tr_journal at the DEFAULT
 * key-derivation cost, then feed the tracker and draw the charts screen, at 1920x1080 and
 * 1080x1920 (SDL dummy video driver, software renderer). Prints each phase:
 *   key derivation alone (Argon2id at the journal's default costs, as libsodium runs it),
 *   open = key derivation + verifying every record and the chain, read every record into the
 *   profile's records (authenticated again, parsed), feed the tracker, the first frame of the
 *   charts (series, outcome, layout, text rendered, drawn, presented), and a next frame.
 * DESIGN.md budget: open a journal of 20,000 records and build every chart <= 100 ms after key
 * derivation; key derivation deliberately 0.3-1 s. No timing is asserted.
 * The journal is written once without fsync (the bytes are those of durable appends).
 * Usage: bench_tu_journal [DIR] (default /tmp) with TRINN_CONTENT set. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "tr_journal.h"
#include "tu_app.h"
#include "tu_bench.h"

#define N_RECORDS 20000

static const char pass[] = "korrekt hest batteri stift";

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static int nosync(void *user, tp_io_file *f)
{
    (void)user, (void)f;
    return 0;
}

static int nosync_dir(void *user, const char *path)
{
    (void)user, (void)path;
    return 0;
}

static int append(void *user, const char *json, size_t len)
{
    tr_error err = {0};
    if (tr_journal_append(user, json, len, NULL, &err) != TR_OK) {
        fprintf(stderr, "bench_tu_journal: append: %s\n", err.msg);
        return -1;
    }
    return 0;
}

typedef struct reading {
    cJSON *list;
    double parse_ms; /* of the read, the part spent parsing JSON */
} reading;

/* Reads each record into a cJSON array, as the profile code hands the journal to the app. */
static int collect(void *user, const tr_journal_record *rec)
{
    reading *rd = user;
    double t0 = now_ms();
    cJSON *r = cJSON_ParseWithLength(rec->json, rec->json_len);
    if (!r)
        return -1;
    cJSON_AddItemToArray(rd->list, r);
    rd->parse_ms += now_ms() - t0;
    return 0;
}

/* One size: open, read, feed, draw. Returns 0, or 1 with the reason printed. */
static int run(const char *path, const char *data_dir, int w, int h)
{
    static tu_app app;
    char msg[1024];
    tr_error err = {0};
    memset(&app, 0, sizeof app);
    if (tu_app_init(&app,
                    &(tu_app_desc){
                        .width = w, .height = h, .lang = "nb", .data_dir = data_dir, .headless = 1},
                    msg, sizeof msg) != 0) {
        fprintf(stderr, "bench_tu_journal: %s\n", msg);
        return 1;
    }
    tr_journal *j = NULL;
    double t0 = now_ms();
    if (tr_journal_open(&(tr_journal_desc){.path = path}, pass, sizeof pass - 1, &j, &err)) {
        fprintf(stderr, "bench_tu_journal: open: %s\n", err.msg);
        tu_app_shutdown(&app);
        return 1;
    }
    double t1 = now_ms();
    reading rd = {cJSON_CreateArray(), 0};
    if (!rd.list || tr_journal_query_each(j, NULL, collect, &rd, &err) != TR_OK) {
        fprintf(stderr, "bench_tu_journal: read: %s\n", err.msg[0] ? err.msg : "out of memory");
        cJSON_Delete(rd.list);
        tr_journal_close(j);
        tu_app_shutdown(&app);
        return 1;
    }
    tu_records_attach(&app.records, NULL, NULL, rd.list);
    double t2 = now_ms();
    tu_trk_update(&app);
    double t3 = now_ms();
    tu_app_go(&app, TU_SCR_PROGRESS);
    tu_app_frame(&app);
    double t4 = now_ms();
    app.force_redraw = 1;
    tu_app_frame(&app);
    double t5 = now_ms();
    printf("%dx%d (%zu records):\n", app.out_w, app.out_h, app.records.count);
    printf("  open (key derivation + verify every record): %7.1f ms\n", t1 - t0);
    printf("  read every record into the profile's records: %6.1f ms (parsing JSON: %.1f ms)\n",
           t2 - t1, rd.parse_ms);
    printf("  feed the tracker:                             %6.1f ms\n", t3 - t2);
    printf("  charts screen, first frame (drawn):           %6.1f ms\n", t4 - t3);
    printf("  charts screen, next frame (drawn):            %6.1f ms\n", t5 - t4);
    printf("  after key derivation to the first frame:      %6.1f ms + verify (budget 100 ms)\n",
           t4 - t1);
    tr_journal_close(j);
    tu_app_shutdown(&app);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    char path[1024], data_dir[1024];
    tr_error err = {0};
    if (!getenv("TRINN_CONTENT")) {
        fprintf(stderr, "usage: TRINN_CONTENT=DIR bench_tu_journal [DIR]\n");
        return 2;
    }
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    snprintf(path, sizeof path, "%s/bench_tu_journal.%ld.trinn", dir, (long)getpid());
    snprintf(data_dir, sizeof data_dir, "%s/bench_tu_journal.%ld.data", dir, (long)getpid());

    uint64_t ops;
    size_t mem;
    tr_journal_default_costs(&ops, &mem);
    tp_io fast = *tp_io_posix();
    fast.sync = nosync;
    fast.sync_dir = nosync_dir;
    tr_journal *j = NULL;
    double t0 = now_ms();
    if (tr_journal_create(&(tr_journal_desc){.path = path, .io = &fast}, pass, sizeof pass - 1, &j,
                          &err) != TR_OK) {
        fprintf(stderr, "bench_tu_journal: create %s: %s\n", path, err.msg);
        return 1;
    }
    double t1 = now_ms();
    int rc = tu_bench_history(N_RECORDS, append, j);
    double t2 = now_ms();
    tr_journal_close(j);
    if (rc != 0) {
        unlink(path);
        return 1;
    }
    printf("journal made: create %.0f ms, %d appends without fsync %.0f ms\n", t1 - t0, N_RECORDS,
           t2 - t1);

    /* the key derivation alone, as open runs it (same costs, same algorithm) */
    unsigned char key[32], salt[crypto_pwhash_SALTBYTES] = {0};
    double k0 = now_ms();
    if (sodium_init() < 0 || crypto_pwhash(key, sizeof key, pass, sizeof pass - 1, salt, ops, mem,
                                           crypto_pwhash_ALG_ARGON2ID13) != 0) {
        fprintf(stderr, "bench_tu_journal: key derivation failed (out of memory?)\n");
        unlink(path);
        return 1;
    }
    printf("key derivation alone (Argon2id, ops %llu, %zu MiB): %.0f ms (deliberate: 300-1000)\n",
           (unsigned long long)ops, mem >> 20, now_ms() - k0);

    rc = run(path, data_dir, 1920, 1080) || run(path, data_dir, 1080, 1920);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak memory (max RSS, Argon2id's %zu MiB included): %.1f MB\n", mem >> 20,
           (double)ru.ru_maxrss / 1024.0);
    unlink(path);
    char settings[1100];
    snprintf(settings, sizeof settings, "%s/settings.json", data_dir);
    unlink(settings);
    rmdir(data_dir);
    return rc;
}
