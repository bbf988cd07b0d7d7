/* tr_module_load: validating a module's JSON and building the read-only tr_module.
 *
 * The validator walks a private copy of the JSON once, reporting every problem with the
 * file and a JSON path, and fills the structs as it goes; a second pass checks what needs
 * the whole module (field refs across steps, options_from, computed variables). If any
 * problem was found the half-built module is thrown away: a broken module never loads. */
#include "tp_attr.h"
#include "tr_module.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_dir.h"
#include "tp_path.h"
#include "tr_inst_priv.h"
#include "tr_json.h"

#define MAX_LOC_BYTES  1200
#define MAX_PARAGRAPHS 30
#define MAX_PAGES      20
#define MAX_FIELDS     30
#define MAX_COLUMNS    10
#define MAX_OPTIONS    20
#define MAX_QUESTIONS  20
#define MAX_ITEMS      40
#define MAX_TASKS      20
#define MAX_SHOW       10
#define MAX_EXPR_DEPTH 32
#define PATH_SIZE      256

static const char *const LANGS[] = {"nb", "nn", "en"};
static const char *const FOCUS_TAGS[] = {"depression", "anxiety", "worry",   "panic",   "phobia",
                                         "sleep",      "stress",  "alcohol", "relapse", "general"};
static const char *const STEP_KINDS[] = {"reading",   "reflection", "exercise",
                                         "worksheet", "checklist",  "homework"};
static const char *const FIELD_TYPES[] = {"text", "rating", "choice", "time",
                                          "date", "number", "list",   "computed"};
static const char *const LOGIC_OPS[] = {"var", "+",  "-", "*",  "/", "%",  "min", "max", "if",
                                        "==",  "!=", "<", "<=", ">", ">=", "and", "or",  "!"};

#define COUNT(a)  (sizeof(a) / sizeof((a)[0]))
#define MAX_LINKS 4 /* links of one step */

typedef struct vctx {
    const char *file;
    tr_diags *diags;
    size_t problems;
    bool nomem;
    tr_module *m;
} vctx;

static void problem(vctx *v, const char *path, const char *fmt, ...) TP_PRINTF(3, 4);

static void problem(vctx *v, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    v->problems++;
    if (v->diags && tr_diags_add(v->diags, v->file, path, 0, 0, "%s", msg) != TR_OK)
        v->nomem = true;
}

static void *zalloc(vctx *v, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        v->nomem = true;
    return p;
}

static int index_of(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return (int)i;
    return -1;
}

/* Reports keys not in `allowed` (a NULL-terminated list) and keys given twice. */
static void check_keys(vctx *v, const cJSON *obj, const char *path, const char *const *allowed)
{
    for (const cJSON *k = obj->child; k; k = k->next) {
        bool known = false;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(k->string, *a) == 0)
                known = true;
        if (!known)
            problem(v, path, "unknown key \"%s\" (a typo? FORMAT.md lists the keys)", k->string);
        for (const cJSON *j = k->next; j; j = j->next)
            if (strcmp(k->string, j->string) == 0)
                problem(v, path, "key \"%s\" is given twice", k->string);
    }
}

static const cJSON *member(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* Formats a JSON path into out[PATH_SIZE]; paths are short, a long one is cut. */
static void pathf(char *out, const char *fmt, ...) TP_PRINTF(2, 3);

static void pathf(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, PATH_SIZE, fmt, ap);
    va_end(ap);
}

static void child_path(char *out, const char *path, const char *key)
{
    pathf(out, "%s.%s", path, key);
}

static void index_path(char *out, const char *path, const char *key, size_t i)
{
    pathf(out, "%s.%s[%zu]", path, key, i);
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* A localised text node at path: exactly nb, nn, en, each a non-blank bounded string. */
static bool check_loc_node(vctx *v, const cJSON *loc, const char *path)
{
    if (!cJSON_IsObject(loc)) {
        problem(v, path, "must be an object {\"nb\": ..., \"nn\": ..., \"en\": ...}");
        return false;
    }
    static const char *const keys[] = {"nb", "nn", "en", NULL};
    check_keys(v, loc, path, keys);
    bool ok = true;
    for (size_t i = 0; i < COUNT(LANGS); i++) {
        const cJSON *s = member(loc, LANGS[i]);
        if (!cJSON_IsString(s)) {
            problem(v, path, "the %s text is missing (every text needs nb, nn and en)", LANGS[i]);
            ok = false;
        } else if (blank(s->valuestring)) {
            problem(v, path, "the %s text is empty", LANGS[i]);
            ok = false;
        } else if (strlen(s->valuestring) > MAX_LOC_BYTES) {
            problem(v, path, "the %s text is %zu bytes, more than %d: split it into paragraphs",
                    LANGS[i], strlen(s->valuestring), MAX_LOC_BYTES);
            ok = false;
        }
    }
    return ok;
}

/* The localised text obj[key]; NULL when absent (a problem if required) or invalid. */
static const cJSON *check_loc(vctx *v, const cJSON *obj, const char *path, const char *key,
                              bool required)
{
    char p[PATH_SIZE];
    const cJSON *loc = member(obj, key);
    child_path(p, path, key);
    if (!loc) {
        if (required)
            problem(v, p, "missing: a text in nb, nn and en is required");
        return NULL;
    }
    return check_loc_node(v, loc, p) ? loc : NULL;
}

/* An array of 1..MAX_PARAGRAPHS localised paragraphs. */
static const cJSON *check_paragraphs(vctx *v, const cJSON *obj, const char *path, const char *key,
                                     bool required)
{
    char p[PATH_SIZE], q[PATH_SIZE];
    const cJSON *arr = member(obj, key);
    child_path(p, path, key);
    if (!arr) {
        if (required)
            problem(v, p, "missing: at least one paragraph is required");
        return NULL;
    }
    int n = cJSON_GetArraySize(arr);
    if (!cJSON_IsArray(arr) || n < 1 || n > MAX_PARAGRAPHS) {
        problem(v, p, "must be an array of 1 to %d paragraphs", MAX_PARAGRAPHS);
        return NULL;
    }
    bool ok = true;
    size_t i = 0;
    for (const cJSON *para = arr->child; para; para = para->next, i++) {
        index_path(q, path, key, i);
        ok = check_loc_node(v, para, q) && ok;
    }
    return ok ? arr : NULL;
}

static const char *check_id(vctx *v, const cJSON *obj, const char *path)
{
    char p[PATH_SIZE];
    const cJSON *id = member(obj, "id");
    child_path(p, path, "id");
    if (!cJSON_IsString(id)) {
        problem(v, p, "missing: an id (a-z, 0-9, _; starting with a letter) is required");
        return NULL;
    }
    if (!tr_inst_content_id_ok(id->valuestring)) {
        problem(v, p,
                "\"%.60s\" is not a valid id: use 1-40 of a-z, 0-9 and _, starting with a "
                "letter",
                id->valuestring);
        return NULL;
    }
    return id->valuestring;
}

static bool check_bool(vctx *v, const cJSON *obj, const char *path, const char *key, bool def)
{
    char p[PATH_SIZE];
    const cJSON *b = member(obj, key);
    if (!b)
        return def;
    if (!cJSON_IsBool(b)) {
        child_path(p, path, key);
        problem(v, p, "must be true or false");
        return def;
    }
    return cJSON_IsTrue(b);
}

static int check_int(vctx *v, const cJSON *obj, const char *path, const char *key, int lo, int hi,
                     int def, bool required)
{
    char p[PATH_SIZE];
    const cJSON *n = member(obj, key);
    child_path(p, path, key);
    if (!n) {
        if (required)
            problem(v, p, "missing: a whole number from %d to %d is required", lo, hi);
        return def;
    }
    if (!cJSON_IsNumber(n) || n->valuedouble != floor(n->valuedouble) || n->valuedouble < lo ||
        n->valuedouble > hi) {
        problem(v, p, "must be a whole number from %d to %d", lo, hi);
        return def;
    }
    return (int)n->valuedouble;
}

/* Reports ids that repeat in ids[0..n) (NULL entries are skipped). */
static void check_unique(vctx *v, const char *path, const char *what, const char **ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; ids[i] && j < n; j++)
            if (ids[j] && strcmp(ids[i], ids[j]) == 0)
                problem(v, path, "%s id \"%s\" is used twice: ids must be unique", what, ids[i]);
}

/* ---- fields ------------------------------------------------------------------------- */

static void check_field(vctx *v, const cJSON *json, const char *path, bool in_list,
                        tr_module_field *f);

static void check_options(vctx *v, const cJSON *json, const char *path, tr_module_field *f)
{
    char p[PATH_SIZE], q[PATH_SIZE];
    const cJSON *opts = member(json, "options");
    const cJSON *from = member(json, "options_from");
    child_path(p, path, "options");
    if (opts && from) {
        problem(v, path, "give either \"options\" or \"options_from\", not both");
        return;
    }
    if (from) {
        if (!cJSON_IsString(from) || !strchr(from->valuestring, '.'))
            problem(v, path, "\"options_from\" must be \"step.list.column\"");
        else
            f->options_from = from->valuestring;
        return;
    }
    int n = cJSON_GetArraySize(opts);
    if (!cJSON_IsArray(opts) || n < 2 || n > MAX_OPTIONS) {
        problem(v, p, "a choice needs an array of 2 to %d options (or \"options_from\")",
                MAX_OPTIONS);
        return;
    }
    f->options = zalloc(v, (size_t)n, sizeof *f->options);
    const char **ids = zalloc(v, (size_t)n, sizeof *ids);
    if (!f->options || !ids) {
        free(ids);
        return;
    }
    size_t i = 0;
    static const char *const keys[] = {"id", "label", NULL};
    for (const cJSON *o = opts->child; o; o = o->next, i++) {
        pathf(q, "%s[%zu]", p, i);
        if (!cJSON_IsObject(o)) {
            problem(v, q, "an option must be an object {\"id\", \"label\"}");
            continue;
        }
        check_keys(v, o, q, keys);
        f->options[i].id = ids[i] = check_id(v, o, q);
        f->options[i].label = check_loc(v, o, q, "label", true);
    }
    f->option_count = (size_t)n;
    check_unique(v, p, "option", ids, (size_t)n);
    free(ids);
}

static void check_computed(vctx *v, const cJSON *json, const char *path, tr_module_field *f)
{
    const cJSON *expr = member(json, "expr");
    const cJSON *sum = member(json, "sum");
    char p[PATH_SIZE];
    if ((expr != NULL) == (sum != NULL)) {
        problem(v, path, "a computed field needs exactly one of \"expr\" (JsonLogic) or \"sum\"");
    } else if (expr) {
        f->expr = expr; /* variables are checked once the step is known */
    } else {
        child_path(p, path, "sum");
        const char *dot = cJSON_IsString(sum) ? strchr(sum->valuestring, '.') : NULL;
        if (!dot || strchr(dot + 1, '.')) {
            problem(v, p, "must be \"list.column\" naming a list field of this step");
        } else {
            /* split in place: the module owns this copy of the JSON */
            char *s = sum->valuestring;
            s[dot - s] = '\0';
            f->sum_list = s;
            f->sum_column = s + (dot - s) + 1;
        }
    }
    f->decimals = check_int(v, json, path, "decimals", 0, 2, 0, false);
    f->unit = check_loc(v, json, path, "unit", false);
    const cJSON *as = member(json, "as");
    if (as) {
        if (cJSON_IsString(as) && strcmp(as->valuestring, "minutes") == 0)
            f->as_minutes = true;
        else if (!cJSON_IsString(as) || strcmp(as->valuestring, "number") != 0) {
            child_path(p, path, "as");
            problem(v, p, "must be \"number\" or \"minutes\"");
        }
    }
}

static void check_columns(vctx *v, const cJSON *json, const char *path, tr_module_field *f)
{
    char p[PATH_SIZE], q[PATH_SIZE];
    const cJSON *cols = member(json, "columns");
    child_path(p, path, "columns");
    int n = cJSON_GetArraySize(cols);
    if (!cJSON_IsArray(cols) || n < 1 || n > MAX_COLUMNS) {
        problem(v, p, "a list needs an array of 1 to %d columns (fields)", MAX_COLUMNS);
        return;
    }
    f->columns = zalloc(v, (size_t)n, sizeof *f->columns);
    const char **ids = zalloc(v, (size_t)n, sizeof *ids);
    if (!f->columns || !ids) {
        free(ids);
        return;
    }
    f->column_count = (size_t)n;
    size_t i = 0;
    for (const cJSON *c = cols->child; c; c = c->next, i++) {
        index_path(q, path, "columns", i);
        check_field(v, c, q, true, &f->columns[i]);
        ids[i] = f->columns[i].id;
    }
    check_unique(v, p, "column", ids, (size_t)n);
    free(ids);
    f->max_rows = check_int(v, json, path, "max_rows", 1, 100, 20, false);
}

static void check_field(vctx *v, const cJSON *json, const char *path, bool in_list,
                        tr_module_field *f)
{
    static const char *const common[] = {"id", "type", "label", "help", "required"};
    static const char *const extra[][6] = {
        [TR_FIELD_TEXT] = {"lines", "max_len", NULL},
        [TR_FIELD_RATING] = {"low", "high", NULL},
        [TR_FIELD_CHOICE] = {"options", "options_from", "multiple", NULL},
        [TR_FIELD_TIME] = {NULL},
        [TR_FIELD_DATE] = {NULL},
        [TR_FIELD_NUMBER] = {"min", "max", "integer", "unit", NULL},
        [TR_FIELD_LIST] = {"columns", "max_rows", NULL},
        [TR_FIELD_COMPUTED] = {"expr", "sum", "decimals", "unit", "as", NULL},
    };
    char p[PATH_SIZE];
    if (!cJSON_IsObject(json)) {
        problem(v, path, "a field must be an object with id, type and label");
        return;
    }
    f->id = check_id(v, json, path);
    f->label = check_loc(v, json, path, "label", true);
    f->help = check_loc(v, json, path, "help", false);
    f->required = check_bool(v, json, path, "required", false);
    const cJSON *type = member(json, "type");
    int t =
        cJSON_IsString(type) ? index_of(type->valuestring, FIELD_TYPES, COUNT(FIELD_TYPES)) : -1;
    child_path(p, path, "type");
    if (t < 0) {
        problem(v, p, "must be one of text, rating, choice, time, date, number, list, computed");
        return;
    }
    f->type = (tr_module_field_type)t;
    const char *allowed[16];
    size_t na = 0;
    for (size_t i = 0; i < COUNT(common); i++)
        allowed[na++] = common[i];
    for (size_t i = 0; extra[t][i]; i++)
        allowed[na++] = extra[t][i];
    allowed[na] = NULL;
    check_keys(v, json, path, allowed);
    if (f->type == TR_FIELD_COMPUTED && f->required)
        problem(v, path, "a computed field cannot be required: it is never typed in");

    switch (f->type) {
    case TR_FIELD_TEXT:
        f->lines = check_int(v, json, path, "lines", 1, 10, 1, false);
        f->max_len = check_int(v, json, path, "max_len", 1, 4000, 500, false);
        break;
    case TR_FIELD_RATING:
        f->low = check_loc(v, json, path, "low", false);
        f->high = check_loc(v, json, path, "high", false);
        f->min = 0;
        f->max = 100;
        f->integer = true;
        break;
    case TR_FIELD_CHOICE:
        check_options(v, json, path, f);
        f->multiple = check_bool(v, json, path, "multiple", false);
        break;
    case TR_FIELD_TIME:
    case TR_FIELD_DATE:
        break;
    case TR_FIELD_NUMBER: {
        const cJSON *lo = member(json, "min"), *hi = member(json, "max");
        if (!cJSON_IsNumber(lo) || !cJSON_IsNumber(hi) || !(lo->valuedouble < hi->valuedouble))
            problem(v, path, "a number needs numeric \"min\" and \"max\" with min < max");
        else {
            f->min = lo->valuedouble;
            f->max = hi->valuedouble;
        }
        f->integer = check_bool(v, json, path, "integer", false);
        f->unit = check_loc(v, json, path, "unit", false);
        break;
    }
    case TR_FIELD_LIST:
        if (in_list)
            problem(v, path, "a list cannot be a column of another list");
        else
            check_columns(v, json, path, f);
        break;
    case TR_FIELD_COMPUTED:
        check_computed(v, json, path, f);
        break;
    }
}

/* ---- computed variables ------------------------------------------------------------- */

/* A field's scope for {"var"}: the fields of one step (or the columns of one list row), in
 * order, of which only those before position `pos` may be computed ones. */
typedef struct scope {
    const tr_module_field **fields;
    size_t count;
    size_t pos;
} scope;

static void check_expr(vctx *v, const cJSON *e, const char *path, const scope *sc, int depth)
{
    if (depth > MAX_EXPR_DEPTH) {
        problem(v, path, "the expression is nested more than %d deep", MAX_EXPR_DEPTH);
        return;
    }
    if (cJSON_IsArray(e)) {
        for (const cJSON *a = e->child; a; a = a->next)
            check_expr(v, a, path, sc, depth + 1);
        return;
    }
    if (!cJSON_IsObject(e))
        return; /* a literal */
    if (!e->child || e->child->next) {
        problem(v, path, "an operation must be an object with exactly one operator");
        return;
    }
    const char *op = e->child->string;
    if (index_of(op, LOGIC_OPS, COUNT(LOGIC_OPS)) < 0) {
        problem(v, path,
                "operator \"%.40s\" is not allowed in a computed field (FORMAT.md lists "
                "them)",
                op);
        return;
    }
    if (strcmp(op, "var") != 0) {
        /* JsonLogic's - takes one or two arguments and / and % exactly two: a third is
         * silently ignored by every implementation, so catch it here */
        int argc = cJSON_IsArray(e->child) ? cJSON_GetArraySize(e->child) : 1;
        if ((strcmp(op, "-") == 0 && argc > 2) ||
            ((strcmp(op, "/") == 0 || strcmp(op, "%") == 0) && argc != 2))
            problem(v, path, "\"%s\" takes %s arguments, not %d: nest the operations", op,
                    op[0] == '-' ? "one or two" : "exactly two", argc);
        check_expr(v, e->child, path, sc, depth + 1);
        return;
    }
    if (!cJSON_IsString(e->child)) {
        problem(v, path, "write a variable as {\"var\": \"field_id\"}");
        return;
    }
    const char *name = e->child->valuestring;
    for (size_t i = 0; i < sc->count; i++) {
        const tr_module_field *f = sc->fields[i];
        if (!f->id || strcmp(f->id, name) != 0)
            continue;
        if (f->type == TR_FIELD_COMPUTED && i >= sc->pos)
            problem(v, path,
                    "\"%s\" is a computed field below (or this one): refer only to "
                    "computed fields written above",
                    name);
        else if (f->type == TR_FIELD_LIST)
            problem(v, path, "\"%s\" is a list: add up a column with \"sum\" instead", name);
        return;
    }
    problem(v, path, "{\"var\": \"%.40s\"} names no field of this step", name);
}

/* Checks the expressions and sums of computed fields among fields[0..n). */
static void check_scope(vctx *v, const tr_module_field **fields, const char **paths, size_t n)
{
    scope sc = {fields, n, 0};
    char p[PATH_SIZE];
    for (size_t i = 0; i < n; i++) {
        const tr_module_field *f = fields[i];
        if (f->type == TR_FIELD_LIST) {
            const tr_module_field **cols = zalloc(v, f->column_count, sizeof *cols);
            const char **cpaths = zalloc(v, f->column_count, sizeof *cpaths);
            char(*buf)[PATH_SIZE] = zalloc(v, f->column_count, PATH_SIZE);
            if (cols && cpaths && buf) {
                for (size_t c = 0; c < f->column_count; c++) {
                    cols[c] = &f->columns[c];
                    pathf(buf[c], "%s.columns[%zu]", paths[i], c);
                    cpaths[c] = buf[c];
                }
                check_scope(v, cols, cpaths, f->column_count);
            }
            free(cols);
            free(cpaths);
            free(buf);
            continue;
        }
        if (f->type != TR_FIELD_COMPUTED)
            continue;
        sc.pos = i;
        if (f->expr) {
            child_path(p, paths[i], "expr");
            check_expr(v, f->expr, p, &sc, 0);
        } else if (f->sum_list) {
            child_path(p, paths[i], "sum");
            const tr_module_field *list = NULL;
            for (size_t j = 0; j < n; j++)
                if (fields[j]->id && strcmp(fields[j]->id, f->sum_list) == 0)
                    list = fields[j];
            const tr_module_field *col = NULL;
            if (!list || list->type != TR_FIELD_LIST) {
                problem(v, p, "\"%s\" is not a list field of this step", f->sum_list);
                continue;
            }
            for (size_t c = 0; c < list->column_count; c++)
                if (list->columns[c].id && strcmp(list->columns[c].id, f->sum_column) == 0)
                    col = &list->columns[c];
            if (!col)
                problem(v, p, "the list \"%s\" has no column \"%s\"", f->sum_list, f->sum_column);
            else if (col->type != TR_FIELD_NUMBER && col->type != TR_FIELD_RATING &&
                     col->type != TR_FIELD_COMPUTED)
                problem(v, p, "column \"%s\" is not a number, rating or computed column",
                        f->sum_column);
        }
    }
}

/* ---- steps -------------------------------------------------------------------------- */

static void check_items(vctx *v, const cJSON *json, const char *path, const char *key, int max,
                        bool hints, tr_module_step *s)
{
    char p[PATH_SIZE], q[PATH_SIZE];
    const cJSON *arr = member(json, key);
    child_path(p, path, key);
    int n = cJSON_GetArraySize(arr);
    if (!cJSON_IsArray(arr) || n < 1 || n > max) {
        problem(v, p, "must be an array of 1 to %d objects {\"id\", \"text\"}", max);
        return;
    }
    s->items = zalloc(v, (size_t)n, sizeof *s->items);
    const char **ids = zalloc(v, (size_t)n, sizeof *ids);
    if (!s->items || !ids) {
        free(ids);
        return;
    }
    s->item_count = (size_t)n;
    static const char *const keys[] = {"id", "text", NULL};
    static const char *const keys_hint[] = {"id", "text", "hint", NULL};
    size_t i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        index_path(q, path, key, i);
        if (!cJSON_IsObject(it)) {
            problem(v, q, "must be an object {\"id\", \"text\"}");
            continue;
        }
        check_keys(v, it, q, hints ? keys_hint : keys);
        s->items[i].id = ids[i] = check_id(v, it, q);
        s->items[i].text = check_loc(v, it, q, "text", true);
        if (hints)
            s->items[i].hint = check_loc(v, it, q, "hint", false);
    }
    check_unique(v, p, key, ids, (size_t)n);
    free(ids);
}

static const cJSON *check_example(vctx *v, const cJSON *json, const char *path)
{
    char p[PATH_SIZE];
    const cJSON *ex = member(json, "example");
    if (!ex)
        return NULL;
    child_path(p, path, "example");
    if (!cJSON_IsObject(ex)) {
        problem(v, p, "must be an object {\"person\", \"title\", \"text\"}");
        return NULL;
    }
    static const char *const keys[] = {"person", "title", "text", NULL};
    check_keys(v, ex, p, keys);
    const cJSON *person = member(ex, "person");
    if (!cJSON_IsString(person) || blank(person->valuestring) || strlen(person->valuestring) > 40)
        problem(v, p, "\"person\" must be a first name (a string of at most 40 bytes)");
    check_loc(v, ex, p, "title", false);
    check_paragraphs(v, ex, p, "text", true);
    return ex;
}

static void check_pages(vctx *v, const cJSON *json, const char *path, tr_module_step *s)
{
    char p[PATH_SIZE], q[PATH_SIZE], r[PATH_SIZE];
    const cJSON *pages = member(json, "pages");
    child_path(p, path, "pages");
    int n = cJSON_GetArraySize(pages);
    if (!cJSON_IsArray(pages) || n < 1 || n > MAX_PAGES) {
        problem(v, p, "must be an array of 1 to %d pages", MAX_PAGES);
        return;
    }
    s->pages = zalloc(v, (size_t)n, sizeof *s->pages);
    if (!s->pages)
        return;
    s->page_count = (size_t)n;
    const char *page_ids[MAX_PAGES] = {0};
    size_t i = 0;
    static const char *const keys[] = {"id", "title", "text", "show", "fields", NULL};
    for (const cJSON *pg = pages->child; pg; pg = pg->next, i++) {
        tr_module_page *page = &s->pages[i];
        index_path(q, path, "pages", i);
        if (!cJSON_IsObject(pg)) {
            problem(v, q, "a page must be an object with id and fields");
            continue;
        }
        check_keys(v, pg, q, keys);
        page->id = page_ids[i] = check_id(v, pg, q);
        page->title = check_loc(v, pg, q, "title", false);
        page->text = check_paragraphs(v, pg, q, "text", false);
        const cJSON *show = member(pg, "show");
        if (show) {
            child_path(r, q, "show");
            int ns = cJSON_GetArraySize(show);
            if (!cJSON_IsArray(show) || ns < 1 || ns > MAX_SHOW) {
                problem(v, r, "must be an array of 1 to %d field refs", MAX_SHOW);
            } else if ((page->show = zalloc(v, (size_t)ns, sizeof *page->show))) {
                page->show_count = (size_t)ns;
                size_t k = 0;
                for (const cJSON *ref = show->child; ref; ref = ref->next, k++) {
                    if (cJSON_IsString(ref))
                        page->show[k] = ref->valuestring;
                    else
                        problem(v, r,
                                "item %zu: a field ref is a string \"field\" or "
                                "\"step.field\"",
                                k);
                }
            }
        }
        const cJSON *fields = member(pg, "fields");
        child_path(r, q, "fields");
        int nf = cJSON_GetArraySize(fields);
        if (!cJSON_IsArray(fields) || nf < 1 || nf > MAX_FIELDS) {
            problem(v, r, "must be an array of 1 to %d fields", MAX_FIELDS);
            continue;
        }
        if (!(page->fields = zalloc(v, (size_t)nf, sizeof *page->fields)))
            continue;
        page->field_count = (size_t)nf;
        size_t k = 0;
        for (const cJSON *f = fields->child; f; f = f->next, k++) {
            index_path(r, q, "fields", k);
            check_field(v, f, r, false, &page->fields[k]);
        }
    }
    check_unique(v, p, "page", page_ids, (size_t)n);
}

/* A step's optional "links": 1-4 of {"to": a place of the app, "label": loc}, each place once. */
static void check_links(vctx *v, const cJSON *json, const char *path, tr_module_step *s)
{
    static const char *const places[] = {[TR_LINK_MEDICATION_LOG] = "medication_log",
                                         [TR_LINK_SIDE_EFFECT_CHECK] = "side_effect_check"};
    static const char *const keys[] = {"to", "label", NULL};
    char p[PATH_SIZE], q[PATH_SIZE];
    const cJSON *links = member(json, "links");
    if (!links)
        return;
    child_path(p, path, "links");
    int n = cJSON_GetArraySize(links);
    if (!cJSON_IsArray(links) || n < 1 || n > MAX_LINKS) {
        problem(v, p, "must be an array of 1 to %d links {\"to\", \"label\"}", MAX_LINKS);
        return;
    }
    if (!(s->links = zalloc(v, (size_t)n, sizeof *s->links)))
        return;
    size_t i = 0;
    for (const cJSON *l = links->child; l; l = l->next, i++) {
        index_path(q, path, "links", i);
        if (!cJSON_IsObject(l)) {
            problem(v, q, "must be an object {\"to\", \"label\"}");
            continue;
        }
        check_keys(v, l, q, keys);
        const cJSON *to = member(l, "to");
        int k = cJSON_IsString(to) ? index_of(to->valuestring, places, COUNT(places)) : -1;
        if (k < 0) {
            problem(v, q,
                    "\"to\" must name a place of the app: \"medication_log\" or "
                    "\"side_effect_check\"");
            continue;
        }
        for (size_t j = 0; j < s->link_count; j++)
            if (s->links[j].to == (tr_module_link_to)k)
                problem(v, q, "links to \"%s\" twice", places[k]);
        tr_module_link *out = &s->links[s->link_count++];
        out->to = (tr_module_link_to)k;
        out->to_name = places[k];
        out->label = check_loc(v, l, q, "label", true);
    }
}

static void check_step(vctx *v, const cJSON *json, const char *path, tr_module_step *s)
{
    static const char *const keys[][11] = {
        [TR_STEP_READING] = {"id", "kind", "title", "text", "example", "links", NULL},
        [TR_STEP_REFLECTION] = {"id", "kind", "title", "text", "questions", "links", NULL},
        [TR_STEP_EXERCISE] = {"id", "kind", "title", "text", "example", "pages", "label_field",
                              "links", NULL},
        [TR_STEP_WORKSHEET] = {"id", "kind", "title", "text", "example", "pages", "per",
                               "label_field", "links", NULL},
        [TR_STEP_CHECKLIST] = {"id", "kind", "title", "text", "items", "links", NULL},
        [TR_STEP_HOMEWORK] = {"id", "kind", "title", "text", "tasks", "links", NULL},
    };
    char p[PATH_SIZE];
    if (!cJSON_IsObject(json)) {
        problem(v, path, "a step must be an object with id, kind and title");
        return;
    }
    s->id = check_id(v, json, path);
    s->title = check_loc(v, json, path, "title", true);
    const cJSON *kind = member(json, "kind");
    int k = cJSON_IsString(kind) ? index_of(kind->valuestring, STEP_KINDS, COUNT(STEP_KINDS)) : -1;
    if (k < 0) {
        child_path(p, path, "kind");
        problem(v, p,
                "must be one of reading, reflection, exercise, worksheet, checklist, "
                "homework");
        return;
    }
    s->kind = (tr_module_step_kind)k;
    check_keys(v, json, path, keys[k]);
    s->text = check_paragraphs(v, json, path, "text", s->kind == TR_STEP_READING);
    check_links(v, json, path, s);
    switch (s->kind) {
    case TR_STEP_READING:
        s->example = check_example(v, json, path);
        break;
    case TR_STEP_REFLECTION:
        check_items(v, json, path, "questions", MAX_QUESTIONS, true, s);
        break;
    case TR_STEP_EXERCISE:
    case TR_STEP_WORKSHEET: {
        s->example = check_example(v, json, path);
        check_pages(v, json, path, s);
        const cJSON *per = member(json, "per");
        if (s->kind == TR_STEP_WORKSHEET) {
            static const char *const pers[] = {"day", "situation", "try"};
            child_path(p, path, "per");
            if (!cJSON_IsString(per) || index_of(per->valuestring, pers, COUNT(pers)) < 0)
                problem(v, p, "a worksheet needs \"per\": \"day\", \"situation\" or \"try\"");
            else
                s->per = per->valuestring;
        }
        const cJSON *lf = member(json, "label_field");
        if (lf) {
            if (cJSON_IsString(lf))
                s->label_field = lf->valuestring;
            else {
                child_path(p, path, "label_field");
                problem(v, p, "must be the id of a field of this step");
            }
        }
        break;
    }
    case TR_STEP_CHECKLIST:
        check_items(v, json, path, "items", MAX_ITEMS, false, s);
        break;
    case TR_STEP_HOMEWORK:
        check_items(v, json, path, "tasks", MAX_TASKS, false, s);
        break;
    }
}

/* ---- whole-module checks ------------------------------------------------------------ */

/* Field ids unique across the pages of a step; computed variables; label_field; show. */
static void check_step_fields(vctx *v, const tr_module *m, size_t si, const char *path)
{
    const tr_module_step *s = &m->steps[si];
    size_t n = 0;
    for (size_t p = 0; p < s->page_count; p++)
        n += s->pages[p].field_count;
    if (n == 0)
        return;
    const tr_module_field **fields = zalloc(v, n, sizeof *fields);
    const char **ids = zalloc(v, n, sizeof *ids);
    const char **paths = zalloc(v, n, sizeof *paths);
    char(*buf)[PATH_SIZE] = zalloc(v, n, PATH_SIZE);
    size_t *page_of = zalloc(v, n, sizeof *page_of);
    char p[PATH_SIZE];
    if (!fields || !ids || !paths || !buf || !page_of)
        goto done;
    size_t k = 0;
    for (size_t pg = 0; pg < s->page_count; pg++)
        for (size_t f = 0; f < s->pages[pg].field_count; f++, k++) {
            fields[k] = &s->pages[pg].fields[f];
            ids[k] = fields[k]->id;
            page_of[k] = pg;
            pathf(buf[k], "%s.pages[%zu].fields[%zu]", path, pg, f);
            paths[k] = buf[k];
        }
    child_path(p, path, "pages");
    check_unique(v, p, "field", ids, n);
    check_scope(v, fields, paths, n);

    if (s->label_field) {
        child_path(p, path, "label_field");
        const tr_module_field *lf = tr_module_field_find(s, s->label_field);
        if (!lf)
            problem(v, p, "\"%s\" names no field of this step", s->label_field);
        else if (lf->type != TR_FIELD_TEXT && lf->type != TR_FIELD_DATE &&
                 lf->type != TR_FIELD_TIME && lf->type != TR_FIELD_CHOICE)
            problem(v, p, "\"%s\" must be a text, date, time or choice field", s->label_field);
    }

    for (size_t pg = 0; pg < s->page_count; pg++) {
        const tr_module_page *page = &s->pages[pg];
        pathf(p, "%s.pages[%zu].show", path, pg);
        for (size_t r = 0; r < page->show_count; r++) {
            const char *ref = page->show[r];
            if (!ref)
                continue;
            const char *dot = strchr(ref, '.');
            if (!dot) {
                size_t at = n;
                for (size_t i = 0; i < n; i++)
                    if (ids[i] && strcmp(ids[i], ref) == 0)
                        at = i;
                if (at == n)
                    problem(v, p, "\"%s\" names no field of this step", ref);
                else if (page_of[at] >= pg)
                    problem(v, p,
                            "\"%s\" is not on an earlier page: show only what the client "
                            "has already filled in",
                            ref);
                continue;
            }
            char step_id[48];
            size_t len = (size_t)(dot - ref);
            const tr_module_step *other = NULL;
            if (len < sizeof step_id) {
                memcpy(step_id, ref, len);
                step_id[len] = '\0';
                other = tr_module_step_find(m, step_id);
            }
            if (!other)
                problem(v, p, "\"%s\": no step \"%.*s\" in this module", ref, (int)len, ref);
            else if (other == s)
                problem(v, p, "\"%s\": within the same step write just \"%s\"", ref, dot + 1);
            else if (!tr_module_field_find(other, dot + 1))
                problem(v, p, "\"%s\": step \"%s\" has no field \"%s\"", ref, step_id, dot + 1);
        }
    }

    /* options_from: "step.list.column" in another step */
    for (size_t i = 0; i < n; i++) {
        const tr_module_field *f = fields[i];
        const tr_module_field *cols = f->type == TR_FIELD_LIST ? f->columns : f;
        size_t nc = f->type == TR_FIELD_LIST ? f->column_count : 1;
        for (size_t c = 0; c < nc; c++) {
            const char *from = cols[c].options_from;
            if (!from)
                continue;
            child_path(p, paths[i], "options_from");
            char a[48] = "", b[48] = "", col[48] = "";
            const char *d1 = strchr(from, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
            if (!d2 || strchr(d2 + 1, '.') || (size_t)(d1 - from) >= sizeof a ||
                (size_t)(d2 - d1 - 1) >= sizeof b || strlen(d2 + 1) >= sizeof col) {
                problem(v, p, "\"%s\" must be \"step.list.column\"", from);
                continue;
            }
            memcpy(a, from, (size_t)(d1 - from));
            memcpy(b, d1 + 1, (size_t)(d2 - d1 - 1));
            strcpy(col, d2 + 1);
            const tr_module_step *other = tr_module_step_find(m, a);
            const tr_module_field *list = other ? tr_module_field_find(other, b) : NULL;
            const tr_module_field *column = NULL;
            for (size_t j = 0; list && j < list->column_count; j++)
                if (list->columns[j].id && strcmp(list->columns[j].id, col) == 0)
                    column = &list->columns[j];
            if (!other || other == s)
                problem(v, p, "\"%s\": \"%s\" is not another step of this module", from, a);
            else if (!list || list->type != TR_FIELD_LIST)
                problem(v, p, "\"%s\": step \"%s\" has no list field \"%s\"", from, a, b);
            else if (!column || column->type != TR_FIELD_TEXT)
                problem(v, p, "\"%s\": the list has no text column \"%s\"", from, col);
        }
    }
done:
    free(fields);
    free(ids);
    free(paths);
    free(buf);
    free(page_of);
}

/* $.review: {"status": "draft"} or {"status": "reviewed", "by", "date", "version"}, where
 * version must be the module's own: raising the version (new text) voids the review. */
static void check_review(vctx *v, tr_module *m, const cJSON *review)
{
    static const char *const keys[] = {"status", "by", "date", "version", NULL};
    size_t before = v->problems;
    if (!review) {
        problem(v, "$.review",
                "missing: every module says whether a clinician has reviewed it, "
                "{\"status\": \"draft\"} until one has");
        return;
    }
    if (!cJSON_IsObject(review)) {
        problem(v, "$.review", "must be an object {\"status\": \"draft\" or \"reviewed\", ...}");
        return;
    }
    check_keys(v, review, "$.review", keys);
    const cJSON *status = member(review, "status");
    const cJSON *by = member(review, "by"), *date = member(review, "date");
    const cJSON *version = member(review, "version");
    bool draft = cJSON_IsString(status) && strcmp(status->valuestring, "draft") == 0;
    bool reviewed = cJSON_IsString(status) && strcmp(status->valuestring, "reviewed") == 0;
    if (!draft && !reviewed) {
        problem(v, "$.review.status", "must be \"draft\" or \"reviewed\"");
        return;
    }
    if (draft) {
        if (by || date || version)
            problem(v, "$.review",
                    "a draft has no \"by\", \"date\" or \"version\": set \"status\": "
                    "\"reviewed\" when a clinician has reviewed the module");
        return;
    }
    if (!cJSON_IsString(by) || blank(by->valuestring) || strlen(by->valuestring) > 200)
        problem(v, "$.review.by",
                "a reviewed module names who reviewed it (name and role, at most 200 bytes)");
    if (!cJSON_IsString(date) || tp_clock_parse_date(date->valuestring, NULL) != 0)
        problem(v, "$.review.date", "must be the date of the review, \"YYYY-MM-DD\"");
    if (!cJSON_IsString(version))
        problem(v, "$.review.version",
                "must be the module version that was reviewed, e.g. \"1.0\"");
    else if (m->version && strcmp(version->valuestring, m->version) != 0)
        problem(v, "$.review.version",
                "the review was of version %.20s but the module is version %s: have the new "
                "text reviewed, or set \"status\": \"draft\"",
                version->valuestring, m->version);
    if (v->problems != before)
        return;
    m->reviewed = true;
    m->review_by = by->valuestring;
    m->review_date = date->valuestring;
}

static void check_module(vctx *v, tr_module *m, const char *expect_id)
{
    static const char *const keys[] = {"format", "id",      "version", "title", "summary", "for",
                                       "focus",  "minutes", "review",  "steps", NULL};
    const cJSON *root = m->root;
    char p[PATH_SIZE];
    if (!cJSON_IsObject(root)) {
        problem(v, "$", "a module must be a JSON object (see content/modules/FORMAT.md)");
        return;
    }
    check_keys(v, root, "$", keys);
    const cJSON *format = member(root, "format");
    if (!cJSON_IsNumber(format))
        problem(v, "$.format", "missing: \"format\": %d is required", TR_MODULE_FORMAT);
    else if (format->valuedouble != TR_MODULE_FORMAT)
        problem(v, "$.format", "format %g is not known to this version (it reads format %d)",
                format->valuedouble, TR_MODULE_FORMAT);
    m->id = check_id(v, root, "$");
    if (m->id && expect_id && strcmp(m->id, expect_id) != 0)
        problem(v, "$.id", "\"%s\" differs from the file name: the file must be %s.json", m->id,
                m->id);
    const cJSON *version = member(root, "version");
    bool vok = cJSON_IsString(version) && version->valuestring[0] &&
               strlen(version->valuestring) <= 16 &&
               strspn(version->valuestring, "0123456789.") == strlen(version->valuestring);
    if (!vok)
        problem(v, "$.version", "must be a version string such as \"1.0\"");
    else
        m->version = version->valuestring;
    m->title = check_loc(v, root, "$", "title", true);
    m->summary = check_loc(v, root, "$", "summary", true);
    m->for_whom = check_loc(v, root, "$", "for", true);
    m->minutes = check_int(v, root, "$", "minutes", 5, 600, 0, true);
    check_review(v, m, member(root, "review"));

    const cJSON *focus = member(root, "focus");
    int nfocus = cJSON_GetArraySize(focus);
    if (!cJSON_IsArray(focus) || nfocus < 1 || nfocus > (int)COUNT(FOCUS_TAGS)) {
        problem(v, "$.focus", "must be an array of 1 or more problem tags (FORMAT.md lists them)");
    } else {
        const char *tags[COUNT(FOCUS_TAGS)] = {0};
        size_t i = 0;
        for (const cJSON *t = focus->child; t; t = t->next, i++) {
            if (!cJSON_IsString(t) || index_of(t->valuestring, FOCUS_TAGS, COUNT(FOCUS_TAGS)) < 0)
                problem(v, "$.focus",
                        "item %zu is not one of depression, anxiety, worry, panic, "
                        "phobia, sleep, stress, alcohol, relapse, general",
                        i);
            else
                tags[i] = t->valuestring;
        }
        check_unique(v, "$.focus", "focus", tags, i);
        m->focus = focus;
    }

    const cJSON *steps = member(root, "steps");
    int n = cJSON_GetArraySize(steps);
    if (!cJSON_IsArray(steps) || n < 1 || n > TR_MODULE_MAX_STEPS) {
        problem(v, "$.steps", "must be an array of 1 to %d steps", TR_MODULE_MAX_STEPS);
        return;
    }
    if (!(m->steps = zalloc(v, (size_t)n, sizeof *m->steps)))
        return;
    m->step_count = (size_t)n;
    const char *ids[TR_MODULE_MAX_STEPS] = {0};
    size_t i = 0;
    bool example = false;
    for (const cJSON *s = steps->child; s; s = s->next, i++) {
        index_path(p, "$", "steps", i);
        check_step(v, s, p, &m->steps[i]);
        ids[i] = m->steps[i].id;
        example = example || m->steps[i].example;
    }
    check_unique(v, "$.steps", "step", ids, (size_t)n);
    for (i = 0; i < m->step_count; i++) {
        index_path(p, "$", "steps", i);
        check_step_fields(v, m, i, p);
    }
    if (!example)
        problem(v, "$.steps",
                "no step has an \"example\": every module needs a worked example "
                "(a named person's story)");
}

/* ---- public ------------------------------------------------------------------------- */

static void free_field(tr_module_field *f)
{
    for (size_t i = 0; i < f->column_count; i++)
        free_field(&f->columns[i]);
    free(f->columns);
    free(f->options);
}

void tr_module_destroy(tr_module *m)
{
    if (!m)
        return;
    for (size_t s = 0; s < m->step_count; s++) {
        tr_module_step *st = &m->steps[s];
        for (size_t p = 0; p < st->page_count; p++) {
            for (size_t f = 0; f < st->pages[p].field_count; f++)
                free_field(&st->pages[p].fields[f]);
            free(st->pages[p].fields);
            free(st->pages[p].show);
        }
        free(st->pages);
        free(st->items);
        free(st->links);
    }
    free(m->steps);
    cJSON_Delete(m->root);
    free(m);
}

tr_status tr_module_from_json(const cJSON *json, const char *file, const char *expect_id,
                              tr_module **out, tr_diags *diags)
{
    assert(json);
    vctx v = {.file = file ? file : "", .diags = diags};
    tr_module *m = calloc(1, sizeof *m);
    if (!m)
        return TR_E_NOMEM;
    if (!(m->root = cJSON_Duplicate(json, 1))) {
        free(m);
        return TR_E_NOMEM;
    }
    v.m = m;
    check_module(&v, m, expect_id);
    if (v.nomem) {
        tr_module_destroy(m);
        return TR_E_NOMEM;
    }
    if (v.problems) {
        tr_module_destroy(m);
        return TR_E_INVALID;
    }
    if (out)
        *out = m;
    else
        tr_module_destroy(m);
    return TR_OK;
}

/* Reports a tr_json failure as one diagnostic for `file`, lifting line:col out of the
 * message ("path:line:col: what") so the diagnostic formats like every other. */
static tr_status json_problem(tr_diags *diags, const char *file, const char *path,
                              const tr_error *err)
{
    const char *rest = err->msg;
    int line = 0, col = 0, used = 0;
    if (strncmp(rest, path, strlen(path)) == 0)
        rest += strlen(path);
    if (sscanf(rest, ":%d:%d:%n", &line, &col, &used) == 2 && used > 0)
        rest += used;
    else
        line = col = 0;
    while (*rest == ':' || *rest == ' ')
        rest++;
    if (diags && tr_diags_add(diags, file, "", line, col, "%s", rest) != TR_OK)
        return TR_E_NOMEM;
    return err->status;
}

/* tr_module_load with `file` naming the module in diagnostics. */
static tr_status load_as(const char *path, const char *file, tr_module **out, tr_diags *diags)
{
    tr_error err = {0};
    cJSON *json = tr_json_load_file(path, &err);
    if (!json)
        return json_problem(diags, file, path, &err);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char id[64] = "";
    size_t n = strlen(base);
    if (n > 5 && n - 5 < sizeof id && strcmp(base + n - 5, ".json") == 0) {
        memcpy(id, base, n - 5);
        id[n - 5] = '\0';
    }
    tr_status st = tr_module_from_json(json, file, id[0] ? id : NULL, out, diags);
    cJSON_Delete(json);
    return st;
}

tr_status tr_module_load(const char *path, tr_module **out, tr_diags *diags)
{
    assert(path);
    return load_as(path, path, out, diags);
}

const char *tr_module_text(const cJSON *loc, const char *lang)
{
    if (!loc)
        return "";
    const cJSON *s = lang ? member(loc, lang) : NULL;
    if (!cJSON_IsString(s))
        s = member(loc, "nb");
    return cJSON_IsString(s) ? s->valuestring : "";
}

const tr_module_step *tr_module_step_find(const tr_module *m, const char *step_id)
{
    int i = tr_module_step_index(m, step_id);
    return i < 0 ? NULL : &m->steps[i];
}

int tr_module_step_index(const tr_module *m, const char *step_id)
{
    if (!m || !step_id)
        return -1;
    for (size_t i = 0; i < m->step_count; i++)
        if (m->steps[i].id && strcmp(m->steps[i].id, step_id) == 0)
            return (int)i;
    return -1;
}

const tr_module_field *tr_module_field_find(const tr_module_step *step, const char *field_id)
{
    if (!step || !field_id)
        return NULL;
    for (size_t p = 0; p < step->page_count; p++)
        for (size_t f = 0; f < step->pages[p].field_count; f++) {
            const tr_module_field *fd = &step->pages[p].fields[f];
            if (fd->id && strcmp(fd->id, field_id) == 0)
                return fd;
        }
    return NULL;
}

const char *tr_module_step_kind_name(tr_module_step_kind kind)
{
    return (size_t)kind < COUNT(STEP_KINDS) ? STEP_KINDS[kind] : "?";
}

const char *tr_module_field_type_name(tr_module_field_type type)
{
    return (size_t)type < COUNT(FIELD_TYPES) ? FIELD_TYPES[type] : "?";
}

tr_status tr_module_load_dir(const char *content_dir, tr_module ***out, size_t *count,
                             tr_diags *diags)
{
    assert(content_dir);
    char dir[TP_PATH_MAX], path[TP_PATH_MAX];
    char **names = NULL;
    size_t n = 0, kept = 0;
    tr_module **mods = NULL;
    tr_status result = TR_OK;
    if (count)
        *count = 0;
    if (out)
        *out = NULL;
    if (tp_path_join(dir, sizeof dir, content_dir, "modules") != 0)
        return TR_E_INVALID;
    int rc = tp_dir_list(dir, ".json", &names, &n);
    if (rc == -ENOENT || rc == -ENOTDIR)
        return TR_E_NOTFOUND; /* a pack may come without modules: the caller decides */
    if (rc != 0) {
        if (diags &&
            tr_diags_add(diags, "modules", "", 0, 0, "cannot list the modules folder %s: %s", dir,
                         strerror(-rc)) != TR_OK)
            return TR_E_NOMEM;
        return TR_E_IO;
    }
    if (out && !(mods = calloc(n ? n : 1, sizeof *mods))) {
        tp_dir_names_free(names, n);
        return TR_E_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        char rel[300];
        snprintf(rel, sizeof rel, "modules/%s", names[i]);
        tr_status st = TR_E_INVALID;
        tr_module *m = NULL;
        if (tp_path_join(path, sizeof path, dir, names[i]) == 0)
            st = load_as(path, rel, mods ? &m : NULL, diags);
        else if (diags && tr_diags_add(diags, rel, "", 0, 0, "the path is too long") != TR_OK)
            st = TR_E_NOMEM;
        if (st == TR_OK && m)
            mods[kept++] = m;
        if (st == TR_E_NOMEM) {
            result = TR_E_NOMEM;
            break;
        }
        if (st != TR_OK && result == TR_OK)
            result = st == TR_E_IO ? TR_E_IO : TR_E_INVALID;
    }
    if (count)
        *count = n;
    tp_dir_names_free(names, n);
    if (result != TR_OK) { /* all or nothing: a pack must not half-load */
        for (size_t i = 0; i < kept; i++)
            tr_module_destroy(mods[i]);
        free(mods);
        return result;
    }
    if (out)
        *out = mods;
    return result;
}

tr_status tr_module_validate_dir(const char *content_dir, size_t *count, tr_diags *diags)
{
    return tr_module_load_dir(content_dir, NULL, count, diags);
}
