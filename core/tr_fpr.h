/* tr_fpr: fingerprints of public keys, to read aloud or compare at a session (core/EXCHANGE.md
 * §3), and the short ids of X25519 keys.
 *
 * A fingerprint is BLAKE2b over a context string and the keys; 25 of its 40 bytes are read as
 * five 40-bit big-endian numbers, each shown modulo 100000 as five decimal digits: 83 bits in
 * five groups of five digits, "04521 88310 27719 50002 61148". Digits because they are said the
 * same way in every language the app speaks (Norwegian and English letter names differ: the
 * English "E" is said like the Norwegian "I"), and groups of five because they fit in a breath. */
#ifndef TR_FPR_H
#define TR_FPR_H

#include <stddef.h>
#include <stdint.h>

/* "DDDDD DDDDD DDDDD DDDDD DDDDD" and the NUL. */
#define TR_FPR_TEXT 30
/* 16 upper-case hex digits and the NUL. */
#define TR_FPR_KEYID_HEX 17

/* The fingerprint of n 32-byte public keys, one after the other in keys[0..32n) (a team card: its
 * Ed25519 key, then its X25519 key; a client device: its Ed25519 key alone), in order, into
 * out[TR_FPR_TEXT]. */
void tr_fpr_keys(const uint8_t *keys, size_t n, char out[TR_FPR_TEXT]);

/* 1 when typed is the fingerprint fpr as a person may type it: the same 25 digits, any spaces,
 * dashes or dots between them ignored; else 0. */
int tr_fpr_match(const char *typed, const char fpr[TR_FPR_TEXT]);

/* The id of an X25519 public key (a report's recipient): the first 8 bytes of a BLAKE2b hash of
 * it, as 16 upper-case hex digits, into hex[TR_FPR_KEYID_HEX]. */
void tr_fpr_x25519_id(const uint8_t pk[32], char hex[TR_FPR_KEYID_HEX]);

#endif
