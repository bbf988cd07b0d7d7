/* tr_stats: reading Observations from NDJSON and adding each client's outcome to the groups
 * (see tr_stats.h and core/OUTCOME.md, "Service statistics"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tr_json.h"
#include "tr_stats_priv.h"

/* ---- strings ---------------------------------------------------------------------------- */

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int st_rehash(st_strings *t, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        size_t k = hash_bytes(t->s[i], strlen(t->s[i])) & (nslots - 1);
        while (slots[k])
            k = (k + 1) & (nslots - 1);
        slots[k] = (uint32_t)i + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return 0;
}

int st_intern(st_strings *t, const char *s, size_t len, uint32_t *idx)
{
    size_t k;
    char *copy;
    if ((t->n + 1) * 2 > t->nslots && st_rehash(t, t->nslots ? t->nslots * 2 : 64) != 0)
        return -1;
    for (k = hash_bytes(s, len) & (t->nslots - 1); t->slots[k]; k = (k + 1) & (t->nslots - 1)) {
        const char *o = t->s[t->slots[k] - 1];
        if (strncmp(o, s, len) == 0 && o[len] == '\0') {
            *idx = t->slots[k] - 1;
            return 0;
        }
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        char **ns = realloc(t->s, cap * sizeof *ns);
        if (!ns)
            return -1;
        t->s = ns;
        t->cap = cap;
    }
    if (!(copy = malloc(len + 1)))
        return -1;
    memcpy(copy, s, len);
    copy[len] = '\0';
    t->s[t->n] = copy;
    t->slots[k] = (uint32_t)++t->n;
    *idx = (uint32_t)(t->n - 1);
    return 0;
}

void st_strings_free(st_strings *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->s[i]);
    free(t->s);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* ---- make / destroy --------------------------------------------------------------------- */

tr_status tr_stats_make(const tr_stats_desc *desc, tr_stats **out, tr_error *err)
{
    tr_stats *s;
    uint32_t none;
    *out = NULL;
    if (!desc || !desc->outcome || !desc->track || !desc->scales || !desc->level_system ||
        !desc->levels || !desc->care.system || !desc->care.code || !desc->recommended.system ||
        !desc->recommended.code || !desc->total[0].system || !desc->total[0].code ||
        !desc->total[1].system || !desc->total[1].code)
        return tr_error_set(err, TR_E_INVALID, "stats: the desc lacks a required field");
    if (!(s = calloc(1, sizeof *s)))
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    s->desc = *desc;
    if (st_intern(&s->teams, "", 0, &none) != 0) { /* team 0: no performer */
        tr_stats_destroy(s);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    *out = s;
    return TR_OK;
}

void tr_stats_destroy(tr_stats *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->e[i].id);
    for (size_t i = 0; i < s->team_names_cap; i++)
        free(s->team_names[i]);
    free(s->team_names);
    free(s->e);
    free(s->groups);
    free(s->gslots);
    st_strings_free(&s->clients);
    st_strings_free(&s->teams);
    st_strings_free(&s->periods);
    free(s);
}

size_t tr_stats_read(const tr_stats *s)
{
    return s->read;
}

size_t tr_stats_ignored(const tr_stats *s)
{
    return s->ignored;
}

/* ---- reading ---------------------------------------------------------------------------- */

typedef struct rctx {
    const char *name;
    size_t line;
    tr_error *err;
} rctx;

static tr_status bad(rctx *rc, const char *path, const char *what)
{
    return tr_error_set(rc->err, TR_E_INVALID, "%s:%zu: %s: %s", rc->name, rc->line, path, what);
}

static int is_code(const cJSON *coding, const tr_stats_code *c)
{
    const cJSON *sys = cJSON_GetObjectItemCaseSensitive(coding, "system");
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(coding, "code");
    return cJSON_IsString(sys) && cJSON_IsString(code) &&
           strcmp(sys->valuestring, c->system) == 0 && strcmp(code->valuestring, c->code) == 0;
}

/* Does this CodeableConcept carry the code? */
static int has_code(const cJSON *concept, const tr_stats_code *c)
{
    const cJSON *coding;
    cJSON_ArrayForEach(coding, cJSON_GetObjectItemCaseSensitive(concept, "coding"))
    {
        if (is_code(coding, c))
            return 1;
    }
    return 0;
}

/* The rank of the level a CodeableConcept names (in the level system), or -1. */
static int level_rank(const tr_stats *s, const cJSON *concept)
{
    const cJSON *coding;
    cJSON_ArrayForEach(coding, cJSON_GetObjectItemCaseSensitive(concept, "coding"))
    {
        const cJSON *sys = cJSON_GetObjectItemCaseSensitive(coding, "system");
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(coding, "code");
        if (!cJSON_IsString(sys) || !cJSON_IsString(code) ||
            strcmp(sys->valuestring, s->desc.level_system) != 0)
            continue;
        for (size_t i = 0; i < s->desc.n_levels; i++)
            if (strcmp(code->valuestring, s->desc.levels[i]) == 0)
                return (int)i;
    }
    return -1;
}

static int id_ok(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 64)
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '.'))
            return 0;
    return 1;
}

/* The client of an Observation: "system|value" of subject.identifier, or subject.reference. */
static tr_status subject_key(rctx *rc, const cJSON *res, char *buf, size_t size)
{
    const cJSON *subj = cJSON_GetObjectItemCaseSensitive(res, "subject");
    const cJSON *ident = cJSON_GetObjectItemCaseSensitive(subj, "identifier");
    const cJSON *sys = cJSON_GetObjectItemCaseSensitive(ident, "system");
    const cJSON *val = cJSON_GetObjectItemCaseSensitive(ident, "value");
    const cJSON *ref = cJSON_GetObjectItemCaseSensitive(subj, "reference");
    int n;
    if (cJSON_IsString(val) && val->valuestring[0])
        n = snprintf(buf, size, "%s|%s", cJSON_IsString(sys) ? sys->valuestring : "",
                     val->valuestring);
    else if (cJSON_IsString(ref) && ref->valuestring[0])
        n = snprintf(buf, size, "%s", ref->valuestring);
    else
        return bad(rc, "$.subject",
                   "expected the client as identifier.value or reference (a pseudonym)");
    if (n < 0 || (size_t)n >= size)
        return bad(rc, "$.subject", "the client's identifier is longer than 256 bytes");
    return TR_OK;
}

/* The performer's Organization id ("" when none) interned in teams. */
static tr_status team_of(tr_stats *s, rctx *rc, const cJSON *res, uint32_t *team)
{
    const cJSON *p;
    *team = 0;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(res, "performer"))
    {
        const cJSON *ref = cJSON_GetObjectItemCaseSensitive(p, "reference");
        if (cJSON_IsString(ref) && strncmp(ref->valuestring, "Organization/", 13) == 0) {
            const char *id = ref->valuestring + 13;
            if (!id_ok(id))
                return bad(rc, "$.performer", "the Organization reference has no valid id");
            if (st_intern(&s->teams, id, strlen(id), team) != 0)
                return tr_error_set(rc->err, TR_E_NOMEM, "out of memory");
            return TR_OK;
        }
    }
    return TR_OK;
}

static tr_status push(tr_stats *s, const st_entry *e, tr_error *err)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        st_entry *ne = realloc(s->e, cap * sizeof *ne);
        if (!ne)
            return tr_error_set(err, TR_E_NOMEM, "out of memory");
        s->e = ne;
        s->cap = cap;
    }
    s->e[s->n++] = *e;
    return TR_OK;
}

/* One Observation: kept (pushed), ignored, or refused with a message. */
static tr_status read_observation(tr_stats *s, rctx *rc, const cJSON *res)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(res, "id");
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(res, "status");
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(res, "code");
    const cJSON *when = cJSON_GetObjectItemCaseSensitive(res, "effectiveDateTime");
    st_entry e = {0};
    char key[256];
    tr_status st;
    int kind = -1;

    if (!cJSON_IsString(id) || !id_ok(id->valuestring))
        return bad(rc, "$.id", "expected an id: 1-64 letters, digits, '-' or '.'");
    if (!cJSON_IsString(status))
        return bad(rc, "$.status", "expected a status such as \"final\"");
    if (!cJSON_IsObject(code))
        return bad(rc, "$.code", "expected a CodeableConcept");
    s->read++;
    for (int m = 0; m < TR_OUTCOME_NMEASURES; m++)
        if (has_code(code, &s->desc.total[m]))
            kind = m;
    if (has_code(code, &s->desc.care))
        kind = ST_CARE;
    if (kind < 0 ||
        (strcmp(status->valuestring, "final") != 0 && strcmp(status->valuestring, "amended") != 0 &&
         strcmp(status->valuestring, "corrected") != 0)) {
        s->ignored++;
        return TR_OK;
    }
    if (!cJSON_IsString(when) || tp_clock_parse(when->valuestring, &e.ts) != 0)
        return bad(rc, "$.effectiveDateTime", "expected a time like 2026-01-05T09:00:00Z");
    if ((st = subject_key(rc, res, key, sizeof key)) || (st = team_of(s, rc, res, &e.team)))
        return st;
    e.kind = kind;
    if (kind == ST_CARE) {
        const cJSON *comp;
        e.rec = -1;
        if ((e.value =
                 level_rank(s, cJSON_GetObjectItemCaseSensitive(res, "valueCodeableConcept"))) < 0)
            return bad(rc, "$.valueCodeableConcept", "expected a care level of the pack");
        cJSON_ArrayForEach(comp, cJSON_GetObjectItemCaseSensitive(res, "component"))
        {
            if (has_code(cJSON_GetObjectItemCaseSensitive(comp, "code"), &s->desc.recommended))
                e.rec =
                    level_rank(s, cJSON_GetObjectItemCaseSensitive(comp, "valueCodeableConcept"));
        }
        if (e.rec < 0)
            return bad(rc, "$.component", "expected the recommended care level of the pack");
    } else {
        const cJSON *q = cJSON_GetObjectItemCaseSensitive(res, "valueQuantity");
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(q, "value");
        int max = s->desc.outcome->scale[kind].max;
        if (!cJSON_IsNumber(v) || v->valuedouble != (double)(int)v->valuedouble ||
            v->valuedouble < 0 || v->valuedouble > max) {
            char msg[96];
            snprintf(msg, sizeof msg, "expected a whole-number total 0-%d", max);
            return bad(rc, "$.valueQuantity.value", msg);
        }
        e.value = (int)v->valuedouble;
    }
    if (st_intern(&s->clients, key, strlen(key), &e.client) != 0 ||
        !(e.id = strdup(id->valuestring)))
        return tr_error_set(rc->err, TR_E_NOMEM, "out of memory");
    if ((st = push(s, &e, rc->err)))
        free(e.id);
    return st;
}

/* One Organization: its name for the team of that id. */
static tr_status read_organization(tr_stats *s, rctx *rc, const cJSON *res)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(res, "id");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(res, "name");
    uint32_t t;
    if (!cJSON_IsString(id) || !id_ok(id->valuestring))
        return bad(rc, "$.id", "expected an id: 1-64 letters, digits, '-' or '.'");
    if (name && !cJSON_IsString(name))
        return bad(rc, "$.name", "expected a string");
    if (!name)
        return TR_OK;
    if (st_intern(&s->teams, id->valuestring, strlen(id->valuestring), &t) != 0)
        return tr_error_set(rc->err, TR_E_NOMEM, "out of memory");
    if (t >= s->team_names_cap) {
        size_t cap = s->teams.cap;
        char **nn = realloc(s->team_names, cap * sizeof *nn);
        if (!nn)
            return tr_error_set(rc->err, TR_E_NOMEM, "out of memory");
        memset(nn + s->team_names_cap, 0, (cap - s->team_names_cap) * sizeof *nn);
        s->team_names = nn;
        s->team_names_cap = cap;
    }
    if (!s->team_names[t] && !(s->team_names[t] = strdup(name->valuestring)))
        return tr_error_set(rc->err, TR_E_NOMEM, "out of memory");
    return TR_OK;
}

tr_status tr_stats_add_ndjson(tr_stats *s, const char *type, const char *buf, size_t len,
                              const char *name, tr_error *err)
{
    rctx rc = {.name = name, .err = err};
    size_t pos = 0, kept = s->n, read = s->read, ignored = s->ignored;
    int obs = strcmp(type, "Observation") == 0;
    tr_status st = TR_OK;
    if (!obs && strcmp(type, "Organization") != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: stats reads Observation and Organization",
                            name);
    while (pos < len && st == TR_OK) {
        const char *line = buf + pos, *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        const cJSON *rt;
        cJSON *res;
        tr_error perr = {0};
        pos += n + (nl != NULL);
        rc.line++;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (n == 0)
            continue;
        if (!(res = tr_json_parse(line, n, "", &perr))) {
            int l = 0, col = 0, used = 0;
            if (sscanf(perr.msg, ":%d:%d: %n", &l, &col, &used) == 2 && used > 0)
                st = tr_error_set(err, TR_E_PARSE, "%s:%zu:%d: %s (one JSON resource per line)",
                                  name, rc.line, col, perr.msg + used);
            else
                st = tr_error_set(err, perr.status == TR_E_NOMEM ? TR_E_NOMEM : TR_E_PARSE,
                                  "%s:%zu: %s", name, rc.line, perr.msg);
            break;
        }
        rt = cJSON_GetObjectItemCaseSensitive(res, "resourceType");
        if (!cJSON_IsObject(res) || !cJSON_IsString(rt) || strcmp(rt->valuestring, type) != 0) {
            char msg[96];
            snprintf(msg, sizeof msg, "expected a resource of type %s", type);
            st = bad(&rc, "$.resourceType", msg);
        } else {
            st = obs ? read_observation(s, &rc, res) : read_organization(s, &rc, res);
        }
        cJSON_Delete(res);
    }
    if (st != TR_OK) { /* keep nothing of a file with an error */
        for (size_t i = kept; i < s->n; i++)
            free(s->e[i].id);
        s->n = kept;
        s->read = read;
        s->ignored = ignored;
    }
    return st;
}

/* ---- grouping --------------------------------------------------------------------------- */

static int cmp_id(const void *a, const void *b)
{
    return strcmp(((const st_entry *)a)->id, ((const st_entry *)b)->id);
}

/* Client, then time, then id: the order tr_track sees a client's measures in. */
static int cmp_client_time(const void *a, const void *b)
{
    const st_entry *p = a, *q = b;
    if (p->client != q->client)
        return p->client < q->client ? -1 : 1;
    if (p->ts != q->ts)
        return p->ts < q->ts ? -1 : 1;
    return strcmp(p->id, q->id);
}

/* The index of the group of (team, period), made when new; -1 when out of memory. (An index,
 * not a pointer: a later group may move the array.) */
static long group_at(tr_stats *s, uint32_t team, uint32_t period)
{
    uint32_t h = (team * 2654435761u) ^ (period * 40503u + 17u);
    size_t k;
    if ((s->n_groups + 1) * 2 > s->n_gslots) {
        size_t ns = s->n_gslots ? s->n_gslots * 2 : 256;
        uint32_t *slots = calloc(ns, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < s->n_groups; i++) {
            const st_group *g = &s->groups[i];
            uint32_t gh = (g->team * 2654435761u) ^ (g->period * 40503u + 17u);
            size_t j = gh & (ns - 1);
            while (slots[j])
                j = (j + 1) & (ns - 1);
            slots[j] = (uint32_t)i + 1;
        }
        free(s->gslots);
        s->gslots = slots;
        s->n_gslots = ns;
    }
    for (k = h & (s->n_gslots - 1); s->gslots[k]; k = (k + 1) & (s->n_gslots - 1)) {
        const st_group *g = &s->groups[s->gslots[k] - 1];
        if (g->team == team && g->period == period)
            return (long)s->gslots[k] - 1;
    }
    if (s->n_groups == s->cap_groups) {
        size_t cap = s->cap_groups ? s->cap_groups * 2 : 64;
        st_group *ng = realloc(s->groups, cap * sizeof *ng);
        if (!ng)
            return -1;
        s->groups = ng;
        s->cap_groups = cap;
    }
    memset(&s->groups[s->n_groups], 0, sizeof s->groups[0]);
    s->groups[s->n_groups].team = team;
    s->groups[s->n_groups].period = period;
    s->gslots[k] = (uint32_t)++s->n_groups;
    return (long)s->n_groups - 1;
}

/* The period of a time, interned. */
static int period_of(tr_stats *s, int64_t ts, uint32_t *idx)
{
    char t[32], p[16];
    if (tp_clock_format(ts, t, sizeof t) != 0)
        return -1;
    if (s->desc.period == TR_STATS_YEAR)
        snprintf(p, sizeof p, "%.4s", t);
    else if (s->desc.period == TR_STATS_MONTH)
        snprintf(p, sizeof p, "%.7s", t);
    else
        snprintf(p, sizeof p, "%.4s-Q%d", t, ((t[5] - '0') * 10 + (t[6] - '0') - 1) / 3 + 1);
    return st_intern(&s->periods, p, strlen(p), idx);
}

/* The indexes of the four groups an event at (team, time) counts in: itself, its team, its
 * period, all. 0, or -1 when out of memory. */
static int groups_of(tr_stats *s, uint32_t team, int64_t ts, long out[4])
{
    uint32_t p;
    if (period_of(s, ts, &p) != 0 || (out[0] = group_at(s, team, p)) < 0 ||
        (out[1] = group_at(s, team, ST_ALL)) < 0 || (out[2] = group_at(s, ST_ALL, p)) < 0 ||
        (out[3] = group_at(s, ST_ALL, ST_ALL)) < 0)
        return -1;
    return 0;
}

/* Feeds a measure to the tracker as the journal record tr_track reads. */
static tr_status feed_measure(tr_stats *s, tr_track *t, const st_entry *e, tr_error *err)
{
    char ts[32];
    cJSON *r = cJSON_CreateObject();
    tr_status st;
    if (!r || tp_clock_format(e->ts, ts, sizeof ts) != 0 ||
        !cJSON_AddStringToObject(r, "type", "measure") || !cJSON_AddStringToObject(r, "ts", ts) ||
        !cJSON_AddStringToObject(r, "instrument", s->desc.outcome->scale[e->kind].id) ||
        !cJSON_AddNumberToObject(r, "total", e->value) || !cJSON_AddTrueToObject(r, "scorable")) {
        cJSON_Delete(r);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    st = tr_track_feed(t, r, err);
    cJSON_Delete(r);
    return st;
}

/* One client's entries e[0..n): assessments where they happened, the outcome where the last
 * measure was. */
static tr_status add_client(tr_stats *s, const st_entry *e, size_t n, tr_error *err)
{
    tr_track *t = NULL;
    const st_entry *last = NULL;
    const tr_occasion *occ;
    size_t n_occ;
    int sessions, referred = 0;
    tr_outcome o;
    long g[4];
    tr_status st;

    for (size_t i = 0; i < n; i++) {
        if (e[i].kind != ST_CARE)
            continue;
        if (groups_of(s, e[i].team, e[i].ts, g) != 0)
            return tr_error_set(err, TR_E_NOMEM, "out of memory");
        for (int k = 0; k < 4; k++) {
            st_group *gr = &s->groups[g[k]];
            gr->referrals += !referred;
            gr->assessments++;
            gr->chose_recommended += e[i].value == e[i].rec;
            gr->chose_more += e[i].value > e[i].rec;
            gr->chose_less += e[i].value < e[i].rec;
        }
        referred = 1;
    }
    for (size_t i = 0; i < n; i++)
        if (e[i].kind != ST_CARE)
            last = &e[i];
    if (!last)
        return TR_OK;
    if ((st = tr_track_make(&(tr_track_desc){.config = s->desc.track,
                                             .scales = s->desc.scales,
                                             .n_scales = s->desc.n_scales},
                            &t, err)))
        return st;
    for (size_t i = 0; i < n && st == TR_OK; i++)
        if (e[i].kind != ST_CARE)
            st = feed_measure(s, t, &e[i], err);
    if (st == TR_OK && (st = tr_track_occasions(t, &occ, &n_occ, &sessions, err)) == TR_OK &&
        (st = tr_outcome_compute(s->desc.outcome, occ, n_occ, sessions, &o, err)) == TR_OK) {
        if (groups_of(s, last->team, last->ts, g) != 0)
            st = tr_error_set(err, TR_E_NOMEM, "out of memory");
        for (int k = 0; st == TR_OK && k < 4; k++)
            tr_outcome_service_add(&s->groups[g[k]].svc, &o);
    }
    tr_track_destroy(t);
    return st;
}

tr_status tr_stats_compute(tr_stats *s, tr_error *err)
{
    size_t k = 0, i = 0;
    tr_status st = TR_OK;
    /* the same Observation read twice (an export read again) counts once */
    if (s->n > 1)
        qsort(s->e, s->n, sizeof *s->e, cmp_id);
    for (i = 0; i < s->n; i++) {
        if (k > 0 && strcmp(s->e[k - 1].id, s->e[i].id) == 0) {
            const st_entry *a = &s->e[k - 1], *b = &s->e[i];
            if (a->client != b->client || a->team != b->team || a->ts != b->ts ||
                a->kind != b->kind || a->value != b->value || a->rec != b->rec)
                return tr_error_set(err, TR_E_INVALID,
                                    "Observation/%s comes twice with different contents", b->id);
            free(s->e[i].id);
            continue;
        }
        s->e[k++] = s->e[i];
    }
    s->n = k;
    if (s->n > 1)
        qsort(s->e, s->n, sizeof *s->e, cmp_client_time);
    for (i = 0; i < s->n && st == TR_OK;) {
        size_t j = i;
        while (j < s->n && s->e[j].client == s->e[i].client)
            j++;
        st = add_client(s, &s->e[i], j - i, err);
        i = j;
    }
    for (i = 0; i < s->n_groups; i++)
        tr_outcome_service_rates(&s->groups[i].svc);
    return st;
}
