/* tr_records_list: an unlocked profile's journal records as one list, oldest first, each a
 * core/RECORDS.md object kept packed and read-only (tr_records_pack.h). The list is the array
 * the core readers take (tr_module, tr_track, tr_med, tr_outcome …); the screens hold it, add
 * to it and hand it on, without reading JSON themselves.
 *
 * Ownership: the list owns every record added to it; tr_records_list_free frees them all.
 * Records read from it point into it: valid until the list is freed. Not thread-safe. */
#ifndef TR_RECORDS_LIST_H
#define TR_RECORDS_LIST_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "tr_error.h"

/* A new empty list, or NULL when out of memory. */
cJSON *tr_records_list_make(void);

/* Frees the list and its records; NULL is fine. */
void tr_records_list_free(cJSON *list);

/* The number of records in list (0 for NULL or anything but a list). */
size_t tr_records_list_count(const cJSON *list);

/* Record i (0 = oldest), or NULL past the end. Walking every record with it is linear per
 * call: a reader that walks the whole list takes the list itself. */
const cJSON *tr_records_list_at(const cJSON *list, size_t i);

/* The newest record, and the one before rec (NULL at the oldest): a walk from the newest back
 * that visits each record once, as a screen listing newest first does. */
const cJSON *tr_records_list_newest(const cJSON *list);
const cJSON *tr_records_list_older(const cJSON *list, const cJSON *rec);

/* Adds rec (always taken over: packed and added, or freed on failure) as the newest record.
 * Returns TR_OK, or TR_E_INVALID (list or rec NULL; rec not an object) / TR_E_NOMEM with err
 * set; the list is then unchanged. */
tr_status tr_records_list_add(cJSON *list, cJSON *rec, tr_error *err);

/* The `type` of a record, or "" when it has none (never NULL). */
const char *tr_records_type(const cJSON *rec);

/* The newest record of type `type` in list, or NULL. */
const cJSON *tr_records_newest(const cJSON *list, const char *type);

#endif
