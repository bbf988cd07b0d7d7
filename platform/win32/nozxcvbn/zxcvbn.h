/* NOT zxcvbn. The Windows build has no zxcvbn-c (Debian 12's archive lacks its source, and
 * Trinn takes no code from elsewhere), so this stands in for the one call Trinn makes,
 * ZxcvbnMatch, with a deliberately conservative estimate (nozxcvbn.c). It knows no password
 * lists, names or keyboard patterns, so it gives unknown text little credit: a passphrase made
 * of words the caller knows gets log2(number of known words) bits per word, any other letters 2
 * bits each, but a wholly new word of 3 or more letters at least 11 (a word of a 2,048-word
 * list, as Trinn's own generator draws them, and still less than the 4.7 bits a letter of
 * trying every string of a-z: so its made phrases pass the floor), digits 1, other characters
 * 2, and a repeated piece nothing (a character whose three-byte stretch appeared before, or a
 * whole run seen before). It never says a
 * passphrase is stronger than an attacker with the same word list would find it; it often
 * says a strong random one is weaker than it is. README "Windows" says what this means. */
#ifndef TRINN_NOZXCVBN_H
#define TRINN_NOZXCVBN_H

typedef struct ZxcMatch ZxcMatch_t; /* never filled in: info must be NULL */

/* Bits of guessing entropy of pwd (UTF-8). user_dict: NULL-terminated known words (lower case),
 * may be NULL. info must be NULL. */
double ZxcvbnMatch(const char *pwd, const char *user_dict[], ZxcMatch_t **info);

#endif
