/* tr_words: the common-words list of the strength hint. See tr_words.h. */
#include "tr_words.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_path.h"
#include "tr_json.h"

#define STR_(x) #x
#define STR(x)  STR_(x)

/* Where the n-th (0-based) occurrence of the JSON string "word" is in text[0..len): line and
 * column, or 0:0 (a word written with escapes is not found). */
static void locate(const char *text, size_t len, const char *word, int nth, int *line, int *col)
{
    size_t wlen = strlen(word);
    const char *p = text, *end = text + len;
    *line = *col = 0;
    while ((p = memchr(p, '"', (size_t)(end - p))) != NULL) {
        if ((size_t)(end - p) >= wlen + 2 && memcmp(p + 1, word, wlen) == 0 && p[1 + wlen] == '"' &&
            nth-- == 0) {
            tr_json_linecol(text, (size_t)(p - text), line, col);
            return;
        }
        p++;
    }
}

/* Why a word cannot be a list word, or NULL when it can. */
static const char *word_problem(const char *w)
{
    size_t n = strlen(w);
    if (n == 0)
        return "is empty";
    if (n > TR_WORDS_MAX_BYTES)
        return "is longer than " STR(TR_WORDS_MAX_BYTES) " bytes";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z')
            return "is not lower case (write the word in lower case: zxcvbn lowers what is typed)";
        /* U+00C0-U+00DE (Æ Ø Å É ...) but U+00D7 (×) are upper-case letters */
        if (c == 0xC3 && i + 1 < n && (unsigned char)w[i + 1] >= 0x80 &&
            (unsigned char)w[i + 1] <= 0x9E && (unsigned char)w[i + 1] != 0x97)
            return "is not lower case (write æ ø å and accented letters in lower case)";
        if (c <= ' ' || c == 0x7F)
            return "holds a space or a control character (one word per entry)";
    }
    return NULL;
}

typedef struct entry {
    const char *word;
    size_t at; /* place in the list */
} entry;

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->word, y->word);
    /* equal words keep their list order, so the later one is the repeat */
    return c ? c : (x->at < y->at ? -1 : x->at > y->at);
}

/* Adds one problem; returns 0, or -1 when memory ran out. */
static int problem(tr_diags *diags, size_t *n, const char *name, const char *path, int line,
                   int col, const char *msg, const char *word)
{
    (*n)++;
    if (!diags)
        return 0;
    tr_status st = word ? tr_diags_add(diags, name, path, line, col, "'%.60s' %s", word, msg)
                        : tr_diags_add(diags, name, path, line, col, "%s", msg);
    return st == TR_OK ? 0 : -1;
}

tr_status tr_words_parse(const char *buf, size_t len, const char *name, tr_words **out,
                         tr_diags *diags, tr_error *err)
{
    tr_words *w = NULL;
    entry *sorted = NULL;
    const cJSON *words = NULL; /* set before any path that reads it (a goto skips the rest) */
    size_t bad = 0, bytes = 0, count = 0;
    char jpath[64];
    tr_status st = TR_E_NOMEM;
    int line, col;
    assert(buf && name && out);
    *out = NULL;

    cJSON *root = tr_json_parse(buf, len, name, err);
    if (!root)
        return err ? err->status : TR_E_PARSE;
    if (!cJSON_IsObject(root)) {
        if (problem(diags, &bad, name, "$", 1, 1,
                    "expected an object {\"format\": 1, \"about\": \"...\", \"words\": [...]}",
                    NULL))
            goto fail;
        goto check;
    }
    for (const cJSON *k = root->child; k; k = k->next)
        if (strcmp(k->string, "format") && strcmp(k->string, "about") &&
            strcmp(k->string, "words")) {
            locate(buf, len, k->string, 0, &line, &col);
            snprintf(jpath, sizeof jpath, "$.%.40s", k->string);
            if (problem(diags, &bad, name, jpath, line, col,
                        "unknown key (the keys are format, about and words)", NULL))
                goto fail;
        }
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    const cJSON *about = cJSON_GetObjectItemCaseSensitive(root, "about");
    words = cJSON_GetObjectItemCaseSensitive(root, "words");
    if (!cJSON_IsNumber(fmt) || fmt->valuedouble != 1) {
        locate(buf, len, "format", 0, &line, &col);
        if (problem(diags, &bad, name, "$.format", line, col,
                    fmt ? "this version reads format 1 only" : "\"format\": 1 is missing", NULL))
            goto fail;
    }
    if (!cJSON_IsString(about) || !about->valuestring[0]) {
        locate(buf, len, "about", 0, &line, &col);
        if (problem(diags, &bad, name, "$.about", line, col,
                    "expected a non-empty text saying where the words come from", NULL))
            goto fail;
    }
    if (!cJSON_IsArray(words) || !words->child) {
        locate(buf, len, "words", 0, &line, &col);
        if (problem(diags, &bad, name, "$.words", line, col,
                    "expected a non-empty array of words, the most common first", NULL))
            goto fail;
        goto check;
    }
    count = (size_t)cJSON_GetArraySize(words);
    if (count > TR_WORDS_MAX) {
        locate(buf, len, "words", 0, &line, &col);
        if (problem(diags, &bad, name, "$.words", line, col,
                    "holds more than " STR(TR_WORDS_MAX) " words (each one costs time on "
                                                         "every keystroke: keep the most common)",
                    NULL))
            goto fail;
        goto check;
    }
    size_t i = 0;
    for (const cJSON *e = words->child; e; e = e->next, i++) {
        snprintf(jpath, sizeof jpath, "$.words[%zu]", i);
        if (!cJSON_IsString(e)) {
            if (problem(diags, &bad, name, jpath, 0, 0, "expected a word (a string)", NULL))
                goto fail;
            continue;
        }
        const char *why = word_problem(e->valuestring);
        if (why) {
            locate(buf, len, e->valuestring, 0, &line, &col);
            if (problem(diags, &bad, name, jpath, line, col, why, e->valuestring))
                goto fail;
        }
        bytes += strlen(e->valuestring) + 1;
    }
    if (bad)
        goto check;
    /* duplicates: sort pointers to the words, equal neighbours are repeats */
    sorted = malloc(count * sizeof *sorted);
    if (!sorted)
        goto fail;
    i = 0;
    for (const cJSON *e = words->child; e; e = e->next, i++)
        sorted[i] = (entry){e->valuestring, i};
    qsort(sorted, count, sizeof *sorted, cmp_entry);
    size_t first = 0; /* where the run of equal words that i is in starts */
    for (i = 1; i < count; i++) {
        if (strcmp(sorted[first].word, sorted[i].word) != 0) {
            first = i;
            continue;
        }
        locate(buf, len, sorted[i].word, (int)(i - first), &line, &col);
        snprintf(jpath, sizeof jpath, "$.words[%zu]", sorted[i].at);
        if (problem(diags, &bad, name, jpath, line, col,
                    "is in the list more than once (keep the first, most common place)",
                    sorted[i].word))
            goto fail;
    }
check:
    if (bad) {
        st = tr_error_set(err, TR_E_INVALID, "%s: %zu problem%s in the word list", name, bad,
                          bad == 1 ? "" : "s");
        goto fail;
    }
    w = calloc(1, sizeof *w);
    if (!w || !(w->words = calloc(count + 1, sizeof *w->words)) || !(w->store = malloc(bytes)))
        goto fail;
    char *at = w->store;
    for (const cJSON *e = words->child; e; e = e->next) {
        size_t n = strlen(e->valuestring) + 1;
        memcpy(at, e->valuestring, n);
        w->words[w->count++] = at;
        at += n;
    }
    w->words[w->count] = NULL;
    free(sorted);
    cJSON_Delete(root);
    *out = w;
    return TR_OK;
fail:
    if (st == TR_E_NOMEM)
        tr_error_set(err, TR_E_NOMEM, "%s: out of memory while reading the word list", name);
    tr_words_free(w);
    free(sorted);
    cJSON_Delete(root);
    return st;
}

tr_status tr_words_load(const char *content_dir, tr_words **out, tr_diags *diags, tr_error *err)
{
    char path[4096];
    char *text = NULL;
    size_t len = 0;
    *out = NULL;
    if (tp_path_join(path, sizeof path, content_dir, TR_WORDS_FILE) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the content path is too long", content_dir);
    cJSON *root = tr_json_load_file_text(path, &text, &len, err);
    if (!root)
        return err ? err->status : TR_E_IO;
    cJSON_Delete(root);
    tr_status st = tr_words_parse(text, len, TR_WORDS_FILE, out, diags, err);
    free(text);
    return st;
}

void tr_words_free(tr_words *w)
{
    if (!w)
        return;
    free(w->words);
    free(w->store);
    free(w);
}
