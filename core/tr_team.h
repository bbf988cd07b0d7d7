/* tr_team: the keys a profile holds for the exchange (core/EXCHANGE.md §5) and the team card.
 *
 * Every profile that exchanges files holds a signing key (minisign, Ed25519) and, for a team, a
 * sealing key (age, X25519), inside its encrypted journal as one "keys" record:
 *   {"type": "keys", "ts": ..., "role": "team" | "device",
 *    "sign_secret": base64(key id [8] || Ed25519 seed [32]),
 *    "box_secret": base64(X25519 secret [32])}          (the newest "keys" record wins)
 * A team card is the public half a team hands to its clients, as JSON:
 *   {"format": "trinn-team-card", "version": 1, "service": ..., "therapist": ..., "phone": ...,
 *    "hours": ..., "sign_key": "RW..." (minisign public key), "box_key": "age1...",
 *    "fingerprint": "DDDDD DDDDD DDDDD DDDDD DDDDD"}
 * The fingerprint covers both keys (tr_fpr_keys); a card whose stated fingerprint is not that of
 * its keys is refused as altered.
 *
 * Ownership: tr_team_keys holds secrets (tr_team_keys_wipe). Record text from
 * tr_team_keys_record is the caller's and holds secrets: release it with tr_team_secret_free. */
#ifndef TR_TEAM_H
#define TR_TEAM_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "tr_age.h"
#include "tr_error.h"
#include "tr_fpr.h"
#include "tr_minisign.h"

#define TR_TEAM_TEXT_MAX 200 /* bytes of a card's service, therapist, phone or hours */

typedef struct tr_team_keys {
    tr_ms_key sign;
    tr_age_identity box;
} tr_team_keys;

typedef struct tr_team_card {
    char service[TR_TEAM_TEXT_MAX + 1];
    char therapist[TR_TEAM_TEXT_MAX + 1];
    char phone[TR_TEAM_TEXT_MAX + 1];
    char hours[TR_TEAM_TEXT_MAX + 1];
    tr_ms_pub sign;
    uint8_t box[32];
    char fingerprint[TR_FPR_TEXT];
} tr_team_card;

/* Makes fresh keys. TR_OK or TR_E_CRYPTO. */
tr_status tr_team_keys_new(tr_team_keys *k, tr_error *err);

/* Wipes k (NULL is fine). */
void tr_team_keys_wipe(tr_team_keys *k);

/* The "keys" record of k for role ("team" or "device") at time ts (ISO 8601), as JSON text in
 * *out (NUL-terminated, *len bytes; release with tr_team_secret_free). TR_E_INVALID for another
 * role, TR_E_NOMEM. */
tr_status tr_team_keys_record(const tr_team_keys *k, const char *role, const char *ts, char **out,
                              size_t *len, tr_error *err);

/* The "member_keys" record of k: a therapist's own personal keys (core/EXCHANGE.md §8), the
 * same fields as a "keys" record without the role. As tr_team_keys_record. */
tr_status tr_team_member_keys_record(const tr_team_keys *k, const char *ts, char **out, size_t *len,
                                     tr_error *err);

/* Reads "sign_secret" and "box_secret" of obj (a keys, member_keys record, or an enrolment's
 * team secret) into k. TR_E_INVALID (a field is damaged) or TR_E_CRYPTO; k wiped on failure. */
tr_status tr_team_keys_from_secrets(const cJSON *obj, tr_team_keys *k, tr_error *err);

/* {"sign_secret", "box_secret"} of k as JSON (caller deletes; it holds secrets: programs that
 * build such trees call tr_json_wipe_on_free at start), or NULL when out of memory. */
cJSON *tr_team_keys_secrets_json(const tr_team_keys *k);

/* Wipes and frees text from tr_team_keys_record. NULL is fine. */
void tr_team_secret_free(char *text, size_t len);

/* Reads a "keys" record into k and its role into role[8]. TR_E_INVALID (err says which field)
 * or TR_E_CRYPTO; k is wiped on failure. */
tr_status tr_team_keys_from_record(const cJSON *rec, tr_team_keys *k, char role[8], tr_error *err);

/* Fills card from k's public keys and the texts given (each at most TR_TEAM_TEXT_MAX bytes, no
 * control characters; NULL = ""), with its fingerprint. TR_E_INVALID names a bad text. */
tr_status tr_team_card_make(tr_team_card *card, const tr_team_keys *k, const char *service,
                            const char *therapist, const char *phone, const char *hours,
                            tr_error *err);

/* The card as JSON (caller deletes), or NULL when out of memory. */
cJSON *tr_team_card_json(const tr_team_card *card);

/* Reads and checks a card: format and version, every field a string of the right form, the keys
 * valid, the fingerprint that of the keys. TR_E_INVALID / TR_E_VERSION with a message. */
tr_status tr_team_card_parse(const cJSON *json, tr_team_card *card, tr_error *err);

#endif
