/* tr_team_rotate: a team key's rotation, signed by the key before it (core/EXCHANGE.md §8).
 *
 * A rotation statement is JSON:
 *   {"from": "<the old team signing key, minisign public key>", "to": {the new team card},
 *    "signature": "<a minisign signature (four lines) by the old key>"}
 * of the message (UTF-8, no newline)
 *   trinn-rotation 1 from:<old sign key> to:<new sign key> box:<new age1 recipient>
 * with the trusted comment "trinn-rotation 1 to:<the new key's id>". A team keeps its
 * statements, oldest first, as "rotations"; a client or a member who holds an old key follows
 * them to the new one, each statement signed by the key before it.
 *
 * Ownership: returned trees are the caller's (cJSON_Delete). */
#ifndef TR_TEAM_ROTATE_H
#define TR_TEAM_ROTATE_H

#include <cjson/cJSON.h>

#include "tr_team.h"

/* Longest chain followed. */
#define TR_TEAM_ROTATIONS_MAX 32

/* The statement that old (the team's keys until now) hands over to new_card. NULL + err when out
 * of memory or libsodium failed. */
cJSON *tr_team_rotation_make(const tr_team_keys *old, const tr_team_card *new_card, tr_error *err);

/* Whether target is the team whose signing key is pinned, or follows from it: TR_OK when
 * target's signing key is pinned (then *steps is 0), or when statements of rotations (an array,
 * NULL = none), each signed by the key before, lead from pinned to target's keys (*steps is how
 * many). TR_E_INVALID otherwise, with a message a person can act on: no statement signed by the
 * pinned key, a statement altered, or a chain that ends at other keys. */
tr_status tr_team_rotation_follow(const cJSON *rotations, const tr_ms_pub *pinned,
                                  const tr_team_card *target, int *steps, tr_error *err);

#endif
