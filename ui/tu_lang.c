/* tu_lang: UI catalogs; see tu_lang.h. */
#include "tu_lang.h"

#include <stdio.h>
#include <string.h>

#include "tr_json.h"
#include "tp_path.h"

const char *const tu_lang_codes[TU_LANG_COUNT] = {"nb", "nn", "en"};

int tu_lang_find(const char *code)
{
    for (int i = 0; i < TU_LANG_COUNT; i++)
        if (strcmp(code, tu_lang_codes[i]) == 0)
            return i;
    return -1;
}

tr_status tu_lang_load(tu_lang *l, const char *dir, tr_error *err)
{
    char path[1024], sub[16];
    memset(l, 0, sizeof *l);
    for (int i = 0; i < TU_LANG_COUNT; i++) {
        snprintf(sub, sizeof sub, "%s/ui.json", tu_lang_codes[i]);
        if (tp_path_join(path, sizeof path, dir, sub) != 0) {
            tr_error_set(err, TR_E_INVALID, "%s: path too long", dir);
            goto fail;
        }
        l->cat[i] = tr_json_load_file(path, err);
        if (!l->cat[i])
            goto fail;
        if (!cJSON_IsObject(l->cat[i])) {
            tr_error_set(err, TR_E_INVALID, "%s: expected an object of key -> text", path);
            goto fail;
        }
        const cJSON *it;
        cJSON_ArrayForEach(it, l->cat[i])
        {
            if (!cJSON_IsString(it)) {
                tr_error_set(err, TR_E_INVALID, "%s: $.%s: expected a string", path, it->string);
                goto fail;
            }
        }
    }
    for (int i = 1; i < TU_LANG_COUNT; i++) {
        const cJSON *it;
        cJSON_ArrayForEach(it, l->cat[0])
        {
            if (!cJSON_GetObjectItemCaseSensitive(l->cat[i], it->string)) {
                tr_error_set(err, TR_E_INVALID,
                             "i18n/%s/ui.json: key \"%s\" is missing (it is in i18n/nb/ui.json); "
                             "add the translation",
                             tu_lang_codes[i], it->string);
                goto fail;
            }
        }
    }
    return TR_OK;
fail:
    tu_lang_free(l);
    return err ? err->status : TR_E_INVALID;
}

void tu_lang_free(tu_lang *l)
{
    for (int i = 0; i < TU_LANG_COUNT; i++) {
        cJSON_Delete(l->cat[i]);
        l->cat[i] = NULL;
    }
}

const char *tu_tr_in(const tu_lang *l, int lang, const char *key)
{
    const cJSON *s = NULL;
    if (lang >= 0 && lang < TU_LANG_COUNT && l->cat[lang])
        s = cJSON_GetObjectItemCaseSensitive(l->cat[lang], key);
    if (!cJSON_IsString(s) && l->cat[0])
        s = cJSON_GetObjectItemCaseSensitive(l->cat[0], key);
    if (cJSON_IsString(s))
        return s->valuestring;
    if (l->pack)
        return tr_content_msg(l->pack, tu_lang_codes[lang >= 0 && lang < TU_LANG_COUNT ? lang : 0],
                              key);
    return "[[missing text]]";
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
    for (int i = 0; i < 2; i++) {
        int lang = i == 0 ? l->cur : 0;
        const cJSON *s = lang >= 0 && lang < TU_LANG_COUNT && l->cat[lang]
                             ? cJSON_GetObjectItemCaseSensitive(l->cat[lang], k)
                             : NULL;
        if (cJSON_IsString(s))
            return s->valuestring;
    }
    if (l->pack) {
        /* the pack's catalogue gives back the key itself when it has no such text */
        const char *v = tr_content_msg(l->pack, tu_lang_codes[l->cur], k);
        if (v != k)
            return v;
    }
    return tu_tr(l, key);
}
