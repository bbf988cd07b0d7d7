/* tr_logic_priv: what the files of the JsonLogic evaluator share (not a public header). */
#ifndef TR_LOGIC_PRIV_H
#define TR_LOGIC_PRIV_H

#include <stddef.h>

#include "tp_attr.h"
#include "tr_logic.h"

/* One evaluation: bounds, the work spent so far and the caller's error. */
typedef struct tr_logic_ctx {
    tr_error *err;
    int depth, max_depth;
    size_t work, max_work, max_string;
    int failed;
} tr_logic_ctx;

/* Spends n units of work; returns 0 and sets the error (once) when over the bound. */
int tr_logic_charge(tr_logic_ctx *ctx, size_t n);
/* Sets the error (the first one wins) and returns NULL, for `return tr_logic_fail(...)`. */
cJSON *tr_logic_fail(tr_logic_ctx *ctx, tr_status status, const char *fmt, ...) TP_PRINTF(3, 4);
/* NULL-checked constructors that charge one unit each; NULL + error on failure. */
cJSON *tr_logic_num(tr_logic_ctx *ctx, double x);
cJSON *tr_logic_bool(tr_logic_ctx *ctx, int b);
cJSON *tr_logic_null(tr_logic_ctx *ctx);
cJSON *tr_logic_str(tr_logic_ctx *ctx, const char *s);
cJSON *tr_logic_arr(tr_logic_ctx *ctx);
/* A deep copy of v (NULL means null), charged by its number of nodes. */
cJSON *tr_logic_copy(tr_logic_ctx *ctx, const cJSON *v);

/* JavaScript conversions of a value (NULL counts as null). */
double tr_logic_to_number(const cJSON *v);   /* Number(v) */
double tr_logic_parse_float(const cJSON *v); /* parseFloat(v) */
/* String(v) as a new malloc'd string, or NULL + error when out of memory / too long. */
char *tr_logic_to_string(tr_logic_ctx *ctx, const cJSON *v);
int tr_logic_loose_eq(const cJSON *a, const cJSON *b);  /* a == b */
int tr_logic_strict_eq(const cJSON *a, const cJSON *b); /* a === b */
/* a < b (or a <= b when or_equal) under JavaScript's abstract relational comparison. */
int tr_logic_less(const cJSON *a, const cJSON *b, int or_equal);

/* The operations that take evaluated arguments: args is an array of evaluated values,
 * data the current data (for var/missing). Returns a new value or NULL + error; *known is
 * set to 0 when `op` is not one of them. */
cJSON *tr_logic_call(tr_logic_ctx *ctx, const char *op, const cJSON *args, const cJSON *data,
                     int *known);
/* 1 when op is any operation this evaluator knows (control or plain). */
int tr_logic_known_op(const char *op);
/* Evaluates a rule (the recursive core of tr_logic_apply). */
cJSON *tr_logic_eval(tr_logic_ctx *ctx, const cJSON *rule, const cJSON *data);
/* 1 when rule is an operation: an object with exactly one key. */
int tr_logic_is_op(const cJSON *rule);

#endif
