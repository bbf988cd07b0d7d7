/* tr_values_priv: for core only, the JSON under tr_values (tr_values.h). The screens never
 * include this: they read and change values through tr_values.h alone. */
#ifndef TR_VALUES_PRIV_H
#define TR_VALUES_PRIV_H

#include <cjson/cJSON.h>

#include "tr_values.h"

/* The object under v (NULL for NULL); the pointer stays owned as v is. */
cJSON *tr_values_json(tr_values *v);
const cJSON *tr_values_cjson(const tr_values *v);
/* A read-only view of obj as values: NULL unless obj is an object. obj keeps its owner. */
const tr_values *tr_values_of_json(const cJSON *obj);
/* obj (an object the caller owned, now owned as a tr_values; NULL stays NULL). */
tr_values *tr_values_adopt(cJSON *obj);
/* A view of one item as a value, and back. */
const tr_value *tr_value_of_json(const cJSON *item);
const cJSON *tr_value_cjson(const tr_value *v);

#endif
