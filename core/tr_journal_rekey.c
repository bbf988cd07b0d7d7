/* tr_journal_rekey: the passphrase change. A new passphrase gets a new data key: every record
 * is decrypted and sealed again under the new record key into a new file next to the journal,
 * which then replaces the journal by rename (core/FORMAT.md, "Passphrase change"). So a copy of
 * the old key header (a backup, a snapshot) opens nothing written after the change. */
#include "tr_journal_int.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_dir.h"

#define TRJ_OUT_CHUNK ((size_t)1 << 20) /* > one largest record: TRJ_REC_HDR_LEN + TRJ_MAX_CT */
#define TRJ_PATH_MAX  4096

int trj_tmp_name(const char *path, char *buf, size_t size)
{
    uint8_t r[TRJ_TMP_HEX / 2];
    char hex[TRJ_TMP_HEX + 1];
    randombytes_buf(r, sizeof r);
    sodium_bin2hex(hex, sizeof hex, r, sizeof r);
    int n = snprintf(buf, size, "%s.%s.tmp", path, hex);
    return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* 1 when name is base.tmp or base.<TRJ_TMP_HEX lower-case hex digits>.tmp. */
static int trj_is_leftover(const char *name, const char *base)
{
    size_t b = strlen(base);
    if (strncmp(name, base, b) != 0 || name[b] != '.')
        return 0;
    const char *rest = name + b + 1;
    if (strcmp(rest, "tmp") == 0)
        return 1;
    if (strlen(rest) != TRJ_TMP_HEX + 4 || strcmp(rest + TRJ_TMP_HEX, ".tmp") != 0)
        return 0;
    for (int i = 0; i < TRJ_TMP_HEX; i++)
        if (!((rest[i] >= '0' && rest[i] <= '9') || (rest[i] >= 'a' && rest[i] <= 'f')))
            return 0;
    return 1;
}

int trj_leftovers(const char *path, int (*fn)(void *user, const char *leftover), void *user)
{
    char dir[TRJ_PATH_MAX], full[TRJ_PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dlen = slash ? (size_t)(slash - path) : 0;
    if (dlen + 2 > sizeof dir)
        return -ENAMETOOLONG;
    if (!slash)
        memcpy(dir, ".", 2);
    else {
        memcpy(dir, path, dlen ? dlen : 1); /* "/j" lives in "/" */
        dir[dlen ? dlen : 1] = '\0';
    }
    char **names = NULL;
    size_t n = 0;
    int rc = tp_dir_list(dir, ".tmp", &names, &n);
    if (rc == -ENOENT)
        return 0;
    for (size_t i = 0; !rc && i < n; i++) {
        if (!trj_is_leftover(names[i], base))
            continue;
        int w = snprintf(full, sizeof full, "%.*s%s", (int)(base - path), path, names[i]);
        rc = w < 0 || (size_t)w >= sizeof full ? -ENAMETOOLONG : fn(user, full);
    }
    tp_dir_names_free(names, n);
    return rc;
}

/* The state of one passphrase change. */
typedef struct trj_rekey {
    tr_journal *j;
    tp_io_file *dst; /* the new file, open and locked */
    trj_keys *keys;  /* the new keys (sodium_malloc) */
    uint8_t *tags;   /* the new tag of every record, count * TRJ_TAG_LEN */
    uint8_t *out;    /* write buffer of sealed records, TRJ_OUT_CHUNK bytes */
    size_t out_len;
    uint64_t out_off; /* file offset of out[0] */
} trj_rekey;

static int trj_rk_flush(trj_rekey *r)
{
    int rc = 0;
    if (r->out_len)
        rc = r->j->io->pwrite(r->j->io->user, r->dst, r->out, r->out_len, r->out_off);
    r->out_off += r->out_len;
    r->out_len = 0;
    return rc;
}

/* Decrypts record index with the old record key and seals it with a fresh nonce under the new
 * one, chained to the new tag of its predecessor, at the same offset in the new file (the
 * lengths do not change). Returns TR_OK, or TR_E_CORRUPT / TR_E_IO (naming the file). */
static tr_status trj_rk_record(trj_rekey *r, uint64_t index, const char *tmp, tr_error *err)
{
    static const uint8_t zero_tag[TRJ_TAG_LEN];
    tr_journal *j = r->j;
    const trj_entry *e = &j->entries[index];
    size_t n = TRJ_REC_HDR_LEN + e->ct_len;
    if (r->out_len + n > TRJ_OUT_CHUNK) {
        int rc = trj_rk_flush(r);
        if (rc)
            return tr_error_set(err, TR_E_IO, "%s: cannot write the re-keyed copy (%s)", tmp,
                                trj_errstr(rc));
    }
    assert(r->out_off + r->out_len == e->off);
    size_t pt_len = 0;
    tr_status st = trj_read_record(j, index, &pt_len, err);
    if (st)
        return st;
    uint8_t *rec = r->out + r->out_len;
    trj_put_u32(rec, e->ct_len);
    trj_put_u64(rec + 4, index + 1);
    randombytes_buf(rec + 12, TRJ_NONCE_LEN);
    uint8_t ad[TRJ_REC_AD_LEN];
    trj_record_ad(ad, j->hdr.file_id, index + 1,
                  index ? r->tags + (index - 1) * TRJ_TAG_LEN : zero_tag);
    crypto_aead_xchacha20poly1305_ietf_encrypt(rec + TRJ_REC_HDR_LEN, NULL, j->pt, pt_len, ad,
                                               sizeof ad, NULL, rec + 12, r->keys->rec_key);
    sodium_memzero(j->pt, pt_len + 1);
    memcpy(r->tags + index * TRJ_TAG_LEN, rec + n - TRJ_TAG_LEN, TRJ_TAG_LEN);
    r->out_len += n;
    return TR_OK;
}

/* Writes the whole re-keyed journal (header under nh, clean attempt slot, heads under the new
 * head key, every record sealed again) to r->dst and fsyncs it. */
static tr_status trj_rk_write(trj_rekey *r, const trj_key_hdr *nh, trj_head *head, const char *tmp,
                              tr_error *err)
{
    tr_journal *j = r->j;
    static const uint8_t zero_tag[TRJ_TAG_LEN];
    r->out_off = TRJ_RECORDS_OFF;
    for (uint64_t i = 0; i < j->count; i++) {
        tr_status st = trj_rk_record(r, i, tmp, err);
        if (st)
            return st;
    }
    int rc = trj_rk_flush(r);
    /* The head covers every record we hold (also one written beyond the old head). */
    *head = (trj_head){.gen = j->head.gen + 1, .last_seq = j->count};
    memcpy(head->last_tag, j->count ? r->tags + (j->count - 1) * TRJ_TAG_LEN : zero_tag,
           TRJ_TAG_LEN);
    trj_head older = *head;
    older.gen = head->gen - 1;
    uint8_t buf[TRJ_RECORDS_OFF];
    memset(buf, 0, sizeof buf);
    trj_key_hdr_encode(nh, buf);
    trj_attempts_encode(&(trj_attempts){0}, buf + TRJ_ATTEMPT_OFF);
    trj_head_encode(head, nh->file_id, r->keys->head_key, buf + TRJ_HEAD_OFF);
    trj_head_encode(&older, nh->file_id, r->keys->head_key, buf + TRJ_HEAD_OFF + TRJ_SLOT_SIZE);
    if (!rc)
        rc = j->io->pwrite(j->io->user, r->dst, buf, sizeof buf, 0);
    if (!rc)
        rc = j->io->sync(j->io->user, r->dst);
    if (rc)
        return tr_error_set(err, rc == -ENOENT ? TR_E_NOTFOUND : TR_E_IO,
                            "%s: cannot write the re-keyed copy of the journal (%s)", tmp,
                            trj_errstr(rc));
    return TR_OK;
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
    tr_status cst = trj_check_costs(j->kdf_ops, j->kdf_mem, err);
    if (cst)
        return cst;
    char tmp[TRJ_PATH_MAX + 32];
    if (trj_tmp_name(j->path, tmp, sizeof tmp) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the path is too long", j->path);
    tr_status st = TR_OK;
    trj_rekey r = {.j = j};
    uint8_t *kek = sodium_malloc(TRJ_KEY_LEN);
    r.keys = sodium_malloc(sizeof *r.keys);
    r.tags = malloc(j->count ? j->count * TRJ_TAG_LEN : 1);
    r.out = malloc(TRJ_OUT_CHUNK);
    if (!kek || !r.keys || !r.tags || !r.out) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory changing the passphrase");
        goto fail;
    }
    trj_key_hdr nh = j->hdr;
    nh.ops = j->kdf_ops;
    nh.mem = j->kdf_mem;
    randombytes_buf(nh.salt, TRJ_SALT_LEN);
    randombytes_buf(r.keys->data_key, TRJ_KEY_LEN);
    trj_derive_subkeys(r.keys);
    if (trj_derive_kek(&nh, pass, pass_len, kek) != 0) {
        st = tr_error_set(err, TR_E_CRYPTO,
                          "key derivation needs %zu MiB of memory and the system refused; "
                          "close other programs and try again",
                          j->kdf_mem >> 20);
        goto fail;
    }
    trj_wrap(&nh, kek, r.keys->data_key);
    int rc = j->io->open(j->io->user, tmp, TP_IO_WRITE | TP_IO_CREATE, &r.dst);
    if (!rc)
        rc = j->io->lock(j->io->user, r.dst);
    if (rc) {
        st = tr_error_set(err, TR_E_IO, "%s: cannot create the re-keyed copy (%s)", tmp,
                          trj_errstr(rc));
        goto fail;
    }
    trj_head head;
    if ((st = trj_rk_write(&r, &nh, &head, tmp, err)))
        goto fail;
    rc = j->io->rename(j->io->user, tmp, j->path);
    if (rc) {
        st =
            tr_error_set(err, TR_E_IO, "%s: cannot replace the journal with its re-keyed copy (%s)",
                         j->path, trj_errstr(rc));
        goto fail;
    }
    /* From here the new file is the journal; its handle keeps the lock. */
    j->io->close(j->io->user, j->file);
    j->file = r.dst;
    r.dst = NULL;
    sodium_free(j->keys);
    j->keys = r.keys;
    r.keys = NULL;
    for (uint64_t i = 0; i < j->count; i++)
        memcpy(j->entries[i].tag, r.tags + i * TRJ_TAG_LEN, TRJ_TAG_LEN);
    j->hdr = nh;
    j->head = head;
    j->head_slot = 0;
    j->tail_dirty = 0;
    rc = j->io->sync_dir(j->io->user, j->path);
    if (rc) {
        j->failed = 1;
        st = tr_error_set(err, TR_E_IO, "%s: cannot make the passphrase change durable (%s)",
                          j->path, trj_errstr(rc));
        goto fail;
    }
    sodium_free(kek);
    free(r.tags);
    free(r.out);
    return TR_OK;
fail:
    if (kek)
        sodium_free(kek);
    if (r.keys)
        sodium_free(r.keys);
    free(r.tags);
    free(r.out);
    if (r.dst) {
        j->io->close(j->io->user, r.dst);
        j->io->unlink(j->io->user, tmp);
    }
    return st;
}
