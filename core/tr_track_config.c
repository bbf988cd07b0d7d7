/* tr_track_config: reads content/tracking.json strictly (see tr_track.h and OUTCOME.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_path.h"
#include "tr_json.h"
#include "tr_track.h"

typedef struct pctx {
    const char *name;
    tr_error *err;
} pctx;

static tr_status bad(pctx *pc, const char *path, const char *what)
{
    return tr_error_set(pc->err, TR_E_INVALID, "%s: %s: %s", pc->name, path, what);
}

static tr_status want_object(pctx *pc, const cJSON *j, const char *path, const char *const *keys)
{
    const cJSON *f;
    char msg[256];
    if (!cJSON_IsObject(j))
        return bad(pc, path, "expected an object");
    cJSON_ArrayForEach(f, j)
    {
        const char *const *k = keys;
        const cJSON *g;
        while (*k && strcmp(*k, f->string) != 0)
            k++;
        if (!*k) {
            snprintf(msg, sizeof msg, "unknown key \"%.64s\" (a typo?)", f->string);
            return bad(pc, path, msg);
        }
        for (g = f->next; g; g = g->next) {
            if (strcmp(g->string, f->string) == 0) {
                snprintf(msg, sizeof msg, "key \"%.64s\" is given twice", f->string);
                return bad(pc, path, msg);
            }
        }
    }
    return TR_OK;
}

static int id_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= TR_TRACK_ID_MAX)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
              *p == '.'))
            return 0;
    return 1;
}

/* An id string (lowercase letters, digits, _ - .); required unless dst may stay "". */
static tr_status get_id(pctx *pc, const cJSON *obj, const char *path, const char *key, char *dst,
                        int required)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, key);
    char p[160];
    snprintf(p, sizeof p, "%s.%s", path, key);
    dst[0] = '\0';
    if (!f && !required)
        return TR_OK;
    if (!f)
        return bad(pc, p, "is missing");
    if (!cJSON_IsString(f) || !id_ok(f->valuestring))
        return bad(pc, p, "expected an id: 1-63 lowercase letters, digits, '_', '-' or '.'");
    memcpy(dst, f->valuestring, strlen(f->valuestring) + 1);
    return TR_OK;
}

static tr_status get_num(pctx *pc, const cJSON *obj, const char *path, const char *key, double min,
                         double max, int whole, double dflt, double *dst)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, key);
    char p[160], msg[128];
    snprintf(p, sizeof p, "%s.%s", path, key);
    if (!f && !isnan(dflt)) {
        *dst = dflt;
        return TR_OK;
    }
    if (!f)
        return bad(pc, p, "is missing");
    if (!cJSON_IsNumber(f) || f->valuedouble < min || f->valuedouble > max ||
        (whole && f->valuedouble != floor(f->valuedouble))) {
        snprintf(msg, sizeof msg, "expected a %s from %g to %g", whole ? "whole number" : "number",
                 min, max);
        return bad(pc, p, msg);
    }
    *dst = f->valuedouble;
    return TR_OK;
}

static tr_status get_int(pctx *pc, const cJSON *obj, const char *path, const char *key, int min,
                         int max, double dflt, int *dst)
{
    double v = 0;
    tr_status st = get_num(pc, obj, path, key, min, max, 1, dflt, &v);
    *dst = (int)v;
    return st;
}

static tr_status want_array(pctx *pc, const cJSON *j, const char *path, size_t max_items)
{
    char msg[96];
    if (!cJSON_IsArray(j))
        return bad(pc, path, "expected an array");
    if ((size_t)cJSON_GetArraySize(j) > max_items) {
        snprintf(msg, sizeof msg, "at most %zu entries are allowed", max_items);
        return bad(pc, path, msg);
    }
    return TR_OK;
}

/* Reads an optional "summary" kind into *out (NONE when absent). */
static tr_status get_summary(pctx *pc, const cJSON *obj, const char *path,
                             tr_track_summary_kind *out)
{
    static const char *const names[] = {"", "recent_average", "group_change", "difference",
                                        "best_group"};
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, "summary");
    char p[160];
    *out = TR_SUMMARY_NONE;
    if (!f)
        return TR_OK;
    for (int k = 1; k < 5; k++) {
        if (cJSON_IsString(f) && strcmp(f->valuestring, names[k]) == 0) {
            *out = (tr_track_summary_kind)k;
            return TR_OK;
        }
    }
    snprintf(p, sizeof p, "%s.summary", path);
    return bad(pc, p,
               "expected \"recent_average\", \"group_change\", \"difference\" or "
               "\"best_group\"");
}

static tr_status parse_outcome(pctx *pc, const cJSON *j, tr_track_config *c)
{
    static const char *const keys[] = {"depression", "anxiety", "finished_sessions",
                                       "occasion_window_hours", NULL};
    tr_status st;
    if ((st = want_object(pc, j, "$.outcome", keys)) ||
        (st = get_id(pc, j, "$.outcome", "depression", c->depression, 1)) ||
        (st = get_id(pc, j, "$.outcome", "anxiety", c->anxiety, 1)) ||
        (st = get_int(pc, j, "$.outcome", "finished_sessions", 1, 100, NAN,
                      &c->finished_sessions)) ||
        (st = get_int(pc, j, "$.outcome", "occasion_window_hours", 0, 72, NAN,
                      &c->occasion_window_hours)))
        return st;
    if (strcmp(c->depression, c->anxiety) == 0)
        return bad(pc, "$.outcome", "depression and anxiety must be different instruments");
    return TR_OK;
}

static tr_status parse_measures(pctx *pc, const cJSON *j, tr_track_config *c)
{
    static const char *const keys[] = {"due_early_hours", "instruments", NULL};
    static const char *const mkeys[] = {"instrument", "every_days", NULL};
    const cJSON *list, *el;
    char path[96];
    tr_status st;
    if ((st = want_object(pc, j, "$.measures", keys)) ||
        (st = get_int(pc, j, "$.measures", "due_early_hours", 0, 72, NAN, &c->due_early_hours)))
        return st;
    list = cJSON_GetObjectItemCaseSensitive(j, "instruments");
    if ((st = want_array(pc, list, "$.measures.instruments", TR_TRACK_MAX_MEASURES)))
        return st;
    cJSON_ArrayForEach(el, list)
    {
        tr_track_measure *m = &c->measures[c->n_measures];
        snprintf(path, sizeof path, "$.measures.instruments[%zu]", c->n_measures);
        if ((st = want_object(pc, el, path, mkeys)) ||
            (st = get_id(pc, el, path, "instrument", m->instrument, 1)) ||
            (st = get_int(pc, el, path, "every_days", 1, 365, NAN, &m->every_days)))
            return st;
        for (size_t k = 0; k < c->n_measures; k++)
            if (strcmp(c->measures[k].instrument, m->instrument) == 0)
                return bad(pc, path, "this instrument is scheduled twice");
        c->n_measures++;
    }
    return TR_OK;
}

static tr_status parse_checkin(pctx *pc, const cJSON *j, tr_track_config *c)
{
    static const char *const keys[] = {"every_days", "fields", NULL};
    static const char *const fkeys[] = {"id", "kind", "min", "max", "max_length", "summary", NULL};
    const cJSON *list, *el, *kind;
    char path[96];
    tr_status st;
    if ((st = want_object(pc, j, "$.checkin", keys)) ||
        (st = get_int(pc, j, "$.checkin", "every_days", 1, 365, NAN, &c->checkin_every_days)))
        return st;
    list = cJSON_GetObjectItemCaseSensitive(j, "fields");
    if ((st = want_array(pc, list, "$.checkin.fields", TR_TRACK_MAX_FIELDS)))
        return st;
    cJSON_ArrayForEach(el, list)
    {
        tr_track_field *f = &c->checkin[c->n_checkin];
        snprintf(path, sizeof path, "$.checkin.fields[%zu]", c->n_checkin);
        if ((st = want_object(pc, el, path, fkeys)) || (st = get_id(pc, el, path, "id", f->id, 1)))
            return st;
        kind = cJSON_GetObjectItemCaseSensitive(el, "kind");
        if (!cJSON_IsString(kind) ||
            (strcmp(kind->valuestring, "scale") != 0 && strcmp(kind->valuestring, "number") != 0 &&
             strcmp(kind->valuestring, "text") != 0))
            return bad(pc, path, "\"kind\" must be \"scale\", \"number\" or \"text\"");
        f->kind = kind->valuestring[0] == 's'   ? TR_TRACK_SCALE
                  : kind->valuestring[0] == 'n' ? TR_TRACK_NUMBER
                                                : TR_TRACK_TEXT;
        if ((st = get_summary(pc, el, path, &f->summary)))
            return st;
        if (f->summary != TR_SUMMARY_NONE &&
            (f->kind == TR_TRACK_TEXT || f->summary != TR_SUMMARY_RECENT_AVERAGE))
            return bad(pc, path,
                       "a check-in field can only have \"summary\": "
                       "\"recent_average\", and only when it is a number or scale");
        if (f->kind == TR_TRACK_TEXT) {
            if (cJSON_GetObjectItemCaseSensitive(el, "min") ||
                cJSON_GetObjectItemCaseSensitive(el, "max"))
                return bad(pc, path, "a text field has max_length, not min or max");
            if ((st = get_int(pc, el, path, "max_length", 1, 4000, NAN, &f->max_length)))
                return st;
        } else {
            if (cJSON_GetObjectItemCaseSensitive(el, "max_length"))
                return bad(pc, path, "max_length is only for text fields");
            if ((st = get_num(pc, el, path, "min", -1e6, 1e6, f->kind == TR_TRACK_SCALE, NAN,
                              &f->min)) ||
                (st = get_num(pc, el, path, "max", -1e6, 1e6, f->kind == TR_TRACK_SCALE, NAN,
                              &f->max)))
                return st;
            if (f->min >= f->max)
                return bad(pc, path, "min must be below max");
        }
        for (size_t k = 0; k < c->n_checkin; k++)
            if (strcmp(c->checkin[k].id, f->id) == 0)
                return bad(pc, path, "this field id is used twice");
        c->n_checkin++;
    }
    return TR_OK;
}

static tr_status check_module_summary(pctx *pc, const cJSON *el, const char *path,
                                      tr_track_module_series *s)
{
    const cJSON *sf = cJSON_GetObjectItemCaseSensitive(el, "summary_field");
    tr_status st;
    if ((st = get_summary(pc, el, path, &s->summary)))
        return st;
    s->summary_field = 0;
    if (sf) {
        size_t k = 0;
        while (k < s->n_fields &&
               !(cJSON_IsString(sf) && strcmp(sf->valuestring, s->fields[k]) == 0))
            k++;
        if (k == s->n_fields || s->summary == TR_SUMMARY_NONE)
            return bad(pc, path, "\"summary_field\" must be one of \"fields\", with a \"summary\"");
        s->summary_field = k;
    }
    if (s->summary == TR_SUMMARY_DIFFERENCE && s->n_fields < 2)
        return bad(pc, path,
                   "\"summary\": \"difference\" needs two fields (it is the second "
                   "minus the first)");
    if ((s->summary == TR_SUMMARY_GROUP_CHANGE || s->summary == TR_SUMMARY_BEST_GROUP) &&
        !s->group_field[0])
        return bad(pc, path, "this \"summary\" needs a \"group_field\"");
    return TR_OK;
}

static tr_status parse_module_series(pctx *pc, const cJSON *list, tr_track_config *c)
{
    static const char *const keys[] = {"id",   "module", "step",    "date_field",    "group_field",
                                       "rows", "fields", "summary", "summary_field", NULL};
    const cJSON *el, *fields, *f;
    char path[96], fpath[128];
    tr_status st;
    if ((st = want_array(pc, list, "$.module_series", TR_TRACK_MAX_MODULE)))
        return st;
    cJSON_ArrayForEach(el, list)
    {
        tr_track_module_series *s = &c->module[c->n_module];
        snprintf(path, sizeof path, "$.module_series[%zu]", c->n_module);
        if ((st = want_object(pc, el, path, keys)) || (st = get_id(pc, el, path, "id", s->id, 1)) ||
            (st = get_id(pc, el, path, "module", s->module, 1)) ||
            (st = get_id(pc, el, path, "step", s->step, 0)) ||
            (st = get_id(pc, el, path, "date_field", s->date_field, 0)) ||
            (st = get_id(pc, el, path, "group_field", s->group_field, 0)) ||
            (st = get_id(pc, el, path, "rows", s->rows, 0)))
            return st;
        fields = cJSON_GetObjectItemCaseSensitive(el, "fields");
        snprintf(fpath, sizeof fpath, "%s.fields", path);
        if ((st = want_array(pc, fields, fpath, TR_TRACK_MAX_VALUES)))
            return st;
        if (cJSON_GetArraySize(fields) == 0)
            return bad(pc, fpath, "name at least one numeric field to chart");
        cJSON_ArrayForEach(f, fields)
        {
            snprintf(fpath, sizeof fpath, "%s.fields[%zu]", path, s->n_fields);
            if (!cJSON_IsString(f) || !id_ok(f->valuestring))
                return bad(pc, fpath, "expected a field id");
            memcpy(s->fields[s->n_fields++], f->valuestring, strlen(f->valuestring) + 1);
        }
        if ((st = check_module_summary(pc, el, path, s)))
            return st;
        for (size_t k = 0; k < c->n_module; k++)
            if (strcmp(c->module[k].id, s->id) == 0)
                return bad(pc, path, "this series id is used twice");
        c->n_module++;
    }
    return TR_OK;
}

tr_status tr_track_config_parse(const char *buf, size_t len, const char *name, tr_track_config *out,
                                tr_error *err)
{
    static const char *const keys[] = {"format",  "about",         "outcome", "measures",
                                       "checkin", "module_series", NULL};
    pctx pc = {name, err};
    const cJSON *about, *series;
    cJSON *root;
    int format = 0;
    tr_status st;

    memset(out, 0, sizeof *out);
    root = tr_json_parse(buf, len, name, err);
    if (!root)
        return err ? err->status : TR_E_PARSE;
    if ((st = want_object(&pc, root, "$", keys)) ||
        (st = get_int(&pc, root, "$", "format", 1, 1000, NAN, &format)))
        goto fail;
    if (format != 1) {
        st = tr_error_set(err, TR_E_VERSION,
                          "%s: $.format: this build reads format 1, not %d (update Trinn)", name,
                          format);
        goto fail;
    }
    about = cJSON_GetObjectItemCaseSensitive(root, "about");
    if (about && !cJSON_IsString(about)) {
        st = bad(&pc, "$.about", "expected a text for people reading the file");
        goto fail;
    }
    if ((st = parse_outcome(&pc, cJSON_GetObjectItemCaseSensitive(root, "outcome"), out)) ||
        (st = parse_measures(&pc, cJSON_GetObjectItemCaseSensitive(root, "measures"), out)) ||
        (st = parse_checkin(&pc, cJSON_GetObjectItemCaseSensitive(root, "checkin"), out)))
        goto fail;
    series = cJSON_GetObjectItemCaseSensitive(root, "module_series");
    if (series && (st = parse_module_series(&pc, series, out)))
        goto fail;
    cJSON_Delete(root);
    return TR_OK;
fail:
    cJSON_Delete(root);
    memset(out, 0, sizeof *out);
    return st;
}

tr_status tr_track_config_load(const char *content_dir, tr_track_config *out, tr_error *err)
{
    char path[4096];
    char *text = NULL;
    size_t len = 0;
    cJSON *root;
    tr_status st;
    if (tp_path_join(path, sizeof path, content_dir, "tracking.json") != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the content path is too long", content_dir);
    root = tr_json_load_file_text(path, &text, &len, err);
    if (!root)
        return err ? err->status : TR_E_IO;
    cJSON_Delete(root);
    st = tr_track_config_parse(text, len, path, out, err);
    free(text);
    return st;
}

tr_status tr_track_outcome_config(const tr_track_config *cfg, const tr_track_scale *scales,
                                  size_t n_scales, tr_outcome_config *out, tr_error *err)
{
    const char *ids[TR_OUTCOME_NMEASURES] = {cfg->depression, cfg->anxiety};
    memset(out, 0, sizeof *out);
    for (int m = 0; m < TR_OUTCOME_NMEASURES; m++) {
        const tr_track_scale *s = NULL;
        for (size_t i = 0; i < n_scales && !s; i++)
            if (strcmp(scales[i].id, ids[m]) == 0)
                s = &scales[i];
        if (!s)
            return tr_error_set(err, TR_E_NOTFOUND,
                                "outcome measure '%s' is not an instrument of the content pack",
                                ids[m]);
        if (s->max != floor(s->max) || s->caseness != floor(s->caseness) ||
            s->reliable_change != floor(s->reliable_change) || s->caseness <= 0 ||
            s->reliable_change <= 0 || s->max > 10000)
            return tr_error_set(err, TR_E_INVALID,
                                "outcome measure '%s' needs a whole-number range, caseness "
                                "cut-off and reliable-change value",
                                ids[m]);
        snprintf(out->scale[m].id, sizeof out->scale[m].id, "%s", ids[m]);
        out->scale[m].max = (int)s->max;
        out->scale[m].caseness = (int)s->caseness;
        out->scale[m].reliable_change = (int)s->reliable_change;
    }
    out->finished_sessions = cfg->finished_sessions;
    return tr_outcome_config_check(out, err);
}
