/* tj_support: helpers shared by the journal tests (not a test itself): a scratch directory,
 * cheap key-derivation costs, record fixtures, and a fault-injecting tp_io in the manner of
 * SQLite's test VFS: fail the Nth mutating operation (once or from then on), or "crash" there
 * and afterwards lose, keep or tear the writes that were not yet fsynced. */
#ifndef TJ_SUPPORT_H
#define TJ_SUPPORT_H

#include <errno.h>
#include <sodium.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tp_io.h"
#include "tr_journal.h"
#include "tt_os.h"

#define TJ_PASS     "correct horse battery staple"
#define TJ_PASS_LEN (sizeof TJ_PASS - 1)

static char tj_dir[256];

/* Creates a fresh scratch directory for this test program. */
static inline void tj_mkdir(void)
{
    /* /dev/shm when there is one: thousands of tiny files, no disk waits. */
    if (tt_mkdtemp(tj_dir, sizeof tj_dir, "trinn-jtest") != 0) {
        perror("mkdtemp");
        abort();
    }
}

static inline void tj_path(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", tj_dir, name);
}

static inline void tj_rmdir(void)
{
    if (tt_remove_tree(tj_dir) != 0)
        fprintf(stderr, "could not remove %s\n", tj_dir);
}

static inline tr_journal_desc tj_desc(const char *path, const tp_io *io)
{
    return (tr_journal_desc){.path = path, .io = io, .kdf_ops = 1, .kdf_mem = 8192};
}

/* The JSON of fixture record i (1-based), about 300-400 bytes. */
static inline size_t tj_record(char *buf, size_t n, int i)
{
    static const char *types[] = {"checkin", "measure", "module_entry", "session"};
    int len = snprintf(buf, n,
                       "{\"type\":\"%s\",\"ts\":\"2026-11-%02dT%02d:%02d:00Z\",\"i\":%d,"
                       "\"note\":\"Sov d\\u00e5rlig, tenkte mye p\\u00e5 jobben. Gikk en tur "
                       "likevel og det hjalp litt; pustet rolig etterp\\u00e5.\",\"mood\":%d,"
                       "\"values\":{\"situation\":\"m\\u00f8te med leder\",\"thought\":\"jeg "
                       "klarer ikke dette\",\"evidence\":\"fikk ros sist uke\",\"n\":%d}}",
                       types[i % 4], 1 + (i / 24) % 28, i % 24, i % 60, i, i % 11, i * 7);
    return (size_t)len;
}

static inline long tj_file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static inline uint8_t *tj_read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    return buf;
}

static inline void tj_write_all(const char *path, const uint8_t *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len) {
        perror(path);
        abort();
    }
    fclose(f);
}

/* The POSIX I/O without fsync: for tests that check logic, not durability, so thousands of
 * opens do not wait for the disk (the fault layer below models durability itself). */
static inline int tjn_sync(void *user, tp_io_file *f)
{
    return 0;
}

static inline int tjn_sync_dir(void *user, const char *path)
{
    return 0;
}

static inline const tp_io *tj_nosync_io(void)
{
    static tp_io io;
    io = *tp_io_posix();
    io.sync = tjn_sync;
    io.sync_dir = tjn_sync_dir;
    return &io;
}

/* ---- an independent writer (FORMAT.md and libsodium only) ---- */

static inline uint64_t tj_le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static inline void tj_put_le(uint8_t *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* The subkeys of the journal bytes f (TJ_PASS): rk, hk. Aborts if TJ_PASS does not open it. */
static inline void tj_subkeys(const uint8_t *f, uint8_t rk[32], uint8_t hk[32])
{
    uint8_t kek[32], dk[32];
    if (crypto_pwhash(kek, 32, TJ_PASS, TJ_PASS_LEN, f + 32, tj_le(f + 16, 8),
                      (size_t)tj_le(f + 24, 8), crypto_pwhash_ALG_ARGON2ID13) != 0 ||
        crypto_aead_xchacha20poly1305_ietf_decrypt(dk, NULL, NULL, f + 88, 48, f, 64, f + 64,
                                                   kek) != 0)
        abort();
    crypto_kdf_derive_from_key(rk, 32, 1, "TrnJrnl1", dk);
    crypto_kdf_derive_from_key(hk, 32, 2, "TrnJrnl1", dk);
}

/* Writes a head (generation one above both slots, last_seq, tag) into the older slot of the
 * journal bytes f, with its MAC, as a writer holding the key would. */
static inline void tj_put_head(uint8_t *f, uint64_t last_seq, const uint8_t tag[16])
{
    uint8_t rk[32], hk[32];
    tj_subkeys(f, rk, hk);
    uint64_t g0 = tj_le(f + 1024, 8), g1 = tj_le(f + 1536, 8);
    uint8_t *slot = f + (g0 > g1 ? 1536 : 1024);
    memset(slot, 0, 512);
    tj_put_le(slot, (g0 > g1 ? g0 : g1) + 1, 8);
    tj_put_le(slot + 8, last_seq, 8);
    memcpy(slot + 16, tag, 16);
    uint8_t in[48];
    memcpy(in, f + 48, 16);
    memcpy(in + 16, slot, 32);
    crypto_generichash(slot + 32, 32, in, 48, hk, 32);
}

/* Appends to the journal at path (passphrase TJ_PASS) one authentic record with the given
 * framing (type, ts) and text body[0..blen), whatever they are, and makes the head name it: the
 * chain and the head check out, so only the framing rules and the text can be wrong. */
static inline void tj_seal_append(const char *path, const char *type, int64_t ts, const char *body,
                                  size_t blen)
{
    size_t flen = 0;
    uint8_t *f = tj_read_all(path, &flen);
    uint8_t rk[32], hk[32];
    tj_subkeys(f, rk, hk);
    uint8_t prev[16] = {0};
    uint64_t seq = 1;
    for (size_t off = 2048; off < flen; seq++) {
        uint32_t ct_len = (uint32_t)tj_le(f + off, 4);
        memcpy(prev, f + off + 36 + ct_len - 16, 16);
        off += 36 + ct_len;
    }
    size_t tlen = strlen(type), pt_len = 9 + tlen + blen;
    uint8_t *pt = malloc(pt_len);
    tj_put_le(pt, (uint64_t)ts, 8);
    pt[8] = (uint8_t)tlen;
    memcpy(pt + 9, type, tlen);
    memcpy(pt + 9 + tlen, body, blen);
    size_t rec_len = 36 + pt_len + 16;
    f = realloc(f, flen + rec_len);
    uint8_t *rec = f + flen;
    tj_put_le(rec, pt_len + 16, 4);
    tj_put_le(rec + 4, seq, 8);
    randombytes_buf(rec + 12, 24);
    uint8_t ad[40];
    memcpy(ad, f + 48, 16);
    tj_put_le(ad + 16, seq, 8);
    memcpy(ad + 24, prev, 16);
    crypto_aead_xchacha20poly1305_ietf_encrypt(rec + 36, NULL, pt, pt_len, ad, 40, NULL, rec + 12,
                                               rk);
    tj_put_head(f, seq, rec + rec_len - 16);
    tj_write_all(path, f, flen + rec_len);
    free(pt);
    free(f);
}

/* ---- fault-injecting I/O ---- */

enum { TJ_KEEP, TJ_DROP, TJ_TORN }; /* what happens to unsynced writes at a crash */

struct tp_io_file {
    tp_io_file *real;
    char path[512];
};

typedef struct tj_undo {
    char path[512];
    tp_io_file *f; /* the wrapped file, to forget on sync */
    uint64_t off;
    size_t n;     /* bytes written */
    uint8_t *old; /* previous bytes of [off, off+n) that existed */
    size_t old_n;
    uint64_t old_size;
    int is_write;
} tj_undo;

/* A rename that is not durable yet (no sync_dir since): a crash may undo it. */
typedef struct tj_rename {
    char from[512], to[512];
    uint8_t *old; /* what `to` held before (NULL: it did not exist) */
    size_t old_n;
} tj_rename;

typedef struct tj_fault {
    tp_io io;
    const tp_io *real;
    int ops;        /* mutating operations seen */
    int fail_at;    /* 1-based op that fails (0 = none) */
    int persistent; /* fail every op from fail_at on */
    int crash_at;   /* 1-based op where the "machine stops" (0 = none) */
    int crashed;
    int torn_half; /* at a crash inside a pwrite, TJ_TORN writes half of it */
    tj_undo *log;
    size_t nlog;
    tj_rename *renames;
    size_t nrenames;
} tj_fault;

static inline int tjf_tick(tj_fault *t)
{
    if (t->crashed)
        return -EIO;
    t->ops++;
    if (t->crash_at && t->ops >= t->crash_at) {
        t->crashed = 1;
        return -EIO;
    }
    if (t->fail_at && (t->ops == t->fail_at || (t->persistent && t->ops > t->fail_at)))
        return -EIO;
    return 0;
}

static inline int tjf_open(void *u, const char *path, int flags, tp_io_file **out)
{
    tj_fault *t = u;
    *out = NULL;
    if (t->crashed)
        return -EIO;
    tp_io_file *f = calloc(1, sizeof *f);
    int rc = t->real->open(t->real->user, path, flags, &f->real);
    if (rc) {
        free(f);
        return rc;
    }
    snprintf(f->path, sizeof f->path, "%s", path);
    *out = f;
    return 0;
}

static inline int tjf_close(void *u, tp_io_file *f)
{
    tj_fault *t = u;
    int rc = t->real->close(t->real->user, f->real);
    free(f);
    return rc;
}

static inline int tjf_pread(void *u, tp_io_file *f, void *buf, size_t n, uint64_t off, size_t *got)
{
    tj_fault *t = u;
    if (t->crashed)
        return -EIO;
    return t->real->pread(t->real->user, f->real, buf, n, off, got);
}

static inline void tjf_log(tj_fault *t, tp_io_file *f, uint64_t off, size_t n, int is_write)
{
    tj_undo *l = realloc(t->log, (t->nlog + 1) * sizeof *l);
    if (!l)
        abort();
    t->log = l;
    tj_undo *e = &t->log[t->nlog++];
    memset(e, 0, sizeof *e);
    snprintf(e->path, sizeof e->path, "%s", f->path);
    e->f = f;
    e->off = off;
    e->n = n;
    e->is_write = is_write;
    t->real->size(t->real->user, f->real, &e->old_size);
    e->old = malloc(n ? n : 1);
    t->real->pread(t->real->user, f->real, e->old, n, off, &e->old_n);
}

static inline int tjf_pwrite(void *u, tp_io_file *f, const void *buf, size_t n, uint64_t off)
{
    tj_fault *t = u;
    int rc = tjf_tick(t);
    if (rc) {
        if (t->crashed && t->torn_half && n > 1) {
            /* The machine stopped while this write was under way: part of it landed. */
            tjf_log(t, f, off, n / 2, 1);
            t->real->pwrite(t->real->user, f->real, buf, n / 2, off);
        }
        return rc;
    }
    tjf_log(t, f, off, n, 1);
    return t->real->pwrite(t->real->user, f->real, buf, n, off);
}

static inline int tjf_sync(void *u, tp_io_file *f)
{
    tj_fault *t = u;
    int rc = tjf_tick(t);
    if (rc)
        return rc;
    rc = t->real->sync(t->real->user, f->real);
    if (!rc) /* durable now: forget the undo data of this file */
        for (size_t i = 0; i < t->nlog; i++)
            if (t->log[i].f == f) {
                free(t->log[i].old);
                t->log[i] = t->log[--t->nlog];
                i--;
            }
    return rc;
}

static inline int tjf_size(void *u, tp_io_file *f, uint64_t *out)
{
    tj_fault *t = u;
    if (t->crashed)
        return -EIO;
    return t->real->size(t->real->user, f->real, out);
}

static inline int tjf_truncate(void *u, tp_io_file *f, uint64_t len)
{
    tj_fault *t = u;
    int rc = tjf_tick(t);
    if (rc)
        return rc;
    uint64_t size = 0;
    t->real->size(t->real->user, f->real, &size);
    if (size > len)
        tjf_log(t, f, len, (size_t)(size - len), 0);
    return t->real->truncate(t->real->user, f->real, len);
}

static inline int tjf_lock(void *u, tp_io_file *f)
{
    tj_fault *t = u;
    if (t->crashed)
        return -EIO;
    return t->real->lock(t->real->user, f->real);
}

static inline uint8_t *tjf_slurp(const tp_io *r, const char *path, size_t *n)
{
    tp_io_file *f = NULL;
    uint64_t size = 0;
    *n = 0;
    if (r->open(r->user, path, TP_IO_READ, &f) != 0)
        return NULL;
    r->size(r->user, f, &size);
    uint8_t *buf = malloc(size ? (size_t)size : 1);
    r->pread(r->user, f, buf, (size_t)size, 0, n);
    r->close(r->user, f);
    return buf;
}

/* A rename is durable only once its folder is synced: until then a crash in TJ_DROP or TJ_TORN
 * mode puts the old file back (tj_fault_finish). Unsynced writes follow the file to its new
 * name; those of the replaced file are gone with it. */
static inline int tjf_rename(void *u, const char *from, const char *to)
{
    tj_fault *t = u;
    int rc = tjf_tick(t);
    if (rc)
        return rc;
    tj_rename *l = realloc(t->renames, (t->nrenames + 1) * sizeof *l);
    if (!l)
        abort();
    t->renames = l;
    tj_rename *e = &t->renames[t->nrenames];
    memset(e, 0, sizeof *e);
    snprintf(e->from, sizeof e->from, "%s", from);
    snprintf(e->to, sizeof e->to, "%s", to);
    e->old = tjf_slurp(t->real, to, &e->old_n);
    rc = t->real->rename(t->real->user, from, to);
    if (rc) {
        free(e->old);
        return rc;
    }
    t->nrenames++;
    for (size_t i = 0; i < t->nlog; i++) {
        if (strcmp(t->log[i].path, to) == 0) {
            free(t->log[i].old);
            t->log[i] = t->log[--t->nlog];
            i--;
        } else if (strcmp(t->log[i].path, from) == 0) {
            snprintf(t->log[i].path, sizeof t->log[i].path, "%s", to);
        }
    }
    return 0;
}

static inline int tjf_unlink(void *u, const char *path)
{
    tj_fault *t = u;
    int rc = tjf_tick(t);
    return rc ? rc : t->real->unlink(t->real->user, path);
}

static inline int tjf_sync_dir(void *u, const char *path)
{
    tj_fault *t = u;
    int rc = tjf_tick(t);
    if (!rc)
        rc = t->real->sync_dir(t->real->user, path);
    if (!rc) { /* the tests keep every file in one folder: all renames are durable now */
        for (size_t i = 0; i < t->nrenames; i++)
            free(t->renames[i].old);
        t->nrenames = 0;
    }
    return rc;
}

static inline void tj_fault_init(tj_fault *t)
{
    memset(t, 0, sizeof *t);
    t->real = tj_nosync_io();
    t->io = (tp_io){.user = t,
                    .open = tjf_open,
                    .close = tjf_close,
                    .pread = tjf_pread,
                    .pwrite = tjf_pwrite,
                    .sync = tjf_sync,
                    .size = tjf_size,
                    .truncate = tjf_truncate,
                    .lock = tjf_lock,
                    .rename = tjf_rename,
                    .unlink = tjf_unlink,
                    .sync_dir = tjf_sync_dir};
}

/* After a crash (all handles closed): what the disk holds once the power comes back. TJ_KEEP
 * keeps every unsynced write, TJ_DROP undoes them all (newest first), TJ_TORN undoes the second
 * half of each (from a 512-byte boundary), as a torn sector-wise write would leave it. TJ_DROP
 * and TJ_TORN also undo every rename whose folder was not synced after it. */
static inline void tj_fault_finish(tj_fault *t, int mode)
{
    const tp_io *r = t->real;
    for (size_t k = t->nlog; k-- > 0;) {
        tj_undo *e = &t->log[k];
        if (mode != TJ_KEEP) {
            uint64_t cut = e->off;
            if (mode == TJ_TORN) {
                cut = (e->off + e->n / 2) & ~(uint64_t)511;
                if (cut < e->off)
                    cut = e->off;
            }
            tp_io_file *f = NULL;
            if (r->open(r->user, e->path, TP_IO_WRITE, &f) == 0) {
                if (cut < e->off + e->old_n)
                    r->pwrite(r->user, f, e->old + (cut - e->off), e->off + e->old_n - cut, cut);
                uint64_t size = 0;
                r->size(r->user, f, &size);
                uint64_t keep = e->old_size > cut ? e->old_size : cut;
                if (e->is_write && size > keep)
                    r->truncate(r->user, f, keep);
                r->close(r->user, f);
            }
        }
        free(e->old);
    }
    free(t->log);
    t->log = NULL;
    t->nlog = 0;
    for (size_t k = t->nrenames; k-- > 0;) {
        tj_rename *e = &t->renames[k];
        if (mode != TJ_KEEP) {
            r->rename(r->user, e->to, e->from);
            if (e->old) {
                tp_io_file *f = NULL;
                if (r->open(r->user, e->to, TP_IO_WRITE | TP_IO_CREATE, &f) == 0) {
                    r->pwrite(r->user, f, e->old, e->old_n, 0);
                    r->close(r->user, f);
                }
            }
        }
        free(e->old);
    }
    free(t->renames);
    t->renames = NULL;
    t->nrenames = 0;
}

#endif
