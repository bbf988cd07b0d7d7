/* tr_journal_admin: plain export and erasure (the passphrase change is tr_journal_rekey.c). */
#include "tr_journal_int.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRJ_COPY_CHUNK ((size_t)1 << 20)

static tr_status trj_os(tr_error *err, const char *path, const char *what, int rc)
{
    return tr_error_set(err, rc == -ENOENT ? TR_E_NOTFOUND : TR_E_IO, "%s: cannot %s (%s)", path,
                        what, trj_errstr(rc));
}

/* Buffered writer for the export (plaintext lives in sodium memory, wiped as it goes). */
typedef struct trj_out {
    tr_journal *j;
    tp_io_file *f;
    uint8_t *buf;
    size_t len, cap;
    uint64_t off;
    int rc;
    size_t written;  /* records written */
    size_t withheld; /* secret records left out */
} trj_out;

static void out_flush(trj_out *o)
{
    if (!o->rc && o->len)
        o->rc = o->j->io->pwrite(o->j->io->user, o->f, o->buf, o->len, o->off);
    o->off += o->len;
    sodium_memzero(o->buf, o->len);
    o->len = 0;
}

static void out_put(trj_out *o, const void *p, size_t n)
{
    const uint8_t *s = p;
    while (n && !o->rc) {
        if (o->len == o->cap)
            out_flush(o);
        size_t k = o->cap - o->len < n ? o->cap - o->len : n;
        memcpy(o->buf + o->len, s, k);
        o->len += k;
        s += k;
        n -= k;
    }
}

int tr_journal_type_secret(const char *type)
{
    static const char *const secret[] = {TR_JOURNAL_SECRET_TYPES, NULL};
    for (int i = 0; secret[i]; i++)
        if (strcmp(type, secret[i]) == 0)
            return 1;
    return 0;
}

static int out_record(void *user, const tr_journal_record *rec)
{
    trj_out *o = user;
    if (tr_journal_type_secret(rec->type)) { /* secret keys never leave in clear */
        o->withheld++;
        return 0;
    }
    out_put(o, o->written == 0 ? "\n" : ",\n", o->written == 0 ? 1 : 2);
    out_put(o, rec->json, rec->json_len);
    o->written++;
    return o->rc != 0;
}

tr_status tr_journal_export(tr_journal *j, const char *out_path, tr_error *err)
{
    return tr_journal_export_plain(j, out_path, NULL, err);
}

tr_status tr_journal_export_plain(tr_journal *j, const char *out_path, size_t *withheld,
                                  tr_error *err)
{
    assert(j && out_path);
    trj_out o = {.j = j, .cap = (size_t)64 << 10};
    if (withheld)
        *withheld = 0;
    tr_status st = TR_OK;
    o.buf = sodium_malloc(o.cap);
    if (!o.buf)
        return tr_error_set(err, TR_E_NOMEM, "out of memory exporting the journal");
    int rc = j->io->open(j->io->user, out_path, TP_IO_WRITE | TP_IO_CREATE, &o.f);
    if (rc) {
        st = rc == -EEXIST ? tr_error_set(err, TR_E_INVALID,
                                          "%s: exists already; choose a new file name for "
                                          "the export",
                                          out_path)
                           : trj_os(err, out_path, "create the export file", rc);
        sodium_free(o.buf);
        return st;
    }
    static const char head[] = "{\"format\":\"trinn-journal-export\",\"version\":1,\"records\":[";
    out_put(&o, head, sizeof head - 1);
    if ((st = tr_journal_query_each(j, NULL, out_record, &o, err)))
        goto fail;
    out_put(&o, "\n]}\n", 4);
    out_flush(&o);
    if (!o.rc)
        o.rc = j->io->sync(j->io->user, o.f);
    if (!o.rc)
        o.rc = j->io->sync_dir(j->io->user, out_path);
    if (o.rc) {
        st = trj_os(err, out_path, "write the export", o.rc);
        goto fail;
    }
    j->io->close(j->io->user, o.f);
    sodium_free(o.buf);
    if (withheld)
        *withheld = o.withheld;
    return TR_OK;
fail:
    j->io->close(j->io->user, o.f);
    j->io->unlink(j->io->user, out_path);
    sodium_free(o.buf);
    return st;
}

/* Overwrites [0, size) of f: random bytes over the key header and head, zeros after. */
static int trj_shred(const tp_io *io, tp_io_file *f)
{
    uint64_t size = 0;
    int rc = io->size(io->user, f, &size);
    if (rc)
        return rc;
    uint8_t *buf = calloc(1, TRJ_COPY_CHUNK);
    if (!buf)
        return -ENOMEM;
    for (uint64_t off = 0; off < size && !rc;) {
        size_t n = size - off < TRJ_COPY_CHUNK ? (size_t)(size - off) : TRJ_COPY_CHUNK;
        if (off == 0)
            randombytes_buf(buf, n < TRJ_RECORDS_OFF ? n : TRJ_RECORDS_OFF);
        rc = io->pwrite(io->user, f, buf, n, off);
        if (off == 0)
            memset(buf, 0, TRJ_RECORDS_OFF);
        off += n;
    }
    free(buf);
    if (!rc)
        rc = io->sync(io->user, f);
    return rc;
}

typedef struct trj_shred_ctx {
    const tp_io *io;
    int rc;
    char failed[1200];
} trj_shred_ctx;

static int trj_shred_leftover(void *user, const char *path)
{
    trj_shred_ctx *c = user;
    tp_io_file *t = NULL;
    int rc = c->io->open(c->io->user, path, TP_IO_WRITE, &t);
    if (rc == -ENOENT)
        return 0;
    if (!rc) {
        rc = trj_shred(c->io, t);
        c->io->close(c->io->user, t);
    }
    if (!rc)
        rc = c->io->unlink(c->io->user, path);
    if (rc) {
        c->rc = rc;
        snprintf(c->failed, sizeof c->failed, "%s", path);
    }
    return rc;
}

tr_status tr_journal_erase(const tr_journal_desc *desc, tr_error *err)
{
    assert(desc && desc->path);
    if (sodium_init() < 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
    const tp_io *io = desc->io ? desc->io : tp_io_posix();
    tp_io_file *f = NULL;
    tr_status st = TR_OK;
    int rc = io->open(io->user, desc->path, TP_IO_WRITE, &f);
    if (rc) {
        st = trj_os(err, desc->path, "open the journal to erase it", rc);
        goto done;
    }
    rc = io->lock(io->user, f);
    if (rc) {
        st = rc == -EWOULDBLOCK || rc == -EAGAIN
                 ? tr_error_set(err, TR_E_BUSY,
                                "%s: the journal is in use by another program; close it there "
                                "first",
                                desc->path)
                 : trj_os(err, desc->path, "lock the journal", rc);
        goto done;
    }
    /* A copy left by an interrupted passphrase change holds the journal under the new
     * passphrase: erase it too. */
    trj_shred_ctx sc = {.io = io};
    rc = trj_leftovers(desc->path, trj_shred_leftover, &sc);
    if (!rc)
        rc = sc.rc;
    if (rc) {
        st = trj_os(err, sc.failed[0] ? sc.failed : desc->path, "erase a leftover copy", rc);
        goto done;
    }
    rc = trj_shred(io, f);
    if (rc) {
        st = trj_os(err, desc->path, "overwrite the journal", rc);
        goto done;
    }
    rc = io->unlink(io->user, desc->path);
    if (!rc)
        rc = io->sync_dir(io->user, desc->path);
    if (rc)
        st = trj_os(err, desc->path, "remove the journal", rc);
done:
    if (f)
        io->close(io->user, f);
    return st;
}
