/* tr_share: see tr_share.h. */
#include "tr_share.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_content.h"
#include "tr_feedback.h"

typedef struct state_walk {
    tr_care_state *s;
    tr_error *err;
    tr_status st;
} state_walk;

static int state_one(void *user, const tr_journal_record *rec)
{
    state_walk *w = user;
    w->st = tr_care_visit(w->s, rec, w->err);
    return w->st != TR_OK;
}

tr_status tr_share_state(tr_journal *j, tr_care_state *s, tr_error *err)
{
    state_walk w = {s, err, TR_OK};
    memset(s, 0, sizeof *s);
    tr_status st = tr_journal_query_each(j, NULL, state_one, &w, err);
    if (st == TR_OK)
        st = w.st;
    if (st != TR_OK)
        tr_care_state_free(s);
    return st;
}

tr_status tr_share_keys(tr_profile *p, tr_care_state *s, const char *now, tr_error *err)
{
    tr_team_keys k;
    char *rec = NULL;
    size_t len = 0;
    tr_status st;
    if (s->has_keys)
        return TR_OK;
    if ((st = tr_team_keys_new(&k, err)) != TR_OK)
        return st;
    if ((st = tr_team_keys_record(&k, "device", now, &rec, &len, err)) != TR_OK)
        goto done;
    if ((st = tr_profile_append(p, rec, len, err)) != TR_OK)
        goto done;
    /* the record is in the journal: the state takes it as a walk would */
    tr_journal_record jr = {
        .seq = tr_journal_count(p->j), .type = "keys", .json = rec, .json_len = len};
    st = tr_care_visit(s, &jr, err);
done:
    tr_team_secret_free(rec, len);
    tr_team_keys_wipe(&k);
    return st;
}

typedef struct gather_walk {
    cJSON *out;
    cJSON *early; /* medicines added before the range ("add" records), for changes in it */
    int64_t from, until;
    int oom;
} gather_walk;

static const char *str_of(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* 1 when a and b are both there and the same. */
static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static int gather_one(void *user, const tr_journal_record *rec)
{
    gather_walk *g = user;
    const tr_care_kind *k = tr_care_kind_of(rec->type);
    /* some kinds' records are taken whatever the range (a goal: a rating in the range means
     * nothing to the team without the goal it rates, set before; tr_goal_read skips it then) */
    int whole = k && k->any_date;
    int before = g->from && rec->ts < g->from;
    int early_med = before && strcmp(rec->type, "medication") == 0;
    if (!k || (!whole && !early_med && (before || (g->until && rec->ts > g->until))))
        return 0;
    cJSON *j = cJSON_ParseWithLength(rec->json, rec->json_len);
    if (early_med && j && !same(str_of(j, "op"), "add")) {
        cJSON_Delete(j); /* an earlier change: the range's own changes say what is new */
        return 0;
    }
    if (!j || !cJSON_AddItemToArray(early_med && !whole ? g->early : g->out, j)) {
        cJSON_Delete(j);
        g->oom = 1;
        return 1;
    }
    return 0;
}

/* 1 when recs holds a medication record about medicine med. */
static int med_named(const cJSON *recs, const char *med)
{
    const cJSON *r;
    cJSON_ArrayForEach(r, recs)
    {
        if (same(str_of(r, "type"), "medication") && same(str_of(r, "med"), med))
            return 1;
    }
    return 0;
}

/* Puts before g->out's records the "add" of each medicine added before the range and changed
 * in it (the change alone does not say which medicine it is), oldest first. */
static void take_early_adds(gather_walk *g)
{
    int at = 0;
    cJSON *r = g->early ? g->early->child : NULL;
    while (r) {
        cJSON *next = r->next;
        if (med_named(g->out, str_of(r, "med"))) {
            cJSON_DetachItemViaPointer(g->early, r);
            cJSON_InsertItemInArray(g->out, at++, r);
        }
        r = next;
    }
}

tr_status tr_share_gather(tr_journal *j, int64_t from, int64_t until, cJSON **out, tr_error *err)
{
    gather_walk g = {cJSON_CreateArray(), cJSON_CreateArray(), from, until, 0};
    tr_status st;
    *out = NULL;
    if (!g.out || !g.early) {
        cJSON_Delete(g.out);
        cJSON_Delete(g.early);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    st = tr_journal_query_each(j, NULL, gather_one, &g, err);
    if (st == TR_OK && g.oom)
        st = tr_error_set(err, TR_E_NOMEM, "out of memory reading the records to share");
    if (st == TR_OK)
        take_early_adds(&g);
    cJSON_Delete(g.early);
    if (st != TR_OK) {
        cJSON_Delete(g.out);
        return st;
    }
    *out = g.out;
    return TR_OK;
}

/* 1 when the client chose records of this kind (and, for a module record, its module). */
static int chosen(const tr_care_report_opts *o, const cJSON *rec, const char *const *modules,
                  size_t n_modules)
{
    const char *type = str_of(rec, "type");
    const tr_care_kind *k = tr_care_kind_of(type);
    if (!k || !tr_care_kind_on(o, k))
        return strcmp(type, "feedback") == 0 && tr_feedback_forced(rec); /* a wish: always */
    if (strcmp(k->name, "modules") != 0 || !modules)
        return 1; /* the modules kind alone is narrowed to the modules chosen */
    const char *mod = str_of(rec, "module");
    for (size_t i = 0; mod && i < n_modules; i++)
        if (strcmp(modules[i], mod) == 0)
            return 1;
    return 0;
}

void tr_share_plan_free(tr_share_plan *plan)
{
    if (!plan)
        return;
    free(plan->items);
    cJSON_Delete(plan->records);
    memset(plan, 0, sizeof *plan);
}

tr_status tr_share_plan_make(const tr_care_report_opts *o, const char *const *modules,
                             size_t n_modules, tr_share_plan *plan, tr_error *err)
{
    size_t cap = (size_t)cJSON_GetArraySize(o->records);
    const cJSON *rec;
    memset(plan, 0, sizeof *plan);
    plan->records = cJSON_CreateArray();
    plan->items = calloc(cap ? cap : 1, sizeof *plan->items);
    if (!plan->records || !plan->items)
        goto oom;
    cJSON_ArrayForEach(rec, o->records)
    {
        const char *type = str_of(rec, "type"), *ts = str_of(rec, "ts");
        if (!type || !ts || plan->n >= cap)
            continue; /* tr_care_report skips these too */
        cJSON *flag = cJSON_CreateObject();
        if (!flag || !cJSON_AddStringToObject(flag, "ts", ts) ||
            !cJSON_AddStringToObject(flag, "type", type)) {
            cJSON_Delete(flag);
            goto oom;
        }
        int risk = o->risk && o->risk(o->risk_user, rec, flag);
        int pick = chosen(o, rec, modules, n_modules);
        cJSON_Delete(flag);
        if (!risk && !pick)
            continue;
        cJSON *ref = cJSON_CreateObjectReference(rec->child);
        if (!ref || !cJSON_AddItemToArray(plan->records, ref)) {
            cJSON_Delete(ref);
            goto oom;
        }
        plan->items[plan->n++] = (tr_share_item){rec, risk, risk && !pick, tr_feedback_forced(rec)};
        plan->n_risk += risk != 0;
        plan->n_forced += risk && !pick;
    }
    return TR_OK;
oom:
    tr_share_plan_free(plan);
    return tr_error_set(err, TR_E_NOMEM, "out of memory planning the report");
}
