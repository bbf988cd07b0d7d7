/* Benchmark: the passphrase strength hint (tr_strength_bits, zxcvbn-c) with the pack's
 * common-words list, as it is recomputed on every keystroke. Prints the microseconds per call
 * for passphrases of several lengths, with no list, with the first half and with the whole
 * list, and the bits a few Norwegian passphrases get with and without it. Budget (README):
 * well under a frame, < 2 ms for a 30-character passphrase with the whole list.
 * Usage: bench_tu_strength [CONTENT_DIR] (default $TRINN_CONTENT). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_strength.h"

static double per_call_us(const char *pass, const tr_words *words)
{
    volatile double sink = 0;
    int n = 0;
    int64_t t0 = tp_clock_mono_ms(), t1;
    do { /* at least 200 ms of calls */
        for (int i = 0; i < 20; i++, n++)
            sink += tr_strength_bits(pass, "Kari", words);
        t1 = tp_clock_mono_ms();
    } while (t1 - t0 < 200);
    (void)sink;
    return (double)(t1 - t0) * 1000.0 / n;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : getenv("TRINN_CONTENT");
    tr_words *all = NULL;
    tr_error err = {0};
    if (!dir || tr_words_load(dir, &all, NULL, &err) != TR_OK) {
        fprintf(stderr, "bench_tu_strength: %s\n", dir ? err.msg : "give the content folder");
        return 1;
    }
    tr_words half = *all;
    half.count = all->count / 2;
    const char **cut = malloc((half.count + 1) * sizeof *cut);
    if (!cut)
        return 1;
    memcpy(cut, all->words, half.count * sizeof *cut);
    cut[half.count] = NULL;
    half.words = cut;

    static const char *lengths[] = {"sommer24", "kari elsker is 1990",
                                    "grønn sykkel under gamle brua", /* 30 bytes */
                                    "hvit båt, svart hund og sju lyse stjerner i natt"};
    printf("common words: %zu\n", all->count);
    printf("%-50s %6s %10s %10s %10s\n", "passphrase", "bytes", "none us", "half us", "all us");
    for (size_t i = 0; i < sizeof lengths / sizeof *lengths; i++)
        printf("%-50s %6zu %10.1f %10.1f %10.1f\n", lengths[i], strlen(lengths[i]),
               per_call_us(lengths[i], NULL), per_call_us(lengths[i], &half),
               per_call_us(lengths[i], all));

    static const char *norwegian[] = {"sommer2024", "passord123",  "kjærlighet", "rosenborg",
                                      "ingrid1990", "hemmelig",    "vinter2025", "brann1908",
                                      "oslo2024",   "jegelskerdeg"};
    printf("\n%-20s %10s %10s\n", "passphrase", "bits none", "bits list");
    for (size_t i = 0; i < sizeof norwegian / sizeof *norwegian; i++)
        printf("%-20s %10.1f %10.1f\n", norwegian[i], tr_strength_bits(norwegian[i], "", NULL),
               tr_strength_bits(norwegian[i], "", all));
    free(cut);
    tr_words_free(all);
    return 0;
}
