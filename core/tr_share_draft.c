/* tr_share_draft: see tr_share_draft.h. */
#include "tr_share_draft.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static double num_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

void tr_share_draft_free(tr_share_draft *d)
{
    if (!d)
        return;
    tr_share_plan_free(&d->plan);
    free(d->lines);
    cJSON_Delete(d->records);
    memset(d, 0, sizeof *d);
}

tr_status tr_share_draft_gather(tr_share_draft *d, tr_journal *j, int64_t from, int64_t until,
                                tr_error *err)
{
    cJSON *recs = NULL;
    const cJSON *rec;
    tr_share_draft_free(d);
    tr_status st = tr_share_gather(j, from, until, &recs, err);
    if (st != TR_OK)
        return st;
    d->records = recs;
    d->from = from;
    d->until = until;
    const tr_care_kind *modules = tr_care_kind_named("modules");
    cJSON_ArrayForEach(rec, recs)
    {
        const char *mod = str_of(rec, "module");
        if (tr_care_kind_of(str_of(rec, "type")) != modules)
            continue; /* a goal linked to a module is not the module's own record */
        int seen = 0;
        for (size_t i = 0; i < d->n_modules; i++)
            seen |= strcmp(d->modules[i], mod) == 0;
        if (!mod[0] || seen || d->n_modules >= TR_SHARE_DRAFT_MODS || !tr_exch_id_ok(mod))
            continue;
        memcpy(d->modules[d->n_modules++], mod, strlen(mod) + 1);
    }
    return TR_OK;
}

/* Field `field` of the "add" record of type `type` whose `idkey` is id among recs (a medicine's
 * name), or "". */
static const char *added(const cJSON *recs, const char *type, const char *idkey, const char *id,
                         const char *field)
{
    const cJSON *r;
    cJSON_ArrayForEach(r, recs)
    {
        if (strcmp(str_of(r, "type"), type) == 0 && strcmp(str_of(r, "op"), "add") == 0 &&
            strcmp(str_of(r, idkey), id) == 0)
            return str_of(r, field);
    }
    return "";
}

static void line_of(const tr_share_draft *d, const tr_share_item *it, tr_share_line *l)
{
    const cJSON *r = it->rec;
    const cJSON *stopped = cJSON_GetObjectItemCaseSensitive(r, "stopped");
    const cJSON *ratings = cJSON_GetObjectItemCaseSensitive(r, "ratings");
    *l = (tr_share_line){.type = str_of(r, "type"),
                         .ts = str_of(r, "ts"),
                         .risk = it->risk,
                         .forced = it->forced,
                         .request = it->request,
                         .instrument = str_of(r, "instrument"),
                         .total = num_of(r, "total"),
                         .level = str_of(r, "chosen"),
                         .mood = num_of(r, "mood"),
                         .sleep = num_of(r, "sleep_hours"),
                         .note = str_of(r, "note"),
                         .module = str_of(r, "module"),
                         .med_op = str_of(r, "op"),
                         .med_name = str_of(r, "name"),
                         .dose = str_of(r, "dose"),
                         .stopped = cJSON_IsTrue(stopped),
                         .n_rated =
                             cJSON_IsObject(ratings) ? (size_t)cJSON_GetArraySize(ratings) : 0,
                         .wish = str_of(r, "wish")};
    l->kind = tr_care_kind_of(l->type);
    if (strcmp(l->type, "medication") == 0 && !l->med_name[0])
        l->med_name = added(d->records, "medication", "med", str_of(r, "med"), "name");
    l->has_goal = strcmp(l->type, "goal") == 0 && tr_goal_event_of(r, &l->goal);
}

tr_status tr_share_draft_plan(tr_share_draft *d, const tr_care_report_opts *o,
                              const char *const *modules, size_t n_modules, tr_error *err)
{
    tr_care_report_opts oo = *o;
    tr_share_plan_free(&d->plan);
    free(d->lines);
    d->lines = NULL;
    d->n_lines = 0;
    oo.records = d->records;
    tr_status st = tr_share_plan_make(&oo, modules, n_modules, &d->plan, err);
    if (st != TR_OK)
        return st;
    d->lines = calloc(d->plan.n ? d->plan.n : 1, sizeof *d->lines);
    if (!d->lines) {
        tr_share_plan_free(&d->plan);
        return tr_error_set(err, TR_E_NOMEM, "out of memory planning the report");
    }
    for (size_t i = 0; i < d->plan.n; i++)
        line_of(d, &d->plan.items[i], &d->lines[d->n_lines++]);
    return TR_OK;
}

tr_status tr_share_draft_seal(const tr_share_draft *d, const tr_care_state *s,
                              const tr_team_card *to, const tr_care_report_opts *o, const char *now,
                              tr_care_report_result *res, tr_error *err)
{
    tr_care_report_opts oo = *o;
    oo.records = d->plan.records; /* exactly what the client was shown */
    return tr_care_report(s, to, &oo, now, res, err);
}
