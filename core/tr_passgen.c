/* tr_passgen: see tr_passgen.h. */
#include "tr_passgen.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_path.h"
#include "tr_json.h"
#include "tr_strength.h"

const char *tr_passgen_file(const char *lang)
{
    return lang && strcmp(lang, "nn") == 0 ? "security/passphrase_words_nn.json"
                                           : "security/passphrase_words_nb.json";
}

/* Letters in w when it is only a-z æ ø å, else -1. */
static int letters(const char *w)
{
    int n = 0;
    for (const unsigned char *c = (const unsigned char *)w; *c; n++) {
        if (*c >= 'a' && *c <= 'z')
            c++;
        else if (c[0] == 0xC3 && (c[1] == 0xA6 || c[1] == 0xB8 || c[1] == 0xA5))
            c += 2; /* æ ø å */
        else
            return -1;
    }
    return n;
}

tr_status tr_passgen_load(const char *content_dir, const char *lang, tr_words **out,
                          tr_diags *diags, tr_error *err)
{
    char path[4096];
    char *text = NULL;
    size_t len = 0;
    const char *file = tr_passgen_file(lang);
    *out = NULL;
    if (tp_path_join(path, sizeof path, content_dir, file) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the content path is too long", content_dir);
    cJSON *root = tr_json_load_file_text(path, &text, &len, err);
    if (!root)
        return err ? err->status : TR_E_IO;
    cJSON_Delete(root);
    tr_words *w = NULL;
    tr_status st = tr_words_parse(text, len, file, &w, diags, err);
    free(text);
    if (st)
        return st;
    size_t bad = 0;
    for (size_t i = 0; i < w->count; i++) {
        int n = letters(w->words[i]);
        if (n < TR_PASSGEN_MIN_LEN || n > TR_PASSGEN_MAX_LEN) {
            bad++;
            char jpath[48];
            snprintf(jpath, sizeof jpath, "$.words[%zu]", i);
            if (!diags)
                continue;
            if (n < 0)
                tr_diags_add(diags, file, jpath, 0, 0,
                             "'%s' has a character other than a-z, æ, ø, å", w->words[i]);
            else
                tr_diags_add(diags, file, jpath, 0, 0, "'%s' is not %d to %d letters long",
                             w->words[i], TR_PASSGEN_MIN_LEN, TR_PASSGEN_MAX_LEN);
        }
    }
    if (w->count < TR_PASSGEN_MIN_WORDS) {
        bad++;
        if (diags)
            tr_diags_add(diags, file, "$.words", 0, 0,
                         "%zu words; a passphrase list needs at least %d (five words from 2,048 "
                         "give 55 bits)",
                         w->count, TR_PASSGEN_MIN_WORDS);
    }
    if (bad) {
        tr_words_free(w);
        return tr_error_set(err, TR_E_INVALID, "%s: %zu problem%s in the passphrase word list",
                            file, bad, bad == 1 ? "" : "s");
    }
    *out = w;
    return TR_OK;
}

tr_status tr_passgen_make(const tr_words *list, int words, char *out, size_t size, tr_error *err)
{
    if (size > 0)
        out[0] = 0;
    if (!list || list->count < TR_PASSGEN_MIN_WORDS || list->count > UINT32_MAX)
        return tr_error_set(err, TR_E_INVALID, "the passphrase word list has too few words");
    if (words < 1 || words > TR_PASSGEN_WORDS)
        return tr_error_set(err, TR_E_INVALID, "a made passphrase has 1 to %d words",
                            TR_PASSGEN_WORDS);
    if (sodium_init() < 0)
        return tr_error_set(err, TR_E_CRYPTO, "libsodium could not start");
    size_t k = 0;
    uint32_t picked[TR_PASSGEN_WORDS];
    for (int i = 0; i < words; i++) {
        int again;
        do { /* drawn again until new: uniform over phrases of different words */
            picked[i] = randombytes_uniform((uint32_t)list->count);
            again = 0;
            for (int j = 0; j < i; j++)
                again |= picked[j] == picked[i];
        } while (again);
        const char *w = list->words[picked[i]];
        size_t n = strlen(w);
        if (k + (i > 0) + n + 1 > size) {
            sodium_memzero(out, size);
            return tr_error_set(err, TR_E_INVALID, "no room for the made passphrase");
        }
        if (i > 0)
            out[k++] = ' ';
        memcpy(out + k, w, n);
        k += n;
    }
    out[k] = 0;
    return TR_OK;
}

double tr_passgen_bits(const tr_words *list, int words)
{
    double bits = 0;
    for (int i = 0; list && (size_t)i < list->count && i < words; i++)
        bits += log2((double)(list->count - (size_t)i)); /* no word twice */
    return bits;
}

tr_status tr_passgen_make_strong(const tr_words *list, const char *name, const tr_words *common,
                                 char *out, size_t size, tr_error *err)
{
    for (int i = 0; i < TR_PASSGEN_TRIES; i++) {
        tr_status st = tr_passgen_make(list, TR_PASSGEN_WORDS, out, size, err);
        if (st != TR_OK)
            return st;
        if (tr_strength_ok(out, name, common))
            return TR_OK;
    }
    sodium_memzero(out, size);
    return tr_error_set(err, TR_E_INVALID,
                        "the passphrase word list made no phrase above the strength floor in %d "
                        "draws",
                        TR_PASSGEN_TRIES);
}
