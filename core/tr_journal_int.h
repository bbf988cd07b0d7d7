/* tr_journal_int: the journal handle and helpers shared by tr_journal*.c. Internal. */
#ifndef TR_JOURNAL_INT_H
#define TR_JOURNAL_INT_H

#include "tp_attr.h"
#include "tr_journal.h"
#include "tr_journal_fmt.h"

_Static_assert(TRJ_MAX_TYPE == TR_JOURNAL_MAX_TYPE && TRJ_MAX_JSON == TR_JOURNAL_MAX_RECORD,
               "FORMAT.md's record bounds and tr_journal.h's limits are the same numbers");

/* One record in the in-memory index built by open (no plaintext except the type id). */
typedef struct trj_entry {
    uint64_t off;     /* byte offset of the record header */
    int64_t ts;       /* "ts" in Unix seconds */
    uint32_t ct_len;  /* ciphertext length including the tag */
    uint32_t type_id; /* index into tr_journal.types */
    uint8_t tag[TRJ_TAG_LEN];
} trj_entry;

/* Secret material, in one sodium_malloc block (guard pages, locked when possible). */
typedef struct trj_keys {
    uint8_t data_key[TRJ_KEY_LEN];
    uint8_t rec_key[TRJ_KEY_LEN];
    uint8_t head_key[TRJ_KEY_LEN];
} trj_keys;

struct tr_journal {
    const tp_io *io;
    tp_io_file *file;
    char *path;
    uint64_t kdf_ops; /* costs for passphrase change (from the desc or the defaults) */
    size_t kdf_mem;
    trj_key_hdr hdr;
    trj_keys *keys;
    uint8_t *pt;   /* sodium_malloc plaintext scratch, TRJ_MAX_CT + 1 bytes */
    uint8_t *ct;   /* ciphertext scratch (not secret), TRJ_REC_HDR_LEN + TRJ_MAX_CT */
    trj_head head; /* the current head (last written) */
    int head_slot; /* slot holding it: the next write goes to the other one */
    trj_entry *entries;
    uint64_t count, cap;
    char **types; /* interned record types */
    uint32_t ntypes;
    uint64_t end;   /* byte offset after the last good record */
    int tail_dirty; /* bytes after `end` must be cut before the next append */
    int failed;     /* a write or fsync failed: no more writes on this handle */
    char **warnings;
    size_t nwarnings;
};

/* Adds a warning to j (best effort: dropped if memory runs out). */
void trj_warn(tr_journal *j, const char *fmt, ...) TP_PRINTF(2, 3);

/* Decrypts the record of entry e (seq = index + 1) into j->pt; on success *pt_len is the
 * plaintext length. TR_E_CORRUPT / TR_E_IO otherwise, naming record and offset. */
tr_status trj_read_record(tr_journal *j, uint64_t index, size_t *pt_len, tr_error *err);

/* Temporary copies of the journal at path (written by a passphrase change) are named
 * PATH.<12 lower-case hex digits>.tmp, unique per change. trj_tmp_name writes a fresh such name
 * into buf. Returns 0, or -ENAMETOOLONG when it does not fit. */
#define TRJ_TMP_HEX 12
int trj_tmp_name(const char *path, char *buf, size_t size);

/* Calls fn(user, leftover) for every temporary copy of the journal at path that a crashed
 * passphrase change left behind (the names above, and PATH.tmp of older versions). Returns 0,
 * the first non-zero value fn returned (the walk stops there), or -errno when the folder cannot
 * be listed (a missing folder is 0: nothing left over). */
int trj_leftovers(const char *path, int (*fn)(void *user, const char *leftover), void *user);

/* Checks the costs for a new key: within libsodium's range and our caps, and not below the
 * minimum unless this is a test build. TR_OK or TR_E_INVALID with a message. */
tr_status trj_check_costs(uint64_t ops, size_t mem, tr_error *err);

/* Derives the record and head keys from k->data_key (FORMAT.md, "Subkeys"). */
void trj_derive_subkeys(trj_keys *k);

/* Message helper for an OS error code (-errno). */
const char *trj_errstr(int rc);

#endif
