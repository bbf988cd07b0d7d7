/* tu_lang: the languages the app offers and their texts. There is one catalog system, core's
 * tr_i18n (content/i18n/LANG/NAME.json, ui.json among them), and the languages offered are the
 * pack's ("languages" in pack.json), in its order: nothing here names a language.
 *
 * Normally the catalogs are the loaded pack's (tu_lang_use_pack). When the pack does not load,
 * tu_lang_load_alone reads just pack.json's languages and the catalogs, so the app can still
 * say in the client's language what is wrong and show the emergency number. */
#ifndef TU_LANG_H
#define TU_LANG_H

#include "tr_content.h"
#include "tr_error.h"
#include "tr_i18n.h"

/* Most languages offered (the pack's limit). */
#define TU_LANG_MAX TR_LANG_MAX

typedef struct tu_lang {
    const tr_i18n *cat; /* the catalogs: the pack's, or own */
    tr_i18n *own;       /* read alone because the pack did not load; NULL otherwise */
    char codes[TU_LANG_MAX][8];
    int n;                /* languages offered */
    int cur;              /* index into codes */
    const char *fallback; /* the pack's default language (codes[0] when read alone) */
} tu_lang;

/* Offers the pack's languages and uses its catalogs; pack must outlive l. cur is kept when it
 * is still a valid index, else 0. */
void tu_lang_use_pack(tu_lang *l, const tr_content *pack);

/* For a pack that did not load: reads <content_dir>/pack.json's "languages" and loads those
 * catalogs alone. Returns TR_OK, or TR_E_PARSE/TR_E_INVALID/TR_E_NOTFOUND with err saying
 * which file is wrong (then nothing stays loaded and the app cannot start). */
tr_status tu_lang_load_alone(tu_lang *l, const char *content_dir, tr_error *err);

/* Frees catalogs read alone; the pack's belong to the pack. */
void tu_lang_free(tu_lang *l);

/* The index of code among the languages offered, or -1. */
int tu_lang_find(const tu_lang *l, const char *code);

/* The code of language i ("nb"); the current one when i is out of range. Never NULL. */
const char *tu_lang_code_of(const tu_lang *l, int i);

/* The current language's code. Never NULL. */
const char *tu_lang_code(const tu_lang *l);

/* The string for key in the current language, else the pack's default language, else the key
 * itself as a visible marker of the gap. Never NULL. */
const char *tu_tr(const tu_lang *l, const char *key);

/* The text of "<key><suffix>" when the current or the default language has one, else
 * tu_tr(l, key): a variant of a text for a mode, e.g. ".guest" when nothing is saved. */
const char *tu_tr_variant(const tu_lang *l, const char *key, const char *suffix);

/* tu_tr in language index lang. */
const char *tu_tr_in(const tu_lang *l, int lang, const char *key);

/* 1 when the catalogs have key (in the default language), else 0. */
int tu_tr_has(const tu_lang *l, const char *key);

#endif
