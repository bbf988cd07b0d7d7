/* tr_strength: see tr_strength.h. */
#include "tr_strength.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zxcvbn.h>

#include "tr_secret.h"

/* Lowers the Latin-1 capitals (U+00C0-U+00DE but the multiplication sign: Æ Ø Å É ...) of
 * UTF-8 text in place; zxcvbn lowers ASCII only, so "BLÅBÆR" would not meet "blåbær". */
static void lower_latin1(char *s)
{
    for (unsigned char *c = (unsigned char *)s; c[0] && c[1]; c++)
        if (c[0] == 0xC3 && c[1] >= 0x80 && c[1] <= 0x9E && c[1] != 0x97)
            c[1] = (unsigned char)(c[1] + 0x20);
}

double tr_strength_bits(const char *pass, const char *name, const tr_words *words)
{
    char low[160], fold[TR_STRENGTH_MAX_BYTES + 1];
    snprintf(low, sizeof low, "%s", name && name[0] ? name : "trinn");
    lower_latin1(low);
    /* a lowered copy of the passphrase (wiped below); zxcvbn still counts its ASCII capitals */
    size_t n = strlen(pass);
    if (n > TR_STRENGTH_MAX_BYTES)
        n = TR_STRENGTH_MAX_BYTES;
    memcpy(fold, pass, n);
    fold[n] = 0;
    lower_latin1(fold);
    const char *few[] = {low, "trinn", NULL};
    const char **dict = words ? malloc((words->count + 3) * sizeof *dict) : NULL;
    double bits;
    if (dict) {
        memcpy(dict, few, 2 * sizeof *dict);
        memcpy(dict + 2, words->words, (words->count + 1) * sizeof *dict); /* with its NULL */
        bits = ZxcvbnMatch(fold, dict, NULL);
        free(dict);
    } else { /* no list, or no memory for it: the name and zxcvbn's own words still count */
        bits = ZxcvbnMatch(fold, few, NULL);
    }
    tr_secret_wipe(fold, sizeof fold);
    return bits;
}

int tr_strength_ok(const char *pass, const char *name, const tr_words *words)
{
    return tr_strength_bits(pass, name, words) >= TR_STRENGTH_MIN_BITS;
}
