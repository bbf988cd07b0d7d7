/* tr_logic: the evaluator's core: dispatch and the operations that decide themselves which
 * arguments to evaluate (if, and, or, map, filter, reduce, all, none, some). */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "tr_logic_priv.h"

static const char *const control_ops[] = {"if",     "?:",     "and", "or",   "map",
                                          "filter", "reduce", "all", "none", "some"};
static const char *const plain_ops[] = {
    "var", "missing", "missing_some", "==",   "===", "!=", "!==", "!", "!!", ">",
    ">=",  "<",       "<=",           "max",  "min", "+",  "-",   "*", "/",  "%",
    "in",  "cat",     "substr",       "merge"};

static int in_list(const char *op, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(op, list[i]) == 0)
            return 1;
    return 0;
}

int tr_logic_known_op(const char *op)
{
    return in_list(op, control_ops, sizeof control_ops / sizeof control_ops[0]) ||
           in_list(op, plain_ops, sizeof plain_ops / sizeof plain_ops[0]);
}

int tr_logic_is_op(const cJSON *rule)
{
    return cJSON_IsObject(rule) && rule->child && !rule->child->next && rule->child->string;
}

/* The i-th argument (0-based) of an operation whose arguments are `args` (an array, or one
 * value standing for a one-element array); NULL when absent. */
static const cJSON *arg(const cJSON *args, int i)
{
    if (!cJSON_IsArray(args))
        return i == 0 ? args : NULL;
    return cJSON_GetArrayItem(args, i);
}

static int nargs(const cJSON *args)
{
    return cJSON_IsArray(args) ? cJSON_GetArraySize(args) : 1;
}

static cJSON *eval_arg(tr_logic_ctx *ctx, const cJSON *args, int i, const cJSON *data)
{
    const cJSON *a = arg(args, i);
    return a ? tr_logic_eval(ctx, a, data) : tr_logic_null(ctx);
}

static cJSON *op_if(tr_logic_ctx *ctx, const cJSON *args, const cJSON *data)
{
    int n = nargs(args), i;
    for (i = 0; i + 1 < n; i += 2) {
        cJSON *c = eval_arg(ctx, args, i, data);
        int t = tr_logic_truthy(c);
        cJSON_Delete(c);
        if (ctx->failed)
            return NULL;
        if (t)
            return eval_arg(ctx, args, i + 1, data);
    }
    if (i + 1 == n)
        return eval_arg(ctx, args, i, data);
    return tr_logic_null(ctx);
}

/* and / or: the first value that decides (falsy for and, truthy for or), else the last. */
static cJSON *op_andor(tr_logic_ctx *ctx, const cJSON *args, const cJSON *data, int is_or)
{
    int n = nargs(args);
    cJSON *cur = NULL;
    for (int i = 0; i < n; i++) {
        cJSON_Delete(cur);
        cur = eval_arg(ctx, args, i, data);
        if (!cur)
            return NULL;
        if (tr_logic_truthy(cur) == is_or)
            return cur;
    }
    return cur ? cur : tr_logic_null(ctx);
}

/* map, filter, all, none, some: the rule args[1] runs with each element of args[0]. */
static cJSON *op_each(tr_logic_ctx *ctx, const char *op, const cJSON *args, const cJSON *data)
{
    cJSON *list = eval_arg(ctx, args, 0, data), *out = NULL;
    const cJSON *scoped = arg(args, 1);
    int is_map = strcmp(op, "map") == 0, is_all = strcmp(op, "all") == 0;
    int count = 0;

    if (!list)
        return NULL;
    if (!cJSON_IsArray(list)) {
        cJSON_Delete(list);
        if (is_all || strcmp(op, "some") == 0)
            return tr_logic_bool(ctx, 0);
        if (strcmp(op, "none") == 0)
            return tr_logic_bool(ctx, 1);
        return tr_logic_arr(ctx);
    }
    if (!is_all && strcmp(op, "none") != 0 && strcmp(op, "some") != 0) {
        out = tr_logic_arr(ctx);
        if (!out)
            goto fail;
    }
    for (cJSON *el = list->child; el; el = el->next) {
        cJSON *r = scoped ? tr_logic_eval(ctx, scoped, el) : tr_logic_null(ctx);
        int t;
        if (!r)
            goto fail;
        if (is_map) {
            cJSON_AddItemToArray(out, r);
            continue;
        }
        t = tr_logic_truthy(r);
        cJSON_Delete(r);
        if (is_all && !t)
            break;
        if (!t)
            continue;
        count++;
        if (out) {
            cJSON *copy = tr_logic_copy(ctx, el);
            if (!copy)
                goto fail;
            cJSON_AddItemToArray(out, copy);
        }
    }
    if (is_all) {
        int n = cJSON_GetArraySize(list);
        cJSON_Delete(list);
        return tr_logic_bool(ctx, n > 0 && count == n);
    }
    cJSON_Delete(list);
    if (!out)
        return tr_logic_bool(ctx, strcmp(op, "some") == 0 ? count > 0 : count == 0);
    return out;
fail:
    cJSON_Delete(list);
    cJSON_Delete(out);
    return NULL;
}

static cJSON *op_reduce(tr_logic_ctx *ctx, const cJSON *args, const cJSON *data)
{
    cJSON *list = eval_arg(ctx, args, 0, data), *acc = NULL, *scope = NULL;
    const cJSON *scoped = arg(args, 1);

    if (!list)
        return NULL;
    acc = eval_arg(ctx, args, 2, data);
    if (!acc || !cJSON_IsArray(list))
        goto done;
    for (cJSON *el = list->child; el; el = el->next) {
        cJSON *next;
        scope = cJSON_CreateObject();
        if (!scope || !cJSON_AddItemReferenceToObject(scope, "current", el) ||
            !cJSON_AddItemReferenceToObject(scope, "accumulator", acc)) {
            tr_logic_fail(ctx, TR_E_NOMEM, "out of memory while evaluating a rule");
            goto fail;
        }
        next = scoped ? tr_logic_eval(ctx, scoped, scope) : tr_logic_null(ctx);
        cJSON_Delete(scope);
        scope = NULL;
        if (!next)
            goto fail;
        cJSON_Delete(acc);
        acc = next;
    }
done:
    cJSON_Delete(list);
    return acc;
fail:
    cJSON_Delete(scope);
    cJSON_Delete(list);
    cJSON_Delete(acc);
    return NULL;
}

static cJSON *eval_op(tr_logic_ctx *ctx, const cJSON *rule, const cJSON *data)
{
    const char *op = rule->child->string;
    const cJSON *args = rule->child;
    cJSON *vals = NULL, *out;
    int known = 0;

    if (strcmp(op, "if") == 0 || strcmp(op, "?:") == 0)
        return op_if(ctx, args, data);
    if (strcmp(op, "and") == 0 || strcmp(op, "or") == 0)
        return op_andor(ctx, args, data, op[0] == 'o');
    if (strcmp(op, "reduce") == 0)
        return op_reduce(ctx, args, data);
    if (in_list(op, control_ops, sizeof control_ops / sizeof control_ops[0]))
        return op_each(ctx, op, args, data);
    if (!tr_logic_known_op(op))
        return tr_logic_fail(ctx, TR_E_INVALID,
                             "unrecognised operation '%.80s' (JsonLogic knows var, missing, "
                             "if, ==, <, +, cat, map, ... ; check the spelling)",
                             op);

    /* Everything else gets its arguments evaluated first, depth first. */
    vals = tr_logic_arr(ctx);
    if (!vals)
        return NULL;
    for (int i = 0, n = nargs(args); i < n; i++) {
        cJSON *v = eval_arg(ctx, args, i, data);
        if (!v) {
            cJSON_Delete(vals);
            return NULL;
        }
        cJSON_AddItemToArray(vals, v);
    }
    out = tr_logic_call(ctx, op, vals, data, &known);
    assert(known);
    cJSON_Delete(vals);
    return out;
}

cJSON *tr_logic_eval(tr_logic_ctx *ctx, const cJSON *rule, const cJSON *data)
{
    cJSON *out;
    if (ctx->failed || !tr_logic_charge(ctx, 1))
        return NULL;
    if (ctx->depth >= ctx->max_depth)
        return tr_logic_fail(ctx, TR_E_TOOBIG, "the rule nests deeper than %d levels",
                             ctx->max_depth);
    ctx->depth++;
    if (cJSON_IsArray(rule)) {
        out = tr_logic_arr(ctx);
        for (const cJSON *c = rule->child; c && out; c = c->next) {
            cJSON *v = tr_logic_eval(ctx, c, data);
            if (!v) {
                cJSON_Delete(out);
                out = NULL;
            } else {
                cJSON_AddItemToArray(out, v);
            }
        }
    } else if (tr_logic_is_op(rule)) {
        out = eval_op(ctx, rule, data);
    } else {
        out = tr_logic_copy(ctx, rule);
    }
    ctx->depth--;
    if (!out && !ctx->failed)
        tr_logic_fail(ctx, TR_E_NOMEM, "out of memory while evaluating a rule");
    return out;
}

cJSON *tr_logic_apply_opts(const cJSON *rule, const cJSON *data, const tr_logic_opts *opts,
                           tr_error *err)
{
    tr_logic_ctx ctx = {.err = err,
                        .max_depth = TR_LOGIC_MAX_DEPTH,
                        .max_work = TR_LOGIC_MAX_WORK,
                        .max_string = TR_LOGIC_MAX_STRING};
    cJSON *null_data = NULL, *out;

    if (opts && opts->max_depth > 0 && opts->max_depth < ctx.max_depth)
        ctx.max_depth = opts->max_depth;
    if (opts && opts->max_work > 0 && opts->max_work < ctx.max_work)
        ctx.max_work = opts->max_work;
    if (opts && opts->max_string > 0 && opts->max_string < ctx.max_string)
        ctx.max_string = opts->max_string;
    if (!rule) {
        tr_error_set(err, TR_E_INVALID, "no rule given");
        return NULL;
    }
    if (!data) {
        null_data = cJSON_CreateNull();
        if (!null_data) {
            tr_error_set(err, TR_E_NOMEM, "out of memory while evaluating a rule");
            return NULL;
        }
        data = null_data;
    }
    out = tr_logic_eval(&ctx, rule, data);
    cJSON_Delete(null_data);
    assert(out || ctx.failed);
    return out;
}

cJSON *tr_logic_apply(const cJSON *rule, const cJSON *data, tr_error *err)
{
    return tr_logic_apply_opts(rule, data, NULL, err);
}

/* ---- static check ----------------------------------------------------------------- */

typedef struct check_ctx {
    tr_logic_var_fn on_var;
    void *user;
    tr_error *err;
    char path[512];
} check_ctx;

static tr_status check_rec(check_ctx *c, const cJSON *rule, int scoped, int depth)
{
    size_t len = strlen(c->path);
    tr_status st = TR_OK;

    if (depth >= TR_LOGIC_MAX_DEPTH)
        return tr_error_set(c->err, TR_E_INVALID, "%s: the rule nests deeper than %d levels",
                            c->path, TR_LOGIC_MAX_DEPTH);
    if (cJSON_IsArray(rule)) {
        int i = 0;
        for (const cJSON *el = rule->child; el && st == TR_OK; el = el->next, i++) {
            snprintf(c->path + len, sizeof c->path - len, "[%d]", i);
            st = check_rec(c, el, scoped, depth + 1);
        }
    } else if (tr_logic_is_op(rule)) {
        const char *op = rule->child->string;
        const cJSON *args = rule->child;
        int each = in_list(op, control_ops + 4, 6); /* map .. some */
        snprintf(c->path + len, sizeof c->path - len, ".%.60s", op);
        if (!tr_logic_known_op(op))
            return tr_error_set(c->err, TR_E_INVALID,
                                "%s: unrecognised operation '%.80s' (check the spelling; "
                                "see jsonlogic.com for the operations)",
                                c->path, op);
        if (strcmp(op, "var") == 0 && c->on_var) {
            const cJSON *name = arg(args, 0);
            char num[40];
            if (cJSON_IsString(name)) {
                c->on_var(c->user, name->valuestring, scoped, c->path);
            } else if (cJSON_IsNumber(name)) {
                tr_logic_number_text(name->valuedouble, num, sizeof num);
                c->on_var(c->user, num, scoped, c->path);
            }
        }
        if (!cJSON_IsArray(args))
            return check_rec(c, args, scoped, depth + 1);
        len = strlen(c->path);
        {
            int i = 0;
            for (const cJSON *el = args->child; el && st == TR_OK; el = el->next, i++) {
                snprintf(c->path + len, sizeof c->path - len, "[%d]", i);
                st = check_rec(c, el, scoped || (each && i == 1), depth + 1);
            }
        }
    }
    c->path[len] = '\0';
    return st;
}

tr_status tr_logic_check(const cJSON *rule, tr_logic_var_fn on_var, void *user, tr_error *err)
{
    check_ctx c = {.on_var = on_var, .user = user, .err = err, .path = "$"};
    if (!rule)
        return tr_error_set(err, TR_E_INVALID, "no rule given");
    return check_rec(&c, rule, 0, 0);
}
