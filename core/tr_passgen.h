/* tr_passgen: «Lag en passordfrase for meg»: passphrases of random everyday words.
 *
 * The lists are content/security/passphrase_words_nb.json and _nn.json, in the format of
 * tr_words.h ({"format": 1, "about", "words"}), with stricter rules checked here and by
 * `trinnctl check`: at least TR_PASSGEN_MIN_WORDS words, each TR_PASSGEN_MIN_LEN to
 * TR_PASSGEN_MAX_LEN letters of a-z, æ, ø, å (so it is easy to type and read aloud). Five
 * different words drawn uniformly (randombytes_uniform) from 2,048 give log2(2048 x 2047 x ... x
 * 2044) = 55.0 bits, above the strength floor (tr_strength.h). No word comes twice: a strength
 * estimate counts a repeated word as nothing (zxcvbn nearly so, and the Windows build's
 * stand-in for it, platform/win32/nozxcvbn, not at all), so a phrase with a repeat could be
 * rated under the floor it is made to pass.
 *
 * Ownership: the list belongs to the caller (tr_words_free). */
#ifndef TR_PASSGEN_H
#define TR_PASSGEN_H

#include <stddef.h>

#include "tr_error.h"
#include "tr_words.h"

#define TR_PASSGEN_MIN_WORDS 2048
#define TR_PASSGEN_MIN_LEN   3  /* letters */
#define TR_PASSGEN_MAX_LEN   12 /* letters */
#define TR_PASSGEN_WORDS     5  /* words in a made passphrase */
/* The longest made passphrase in bytes, with its NUL: 5 words of 12 two-byte letters, spaces. */
#define TR_PASSGEN_MAX_BYTES (TR_PASSGEN_WORDS * (TR_PASSGEN_MAX_LEN * 2 + 1))

/* The list file of a language ("nb" or "nn"; any other gives the bokmål list). */
const char *tr_passgen_file(const char *lang);

/* Reads and checks <content_dir>/tr_passgen_file(lang). Every problem goes to diags (when not
 * NULL) with its place. Returns TR_OK with *out, or TR_E_NOTFOUND (no file), TR_E_PARSE,
 * TR_E_INVALID (problems in diags; err counts them), TR_E_IO, TR_E_NOMEM with *out NULL. */
tr_status tr_passgen_load(const char *content_dir, const char *lang, tr_words **out,
                          tr_diags *diags, tr_error *err);

/* Writes `words` (1..TR_PASSGEN_WORDS) words drawn uniformly at random from list, separated by
 * single spaces, into out (size bytes; at least TR_PASSGEN_MAX_BYTES is always enough). Put
 * out in locked memory (tr_secret.h): it is a passphrase. Returns TR_OK, or TR_E_INVALID (a
 * list under TR_PASSGEN_MIN_WORDS, a bad count, or out too small; out is then ""). */
tr_status tr_passgen_make(const tr_words *list, int words, char *out, size_t size, tr_error *err);

/* Draws at most this many phrases in tr_passgen_make_strong. */
#define TR_PASSGEN_TRIES 64

/* «Lag en passordfrase for meg»: tr_passgen_make with TR_PASSGEN_WORDS words, drawn again (at
 * most TR_PASSGEN_TRIES times) while the phrase is under the strength floor for this name and
 * these common words (tr_strength_ok: the check a new profile's passphrase must pass, so a made
 * phrase is never refused). The list's entropy is above the floor, but the estimate is not the
 * entropy: the Windows build's stand-in for zxcvbn counts a piece repeated from an earlier word
 * as nothing, and rated 8 of 400,000 draws of the shipped lists under the floor («strå klær lær
 * låse ramme»: 41.0 bits; zxcvbn itself none). Leaving those out costs a negligible part of the
 * 55 bits. Returns TR_OK, tr_passgen_make's errors, or
 * TR_E_INVALID when no draw passes (a list that cannot make strong phrases); out is then "". */
tr_status tr_passgen_make_strong(const tr_words *list, const char *name, const tr_words *common,
                                 char *out, size_t size, tr_error *err);

/* The entropy of a made passphrase: words * log2(list size). */
double tr_passgen_bits(const tr_words *list, int words);

#endif
