/* tr_bech32: the Bech32 encoding (BIP 173, the original checksum constant 1, not Bech32m) as age
 * uses it for its keys: "age1..." recipients and "AGE-SECRET-KEY-1..." identities. Like age,
 * without BIP 173's 90-character limit (our strings stay under TR_BECH32_MAX).
 *
 * Strict: one case throughout (all lower or all upper), a human-readable part of 1-83
 * printable ASCII characters, the last '1' as separator, at least the 6 checksum characters
 * after it, a valid checksum, and padding bits that are zero. */
#ifndef TR_BECH32_H
#define TR_BECH32_H

#include <stddef.h>
#include <stdint.h>

#include "tr_error.h"

/* Longest string encoded or decoded, with its NUL. */
#define TR_BECH32_MAX 256

/* Encodes data[0..len) under hrp (lower case) into out[0..size), in upper case when upper is
 * set. Returns TR_OK, TR_E_INVALID (hrp not lower-case printable ASCII) or TR_E_TOOBIG. */
tr_status tr_bech32_encode(const char *hrp, const uint8_t *data, size_t len, int upper, char *out,
                           size_t size, tr_error *err);

/* Decodes s (NUL-terminated). On TR_OK, hrp[0..hrp_size) holds the human-readable part in lower
 * case and data[0..*len) the bytes (at most max). TR_E_PARSE names what is wrong (mixed case,
 * a character outside the alphabet, the checksum, the padding); TR_E_TOOBIG when longer. */
tr_status tr_bech32_decode(const char *s, char *hrp, size_t hrp_size, uint8_t *data, size_t max,
                           size_t *len, tr_error *err);

#endif
