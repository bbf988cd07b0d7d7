/* tr_care_log: a therapist's accountability log, read from the opener's own journal (issue 14:
 * personal access and logging, as Normen asks). Every opening of a report is a "report_opened"
 * record {report, client, seq, by} (tr_care_open makes it, the caller appends it before it shows
 * anything); the log lists them, oldest first, with the time each was written, and every change
 * of the team this therapist made or took ("team_roster": who enrolled or removed whom, key
 * rotations and restores).
 *
 * Ownership: the log's entries array is the caller's until tr_care_log_free. */
#ifndef TR_CARE_LOG_H
#define TR_CARE_LOG_H

#include <cjson/cJSON.h>

#include "tr_error.h"
#include "tr_journal.h"

typedef struct tr_care_log {
    /* [{"ts", "event": "report_opened", "report", "client", "seq", "by"}, or for a change of
     *   the team {"ts", "event": "team_created" | "member_enrolled" | "member_removed" |
     *   "team_joined" | "key_rotated" | "key_restored", "member" (a fingerprint or ""), "by"}] */
    cJSON *entries;
} tr_care_log;

/* A journal visitor (as tr_care_visit) that adds each "report_opened" and "team_roster" record
 * to the log in user (a zeroed tr_care_log). TR_E_CORRUPT naming the record when one is damaged,
 * TR_E_NOMEM. */
tr_status tr_care_log_visit(void *user, const tr_journal_record *rec, tr_error *err);

/* The log as plain text, one line per entry ("<ts>  opened report <id> of client <id> (number
 * <n>) by <name>", "<ts>  member_enrolled: member <fingerprint> by <name>"), or "" when empty.
 * malloc'ed (caller frees); NULL when out of memory. */
char *tr_care_log_text(const tr_care_log *log);

/* Frees the entries; the log is empty again. NULL is fine. */
void tr_care_log_free(tr_care_log *log);

#endif
