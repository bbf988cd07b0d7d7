/* tr_words: the list of common words and passwords that the passphrase strength hint counts as
 * known (content/security/common_words.json).
 *
 * The file is {"format": 1, "about": "...", "words": ["passord", ...]}: the most common word
 * first, every word lower case (æ ø å as they are), 1-TR_WORDS_MAX_BYTES bytes, no spaces,
 * no duplicates, at most TR_WORDS_MAX words. The list is handed to zxcvbn as its user
 * dictionary, where a word's place in the list is its rank (earlier = fewer bits).
 *
 * Ownership: a tr_words belongs to the caller (tr_words_free); its words array and strings
 * live inside it. */
#ifndef TR_WORDS_H
#define TR_WORDS_H

#include <stddef.h>

#include "tr_error.h"

/* The file inside a content pack. */
#define TR_WORDS_FILE "security/common_words.json"
/* The most words a list may hold (the strength hint is recomputed on every keystroke and its
 * cost grows with the list: README "strength hint"). */
#define TR_WORDS_MAX 2500
/* The longest word in bytes. */
#define TR_WORDS_MAX_BYTES 40

typedef struct tr_words {
    const char **words; /* count words, most common first, then NULL (zxcvbn's UserDict) */
    size_t count;
    char *store; /* the words' bytes */
} tr_words;

/* Parses and validates buf[0..len) as a word list; `name` labels messages (a file name).
 * Every problem is added to diags (when not NULL) with line:col where it can be found, and
 * err says how many there were. Returns TR_OK with *out (caller frees), or TR_E_PARSE (bad
 * JSON, err only), TR_E_INVALID (problems in diags), TR_E_TOOBIG or TR_E_NOMEM with *out
 * NULL. */
tr_status tr_words_parse(const char *buf, size_t len, const char *name, tr_words **out,
                         tr_diags *diags, tr_error *err);

/* Reads <content_dir>/TR_WORDS_FILE and parses it as tr_words_parse does (diags name the file
 * by TR_WORDS_FILE). A missing file is TR_E_NOTFOUND; other failures as above or TR_E_IO. */
tr_status tr_words_load(const char *content_dir, tr_words **out, tr_diags *diags, tr_error *err);

/* Frees a list (NULL is fine). */
void tr_words_free(tr_words *w);

#endif
