/* libFuzzer: journal file bytes in. The bytes become the whole file (in memory, through a
 * tp_io of our own), which is opened with the passphrase "fuzz", queried, appended to, and
 * closed: no crash, no leak, no sanitizer report, whatever the bytes. The corpus holds valid
 * journals made with that passphrase and cheap costs, so mutations reach the head and record
 * parsers. Randomness is made deterministic (randombytes_set_implementation) so every run of an
 * input is the same. */
#include <errno.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_journal.h"

/* ---- a one-file in-memory tp_io ---- */
struct tp_io_file {
    int unused;
};

typedef struct mem {
    uint8_t *buf;
    size_t len, cap;
    int exists;
    struct tp_io_file file;
} mem;

static mem g_mem;

static int m_open(void *u, const char *path, int flags, tp_io_file **out)
{
    mem *m = u;
    *out = NULL;
    if (strcmp(path, "fuzz.tj") != 0)
        return -ENOENT; /* PATH.tmp and exports: no such file */
    if ((flags & TP_IO_CREATE) && m->exists)
        return -EEXIST;
    if (!m->exists && !(flags & TP_IO_CREATE))
        return -ENOENT;
    m->exists = 1;
    *out = &m->file;
    return 0;
}

static int m_close(void *u, tp_io_file *f)
{
    return 0;
}

static int m_pread(void *u, tp_io_file *f, void *buf, size_t n, uint64_t off, size_t *got)
{
    mem *m = u;
    *got = 0;
    if (off >= m->len)
        return 0;
    size_t k = m->len - off < n ? (size_t)(m->len - off) : n;
    memcpy(buf, m->buf + off, k);
    *got = k;
    return 0;
}

static int m_pwrite(void *u, tp_io_file *f, const void *buf, size_t n, uint64_t off)
{
    mem *m = u;
    if (off + n > (64u << 20))
        return -EFBIG;
    if (off + n > m->cap) {
        size_t cap = (size_t)(off + n) * 2;
        uint8_t *b = realloc(m->buf, cap);
        if (!b)
            return -ENOMEM;
        memset(b + m->cap, 0, cap - m->cap);
        m->buf = b;
        m->cap = cap;
    }
    memcpy(m->buf + off, buf, n);
    if (off + n > m->len)
        m->len = (size_t)(off + n);
    return 0;
}

static int m_sync(void *u, tp_io_file *f)
{
    return 0;
}

static int m_size(void *u, tp_io_file *f, uint64_t *out)
{
    *out = ((mem *)u)->len;
    return 0;
}

static int m_truncate(void *u, tp_io_file *f, uint64_t len)
{
    mem *m = u;
    if (len < m->len)
        m->len = (size_t)len;
    return 0;
}

static int m_lock(void *u, tp_io_file *f)
{
    return 0;
}

static int m_rename(void *u, const char *from, const char *to)
{
    return -EIO;
}

static int m_unlink(void *u, const char *path)
{
    return -ENOENT;
}

static int m_sync_dir(void *u, const char *path)
{
    return 0;
}

static const tp_io mem_io = {.user = &g_mem,
                             .open = m_open,
                             .close = m_close,
                             .pread = m_pread,
                             .pwrite = m_pwrite,
                             .sync = m_sync,
                             .size = m_size,
                             .truncate = m_truncate,
                             .lock = m_lock,
                             .rename = m_rename,
                             .unlink = m_unlink,
                             .sync_dir = m_sync_dir};

/* ---- deterministic randomness ---- */
static uint64_t g_ctr;

static const char *r_name(void)
{
    return "fuzz-deterministic";
}

static uint32_t r_random(void)
{
    g_ctr = g_ctr * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(g_ctr >> 32);
}

static void r_buf(void *const buf, const size_t size)
{
    uint8_t *p = buf;
    for (size_t i = 0; i < size; i++)
        p[i] = (uint8_t)r_random();
}

static struct randombytes_implementation det_rng = {
    .implementation_name = r_name, .random = r_random, .buf = r_buf};

static int64_t fixed_now(void *user)
{
    return 1800000000;
}

static int visit(void *user, const tr_journal_record *rec)
{
    size_t *sum = user;
    *sum += rec->json_len + strlen(rec->type) + (size_t)rec->seq;
    return 0;
}

/* Open's visitor: reads every byte of the strings it is given and counts the records. */
static tr_status visit_open(void *user, const tr_journal_record *rec, tr_error *err)
{
    (void)err;
    size_t *seen = user;
    if (strlen(rec->json) > rec->json_len || strlen(rec->type) > TR_JOURNAL_MAX_TYPE)
        abort();
    (*seen)++;
    return TR_OK;
}

static tr_status visit_refuse(void *user, const tr_journal_record *rec, tr_error *err)
{
    (void)user;
    return rec->seq % 2 ? tr_error_set(err, TR_E_INVALID, "refused") : TR_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        randombytes_set_implementation(&det_rng);
        if (sodium_init() < 0)
            abort();
        ready = 1;
    }
    if (size > (4u << 20))
        return 0;
    g_ctr = 42;
    free(g_mem.buf);
    g_mem = (mem){0};
    g_mem.buf = malloc(size ? size : 1);
    memcpy(g_mem.buf, data, size);
    g_mem.len = g_mem.cap = size;
    g_mem.exists = 1;
    /* Costs come from the header, capped by the reader at 1 GiB; keep the fuzzer to cheap
     * headers so each input stays fast (the caps have their own unit test). */
    if (size >= 32) {
        uint64_t ops = 0, memlimit = 0;
        for (int i = 7; i >= 0; i--) {
            ops = (ops << 8) | data[16 + i];
            memlimit = (memlimit << 8) | data[24 + i];
        }
        if (ops > 2 || memlimit > (1u << 20))
            return 0;
    }
    tr_journal *j = NULL;
    tr_error err = {0};
    size_t seen = 0;
    /* open reads every record in its verifying pass, as the profile does */
    tr_journal_desc d = {.path = "fuzz.tj",
                         .io = &mem_io,
                         .now = fixed_now,
                         .visit = visit_open,
                         .visit_user = &seen};
    if (tr_journal_open(&d, "fuzz", 4, &j, &err) == TR_OK) {
        if (seen != tr_journal_count(j))
            abort();
        size_t sum = 0;
        tr_journal_query_each(j, NULL, visit, &sum, &err);
        tr_journal_query_each(j, &(tr_journal_query){.type = "checkin", .since = 1, .until = 2e9},
                              visit, &sum, &err);
        const char rec[] = "{\"type\":\"checkin\",\"ts\":\"2026-11-26T10:00:00Z\",\"mood\":3}";
        tr_journal_append(j, rec, sizeof rec - 1, NULL, &err);
        tr_journal_close(j);
        j = NULL;
        d.visit = visit_refuse; /* a reader that gives up: open fails cleanly */
        if (tr_journal_open(&d, "fuzz", 4, &j, &err) == TR_OK)
            tr_journal_close(j);
        d.visit = NULL;
    }
    int64_t wait = 0;
    tr_journal_wait(&d, &wait, &err);
    return 0;
}
