/* tu_lang: the languages offered and their texts; see tu_lang.h. */
#include "tu_lang.h"

#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tp_path.h"
#include "tr_json.h"

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
    char path[TP_PATH_MAX], dir[TP_PATH_MAX];
    const char *codes[TU_LANG_MAX];
    size_t n = 0;
    tr_diags diags = {0};
    tu_lang_free(l);
    if (tp_path_join(path, sizeof path, content_dir, "pack.json") != 0 ||
        tp_path_join(dir, sizeof dir, content_dir, "i18n") != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the content path is too long", content_dir);
    cJSON *pack = tr_json_load_file(path, err);
    if (!pack)
        return err ? err->status : TR_E_PARSE;
    const cJSON *langs = cJSON_GetObjectItemCaseSensitive(pack, "languages"), *it;
    cJSON_ArrayForEach(it, langs)
    {
        if (!cJSON_IsString(it) || n == TU_LANG_MAX)
            break;
        codes[n++] = it->valuestring;
    }
    if (n == 0 || n != (size_t)cJSON_GetArraySize(langs)) {
        tr_error_set(err, TR_E_INVALID,
                     "%s: $.languages: expected a list of up to %d language codes", path,
                     TU_LANG_MAX);
        cJSON_Delete(pack);
        return TR_E_INVALID;
    }
    tr_status st = tr_i18n_load(&(tr_i18n_desc){.dir = dir, .langs = codes, .n_langs = n},
                                &l->own, &diags, err);
    if (st == TR_OK) {
        l->cat = l->own;
        set_codes(l, codes, n);
        l->fallback = l->codes[0];
    } else if (diags.count > 0) {
        char first[600];
        tr_diag_format(&diags.items[0], first, sizeof first);
        tr_error_set(err, st, "the texts of the app (%s) cannot be read: %s", dir, first);
    }
    tr_diags_free(&diags);
    cJSON_Delete(pack);
    return st;
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
