/* tr_values: the values of a module entry (core/RECORDS.md `module_entry`: {field id → value})
 * or of one row of a list field, as typed values the screens read and change without
 * touching JSON.
 *
 * A value is one of: nothing (absent or null), a text, a number, a yes/no, a list of texts
 * (a choice with several answers), or a list of rows (a list field; each row is a tr_values of
 * its own). What a field may hold is the module's business (tr_module_values_check); this
 * only stores and hands back what is there, and every reader answers "nothing" for a value of
 * another kind, never crashes on one.
 *
 * Ownership: a tr_values made by tr_values_make or tr_values_copy (or handed out as owned by
 * a core function) is freed with tr_values_destroy, which also frees its rows and values.
 * Pointers read from it (tr_value, rows, texts) point into it: valid until it is changed or
 * destroyed. tr_values read from records (tr_module_entry_values) are read-only views into
 * the records and must never be destroyed or changed.
 *
 * Not thread-safe: one thread owns a tr_values at a time. */
#ifndef TR_VALUES_H
#define TR_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#include "tr_error.h"

/* The longest text one value may hold, in bytes: the longest text field FORMAT.md allows
 * (max_len 4,000 characters) of four bytes each, with room to spare. */
#define TR_VALUES_TEXT_MAX 16384
/* The longest field id, in bytes (module ids are at most 40; FORMAT.md). */
#define TR_VALUES_ID_MAX 64

typedef struct tr_values tr_values; /* {field id → value} */
typedef struct tr_value tr_value;   /* one field's value */

typedef enum tr_value_kind {
    TR_VALUE_NONE,   /* absent, null, or a kind no field holds */
    TR_VALUE_TEXT,   /* a string */
    TR_VALUE_NUMBER, /* a finite number */
    TR_VALUE_BOOL,   /* yes or no */
    TR_VALUE_LIST,   /* a list: of texts (tr_value_text_at) or of rows (tr_value_row) */
} tr_value_kind;

/* ---- making and freeing ------------------------------------------------------------------ */

/* A new empty set of values, or NULL when out of memory. */
tr_values *tr_values_make(void);

/* A deep copy of v (an empty set for NULL), or NULL when out of memory. */
tr_values *tr_values_copy(const tr_values *v);

/* Frees v and everything in it; NULL is fine. Never call it on a view into records. */
void tr_values_destroy(tr_values *v);

/* ---- reading ----------------------------------------------------------------------------- */

/* The value of field id in v, or NULL when v is NULL, id is NULL or the field has none. */
const tr_value *tr_values_get(const tr_values *v, const char *id);

/* true when field id holds a value other than nothing (null counts as nothing). */
bool tr_values_has(const tr_values *v, const char *id);

/* The kind of value; TR_VALUE_NONE for NULL. */
tr_value_kind tr_value_kind_of(const tr_value *v);

/* The text of a text value, or NULL for any other kind. */
const char *tr_value_text(const tr_value *v);

/* Writes the number of a number value to *out and returns true; false (out untouched) for any
 * other kind. */
bool tr_value_number(const tr_value *v, double *out);

/* true for a yes value; false for no and for every other kind. */
bool tr_value_is_true(const tr_value *v);

/* The number of entries of a list value; 0 for any other kind. */
size_t tr_value_count(const tr_value *v);

/* Entry i of a list value when it is a text, else NULL (also past the end). */
const char *tr_value_text_at(const tr_value *v, size_t i);

/* Entry i of a list value when it is a row, else NULL (also past the end). */
const tr_values *tr_value_row(const tr_value *v, size_t i);

/* true when a list value holds the text s. */
bool tr_value_has_text(const tr_value *v, const char *s);

/* true when a and b are the same value (both nothing counts as the same). */
bool tr_value_same(const tr_value *a, const tr_value *b);

/* ---- changing ---------------------------------------------------------------------------- */

/* Each setter replaces what field id held. They return TR_OK, TR_E_INVALID (err says why:
 * v or id NULL, id empty or longer than TR_VALUES_ID_MAX, a text longer than
 * TR_VALUES_TEXT_MAX, a number that is not finite) or TR_E_NOMEM; on failure v is unchanged. */
tr_status tr_values_set_text(tr_values *v, const char *id, const char *text, tr_error *err);
tr_status tr_values_set_number(tr_values *v, const char *id, double d, tr_error *err);
tr_status tr_values_set_bool(tr_values *v, const char *id, bool on, tr_error *err);

/* Removes field id's value (nothing to remove is fine). */
void tr_values_clear(tr_values *v, const char *id);

/* A choice with several answers: makes field id a list of texts that holds `text` when on and
 * not when off, keeping the order of the others (a new one goes last; texts that are not
 * texts are dropped). Returns as the setters. */
tr_status tr_values_set_choice(tr_values *v, const char *id, const char *text, bool on,
                               tr_error *err);

/* The rows of list field id: its number of rows, or 0 when it holds none (or no list). */
size_t tr_values_row_count(const tr_values *v, const char *id);

/* Row i of list field id to change, or NULL when there is no such row or it is not a row. */
tr_values *tr_values_row_edit(tr_values *v, const char *id, size_t i);

/* Appends an empty row to list field id (making the list when the field holds nothing; a field
 * holding something else is replaced by the list). Returns as the setters. */
tr_status tr_values_add_row(tr_values *v, const char *id, tr_error *err);

/* Removes row i of list field id (nothing happens when there is no such row). */
void tr_values_remove_row(tr_values *v, const char *id, size_t i);

#endif
