/* tr_exch_priv: the signed text shared by both containers (tr_exch.h), internal to the core. */
#ifndef TR_EXCH_PRIV_H
#define TR_EXCH_PRIV_H

#include "tp_attr.h"
#include "tr_exch.h"

/* The kinds of container, by their first line. */
#define TR_EXCH_OPPDRAG "trinn-oppdrag 1"
#define TR_EXCH_RAPPORT "trinn-rapport 1"
#define TR_EXCH_ENROL   "trinn-enrol 1" /* tr_team_enrol.h */

/* Refuses with why and a message; returns the status. */
tr_status tr_exch_refuse(tr_exch_info *info, tr_error *err, tr_exch_why why, tr_status st,
                         const char *fmt, ...) TP_PRINTF(5, 6);

/* Checks that payload[0..len) is one JSON object (TR_E_INVALID otherwise). When sender is not
 * NULL, the object's "sender_key" must be that base64 key (TR_E_INVALID otherwise). */
tr_status tr_exch_payload_check(const uint8_t *payload, size_t len, const char *sender_key,
                                tr_error *err);

/* Writes "<kind>\n<base64 payload>\n" and a minisign signature of the payload by key with the
 * untrusted comment "trinn key <pub>" and the given trusted comment. *out caller frees. */
tr_status tr_exch_inner_write(const tr_ms_key *key, const char *kind, const uint8_t *payload,
                              size_t len, const char *trusted, char **out, size_t *out_len,
                              tr_error *err);

/* Reads the signed text data[0..len) of kind: checks the first line (another kind is refused
 * with wrong_kind), decodes the payload, parses the signature, verifies it with pinned (or, when
 * NULL, with the key its untrusted comment names; a pinned key that differs is other_key). On
 * TR_OK info->payload and info->signer are set and *sig points into data. */
tr_status tr_exch_inner_read(const uint8_t *data, size_t len, const char *kind,
                             const tr_ms_pub *pinned, tr_exch_why wrong_kind, tr_exch_why other_key,
                             tr_exch_info *info, tr_ms_sig *sig, tr_error *err);

#endif
