/* tr_profile: the profiles on this PC, each one encrypted journal (tr_journal.h), and what may
 * be seen of them without a passphrase.
 *
 * Layout, in <data_dir>/profiles/ (folder mode 0700, files 0600 whatever the umask):
 *   <id>.trinn   the journal; <id> is 32 random lower-case hex digits (16 bytes), so the file
 *                name says nothing about whose it is
 *   index.json   {"format": 1, "profiles": [{"id", "kind", "symbol", "colour", "label"}]}:
 *                only what the client chose to be visible to anyone at this PC (a symbol, a
 *                colour, an optional short label) and the kind of profile
 * The profile's name lives only inside the encrypted journal, in a "profile" record
 * (core/RECORDS.md) written when it is created; the newest such record wins. Deleting a
 * profile erases the journal (tr_journal_erase) and its index entry: nothing of it is left.
 *
 * Profiles made by earlier versions (names.json {slug: name} and <slug>.trinn) are migrated
 * the first time the folder is used (tr_profile_list, create, unlock ...): each journal is
 * renamed to a random id and its old name, which that version showed to anyone at the PC,
 * becomes its visible label; at the next unlock the name is also written into the journal.
 * The steps are ordered so a crash at any point loses nothing and the next run finishes.
 *
 * Lock-out: every passphrase try goes through tr_journal_open, which counts it and makes the
 * next one wait after three wrong ones (FORMAT.md); tr_profile_wait says how long.
 * Strength: new passphrases must reach the floor of tr_strength.h; an unlock reports a
 * passphrase under it (tr_profile.weak) so the client can be asked to change it.
 *
 * Threads: no global state; create, unlock, passwd and delete derive keys (about half a
 * second each at the default cost), so the UI calls them from a worker thread.
 * Ownership: lists belong to the caller (tr_profile_list_free); an open tr_profile owns its
 * journal until tr_profile_close. Messages never contain passphrases or names. */
#ifndef TR_PROFILE_H
#define TR_PROFILE_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_error.h"
#include "tr_journal.h"
#include "tr_words.h"

#define TR_PROFILE_ID_LEN    32 /* hex digits of a profile id */
#define TR_PROFILE_NAME_MAX  64 /* bytes of a name (UTF-8), kept inside the journal */
#define TR_PROFILE_LABEL_MAX 64 /* bytes of the visible label (UTF-8); may be empty */
#define TR_PROFILE_LOOK_MAX  15 /* bytes of a symbol or colour id */

/* What kind of profile: only clients for now (a therapist kind is planned). */
typedef enum tr_profile_kind { TR_PROFILE_CLIENT = 0, TR_PROFILE_THERAPIST = 1 } tr_profile_kind;

/* The visible symbols and colours, as stored ids, NULL-terminated (the UI draws them and names
 * them in the client's language). */
extern const char *const tr_profile_symbols[];
extern const char *const tr_profile_colours[];

/* One profile as anyone at the PC sees it. */
typedef struct tr_profile_info {
    char id[TR_PROFILE_ID_LEN + 1];
    tr_profile_kind kind;
    char symbol[TR_PROFILE_LOOK_MAX + 1]; /* one of tr_profile_symbols */
    char colour[TR_PROFILE_LOOK_MAX + 1]; /* one of tr_profile_colours */
    char label[TR_PROFILE_LABEL_MAX + 1]; /* "" when none was chosen */
} tr_profile_info;

/* Where profiles live and what new journals cost; zero-initialise. */
typedef struct tr_profile_desc {
    const char *data_dir;  /* required: profiles go to <data_dir>/profiles */
    uint64_t kdf_ops;      /* Argon2id costs for new journals and passphrase changes; 0 = */
    size_t kdf_mem;        /* the journal's defaults */
    const tr_words *words; /* common words for the strength floor; may be NULL */
} tr_profile_desc;

/* What a new profile is: name (1..64 bytes after trimming spaces, no control characters;
 * secret), kind, and what is visible: symbol and colour (NULL = the first), label (NULL or
 * "" = none; else at most 64 bytes, no control characters, not the label of another profile,
 * ignoring case). */
typedef struct tr_profile_new {
    const char *name;
    tr_profile_kind kind;
    const char *symbol;
    const char *colour;
    const char *label;
} tr_profile_new;

/* An open profile. Zero-initialised = none open. */
typedef struct tr_profile {
    tr_journal *j;
    tr_profile_info info;
    char name[TR_PROFILE_NAME_MAX + 1]; /* from the journal ("" if it holds none) */
    int weak; /* unlock: the passphrase used is below TR_STRENGTH_MIN_BITS (ask to change it) */
} tr_profile;

/* Lists the profiles (first migrating an old folder, see above), in the index's order, then
 * any journal the index lacks (a crash between creating it and saving the index) with the
 * first symbol and colour and no label. A missing folder is an empty list.
 * Returns TR_OK with *out (NULL when *n is 0; free with tr_profile_list_free), or TR_E_IO /
 * TR_E_NOMEM / TR_E_INVALID (an unreadable index: err says which file to look at). */
tr_status tr_profile_list(const tr_profile_desc *d, tr_profile_info **out, size_t *n,
                          tr_error *err);
void tr_profile_list_free(tr_profile_info *list);

/* Finds the profile whose id or label (ignoring case) is key, into *out. Returns TR_OK,
 * TR_E_NOTFOUND, or as tr_profile_list. */
tr_status tr_profile_find(const tr_profile_desc *d, const char *key, tr_profile_info *out,
                          tr_error *err);

/* 1 when two names or labels are the same but for case (ASCII and Latin-1: Æ Ø Å É ...). */
int tr_profile_same_name(const char *a, const char *b);

/* The journal path of a profile id. Returns 0, or -1 when id is not an id or the path does not
 * fit in size bytes. */
int tr_profile_path(const tr_profile_desc *d, const char *id, char *buf, size_t size);

/* Checks what a new profile would be (name, kind, symbol, colour, label) without writing
 * anything. Returns TR_OK or TR_E_INVALID with err saying what to change. */
tr_status tr_profile_check_new(const tr_profile_desc *d, const tr_profile_new *p, tr_error *err);

/* Creates a profile: checks it (tr_profile_check_new) and the passphrase (1..1024 bytes and
 * at least TR_STRENGTH_MIN_BITS, with the name a known word), creates the journal under a new
 * random id (the key derivation runs here), writes the "profile" record with the name into it,
 * adds the entry to the index, and opens it into *out (a new profile has no other records).
 * Failures: TR_E_INVALID (err says what to change), or as tr_journal_create; nothing is then
 * left on disk and *out is zeroed. */
tr_status tr_profile_create(const tr_profile_desc *d, const tr_profile_new *p, const void *pass,
                            size_t pass_len, tr_profile *out, tr_error *err);

/* A reader of an unlocked journal's records: called for every record but the store's own
 * "profile" records, in order, in the pass that verifies the journal (tr_journal_desc.visit,
 * with its contract: if unlock fails afterwards, discard everything taken). */
typedef tr_status (*tr_profile_visit_fn)(void *user, const tr_journal_record *rec, tr_error *err);

/* Unlocks the profile `id`: opens the journal (key derivation, every record verified), hands
 * the records to visit (may be NULL), reads the name, writes it into the journal if this is a
 * migrated profile's first unlock, and sets out->weak when pass is below the floor.
 * Failures as tr_journal_open (TR_E_AUTH counted, TR_E_LOCKED, TR_E_BUSY, TR_E_CORRUPT, ...),
 * TR_E_INVALID for a string that is not an id, TR_E_NOTFOUND; *out is zeroed. */
tr_status tr_profile_unlock(const tr_profile_desc *d, const char *id, const void *pass,
                            size_t pass_len, tr_profile_visit_fn visit, void *user, tr_profile *out,
                            tr_error *err);

/* Changes the passphrase of the open profile p: checks the new one against the floor (with
 * p's name), then checks cur against the file exactly as unlocking does (the try is counted,
 * the wait applies), then tr_journal_passwd (crash-safe). Two key derivations. p stays open
 * and usable whatever happens; on success p->weak is cleared.
 * Failures: TR_E_INVALID (the new passphrase: length or strength, err says), TR_E_AUTH (cur
 * wrong; counted), TR_E_LOCKED, TR_E_IO, TR_E_CRYPTO / TR_E_NOMEM, or as tr_journal_open. */
tr_status tr_profile_passwd(const tr_profile_desc *d, tr_profile *p, const void *cur,
                            size_t cur_len, const void *pass, size_t pass_len, tr_error *err);

/* Deletes the profile `id` for good. With pass (the owner's proof, counted as a try) the
 * journal is opened first; with pass NULL (trinnctl, for a forgotten passphrase) it is not.
 * Then the journal is erased (tr_journal_erase) and the index entry removed.
 * Failures: as tr_profile_unlock before anything is erased; TR_E_IO / TR_E_BUSY from the erase;
 * TR_E_IO when the journal is gone but the index could not be rewritten (err says so). */
tr_status tr_profile_delete(const tr_profile_desc *d, const char *id, const void *pass,
                            size_t pass_len, tr_error *err);

/* Seconds before the next passphrase try on profile `id` (0 = now). TR_OK or as
 * tr_journal_wait. */
tr_status tr_profile_wait(const tr_profile_desc *d, const char *id, int64_t *seconds,
                          tr_error *err);

/* The same for the profile p that this process has open (tr_profile_wait would find the
 * journal locked by p itself). p must not be in use by another thread meanwhile. */
tr_status tr_profile_wait_open(const tr_profile_desc *d, const tr_profile *p, int64_t *seconds,
                               tr_error *err);

/* Appends one record (JSON text, see tr_journal_append) to the open profile; durable when it
 * returns TR_OK. */
tr_status tr_profile_append(tr_profile *p, const char *json, size_t len, tr_error *err);

/* Appends one record (a core/RECORDS.md object, e.g. from tr_record.h or tr_module.h) to the
 * open profile as tr_profile_append does with its text (the text is wiped after). Returns TR_OK
 * (durable), TR_E_INVALID (no open profile, or rec is not an object), TR_E_NOMEM, or what
 * tr_profile_append returns. rec stays the caller's. */
tr_status tr_profile_append_record(tr_profile *p, const cJSON *rec, tr_error *err);

/* Closes the journal (keys wiped, lock released) and zeroes p. A closed one is a no-op. */
void tr_profile_close(tr_profile *p);

/* The cheapest Argon2id costs libsodium allows, for tests only (never for a client's data). */
void tr_profile_test_costs(uint64_t *ops, size_t *mem);

/* Parses "client" / "therapist" into *kind; returns 0, or -1 for another word. */
int tr_profile_kind_parse(const char *s, tr_profile_kind *kind);
const char *tr_profile_kind_name(tr_profile_kind kind);

#endif
