/* tr_team_enrol: the enrolment file that brings the team key to a therapist (core/EXCHANGE.md
 * §8), `.trinn-enrol`: an age file (tr_age.h) sealed to the new member's own X25519 key, whose
 * plaintext is the signed text of the other containers (tr_exch.h) of kind "trinn-enrol 1",
 * signed by the enrolling member's own key, with the trusted comment
 *   trinn-enrol 1 member:<the new member's signing key id> team:<the team's signing key id>
 *   serial:<the roster's serial>
 * and the payload
 *   {"format": "trinn-enrolment", "version": 1, "team": {the team card},
 *    "team_secret": {"sign_secret", "box_secret"} (as in a "keys" record),
 *    "roster": {tr_team_member.h}, "rotations": [the team key's rotations, tr_team_rotate.h]}
 * Reading checks everything before anything is used: sealed to this member's key, signed by a
 * member of the roster inside, for this member and this team, the team secret that of the card.
 *
 * Ownership: tr_team_enrolment holds the team's secret keys: tr_team_enrolment_free wipes it. */
#ifndef TR_TEAM_ENROL_H
#define TR_TEAM_ENROL_H

#include "tr_exch.h"
#include "tr_team_member.h"

/* What an enrolment carries. */
typedef struct tr_team_enrol_in {
    const tr_team_keys *team;     /* the team's keys (secret) */
    const tr_team_card *card;     /* the team's card (of those keys) */
    const tr_team_keys *by;       /* the enrolling member's own keys: they sign */
    const tr_team_roster *roster; /* the roster, listing both by and member */
    const tr_team_member *member; /* whom it is for: sealed to member->box */
    const cJSON *rotations;       /* the team key's rotations (an array), or NULL */
} tr_team_enrol_in;

/* Writes an enrolment. On TR_OK *out (free) and *out_len hold the age file. TR_E_INVALID when
 * the roster lacks the signer or the member, TR_E_NOMEM, TR_E_CRYPTO. Secrets are wiped. */
tr_status tr_team_enrol_write(const tr_team_enrol_in *in, uint8_t **out, size_t *out_len,
                              tr_error *err);

/* What a verified enrolment holds. */
typedef struct tr_team_enrolment {
    tr_team_keys team;
    tr_team_card card;
    tr_team_roster roster;
    tr_team_member by; /* who enrolled this member (from the roster) */
    cJSON *rotations;  /* the array as sent (may be empty), caller's until _free */
} tr_team_enrolment;

/* Opens an enrolment with the reading member's own keys me. On TR_OK *e is filled (free with
 * tr_team_enrolment_free); otherwise *why and err say why: not_for_us (sealed to another key),
 * malformed / truncated / altered / version (the file), other_sender (signed by someone not in
 * its roster), wrong_client (for another therapist). */
tr_status tr_team_enrol_read(const tr_team_keys *me, const uint8_t *data, size_t len,
                             tr_team_enrolment *e, tr_exch_why *why, tr_error *err);

void tr_team_enrolment_free(tr_team_enrolment *e);

#endif
