/* tu_profile: the client's profiles on this PC, each one encrypted journal (core/tr_journal.h).
 *
 * Profiles live in <data_dir>/profiles/: one journal file <slug>.trinn each, and names.json,
 * a small non-secret index {slug: display name}. The display name is chosen by the client
 * and is visible on this PC without the passphrase (the screen advises a nickname); it is
 * kept only there and in the slug, never inside the journal's unencrypted header. The slug is
 * made from the name: lower-case a-z and 0-9, æ ø å spelt ae o aa, everything else '-', so a
 * name can never leave the folder ("../x" becomes "x").
 *
 * Unlocking reads every record into a cJSON array (oldest first) for tu_records, and
 * tu_profile_sink appends new records to the journal (durable when it returns).
 *
 * Key derivation takes about half a second at the default cost, so the UI runs create, unlock,
 * passphrase change and delete as a job on a worker thread (tu_profile_job_*): the window keeps
 * drawing, and the worker pushes an SDL user event when it is done. The job's copies of the
 * passphrases live in sodium_malloc memory and are wiped as soon as the work is done.
 *
 * Ownership: lists from tu_profile_list belong to the caller (tu_profile_list_free); an open
 * tu_profile owns its journal until tu_profile_close; records arrays go to the caller. */
#ifndef TU_PROFILE_H
#define TU_PROFILE_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_error.h"
#include "tr_journal.h"

#define TU_PROFILE_SLUG_MAX 40  /* bytes of a slug, without ".trinn" */
#define TU_PROFILE_NAME_MAX 64  /* bytes of a display name (UTF-8) */
#define TU_PROFILE_PASS_MAX 256 /* bytes of a passphrase typed in the UI */

typedef struct tu_profile_info {
    char slug[TU_PROFILE_SLUG_MAX + 1];
    char name[TU_PROFILE_NAME_MAX + 1];
} tu_profile_info;

/* Where profiles live and what new journals cost; zero-initialise. */
typedef struct tu_profile_desc {
    const char *data_dir; /* required: profiles go to <data_dir>/profiles */
    uint64_t kdf_ops;     /* Argon2id costs for NEW journals; 0 = the journal's defaults */
    size_t kdf_mem;
} tu_profile_desc;

/* An open profile: its journal and names. Zero-initialised = none open. */
typedef struct tu_profile {
    tr_journal *j;
    char slug[TU_PROFILE_SLUG_MAX + 1];
    char name[TU_PROFILE_NAME_MAX + 1];
} tu_profile;

/* Lists the profiles (every <slug>.trinn in the folder, sorted by slug, named from
 * names.json or by their slug when the index lacks them). A missing folder is an empty list.
 * Returns TR_OK with *out (NULL when *n is 0; free with tu_profile_list_free), or TR_E_IO /
 * TR_E_NOMEM with err set and *out NULL. */
tr_status tu_profile_list(const tu_profile_desc *d, tu_profile_info **out, size_t *n,
                          tr_error *err);
void tu_profile_list_free(tu_profile_info *list);

/* Writes the slug for name into slug (>= TU_PROFILE_SLUG_MAX + 1 bytes), without checking
 * what exists. Never fails: a name with nothing usable gives "profil". */
void tu_profile_slug(const char *name, char *slug, size_t size);

/* 1 when two names are the same but for case (ASCII and the Latin-1 letters: Æ Ø Å É ...). */
int tu_profile_same_name(const char *a, const char *b);

/* The journal path of a slug: <data_dir>/profiles/<slug>.trinn. Returns 0, or -1 when it
 * does not fit in size bytes. */
int tu_profile_path(const tu_profile_desc *d, const char *slug, char *buf, size_t size);

/* Creates a profile: checks the name (1..64 bytes after trimming spaces, no control
 * characters, not the name of an existing profile, ignoring case), picks a free slug, creates
 * the journal (the key derivation runs here: call it from a worker), adds the name to the
 * index, and opens it into *out with an empty records array in *records.
 * Failures: TR_E_INVALID (the name; err says what to change), or as tr_journal_create; then
 * nothing is left on disk and *out is zeroed. */
tr_status tu_profile_create(const tu_profile_desc *d, const char *name, const void *pass,
                            size_t pass_len, tu_profile *out, cJSON **records, tr_error *err);

/* Unlocks the profile `slug`: opens the journal (key derivation, then every record verified)
 * and reads every record into *records (an array, oldest first; the caller owns it) in the
 * same pass (tu_profile_open_records); a journal that fails verification yields no records.
 * Failures as tr_journal_open (TR_E_AUTH, TR_E_LOCKED, TR_E_BUSY, TR_E_CORRUPT, ...) or
 * TR_E_INVALID for a slug that is not one (it could name another folder); *out is zeroed. */
tr_status tu_profile_unlock(const tu_profile_desc *d, const char *slug, const void *pass,
                            size_t pass_len, tu_profile *out, cJSON **records, tr_error *err);

/* Opens the journal jd describes (jd->visit is set here, the rest is the caller's) and, in the
 * same pass that verifies it (no second decryption), reads the records into *records (an
 * array, oldest first; the caller owns it): every record, except that of the many saves of
 * one module entry only the first and the newest are kept (tu_records_keep.h). Each record must
 * parse as one JSON object whose "type" and "ts" are strings, the type matching the journal's
 * framing, else TR_E_CORRUPT. On any failure nothing read is kept: *out and *records are NULL
 * (tr_journal_open's contract: records visited before a failed verification are not trusted). Used
 * by tu_profile_unlock and by bench_tu_journal. */
tr_status tu_profile_open_records(const tr_journal_desc *jd, const void *pass, size_t pass_len,
                                  tr_journal **out, cJSON **records, tr_error *err);

/* Changes the passphrase of the open profile p: first checks cur (the current passphrase)
 * against the journal file exactly as unlocking does (the try is counted, and after too many
 * wrong ones the wait applies), then re-wraps the journal's key under pass with d's costs
 * (tr_journal_passwd: crash-safe, either the old or the new passphrase works after a crash).
 * Runs two key derivations: call it from a worker. p stays open and usable whatever happens.
 * Failures: TR_E_AUTH (cur is wrong; counted), TR_E_LOCKED (wait first; tu_profile_wait says
 * how long), TR_E_INVALID (a passphrase of the wrong length), TR_E_IO (the disk: full, or not
 * writable; the old passphrase still works unless err says the change was made but not made
 * durable), TR_E_CRYPTO / TR_E_NOMEM, or as tr_journal_open for a damaged file. */
tr_status tu_profile_passwd(const tu_profile_desc *d, tu_profile *p, const void *cur,
                            size_t cur_len, const void *pass, size_t pass_len, tr_error *err);

/* Deletes the profile `slug` for good: opens its journal with pass (the proof that the one
 * deleting it owns it; the try is counted as an unlock is), closes it, erases it
 * (tr_journal_erase: key header and records overwritten, file removed) and removes its name
 * from the index. The profile must not be open in this process (TR_E_BUSY otherwise).
 * Failures: as tu_profile_unlock before anything is erased; TR_E_IO / TR_E_BUSY from the
 * erase (the journal may be partly overwritten: it can no longer be opened); TR_E_IO when the
 * journal is gone but names.json could not be rewritten (err says so). */
tr_status tu_profile_delete(const tu_profile_desc *d, const char *slug, const void *pass,
                            size_t pass_len, tr_error *err);

/* Seconds before the next passphrase try on `slug` is allowed (0 = now). Returns TR_OK or as
 * tr_journal_wait. */
tr_status tu_profile_wait(const tu_profile_desc *d, const char *slug, int64_t *seconds,
                          tr_error *err);

/* The same for the profile p that this process has open (tu_profile_wait would find the
 * journal locked by p itself). p must not be in use by another thread meanwhile. */
tr_status tu_profile_wait_open(const tu_profile_desc *d, const tu_profile *p, int64_t *seconds,
                               tr_error *err);

/* A tu_records sink: user is the open tu_profile. Appends record (as compact JSON) to the
 * journal; returns 0 once durable, or -1 with err saying why (nothing is shown as saved). */
int tu_profile_sink(void *user, const cJSON *record, tr_error *err);

/* Closes the journal (keys wiped, lock released) and zeroes p. A closed one is a no-op. */
void tu_profile_close(tu_profile *p);

/* ---- the worker ------------------------------------------------------------------------ */

typedef struct tu_profile_job tu_profile_job;

/* Starts create (name != NULL) or unlock (slug != NULL) on a new thread. The passphrase is
 * copied into locked memory owned by the job (the caller wipes its own copy). done_event, when
 * not 0, is an SDL event type the worker pushes when it has finished. Returns the job, or
 * NULL with err set when memory or the thread could not be had. */
tu_profile_job *tu_profile_job_start(const tu_profile_desc *d, const char *name, const char *slug,
                                     const void *pass, size_t pass_len, uint32_t done_event,
                                     tr_error *err);

/* Starts tu_profile_passwd on a new thread. The open profile *p is moved into the job (*p is
 * zeroed: nothing may append to it meanwhile; tu_profile_sink refuses) and handed back by
 * tu_profile_job_finish, still open, whatever the outcome. Both passphrases are copied into
 * locked memory owned by the job. Returns the job, or NULL with err set and *p untouched. */
tu_profile_job *tu_profile_job_passwd(const tu_profile_desc *d, tu_profile *p, const void *cur,
                                      size_t cur_len, const void *pass, size_t pass_len,
                                      uint32_t done_event, tr_error *err);

/* Starts tu_profile_delete of `slug` on a new thread (the passphrase copied as above). Returns
 * the job, or NULL with err set. */
tu_profile_job *tu_profile_job_delete(const tu_profile_desc *d, const char *slug, const void *pass,
                                      size_t pass_len, uint32_t done_event, tr_error *err);

/* 1 once the worker has finished (never blocks). */
int tu_profile_job_done(tu_profile_job *job);

/* Waits for the worker, hands over its result (as tu_profile_create / tu_profile_unlock; for a
 * passphrase change *out is the profile moved in, still open, and *records NULL; for a delete
 * *out is zeroed and *records NULL) and frees the job. */
tr_status tu_profile_job_finish(tu_profile_job *job, tu_profile *out, cJSON **records,
                                tr_error *err);

#endif
