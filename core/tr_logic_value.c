/* tr_logic_value: JavaScript values for the JsonLogic evaluator: truthiness, Number(),
 * parseFloat(), String(), ==, === and <. */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_logic_priv.h"

int tr_logic_charge(tr_logic_ctx *ctx, size_t n)
{
    if (ctx->failed)
        return 0;
    if (n > ctx->max_work || ctx->work > ctx->max_work - n) {
        tr_logic_fail(ctx, TR_E_TOOBIG,
                      "the rule needs more than %zu steps or values; simplify it or the data",
                      ctx->max_work);
        return 0;
    }
    ctx->work += n;
    return 1;
}

cJSON *tr_logic_fail(tr_logic_ctx *ctx, tr_status status, const char *fmt, ...)
{
    if (!ctx->failed) {
        va_list ap;
        ctx->failed = 1;
        if (ctx->err) {
            ctx->err->status = status;
            va_start(ap, fmt);
            vsnprintf(ctx->err->msg, sizeof ctx->err->msg, fmt, ap);
            va_end(ap);
        }
    }
    return NULL;
}

static cJSON *made(tr_logic_ctx *ctx, cJSON *v)
{
    if (!v)
        return tr_logic_fail(ctx, TR_E_NOMEM, "out of memory while evaluating a rule");
    if (!tr_logic_charge(ctx, 1)) {
        cJSON_Delete(v);
        return NULL;
    }
    return v;
}

cJSON *tr_logic_num(tr_logic_ctx *ctx, double x)
{
    return made(ctx, cJSON_CreateNumber(x));
}

cJSON *tr_logic_bool(tr_logic_ctx *ctx, int b)
{
    return made(ctx, cJSON_CreateBool(b));
}

cJSON *tr_logic_null(tr_logic_ctx *ctx)
{
    return made(ctx, cJSON_CreateNull());
}

cJSON *tr_logic_str(tr_logic_ctx *ctx, const char *s)
{
    size_t len = strlen(s);
    if (len > ctx->max_string)
        return tr_logic_fail(ctx, TR_E_TOOBIG, "a string in the rule grew past %zu bytes",
                             ctx->max_string);
    if (!tr_logic_charge(ctx, len / 64))
        return NULL;
    return made(ctx, cJSON_CreateString(s));
}

cJSON *tr_logic_arr(tr_logic_ctx *ctx)
{
    return made(ctx, cJSON_CreateArray());
}

static size_t count_nodes(const cJSON *v, size_t limit)
{
    size_t n = 1;
    for (const cJSON *c = v->child; c && n <= limit; c = c->next)
        n += count_nodes(c, limit - n);
    return n;
}

cJSON *tr_logic_copy(tr_logic_ctx *ctx, const cJSON *v)
{
    size_t left;
    if (!v)
        return tr_logic_null(ctx);
    left = ctx->max_work - ctx->work;
    if (!tr_logic_charge(ctx, count_nodes(v, left)))
        return NULL;
    v = cJSON_Duplicate(v, 1);
    if (!v)
        return tr_logic_fail(ctx, TR_E_NOMEM, "out of memory while evaluating a rule");
    return (cJSON *)v;
}

int tr_logic_truthy(const cJSON *v)
{
    if (!v)
        return 0;
    switch (v->type & 0xFF) {
    case cJSON_False:
    case cJSON_NULL:
    case cJSON_Invalid:
        return 0;
    case cJSON_True:
    case cJSON_Object:
        return 1;
    case cJSON_Number:
        return v->valuedouble != 0 && !isnan(v->valuedouble);
    case cJSON_String:
    case cJSON_Raw:
        return v->valuestring && v->valuestring[0] != '\0';
    case cJSON_Array:
        return v->child != NULL;
    default:
        return 0;
    }
}

/* ---- numbers ---------------------------------------------------------------------- */

static int js_space(const char *s, size_t *len)
{
    static const char *const wide[] = {"\xc2\xa0", "\xef\xbb\xbf", "\xe2\x80\xa8", "\xe2\x80\xa9",
                                       "\xe3\x80\x80"};
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
        *len = 1;
        return 1;
    }
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++) {
        size_t n = strlen(wide[i]);
        if (strncmp(s, wide[i], n) == 0) {
            *len = n;
            return 1;
        }
    }
    if (c == 0xe2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] >= 0x80 &&
        (unsigned char)s[2] <= 0x8a) { /* U+2000..U+200A */
        *len = 3;
        return 1;
    }
    return 0;
}

static const char *skip_space(const char *s)
{
    size_t n;
    while (*s && js_space(s, &n))
        s += n;
    return s;
}

/* Length of the longest prefix of s that is a StrDecimalLiteral (sign, digits, fraction,
 * exponent, or Infinity); 0 when there is none. */
static size_t decimal_prefix(const char *s)
{
    size_t i = 0, digits = 0, j;
    if (s[i] == '+' || s[i] == '-')
        i++;
    if (strncmp(s + i, "Infinity", 8) == 0)
        return i + 8;
    while (s[i] >= '0' && s[i] <= '9')
        i++, digits++;
    if (s[i] == '.') {
        j = i + 1;
        while (s[j] >= '0' && s[j] <= '9')
            j++, digits++;
        if (digits)
            i = j;
    }
    if (!digits)
        return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        j = i + 1;
        if (s[j] == '+' || s[j] == '-')
            j++;
        if (s[j] >= '0' && s[j] <= '9') {
            while (s[j] >= '0' && s[j] <= '9')
                j++;
            i = j;
        }
    }
    return i;
}

static double decimal_value(const char *s, size_t len)
{
    char buf[512];
    const char *p = s;
    int neg = 0;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    if (strncmp(p, "Infinity", 8) == 0)
        return neg ? -INFINITY : INFINITY;
    if (len < sizeof buf) {
        memcpy(buf, s, len);
        buf[len] = '\0';
        return strtod(buf, NULL);
    }
    {
        char *copy = malloc(len + 1);
        double x;
        if (!copy)
            return NAN;
        memcpy(copy, s, len);
        copy[len] = '\0';
        x = strtod(copy, NULL);
        free(copy);
        return x;
    }
}

static double string_to_number(const char *s)
{
    const char *end;
    size_t n;
    s = skip_space(s);
    if (!*s)
        return 0;
    if (s[0] == '0' &&
        (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' || s[1] == 'b' || s[1] == 'B')) {
        int base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
        double x = 0;
        const char *p = s + 2;
        if (!*p)
            return NAN;
        for (; *p; p++) {
            int d = (*p >= '0' && *p <= '9')   ? *p - '0'
                    : (*p >= 'a' && *p <= 'f') ? *p - 'a' + 10
                    : (*p >= 'A' && *p <= 'F') ? *p - 'A' + 10
                                               : 99;
            if (d >= base)
                break;
            x = x * base + d;
        }
        return *skip_space(p) ? NAN : x;
    }
    n = decimal_prefix(s);
    if (!n)
        return NAN;
    end = skip_space(s + n);
    return *end ? NAN : decimal_value(s, n);
}

static double array_to_number(const cJSON *v)
{
    /* Number([x]) is Number(String([x])); [] is "" (0), [x] is String(x), more is NaN. */
    if (!v->child)
        return 0;
    if (v->child->next)
        return NAN;
    v = v->child;
    if (cJSON_IsNull(v))
        return 0;
    if (cJSON_IsBool(v))
        return NAN; /* "true" / "false" */
    if (cJSON_IsObject(v))
        return NAN;
    return tr_logic_to_number(v);
}

double tr_logic_to_number(const cJSON *v)
{
    if (!v)
        return 0;
    switch (v->type & 0xFF) {
    case cJSON_False:
    case cJSON_NULL:
        return 0;
    case cJSON_True:
        return 1;
    case cJSON_Number:
        return v->valuedouble;
    case cJSON_String:
        return string_to_number(v->valuestring ? v->valuestring : "");
    case cJSON_Array:
        return array_to_number(v);
    default:
        return NAN;
    }
}

double tr_logic_parse_float(const cJSON *v)
{
    const char *s;
    size_t n;
    if (!v)
        return NAN;
    if (cJSON_IsNumber(v))
        return v->valuedouble;
    if (cJSON_IsArray(v)) {
        /* String([a, ...]) starts with String(a); a leading empty element gives NaN. */
        const cJSON *first = v->child;
        if (!first || cJSON_IsNull(first))
            return NAN;
        return tr_logic_parse_float(first);
    }
    if (!cJSON_IsString(v) || !v->valuestring)
        return NAN; /* "null", "true", "false", "[object Object]" */
    s = skip_space(v->valuestring);
    n = decimal_prefix(s);
    return n ? decimal_value(s, n) : NAN;
}

void tr_logic_number_text(double x, char *buf, size_t size)
{
    char tmp[40], digits[20];
    int p, exp10, nd = 0, n, neg;
    size_t o = 0;
    char out[64];

    assert(size >= 32);
    if (isnan(x)) {
        snprintf(buf, size, "NaN");
        return;
    }
    if (isinf(x)) {
        snprintf(buf, size, "%s", x < 0 ? "-Infinity" : "Infinity");
        return;
    }
    if (x == 0) {
        snprintf(buf, size, "0");
        return;
    }
    neg = x < 0;
    if (neg)
        x = -x;
    for (p = 1; p <= 17; p++) { /* the shortest digits that read back as x */
        snprintf(tmp, sizeof tmp, "%.*e", p - 1, x);
        if (strtod(tmp, NULL) == x)
            break;
    }
    for (const char *c = tmp; *c && *c != 'e'; c++)
        if (*c >= '0' && *c <= '9')
            digits[nd++] = *c;
    exp10 = atoi(strchr(tmp, 'e') + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    n = exp10 + 1; /* the decimal point sits after n digits */
    if (neg)
        out[o++] = '-';
    if (nd <= n && n <= 21) {
        memcpy(out + o, digits, (size_t)nd), o += (size_t)nd;
        for (int i = nd; i < n; i++)
            out[o++] = '0';
    } else if (0 < n && n <= 21) {
        memcpy(out + o, digits, (size_t)n), o += (size_t)n;
        out[o++] = '.';
        memcpy(out + o, digits + n, (size_t)(nd - n)), o += (size_t)(nd - n);
    } else if (-6 < n && n <= 0) {
        out[o++] = '0';
        out[o++] = '.';
        for (int i = n; i < 0; i++)
            out[o++] = '0';
        memcpy(out + o, digits, (size_t)nd), o += (size_t)nd;
    } else {
        out[o++] = digits[0];
        if (nd > 1) {
            out[o++] = '.';
            memcpy(out + o, digits + 1, (size_t)(nd - 1)), o += (size_t)(nd - 1);
        }
        o += (size_t)snprintf(out + o, sizeof out - o, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
}

/* ---- strings ---------------------------------------------------------------------- */

typedef struct sbuf {
    char *s;
    size_t len, cap, max;
    int bad; /* 1 out of memory, 2 too long */
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->bad)
        return;
    if (b->len + n > b->max) {
        b->bad = 2;
        return;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 32;
        char *t;
        while (cap < b->len + n + 1)
            cap *= 2;
        t = realloc(b->s, cap);
        if (!t) {
            b->bad = 1;
            return;
        }
        b->s = t, b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_value(sbuf *b, const cJSON *v, int in_array)
{
    char num[40];
    if (!v || cJSON_IsNull(v)) {
        if (!in_array)
            sb_put(b, "null", 4);
    } else if (cJSON_IsTrue(v)) {
        sb_put(b, "true", 4);
    } else if (cJSON_IsFalse(v)) {
        sb_put(b, "false", 5);
    } else if (cJSON_IsNumber(v)) {
        tr_logic_number_text(v->valuedouble, num, sizeof num);
        sb_put(b, num, strlen(num));
    } else if (cJSON_IsString(v)) {
        const char *s = v->valuestring ? v->valuestring : "";
        sb_put(b, s, strlen(s));
    } else if (cJSON_IsArray(v)) {
        for (const cJSON *c = v->child; c && !b->bad; c = c->next) {
            if (c != v->child)
                sb_put(b, ",", 1);
            sb_value(b, c, 1);
        }
    } else {
        sb_put(b, "[object Object]", 15);
    }
}

char *tr_logic_to_string(tr_logic_ctx *ctx, const cJSON *v)
{
    sbuf b = {.max = ctx->max_string};
    sb_put(&b, "", 0);
    sb_value(&b, v, 0);
    if (b.bad) {
        free(b.s);
        if (b.bad == 2)
            return (char *)tr_logic_fail(
                ctx, TR_E_TOOBIG, "a string in the rule grew past %zu bytes", ctx->max_string);
        return (char *)tr_logic_fail(ctx, TR_E_NOMEM, "out of memory while evaluating a rule");
    }
    if (!tr_logic_charge(ctx, b.len / 64)) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

/* String(v) for comparisons: small values go into buf, longer ones are malloc'd (*owned).
 * Returns NULL when out of memory. */
static const char *prim_string(const cJSON *v, char *buf, size_t size, char **owned)
{
    sbuf b = {.max = (size_t)-1 / 2};
    *owned = NULL;
    if (cJSON_IsString(v))
        return v->valuestring ? v->valuestring : "";
    sb_put(&b, "", 0);
    sb_value(&b, v, 0);
    if (b.bad) {
        free(b.s);
        return NULL;
    }
    if (b.len < size) {
        memcpy(buf, b.s, b.len + 1);
        free(b.s);
        return buf;
    }
    *owned = b.s;
    return b.s;
}

/* Next UTF-16 code unit of a UTF-8 string (invalid bytes count as themselves). */
static unsigned next_unit(const unsigned char **p, unsigned *pending)
{
    const unsigned char *s = *p;
    unsigned cp;
    int n;
    if (*pending) {
        unsigned u = *pending;
        *pending = 0;
        return u;
    }
    if (s[0] < 0x80)
        cp = s[0], n = 1;
    else if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80)
        cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu), n = 2;
    else if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
        cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu), n = 3;
    else if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
             (s[3] & 0xC0) == 0x80)
        cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
             (s[3] & 0x3Fu),
        n = 4;
    else
        cp = s[0], n = 1;
    *p = s + n;
    if (cp >= 0x10000) {
        cp -= 0x10000;
        *pending = 0xDC00 + (cp & 0x3FF);
        return 0xD800 + (cp >> 10);
    }
    return cp;
}

/* Compares like JavaScript: by UTF-16 code units. */
static int js_strcmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    unsigned pa = 0, pb = 0;
    for (;;) {
        int enda = !*p && !pa, endb = !*q && !pb;
        unsigned ua, ub;
        if (enda || endb)
            return enda && endb ? 0 : enda ? -1 : 1;
        ua = next_unit(&p, &pa);
        ub = next_unit(&q, &pb);
        if (ua != ub)
            return ua < ub ? -1 : 1;
    }
}

/* ---- comparison ------------------------------------------------------------------- */

static int is_compound(const cJSON *v)
{
    return cJSON_IsArray(v) || cJSON_IsObject(v);
}

int tr_logic_strict_eq(const cJSON *a, const cJSON *b)
{
    int ta = a ? a->type & 0xFF : cJSON_NULL, tb = b ? b->type & 0xFF : cJSON_NULL;
    if (ta != tb)
        return 0;
    switch (ta) {
    case cJSON_NULL:
    case cJSON_True:
    case cJSON_False:
        return 1;
    case cJSON_Number:
        return a->valuedouble == b->valuedouble;
    case cJSON_String:
        return strcmp(a->valuestring ? a->valuestring : "", b->valuestring ? b->valuestring : "") ==
               0;
    default:
        return 0; /* arrays and objects: identity, and every value here is a fresh copy */
    }
}

int tr_logic_loose_eq(const cJSON *a, const cJSON *b)
{
    int na = !a || cJSON_IsNull(a), nb = !b || cJSON_IsNull(b);
    char ba[64], bb[64];
    char *oa = NULL, *ob = NULL;
    const char *sa, *sb;
    int r;

    if (na || nb)
        return na && nb;
    if ((a->type & 0xFF) == (b->type & 0xFF) || (cJSON_IsBool(a) && cJSON_IsBool(b)))
        return cJSON_IsBool(a) ? cJSON_IsTrue(a) == cJSON_IsTrue(b) : tr_logic_strict_eq(a, b);
    if (is_compound(a) && is_compound(b))
        return 0;
    if (cJSON_IsBool(a) || cJSON_IsBool(b) || cJSON_IsNumber(a) || cJSON_IsNumber(b)) {
        /* Booleans become numbers; a number against a string or an array compares the
         * other side as a number (an array through its string). Objects never equal. */
        if (cJSON_IsObject(a) || cJSON_IsObject(b))
            return 0;
        return tr_logic_to_number(a) == tr_logic_to_number(b);
    }
    /* string against array or object: compare their strings */
    sa = prim_string(a, ba, sizeof ba, &oa);
    sb = prim_string(b, bb, sizeof bb, &ob);
    r = sa && sb && strcmp(sa, sb) == 0;
    free(oa);
    free(ob);
    return r;
}

int tr_logic_less(const cJSON *a, const cJSON *b, int or_equal)
{
    /* ToPrimitive: arrays and objects become strings; two strings compare as strings,
     * anything else as numbers. a <= b is !(b < a) except that NaN makes both false. */
    int sa_ = cJSON_IsString(a) || is_compound(a), sb_ = cJSON_IsString(b) || is_compound(b);
    if (sa_ && sb_) {
        char ba[64], bb[64];
        char *oa = NULL, *ob = NULL;
        const char *x = prim_string(a, ba, sizeof ba, &oa), *y = prim_string(b, bb, sizeof bb, &ob);
        int r = 0;
        if (x && y) {
            int c = js_strcmp(x, y);
            r = or_equal ? c <= 0 : c < 0;
        }
        free(oa);
        free(ob);
        return r;
    }
    {
        double x, y;
        char buf[64];
        char *owned = NULL;
        /* an array or object on one side becomes its string, then a number */
        if (is_compound(a)) {
            const char *s = prim_string(a, buf, sizeof buf, &owned);
            x = s ? string_to_number(s) : NAN;
            free(owned);
        } else {
            x = tr_logic_to_number(a);
        }
        if (is_compound(b)) {
            const char *s = prim_string(b, buf, sizeof buf, &owned);
            y = s ? string_to_number(s) : NAN;
            free(owned);
        } else {
            y = tr_logic_to_number(b);
        }
        if (isnan(x) || isnan(y))
            return 0;
        return or_equal ? x <= y : x < y;
    }
}
