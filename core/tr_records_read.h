/* tr_records_read: reading an unlocked journal's records into the array the screens show.
 *
 * A reader is handed every record in the pass that verifies the journal (tr_profile_unlock's
 * visit, or tr_journal_desc.visit) and keeps each as a parsed, packed cJSON object in `arr`,
 * oldest first: every record, except that of the many saves of one module entry only the first
 * and the newest are kept (tr_records_keep.h). Each record must parse as one JSON object whose
 * "type" and "ts" are strings, the type matching the journal's framing, else TR_E_CORRUPT.
 *
 * Ownership: tr_records_reader_end hands the array to the caller (cJSON_Delete) on success and
 * frees everything read on failure (tr_journal_open's contract: records visited before a failed
 * verification are not trusted). */
#ifndef TR_RECORDS_READ_H
#define TR_RECORDS_READ_H

#include <cjson/cJSON.h>

#include "tr_error.h"
#include "tr_journal.h"
#include "tr_records_keep.h"

typedef struct tr_records_reader {
    cJSON *arr;
    tr_keep keep;
} tr_records_reader;

/* Starts an empty reader. Returns TR_OK or TR_E_NOMEM (err set). */
tr_status tr_records_reader_begin(tr_records_reader *rd, tr_error *err);

/* The visitor: user is the reader. Returns TR_OK, TR_E_CORRUPT or TR_E_NOMEM (err set). */
tr_status tr_records_reader_visit(void *user, const tr_journal_record *rec, tr_error *err);

/* Reads one record from its JSON text (len bytes, need not be NUL-terminated) as the visitor
 * does, for records that do not come from a journal (a generated history, an import): it must
 * be one JSON object with string "type" and "ts". Returns TR_OK, TR_E_PARSE (err says what is
 * wrong with it; nothing is kept) or TR_E_NOMEM. */
tr_status tr_records_reader_add_text(tr_records_reader *rd, const char *json, size_t len,
                                     tr_error *err);

/* Ends the reader: with ok, the array (packed; the caller owns it); without, NULL and
 * everything read is freed. The reader is zeroed either way. */
cJSON *tr_records_reader_end(tr_records_reader *rd, int ok);

#endif
