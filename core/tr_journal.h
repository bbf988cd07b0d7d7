/* tr_journal: the client's encrypted, append-only journal (one file per profile).
 *
 * A random data key seals every record (XChaCha20-Poly1305 IETF, fresh random nonce, associated
 * data binding file id, sequence number and the previous record's tag). The data key is wrapped
 * by a key derived from the passphrase with Argon2id; the header's costs and salt are
 * authenticated as associated data of that wrap. An authenticated head (two slots, written in
 * turn) carries the last sequence number and tag, so dropped newest records are detected. The
 * byte layout is in core/FORMAT.md.
 *
 * Each record is one JSON object with a string "type" and an ISO 8601 "ts" (core/RECORDS.md).
 * An append is durable (fsync) when it returns. One process at a time: open and create take an
 * exclusive file lock; a second one gets TR_E_BUSY.
 *
 * Threads: no global state. A handle is used by one thread at a time; different handles (and
 * open/create on a worker thread while the UI runs) are fine. sodium_init() is called by
 * create/open/wait/erase (it is idempotent and thread-safe).
 *
 * Ownership: a tr_journal belongs to the caller until tr_journal_close. Records handed to a
 * visitor live in locked memory that is wiped when the visitor returns: copy what you keep.
 * Error messages never contain passphrases or record contents. */
#ifndef TR_JOURNAL_H
#define TR_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tp_io.h"
#include "tr_error.h"

typedef struct tr_journal tr_journal;

/* Largest JSON text of one record: 256 KiB (TR_E_TOOBIG above it). */
#define TR_JOURNAL_MAX_RECORD ((size_t)256 << 10)
/* Largest "type" string in bytes. */
#define TR_JOURNAL_MAX_TYPE 64
/* Costs read from a header above these are refused (TR_E_CORRUPT), so a crafted file cannot
 * make us allocate gigabytes or spin for minutes. */
#define TR_JOURNAL_MAX_KDF_OPS 16
#define TR_JOURNAL_MAX_KDF_MEM ((size_t)1 << 30)

/* The least Argon2id costs a journal someone relies on may get (libsodium's INTERACTIVE:
 * about 0.1 s and 64 MiB on a 2-vCPU machine; core/FORMAT.md, "Costs"). Create and passphrase
 * change refuse lower costs with TR_E_INVALID, unless the library was built with
 * TRINN_TEST_COSTS (the test suite's cheap costs; Release builds lack it). */
#define TR_JOURNAL_MIN_KDF_OPS 2
#define TR_JOURNAL_MIN_KDF_MEM ((size_t)64 << 20)

/* 1 when this build allows costs below the minimum (built with TRINN_TEST_COSTS), else 0.
 * Programs that accept cost options warn loudly whenever such costs are used. */
int tr_journal_test_costs(void);

/* 1 when ops/mem (0 = the defaults) are below the minimum above, else 0. */
int tr_journal_costs_weak(uint64_t ops, size_t mem);

struct tr_journal_record; /* below */

/* Options; zero-initialise and set what you need. */
typedef struct tr_journal_desc {
    const char *path; /* the journal file (required) */
    const tp_io *io;  /* storage seam; NULL = tp_io_posix() */
    /* Argon2id costs for create and passphrase change; 0 = the measured defaults
     * (tr_journal_default_costs). Tests pass cheap ones. Reading always uses the header's. */
    uint64_t kdf_ops;
    size_t kdf_mem;
    /* Wall clock (Unix seconds) for the failed-attempt delay; NULL = tp_clock_now. */
    int64_t (*now)(void *user);
    void *now_user;
    /* Optional, used by tr_journal_open only: called for every record, in sequence order, as
     * soon as open has decrypted and authenticated it, so a reader gets every record in the
     * same pass that verifies the journal (tr_journal_query_each afterwards decrypts each record
     * a second time). The record is as described for tr_journal_visit_fn below.
     * CONTRACT: each visited record is authentic on its own, but whether records are missing
     * at the end (the chain against the head) is known only when open returns. If open fails
     * after some records were visited, none of them may be trusted or shown: the caller MUST
     * discard everything it took from them. Return TR_OK to go on; any other status stops
     * open, which then fails with that status and err (set it; a generic message is used if
     * you do not). */
    tr_status (*visit)(void *user, const struct tr_journal_record *rec, tr_error *err);
    void *visit_user;
} tr_journal_desc;

/* The Argon2id costs a new journal gets when the desc leaves them 0 (chosen by measurement,
 * see FORMAT.md). */
void tr_journal_default_costs(uint64_t *ops, size_t *mem);

/* Creates a new, empty journal at desc->path (fails with TR_E_INVALID if the file exists),
 * protected by the passphrase pass[0..pass_len) (1..1024 bytes, any bytes). Derives the key
 * (about 0.5 s at default costs), writes and fsyncs the file and its directory, and returns an
 * open, locked handle in *out. On failure *out is NULL, err says why, and no file is left. */
tr_status tr_journal_create(const tr_journal_desc *desc, const void *pass, size_t pass_len,
                            tr_journal **out, tr_error *err);

/* Opens an existing journal: takes the lock, checks the failed-attempt delay, derives the key,
 * unwraps the data key, then verifies every record and the chain against the head. On success
 * *out is an open handle (read and append).
 * Failures (*out NULL): TR_E_NOTFOUND no file; TR_E_BUSY open in another process;
 * TR_E_LOCKED too many failed tries, the message and tr_journal_wait tell how long to wait;
 * TR_E_AUTH wrong passphrase (the attempt is counted); TR_E_VERSION newer format;
 * TR_E_CORRUPT damaged or tampered (the message names the record number and byte offset);
 * TR_E_CRYPTO key derivation refused (not enough memory); TR_E_IO the OS failed.
 * A torn final record (crash in the middle of an append) is not an error: it is ignored, and
 * tr_journal_warning reports it; it is cut off by the next append.
 * With desc->visit set, every record is handed to it during verification (see the desc for
 * the contract: on any failure the caller discards what it took from visited records). */
tr_status tr_journal_open(const tr_journal_desc *desc, const void *pass, size_t pass_len,
                          tr_journal **out, tr_error *err);

/* Seconds the caller must wait before the next passphrase try (0 = may try now), read from the
 * file's attempt counter without the passphrase. Returns TR_OK, or an error as for open. */
tr_status tr_journal_wait(const tr_journal_desc *desc, int64_t *seconds, tr_error *err);

/* Appends one record: json[0..len) must be one JSON object with a string "type" (1..64 bytes)
 * and a string "ts" in ISO 8601 (tp_clock_parse). Seals it, writes it and fsyncs it, then
 * updates the head and fsyncs again; only then sets *seq (1, 2, ...) and returns TR_OK.
 * Failures: TR_E_PARSE / TR_E_INVALID / TR_E_TOOBIG for bad input (nothing written);
 * TR_E_IO when the disk failed: the record may or may not survive, and the handle refuses
 * further appends (close and open again; a failed fsync is never retried). */
tr_status tr_journal_append(tr_journal *j, const char *json, size_t len, uint64_t *seq,
                            tr_error *err);

/* One record as handed to a visitor. Pointers are valid only during the call. */
typedef struct tr_journal_record {
    uint64_t seq;     /* 1-based, consecutive */
    uint64_t off;     /* byte offset of the record in the file (for messages) */
    int64_t ts;       /* "ts" as Unix seconds, UTC */
    const char *type; /* NUL-terminated */
    const char *json; /* the record's JSON text exactly as appended, NUL-terminated */
    size_t json_len;
} tr_journal_record;

/* Checks that an authentic record's text is what append would have written: one JSON object
 * (strict: valid UTF-8, no trailing bytes) whose string "type" equals rec->type and whose "ts"
 * is an ISO 8601 time equal to rec->ts. Open does not parse the JSON (the key already proves who
 * wrote it); readers that show or export records, and `trinnctl journal verify`, call this.
 * Returns TR_OK, or TR_E_CORRUPT with a message naming the record number, its byte offset and
 * what is wrong (line:column for bad JSON). The message never quotes the record's text. The
 * parse tree is wiped before it is freed. */
tr_status tr_journal_record_check(const tr_journal_record *rec, tr_error *err);

/* Return 0 to go on, non-zero to stop the walk (the query then returns TR_OK). */
typedef int (*tr_journal_visit_fn)(void *user, const tr_journal_record *rec);

/* A filter; zero-initialised matches everything. */
typedef struct tr_journal_query {
    const char *type; /* only this type; NULL = any */
    int64_t since;    /* ts >= since (Unix seconds); 0 = no lower bound */
    int64_t until;    /* ts <= until; 0 = no upper bound */
} tr_journal_query;

/* Calls visit for every record matching q (NULL = all), in sequence order. Each record is read
 * from disk and authenticated again (to read everything once right after opening, prefer the
 * desc's visit, which costs no second decryption). Returns TR_OK, or TR_E_CORRUPT / TR_E_IO if the
 * file changed under us (the walk stops; records already visited were authentic). */
tr_status tr_journal_query_each(tr_journal *j, const tr_journal_query *q, tr_journal_visit_fn visit,
                                void *user, tr_error *err);

/* Number of records (the last sequence number). */
uint64_t tr_journal_count(const tr_journal *j);

/* Warnings found by open (for example a torn final record that was dropped); index from 0
 * below tr_journal_warning_count. Strings belong to the handle. */
size_t tr_journal_warning_count(const tr_journal *j);
const char *tr_journal_warning(const tr_journal *j, size_t i);

/* Changes the passphrase and re-keys the journal: makes a new random data key, wraps it under a
 * key derived from the new passphrase with a fresh salt and the desc's costs (given at
 * open/create), seals every record again under it into PATH.<random hex>.tmp, fsyncs it, renames
 * it over PATH and fsyncs the directory (core/FORMAT.md). A copy of the old key header opens
 * nothing written afterwards. A crash at any point leaves either the old journal (old
 * passphrase) or the new one (new passphrase) whole; a leftover copy is removed by the next open.
 * Takes about as long as opening plus one derivation. On failure before the rename the handle is
 * unchanged and still usable; on TR_E_IO after it, the handle refuses further writes (close and
 * reopen). */
tr_status tr_journal_passwd(tr_journal *j, const void *pass, size_t pass_len, tr_error *err);

/* Record types that hold secret keys (core/EXCHANGE.md §5, §8): they never leave the journal
 * unencrypted, so a plain export leaves them out. */
#define TR_JOURNAL_SECRET_TYPES "keys", "member_keys"

/* 1 when records of this type hold secret keys (TR_JOURNAL_SECRET_TYPES), else 0. */
int tr_journal_type_secret(const char *type);

/* Writes every record as plain, readable JSON to out_path (created with mode 0600; fails if
 * it exists): {"format":"trinn-journal-export","version":1,"records":[{...},...]} and fsyncs
 * it. Records of a secret type (tr_journal_type_secret: the exchange keys) are left out, and
 * *withheld (when not NULL) says how many, so the caller can say so and point to a sealed backup.
 * The caller must warn the user that the export is not encrypted. */
tr_status tr_journal_export_plain(tr_journal *j, const char *out_path, size_t *withheld,
                                  tr_error *err);

/* tr_journal_export_plain without the count. */
tr_status tr_journal_export(tr_journal *j, const char *out_path, tr_error *err);

/* Closes the handle: wipes keys and buffers, releases the lock. NULL is a no-op. */
void tr_journal_close(tr_journal *j);

/* Erases the journal at desc->path for good, without needing the passphrase: takes the lock,
 * overwrites the key header (so no passphrase can ever unwrap the data key again) and the
 * records, fsyncs, unlinks the file and fsyncs the directory. Returns TR_OK, TR_E_NOTFOUND,
 * TR_E_BUSY, or TR_E_IO. On flash storage and copy-on-write file systems old blocks may
 * survive; they hold only ciphertext whose key is gone. */
tr_status tr_journal_erase(const tr_journal_desc *desc, tr_error *err);

#endif
