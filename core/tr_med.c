/* tr_med: see tr_med.h and content/README.md ("Medication and side effects"). */
#include "tr_med.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_path.h"
#include "tr_inst_priv.h"
#include "tr_json.h"

/* The array obj[key] with min..max elements, or NULL (reported). */
static const cJSON *array_of(tr_inst_pctx *p, const cJSON *obj, const char *key, const char *path,
                             int min, int max)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) < min || cJSON_GetArraySize(a) > max) {
        tr_inst_problem(p, path, "\"%s\" must be an array of %d to %d", key, min, max);
        return NULL;
    }
    return a;
}

static const char *id_of(tr_inst_pctx *p, const cJSON *obj, const char *path)
{
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, "id");
    if (!cJSON_IsString(j) || !tr_inst_content_id_ok(j->valuestring)) {
        tr_inst_problem(p, path,
                        "\"id\" must be a string of a-z, 0-9 and _, starting with a letter, at "
                        "most 40 characters");
        return "";
    }
    return j->valuestring;
}

/* A list of choices at doc[key]: {"id", "<textkey>"[, "advise"]} each, ids unique. */
static size_t choices(tr_inst_pctx *p, const cJSON *doc, const char *key, const char *textkey,
                      int min, int advise, tr_med_choice *out)
{
    const char *const keys[] = {"id", textkey, advise ? "advise" : NULL, NULL};
    char at[96];
    size_t n = 0;
    const cJSON *a = array_of(p, doc, key, "$", min, TR_MED_MAX_CHOICES), *e;
    cJSON_ArrayForEach(e, a)
    {
        tr_med_choice *c = &out[n];
        snprintf(at, sizeof at, "$.%s[%zu]", key, n++);
        if (!cJSON_IsObject(e)) {
            tr_inst_problem(p, at, "must be an object {\"id\", \"%s\"}", textkey);
            continue;
        }
        tr_inst_only_keys(p, e, at, keys);
        c->id = id_of(p, e, at);
        tr_inst_need_text(p, e, textkey, at, 1, &c->label);
        const cJSON *adv = cJSON_GetObjectItemCaseSensitive(e, "advise");
        if (adv && !cJSON_IsBool(adv))
            tr_inst_problem(p, at, "\"advise\" must be true or false");
        c->advise = cJSON_IsTrue(adv);
        for (size_t k = 0; c->id[0] && k + 1 < n; k++)
            if (out[k].id && strcmp(out[k].id, c->id) == 0)
                tr_inst_problem(p, at, "id '%s' is used twice in \"%s\"", c->id, key);
    }
    return n;
}

static void effect(tr_inst_pctx *p, const tr_med_content *m, const cJSON *e, const char *at,
                   tr_med_effect *out)
{
    static const char *const keys[] = {"id", "text", "classes", NULL};
    const cJSON *cl, *x;
    if (!cJSON_IsObject(e)) {
        tr_inst_problem(p, at, "must be an object {\"id\", \"text\", \"classes\"}");
        return;
    }
    tr_inst_only_keys(p, e, at, keys);
    out->id = id_of(p, e, at);
    tr_inst_need_text(p, e, "text", at, 1, &out->text);
    if (!(cl = array_of(p, e, "classes", at, 1, TR_MED_MAX_CHOICES)))
        return;
    cJSON_ArrayForEach(x, cl)
    {
        size_t k = 0;
        while (k < m->n_classes && !(cJSON_IsString(x) && m->classes[k].id &&
                                     !strcmp(m->classes[k].id, x->valuestring)))
            k++;
        if (k == m->n_classes)
            tr_inst_problem(p, at, "\"classes\" names '%s', which is not in $.classes",
                            cJSON_IsString(x) ? x->valuestring : "(not a string)");
        else
            out->classes |= 1u << k;
    }
}

void tr_med_free(tr_med_content *m)
{
    if (!m)
        return;
    cJSON_Delete(m->doc);
    free(m);
}

const tr_med_choice *tr_med_choice_find(const tr_med_choice *list, size_t n, const char *id)
{
    for (size_t i = 0; id && i < n; i++)
        if (list[i].id && strcmp(list[i].id, id) == 0)
            return &list[i];
    return NULL;
}

tr_status tr_med_load(const tr_content *pack, tr_med_content **out, tr_diags *diags, tr_error *err)
{
    static const char *const keys[] = {"format",  "review",  "source", "texts", "classes",
                                       "ratings", "effects", "wishes", NULL};
    static const char *const text_keys[] = {"intro", "stopping", "wish", "check", "severe", NULL};
    char path[4096];
    tr_inst_pctx p = {
        .file = TR_MED_FILE, .diags = diags, .langs = pack->langs, .n_langs = pack->n_langs};
    tr_med_content *m;
    const cJSON *doc, *texts, *effects, *x;
    size_t before = diags->count;
    cJSON *parsed = NULL;
    tr_status status;
    *out = NULL;
    if (!(m = calloc(1, sizeof *m)))
        return tr_error_set(err, TR_E_NOMEM, "out of memory loading %s", p.file);
    if ((status = tr_inst_doc_open(&p, pack->dir, keys, "{\"format\": 1, \"effects\": [...]}", path,
                                   sizeof path, &parsed, err)) != TR_OK)
        goto fail;
    doc = m->doc = parsed;
    m->draft = tr_inst_review_draft(&p, doc);
    texts = cJSON_GetObjectItemCaseSensitive(doc, "texts");
    if (!cJSON_IsObject(texts)) {
        tr_inst_problem(&p, "$.texts",
                        "missing the texts {\"intro\", \"stopping\", \"wish\", \"check\", "
                        "\"severe\"}");
    } else {
        tr_inst_only_keys(&p, texts, "$.texts", text_keys);
        tr_inst_need_text(&p, texts, "intro", "$.texts", 1, &m->intro);
        tr_inst_need_text(&p, texts, "stopping", "$.texts", 1, &m->stopping);
        tr_inst_need_text(&p, texts, "wish", "$.texts", 1, &m->wish);
        tr_inst_need_text(&p, texts, "check", "$.texts", 1, &m->check);
        tr_inst_need_text(&p, texts, "severe", "$.texts", 1, &m->severe);
    }
    m->n_classes = choices(&p, doc, "classes", "name", 1, 0, m->classes);
    m->n_ratings = choices(&p, doc, "ratings", "label", 2, 1, m->ratings);
    m->n_wishes = choices(&p, doc, "wishes", "label", 1, 0, m->wishes);
    if ((effects = array_of(&p, doc, "effects", "$", 1, TR_MED_MAX_EFFECTS)) != NULL) {
        cJSON_ArrayForEach(x, effects)
        {
            char at[48];
            tr_med_effect *e = &m->effects[m->n_effects];
            snprintf(at, sizeof at, "$.effects[%zu]", m->n_effects++);
            effect(&p, m, x, at, e);
            for (size_t k = 0; e->id && e->id[0] && k + 1 < m->n_effects; k++)
                if (m->effects[k].id && strcmp(m->effects[k].id, e->id) == 0)
                    tr_inst_problem(&p, at, "effect id '%s' is used twice", e->id);
        }
    }
    if ((status = tr_inst_doc_status(&p, before, path, err)) != TR_OK)
        goto fail;
    *out = m;
    return TR_OK;
fail:
    tr_med_free(m);
    return status;
}

/* ---- records -------------------------------------------------------------------------------- */

static int too_long(const char *s, size_t max)
{
    return s && strlen(s) > max;
}

/* Adds key: s when s is a non-empty string; 1 on success. */
static int add_opt(cJSON *o, const char *key, const char *s)
{
    return !s || !s[0] || cJSON_AddStringToObject(o, key, s) != NULL;
}

static cJSON *med_head(const char *ts, const char *med, const char *op)
{
    cJSON *rec = cJSON_CreateObject();
    if (!rec || !cJSON_AddStringToObject(rec, "type", "medication") ||
        !cJSON_AddStringToObject(rec, "ts", ts) || !cJSON_AddStringToObject(rec, "med", med) ||
        !cJSON_AddStringToObject(rec, "op", op)) {
        cJSON_Delete(rec);
        return NULL;
    }
    return rec;
}

cJSON *tr_med_add_record(const tr_med_add *a, tr_error *err)
{
    if (!a->ts || !a->ts[0] || !a->med || !a->med[0] || strlen(a->med) >= TR_MED_ID_MAX ||
        !a->name || !a->name[0]) {
        tr_error_set(err, TR_E_INVALID, "a medicine needs ts, an id and a name");
        return NULL;
    }
    if (too_long(a->name, TR_MED_FIELD_MAX) || too_long(a->dose, TR_MED_FIELD_MAX) ||
        too_long(a->since, TR_MED_FIELD_MAX) || too_long(a->prescriber, TR_MED_FIELD_MAX)) {
        tr_error_set(err, TR_E_INVALID,
                     "a medicine's name, dose, start and prescriber are at "
                     "most %d bytes each",
                     TR_MED_FIELD_MAX);
        return NULL;
    }
    cJSON *rec = med_head(a->ts, a->med, "add");
    if (!rec || !cJSON_AddStringToObject(rec, "name", a->name) || !add_opt(rec, "dose", a->dose) ||
        !add_opt(rec, "since", a->since) || !add_opt(rec, "prescriber", a->prescriber)) {
        cJSON_Delete(rec);
        tr_error_set(err, TR_E_NOMEM, "out of memory making the medication record");
        return NULL;
    }
    return rec;
}

cJSON *tr_med_change_record(const tr_med_change *c, tr_error *err)
{
    if (!c->ts || !c->ts[0] || !c->med || !c->med[0] || strlen(c->med) >= TR_MED_ID_MAX) {
        tr_error_set(err, TR_E_INVALID, "a change needs ts and the medicine's id");
        return NULL;
    }
    if ((!c->dose || !c->dose[0]) && (!c->note || !c->note[0]) && !c->stopped) {
        tr_error_set(err, TR_E_INVALID,
                     "a change needs a new dose, a note of what changed, or that it was stopped");
        return NULL;
    }
    if (too_long(c->date, TR_MED_FIELD_MAX) || too_long(c->dose, TR_MED_FIELD_MAX) ||
        too_long(c->note, TR_MED_NOTE_MAX)) {
        tr_error_set(err, TR_E_INVALID,
                     "a change's date and dose are at most %d bytes, its note %d bytes",
                     TR_MED_FIELD_MAX, TR_MED_NOTE_MAX);
        return NULL;
    }
    cJSON *rec = med_head(c->ts, c->med, "change");
    if (!rec || !add_opt(rec, "date", c->date) || !add_opt(rec, "dose", c->dose) ||
        !add_opt(rec, "note", c->note) || !cJSON_AddBoolToObject(rec, "stopped", c->stopped)) {
        cJSON_Delete(rec);
        tr_error_set(err, TR_E_NOMEM, "out of memory making the medication change record");
        return NULL;
    }
    return rec;
}

cJSON *tr_med_effects_record(const tr_med_content *m, const char *ts, const char *const *effects,
                             const char *const *ratings, size_t n, const char *note, tr_error *err)
{
    if (!ts || !ts[0] || n == 0 || !effects || !ratings) {
        tr_error_set(err, TR_E_INVALID, "a side-effect check needs ts and at least one rating");
        return NULL;
    }
    if (too_long(note, TR_MED_NOTE_MAX)) {
        tr_error_set(err, TR_E_INVALID, "the note is longer than %d bytes", TR_MED_NOTE_MAX);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        int known = 0;
        for (size_t k = 0; k < m->n_effects && !known; k++)
            known = effects[i] && !strcmp(m->effects[k].id, effects[i]);
        for (size_t k = 0; k < i && known; k++)
            known = strcmp(effects[k], effects[i]) != 0;
        if (!known || !tr_med_choice_find(m->ratings, m->n_ratings, ratings[i])) {
            tr_error_set(err, TR_E_INVALID, "rating %zu (%s: %s) is not one of the check's", i,
                         effects[i] ? effects[i] : "-", ratings[i] ? ratings[i] : "-");
            return NULL;
        }
    }
    cJSON *rec = cJSON_CreateObject(), *r;
    int ok = rec && cJSON_AddStringToObject(rec, "type", "side_effects") &&
             cJSON_AddStringToObject(rec, "ts", ts) &&
             (r = cJSON_AddObjectToObject(rec, "ratings")) != NULL;
    for (size_t i = 0; ok && i < n; i++)
        ok = cJSON_AddStringToObject(r, effects[i], ratings[i]) != NULL;
    if (!ok || !add_opt(rec, "note", note)) {
        cJSON_Delete(rec);
        tr_error_set(err, TR_E_NOMEM, "out of memory making the side-effect record");
        return NULL;
    }
    return rec;
}

cJSON *tr_med_wish_record(const tr_med_content *m, const char *ts, const char *wish, tr_error *err)
{
    if (!ts || !ts[0] || !tr_med_choice_find(m->wishes, m->n_wishes, wish)) {
        tr_error_set(err, TR_E_INVALID, "a wish needs ts and one of the pack's wishes (\"%s\")",
                     wish ? wish : "");
        return NULL;
    }
    cJSON *rec = cJSON_CreateObject();
    if (!rec || !cJSON_AddStringToObject(rec, "type", "medication_wish") ||
        !cJSON_AddStringToObject(rec, "ts", ts) || !cJSON_AddStringToObject(rec, "wish", wish)) {
        cJSON_Delete(rec);
        tr_error_set(err, TR_E_NOMEM, "out of memory making the wish record");
        return NULL;
    }
    return rec;
}

/* ---- reading -------------------------------------------------------------------------------- */

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

void tr_med_log_free(tr_med_log *log)
{
    if (!log)
        return;
    for (size_t i = 0; i < log->n; i++)
        free(log->items[i].changes);
    free(log->items);
    memset(log, 0, sizeof *log);
}

static tr_med_item *find_item(tr_med_log *log, const char *med)
{
    for (size_t i = 0; i < log->n; i++)
        if (strcmp(log->items[i].med, med) == 0)
            return &log->items[i];
    return NULL;
}

static int read_med(tr_med_log *log, const cJSON *rec, size_t *cap)
{
    const char *med = str(rec, "med"), *op = str(rec, "op");
    tr_med_item *it = med[0] ? find_item(log, med) : NULL;
    if (strcmp(op, "add") == 0 && med[0] && !it && str(rec, "name")[0]) {
        if (log->n == *cap) {
            size_t ncap = *cap ? *cap * 2 : 4;
            tr_med_item *g = realloc(log->items, ncap * sizeof *g);
            if (!g)
                return -1;
            log->items = g;
            *cap = ncap;
        }
        log->items[log->n++] = (tr_med_item){.med = med,
                                             .ts = str(rec, "ts"),
                                             .name = str(rec, "name"),
                                             .dose = str(rec, "dose"),
                                             .since = str(rec, "since"),
                                             .prescriber = str(rec, "prescriber")};
        return 0;
    }
    if (strcmp(op, "change") != 0 || !it)
        return 0; /* unknown, or a change to a medicine never added: skipped */
    tr_med_change_view *g = realloc(it->changes, (it->n_changes + 1) * sizeof *g);
    if (!g)
        return -1;
    it->changes = g;
    tr_med_change_view *c = &g[it->n_changes++];
    *c = (tr_med_change_view){.ts = str(rec, "ts"),
                              .date = str(rec, "date"),
                              .dose = str(rec, "dose"),
                              .note = str(rec, "note"),
                              .stopped =
                                  cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rec, "stopped"))};
    if (c->dose[0])
        it->dose = c->dose;
    it->stopped = c->stopped;
    return 0;
}

tr_status tr_med_read(const cJSON *records, tr_med_log *log, tr_error *err)
{
    const cJSON *rec;
    size_t cap = 0;
    memset(log, 0, sizeof *log);
    cJSON_ArrayForEach(rec, records)
    {
        const char *type = str(rec, "type");
        if (strcmp(type, "medication") == 0) {
            if (read_med(log, rec, &cap) != 0) {
                tr_med_log_free(log);
                return tr_error_set(err, TR_E_NOMEM, "out of memory reading the medication log");
            }
        } else if (strcmp(type, "side_effects") == 0 &&
                   cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(rec, "ratings"))) {
            log->check = rec;
        } else if (strcmp(type, "medication_wish") == 0 && str(rec, "wish")[0]) {
            log->wish = str(rec, "wish");
            log->wish_ts = str(rec, "ts");
        }
    }
    return TR_OK;
}

void tr_med_next_id(const tr_med_log *log, char *buf, size_t size)
{
    for (size_t k = log->n + 1;; k++) {
        int used = 0;
        snprintf(buf, size, "med%zu", k);
        for (size_t i = 0; i < log->n && !used; i++)
            used = strcmp(log->items[i].med, buf) == 0;
        if (!used)
            return;
    }
}

const char *tr_med_check_rating(const cJSON *check, const char *effect)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(check, "ratings"), effect);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}
