/* tr_inst_doc: the opening and closing every content loader of the validator kit shares
 * (tr_inst_priv.h): read the pack's file, check its shape, its format and its keys, and turn the
 * problems found into the loader's status. */
#include <stdio.h>
#include <string.h>

#include "tp_path.h"
#include "tr_inst_priv.h"
#include "tr_json.h"

void tr_inst_only_keys(tr_inst_pctx *p, const cJSON *obj, const char *path,
                       const char *const *allowed)
{
    const cJSON *k;
    cJSON_ArrayForEach(k, obj)
    {
        int known = 0;
        for (const char *const *a = allowed; *a && !known; a++)
            known = strcmp(*a, k->string) == 0;
        if (!known)
            tr_inst_problem(p, path, "unknown key \"%s\" (a typo?)", k->string);
    }
}

tr_status tr_inst_doc_status(const tr_inst_pctx *p, size_t before, const char *path, tr_error *err)
{
    size_t n = p->diags->count - before;
    if (p->nomem)
        return tr_error_set(err, TR_E_NOMEM, "out of memory loading %s", path);
    if (!p->problems)
        return TR_OK;
    return tr_error_set(err, TR_E_INVALID, "%zu problem%s in %s", n, n == 1 ? "" : "s", path);
}

tr_status tr_inst_doc_open(tr_inst_pctx *p, const char *dir, const char *const *keys,
                           const char *shape, char *path, size_t path_size, cJSON **doc,
                           tr_error *err)
{
    tr_error jerr = {0};
    size_t before = p->diags->count;
    const cJSON *f;
    *doc = NULL;
    if (tp_path_join(path, path_size, dir, p->file) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: path too long", dir);
    if (!(*doc = tr_json_load_file(path, &jerr))) {
        if (jerr.status == TR_E_NOTFOUND || jerr.status == TR_E_NOMEM)
            return tr_error_set(err, jerr.status, "%s: %s", path,
                                jerr.status == TR_E_NOMEM ? "out of memory" : "not found");
        tr_inst_json_problem(p, path, &jerr);
        return tr_inst_doc_status(p, before, path, err);
    }
    if (!cJSON_IsObject(*doc)) {
        tr_inst_problem(p, "$", "must be one JSON object %s", shape);
        cJSON_Delete(*doc);
        *doc = NULL;
        return tr_inst_doc_status(p, before, path, err);
    }
    tr_inst_only_keys(p, *doc, "$", keys);
    f = cJSON_GetObjectItemCaseSensitive(*doc, "format");
    if (!cJSON_IsNumber(f) || f->valuedouble != 1)
        tr_inst_problem(p, "$.format", "must be 1");
    return TR_OK;
}

int tr_inst_review_draft(tr_inst_pctx *p, const cJSON *doc)
{
    const cJSON *st =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "review"), "status");
    if (!cJSON_IsString(st) ||
        (strcmp(st->valuestring, "draft") != 0 && strcmp(st->valuestring, "reviewed") != 0)) {
        tr_inst_problem(p, "$.review",
                        "must be {\"status\": \"draft\"} or {\"status\": \"reviewed\", \"by\": "
                        "\"...\", \"date\": \"YYYY-MM-DD\"}: whether a clinician has read it");
        return 1;
    }
    return strcmp(st->valuestring, "draft") == 0;
}
