/* tr_module_entry: progress, entries, value checks, new records and field refs, all worked
 * out from the client's journal records (core/RECORDS.md), oldest first. */
#include "tp_attr.h"
#include "tr_module.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"

static const char *str_member(const cJSON *obj, const char *key)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(s) ? s->valuestring : NULL;
}

/* true when rec is a record of `type` for module m (and step, when not NULL). Compares as
 * it goes: most records of a journal are of other types, so this is the hot path. */
static bool record_is(const cJSON *rec, const char *type, const tr_module *m, const char *step)
{
    const char *t = str_member(rec, "type");
    if (!t || strcmp(t, type) != 0)
        return false;
    const char *mod = str_member(rec, "module");
    if (!mod || strcmp(mod, m->id) != 0)
        return false;
    const char *st = str_member(rec, "step");
    return st && (!step || strcmp(st, step) == 0);
}

cJSON *tr_module_records_pick(const cJSON *records, const char *module_id)
{
    if (!cJSON_IsArray(records))
        return NULL;
    cJSON *out = cJSON_CreateArray();
    if (!out)
        return NULL;
    for (const cJSON *r = records->child; r; r = r->next) {
        const char *t = str_member(r, "type");
        if (!t || (strcmp(t, "module_entry") != 0 && strcmp(t, "module_progress") != 0))
            continue;
        const char *mod = str_member(r, "module");
        if (!mod || (module_id && strcmp(mod, module_id) != 0))
            continue;
        if (!cJSON_AddItemReferenceToArray(out, (cJSON *)r)) {
            cJSON_Delete(out);
            return NULL;
        }
    }
    return out;
}

/* ---- progress ----------------------------------------------------------------------- */

tr_status tr_module_progress_of(const tr_module *m, const cJSON *records, tr_module_progress *out,
                                tr_error *err)
{
    assert(m && out);
    memset(out, 0, sizeof *out);
    out->resume = out->last = -1;
    if (!cJSON_IsArray(records))
        return tr_error_set(err, TR_E_INVALID, "module %s: the records must be a JSON array",
                            m->id);
    bool last_done = false;
    for (const cJSON *r = records->child; r; r = r->next) {
        if (!record_is(r, "module_progress", m, NULL))
            continue;
        int i = tr_module_step_index(m, str_member(r, "step"));
        const char *status = str_member(r, "status");
        if (i < 0 || !status)
            continue;
        bool done = strcmp(status, "done") == 0;
        if (!done && strcmp(status, "started") != 0)
            continue;
        if (done)
            out->state[i] = TR_STEP_DONE;
        else if (out->state[i] == TR_STEP_NEW)
            out->state[i] = TR_STEP_STARTED;
        out->last = i;
        last_done = done;
        out->last_ts = str_member(r, "ts");
    }
    for (size_t i = 0; i < m->step_count; i++)
        if (out->state[i] == TR_STEP_DONE)
            out->done_count++;
    if (out->last >= 0 && !last_done && out->state[out->last] != TR_STEP_DONE) {
        out->resume = out->last;
    } else {
        for (size_t i = 0; i < m->step_count; i++)
            if (out->state[i] != TR_STEP_DONE) {
                out->resume = (int)i;
                break;
            }
    }
    return TR_OK;
}

static cJSON *new_record(const char *type, const char *ts, const tr_module *m, const char *step)
{
    cJSON *r = cJSON_CreateObject();
    if (!r || !cJSON_AddStringToObject(r, "type", type) || !cJSON_AddStringToObject(r, "ts", ts) ||
        !cJSON_AddStringToObject(r, "module", m->id) || !cJSON_AddStringToObject(r, "step", step)) {
        cJSON_Delete(r);
        return NULL;
    }
    return r;
}

cJSON *tr_module_progress_record(const tr_module *m, const char *step_id, bool done, const char *ts,
                                 tr_error *err)
{
    assert(m);
    if (!tr_module_step_find(m, step_id)) {
        tr_error_set(err, TR_E_NOTFOUND, "module %s has no step \"%s\"", m->id,
                     step_id ? step_id : "(null)");
        return NULL;
    }
    if (!ts || !ts[0]) {
        tr_error_set(err, TR_E_INVALID, "a progress record needs a time stamp");
        return NULL;
    }
    cJSON *r = new_record("module_progress", ts, m, step_id);
    if (!r || !cJSON_AddStringToObject(r, "status", done ? "done" : "started")) {
        cJSON_Delete(r);
        tr_error_set(err, TR_E_NOMEM, "out of memory building a progress record");
        return NULL;
    }
    return r;
}

/* ---- entries ------------------------------------------------------------------------ */

/* The index of entry id in e, or e->count when it is not there. Searched newest first: the
 * saves of one entry follow each other, so this usually stops at the first comparison (two
 * years of diary days are 730 ids and 17,000 saves). */
static size_t entry_index(const tr_module_entries *e, const char *id)
{
    for (size_t i = e->count; i > 0; i--)
        if (strcmp(e->items[i - 1].id, id) == 0)
            return i - 1;
    return e->count;
}

tr_status tr_module_entries_of(const tr_module *m, const char *step_id, const cJSON *records,
                               tr_module_entries *out, tr_error *err)
{
    assert(m && out);
    memset(out, 0, sizeof *out);
    if (!tr_module_step_find(m, step_id))
        return tr_error_set(err, TR_E_NOTFOUND, "module %s has no step \"%s\"", m->id,
                            step_id ? step_id : "(null)");
    if (!cJSON_IsArray(records))
        return tr_error_set(err, TR_E_INVALID, "module %s: the records must be a JSON array",
                            m->id);
    /* One slot per distinct entry id in order of first appearance; deleted ones are
     * compacted away at the end. */
    size_t cap = 0;
    bool *deleted = NULL;
    for (const cJSON *r = records->child; r; r = r->next) {
        if (!record_is(r, "module_entry", m, step_id))
            continue;
        const char *id = str_member(r, "entry"), *op = str_member(r, "op");
        const char *ts = str_member(r, "ts");
        const cJSON *values = cJSON_GetObjectItemCaseSensitive(r, "values");
        if (!id || !op || !ts)
            continue;
        bool del = strcmp(op, "delete") == 0;
        if (!del && (strcmp(op, "save") != 0 || !cJSON_IsObject(values)))
            continue;
        size_t i = entry_index(out, id);
        if (i == out->count) {
            if (del)
                continue; /* deleting what was never saved */
            if (out->count == cap) {
                size_t ncap = cap ? cap * 2 : 16;
                tr_module_entry *items = realloc(out->items, ncap * sizeof *items);
                bool *dels = realloc(deleted, ncap * sizeof *dels);
                if (items)
                    out->items = items;
                if (dels)
                    deleted = dels;
                if (!items || !dels) {
                    free(deleted);
                    tr_module_entries_free(out);
                    return tr_error_set(err, TR_E_NOMEM, "out of memory listing entries");
                }
                cap = ncap;
            }
            out->items[i] = (tr_module_entry){.id = id, .created = ts};
            deleted[i] = false;
            out->count++;
        }
        deleted[i] = del;
        if (!del) {
            out->items[i].values = values;
            out->items[i].updated = ts;
            if (!out->items[i].created)
                out->items[i].created = ts;
        }
    }
    size_t live = 0;
    for (size_t i = 0; i < out->count; i++)
        if (!deleted[i])
            out->items[live++] = out->items[i];
    out->count = live;
    free(deleted);
    if (live == 0) {
        free(out->items);
        out->items = NULL;
    }
    return TR_OK;
}

void tr_module_entries_free(tr_module_entries *e)
{
    if (!e)
        return;
    free(e->items);
    e->items = NULL;
    e->count = 0;
}

/* ---- checking values ---------------------------------------------------------------- */

/* Formats a "where" label for messages into out[160]; a long one is cut. */
static void wheref(char *out, const char *fmt, ...) TP_PRINTF(2, 3);

static void wheref(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, 160, fmt, ap);
    va_end(ap);
}

static bool has_option(const tr_module_field *f, const char *id)
{
    if (f->options_from)
        return id[0] != '\0' && strlen(id) <= 500; /* the client's own ladder rows */
    for (size_t i = 0; i < f->option_count; i++)
        if (strcmp(f->options[i].id, id) == 0)
            return true;
    return false;
}

static tr_status check_value(const tr_module_field *f, const cJSON *val, const char *where,
                             tr_error *err);

/* Characters (UTF-8 code points) in s: a length limit counts what a person sees, so
 * «æøå» uses three of them, not six. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static tr_status check_row(const tr_module_field *list, const cJSON *row, const char *where,
                           tr_error *err)
{
    if (!cJSON_IsObject(row))
        return tr_error_set(err, TR_E_INVALID, "%s: each row must be an object", where);
    for (const cJSON *c = row->child; c; c = c->next) {
        const tr_module_field *col = NULL;
        for (size_t i = 0; i < list->column_count; i++)
            if (strcmp(list->columns[i].id, c->string) == 0)
                col = &list->columns[i];
        char w[160];
        wheref(w, "%s.%s", where, c->string);
        if (!col)
            return tr_error_set(err, TR_E_INVALID, "%s: the list has no such column", w);
        tr_status st = check_value(col, c, w, err);
        if (st != TR_OK)
            return st;
    }
    return TR_OK;
}

static tr_status check_value(const tr_module_field *f, const cJSON *val, const char *where,
                             tr_error *err)
{
    if (cJSON_IsNull(val) || f->type == TR_FIELD_COMPUTED)
        return TR_OK;
    switch (f->type) {
    case TR_FIELD_TEXT:
        if (!cJSON_IsString(val))
            return tr_error_set(err, TR_E_INVALID, "%s: must be text", where);
        if (chars(val->valuestring) > (size_t)f->max_len)
            return tr_error_set(err, TR_E_INVALID, "%s: is %zu characters, at most %d fit", where,
                                chars(val->valuestring), f->max_len);
        return TR_OK;
    case TR_FIELD_RATING:
    case TR_FIELD_NUMBER:
        if (!cJSON_IsNumber(val) || !isfinite(val->valuedouble))
            return tr_error_set(err, TR_E_INVALID, "%s: must be a number", where);
        if (val->valuedouble < f->min || val->valuedouble > f->max)
            return tr_error_set(err, TR_E_INVALID, "%s: %g is outside %g-%g", where,
                                val->valuedouble, f->min, f->max);
        if (f->integer && val->valuedouble != floor(val->valuedouble))
            return tr_error_set(err, TR_E_INVALID, "%s: must be a whole number", where);
        return TR_OK;
    case TR_FIELD_CHOICE:
        if (f->multiple) {
            if (!cJSON_IsArray(val))
                return tr_error_set(err, TR_E_INVALID, "%s: must be a list of option ids", where);
            for (const cJSON *o = val->child; o; o = o->next) {
                if (!cJSON_IsString(o) || !has_option(f, o->valuestring))
                    return tr_error_set(err, TR_E_INVALID, "%s: not one of the options", where);
                for (const cJSON *p = o->next; p; p = p->next)
                    if (cJSON_IsString(p) && strcmp(p->valuestring, o->valuestring) == 0)
                        return tr_error_set(err, TR_E_INVALID, "%s: an option is chosen twice",
                                            where);
            }
            return TR_OK;
        }
        if (!cJSON_IsString(val) || !has_option(f, val->valuestring))
            return tr_error_set(err, TR_E_INVALID, "%s: not one of the options", where);
        return TR_OK;
    case TR_FIELD_TIME:
        if (!cJSON_IsString(val) || tp_clock_parse_hhmm(val->valuestring, NULL) != 0)
            return tr_error_set(err, TR_E_INVALID, "%s: must be a time \"HH:MM\"", where);
        return TR_OK;
    case TR_FIELD_DATE:
        if (!cJSON_IsString(val) || tp_clock_parse_date(val->valuestring, NULL) != 0)
            return tr_error_set(err, TR_E_INVALID, "%s: must be a date \"YYYY-MM-DD\"", where);
        return TR_OK;
    case TR_FIELD_LIST: {
        if (!cJSON_IsArray(val))
            return tr_error_set(err, TR_E_INVALID, "%s: must be a list of rows", where);
        int n = cJSON_GetArraySize(val);
        if (n > f->max_rows)
            return tr_error_set(err, TR_E_INVALID, "%s: %d rows, at most %d fit", where, n,
                                f->max_rows);
        int i = 0;
        for (const cJSON *row = val->child; row; row = row->next, i++) {
            char w[160];
            wheref(w, "%s[%d]", where, i);
            tr_status st = check_row(f, row, w, err);
            if (st != TR_OK)
                return st;
        }
        return TR_OK;
    }
    case TR_FIELD_COMPUTED:
        break;
    }
    return TR_OK;
}

static const tr_module_item *find_item(const tr_module_step *step, const char *id)
{
    for (size_t i = 0; i < step->item_count; i++)
        if (strcmp(step->items[i].id, id) == 0)
            return &step->items[i];
    return NULL;
}

tr_status tr_module_values_check(const tr_module_step *step, const cJSON *values, tr_error *err)
{
    assert(step);
    if (!cJSON_IsObject(values))
        return tr_error_set(err, TR_E_INVALID, "step %s: the values must be a JSON object",
                            step->id);
    if (step->kind == TR_STEP_READING)
        return tr_error_set(err, TR_E_INVALID, "step %s is reading: it takes no entries", step->id);
    for (const cJSON *v = values->child; v; v = v->next) {
        char where[160];
        wheref(where, "step %s, %.60s", step->id, v->string);
        for (const cJSON *w = v->next; w; w = w->next)
            if (strcmp(v->string, w->string) == 0)
                return tr_error_set(err, TR_E_INVALID, "%s: given twice", where);
        if (step->kind == TR_STEP_EXERCISE || step->kind == TR_STEP_WORKSHEET) {
            const tr_module_field *f = tr_module_field_find(step, v->string);
            if (!f)
                return tr_error_set(err, TR_E_INVALID, "%s: the step has no such field", where);
            tr_status st = check_value(f, v, where, err);
            if (st != TR_OK)
                return st;
            continue;
        }
        if (!find_item(step, v->string))
            return tr_error_set(err, TR_E_INVALID, "%s: the step has no such %s", where,
                                step->kind == TR_STEP_REFLECTION ? "question" : "item");
        if (cJSON_IsNull(v))
            continue;
        if (step->kind == TR_STEP_REFLECTION) {
            if (!cJSON_IsString(v))
                return tr_error_set(err, TR_E_INVALID, "%s: an answer must be text", where);
            if (chars(v->valuestring) > 2000)
                return tr_error_set(err, TR_E_INVALID, "%s: is %zu characters, at most 2000 fit",
                                    where, chars(v->valuestring));
        } else if (!cJSON_IsBool(v)) {
            return tr_error_set(err, TR_E_INVALID, "%s: must be true or false", where);
        }
    }
    return TR_OK;
}

static bool filled(const cJSON *v)
{
    if (!v || cJSON_IsNull(v))
        return false;
    if (cJSON_IsString(v))
        return v->valuestring[strspn(v->valuestring, " \t\r\n")] != '\0';
    if (cJSON_IsArray(v))
        return v->child != NULL;
    return true;
}

bool tr_module_values_complete(const tr_module_step *step, const cJSON *values)
{
    assert(step);
    if (!cJSON_IsObject(values))
        return false;
    if (step->kind == TR_STEP_REFLECTION) {
        for (size_t i = 0; i < step->item_count; i++)
            if (!filled(cJSON_GetObjectItemCaseSensitive(values, step->items[i].id)))
                return false;
        return true;
    }
    for (size_t p = 0; p < step->page_count; p++)
        for (size_t f = 0; f < step->pages[p].field_count; f++) {
            const tr_module_field *fd = &step->pages[p].fields[f];
            if (fd->required && !filled(cJSON_GetObjectItemCaseSensitive(values, fd->id)))
                return false;
        }
    return true;
}

/* A copy of values without computed fields (they are never stored). */
static cJSON *stored_values(const tr_module_step *step, const cJSON *values)
{
    cJSON *copy = cJSON_Duplicate(values, 1);
    if (!copy || (step->kind != TR_STEP_EXERCISE && step->kind != TR_STEP_WORKSHEET))
        return copy;
    cJSON *v = copy->child;
    while (v) {
        cJSON *next = v->next;
        const tr_module_field *f = tr_module_field_find(step, v->string);
        assert(f); /* tr_module_values_check ran first */
        if (f->type == TR_FIELD_COMPUTED) {
            cJSON_Delete(cJSON_DetachItemViaPointer(copy, v));
        } else if (f->type == TR_FIELD_LIST && cJSON_IsArray(v)) {
            for (cJSON *row = v->child; row; row = row->next)
                for (size_t c = 0; c < f->column_count; c++)
                    if (f->columns[c].type == TR_FIELD_COMPUTED)
                        cJSON_DeleteItemFromObjectCaseSensitive(row, f->columns[c].id);
        }
        v = next;
    }
    return copy;
}

static const tr_module_step *entry_step(const tr_module *m, const char *step_id,
                                        const char *entry_id, const char *ts, tr_error *err)
{
    const tr_module_step *step = tr_module_step_find(m, step_id);
    if (!step) {
        tr_error_set(err, TR_E_NOTFOUND, "module %s has no step \"%s\"", m->id,
                     step_id ? step_id : "(null)");
        return NULL;
    }
    if (step->kind == TR_STEP_READING) {
        tr_error_set(err, TR_E_INVALID, "step %s is reading: it takes no entries", step->id);
        return NULL;
    }
    if (!entry_id || !entry_id[0] || strlen(entry_id) > 64 || !ts || !ts[0]) {
        tr_error_set(err, TR_E_INVALID,
                     "an entry record needs an entry id (1-64 bytes) and a "
                     "time stamp");
        return NULL;
    }
    return step;
}

cJSON *tr_module_entry_record(const tr_module *m, const char *step_id, const char *entry_id,
                              const cJSON *values, const char *ts, tr_error *err)
{
    assert(m);
    const tr_module_step *step = entry_step(m, step_id, entry_id, ts, err);
    if (!step || tr_module_values_check(step, values, err) != TR_OK)
        return NULL;
    cJSON *r = new_record("module_entry", ts, m, step_id);
    cJSON *copy = r ? stored_values(step, values) : NULL;
    if (!copy || !cJSON_AddStringToObject(r, "entry", entry_id) ||
        !cJSON_AddStringToObject(r, "op", "save") || !cJSON_AddItemToObject(r, "values", copy)) {
        if (!cJSON_GetObjectItemCaseSensitive(r, "values"))
            cJSON_Delete(copy);
        cJSON_Delete(r);
        tr_error_set(err, TR_E_NOMEM, "out of memory building an entry record");
        return NULL;
    }
    return r;
}

cJSON *tr_module_delete_record(const tr_module *m, const char *step_id, const char *entry_id,
                               const char *ts, tr_error *err)
{
    assert(m);
    if (!entry_step(m, step_id, entry_id, ts, err))
        return NULL;
    cJSON *r = new_record("module_entry", ts, m, step_id);
    if (!r || !cJSON_AddStringToObject(r, "entry", entry_id) ||
        !cJSON_AddStringToObject(r, "op", "delete") ||
        !cJSON_AddItemToObject(r, "values", cJSON_CreateObject())) {
        cJSON_Delete(r);
        tr_error_set(err, TR_E_NOMEM, "out of memory building a delete record");
        return NULL;
    }
    return r;
}

/* ---- references --------------------------------------------------------------------- */

/* The values of the live entry of another step that was saved last (what the client last
 * worked on), or NULL. */
static const cJSON *newest_values(const tr_module *m, const char *step_id, const cJSON *records)
{
    tr_module_entries e = {0};
    if (tr_module_entries_of(m, step_id, records, &e, NULL) != TR_OK || e.count == 0)
        return NULL;
    const cJSON *newest = NULL;
    for (const cJSON *r = records->child; r; r = r->next) {
        if (!record_is(r, "module_entry", m, step_id))
            continue;
        const char *id = str_member(r, "entry");
        for (size_t i = 0; id && i < e.count; i++)
            if (strcmp(e.items[i].id, id) == 0 &&
                e.items[i].values == cJSON_GetObjectItemCaseSensitive(r, "values"))
                newest = e.items[i].values;
    }
    tr_module_entries_free(&e);
    return newest;
}

const cJSON *tr_module_ref_value(const tr_module *m, const tr_module_step *step, const char *ref,
                                 const cJSON *values, const cJSON *records,
                                 const tr_module_field **field)
{
    assert(m && step);
    if (field)
        *field = NULL;
    if (!ref)
        return NULL;
    const char *dot = strchr(ref, '.');
    const tr_module_step *src = step;
    const char *fid = ref;
    const cJSON *from = values;
    if (dot) {
        char sid[48];
        size_t len = (size_t)(dot - ref);
        if (len >= sizeof sid)
            return NULL;
        memcpy(sid, ref, len);
        sid[len] = '\0';
        if (!(src = tr_module_step_find(m, sid)))
            return NULL;
        fid = dot + 1;
        from = cJSON_IsArray(records) ? newest_values(m, sid, records) : NULL;
    }
    const tr_module_field *f = tr_module_field_find(src, fid);
    if (field)
        *field = f;
    const cJSON *v = f && cJSON_IsObject(from) ? cJSON_GetObjectItemCaseSensitive(from, fid) : NULL;
    return filled(v) ? v : NULL;
}

cJSON *tr_module_options_of(const tr_module *m, const tr_module_field *field, const cJSON *records,
                            tr_error *err)
{
    assert(m && field);
    const char *from = field->options_from;
    const char *d1 = from ? strchr(from, '.') : NULL, *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
    char sid[48], lid[48];
    if (!d2 || (size_t)(d1 - from) >= sizeof sid || (size_t)(d2 - d1 - 1) >= sizeof lid) {
        tr_error_set(err, TR_E_INVALID, "field %s takes no options from another step",
                     field->id ? field->id : "?");
        return NULL;
    }
    memcpy(sid, from, (size_t)(d1 - from));
    sid[d1 - from] = '\0';
    memcpy(lid, d1 + 1, (size_t)(d2 - d1 - 1));
    lid[d2 - d1 - 1] = '\0';
    cJSON *out = cJSON_CreateArray();
    if (!out) {
        tr_error_set(err, TR_E_NOMEM, "out of memory listing options");
        return NULL;
    }
    const cJSON *values = cJSON_IsArray(records) ? newest_values(m, sid, records) : NULL;
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(values, lid);
    const cJSON *row;
    cJSON_ArrayForEach(row, rows)
    {
        const char *s = str_member(row, d2 + 1);
        if (!s || !filled(cJSON_GetObjectItemCaseSensitive(row, d2 + 1)))
            continue;
        bool seen = false;
        const cJSON *o;
        cJSON_ArrayForEach(o, out) seen = seen || strcmp(o->valuestring, s) == 0;
        if (seen)
            continue;
        cJSON *item = cJSON_CreateString(s);
        if (!item || !cJSON_AddItemToArray(out, item)) {
            cJSON_Delete(item);
            cJSON_Delete(out);
            tr_error_set(err, TR_E_NOMEM, "out of memory listing options");
            return NULL;
        }
    }
    return out;
}
