/* tr_track_json: series and due lists as JSON, for trinnctl and reports (tr_track.h). */
#include <math.h>
#include <stdio.h>

#include "tp_clock.h"
#include "tr_track.h"

static cJSON *number_or_null(double v)
{
    return isnan(v) ? cJSON_CreateNull() : cJSON_CreateNumber(v);
}

static int add(cJSON *obj, const char *key, cJSON *item)
{
    if (!item)
        return 0;
    cJSON_AddItemToObject(obj, key, item);
    return 1;
}

static cJSON *time_json(int64_t t)
{
    char buf[32];
    if (tp_clock_format(t, buf, sizeof buf) != 0)
        return cJSON_CreateNull();
    return cJSON_CreateString(buf);
}

static cJSON *scale_json(const tr_track_scale *sc)
{
    cJSON *j = cJSON_CreateObject(), *bands;
    if (!j || !cJSON_AddNumberToObject(j, "max", sc->max) ||
        !add(j, "caseness", number_or_null(sc->caseness)) ||
        !add(j, "reliable_change", number_or_null(sc->reliable_change)) ||
        !(bands = cJSON_AddArrayToObject(j, "bands")))
        goto fail;
    for (size_t i = 0; i < sc->n_bands; i++) {
        cJSON *b = cJSON_CreateObject();
        if (!b)
            goto fail;
        cJSON_AddItemToArray(bands, b);
        if (!cJSON_AddStringToObject(b, "id", sc->bands[i].id) ||
            !cJSON_AddNumberToObject(b, "min", sc->bands[i].min) ||
            !cJSON_AddNumberToObject(b, "max", sc->bands[i].max))
            goto fail;
    }
    return j;
fail:
    cJSON_Delete(j);
    return NULL;
}

static cJSON *point_json(const tr_track_series *s, const tr_track_point *p)
{
    cJSON *j = cJSON_CreateObject(), *v;
    if (!j || !add(j, "ts", time_json(p->ts)) || !(v = cJSON_AddArrayToObject(j, "v")))
        goto fail;
    for (size_t f = 0; f < s->n_fields; f++) {
        cJSON *x = number_or_null(p->v[f]);
        if (!x)
            goto fail;
        cJSON_AddItemToArray(v, x);
    }
    if (!cJSON_AddNumberToObject(j, "mark", p->mark) ||
        (p->group && !cJSON_AddStringToObject(j, "group", p->group)))
        goto fail;
    return j;
fail:
    cJSON_Delete(j);
    return NULL;
}

cJSON *tr_track_series_to_json(const tr_track_series *s)
{
    static const char *const kinds[] = {"measure", "checkin", "module"};
    cJSON *j = cJSON_CreateObject(), *fields, *points;
    if (!j || !cJSON_AddStringToObject(j, "id", s->id) ||
        !cJSON_AddStringToObject(j, "kind", kinds[s->kind]) ||
        !(fields = cJSON_AddArrayToObject(j, "fields")))
        goto fail;
    for (size_t f = 0; f < s->n_fields; f++) {
        cJSON *x = cJSON_CreateString(s->fields[f]);
        if (!x)
            goto fail;
        cJSON_AddItemToArray(fields, x);
    }
    if (s->scale && !add(j, "scale", scale_json(s->scale)))
        goto fail;
    if (!(points = cJSON_AddArrayToObject(j, "points")))
        goto fail;
    for (size_t i = 0; i < s->n_points; i++) {
        cJSON *p = point_json(s, &s->points[i]);
        if (!p)
            goto fail;
        cJSON_AddItemToArray(points, p);
    }
    return j;
fail:
    cJSON_Delete(j);
    return NULL;
}

cJSON *tr_track_due_to_json(const tr_track_due *due, size_t n)
{
    cJSON *j = cJSON_CreateArray();
    if (!j)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        cJSON *d = cJSON_CreateObject();
        if (!d)
            goto fail;
        cJSON_AddItemToArray(j, d);
        if (!cJSON_AddStringToObject(d, "what", due[i].what) ||
            !cJSON_AddBoolToObject(d, "due", due[i].due) ||
            !add(d, "last", due[i].last ? time_json(due[i].last) : cJSON_CreateNull()) ||
            !add(d, "next", time_json(due[i].next)))
            goto fail;
    }
    return j;
fail:
    cJSON_Delete(j);
    return NULL;
}
