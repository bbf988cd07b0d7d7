/* tu_profile: the front end's side of the profile store (core/tr_profile.h): writing new
 * records to the open profile, and running the store's slow calls on a worker thread (an
 * unlock reads the records with tr_records_read.h into the array tu_records shows).
 *
 * Key derivation takes about half a second at the default cost, so the UI runs create, unlock,
 * passphrase change and delete as a job on a worker thread (tu_profile_job_*): the window keeps
 * drawing, and the worker pushes an SDL user event when it is done. The job's copies of the
 * passphrases live in locked memory (tr_secret.h) and are wiped as soon as the work is done.
 *
 * Ownership: an open tr_profile owns its journal until tr_profile_close; records arrays go to
 * the caller. */
#ifndef TU_PROFILE_H
#define TU_PROFILE_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_error.h"
#include "tr_journal.h"
#include "tr_profile.h"

#define TU_PROFILE_PASS_MAX 256 /* bytes of a passphrase typed in the UI */

/* Opens the journal jd describes (jd->visit is set here, the rest is the caller's) and, in the
 * same pass that verifies it (no second decryption), reads the records into *records (an
 * array, oldest first; the caller owns it): every record, except that of the many saves of
 * one module entry only the first and the newest are kept (tr_records_keep.h). Each record must
 * parse as one JSON object whose "type" and "ts" are strings, the type matching the journal's
 * framing, else TR_E_CORRUPT. On any failure nothing read is kept: *out and *records are NULL.
 * Used by bench_tu_journal (the profile's unlock reads the same way, tu_profile_job). */
tr_status tu_profile_open_records(const tr_journal_desc *jd, const void *pass, size_t pass_len,
                                  tr_journal **out, cJSON **records, tr_error *err);

/* A tu_records sink: user is the open tr_profile. Appends record (as compact JSON) to the
 * journal; returns 0 once durable, or -1 with err saying why (nothing is shown as saved). */
int tu_profile_sink(void *user, const cJSON *record, tr_error *err);

/* ---- the worker ------------------------------------------------------------------------ */

typedef struct tu_profile_job tu_profile_job;

/* Starts tr_profile_create of np (copied) on a new thread. The passphrase is copied into locked
 * memory owned by the job (the caller wipes its own copy). done_event, when not 0, is an SDL
 * event type the worker pushes when it has finished. Returns the job, or NULL with err set. */
tu_profile_job *tu_profile_job_create(const tr_profile_desc *d, const tr_profile_new *np,
                                      const void *pass, size_t pass_len, uint32_t done_event,
                                      tr_error *err);

/* Starts tr_profile_unlock of `id` (reading the records as tu_profile_open_records does). */
tu_profile_job *tu_profile_job_unlock(const tr_profile_desc *d, const char *id, const void *pass,
                                      size_t pass_len, uint32_t done_event, tr_error *err);

/* Starts tr_profile_passwd on a new thread. The open profile *p is moved into the job (*p is
 * zeroed: nothing may append to it meanwhile; tu_profile_sink refuses) and handed back by
 * tu_profile_job_finish, still open, whatever the outcome. Both passphrases are copied into
 * locked memory owned by the job. Returns the job, or NULL with err set and *p untouched. */
tu_profile_job *tu_profile_job_passwd(const tr_profile_desc *d, tr_profile *p, const void *cur,
                                      size_t cur_len, const void *pass, size_t pass_len,
                                      uint32_t done_event, tr_error *err);

/* Starts tr_profile_delete of `id` with its passphrase on a new thread. */
tu_profile_job *tu_profile_job_delete(const tr_profile_desc *d, const char *id, const void *pass,
                                      size_t pass_len, uint32_t done_event, tr_error *err);

/* 1 once the worker has finished (never blocks). */
int tu_profile_job_done(tu_profile_job *job);

/* Waits for the worker, hands over its result (the profile opened with its records; for a
 * passphrase change *out is the profile moved in, still open, and *records NULL; for a delete
 * *out is zeroed and *records NULL) and frees the job. */
tr_status tu_profile_job_finish(tu_profile_job *job, tr_profile *out, cJSON **records,
                                tr_error *err);

#endif
