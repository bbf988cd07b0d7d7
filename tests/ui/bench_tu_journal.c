/* Benchmark (issue #5): open a real encrypted journal holding two years of one client's
 * records (tu_bench_history: daily check-ins, weekly PHQ-9 and GAD-7, exposure tries, the
 * activity diary saved as it was typed; 20,000 records), made with tr_journal at the DEFAULT
 * key-derivation cost, then feed the tracker and draw the charts screen, at 1920x1080 and
 * 1080x1920 (SDL dummy video driver, software renderer). Prints each phase:
 *   key derivation alone (Argon2id at the journal's default costs, as libsodium runs it),
 *   open split at its first read of the record area: key derivation + unwrap, then verifying
 *   every record and the chain while the profile's reader (tu_profile_open_records) parses
 *   each into the records (one pass; a verify-only open is timed for comparison), feed the
 *   tracker, the first frame of the charts (series, outcome, layout, text rendered, drawn,
 *   presented), and a next frame.
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
#include "tu_profile.h"

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

/* Notes when open starts reading the record area: the first read past the header, which
 * comes after the key derivation and the unwrap of the data key. */
static double first_record_read;

static int stamp_pread(void *user, tp_io_file *f, void *buf, size_t n, uint64_t off, size_t *got)
{
    (void)user;
    if (off > 0 && first_record_read == 0)
        first_record_read = now_ms();
    return tp_io_posix()->pread(tp_io_posix()->user, f, buf, n, off, got);
}

/* One size: open (verify and read every record into the profile's records, one pass, the
 * profile's own code), feed, draw. Returns 0, or 1 with the reason printed. */
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
    tp_io io = *tp_io_posix();
    io.pread = stamp_pread;
    /* verify only (no reader), for comparison */
    tr_journal *j = NULL;
    first_record_read = 0;
    if (tr_journal_open(&(tr_journal_desc){.path = path, .io = &io}, pass, sizeof pass - 1, &j,
                        &err)) {
        fprintf(stderr, "bench_tu_journal: open: %s\n", err.msg);
        tu_app_shutdown(&app);
        return 1;
    }
    double verify_only = now_ms() - first_record_read;
    tr_journal_close(j);
    j = NULL;
    cJSON *records = NULL;
    first_record_read = 0;
    double t0 = now_ms();
    if (tu_profile_open_records(&(tr_journal_desc){.path = path, .io = &io}, pass, sizeof pass - 1,
                                &j, &records, &err)) {
        fprintf(stderr, "bench_tu_journal: open: %s\n", err.msg);
        tu_app_shutdown(&app);
        return 1;
    }
    double t2 = now_ms(), t1 = first_record_read;
    tu_records_attach(&app.records, NULL, NULL, records);
    tu_trk_update(&app);
    double t3 = now_ms();
    tu_app_go(&app, TU_SCR_PROGRESS);
    tu_app_frame(&app);
    double t4 = now_ms();
    app.force_redraw = 1;
    tu_app_frame(&app);
    double t5 = now_ms();
    printf("%dx%d (%zu records):\n", app.out_w, app.out_h, app.records.count);
    printf("  open: key derivation and unwrap:              %6.1f ms\n", t1 - t0);
    printf("  open: verify every record, no reader:         %6.1f ms\n", verify_only);
    printf("  open: verify and read every record (parsed):  %6.1f ms (parsing ~%.1f ms)\n", t2 - t1,
           t2 - t1 - verify_only);
    printf("  feed the tracker:                             %6.1f ms\n", t3 - t2);
    printf("  charts screen, first frame (drawn):           %6.1f ms\n", t4 - t3);
    printf("  charts screen, next frame (drawn):            %6.1f ms\n", t5 - t4);
    printf("  after key derivation to the first frame:      %6.1f ms (budget 100 ms)\n", t4 - t1);
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
