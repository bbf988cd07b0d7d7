/* tr_goal_load: content/goals.json, the texts and limits of the client's own goals (tr_goal.h,
 * content/README.md "The client's own goals"), checked with the validator kit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_path.h"
#include "tr_goal.h"
#include "tr_inst_priv.h"
#include "tr_json.h"

/* obj[key] as a whole number in lo..hi, else reported and def. */
static int whole(tr_inst_pctx *p, const cJSON *obj, const char *key, const char *path, int lo,
                 int hi, int def)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(v) || v->valuedouble != (double)(int)v->valuedouble ||
        v->valuedouble < lo || v->valuedouble > hi) {
        tr_inst_problem(p, path, "\"%s\" must be a whole number from %d to %d", key, lo, hi);
        return def;
    }
    return (int)v->valuedouble;
}

void tr_goal_free(tr_goal_content *g)
{
    if (!g)
        return;
    cJSON_Delete(g->doc);
    free(g);
}

static void scale(tr_inst_pctx *p, const cJSON *doc, tr_goal_content *g)
{
    static const char *const keys[] = {"min", "max", NULL};
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(doc, "scale");
    g->min = 0;
    g->max = TR_GOAL_SCALE_TOP;
    if (!cJSON_IsObject(s)) {
        tr_inst_problem(p, "$.scale", "missing the rating scale {\"min\": 0, \"max\": 10}");
        return;
    }
    tr_inst_only_keys(p, s, "$.scale", keys);
    g->min = whole(p, s, "min", "$.scale", 0, TR_GOAL_SCALE_TOP - 1, 0);
    g->max = whole(p, s, "max", "$.scale", 1, TR_GOAL_SCALE_TOP, TR_GOAL_SCALE_TOP);
    if (g->min >= g->max)
        tr_inst_problem(p, "$.scale", "\"min\" (%d) must be below \"max\" (%d)", g->min, g->max);
}

tr_status tr_goal_load(const tr_content *pack, tr_goal_content **out, tr_diags *diags,
                       tr_error *err)
{
    static const char *const keys[] = {"format", "review", "source", "max_active",
                                       "scale",  "texts",  NULL};
    static const char *const text_keys[] = {"intro", "rate", "low", "high", "close", NULL};
    char path[4096];
    tr_inst_pctx p = {
        .file = TR_GOAL_FILE, .diags = diags, .langs = pack->langs, .n_langs = pack->n_langs};
    tr_goal_content *g;
    const cJSON *doc, *texts;
    size_t before = diags->count;
    cJSON *parsed = NULL;
    tr_status status;
    *out = NULL;
    if (!(g = calloc(1, sizeof *g)))
        return tr_error_set(err, TR_E_NOMEM, "out of memory loading %s", p.file);
    if ((status = tr_inst_doc_open(&p, pack->dir, keys, "{\"format\": 1, \"texts\": {...}}", path,
                                   sizeof path, &parsed, err)) != TR_OK)
        goto fail;
    doc = g->doc = parsed;
    g->draft = tr_inst_review_draft(&p, doc);
    g->max_active = whole(&p, doc, "max_active", "$", 1, TR_GOAL_ACTIVE_MAX, 3);
    scale(&p, doc, g);
    texts = cJSON_GetObjectItemCaseSensitive(doc, "texts");
    if (!cJSON_IsObject(texts)) {
        tr_inst_problem(&p, "$.texts",
                        "missing the texts {\"intro\", \"rate\", \"low\", \"high\", \"close\"}");
    } else {
        tr_inst_only_keys(&p, texts, "$.texts", text_keys);
        tr_inst_need_text(&p, texts, "intro", "$.texts", 1, &g->intro);
        tr_inst_need_text(&p, texts, "rate", "$.texts", 1, &g->rate);
        tr_inst_need_text(&p, texts, "low", "$.texts", 1, &g->low);
        tr_inst_need_text(&p, texts, "high", "$.texts", 1, &g->high);
        tr_inst_need_text(&p, texts, "close", "$.texts", 1, &g->close);
    }
    if ((status = tr_inst_doc_status(&p, before, path, err)) != TR_OK)
        goto fail;
    *out = g;
    return TR_OK;
fail:
    tr_goal_free(g);
    return status;
}
