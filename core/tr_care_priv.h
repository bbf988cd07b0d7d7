/* tr_care_priv: what tr_care.c and tr_care_report.c share, internal to the core. */
#ifndef TR_CARE_PRIV_H
#define TR_CARE_PRIV_H

#include "tr_care.h"

/* The entry of client id in s (created when create is set and there is room); NULL when there
 * is none. */
tr_care_client *tr_care_client_slot(tr_care_state *s, const char *id, int create);

/* Applies a parsed "member_keys", "team_roster" or "team_rotations" record to s
 * (tr_care_team.c). TR_E_INVALID when damaged, TR_E_NOMEM. */
tr_status tr_care_team_apply(tr_care_state *s, const char *type, const cJSON *rec, tr_error *err);

#endif
