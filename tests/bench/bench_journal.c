/* bench_journal: figures for the journal (README "Benchmarks").
 *   key derivation at the default costs; durable append latency (real fsync);
 *   open+verify and read throughput for 1,000 / 20,000 / 100,000 records of ~400 bytes;
 *   peak RSS after each size.
 * Usage: bench_journal [DIR] (default /tmp; use a directory on the disk you care about).
 * The journals for the open/read figures are written without fsync to save time (the bytes
 * are the same); open uses the cheapest costs so the figure is "after key derivation". */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "tp_clock.h"
#include "tr_journal.h"

#include <sodium.h>
#include <time.h>

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Resident memory now (the peak is dominated by Argon2id's 256 MiB at the start). */
static long rss_kib(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static size_t record(char *buf, size_t n, int i)
{
    return (size_t)snprintf(
        buf, n,
        "{\"type\":\"%s\",\"ts\":\"2026-%02d-%02dT%02d:%02d:00Z\",\"mood\":%d,\"sleep_hours\":%d.5,"
        "\"note\":\"Sov d\\u00e5rlig, tenkte mye p\\u00e5 jobben og m\\u00f8tet i morgen. Gikk "
        "en tur i lunsjen likevel, og det hjalp litt. Pustet rolig i fem minutter etterp\\u00e5 "
        "som i modulen, og skrev ned tre ting som gikk bra i dag: kaffe med Kari, ryddet "
        "kj\\u00f8kkenet, ringte mamma.\",\"values\":{\"situation\":\"m\\u00f8te\",\"n\":%d}}",
        i % 3 ? "checkin" : "module_entry", 1 + (i / 2000) % 12, 1 + (i / 70) % 28, i % 24, i % 60,
        i % 11, i % 9, i);
}

static int nosync(void *user, tp_io_file *f)
{
    return 0;
}

static int nosync_dir(void *user, const char *path)
{
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct counter {
    size_t n, bytes;
} counter;

static int count(void *user, const tr_journal_record *rec)
{
    counter *c = user;
    c->n++;
    c->bytes += rec->json_len;
    return 0;
}

static int die(const tr_error *err)
{
    fprintf(stderr, "bench_journal: %s\n", err->msg);
    return 1;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    if (sodium_init() < 0)
        return 1;
    char path[1024];
    snprintf(path, sizeof path, "%s/bench-journal-%d.tj", dir, (int)getpid());
    tr_error err = {0};
    tr_journal *j = NULL;
    const char pass[] = "benchmark passphrase";

    /* 1. Key derivation at the default costs. */
    uint64_t ops;
    size_t mem;
    tr_journal_default_costs(&ops, &mem);
    unlink(path);
    double t0 = now_s();
    if (tr_journal_create(&(tr_journal_desc){.path = path}, pass, sizeof pass - 1, &j, &err))
        return die(&err);
    double create_s = now_s() - t0;
    tr_journal_close(j);
    double kdf[3];
    for (int i = 0; i < 3; i++) {
        t0 = now_s();
        if (tr_journal_open(&(tr_journal_desc){.path = path}, pass, sizeof pass - 1, &j, &err))
            return die(&err);
        kdf[i] = now_s() - t0;
        tr_journal_close(j);
    }
    qsort(kdf, 3, sizeof kdf[0], cmp_double);
    printf("key derivation (Argon2id ops %llu, mem %zu MiB): create %.3f s, open median %.3f s "
           "(min %.3f, max %.3f)\n",
           (unsigned long long)ops, mem >> 20, create_s, kdf[1], kdf[0], kdf[2]);
    unlink(path);

    /* 2. Durable append latency. */
    tr_journal_desc cheap = {.path = path, .kdf_ops = 1, .kdf_mem = 8192};
    if (tr_journal_create(&cheap, pass, sizeof pass - 1, &j, &err))
        return die(&err);
    enum { APPENDS = 500 };
    double *lat = malloc(APPENDS * sizeof *lat);
    char rec[2048];
    size_t total = 0;
    for (int i = 0; i < APPENDS; i++) {
        size_t len = record(rec, sizeof rec, i);
        total += len;
        t0 = now_s();
        if (tr_journal_append(j, rec, len, NULL, &err))
            return die(&err);
        lat[i] = (now_s() - t0) * 1e3;
    }
    tr_journal_close(j);
    unlink(path);
    qsort(lat, APPENDS, sizeof lat[0], cmp_double);
    double sum = 0;
    for (int i = 0; i < APPENDS; i++)
        sum += lat[i];
    printf("durable append (%d records of ~%zu bytes, 2 fsyncs each): mean %.2f ms, median "
           "%.2f ms, p95 %.2f ms, max %.2f ms\n",
           APPENDS, total / APPENDS, sum / APPENDS, lat[APPENDS / 2], lat[APPENDS * 95 / 100],
           lat[APPENDS - 1]);
    free(lat);

    /* 3. Open+verify and read throughput by size. */
    tp_io fast = *tp_io_posix();
    fast.sync = nosync;
    fast.sync_dir = nosync_dir;
    static const int sizes[] = {1000, 20000, 100000};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        int n = sizes[s];
        unlink(path);
        tr_journal_desc build = cheap;
        build.io = &fast;
        if (tr_journal_create(&build, pass, sizeof pass - 1, &j, &err))
            return die(&err);
        for (int i = 0; i < n; i++) {
            size_t len = record(rec, sizeof rec, i);
            if (tr_journal_append(j, rec, len, NULL, &err))
                return die(&err);
        }
        tr_journal_close(j);
        FILE *f = fopen(path, "rb");
        fseek(f, 0, SEEK_END);
        long fsize = ftell(f);
        fclose(f);
        double best_open = 1e9, best_read = 1e9;
        long open_rss = 0;
        counter c = {0};
        for (int rep = 0; rep < 3; rep++) {
            t0 = now_s();
            if (tr_journal_open(&cheap, pass, sizeof pass - 1, &j, &err))
                return die(&err);
            double o = now_s() - t0;
            c = (counter){0};
            t0 = now_s();
            if (tr_journal_query_each(j, NULL, count, &c, &err))
                return die(&err);
            double r = now_s() - t0;
            open_rss = rss_kib();
            tr_journal_close(j);
            best_open = o < best_open ? o : best_open;
            best_read = r < best_read ? r : best_read;
        }
        printf("%6d records (%.1f MB file): open+verify %.1f ms (%.0f records/s), read all %.1f "
               "ms (%.0f MB/s of JSON), RSS while open %ld KiB, peak %ld KiB\n",
               n, fsize / 1e6, best_open * 1e3, n / best_open, best_read * 1e3,
               c.bytes / 1e6 / best_read, open_rss, peak_rss_kib());
    }
    unlink(path);
    return 0;
}
