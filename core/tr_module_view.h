/* tr_module_view: a loaded module (tr_module.h) and its entries as the screens read them,
 * with typed values (tr_values.h) instead of JSON.
 *
 * Every function here reads the module read-only and the records given (the journal's
 * records array, oldest first, as tr_module.h takes them); pointers returned point into
 * the module or the records and stay valid while both live, unless a function says the
 * caller owns what it returns. */
#ifndef TR_MODULE_VIEW_H
#define TR_MODULE_VIEW_H

#include "tr_module.h"
#include "tr_values.h"

/* true when module m is tagged with focus `tag` ("general", "sleep" …). */
bool tr_module_has_focus(const tr_module *m, const char *tag);

/* Paragraph i of a list of texts (a step's or page's `text`, an example's text) in lang;
 * NULL past the end (and for a NULL list), so a loop runs until NULL. */
const char *tr_module_paragraph(const cJSON *texts, size_t i, const char *lang);

/* A step's worked example: its title in lang (NULL when it has none), the person it is
 * about ("" when not named) and its paragraphs (for tr_module_paragraph; may be NULL).
 * Returns false when the step has no example (outputs then untouched). */
bool tr_module_example_of(const tr_module_step *step, const char *lang, const char **title,
                          const char **person, const cJSON **texts);

/* The saved values of an entry (a read-only view into the records; never destroy it). */
const tr_values *tr_module_entry_values(const tr_module_entry *e);

/* As tr_module_compute, typed: a new copy of values with every computed field filled in
 * (caller owns it: tr_values_destroy), or NULL with err set. */
tr_values *tr_module_compute_values(const tr_module_step *step, const tr_values *values,
                                    tr_error *err);

/* As tr_module_ref_value, typed: the value a field ref of step reads (from values for the
 * same step, else the other step's newest entry in records), or NULL when none yet. */
const tr_value *tr_module_ref(const tr_module *m, const tr_module_step *step, const char *ref,
                              const tr_values *values, const cJSON *records,
                              const tr_module_field **field);

/* As tr_module_options_of, typed: a new list value of the distinct texts in that column
 * (caller owns it: tr_module_options_free), or NULL with err set. */
tr_value *tr_module_options(const tr_module *m, const tr_module_field *field, const cJSON *records,
                            tr_error *err);
void tr_module_options_free(tr_value *options);

/* As tr_module_format_number, for a typed value (NULL formats as "–"). */
void tr_module_format_value(const tr_module_field *field, const tr_value *value, const char *lang,
                            char *buf, size_t size);

/* As tr_module_entry_record, typed: a new `module_entry` save record of values (the caller
 * owns the record, to append to the journal), or NULL with err set. */
cJSON *tr_module_entry_record_of(const tr_module *m, const char *step_id, const char *entry_id,
                                 const tr_values *values, const char *ts, tr_error *err);

#endif
