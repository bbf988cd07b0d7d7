/* tr_caseload_team: the team's keys for the app's therapist screens (core/EXCHANGE.md §8), over
 * the same decisions trinnctl takes (tr_care_team.h, tr_care_log.h): each function takes the
 * file's bytes (no JSON crosses into the app), calls the one tr_care_* function, and keeps the
 * records it hands back in the open therapist profile p, in order, applying them to the care
 * state s as it goes (so s is the state after the change). Writing files is the caller's.
 *
 * Ownership: results as tr_care_team.h (free them with its functions); the log's entries and
 * are the caller's (tr_caseload_log_free). Secrets are wiped by the tr_care_* frees. */
#ifndef TR_CASELOAD_TEAM_H
#define TR_CASELOAD_TEAM_H

#include <stddef.h>
#include <stdint.h>

#include "tr_care_team.h"
#include "tr_profile.h"

/* Appends recs to p and applies each to s, in order. TR_OK, or the first error of
 * tr_profile_append / tr_care_apply_text (the records before it are kept). */
tr_status tr_caseload_team_keep(tr_profile *p, tr_care_state *s, const tr_care_records *recs,
                                tr_error *err);

/* A therapist profile made before personal keys gets them, and a roster of itself
 * (tr_care_team_upgrade, name p->name); nothing when nothing is missing. */
tr_status tr_caseload_team_upgrade(tr_profile *p, tr_care_state *s, const char *now, tr_error *err);

/* This therapist's member card (tr_care_member_card, name p->name): *m, and *text the card as
 * JSON text to hand to a colleague (malloc'ed, caller frees). TR_E_INVALID (no member keys),
 * TR_E_NOMEM. */
tr_status tr_caseload_member_card(const tr_profile *p, const tr_care_state *s, tr_team_member *m,
                                  char **text, tr_error *err);

/* Reads a colleague's member card from a file's bytes (tr_team_member_parse, card set):
 * TR_E_INVALID with words for anything that is not a valid member card. */
tr_status tr_caseload_member_read(const uint8_t *data, size_t len, tr_team_member *m,
                                  tr_error *err);

/* Enrols the colleague whose member card data[0..len) holds (tr_care_enrol: trust is the
 * fingerprint compared with them) and keeps the new roster in p before the caller writes
 * res->file. Free res with tr_care_enrol_free. */
tr_status tr_caseload_enrol(tr_profile *p, tr_care_state *s, const uint8_t *data, size_t len,
                            const char *trust, const char *now, tr_care_enrol_result *res,
                            tr_error *err);

/* Reads an enrolment (tr_care_join); with trust NULL for a therapist without a team, only
 * res->needs_trust and what to compare are filled and nothing is kept. Otherwise joins and keeps
 * the records. Refusals with res->why and words. Free res with tr_care_join_free. */
tr_status tr_caseload_join(tr_profile *p, tr_care_state *s, const uint8_t *data, size_t len,
                           const char *trust, const char *now, tr_care_join_result *res,
                           tr_error *err);

/* Removes the member who (a fingerprint or a name, tr_care_remove) and keeps the new roster;
 * *gone is whom. The caller then rotates (tr_caseload_rotate): a removed member still knows
 * the key until then. */
tr_status tr_caseload_remove(tr_profile *p, tr_care_state *s, const char *who, const char *now,
                             tr_team_member *gone, tr_error *err);

/* Rotates the team key (tr_care_rotate) and keeps the new key, card, rotations and roster;
 * res->files are the other members' enrolments for the caller to write. Free with
 * tr_care_rotate_free. */
tr_status tr_caseload_rotate(tr_profile *p, tr_care_state *s, const char *now,
                             tr_care_rotate_result *res, tr_error *err);

/* Restores the team key from a recovery backup (tr_care_restore, name p->name) and keeps it;
 * fingerprint gets the team's. */
tr_status tr_caseload_restore(tr_profile *p, tr_care_state *s, const uint8_t *data, size_t len,
                              const tr_age_pass *recovery, const char *now,
                              char fingerprint[TR_FPR_TEXT], tr_error *err);

/* One line of the log (tr_care_log.h): an opening of a report, or a change of the team. */
typedef struct tr_caseload_log_entry {
    char ts[32];
    char event[24]; /* "report_opened", "team_created", "member_enrolled", "member_removed",
                     * "team_joined", "key_rotated", "key_restored" */
    char report[TR_EXCH_ID_MAX + 1]; /* report_opened: the report, its client and number */
    char client[TR_EXCH_ID_MAX + 1];
    uint64_t seq;
    char member[TR_FPR_TEXT]; /* a change: whom it concerns (may be "") */
    char by[TR_TEAM_TEXT_MAX + 1];
} tr_caseload_log_entry;

typedef struct tr_caseload_log {
    tr_caseload_log_entry *entries; /* oldest first */
    size_t n;
} tr_caseload_log;

/* The log of the open profile p (tr_care_log_visit over its journal). TR_E_CORRUPT naming a
 * damaged record, TR_E_NOMEM; log is empty on failure. Free with tr_caseload_log_free. */
tr_status tr_caseload_log_read(tr_profile *p, tr_caseload_log *log, tr_error *err);
void tr_caseload_log_free(tr_caseload_log *log);

#endif
