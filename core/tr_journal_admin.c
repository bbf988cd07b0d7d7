/* tr_journal_admin: passphrase change, plain export and erasure. */
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

static char *trj_tmp_path(const char *path)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 5);
    if (tmp) {
        memcpy(tmp, path, n);
        memcpy(tmp + n, ".tmp", 5);
    }
    return tmp;
}

/* Copies the record area [TRJ_RECORDS_OFF, j->end) from j's file to dst. */
static int trj_copy_records(tr_journal *j, tp_io_file *dst)
{
    uint8_t *buf = malloc(TRJ_COPY_CHUNK);
    if (!buf)
        return -ENOMEM;
    int rc = 0;
    for (uint64_t off = TRJ_RECORDS_OFF; off < j->end && !rc;) {
        size_t n = j->end - off < TRJ_COPY_CHUNK ? (size_t)(j->end - off) : TRJ_COPY_CHUNK;
        size_t got = 0;
        rc = j->io->pread(j->io->user, j->file, buf, n, off, &got);
        if (!rc && got != n)
            rc = -EIO;
        if (!rc)
            rc = j->io->pwrite(j->io->user, dst, buf, n, off);
        off += n;
    }
    free(buf);
    return rc;
}

tr_status tr_journal_passwd(tr_journal *j, const void *pass, size_t pass_len, tr_error *err)
{
    assert(j);
    if (j->failed)
        return tr_error_set(err, TR_E_IO,
                            "%s: an earlier write failed; close the journal and open it again",
                            j->path);
    if (pass_len < 1 || pass_len > 1024)
        return tr_error_set(err, TR_E_INVALID,
                            "the passphrase must be 1 to 1024 bytes long; give another one");
    tr_status st = TR_OK;
    tp_io_file *dst = NULL;
    uint8_t *kek = NULL;
    int rc;
    char *tmp = trj_tmp_path(j->path);
    if (!tmp)
        return tr_error_set(err, TR_E_NOMEM, "out of memory changing the passphrase");
    trj_key_hdr nh = j->hdr;
    nh.ops = j->kdf_ops;
    nh.mem = j->kdf_mem;
    randombytes_buf(nh.salt, TRJ_SALT_LEN);
    kek = sodium_malloc(TRJ_KEY_LEN);
    if (!kek) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory changing the passphrase");
        goto fail;
    }
    if (trj_derive_kek(&nh, pass, pass_len, kek) != 0) {
        st = tr_error_set(err, TR_E_CRYPTO,
                          "key derivation needs %zu MiB of memory and the system refused; "
                          "close other programs and try again",
                          j->kdf_mem >> 20);
        goto fail;
    }
    trj_wrap(&nh, kek, j->keys->data_key);
    sodium_free(kek);
    kek = NULL;
    /* A leftover from an interrupted change is ours to replace: we hold the journal's lock. */
    j->io->unlink(j->io->user, tmp);
    rc = j->io->open(j->io->user, tmp, TP_IO_WRITE | TP_IO_CREATE, &dst);
    if (!rc)
        rc = j->io->lock(j->io->user, dst);
    if (rc) {
        st = trj_os(err, tmp, "create the new journal file", rc);
        goto fail;
    }
    uint8_t buf[TRJ_RECORDS_OFF];
    memset(buf, 0, sizeof buf);
    trj_key_hdr_encode(&nh, buf);
    trj_attempts_encode(&(trj_attempts){0}, buf + TRJ_ATTEMPT_OFF);
    /* The head covers every record we hold (also one written beyond the old head). */
    static const uint8_t zero_tag[TRJ_TAG_LEN];
    trj_head head = {.gen = j->head.gen + 1, .last_seq = j->count};
    memcpy(head.last_tag, j->count ? j->entries[j->count - 1].tag : zero_tag, TRJ_TAG_LEN);
    trj_head older = head;
    older.gen = head.gen - 1;
    trj_head_encode(&head, nh.file_id, j->keys->head_key, buf + TRJ_HEAD_OFF);
    trj_head_encode(&older, nh.file_id, j->keys->head_key, buf + TRJ_HEAD_OFF + TRJ_SLOT_SIZE);
    rc = j->io->pwrite(j->io->user, dst, buf, sizeof buf, 0);
    if (!rc)
        rc = trj_copy_records(j, dst);
    if (!rc)
        rc = j->io->sync(j->io->user, dst);
    if (rc) {
        st = trj_os(err, tmp, "write the new journal file", rc);
        goto fail;
    }
    rc = j->io->rename(j->io->user, tmp, j->path);
    if (rc) {
        st = trj_os(err, j->path, "replace the journal with the re-keyed copy", rc);
        goto fail;
    }
    /* From here the new file is the journal; its handle keeps the lock. */
    j->io->close(j->io->user, j->file);
    j->file = dst;
    dst = NULL;
    j->hdr = nh;
    j->head = head;
    j->head_slot = 0;
    j->tail_dirty = 0;
    rc = j->io->sync_dir(j->io->user, j->path);
    if (rc) {
        j->failed = 1;
        st = trj_os(err, j->path, "make the passphrase change durable", rc);
        goto fail;
    }
    free(tmp);
    return TR_OK;
fail:
    if (kek)
        sodium_free(kek);
    if (dst) {
        j->io->close(j->io->user, dst);
        j->io->unlink(j->io->user, tmp);
    }
    free(tmp);
    return st;
}

/* Buffered writer for the export (plaintext lives in sodium memory, wiped as it goes). */
typedef struct trj_out {
    tr_journal *j;
    tp_io_file *f;
    uint8_t *buf;
    size_t len, cap;
    uint64_t off;
    int rc;
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

static int out_record(void *user, const tr_journal_record *rec)
{
    trj_out *o = user;
    out_put(o, rec->seq == 1 ? "\n" : ",\n", rec->seq == 1 ? 1 : 2);
    out_put(o, rec->json, rec->json_len);
    return o->rc != 0;
}

tr_status tr_journal_export(tr_journal *j, const char *out_path, tr_error *err)
{
    assert(j && out_path);
    trj_out o = {.j = j, .cap = (size_t)64 << 10};
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

tr_status tr_journal_erase(const tr_journal_desc *desc, tr_error *err)
{
    assert(desc && desc->path);
    if (sodium_init() < 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
    const tp_io *io = desc->io ? desc->io : tp_io_posix();
    tp_io_file *f = NULL;
    tr_status st = TR_OK;
    char *tmp = trj_tmp_path(desc->path);
    if (!tmp)
        return tr_error_set(err, TR_E_NOMEM, "out of memory erasing the journal");
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
    /* A copy left by an interrupted passphrase change holds the same key: erase it too. */
    tp_io_file *t = NULL;
    if (io->open(io->user, tmp, TP_IO_WRITE, &t) == 0) {
        rc = trj_shred(io, t);
        io->close(io->user, t);
        if (!rc)
            rc = io->unlink(io->user, tmp);
        if (rc) {
            st = trj_os(err, tmp, "erase", rc);
            goto done;
        }
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
    free(tmp);
    return st;
}
