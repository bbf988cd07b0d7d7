/* tu_lang: the UI's message catalogs, content/i18n/<lang>/ui.json (flat key -> string),
 * for the three languages the app ships. Read with tr_json (strict, line:col errors). */
#ifndef TU_LANG_H
#define TU_LANG_H

#include <cjson/cJSON.h>

#include "tr_content.h"
#include "tr_error.h"

#define TU_LANG_COUNT 3

typedef struct tu_lang {
    cJSON *cat[TU_LANG_COUNT];
    int cur;                /* index into tu_lang_codes */
    const tr_content *pack; /* when set, keys not in ui.json come from the pack's catalogs */
} tu_lang;

/* "nb", "nn", "en" */
extern const char *const tu_lang_codes[TU_LANG_COUNT];

/* Returns the index of code or -1. */
int tu_lang_find(const char *code);

/* Loads every language's ui.json from i18n_dir. Fails (TR_E_PARSE/TR_E_NOTFOUND/
 * TR_E_INVALID, err naming the file and key) when a file is missing or broken, a value is not
 * a string, or a key of the bokmål catalog is missing in another language. On failure
 * nothing stays loaded. */
tr_status tu_lang_load(tu_lang *l, const char *i18n_dir, tr_error *err);
void tu_lang_free(tu_lang *l);

/* The string for key in the current language; "[[key]]" marks a gap (never NULL). */
const char *tu_tr(const tu_lang *l, const char *key);
/* The text of "<key><suffix>" when the current language's catalogue, bokmål's or the pack's has
 * one, else tu_tr(l, key): a variant of a text for a mode, e.g. ".guest" when nothing is saved. */
const char *tu_tr_variant(const tu_lang *l, const char *key, const char *suffix);
/* The same in language index lang. */
const char *tu_tr_in(const tu_lang *l, int lang, const char *key);

#endif
