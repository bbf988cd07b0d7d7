/* tu_lang: the languages offered and their texts; see tu_lang.h. */
#include "tu_lang.h"

#include <stdio.h>
#include <string.h>

#include "tr_bundle.h"

static void set_codes(tu_lang *l, const char *const *codes, size_t n)
{
    l->n = 0;
    for (size_t i = 0; i < n && i < TU_LANG_MAX; i++)
        snprintf(l->codes[l->n++], sizeof l->codes[0], "%s", codes[i]);
    if (l->cur < 0 || l->cur >= l->n)
        l->cur = 0;
}

void tu_lang_use_pack(tu_lang *l, const tr_content *pack)
{
    tu_lang_free(l);
    l->cat = pack->i18n;
    set_codes(l, pack->langs, pack->n_langs);
    l->fallback = pack->default_lang;
}

tr_status tu_lang_load_alone(tu_lang *l, const char *content_dir, tr_error *err)
{
    tr_bundle_texts t;
    tu_lang_free(l);
    tr_status st = tr_bundle_texts_load(content_dir, &t, err);
    if (st != TR_OK)
        return st;
    l->own = t.i18n; /* ours now: tu_lang_free frees it */
    l->cat = l->own;
    const char *codes[TU_LANG_MAX];
    for (size_t i = 0; i < t.n_langs; i++)
        codes[i] = t.langs[i];
    set_codes(l, codes, t.n_langs);
    l->fallback = l->codes[0];
    return TR_OK;
}

void tu_lang_free(tu_lang *l)
{
    tr_i18n_free(l->own);
    l->own = NULL;
    l->cat = NULL;
}

int tu_lang_find(const tu_lang *l, const char *code)
{
    for (int i = 0; code && i < l->n; i++)
        if (strcmp(code, l->codes[i]) == 0)
            return i;
    return -1;
}

const char *tu_lang_code_of(const tu_lang *l, int i)
{
    if (i < 0 || i >= l->n)
        i = l->cur;
    return i >= 0 && i < l->n ? l->codes[i] : "";
}

const char *tu_lang_code(const tu_lang *l)
{
    return tu_lang_code_of(l, l->cur);
}

const char *tu_tr_in(const tu_lang *l, int lang, const char *key)
{
    const char *code = tu_lang_code_of(l, lang);
    if (!tr_i18n_has(l->cat, code, key) && l->fallback)
        code = l->fallback;
    return tr_i18n_get(l->cat, code, key);
}

const char *tu_tr(const tu_lang *l, const char *key)
{
    return tu_tr_in(l, l->cur, key);
}

const char *tu_tr_variant(const tu_lang *l, const char *key, const char *suffix)
{
    char k[160];
    if (snprintf(k, sizeof k, "%s%s", key, suffix) >= (int)sizeof k)
        return tu_tr(l, key);
    if (tr_i18n_has(l->cat, tu_lang_code(l), k) ||
        (l->fallback && tr_i18n_has(l->cat, l->fallback, k)))
        return tr_i18n_get(l->cat, tu_lang_code(l), k);
    return tu_tr(l, key);
}

int tu_tr_has(const tu_lang *l, const char *key)
{
    return tr_i18n_has(l->cat, l->fallback ? l->fallback : tu_lang_code(l), key);
}
