/* tr_care_team: the decisions about a team's members over a therapist's care state
 * (core/EXCHANGE.md §8): the records a new profile starts with, enrolling a colleague, joining a
 * team, removing a member and rotating the team key. Like tr_care.h, no I/O: the caller appends
 * the records handed back (in the order given) and writes the files.
 *
 * Records: "member_keys" (secret, tr_team.h), "keys" with role "team" (secret), "team_card",
 * "team_roster" {roster, change, member, by} (tr_team_member.h) and "team_rotations"
 * {rotations} (tr_team_rotate.h); the newest of each wins.
 *
 * Ownership: every record text handed back is malloc'ed; free each with tr_team_secret_free
 * (some hold secrets), or the whole list with tr_care_records_free. */
#ifndef TR_CARE_TEAM_H
#define TR_CARE_TEAM_H

#include "tr_care.h"
#include "tr_team_enrol.h"
#include "tr_team_member.h"

#define TR_CARE_RECORDS_MAX 8

/* Records to append, in order. */
typedef struct tr_care_records {
    char *text[TR_CARE_RECORDS_MAX];
    size_t len[TR_CARE_RECORDS_MAX];
    size_t n;
} tr_care_records;

/* Wipes and frees every record and empties the list. NULL is fine. */
void tr_care_records_free(tr_care_records *r);

/* Feeds a record's JSON text to the state as a journal visit would, so a caller that appended it
 * need not read the journal again. As tr_care_visit. */
tr_status tr_care_apply_text(tr_care_state *s, const char *json, tr_error *err);

/* The records a new profile starts with. A client (therapist 0): its device keys. A therapist:
 * its own member keys and, unless it joins a team (join set: it waits for an enrolment), the
 * team's keys (it is the team's first therapist), the team card with the texts given (name is
 * the card's therapist) and a roster of itself. TR_E_INVALID for a bad text, TR_E_CRYPTO. */
tr_status tr_care_init_records(int therapist, int join, const char *name, const char *service,
                               const char *phone, const char *hours, const char *now,
                               tr_care_records *out, tr_error *err);

/* For a therapist profile made before personal keys (a team key but no member keys or roster):
 * the records that add its member keys and a roster of itself (name: the profile's name). Empty
 * when nothing is missing. TR_E_INVALID when s is no therapist profile. */
tr_status tr_care_team_upgrade(const tr_care_state *s, const char *name, const char *now,
                               tr_care_records *out, tr_error *err);

/* The therapist's own member card (tr_team_member.h) from s's member keys and name. */
tr_status tr_care_member_card(const tr_care_state *s, const char *name, tr_team_member *m,
                              tr_error *err);

/* The result of enrolling a colleague. */
typedef struct tr_care_enrol_result {
    tr_team_member member; /* from the card */
    int already;           /* a member already: the same roster, a new file */
    uint64_t serial;       /* of the roster in the file */
    uint8_t *file;         /* the .trinn-enrol */
    size_t file_len;
    tr_care_records records; /* the new roster, to append before the file is written */
} tr_care_enrol_result;

/* Enrols the member whose card (a member card, JSON) is given into s's team: trust is the
 * member's fingerprint as the enroller compared it with the new colleague (required: NULL or
 * another one is refused, saying which fingerprint to compare). me is the enroller's name.
 * Free the result with tr_care_enrol_free. */
tr_status tr_care_enrol(const tr_care_state *s, const char *me, const cJSON *card,
                        const char *trust, const char *now, tr_care_enrol_result *res,
                        tr_error *err);
void tr_care_enrol_free(tr_care_enrol_result *res);

/* 1 when s is a therapist profile whose team key is its own and unused: it is alone on its
 * roster, the key never rotated, and it has no client (no assignment made, no report opened).
 * Such a profile (a therapist who made a profile without choosing to join) may join another
 * team (tr_care_join) or restore another team's key (tr_care_restore) instead: the unused key
 * is replaced. */
int tr_care_team_unused(const tr_care_state *s);

/* The result of joining. */
typedef struct tr_care_join_result {
    tr_exch_why why;
    int needs_trust;               /* the first team: confirm its fingerprint (nothing taken) */
    char fingerprint[TR_FPR_TEXT]; /* the team's */
    char service[TR_TEAM_TEXT_MAX + 1];
    tr_team_member by; /* who enrolled this therapist */
    uint64_t serial;
    int rotations; /* how many rotations of the team key were followed (0 = same key) */
    tr_care_records records;
} tr_care_join_result;

/* Reads an enrolment for s (a therapist with member keys). Without a team yet (or with an
 * unused one, tr_care_team_unused, when the enrolment is another team's), the team's
 * fingerprint must be what the therapist compared (trust; NULL sets needs_trust and takes
 * nothing). With a team: the same team key and a newer roster, or a new team key that the one
 * held handed over to (its rotations). Refusals with res->why and words: not_for_us, other_team
 * (another team, or a fingerprint that does not match), replayed (not newer than the roster
 * held), and those of tr_team_enrol_read. Free with tr_care_join_free. */
tr_status tr_care_join(const tr_care_state *s, const uint8_t *data, size_t len, const char *trust,
                       const char *now, tr_care_join_result *res, tr_error *err);
void tr_care_join_free(tr_care_join_result *res);

/* Removes the member `who` (a fingerprint, or a name that fits one member) from s's roster: the
 * record of the new roster (change "remove", signed by nobody: the journal is the enroller's
 * own) into out, the member removed into *gone. Removing oneself, or the last member, is refused:
 * a colleague removes a therapist who leaves. The removed member still knows the team key:
 * rotate it (tr_care_rotate) so they cannot open new reports. */
tr_status tr_care_remove(const tr_care_state *s, const char *me, const char *who, const char *now,
                         tr_team_member *gone, tr_care_records *out, tr_error *err);

/* A client's check of a team card (JSON, with the team's "rotations" when it has any): TR_OK
 * when it is the pinned team's card, or when the pinned key handed over to its key through
 * rotations each signed by the key before (then out holds the new "team_pin" record, same client
 * id: append it, and the new key is pinned). Without a pinned team any valid card is taken.
 * Otherwise TR_E_INVALID with *why other_team and words (a new key that the pinned one did not
 * hand over to has its own message). *to is the card read. */
tr_status tr_care_follow(const tr_care_state *s, const cJSON *card_json, const char *now,
                         tr_team_card *to, tr_care_records *out, tr_exch_why *why, tr_error *err);

/* The result of a rotation. */
typedef struct tr_care_rotate_result {
    tr_team_keys keys;       /* the new team keys (secret) */
    tr_team_card card;       /* their card: the old card's texts */
    tr_care_records records; /* keys, team_card, team_rotations, team_roster: append in order */
    size_t n_files;          /* one enrolment per other member of the roster */
    tr_team_member to[TR_TEAM_MAX_MEMBERS];
    uint8_t *files[TR_TEAM_MAX_MEMBERS];
    size_t file_lens[TR_TEAM_MAX_MEMBERS];
} tr_care_rotate_result;

/* Rotates s's team key: new keys, a card with the same texts, a statement signed by the old key
 * added to the rotations, the roster renumbered (change "rotate"), and an enrolment with the new
 * key for every other member of the roster, signed by this therapist. Clients and members
 * follow the chain (tr_care_import, tr_care_follow, tr_care_join). Free with
 * tr_care_rotate_free (wipes the keys). */
tr_status tr_care_rotate(const tr_care_state *s, const char *me, const char *now,
                         tr_care_rotate_result *res, tr_error *err);
void tr_care_rotate_free(tr_care_rotate_result *res);

/* The team key's recovery backup (tr_care_backup.c): an age file sealed to a recovery
 * passphrase with age's own scrypt stanza, so `age -d` opens it too, of the JSON
 *   {"format": "trinn-team-backup", "version": 1, "team": {the team card},
 *    "team_secret": {"sign_secret", "box_secret"}, "roster": {...}, "rotations": [...]}
 * recovery->log_n is the scrypt work factor (18 as age uses; lower only in tests). */
tr_status tr_care_backup(const tr_care_state *s, const tr_age_pass *recovery, uint8_t **out,
                         size_t *out_len, tr_error *err);

/* Restores a backup into s, a therapist profile with its own keys and no team key yet (or the
 * same team's): the team's keys, card and rotations, and the roster with this therapist added
 * (name; change "restore"). *fingerprint gets the team's. TR_E_INVALID with words: a wrong
 * passphrase, not a backup, another team's profile; TR_E_TOOBIG for a work factor over
 * recovery->log_n. */
tr_status tr_care_restore(const tr_care_state *s, const uint8_t *data, size_t len,
                          const tr_age_pass *recovery, const char *name, const char *now,
                          tr_care_records *out, char fingerprint[TR_FPR_TEXT], tr_error *err);

#endif
