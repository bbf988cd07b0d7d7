/* tr_team_member: the therapists of a team (core/EXCHANGE.md §8). Therapist profiles are
 * personal: each holds its own keys (a "member_keys" record, tr_team.h), and its public half is
 * a member card, handed to a colleague who enrols it:
 *   {"format": "trinn-member-card", "version": 1, "name": "Ola Nordmann",
 *    "sign_key": "RW..." (minisign public key), "box_key": "age1...",
 *    "fingerprint": "DDDDD DDDDD DDDDD DDDDD DDDDD"}       (tr_fpr_keys over both keys)
 * The roster is the team's list of members, numbered by a serial that rises with every change:
 *   {"serial": 3, "members": [{"name", "sign_key", "box_key", "fingerprint"}, ...]}
 * Every member's journal keeps its newest roster as a "team_roster" record {roster, change,
 * member, by}; it travels inside enrolment files, signed by the enrolling member.
 *
 * Ownership: plain structs, nothing to free except tr_team_roster from tr_team_roster_new. */
#ifndef TR_TEAM_MEMBER_H
#define TR_TEAM_MEMBER_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "tr_team.h"

#define TR_TEAM_MAX_MEMBERS 64

typedef struct tr_team_member {
    char name[TR_TEAM_TEXT_MAX + 1];
    tr_ms_pub sign;
    uint8_t box[32];
    char fingerprint[TR_FPR_TEXT];
} tr_team_member;

typedef struct tr_team_roster {
    uint64_t serial; /* >= 1 */
    size_t n;
    tr_team_member members[TR_TEAM_MAX_MEMBERS];
} tr_team_roster;

/* Fills m from a therapist's own keys and name (at most TR_TEAM_TEXT_MAX bytes on one line).
 * TR_E_INVALID for a bad name. */
tr_status tr_team_member_make(tr_team_member *m, const tr_team_keys *k, const char *name,
                              tr_error *err);

/* The member as JSON (caller deletes): a member card with "format" and "version" when card is
 * set, else the roster's entry. NULL when out of memory. */
cJSON *tr_team_member_json(const tr_team_member *m, int card);

/* Reads a member card (card set: format and version checked) or a roster entry: every field a
 * string of the right form, the keys valid, the fingerprint that of the keys. TR_E_INVALID /
 * TR_E_VERSION with a message a person can act on. */
tr_status tr_team_member_parse(const cJSON *json, int card, tr_team_member *m, tr_error *err);

/* Index of the member whose fingerprint (typed, tr_fpr_match) or exact name is who; -1 when
 * none, -2 when the name fits several (give the fingerprint). */
int tr_team_roster_find(const tr_team_roster *r, const char *who);

/* Index of the member with signing key pub, or -1. */
int tr_team_roster_find_key(const tr_team_roster *r, const tr_ms_pub *pub);

/* Adds m (TR_E_INVALID when the roster is full or m is in it already). Does not change the
 * serial: the caller numbers the change. */
tr_status tr_team_roster_add(tr_team_roster *r, const tr_team_member *m, tr_error *err);

/* Removes member i (0 <= i < r->n), keeping the others in order. */
void tr_team_roster_remove(tr_team_roster *r, size_t i);

/* The roster as JSON (caller deletes), NULL when out of memory. */
cJSON *tr_team_roster_json(const tr_team_roster *r);

/* Reads a roster: a serial (1 .. 2^53-1), 1..TR_TEAM_MAX_MEMBERS members each as
 * tr_team_member_parse, no fingerprint twice. TR_E_INVALID with a message. */
tr_status tr_team_roster_parse(const cJSON *json, tr_team_roster *r, tr_error *err);

/* The "team_roster" record (JSON text, caller frees) of r at ts, saying what changed: change is
 * "create", "enrol", "remove", "join" or "rotate"; member the fingerprint of whom it concerns
 * (may be ""), by the name of who made it. NULL when out of memory. */
char *tr_team_roster_record(const tr_team_roster *r, const char *ts, const char *change,
                            const char *member, const char *by);

#endif
