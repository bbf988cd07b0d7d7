/* tr_b64: strict base64 decoding for the exchange formats (standard alphabet, RFC 4648 §4).
 *
 * libsodium 1.0.18's sodium_base642bin takes some bytes with the high bit set as base64
 * characters, so a changed byte could decode to the same data; this layer checks the alphabet
 * first, then lets libsodium decode and insist on canonical form (unused bits zero). */
#ifndef TR_B64_H
#define TR_B64_H

#include <stddef.h>
#include <stdint.h>

/* Decodes s[0..n) into out[0..max). padded: 1 = with '=' padding (minisign), 0 = without (age).
 * Returns 0 with *got, or -1 when s holds anything but the alphabet (and, padded, '=' at the
 * end), is not canonical, or decodes to more than max bytes. */
int tr_b64_decode(const char *s, size_t n, uint8_t *out, size_t max, size_t *got, int padded);

#endif
