/* Fuzzes tr_words_parse (the common-words list of the passphrase hint) with any bytes: it
 * either refuses with a message, or gives a NULL-terminated list of lower-case words of
 * 1-TR_WORDS_MAX_BYTES bytes, no more than TR_WORDS_MAX, none repeated. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tr_words.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_words *w = NULL;
    tr_diags diags = {0};
    tr_error err = {0};
    tr_status st = tr_words_parse((const char *)data, size, "fuzz", &w, &diags, &err);
    if (st != TR_OK) {
        assert(!w && err.msg[0]);
    } else {
        assert(w && w->count >= 1 && w->count <= TR_WORDS_MAX && !w->words[w->count]);
        assert(diags.count == 0);
        for (size_t i = 0; i < w->count; i++) {
            size_t n = strlen(w->words[i]);
            assert(n >= 1 && n <= TR_WORDS_MAX_BYTES);
            for (size_t k = 0; k < n; k++)
                assert(!(w->words[i][k] >= 'A' && w->words[i][k] <= 'Z') && w->words[i][k] != ' ');
            if (i > 0)
                assert(strcmp(w->words[i], w->words[i - 1]) != 0);
        }
    }
    for (size_t i = 0; i < diags.count; i++) {
        char line[1200];
        tr_diag_format(&diags.items[i], line, sizeof line);
    }
    tr_words_free(w);
    tr_diags_free(&diags);
    return 0;
}
