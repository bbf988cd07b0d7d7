/* tr_logic: a JsonLogic evaluator (jsonlogic.com) with the semantics of the reference
 * implementation json-logic-js, used for the triage rules and anything else that keeps
 * clinical decisions as data.
 *
 * Every operation of json-logic-js except `log` is supported: var, missing, missing_some,
 * if / ?:, == === != !==, ! !!, or, and, > >= < <= (with the 3-argument "between" forms),
 * max, min, + - * / %, in, cat, substr, merge, map, filter, reduce, all, none, some.
 * Values follow JavaScript: truthiness (an empty array is falsy, "0" is truthy), loose
 * equality and relational coercion, parseFloat for + and *, and numbers turned into text
 * the way JavaScript does (1 -> "1", 1e21 -> "1e+21").
 *
 * Known differences from JavaScript, all at the edges:
 *   - arrays and objects are compared by identity in JS; here they are never == or ===
 *     to another array or object (every value an expression produces is a fresh copy);
 *   - `substr` counts Unicode code points, not UTF-16 code units;
 *   - a result that is NaN or +-Infinity is printed as null by cJSON (as JSON.stringify does);
 *   - there is no `undefined` value: a missing argument acts as undefined in comparisons,
 *     arithmetic and ===, and a var that finds nothing gives null (as json-logic-js does);
 *     `and` / `or` with no arguments give null (undefined in JS).
 *
 * Evaluation is bounded: nesting of the rule (TR_LOGIC_MAX_DEPTH), total work (every
 * operation and every value created counts) and the length of any string. Over a bound the
 * evaluation stops with TR_E_TOOBIG; no input makes it crash or run away. */
#ifndef TR_LOGIC_H
#define TR_LOGIC_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "tr_error.h"

#define TR_LOGIC_MAX_DEPTH  100               /* nested operations in one rule */
#define TR_LOGIC_MAX_WORK   2000000           /* operations + values created per evaluation */
#define TR_LOGIC_MAX_STRING ((size_t)1 << 20) /* bytes in any string produced */

/* Options of tr_logic_apply_opts; zero fields take the defaults above. A caller may set
 * lower bounds (never higher than the defaults: higher values are clamped to them). */
typedef struct tr_logic_opts {
    int max_depth;
    size_t max_work;
    size_t max_string;
} tr_logic_opts;

/* Evaluates the JsonLogic `rule` against `data` (NULL data is treated as null). Returns a
 * new tree the caller frees with cJSON_Delete; neither argument is modified or kept.
 * On failure returns NULL and sets err: TR_E_INVALID for an unrecognised operation or an
 * operation that cannot run (e.g. `*` with no arguments), TR_E_TOOBIG over a bound,
 * TR_E_NOMEM when out of memory. */
cJSON *tr_logic_apply(const cJSON *rule, const cJSON *data, tr_error *err);

/* Same as tr_logic_apply with explicit bounds (opts may be NULL for the defaults). */
cJSON *tr_logic_apply_opts(const cJSON *rule, const cJSON *data, const tr_logic_opts *opts,
                           tr_error *err);

/* JavaScript truthiness as JsonLogic defines it: false, null, 0, NaN, "" and [] are falsy,
 * everything else (including "0" and {}) is truthy. A NULL pointer is falsy. */
int tr_logic_truthy(const cJSON *value);

/* Called by tr_logic_check for every `var` whose name is a literal string or number.
 * `name` is the dotted path as written; `scoped` is 1 when the var is read inside the
 * per-element rule of map/filter/reduce/all/none/some (its data is then an element, not
 * the top-level data object); `path` is the JSON path of the var in the rule. */
typedef void (*tr_logic_var_fn)(void *user, const char *name, int scoped, const char *path);

/* Checks a rule without evaluating it: every operation must be one this evaluator knows
 * and the rule must nest no deeper than TR_LOGIC_MAX_DEPTH. Calls `on_var` (may be NULL)
 * for each literal var. Returns TR_OK, or TR_E_INVALID with err naming the JSON path of the
 * first problem ("$.if[0].==[0]: unrecognised operation 'equals'"). */
tr_status tr_logic_check(const cJSON *rule, tr_logic_var_fn on_var, void *user, tr_error *err);

/* Writes the JavaScript text of a number (String(x)) into buf, at least 32 bytes. */
void tr_logic_number_text(double x, char *buf, size_t size);

/* 1 when rule reads a variable for which match(user, name) returns 1 ({"var": "phq9_9"} or
 * {"var": ["phq9_9", 0]}, anywhere in the rule), else 0; NULL rule gives 0. */
int tr_logic_reads(const cJSON *rule, int (*match)(void *user, const char *name), void *user);

#endif
