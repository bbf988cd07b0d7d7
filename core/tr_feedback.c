/* tr_feedback: see tr_feedback.h and content/README.md ("Feedback on the help"). */
#include "tr_feedback.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_path.h"
#include "tr_inst_priv.h"
#include "tr_json.h"

/* The array doc[key] with min..max elements, or NULL (reported). */
static const cJSON *array_of(tr_inst_pctx *p, const cJSON *doc, const char *key, int min, int max)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(doc, key);
    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) < min || cJSON_GetArraySize(a) > max) {
        tr_inst_problem(p, "$", "\"%s\" must be an array of %d to %d", key, min, max);
        return NULL;
    }
    return a;
}

static void read_scale(tr_inst_pctx *p, const cJSON *doc, tr_feedback_content *c)
{
    static const char *const keys[] = {"value", "label", NULL};
    const cJSON *a = array_of(p, doc, "scale", 2, TR_FEEDBACK_MAX_SCALE), *e;
    char at[48];
    cJSON_ArrayForEach(e, a)
    {
        tr_feedback_option *o = &c->scale[c->n_scale];
        snprintf(at, sizeof at, "$.scale[%zu]", c->n_scale);
        o->value = (int)c->n_scale++;
        if (!cJSON_IsObject(e)) {
            tr_inst_problem(p, at, "must be an object {\"value\", \"label\"}");
            continue;
        }
        tr_inst_only_keys(p, e, at, keys);
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "value");
        if (!cJSON_IsNumber(v) || v->valuedouble != (double)o->value)
            tr_inst_problem(p, at,
                            "\"value\" must be %d: the answers are 0, 1, 2 ... in the order "
                            "listed, so a chart reads them the same way",
                            o->value);
        tr_inst_need_text(p, e, "label", at, 1, &o->label);
    }
}

static void read_items(tr_inst_pctx *p, const cJSON *doc, tr_feedback_content *c)
{
    static const char *const keys[] = {"id", "text", "short", NULL};
    const cJSON *a = array_of(p, doc, "items", 1, TR_FEEDBACK_MAX_ITEMS), *e;
    char at[48];
    cJSON_ArrayForEach(e, a)
    {
        tr_feedback_item *it = &c->items[c->n_items];
        snprintf(at, sizeof at, "$.items[%zu]", c->n_items++);
        it->id = "";
        if (!cJSON_IsObject(e)) {
            tr_inst_problem(p, at, "must be an object {\"id\", \"text\", \"short\"}");
            continue;
        }
        tr_inst_only_keys(p, e, at, keys);
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
        if (!cJSON_IsString(id) || !tr_inst_content_id_ok(id->valuestring))
            tr_inst_problem(p, at,
                            "\"id\" must be a string of a-z, 0-9 and _, starting with a letter, "
                            "at most 40 characters");
        else
            it->id = id->valuestring;
        tr_inst_need_text(p, e, "text", at, 1, &it->text);
        tr_inst_need_text(p, e, "short", at, 1, &it->short_name);
        for (size_t k = 0; it->id[0] && k + 1 < c->n_items; k++)
            if (strcmp(c->items[k].id, it->id) == 0)
                tr_inst_problem(p, at, "item id '%s' is used twice", it->id);
    }
}

void tr_feedback_free(tr_feedback_content *c)
{
    if (!c)
        return;
    cJSON_Delete(c->doc);
    free(c);
}

int tr_feedback_item_index(const tr_feedback_content *c, const char *id)
{
    for (size_t i = 0; id && i < c->n_items; i++)
        if (strcmp(c->items[i].id, id) == 0)
            return (int)i;
    return -1;
}

tr_status tr_feedback_load(const tr_content *pack, tr_feedback_content **out, tr_diags *diags,
                           tr_error *err)
{
    static const char *const keys[] = {"format", "review", "source", "texts",
                                       "scale",  "items",  NULL};
    static const char *const text_keys[] = {"intro",      "note",    "change",
                                            "change_box", "no_team", NULL};
    char path[4096];
    tr_inst_pctx p = {
        .file = TR_FEEDBACK_FILE, .diags = diags, .langs = pack->langs, .n_langs = pack->n_langs};
    tr_feedback_content *c;
    const cJSON *doc, *texts;
    size_t before = diags->count;
    cJSON *parsed = NULL;
    tr_status status;
    *out = NULL;
    if (!(c = calloc(1, sizeof *c)))
        return tr_error_set(err, TR_E_NOMEM, "out of memory loading %s", p.file);
    if ((status = tr_inst_doc_open(&p, pack->dir, keys, "{\"format\": 1, \"items\": [...]}", path,
                                   sizeof path, &parsed, err)) != TR_OK)
        goto fail;
    doc = c->doc = parsed;
    c->draft = tr_inst_review_draft(&p, doc);
    texts = cJSON_GetObjectItemCaseSensitive(doc, "texts");
    if (!cJSON_IsObject(texts)) {
        tr_inst_problem(&p, "$.texts",
                        "missing the texts {\"intro\", \"note\", \"change\", \"change_box\", "
                        "\"no_team\"}");
    } else {
        tr_inst_only_keys(&p, texts, "$.texts", text_keys);
        tr_inst_need_text(&p, texts, "intro", "$.texts", 1, &c->intro);
        tr_inst_need_text(&p, texts, "note", "$.texts", 1, &c->note);
        tr_inst_need_text(&p, texts, "change", "$.texts", 1, &c->change);
        tr_inst_need_text(&p, texts, "change_box", "$.texts", 1, &c->change_box);
        tr_inst_need_text(&p, texts, "no_team", "$.texts", 1, &c->no_team);
    }
    read_scale(&p, doc, c);
    read_items(&p, doc, c);
    if ((status = tr_inst_doc_status(&p, before, path, err)) != TR_OK)
        goto fail;
    *out = c;
    return TR_OK;
fail:
    tr_feedback_free(c);
    return status;
}

/* ---- the record ------------------------------------------------------------------------------ */

tr_status tr_feedback_check(const tr_feedback_content *c, const tr_feedback_input *in,
                            tr_error *err)
{
    int is_module;
    if (!in->ts || !in->ts[0])
        return tr_error_set(err, TR_E_INVALID, "a feedback needs its time (ts)");
    if (!in->after || (strcmp(in->after, TR_FEEDBACK_AFTER_CONTACT) != 0 &&
                       strcmp(in->after, TR_FEEDBACK_AFTER_MODULE) != 0))
        return tr_error_set(err, TR_E_INVALID,
                            "a feedback is given after a \"contact\" or a \"module\", not \"%s\"",
                            in->after ? in->after : "");
    is_module = strcmp(in->after, TR_FEEDBACK_AFTER_MODULE) == 0;
    if (is_module != (in->module && in->module[0]) ||
        (is_module && !tr_inst_content_id_ok(in->module)))
        return tr_error_set(err, TR_E_INVALID,
                            is_module ? "a feedback after a module names the module's id"
                                      : "a feedback after a contact names no module");
    if (in->note && strlen(in->note) > TR_FEEDBACK_NOTE_MAX)
        return tr_error_set(err, TR_E_INVALID,
                            "the note is %zu bytes; a feedback's note is at most %d",
                            strlen(in->note), TR_FEEDBACK_NOTE_MAX);
    if (in->n > 0 && (!in->items || !in->answers))
        return tr_error_set(err, TR_E_INVALID, "answers without their items");
    if (in->n > c->n_items)
        return tr_error_set(err, TR_E_INVALID, "%zu answers to %zu questions", in->n, c->n_items);
    for (size_t i = 0; i < in->n; i++) {
        if (tr_feedback_item_index(c, in->items[i]) < 0)
            return tr_error_set(err, TR_E_INVALID,
                                "answer %zu is to '%s', not one of the "
                                "feedback's questions",
                                i + 1, in->items[i] ? in->items[i] : "");
        for (size_t k = 0; k < i; k++)
            if (strcmp(in->items[k], in->items[i]) == 0)
                return tr_error_set(err, TR_E_INVALID, "'%s' is answered twice", in->items[i]);
        if (in->answers[i] < 0 || (size_t)in->answers[i] >= c->n_scale)
            return tr_error_set(err, TR_E_INVALID,
                                "the answer to '%s' is %d; the scale runs from 0 to %zu",
                                in->items[i], in->answers[i], c->n_scale - 1);
    }
    if (in->n == 0 && !(in->note && in->note[0]) && !in->change_therapist)
        return tr_error_set(err, TR_E_INVALID,
                            "a feedback needs an answer, a note or the wish to change "
                            "therapist");
    return TR_OK;
}

cJSON *tr_feedback_record(const tr_feedback_content *c, const tr_feedback_input *in, tr_error *err)
{
    cJSON *rec, *ratings = NULL;
    if (tr_feedback_check(c, in, err) != TR_OK)
        return NULL;
    rec = cJSON_CreateObject();
    int ok =
        rec && cJSON_AddStringToObject(rec, "type", "feedback") &&
        cJSON_AddStringToObject(rec, "ts", in->ts) &&
        cJSON_AddStringToObject(rec, "after", in->after) &&
        (!in->module || !in->module[0] || cJSON_AddStringToObject(rec, "module", in->module)) &&
        (ratings = cJSON_AddObjectToObject(rec, "ratings")) != NULL;
    for (size_t i = 0; ok && i < in->n; i++)
        ok = cJSON_AddNumberToObject(ratings, in->items[i], in->answers[i]) != NULL;
    if (ok && in->note && in->note[0])
        ok = cJSON_AddStringToObject(rec, "note", in->note) != NULL;
    if (ok && in->change_therapist)
        ok = cJSON_AddTrueToObject(rec, "change_therapist") != NULL;
    if (!ok) {
        cJSON_Delete(rec);
        tr_error_set(err, TR_E_NOMEM, "out of memory making the feedback record");
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

static int is_type(const cJSON *rec, const char *type)
{
    return strcmp(str(rec, "type"), type) == 0;
}

int tr_feedback_forced(const cJSON *rec)
{
    return is_type(rec, "feedback") &&
           cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rec, "change_therapist"));
}

void tr_feedback_log_free(tr_feedback_log *log)
{
    if (!log)
        return;
    free(log->entries);
    memset(log, 0, sizeof *log);
    log->change_at = -1;
    log->change_ts = log->change_via = "";
}

static void read_entry(const tr_feedback_content *c, const cJSON *rec, tr_feedback_entry *e)
{
    const cJSON *ratings = cJSON_GetObjectItemCaseSensitive(rec, "ratings"), *r;
    *e = (tr_feedback_entry){.ts = str(rec, "ts"),
                             .after = str(rec, "after"),
                             .module = str(rec, "module"),
                             .note = str(rec, "note"),
                             .change_therapist = tr_feedback_forced(rec)};
    for (size_t i = 0; i < TR_FEEDBACK_MAX_ITEMS; i++)
        e->answers[i] = -1;
    cJSON_ArrayForEach(r, ratings)
    {
        int at = tr_feedback_item_index(c, r->string);
        if (at >= 0 && cJSON_IsNumber(r) && r->valuedouble >= 0 &&
            r->valuedouble < (double)c->n_scale && r->valuedouble == (int)r->valuedouble)
            e->answers[at] = (int)r->valuedouble;
    }
}

tr_status tr_feedback_read(const tr_feedback_content *c, const cJSON *records, tr_feedback_log *log,
                           tr_error *err)
{
    const cJSON *rec;
    size_t cap = 0;
    memset(log, 0, sizeof *log);
    log->change_at = -1;
    log->change_ts = log->change_via = "";
    cJSON_ArrayForEach(rec, records)
    {
        if (is_type(rec, "report_sent")) {
            if (log->change_at >= 0 && !log->change_via[0])
                log->change_via = str(rec, "ts");
            continue;
        }
        if (!is_type(rec, "feedback") || !str(rec, "ts")[0])
            continue;
        if (log->n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            tr_feedback_entry *g = realloc(log->entries, ncap * sizeof *g);
            if (!g) {
                tr_feedback_log_free(log);
                return tr_error_set(err, TR_E_NOMEM, "out of memory reading the feedback");
            }
            log->entries = g;
            cap = ncap;
        }
        tr_feedback_entry *e = &log->entries[log->n];
        read_entry(c, rec, e);
        if (e->change_therapist) {
            log->change_at = (int)log->n;
            log->change_ts = e->ts;
            log->change_via = ""; /* a newer wish: not carried yet */
        }
        log->n++;
    }
    return TR_OK;
}

int tr_feedback_entry_of(const tr_feedback_content *c, const cJSON *rec, tr_feedback_entry *e)
{
    if (!is_type(rec, "feedback") || !str(rec, "ts")[0])
        return -1;
    read_entry(c, rec, e);
    return 0;
}

const char *tr_feedback_describe(const tr_feedback_content *c, const tr_feedback_entry *e,
                                 const char *lang, char *buf, size_t size)
{
    size_t used = 0;
    if (size)
        buf[0] = 0;
    for (size_t i = 0; i < c->n_items && used + 1 < size; i++) {
        int a = e->answers[i];
        if (a < 0 || (size_t)a >= c->n_scale)
            continue;
        int n = snprintf(buf + used, size - used, "%s%s: %s", used ? "; " : "",
                         tr_text_get(&c->items[i].short_name, lang, "nb"),
                         tr_text_get(&c->scale[a].label, lang, "nb"));
        if (n < 0)
            break;
        used += (size_t)n < size - used ? (size_t)n : size - used - 1;
    }
    return buf;
}
