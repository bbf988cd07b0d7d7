/* tr_logic_ops: the JsonLogic operations that work on already evaluated arguments. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tr_logic_priv.h"

static long step_index(const char *key, size_t len);
static size_t cp_offset(const char *s, double cp);
static double cp_count(const char *s);

static const cJSON *nth(const cJSON *args, int i)
{
    return cJSON_GetArrayItem(args, i); /* NULL when absent: treated as null */
}

/* data[key] for one step of a var path: object member or array index; NULL if none. */
static const cJSON *step(const cJSON *data, const char *key, size_t len)
{
    if (cJSON_IsObject(data)) {
        for (const cJSON *c = data->child; c; c = c->next)
            if (c->string && strlen(c->string) == len && memcmp(c->string, key, len) == 0)
                return c;
        return NULL;
    }
    if (cJSON_IsArray(data)) {
        long idx = step_index(key, len);
        return idx < 0 ? NULL : cJSON_GetArrayItem(data, (int)idx);
    }
    return NULL;
}

/* The array index a var step names ("0", "12"; not "01" or "-1"), or -1. */
static long step_index(const char *key, size_t len)
{
    long idx = 0;
    if (len == 0 || len > 9 || (len > 1 && key[0] == '0'))
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (key[i] < '0' || key[i] > '9')
            return -1;
        idx = idx * 10 + (key[i] - '0');
    }
    return idx;
}

/* One step of a var path that JavaScript answers with a new value: the length of an array
 * or string, or one character of a string. NULL (without error) when there is none. */
static cJSON *derived_step(const cJSON *cur, const char *key, size_t len)
{
    if ((cJSON_IsArray(cur) || cJSON_IsString(cur)) && len == 6 && memcmp(key, "length", 6) == 0)
        return cJSON_CreateNumber(cJSON_IsArray(cur) ? cJSON_GetArraySize(cur)
                                                     : cp_count(cur->valuestring));
    if (cJSON_IsString(cur)) {
        long idx = step_index(key, len);
        const char *s = cur->valuestring;
        size_t from, n;
        char ch[8];
        if (idx < 0 || (double)idx >= cp_count(s))
            return NULL;
        from = cp_offset(s, (double)idx);
        n = cp_offset(s + from, 1);
        memcpy(ch, s + from, n);
        ch[n] = '\0';
        return cJSON_CreateString(ch);
    }
    return NULL;
}

/* var: the value at a dotted path in data, or the default (args[1], else null). */
static cJSON *op_var(tr_logic_ctx *ctx, const cJSON *args, const cJSON *data)
{
    const cJSON *name = nth(args, 0), *fallback = nth(args, 1), *cur = data;
    cJSON *owned = NULL, *out;
    char *path;
    const char *p;

    if (!name || cJSON_IsNull(name) || (cJSON_IsString(name) && !name->valuestring[0]))
        return tr_logic_copy(ctx, data);
    path = tr_logic_to_string(ctx, name);
    if (!path)
        return NULL;
    p = path;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        const cJSON *next;
        if (!cur || cJSON_IsNull(cur)) {
            cur = NULL;
            break;
        }
        next = step(cur, p, len);
        if (!next) {
            cJSON *d = derived_step(cur, p, len);
            cJSON_Delete(owned);
            owned = d;
            next = d;
        }
        cur = next;
        if (!cur || !dot)
            break;
        p = dot + 1;
    }
    free(path);
    out = tr_logic_copy(ctx, cur ? cur : fallback);
    cJSON_Delete(owned);
    return out;
}

static int is_missing(tr_logic_ctx *ctx, const cJSON *key, const cJSON *data, int *missing)
{
    cJSON *args = cJSON_CreateArray(), *v;
    if (!args || !cJSON_AddItemReferenceToArray(args, (cJSON *)key)) {
        cJSON_Delete(args);
        tr_logic_fail(ctx, TR_E_NOMEM, "out of memory while evaluating a rule");
        return 0;
    }
    v = op_var(ctx, args, data);
    cJSON_Delete(args);
    if (!v)
        return 0;
    *missing = cJSON_IsNull(v) || (cJSON_IsString(v) && !v->valuestring[0]);
    cJSON_Delete(v);
    return 1;
}

/* missing: the keys (all arguments, or the array that is the first) without a value. */
static cJSON *op_missing(tr_logic_ctx *ctx, const cJSON *args, const cJSON *data)
{
    const cJSON *keys = cJSON_IsArray(nth(args, 0)) ? nth(args, 0) : args;
    cJSON *out = tr_logic_arr(ctx);
    for (const cJSON *k = keys->child; k && out; k = k->next) {
        int missing = 0;
        cJSON *copy;
        if (!is_missing(ctx, k, data, &missing))
            goto fail;
        if (!missing)
            continue;
        copy = tr_logic_copy(ctx, k);
        if (!copy)
            goto fail;
        cJSON_AddItemToArray(out, copy);
    }
    return out;
fail:
    cJSON_Delete(out);
    return NULL;
}

static cJSON *op_missing_some(tr_logic_ctx *ctx, const cJSON *args, const cJSON *data)
{
    const cJSON *need = nth(args, 0), *options = nth(args, 1);
    cJSON *wrap, *missing;
    int have;
    if (!cJSON_IsArray(options))
        return tr_logic_fail(ctx, TR_E_INVALID,
                             "missing_some needs [minimum, [\"key\", ...]] as its arguments");
    wrap = cJSON_CreateArray();
    if (!wrap || !cJSON_AddItemReferenceToArray(wrap, (cJSON *)options)) {
        cJSON_Delete(wrap);
        return tr_logic_fail(ctx, TR_E_NOMEM, "out of memory while evaluating a rule");
    }
    missing = op_missing(ctx, wrap, data);
    cJSON_Delete(wrap);
    if (!missing)
        return NULL;
    have = cJSON_GetArraySize(options) - cJSON_GetArraySize(missing);
    {
        cJSON *h = cJSON_CreateNumber(have);
        int enough;
        if (!h) {
            cJSON_Delete(missing);
            return tr_logic_fail(ctx, TR_E_NOMEM, "out of memory while evaluating a rule");
        }
        enough = tr_logic_less(need, h, 1); /* have >= need */
        cJSON_Delete(h);
        if (enough) {
            cJSON_Delete(missing);
            return tr_logic_arr(ctx);
        }
    }
    return missing;
}

/* in: a === element of an array b, or String(a) a substring of a non-empty string b. */
static cJSON *op_in(tr_logic_ctx *ctx, const cJSON *args)
{
    const cJSON *a = nth(args, 0), *b = nth(args, 1);
    int found = 0;
    if (cJSON_IsArray(b)) {
        for (const cJSON *c = b->child; c && !found; c = c->next)
            found = tr_logic_strict_eq(a, c);
    } else if (cJSON_IsString(b) && b->valuestring[0]) {
        char *s = tr_logic_to_string(ctx, a);
        if (!s)
            return NULL;
        found = strstr(b->valuestring, s) != NULL;
        free(s);
    }
    return tr_logic_bool(ctx, found);
}

static cJSON *op_cat(tr_logic_ctx *ctx, const cJSON *args)
{
    char *all = malloc(1);
    size_t len = 0, n;
    cJSON *out;
    if (!all)
        return tr_logic_fail(ctx, TR_E_NOMEM, "out of memory while evaluating a rule");
    all[0] = '\0';
    for (const cJSON *c = args->child; c; c = c->next) {
        char *s, *t;
        if (cJSON_IsNull(c))
            continue; /* Array.join writes null as "" */
        s = tr_logic_to_string(ctx, c);
        if (!s)
            goto fail;
        n = strlen(s);
        if (len + n > ctx->max_string) {
            free(s);
            tr_logic_fail(ctx, TR_E_TOOBIG, "a string in the rule grew past %zu bytes",
                          ctx->max_string);
            goto fail;
        }
        t = realloc(all, len + n + 1);
        if (!t) {
            free(s);
            tr_logic_fail(ctx, TR_E_NOMEM, "out of memory while evaluating a rule");
            goto fail;
        }
        all = t;
        memcpy(all + len, s, n + 1);
        len += n;
        free(s);
    }
    out = tr_logic_str(ctx, all);
    free(all);
    return out;
fail:
    free(all);
    return NULL;
}

/* Byte offset of code point number `cp` in s (or the end). */
static size_t cp_offset(const char *s, double cp)
{
    size_t i = 0;
    for (double k = 0; s[i] && k < cp; k++) {
        i++;
        while ((s[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

static double cp_count(const char *s)
{
    double n = 0;
    for (; *s; s++)
        n += (*s & 0xC0) != 0x80;
    return n;
}

/* JavaScript ToIntegerOrInfinity. */
static double to_integer(const cJSON *v)
{
    double x = tr_logic_to_number(v);
    if (isnan(x))
        return 0;
    return trunc(x);
}

/* substr(source, start[, length]): negative start counts from the end, negative length
 * leaves that many characters off the end. */
static cJSON *op_substr(tr_logic_ctx *ctx, const cJSON *args)
{
    const cJSON *lenv = nth(args, 2), *source = nth(args, 0);
    char *s = source ? tr_logic_to_string(ctx, source) : strdup("undefined"); /* String() */
    double size, start, len;
    size_t from, to;
    cJSON *out;
    if (!s)
        return ctx->failed ? NULL
                           : tr_logic_fail(ctx, TR_E_NOMEM, "out of memory evaluating a rule");
    size = cp_count(s);
    start = to_integer(nth(args, 1));
    if (start < 0)
        start = fmax(size + start, 0);
    start = fmin(start, size);
    if (lenv && tr_logic_less(lenv, NULL, 0)) {
        len = size - start + to_integer(lenv); /* substr(start) then drop -length at the end */
    } else if (lenv) {
        len = to_integer(lenv);
    } else {
        len = size - start;
    }
    len = fmin(fmax(len, 0), size - start);
    from = cp_offset(s, start);
    to = from + cp_offset(s + from, len);
    s[to] = '\0';
    out = tr_logic_str(ctx, s + from);
    free(s);
    return out;
}

static cJSON *op_merge(tr_logic_ctx *ctx, const cJSON *args)
{
    cJSON *out = tr_logic_arr(ctx);
    for (const cJSON *a = args->child; a && out; a = a->next) {
        const cJSON *first = cJSON_IsArray(a) ? a->child : a;
        for (const cJSON *c = first; c; c = cJSON_IsArray(a) ? c->next : NULL) {
            cJSON *copy = tr_logic_copy(ctx, c);
            if (!copy) {
                cJSON_Delete(out);
                return NULL;
            }
            cJSON_AddItemToArray(out, copy);
        }
    }
    return out;
}

static cJSON *op_minmax(tr_logic_ctx *ctx, const cJSON *args, int is_max)
{
    double r = is_max ? -INFINITY : INFINITY;
    for (const cJSON *c = args->child; c; c = c->next) {
        double x = tr_logic_to_number(c);
        if (isnan(x)) {
            r = NAN;
            break;
        }
        r = is_max ? fmax(r, x) : fmin(r, x);
    }
    return tr_logic_num(ctx, r);
}

/* Number(v) where a missing argument is JavaScript's undefined (NaN). */
static double num(const cJSON *v)
{
    return v ? tr_logic_to_number(v) : NAN;
}

/* a < b (or <=) where a missing argument (undefined) makes any comparison false. */
static int less(const cJSON *a, const cJSON *b, int or_equal)
{
    return a && b && tr_logic_less(a, b, or_equal);
}

static cJSON *op_arith(tr_logic_ctx *ctx, const char *op, const cJSON *args)
{
    const cJSON *a = nth(args, 0), *b = nth(args, 1);
    double r;
    switch (op[0]) {
    case '+':
        r = 0;
        for (const cJSON *c = args->child; c; c = c->next)
            r += tr_logic_parse_float(c);
        break;
    case '*':
        if (!a)
            return tr_logic_fail(ctx, TR_E_INVALID, "'*' needs at least one argument");
        if (!b)
            return tr_logic_copy(ctx, a); /* like Array.reduce with one element */
        r = tr_logic_parse_float(a);
        for (const cJSON *c = a->next; c; c = c->next)
            r *= tr_logic_parse_float(c);
        break;
    case '-':
        r = b ? num(a) - num(b) : -num(a);
        break;
    case '/':
        r = num(a) / num(b);
        break;
    default:
        assert(op[0] == '%');
        r = fmod(num(a), num(b));
        break;
    }
    return tr_logic_num(ctx, r);
}

cJSON *tr_logic_call(tr_logic_ctx *ctx, const char *op, const cJSON *args, const cJSON *data,
                     int *known)
{
    const cJSON *a = nth(args, 0), *b = nth(args, 1), *c = nth(args, 2);
    *known = 1;
    if (strcmp(op, "var") == 0)
        return op_var(ctx, args, data);
    if (strcmp(op, "missing") == 0)
        return op_missing(ctx, args, data);
    if (strcmp(op, "missing_some") == 0)
        return op_missing_some(ctx, args, data);
    if (strcmp(op, "==") == 0)
        return tr_logic_bool(ctx, tr_logic_loose_eq(a, b));
    if (strcmp(op, "!=") == 0)
        return tr_logic_bool(ctx, !tr_logic_loose_eq(a, b));
    if (strcmp(op, "===") == 0) /* undefined === null is false */
        return tr_logic_bool(ctx, (a != NULL) == (b != NULL) && tr_logic_strict_eq(a, b));
    if (strcmp(op, "!==") == 0)
        return tr_logic_bool(ctx, !((a != NULL) == (b != NULL) && tr_logic_strict_eq(a, b)));
    if (strcmp(op, "!") == 0)
        return tr_logic_bool(ctx, !tr_logic_truthy(a));
    if (strcmp(op, "!!") == 0)
        return tr_logic_bool(ctx, tr_logic_truthy(a));
    if (strcmp(op, ">") == 0)
        return tr_logic_bool(ctx, less(b, a, 0));
    if (strcmp(op, ">=") == 0)
        return tr_logic_bool(ctx, less(b, a, 1));
    if (strcmp(op, "<") == 0 || strcmp(op, "<=") == 0) {
        int eq = op[1] == '=';
        if (!c) /* two arguments; with three, a < b < c */
            return tr_logic_bool(ctx, less(a, b, eq));
        return tr_logic_bool(ctx, less(a, b, eq) && less(b, c, eq));
    }
    if (strcmp(op, "max") == 0 || strcmp(op, "min") == 0)
        return op_minmax(ctx, args, op[1] == 'a');
    if (strchr("+-*/%", op[0]) && op[1] == '\0')
        return op_arith(ctx, op, args);
    if (strcmp(op, "in") == 0)
        return op_in(ctx, args);
    if (strcmp(op, "cat") == 0)
        return op_cat(ctx, args);
    if (strcmp(op, "substr") == 0)
        return op_substr(ctx, args);
    if (strcmp(op, "merge") == 0)
        return op_merge(ctx, args);
    *known = 0;
    return NULL;
}
