/* tr_strength: how hard a passphrase is to guess, and the floor a new one must reach.
 *
 * The estimate is zxcvbn's (zxcvbn-c): log2 of the guesses a smart attacker needs, who tries
 * common passwords, dictionary words, names, dates and keyboard patterns first. The profile's
 * own name, "trinn" and the pack's common Norwegian words (tr_words.h) count as known words.
 *
 * Why the floor is 44 bits (issue 13 item 4; README "How strong a passphrase must be"):
 * - One guess costs one Argon2id derivation at the journal's default cost (3 passes over
 *   256 MiB). Each pass reads two 1 KiB blocks and writes one for each of 262,144 blocks, so a
 *   guess moves about 3 x 3 x 256 MiB = 2.4 GB through memory. A GPU with 1 TB/s (RTX 4090:
 *   1,008 GB/s) therefore makes at most ~420 guesses per second; we assume 1,000 per second
 *   per GPU, to leave room for faster cards and better code.
 * - The attacker we plan for has the journal file and rents 10 such GPUs for a year (about
 *   USD 90,000 at USD 1 per GPU-hour): 1,000 x 10 x 31.6 million s = 3.2e11 guesses, 2^38.2.
 * - At 44 bits (1.8e13 guesses) that attacker finds the passphrase with a chance of 1 in 55;
 *   100 GPUs for a year (USD 900,000), 1 in 5.5. At the old floor of 20 bits one GPU needed
 *   17 minutes.
 * - The generator (tr_passgen.h) gives 5 words from 2,048 or more: 55 bits, 11 above the floor,
 *   so its phrases always pass (tested); the floor stays at or below what it gives.
 * A profile whose passphrase is under the floor is asked to change it at the next unlock. */
#ifndef TR_STRENGTH_H
#define TR_STRENGTH_H

#include "tr_words.h"

/* A new passphrase below this many bits is refused. */
#define TR_STRENGTH_MIN_BITS 44.0
/* The hint's bands above the floor: below GOOD "fair", else "strong". */
#define TR_STRENGTH_GOOD_BITS 55.0
/* The longest passphrase the estimate looks at in full (bytes); longer ones are estimated on
 * this prefix, which only ever underestimates. */
#define TR_STRENGTH_MAX_BYTES 256

/* The strength of pass in bits of guessing entropy, with name (may be NULL or empty), "trinn"
 * and the common words (may be NULL) counted as known words, in that order (earlier words give
 * fewer bits). Capital Æ Ø Å are lowered first (zxcvbn lowers ASCII only), in a copy that is
 * wiped. Never fails: out of memory, the common words are left out. */
double tr_strength_bits(const char *pass, const char *name, const tr_words *words);

/* 1 when pass reaches TR_STRENGTH_MIN_BITS. */
int tr_strength_ok(const char *pass, const char *name, const tr_words *words);

#endif
