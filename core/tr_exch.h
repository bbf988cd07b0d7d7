/* tr_exch: the two files that carry care between a client and a team (core/EXCHANGE.md §4).
 *
 *   .trinn-oppdrag  an assignment, team -> client: UTF-8 text, line 1 "trinn-oppdrag 1", line 2
 *                   the base64 of the JSON payload, then the four lines of a minisign signature
 *                   of the payload bytes by the team key (tr_minisign.h).
 *   .trinn-rapport  a report, client (or kiosk) -> team: an age file (tr_age.h) sealed to the
 *                   team's X25519 key whose plaintext has the same shape, "trinn-rapport 1",
 *                   signed by the sender's device key.
 *
 * The signature's untrusted comment is "trinn key <the signer's minisign public key>", so a
 * first file can be checked before its key is pinned (trust on first use: the caller shows the
 * fingerprint and asks). The trusted comment binds what the file is for:
 *   trinn-oppdrag 1 client:<id> seq:<n> expires:<YYYY-MM-DD>
 *   trinn-rapport 1 report:<id> to:<recipient X25519 key id> seq:<n>[ client:<id>]
 * A report's payload must name its sender: "sender_key" equal to the signing key.
 *
 * Readers verify the exact bytes received before parsing anything, and refuse with a distinct
 * reason (tr_exch_why) and a message a person can act on. Every byte changed and every cut is
 * refused: the lines are exact ('\n' after each, nothing after the last), base64 is canonical.
 *
 * Ownership: tr_exch_info owns its payload; release with tr_exch_info_free (wipes it). Written
 * files are malloc'ed and belong to the caller. */
#ifndef TR_EXCH_H
#define TR_EXCH_H

#include <stddef.h>
#include <stdint.h>

#include "tr_age.h"
#include "tr_error.h"
#include "tr_minisign.h"

/* Largest payload (JSON) in bytes, and largest container file. */
#define TR_EXCH_MAX_PAYLOAD ((size_t)4 << 20)
#define TR_EXCH_MAX_FILE    ((size_t)6 << 20)
/* Longest client or report id: 1-64 of A-Z a-z 0-9 . _ - */
#define TR_EXCH_ID_MAX 64

/* 1 when id (a client or report id) is 1-TR_EXCH_ID_MAX of A-Z a-z 0-9 . _ - ; NULL is 0. */
int tr_exch_id_ok(const char *id);

/* Why a file was refused (stable names from tr_exch_why_name, for JSON and tests). */
typedef enum tr_exch_why {
    TR_EXCH_OK = 0,
    TR_EXCH_MALFORMED,      /* not well-formed: lines, base64, signature layout, payload JSON */
    TR_EXCH_VERSION,        /* a later version of the container */
    TR_EXCH_NOT_ASSIGNMENT, /* read as an assignment, but it is something else */
    TR_EXCH_NOT_REPORT,     /* read as a report, but it is something else */
    TR_EXCH_ALTERED,        /* a signature or a MAC does not match */
    TR_EXCH_TRUNCATED,      /* cut short, or bytes after the end */
    TR_EXCH_OTHER_TEAM,     /* assignment signed by another team key than the pinned one */
    TR_EXCH_OTHER_SENDER,   /* report signed by another device than the pinned one */
    TR_EXCH_WRONG_CLIENT,   /* assignment for another client */
    TR_EXCH_EXPIRED,        /* assignment past its expiry date */
    TR_EXCH_REPLAYED,       /* sequence number not above the last one accepted */
    TR_EXCH_NOT_FOR_US,     /* report sealed to another key */
    TR_EXCH_FORWARDED,      /* report signed for another recipient, re-sealed to us */
    TR_EXCH_UNSIGNED,       /* opens with our key but holds no signed Trinn report */
    TR_EXCH_INTERNAL,       /* out of memory, libsodium failed */
} tr_exch_why;

/* A short stable name ("altered", "other_team", ...); never NULL. */
const char *tr_exch_why_name(tr_exch_why why);

/* What an assignment binds. */
typedef struct tr_exch_oppdrag_meta {
    const char *client;  /* the client's pseudonymous id */
    uint64_t seq;        /* >= 1, rising per client */
    const char *expires; /* "YYYY-MM-DD": valid through that day (UTC) */
} tr_exch_oppdrag_meta;

/* What a report binds. */
typedef struct tr_exch_rapport_meta {
    const char *report_id;
    uint64_t seq;       /* >= 1, rising per sender */
    const char *client; /* optional (NULL): the id the team gave this client */
} tr_exch_rapport_meta;

/* What a reader checks beyond the signature; zero-initialise and set what applies. */
typedef struct tr_exch_expect {
    const tr_ms_pub *signer; /* the pinned key; NULL = first use (the caller shows the
                              * fingerprint of info->signer and asks before pinning it) */
    const char *client;      /* assignment: the client id this profile holds, NULL = any */
    int has_last_seq;        /* refuse seq <= last_seq (a replayed or older file) */
    uint64_t last_seq;
    int64_t now; /* assignment: Unix seconds to check the expiry against; 0 = not checked */
} tr_exch_expect;

/* What a reader found. Fields that do not apply are empty. */
typedef struct tr_exch_info {
    tr_exch_why why;
    tr_ms_pub signer; /* the key that signed (set once the signature verified) */
    char client[TR_EXCH_ID_MAX + 1];
    char report_id[TR_EXCH_ID_MAX + 1];
    char expires[11];
    char to[17]; /* report: the recipient key id the sender signed for */
    uint64_t seq;
    char *payload; /* the verified JSON bytes, NUL-terminated */
    size_t payload_len;
} tr_exch_info;

/* Wipes and frees info->payload and clears info. */
void tr_exch_info_free(tr_exch_info *info);

/* Writes an assignment of payload[0..len) (a JSON object) signed by team. On TR_OK *out (free)
 * and *out_len hold the file. TR_E_INVALID when the payload is not a JSON object or a meta
 * field is malformed (the message says which), TR_E_TOOBIG, TR_E_NOMEM, TR_E_CRYPTO. */
tr_status tr_exch_oppdrag_write(const tr_ms_key *team, const uint8_t *payload, size_t len,
                                const tr_exch_oppdrag_meta *meta, char **out, size_t *out_len,
                                tr_error *err);

/* Reads an assignment from data[0..len). On TR_OK info is filled (caller frees). Otherwise
 * info->why says why and err says it in words; info holds no payload. */
tr_status tr_exch_oppdrag_read(const uint8_t *data, size_t len, const tr_exch_expect *expect,
                               tr_exch_info *info, tr_error *err);

/* Splits a verified-good assignment file data[0..len) into its payload (decoded, *payload,
 * caller frees with free) and the exact bytes of its minisign signature (*sig points into data,
 * *sig_len): what `trinnctl assignment unpack` writes. Call only after tr_exch_oppdrag_read
 * succeeded on the same bytes. Returns TR_OK, or TR_E_PARSE / TR_E_NOMEM. */
tr_status tr_exch_oppdrag_split(const uint8_t *data, size_t len, uint8_t **payload,
                                size_t *payload_len, const char **sig, size_t *sig_len,
                                tr_error *err);

/* Writes a report: payload[0..len) (a JSON object whose "sender_key" is the device's minisign
 * public key in base64) signed by device, then sealed to the team's X25519 key recipient. On
 * TR_OK *out (free) and *out_len hold the age file. Fails as tr_exch_oppdrag_write. */
tr_status tr_exch_rapport_write(const tr_ms_key *device, const uint8_t recipient[32],
                                const uint8_t *payload, size_t len,
                                const tr_exch_rapport_meta *meta, uint8_t **out, size_t *out_len,
                                tr_error *err);

/* Opens a report data[0..len) with the team's identity, then verifies the sender's signature
 * (against expect->signer when pinned), that it was signed for this identity, and the sequence
 * number. On TR_OK info is filled; otherwise info->why and err say why. */
tr_status tr_exch_rapport_read(const tr_age_identity *team, const uint8_t *data, size_t len,
                               const tr_exch_expect *expect, tr_exch_info *info, tr_error *err);

#endif
