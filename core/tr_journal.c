/* tr_journal: create, open (verify the whole chain), append, query, close. */
#include "tr_journal_int.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_json.h"

/* Failed-attempt delay: FREE tries, then BASE seconds doubling per failure, capped at MAX. */
#define TRJ_FREE_TRIES 3
#define TRJ_DELAY_BASE 10
#define TRJ_DELAY_MAX  3600
#define TRJ_PASS_MAX   1024
#define TRJ_READ_CHUNK ((size_t)1 << 20)

/* Default Argon2id costs, chosen by measurement (FORMAT.md, "Key derivation"). */
#define TRJ_DEFAULT_OPS 3
#define TRJ_DEFAULT_MEM ((size_t)256 << 20)

void tr_journal_default_costs(uint64_t *ops, size_t *mem)
{
    *ops = TRJ_DEFAULT_OPS;
    *mem = TRJ_DEFAULT_MEM;
}

int tr_journal_test_costs(void)
{
#ifdef TRINN_TEST_COSTS
    return 1;
#else
    return 0;
#endif
}

int tr_journal_costs_weak(uint64_t ops, size_t mem)
{
    return (ops && ops < TR_JOURNAL_MIN_KDF_OPS) || (mem && mem < TR_JOURNAL_MIN_KDF_MEM);
}

tr_status trj_check_costs(uint64_t ops, size_t mem, tr_error *err)
{
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > TR_JOURNAL_MAX_KDF_OPS ||
        mem < crypto_pwhash_MEMLIMIT_MIN || mem > TR_JOURNAL_MAX_KDF_MEM)
        return tr_error_set(err, TR_E_INVALID,
                            "key derivation costs ops %llu, mem %zu are outside 1..%d and "
                            "%d..%zu bytes",
                            (unsigned long long)ops, mem, TR_JOURNAL_MAX_KDF_OPS,
                            (int)crypto_pwhash_MEMLIMIT_MIN, TR_JOURNAL_MAX_KDF_MEM);
    if (tr_journal_costs_weak(ops, mem) && !tr_journal_test_costs())
        return tr_error_set(err, TR_E_INVALID,
                            "key derivation costs ops %llu, mem %zu KiB are below the minimum "
                            "(ops %d, %zu KiB): anyone with the file could guess the passphrase "
                            "quickly; only test builds allow such costs",
                            (unsigned long long)ops, mem >> 10, TR_JOURNAL_MIN_KDF_OPS,
                            TR_JOURNAL_MIN_KDF_MEM >> 10);
    return TR_OK;
}

const char *trj_errstr(int rc)
{
    return strerror(rc < 0 ? -rc : rc);
}

void trj_warn(tr_journal *j, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **w = realloc(j->warnings, (j->nwarnings + 1) * sizeof *w);
    if (!w)
        return;
    j->warnings = w;
    char *s = strdup(buf);
    if (s)
        j->warnings[j->nwarnings++] = s;
}

static int64_t trj_now(const tr_journal_desc *desc)
{
    return desc->now ? desc->now(desc->now_user) : tp_clock_now();
}

static int64_t trj_delay(uint32_t failures)
{
    if (failures < TRJ_FREE_TRIES)
        return 0;
    uint32_t shift = failures - TRJ_FREE_TRIES;
    if (shift > 20)
        return TRJ_DELAY_MAX;
    int64_t d = (int64_t)TRJ_DELAY_BASE << shift;
    return d > TRJ_DELAY_MAX ? TRJ_DELAY_MAX : d;
}

/* Seconds still to wait given the attempt slot and the clock, 0..TRJ_DELAY_MAX for any stored
 * time. A time after now (the clock went back, or a crafted file) counts as now: the whole
 * delay from now, and the callers store now in the slot so the wait ends (else every later try
 * would again find the time ahead). The distance is taken in unsigned arithmetic, so a stored
 * INT64_MIN or INT64_MAX cannot overflow. */
static int64_t trj_remaining(const trj_attempts *a, int64_t now)
{
    int64_t d = trj_delay(a->failures);
    if (d == 0 || a->last_failure >= now)
        return d;
    uint64_t since = (uint64_t)now - (uint64_t)a->last_failure; /* now > last: 1..2^64-1 */
    return since >= (uint64_t)d ? 0 : d - (int64_t)since;
}

static tr_journal *trj_alloc(const tr_journal_desc *desc, tr_error *err)
{
    tr_journal *j = calloc(1, sizeof *j);
    if (!j) {
        tr_error_set(err, TR_E_NOMEM, "out of memory opening the journal");
        return NULL;
    }
    j->io = desc->io ? desc->io : tp_io_posix();
    j->path = strdup(desc->path);
    j->keys = sodium_malloc(sizeof *j->keys);
    j->pt = sodium_malloc(TRJ_MAX_CT + 1);
    j->ct = malloc(TRJ_REC_HDR_LEN + TRJ_MAX_CT);
    if (!j->path || !j->keys || !j->pt || !j->ct) {
        tr_journal_close(j);
        tr_error_set(err, TR_E_NOMEM, "out of memory opening the journal");
        return NULL;
    }
    tr_journal_default_costs(&j->kdf_ops, &j->kdf_mem);
    if (desc->kdf_ops)
        j->kdf_ops = desc->kdf_ops;
    if (desc->kdf_mem)
        j->kdf_mem = desc->kdf_mem;
    j->head_slot = 0;
    return j;
}

void tr_journal_close(tr_journal *j)
{
    if (!j)
        return;
    if (j->file)
        j->io->close(j->io->user, j->file);
    if (j->keys)
        sodium_free(j->keys); /* sodium_free wipes before freeing */
    if (j->pt)
        sodium_free(j->pt);
    free(j->ct);
    if (j->entries)
        sodium_memzero(j->entries, j->cap * sizeof *j->entries);
    free(j->entries);
    for (uint32_t i = 0; i < j->ntypes; i++)
        free(j->types[i]);
    free(j->types);
    for (size_t i = 0; i < j->nwarnings; i++)
        free(j->warnings[i]);
    free(j->warnings);
    free(j->path);
    sodium_memzero(j, sizeof *j);
    free(j);
}

static tr_status trj_io_err(tr_error *err, const char *path, const char *what, int rc)
{
    tr_status st = TR_E_IO;
    if (rc == -ENOENT)
        st = TR_E_NOTFOUND;
    return tr_error_set(err, st, "%s: cannot %s (%s)", path, what, trj_errstr(rc));
}

static tr_status trj_check_pass(size_t pass_len, tr_error *err)
{
    if (pass_len < 1 || pass_len > TRJ_PASS_MAX)
        return tr_error_set(err, TR_E_INVALID,
                            "the passphrase must be 1 to %d bytes long; give another one",
                            TRJ_PASS_MAX);
    return TR_OK;
}

static tr_status trj_lock(tr_journal *j, tr_error *err)
{
    int rc = j->io->lock(j->io->user, j->file);
    if (rc == -EWOULDBLOCK || rc == -EAGAIN)
        return tr_error_set(err, TR_E_BUSY,
                            "%s: the journal is in use by another program; close it there "
                            "and try again",
                            j->path);
    if (rc)
        return trj_io_err(err, j->path, "lock the journal", rc);
    return TR_OK;
}

static tr_status trj_write_sync(tr_journal *j, const void *buf, size_t n, uint64_t off,
                                const char *what, tr_error *err)
{
    int rc = j->io->pwrite(j->io->user, j->file, buf, n, off);
    if (!rc)
        rc = j->io->sync(j->io->user, j->file);
    if (rc) {
        j->failed = 1;
        return trj_io_err(err, j->path, what, rc);
    }
    return TR_OK;
}

static tr_status trj_write_attempts(tr_journal *j, uint32_t failures, int64_t when, tr_error *err)
{
    uint8_t slot[TRJ_SLOT_SIZE];
    trj_attempts_encode(&(trj_attempts){.failures = failures, .last_failure = when}, slot);
    return trj_write_sync(j, slot, sizeof slot, TRJ_ATTEMPT_OFF, "record the passphrase try", err);
}

void trj_derive_subkeys(trj_keys *k)
{
    crypto_kdf_derive_from_key(k->rec_key, TRJ_KEY_LEN, TRJ_SUBKEY_REC, TRJ_KDF_CTX, k->data_key);
    crypto_kdf_derive_from_key(k->head_key, TRJ_KEY_LEN, TRJ_SUBKEY_HEAD, TRJ_KDF_CTX, k->data_key);
}

/* What create and open do first: libsodium up, the passphrase length checked, a handle
 * allocated into *j. Returns TR_OK, or the error (then *j is NULL). */
static tr_status trj_start(const tr_journal_desc *desc, size_t pass_len, tr_journal **out,
                           tr_journal **j, tr_error *err)
{
    assert(desc && desc->path && out);
    *out = NULL;
    if (sodium_init() < 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
    tr_status st = trj_check_pass(pass_len, err);
    if (st)
        return st;
    *j = trj_alloc(desc, err);
    return *j ? TR_OK : TR_E_NOMEM;
}

tr_status tr_journal_create(const tr_journal_desc *desc, const void *pass, size_t pass_len,
                            tr_journal **out, tr_error *err)
{
    tr_journal *j = NULL;
    tr_status st = trj_start(desc, pass_len, out, &j, err);
    if (st)
        return st;
    int created = 0;
    uint8_t *kek = NULL;
    uint8_t buf[TRJ_RECORDS_OFF];
    if ((st = trj_check_costs(j->kdf_ops, j->kdf_mem, err)))
        goto fail;
    int rc = j->io->open(j->io->user, j->path, TP_IO_WRITE | TP_IO_CREATE, &j->file);
    if (rc) {
        st = rc == -EEXIST ? tr_error_set(err, TR_E_INVALID,
                                          "%s: a file by that name exists already; choose "
                                          "another name or erase the old journal first",
                                          j->path)
                           : trj_io_err(err, j->path, "create the journal", rc);
        goto fail;
    }
    created = 1;
    if ((st = trj_lock(j, err)))
        goto fail;
    j->hdr = (trj_key_hdr){.version = TRJ_VERSION,
                           .alg = crypto_pwhash_ALG_ARGON2ID13,
                           .ops = j->kdf_ops,
                           .mem = j->kdf_mem};
    randombytes_buf(j->hdr.salt, TRJ_SALT_LEN);
    randombytes_buf(j->hdr.file_id, TRJ_ID_LEN);
    randombytes_buf(j->keys->data_key, TRJ_KEY_LEN);
    trj_derive_subkeys(j->keys);
    kek = sodium_malloc(TRJ_KEY_LEN);
    if (!kek) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory creating the journal");
        goto fail;
    }
    if (trj_derive_kek(&j->hdr, pass, pass_len, kek) != 0) {
        st = tr_error_set(err, TR_E_CRYPTO,
                          "key derivation needs %zu MiB of memory and the system refused; "
                          "close other programs and try again",
                          j->kdf_mem >> 20);
        goto fail;
    }
    trj_wrap(&j->hdr, kek, j->keys->data_key);
    memset(buf, 0, sizeof buf);
    trj_key_hdr_encode(&j->hdr, buf);
    trj_attempts_encode(&(trj_attempts){0}, buf + TRJ_ATTEMPT_OFF);
    /* Slot 0 holds generation 1 (the current head), slot 1 generation 0: both valid. */
    j->head = (trj_head){.gen = 1};
    trj_head_encode(&j->head, j->hdr.file_id, j->keys->head_key, buf + TRJ_HEAD_OFF);
    trj_head_encode(&(trj_head){.gen = 0}, j->hdr.file_id, j->keys->head_key,
                    buf + TRJ_HEAD_OFF + TRJ_SLOT_SIZE);
    j->head_slot = 0;
    if ((st = trj_write_sync(j, buf, sizeof buf, 0, "write the new journal", err)))
        goto fail;
    rc = j->io->sync_dir(j->io->user, j->path);
    if (rc) {
        st = trj_io_err(err, j->path, "make the new journal's directory entry durable", rc);
        goto fail;
    }
    j->end = TRJ_RECORDS_OFF;
    sodium_free(kek);
    *out = j;
    return TR_OK;
fail:
    if (kek)
        sodium_free(kek);
    if (j->file) {
        j->io->close(j->io->user, j->file);
        j->file = NULL;
    }
    if (created)
        j->io->unlink(j->io->user, j->path);
    tr_journal_close(j);
    return st;
}

/* Opens and locks the file and checks its key header (not the passphrase). */
static tr_status trj_open_file(tr_journal *j, uint8_t buf[TRJ_RECORDS_OFF], tr_error *err)
{
    int rc = j->io->open(j->io->user, j->path, TP_IO_WRITE, &j->file);
    if (rc)
        return trj_io_err(err, j->path, "open the journal", rc);
    tr_status st = trj_lock(j, err);
    if (st)
        return st;
    size_t got = 0;
    rc = j->io->pread(j->io->user, j->file, buf, TRJ_RECORDS_OFF, 0, &got);
    if (rc)
        return trj_io_err(err, j->path, "read the journal", rc);
    if (got < 8 || memcmp(buf, TRJ_MAGIC, 8) != 0)
        return tr_error_set(err, TR_E_CORRUPT,
                            "%s: this is not a Trinn journal (no \"TRINNJNL\" at byte 0)", j->path);
    if (got >= 10 && trj_get_u16(buf + 8) > TRJ_VERSION)
        return tr_error_set(err, TR_E_VERSION,
                            "%s: written by a newer Trinn (journal format %u); this version "
                            "reads format %d: update Trinn to open it",
                            j->path, trj_get_u16(buf + 8), TRJ_VERSION);
    if (got < TRJ_RECORDS_OFF)
        return tr_error_set(err, TR_E_CORRUPT,
                            "%s: the journal header is cut short (%zu of %d bytes)", j->path, got,
                            TRJ_RECORDS_OFF);
    trj_key_hdr_decode(buf, &j->hdr);
    const trj_key_hdr *h = &j->hdr;
    if (h->version != TRJ_VERSION || h->flags != 0)
        return tr_error_set(err, TR_E_CORRUPT,
                            "%s: header byte 8: format version %u / flags %u are not valid",
                            j->path, h->version, h->flags);
    if (h->alg != crypto_pwhash_ALG_ARGON2ID13)
        return tr_error_set(err, TR_E_CORRUPT,
                            "%s: header byte 12: unknown key derivation algorithm %u", j->path,
                            (unsigned)h->alg);
    if (h->ops < crypto_pwhash_OPSLIMIT_MIN || h->ops > TR_JOURNAL_MAX_KDF_OPS ||
        h->mem < crypto_pwhash_MEMLIMIT_MIN || h->mem > TR_JOURNAL_MAX_KDF_MEM)
        return tr_error_set(err, TR_E_CORRUPT,
                            "%s: header byte 16: key derivation costs (ops %llu, mem %llu "
                            "bytes) are outside what this program accepts (ops <= %d, mem "
                            "<= %zu); the header is damaged or crafted",
                            j->path, (unsigned long long)h->ops, (unsigned long long)h->mem,
                            TR_JOURNAL_MAX_KDF_OPS, TR_JOURNAL_MAX_KDF_MEM);
    for (size_t i = 88 + TRJ_WRAP_LEN; i < TRJ_SLOT_SIZE; i++)
        if (buf[i])
            return tr_error_set(err, TR_E_CORRUPT,
                                "%s: header byte %zu: reserved bytes must be zero", j->path, i);
    return TR_OK;
}

tr_status tr_journal_wait(const tr_journal_desc *desc, int64_t *seconds, tr_error *err)
{
    assert(desc && desc->path && seconds);
    *seconds = 0;
    if (sodium_init() < 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
    tr_journal *j = trj_alloc(desc, err);
    if (!j)
        return TR_E_NOMEM;
    uint8_t buf[TRJ_RECORDS_OFF];
    tr_status st = trj_open_file(j, buf, err);
    if (!st) {
        trj_attempts a;
        int64_t now = trj_now(desc);
        if (trj_attempts_decode(buf + TRJ_ATTEMPT_OFF, &a) == 0) {
            *seconds = trj_remaining(&a, now);
            if (a.last_failure > now && a.failures > 0) {
                tr_error werr = {0}; /* the clamp is a courtesy here: open stores it too */
                trj_write_attempts(j, a.failures, now, &werr);
            }
        }
    }
    tr_journal_close(j);
    return st;
}

static tr_status trj_intern_type(tr_journal *j, const char *type, size_t len, uint32_t *id,
                                 tr_error *err)
{
    for (uint32_t i = 0; i < j->ntypes; i++)
        if (strlen(j->types[i]) == len && memcmp(j->types[i], type, len) == 0) {
            *id = i;
            return TR_OK;
        }
    char **t = realloc(j->types, (j->ntypes + 1) * sizeof *t);
    if (!t)
        return tr_error_set(err, TR_E_NOMEM, "out of memory reading the journal");
    j->types = t;
    char *s = malloc(len + 1);
    if (!s)
        return tr_error_set(err, TR_E_NOMEM, "out of memory reading the journal");
    memcpy(s, type, len);
    s[len] = '\0';
    j->types[j->ntypes] = s;
    *id = j->ntypes++;
    return TR_OK;
}

static tr_status trj_add_entry(tr_journal *j, const trj_entry *e, tr_error *err)
{
    if (j->count == j->cap) {
        uint64_t cap = j->cap ? j->cap * 2 : 256;
        trj_entry *n = realloc(j->entries, cap * sizeof *n);
        if (!n)
            return tr_error_set(err, TR_E_NOMEM, "out of memory reading the journal");
        j->entries = n;
        j->cap = cap;
    }
    j->entries[j->count++] = *e;
    return TR_OK;
}

/* Checks the plaintext framing of a decrypted record: ts, type length, type, then JSON text. */
static int trj_pt_valid(const uint8_t *pt, size_t len)
{
    if (len < TRJ_PT_FIXED)
        return 0;
    size_t tlen = pt[8];
    if (tlen < 1 || tlen > TR_JOURNAL_MAX_TYPE || len < TRJ_PT_FIXED + tlen + 2 ||
        len - TRJ_PT_FIXED - tlen > TR_JOURNAL_MAX_RECORD)
        return 0;
    return memchr(pt + TRJ_PT_FIXED, '\0', tlen) == NULL;
}

/* A buffered sequential reader over the record area, so open does not pay two system calls
 * per record. */
typedef struct trj_reader {
    uint8_t *buf;
    size_t cap;
    uint64_t base; /* file offset of buf[0] */
    size_t len;    /* valid bytes in buf */
} trj_reader;

/* Makes [off, off+n) available; returns a pointer to it, or NULL with *short_read set when the
 * file ends first (or an I/O error in *rc). */
static const uint8_t *trj_reader_get(tr_journal *j, trj_reader *r, uint64_t off, size_t n, int *rc)
{
    assert(n <= r->cap);
    *rc = 0;
    if (off >= r->base && off + n <= r->base + r->len)
        return r->buf + (off - r->base);
    size_t got = 0;
    *rc = j->io->pread(j->io->user, j->file, r->buf, r->cap, off, &got);
    r->base = off;
    r->len = *rc ? 0 : got;
    if (*rc || got < n)
        return NULL;
    return r->buf;
}

/* Hands the record just decrypted into j->pt (pt_len bytes, already framed and checked) to
 * the open visitor. */
static tr_status trj_visit(tr_journal *j, const tr_journal_desc *desc, uint64_t seq,
                           const trj_entry *e, size_t pt_len, tr_error *err)
{
    size_t tlen = j->pt[8];
    char type[TR_JOURNAL_MAX_TYPE + 1];
    memcpy(type, j->pt + TRJ_PT_FIXED, tlen);
    type[tlen] = '\0';
    j->pt[pt_len] = '\0';
    tr_journal_record rec = {
        .seq = seq,
        .off = e->off,
        .ts = e->ts,
        .type = type,
        .json = (const char *)j->pt + TRJ_PT_FIXED + tlen,
        .json_len = pt_len - TRJ_PT_FIXED - tlen,
    };
    tr_error verr = {0};
    tr_status st = desc->visit(desc->visit_user, &rec, &verr);
    sodium_memzero(type, sizeof type);
    if (st == TR_OK)
        return TR_OK;
    if (verr.status == TR_OK)
        return tr_error_set(err, st, "%s: record %llu was refused by its reader", j->path,
                            (unsigned long long)seq);
    if (err)
        *err = verr;
    return st;
}

/* Walks every record from the start, authenticating each and the chain, and compares the end
 * with the head. Fills the index, and hands each authentic record to desc->visit if set. */
static tr_status trj_walk(tr_journal *j, uint64_t file_size, const tr_journal_desc *desc,
                          tr_error *err)
{
    trj_reader r = {.cap = TRJ_READ_CHUNK, .base = 0, .len = 0};
    r.buf = malloc(r.cap);
    if (!r.buf)
        return tr_error_set(err, TR_E_NOMEM, "out of memory reading the journal");
    tr_status st = TR_OK;
    uint8_t prev_tag[TRJ_TAG_LEN] = {0};
    uint64_t off = TRJ_RECORDS_OFF;
    const char *why = NULL;
    for (;;) {
        uint64_t seq = j->count + 1;
        if (off == file_size)
            break;
        int rc = 0;
        const uint8_t *h = trj_reader_get(j, &r, off, TRJ_REC_HDR_LEN, &rc);
        if (rc) {
            st = trj_io_err(err, j->path, "read the journal", rc);
            goto done;
        }
        if (!h) {
            why = "the file ends inside the record header";
            break;
        }
        uint32_t ct_len = trj_get_u32(h);
        uint64_t rseq = trj_get_u64(h + 4);
        if (ct_len < TRJ_MIN_CT || ct_len > TRJ_MAX_CT) {
            why = "the record length is impossible";
            break;
        }
        if (rseq != seq) {
            why = "the sequence number is out of order (a record was removed, moved or "
                  "duplicated)";
            break;
        }
        const uint8_t *rec = trj_reader_get(j, &r, off, TRJ_REC_HDR_LEN + ct_len, &rc);
        if (rc) {
            st = trj_io_err(err, j->path, "read the journal", rc);
            goto done;
        }
        if (!rec) {
            why = "the file ends inside the record";
            break;
        }
        uint8_t ad[TRJ_REC_AD_LEN];
        trj_record_ad(ad, j->hdr.file_id, seq, prev_tag);
        unsigned long long pt_len = 0;
        if (crypto_aead_xchacha20poly1305_ietf_decrypt(j->pt, &pt_len, NULL, rec + TRJ_REC_HDR_LEN,
                                                       ct_len, ad, sizeof ad, rec + 12,
                                                       j->keys->rec_key) != 0) {
            why = "the record is not authentic (altered, from another journal, or its "
                  "predecessor is missing)";
            break;
        }
        if (!trj_pt_valid(j->pt, (size_t)pt_len)) {
            sodium_memzero(j->pt, (size_t)pt_len);
            why = "the decrypted record is not framed as this format requires";
            break;
        }
        trj_entry e = {.off = off, .ts = (int64_t)trj_get_u64(j->pt), .ct_len = ct_len};
        memcpy(e.tag, rec + TRJ_REC_HDR_LEN + ct_len - TRJ_TAG_LEN, TRJ_TAG_LEN);
        st = trj_intern_type(j, (const char *)j->pt + TRJ_PT_FIXED, j->pt[8], &e.type_id, err);
        if (!st)
            st = trj_add_entry(j, &e, err);
        if (!st && seq == j->head.last_seq &&
            sodium_memcmp(e.tag, j->head.last_tag, TRJ_TAG_LEN) != 0)
            st = tr_error_set(err, TR_E_CORRUPT,
                              "%s: record %llu at byte offset %llu is not the one the "
                              "journal's head names: the file was altered",
                              j->path, (unsigned long long)seq, (unsigned long long)off);
        if (!st && desc->visit)
            st = trj_visit(j, desc, seq, &e, (size_t)pt_len, err);
        sodium_memzero(j->pt, (size_t)pt_len + 1);
        if (st)
            goto done;
        memcpy(prev_tag, e.tag, TRJ_TAG_LEN);
        off += TRJ_REC_HDR_LEN + ct_len;
        /* A crash between a record's fsync and its head's fsync leaves one record beyond
         * the head; more than one is never written, so stop there. */
        if (j->count == j->head.last_seq + 1)
            break;
    }
    if (j->count < j->head.last_seq) {
        st = tr_error_set(err, TR_E_CORRUPT,
                          "%s: record %llu at byte offset %llu: %s; the journal's head says "
                          "there are %llu records, so acknowledged records are missing or "
                          "damaged (run 'trinnctl journal verify'; restore from an export)",
                          j->path, (unsigned long long)(j->count + 1), (unsigned long long)off,
                          why ? why : "the file ends here", (unsigned long long)j->head.last_seq);
        goto done;
    }
    j->end = off;
    if (off < file_size) {
        j->tail_dirty = 1;
        trj_warn(j,
                 "%s: ignored %llu bytes after record %llu (byte offset %llu): an unfinished "
                 "write, most likely from a crash; no acknowledged record was lost",
                 j->path, (unsigned long long)(file_size - off), (unsigned long long)j->count,
                 (unsigned long long)off);
    }
done:
    free(r.buf);
    return st;
}

/* A copy left by a passphrase change that crashed before its rename holds the journal under
 * the new passphrase: remove it (we hold the journal's lock, so no change is under way). */
static int trj_drop_one(void *user, const char *leftover)
{
    tr_journal *j = user;
    if (j->io->unlink(j->io->user, leftover) == 0)
        trj_warn(j,
                 "%s: removed an unfinished passphrase change; the old passphrase is still "
                 "the one",
                 j->path);
    return 0;
}

static void trj_drop_leftover(tr_journal *j)
{
    trj_leftovers(j->path, trj_drop_one, j);
}

tr_status tr_journal_open(const tr_journal_desc *desc, const void *pass, size_t pass_len,
                          tr_journal **out, tr_error *err)
{
    tr_journal *j = NULL;
    tr_status st = trj_start(desc, pass_len, out, &j, err);
    if (st)
        return st;
    uint8_t *kek = NULL;
    uint8_t buf[TRJ_RECORDS_OFF];
    if ((st = trj_open_file(j, buf, err)))
        goto fail;
    trj_attempts a;
    if (trj_attempts_decode(buf + TRJ_ATTEMPT_OFF, &a) != 0) {
        trj_warn(j, "%s: the failed-try counter (byte %d) was damaged and has been reset", j->path,
                 TRJ_ATTEMPT_OFF);
        a = (trj_attempts){.failures = TRJ_FREE_TRIES - 1};
    }
    int64_t now = trj_now(desc);
    int64_t left = trj_remaining(&a, now);
    if (a.last_failure > now && a.failures > 0 &&
        (st = trj_write_attempts(j, a.failures, now, err))) /* the wait must end: store now */
        goto fail;
    if (left > 0) {
        st = tr_error_set(err, TR_E_LOCKED,
                          "%s: too many wrong passphrases (%u); wait %lld seconds before the "
                          "next try",
                          j->path, a.failures, (long long)left);
        goto fail;
    }
    /* Count the try before deriving the key, so killing the program mid-way gains nothing. */
    if ((st = trj_write_attempts(j, a.failures + 1, now, err)))
        goto fail;
    kek = sodium_malloc(TRJ_KEY_LEN);
    if (!kek) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory opening the journal");
        goto fail;
    }
    if (trj_derive_kek(&j->hdr, pass, pass_len, kek) != 0) {
        st = tr_error_set(err, TR_E_CRYPTO,
                          "%s: key derivation needs %llu MiB of memory and the system "
                          "refused; close other programs and try again",
                          j->path, (unsigned long long)(j->hdr.mem >> 20));
        goto fail;
    }
    if (trj_unwrap(&j->hdr, kek, j->keys->data_key) != 0) {
        int64_t next = trj_delay(a.failures + 1);
        if (next > 0)
            st = tr_error_set(err, TR_E_AUTH,
                              "%s: wrong passphrase (or a damaged header); %u failed tries, "
                              "the next try is possible in %lld seconds",
                              j->path, a.failures + 1, (long long)next);
        else
            st = tr_error_set(err, TR_E_AUTH,
                              "%s: wrong passphrase (or a damaged header); check it and try "
                              "again",
                              j->path);
        goto fail;
    }
    sodium_free(kek);
    kek = NULL;
    if ((st = trj_write_attempts(j, 0, 0, err)))
        goto fail;
    j->failed = 0;
    trj_derive_subkeys(j->keys);
    trj_head heads[2];
    int ok[2];
    for (int i = 0; i < 2; i++)
        ok[i] = trj_head_decode(buf + TRJ_HEAD_OFF + i * TRJ_SLOT_SIZE, j->hdr.file_id,
                                j->keys->head_key, &heads[i]) == 0;
    if (!ok[0] && !ok[1]) {
        st = tr_error_set(err, TR_E_CORRUPT,
                          "%s: both head slots (bytes %d-%d) are damaged; the journal cannot "
                          "tell whether records are missing",
                          j->path, TRJ_HEAD_OFF, TRJ_RECORDS_OFF - 1);
        goto fail;
    }
    if (ok[0] && ok[1] && heads[0].gen == heads[1].gen) {
        st = tr_error_set(err, TR_E_CORRUPT, "%s: both head slots carry generation %llu", j->path,
                          (unsigned long long)heads[0].gen);
        goto fail;
    }
    j->head_slot = (ok[0] && (!ok[1] || heads[0].gen > heads[1].gen)) ? 0 : 1;
    j->head = heads[j->head_slot];
    static const uint8_t zero_tag[TRJ_TAG_LEN];
    if (j->head.last_seq == 0 && sodium_memcmp(j->head.last_tag, zero_tag, TRJ_TAG_LEN) != 0) {
        st = tr_error_set(err, TR_E_CORRUPT,
                          "%s: head slot %d (byte %d) names no records but carries a record "
                          "tag; the head was not written by Trinn",
                          j->path, j->head_slot, TRJ_HEAD_OFF + j->head_slot * TRJ_SLOT_SIZE);
        goto fail;
    }
    int bad_slot = ok[0] ? 1 : 0;
    uint64_t size = 0;
    int rc = j->io->size(j->io->user, j->file, &size);
    if (rc) {
        st = trj_io_err(err, j->path, "read the journal's size", rc);
        goto fail;
    }
    if ((st = trj_walk(j, size, desc, err)))
        goto fail;
    /* A crash tears a head slot only while writing it, and an append writes its head only
     * after its record is durable: so a torn slot always comes with one complete, authentic
     * record just beyond the other slot's head. Without that record the slot was damaged
     * otherwise, and it may have named records that are now cut off or gone. */
    if ((!ok[0] || !ok[1]) && j->count != j->head.last_seq + 1) {
        st = tr_error_set(err, TR_E_CORRUPT,
                          "%s: head slot %d (byte %d) is damaged, and the file does not show the "
                          "interrupted write that would explain it (the complete record after "
                          "record %llu): records acknowledged after record %llu may be missing "
                          "or damaged (restore from an export or a backup)",
                          j->path, bad_slot, TRJ_HEAD_OFF + bad_slot * TRJ_SLOT_SIZE,
                          (unsigned long long)j->head.last_seq,
                          (unsigned long long)j->head.last_seq);
        goto fail;
    }
    if (!ok[0] || !ok[1])
        trj_warn(j,
                 "%s: head slot %d (byte %d) is damaged; using the other one (normal after a "
                 "crash while the head was written: record %llu after it is complete)",
                 j->path, bad_slot, TRJ_HEAD_OFF + bad_slot * TRJ_SLOT_SIZE,
                 (unsigned long long)j->count);
    trj_drop_leftover(j);
    *out = j;
    return TR_OK;
fail:
    if (kek)
        sodium_free(kek);
    tr_journal_close(j);
    return st;
}

/* Checks one record's JSON and extracts type and ts. */
static tr_status trj_parse_input(const char *json, size_t len, char type[TR_JOURNAL_MAX_TYPE + 1],
                                 size_t *type_len, int64_t *ts, tr_error *err)
{
    if (len > TR_JOURNAL_MAX_RECORD)
        return tr_error_set(err, TR_E_TOOBIG, "the record is %zu bytes; at most %zu are allowed",
                            len, TR_JOURNAL_MAX_RECORD);
    cJSON *root = tr_json_parse(json, len, "record", err);
    if (!root)
        return err ? err->status : TR_E_PARSE;
    tr_status st = TR_OK;
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "type");
    const cJSON *when = cJSON_GetObjectItemCaseSensitive(root, "ts");
    if (!cJSON_IsObject(root)) {
        st = tr_error_set(err, TR_E_INVALID, "a record must be a JSON object");
    } else if (!cJSON_IsString(t) || strlen(t->valuestring) < 1 ||
               strlen(t->valuestring) > TR_JOURNAL_MAX_TYPE) {
        st = tr_error_set(err, TR_E_INVALID,
                          "a record needs \"type\": a string of 1 to %d bytes (core/RECORDS.md)",
                          TR_JOURNAL_MAX_TYPE);
    } else if (!cJSON_IsString(when) || tp_clock_parse(when->valuestring, ts) != 0) {
        st = tr_error_set(err, TR_E_INVALID,
                          "a record needs \"ts\": an ISO 8601 time such as "
                          "\"2026-11-26T23:54:59Z\"");
    } else {
        *type_len = strlen(t->valuestring);
        memcpy(type, t->valuestring, *type_len + 1);
    }
    cJSON_Delete(root);
    return st;
}

tr_status tr_journal_append(tr_journal *j, const char *json, size_t len, uint64_t *seq,
                            tr_error *err)
{
    assert(j && json);
    if (j->failed)
        return tr_error_set(err, TR_E_IO,
                            "%s: an earlier write failed; close the journal and open it again "
                            "before writing",
                            j->path);
    char type[TR_JOURNAL_MAX_TYPE + 1];
    size_t tlen = 0;
    int64_t ts = 0;
    tr_status st = trj_parse_input(json, len, type, &tlen, &ts, err);
    if (st)
        return st;
    uint32_t type_id;
    if ((st = trj_intern_type(j, type, tlen, &type_id, err)))
        return st;
    size_t pt_len = TRJ_PT_FIXED + tlen + len;
    trj_put_u64(j->pt, (uint64_t)ts);
    j->pt[8] = (uint8_t)tlen;
    memcpy(j->pt + TRJ_PT_FIXED, type, tlen);
    memcpy(j->pt + TRJ_PT_FIXED + tlen, json, len);
    uint64_t next = j->count + 1;
    uint32_t ct_len = (uint32_t)(pt_len + TRJ_TAG_LEN);
    uint8_t *rec = j->ct;
    trj_put_u32(rec, ct_len);
    trj_put_u64(rec + 4, next);
    randombytes_buf(rec + 12, TRJ_NONCE_LEN);
    uint8_t ad[TRJ_REC_AD_LEN];
    static const uint8_t zero_tag[TRJ_TAG_LEN];
    trj_record_ad(ad, j->hdr.file_id, next, j->count ? j->entries[j->count - 1].tag : zero_tag);
    crypto_aead_xchacha20poly1305_ietf_encrypt(rec + TRJ_REC_HDR_LEN, NULL, j->pt, pt_len, ad,
                                               sizeof ad, NULL, rec + 12, j->keys->rec_key);
    sodium_memzero(j->pt, pt_len);
    trj_entry e = {.off = j->end, .ts = ts, .ct_len = ct_len, .type_id = type_id};
    memcpy(e.tag, rec + TRJ_REC_HDR_LEN + ct_len - TRJ_TAG_LEN, TRJ_TAG_LEN);
    if (j->tail_dirty) {
        int rc = j->io->truncate(j->io->user, j->file, j->end);
        if (!rc)
            rc = j->io->sync(j->io->user, j->file);
        if (rc) {
            j->failed = 1;
            return trj_io_err(err, j->path, "cut off an unfinished record", rc);
        }
        j->tail_dirty = 0;
    }
    if ((st = trj_write_sync(j, rec, TRJ_REC_HDR_LEN + ct_len, j->end, "write the record", err)))
        return st;
    trj_head nh = {.gen = j->head.gen + 1, .last_seq = next};
    memcpy(nh.last_tag, e.tag, TRJ_TAG_LEN);
    uint8_t slot[TRJ_SLOT_SIZE];
    trj_head_encode(&nh, j->hdr.file_id, j->keys->head_key, slot);
    int target = 1 - j->head_slot;
    /* From here on the record is on disk: if the head write fails it may still count. */
    j->end += TRJ_REC_HDR_LEN + ct_len;
    if ((st = trj_add_entry(j, &e, err))) {
        j->failed = 1;
        return st;
    }
    if ((st = trj_write_sync(j, slot, sizeof slot, TRJ_HEAD_OFF + (uint64_t)target * TRJ_SLOT_SIZE,
                             "update the journal's head", err)))
        return st;
    j->head = nh;
    j->head_slot = target;
    if (seq)
        *seq = next;
    return TR_OK;
}

tr_status trj_read_record(tr_journal *j, uint64_t index, size_t *pt_len, tr_error *err)
{
    assert(index < j->count);
    const trj_entry *e = &j->entries[index];
    size_t n = TRJ_REC_HDR_LEN + e->ct_len;
    size_t got = 0;
    int rc = j->io->pread(j->io->user, j->file, j->ct, n, e->off, &got);
    if (rc)
        return trj_io_err(err, j->path, "read the journal", rc);
    static const uint8_t zero_tag[TRJ_TAG_LEN];
    uint8_t ad[TRJ_REC_AD_LEN];
    trj_record_ad(ad, j->hdr.file_id, index + 1, index ? j->entries[index - 1].tag : zero_tag);
    unsigned long long len = 0;
    if (got != n || trj_get_u32(j->ct) != e->ct_len || trj_get_u64(j->ct + 4) != index + 1 ||
        memcmp(j->ct + n - TRJ_TAG_LEN, e->tag, TRJ_TAG_LEN) != 0 ||
        crypto_aead_xchacha20poly1305_ietf_decrypt(j->pt, &len, NULL, j->ct + TRJ_REC_HDR_LEN,
                                                   e->ct_len, ad, sizeof ad, j->ct + 12,
                                                   j->keys->rec_key) != 0)
        return tr_error_set(err, TR_E_CORRUPT,
                            "%s: record %llu at byte offset %llu changed on disk since the "
                            "journal was opened",
                            j->path, (unsigned long long)(index + 1), (unsigned long long)e->off);
    j->pt[len] = '\0';
    *pt_len = (size_t)len;
    return TR_OK;
}

tr_status tr_journal_query_each(tr_journal *j, const tr_journal_query *q, tr_journal_visit_fn visit,
                                void *user, tr_error *err)
{
    assert(j && visit);
    tr_journal_query all = {0};
    if (!q)
        q = &all;
    int64_t want_type = -1;
    if (q->type) {
        for (uint32_t i = 0; i < j->ntypes; i++)
            if (strcmp(j->types[i], q->type) == 0)
                want_type = i;
        if (want_type < 0)
            return TR_OK;
    }
    for (uint64_t i = 0; i < j->count; i++) {
        const trj_entry *e = &j->entries[i];
        if ((want_type >= 0 && e->type_id != (uint32_t)want_type) ||
            (q->since && e->ts < q->since) || (q->until && e->ts > q->until))
            continue;
        size_t len = 0;
        tr_status st = trj_read_record(j, i, &len, err);
        if (st)
            return st;
        size_t tlen = j->pt[8];
        char type[TR_JOURNAL_MAX_TYPE + 1];
        memcpy(type, j->pt + TRJ_PT_FIXED, tlen);
        type[tlen] = '\0';
        tr_journal_record rec = {
            .seq = i + 1,
            .off = e->off,
            .ts = e->ts,
            .type = type,
            .json = (const char *)j->pt + TRJ_PT_FIXED + tlen,
            .json_len = len - TRJ_PT_FIXED - tlen,
        };
        int stop = visit(user, &rec);
        sodium_memzero(j->pt, len + 1);
        if (stop)
            break;
    }
    return TR_OK;
}

uint64_t tr_journal_count(const tr_journal *j)
{
    return j->count;
}

size_t tr_journal_warning_count(const tr_journal *j)
{
    return j->nwarnings;
}

const char *tr_journal_warning(const tr_journal *j, size_t i)
{
    assert(i < j->nwarnings);
    return j->warnings[i];
}
