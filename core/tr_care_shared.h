/* tr_care_shared: the records clients shared with a team, kept in the team's own journal so the
 * team can export them (FHIR, tr_fhir) and count its outcomes (tr_stats) later.
 *
 * Opening a report (tr_care_open) verifies it; the records it carries are then appended to the
 * team's journal as "client_records" records {ts, client, report, part, records: [...]}: the
 * shared journal records as the client's journal held them, in parts that stay under the
 * journal's record limit (core/RECORDS.md). Reading them back groups them by client, oldest
 * first, each record once even when two reports carried it.
 *
 * No I/O of its own, as tr_care: the caller appends and visits. */
#ifndef TR_CARE_SHARED_H
#define TR_CARE_SHARED_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "tr_error.h"
#include "tr_journal.h"

/* The most JSON text one "client_records" record holds (the journal allows 256 KiB). */
#define TR_CARE_SHARED_PART ((size_t)192 << 10)

/* The "client_records" records to append for the report payload (its "records" array) of
 * client, report id report, opened at now (ISO 8601). On TR_OK *out holds *n malloc'ed JSON
 * texts (0 when the report carries no records; free with tr_care_shared_parts_free).
 * TR_E_INVALID when one shared record alone is larger than a part, TR_E_NOMEM. */
tr_status tr_care_shared_parts(const char *client, const char *report, const char *now,
                               const cJSON *payload, char ***out, size_t *n, tr_error *err);
void tr_care_shared_parts_free(char **parts, size_t n);

/* The "client_identifier" record that gives client the national identity number nin (a
 * fødselsnummer or D-number, checked with tr_nin) for the team's FHIR exports, or removes it
 * (nin "none"), at now. *out is malloc'ed JSON text (cJSON_free). TR_E_INVALID (a bad client id
 * or number: err says what is wrong), TR_E_NOMEM. */
tr_status tr_care_shared_identifier(const char *client, const char *nin, const char *now,
                                    char **out, tr_error *err);

/* What a team's journal holds of its clients' shared records. */
typedef struct tr_care_shared {
    cJSON *by_client;   /* {client id: [records, oldest first]}; NULL until the first */
    cJSON *identifiers; /* {client id: {"system", "value"}}: the newest "client_identifier" */
    size_t n_records;   /* records gathered (before duplicates are dropped) */
} tr_care_shared;

/* The identifier the team gave client ({"system", "value"}), or NULL. */
const cJSON *tr_care_shared_identifier_of(const tr_care_shared *s, const char *client);

/* A journal visitor (tr_profile_visit_fn) that gathers "client_records" and
 * "client_identifier" into user (a
 * zero-initialised tr_care_shared); other types are ignored. A damaged one stops the walk with
 * TR_E_CORRUPT naming its sequence number; TR_E_NOMEM. */
tr_status tr_care_shared_visit(void *user, const tr_journal_record *rec, tr_error *err);

/* After the walk: sorts each client's records by "ts" (then by their text) and drops exact
 * duplicates. TR_OK or TR_E_NOMEM. */
tr_status tr_care_shared_finish(tr_care_shared *s, tr_error *err);

/* Frees what s holds (records text is wiped by cJSON's hook where tr_json_wipe_on_free is on);
 * leaves s zeroed. */
void tr_care_shared_free(tr_care_shared *s);

#endif
