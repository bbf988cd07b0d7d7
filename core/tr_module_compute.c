/* tr_module_compute: computed fields (FORMAT.md "Computed fields"). Expressions are
 * JsonLogic run by tr_logic; this file turns an entry's stored values into the numbers the
 * expressions see (times as minutes after midnight, dates as days since 1970-01-01), refuses
 * to guess when a value is missing, and formats results for display. */
#include "tr_module.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_logic.h"

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The value a stored field value has inside an expression, as a new cJSON (NULL = empty). */
static cJSON *expr_value(const tr_module_field *f, const cJSON *v)
{
    int a, b, c;
    if (!v || cJSON_IsNull(v))
        return NULL;
    switch (f->type) {
    case TR_FIELD_TIME:
        if (cJSON_IsString(v) && strlen(v->valuestring) == 5 && digits(v->valuestring, 2, &a) &&
            digits(v->valuestring + 3, 2, &b))
            return cJSON_CreateNumber(a * 60 + b);
        return NULL;
    case TR_FIELD_DATE:
        if (cJSON_IsString(v) && strlen(v->valuestring) == 10 && digits(v->valuestring, 4, &a) &&
            digits(v->valuestring + 5, 2, &b) && digits(v->valuestring + 8, 2, &c))
            return cJSON_CreateNumber((double)days_from_civil(a, b, c));
        return NULL;
    case TR_FIELD_RATING:
    case TR_FIELD_NUMBER:
    case TR_FIELD_COMPUTED:
        return cJSON_IsNumber(v) && isfinite(v->valuedouble) ? cJSON_CreateNumber(v->valuedouble)
                                                             : NULL;
    case TR_FIELD_TEXT:
    case TR_FIELD_CHOICE:
        if (cJSON_IsString(v) && v->valuestring[strspn(v->valuestring, " \t\r\n")])
            return cJSON_CreateString(v->valuestring);
        return NULL;
    case TR_FIELD_LIST:
        return NULL;
    }
    return NULL;
}

/* Every {"var": name} of expr is present in data (as a non-null value). */
static bool vars_present(const cJSON *expr, const cJSON *data)
{
    if (cJSON_IsArray(expr)) {
        for (const cJSON *a = expr->child; a; a = a->next)
            if (!vars_present(a, data))
                return false;
        return true;
    }
    if (!cJSON_IsObject(expr) || !expr->child)
        return true;
    if (strcmp(expr->child->string, "var") == 0)
        return cJSON_IsString(expr->child) &&
               cJSON_GetObjectItemCaseSensitive(data, expr->child->valuestring) != NULL;
    return vars_present(expr->child, data);
}

/* Sets obj[key] to a number or null. false when out of memory. */
static bool put(cJSON *obj, const char *key, double value, bool ok)
{
    cJSON *v = ok && isfinite(value) ? cJSON_CreateNumber(value) : cJSON_CreateNull();
    if (!v)
        return false;
    if (cJSON_GetObjectItemCaseSensitive(obj, key))
        return cJSON_ReplaceItemInObjectCaseSensitive(obj, key, v);
    return cJSON_AddItemToObject(obj, key, v);
}

/* Computes the computed fields among fields[0..n) in place in obj (an entry or a row). */
static tr_status compute_scope(const tr_module_field *const *fields, size_t n, cJSON *obj,
                               tr_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const tr_module_field *f = fields[i];
        if (f->type == TR_FIELD_LIST) {
            cJSON *rows = cJSON_GetObjectItemCaseSensitive(obj, f->id);
            const tr_module_field *cols[16];
            assert(f->column_count <= 16);
            for (size_t c = 0; c < f->column_count; c++)
                cols[c] = &f->columns[c];
            cJSON *row;
            cJSON_ArrayForEach(row, rows)
            {
                if (!cJSON_IsObject(row))
                    continue;
                tr_status st = compute_scope(cols, f->column_count, row, err);
                if (st != TR_OK)
                    return st;
            }
            continue;
        }
        if (f->type != TR_FIELD_COMPUTED)
            continue;
        double value = 0;
        bool ok = false;
        if (f->sum_list) {
            const cJSON *rows = cJSON_GetObjectItemCaseSensitive(obj, f->sum_list);
            const cJSON *row;
            ok = true;
            cJSON_ArrayForEach(row, rows)
            {
                const cJSON *cell = cJSON_GetObjectItemCaseSensitive(row, f->sum_column);
                if (cJSON_IsNumber(cell) && isfinite(cell->valuedouble))
                    value += cell->valuedouble;
            }
        } else {
            /* the data the expression sees: every field of the scope that has a value */
            cJSON *data = cJSON_CreateObject();
            if (!data)
                return tr_error_set(err, TR_E_NOMEM, "out of memory computing %s", f->id);
            for (size_t j = 0; j < n; j++) {
                if (fields[j]->type == TR_FIELD_COMPUTED && j >= i)
                    continue;
                cJSON *v =
                    expr_value(fields[j], cJSON_GetObjectItemCaseSensitive(obj, fields[j]->id));
                if (v && !cJSON_AddItemToObject(data, fields[j]->id, v))
                    cJSON_Delete(v);
            }
            if (vars_present(f->expr, data)) {
                /* an expression that cannot run (the validator allows only arithmetic, so
                 * only a bound or memory) leaves the value empty rather than guessed */
                tr_error lerr = {0};
                cJSON *result = tr_logic_apply(f->expr, data, &lerr);
                if (!result && lerr.status == TR_E_NOMEM) {
                    cJSON_Delete(data);
                    return tr_error_set(err, TR_E_NOMEM, "out of memory computing %s", f->id);
                }
                if (cJSON_IsNumber(result)) {
                    value = result->valuedouble;
                    ok = true;
                }
                cJSON_Delete(result);
            }
            cJSON_Delete(data);
        }
        if (!put(obj, f->id, value, ok))
            return tr_error_set(err, TR_E_NOMEM, "out of memory computing %s", f->id);
    }
    return TR_OK;
}

cJSON *tr_module_compute(const tr_module_step *step, const cJSON *values, tr_error *err)
{
    assert(step);
    if (!cJSON_IsObject(values)) {
        tr_error_set(err, TR_E_INVALID, "step %s: the values must be a JSON object", step->id);
        return NULL;
    }
    cJSON *out = cJSON_Duplicate(values, 1);
    if (!out) {
        tr_error_set(err, TR_E_NOMEM, "out of memory computing step %s", step->id);
        return NULL;
    }
    size_t n = 0;
    for (size_t p = 0; p < step->page_count; p++)
        n += step->pages[p].field_count;
    if (n == 0)
        return out;
    const tr_module_field **fields = calloc(n, sizeof *fields);
    if (!fields) {
        cJSON_Delete(out);
        tr_error_set(err, TR_E_NOMEM, "out of memory computing step %s", step->id);
        return NULL;
    }
    size_t k = 0;
    for (size_t p = 0; p < step->page_count; p++)
        for (size_t f = 0; f < step->pages[p].field_count; f++)
            fields[k++] = &step->pages[p].fields[f];
    tr_status st = compute_scope(fields, n, out, err);
    free(fields);
    if (st != TR_OK) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}

void tr_module_format_number(const tr_module_field *field, const cJSON *value, const char *lang,
                             char *buf, size_t size)
{
    assert(field && buf && size > 0);
    if (!cJSON_IsNumber(value) || !isfinite(value->valuedouble)) {
        snprintf(buf, size, "\xe2\x80\x93"); /* an en dash: nothing to show */
        return;
    }
    double v = value->valuedouble;
    const char *unit = field->unit ? tr_module_text(field->unit, lang) : "";
    if (field->as_minutes) {
        double total = round(fabs(v));
        if (total > 1e9)
            total = 1e9;
        long mins = (long)total;
        const char *h = lang && strcmp(lang, "en") == 0 ? "h" : "t";
        snprintf(buf, size, "%s%ld %s %ld min", v < 0 && mins ? "-" : "", mins / 60, h, mins % 60);
        return;
    }
    int dec = field->decimals;
    double scale = pow(10, dec);
    double r = round(v * scale) / scale;
    if (r == 0)
        r = 0; /* no "-0" */
    snprintf(buf, size, "%.*f%s%s", dec, r, unit[0] ? " " : "", unit);
    /* Norwegian writes a decimal comma (printf's point does not depend on the locale here:
     * the core never calls setlocale) */
    char *point = dec > 0 && !(lang && strcmp(lang, "en") == 0) ? strchr(buf, '.') : NULL;
    if (point)
        *point = ',';
}
