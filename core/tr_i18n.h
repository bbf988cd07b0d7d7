/* tr_i18n: localised text, in two forms.
 *
 * 1. tr_text: a text inside a content file, written as {"nb": "...", "nn": "...", "en": "..."}.
 *    Its strings point into the JSON tree of the content pack that owns it; they live as long
 *    as the pack (or standalone instrument) does.
 * 2. tr_i18n: message catalogs content/i18n/<lang>/<domain>.json, flat key -> string objects.
 *    Every file of one language is merged into one catalog. Strings may hold `{name}`
 *    placeholders, filled by tr_i18n_format.
 *
 * Lookups never return NULL: a missing text falls back to the fallback language (the pack's
 * default, "nb"), then to a visible marker (the key itself, e.g. "triage.progress"), so a gap
 * shows on screen instead of crashing. The validator (tr_content_load) makes gaps impossible in a
 * shipped pack. */
#ifndef TR_I18N_H
#define TR_I18N_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "tr_error.h"

/* Most languages one pack or text may carry. */
#define TR_LANG_MAX 8

/* A localised text: parallel arrays of language codes and strings, n of them. Read-only;
 * the strings belong to the owner of the JSON it was read from. A zeroed tr_text is empty. */
typedef struct tr_text {
    const char *lang[TR_LANG_MAX];
    const char *str[TR_LANG_MAX];
    size_t n;
} tr_text;

/* Returns the text in `lang`; else in `fallback` (may be NULL); else the first language it
 * has; else "". Never NULL. */
const char *tr_text_get(const tr_text *t, const char *lang, const char *fallback);

/* Returns the text in exactly `lang`, or NULL when it has none (validators use this). */
const char *tr_text_find(const tr_text *t, const char *lang);

/* Reads a localised text from `json` (an object of language code -> string) into *out.
 * The strings point into json, which must outlive *out. Returns TR_E_INVALID (err says what)
 * when json is not an object, a value is not a string, a code is not 2-3 lowercase letters,
 * or there are more than TR_LANG_MAX languages. */
tr_status tr_text_read(const cJSON *json, tr_text *out, tr_error *err);

/* A set of catalogs, one per language. Opaque; made by tr_i18n_load, freed by tr_i18n_free. */
typedef struct tr_i18n tr_i18n;

typedef struct tr_i18n_desc {
    const char *dir;          /* the i18n folder (content/i18n); required */
    const char *const *langs; /* the languages to load, langs[0..n_langs) ; required */
    size_t n_langs;
    const char *fallback;    /* language used when a key is missing; NULL = langs[0] */
    const char *diag_prefix; /* prefix of file names in diagnostics; NULL = "i18n" */
} tr_i18n_desc;

/* Loads every DIR/LANG/NAME.json for each language in desc and checks them: each file a flat
 * object of string values, no key defined twice in one language, every key present in every
 * language, the same {placeholders} in every language. Every problem goes to diags (file,
 * JSON path, line:col where known). On success returns TR_OK and *out (caller frees with
 * tr_i18n_free). When any problem was found returns TR_E_INVALID with *out = NULL and err
 * summarising the count; nothing is half-loaded. A missing <dir>/<lang> folder is a problem.
 * TR_E_NOMEM on allocation failure. */
tr_status tr_i18n_load(const tr_i18n_desc *desc, tr_i18n **out, tr_diags *diags, tr_error *err);

/* Frees a catalog set; NULL is fine. */
void tr_i18n_free(tr_i18n *cat);

/* Returns the string for key in lang, else in the fallback language, else key itself (the
 * visible marker; it lives as long as the caller's key). Never NULL. cat may be NULL. */
const char *tr_i18n_get(const tr_i18n *cat, const char *lang, const char *key);

/* Returns 1 when key exists in exactly that language, else 0. */
int tr_i18n_has(const tr_i18n *cat, const char *lang, const char *key);

/* One placeholder value for tr_i18n_format; a list ends with {NULL, NULL}. */
typedef struct tr_i18n_arg {
    const char *name;
    const char *value;
} tr_i18n_arg;

/* Looks up key like tr_i18n_get and writes it to buf with each {name} replaced by the value
 * of the matching arg (args may be NULL); an unknown placeholder stays as written. Always
 * NUL-terminates buf (size > 0). Returns the length the full text needs (like snprintf), so a
 * result >= size means it was cut. */
size_t tr_i18n_format(const tr_i18n *cat, const char *lang, const char *key,
                      const tr_i18n_arg *args, char *buf, size_t size);

/* Fills buf with text, replacing {name} placeholders from args; same contract as
 * tr_i18n_format but for any string (e.g. a tr_text from a content file). */
size_t tr_i18n_fill(const char *text, const tr_i18n_arg *args, char *buf, size_t size);

/* Number of keys in lang (0 for an unknown language). For tests and `trinnctl check`. */
size_t tr_i18n_count(const tr_i18n *cat, const char *lang);

#endif
