/* nozxcvbn: the conservative stand-in for zxcvbn-c's ZxcvbnMatch on Windows; see zxcvbn.h. */
#include "zxcvbn.h"

#include <math.h>
#include <string.h>

enum { K_LETTER, K_DIGIT, K_OTHER };

#define UNKNOWN_WORD_BITS 11.0 /* log2(2048) */

static int kind_of(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80)
        return K_LETTER; /* bytes of UTF-8 letters (æ ø å) count with the letters */
    return c >= '0' && c <= '9' ? K_DIGIT : K_OTHER;
}

/* strncmp with ASCII capitals lowered in s (dictionary words are lower case, as for zxcvbn) */
static int same_word(const char *word, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if ((unsigned char)word[i] != c)
            return 0;
    }
    return word[n] == '\0';
}

static int known(const char *s, size_t n, const char *dict[], size_t *count)
{
    int hit = 0;
    *count = 0;
    for (size_t i = 0; dict && dict[i]; i++) {
        (*count)++;
        if (strlen(dict[i]) == n && same_word(dict[i], s, n))
            hit = 1;
    }
    return hit;
}

/* 1 when the run s[0..n) appeared before at an earlier position of pwd. */
static int repeated(const char *pwd, const char *s, size_t n)
{
    for (const char *p = pwd; p + n <= s; p++)
        if (strncmp(p, s, n) == 0)
            return 1;
    return 0;
}

/* How many of the n characters at pwd[at..] are new: a character counts unless the three
 * bytes ending at it occurred earlier in pwd ("aaaaaa" or "abcabc" gain little past the
 * first three). */
static size_t fresh(const char *pwd, size_t at, size_t n)
{
    size_t count = 0;
    for (size_t i = at; i < at + n; i++) {
        int seen = 0;
        for (size_t j = 0; i >= 2 && j < i - 2 && !seen; j++)
            seen = memcmp(pwd + j, pwd + i - 2, 3) == 0;
        count += !seen;
    }
    return count;
}

double ZxcvbnMatch(const char *pwd, const char *user_dict[], ZxcMatch_t **info)
{
    double bits = 0;
    const char *p = pwd;
    (void)info;
    while (*p) {
        int k = kind_of((unsigned char)*p);
        size_t n = 1, words = 0;
        while (p[n] && kind_of((unsigned char)p[n]) == k)
            n++;
        if (repeated(pwd, p, n))
            ; /* a repeated piece adds nothing */
        else if (k == K_LETTER && known(p, n, user_dict, &words))
            bits += log2((double)(words > 1 ? words : 2));
        else {
            size_t f = fresh(pwd, (size_t)(p - pwd), n);
            double b = (double)f * (k == K_DIGIT ? 1.0 : 2.0);
            /* a wholly new word of 3 or more letters: at least a word of a 2,048-word list,
             * still under the 4.7 bits a letter of trying every string of a-z */
            if (k == K_LETTER && n >= 3 && f == n && b < UNKNOWN_WORD_BITS)
                b = UNKNOWN_WORD_BITS;
            bits += b;
        }
        p += n;
    }
    return bits;
}
