/* tr_care_priv: what tr_care.c and tr_care_report.c share, internal to the core. */
#ifndef TR_CARE_PRIV_H
#define TR_CARE_PRIV_H

#include "tr_care.h"

/* The entry of client id in s (created when create is set and there is room); NULL when there
 * is none. */
tr_care_client *tr_care_client_slot(tr_care_state *s, const char *id, int create);

#endif
