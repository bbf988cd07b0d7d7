/* tu_records: the open profile's journal records as the screens see them.
 *
 * Screens read `list` (every record, oldest first, as core/RECORDS.md objects) and write
 * through tu_records_append only. An append goes first to the sink (the profile code sets it
 * to the open journal, which makes it durable before returning) and only then into the list,
 * so what a screen shows has been saved. Without a sink (no profile open) records live in
 * memory for this run only.
 *
 * The records are read-only: they are kept packed (tr_records_pack.h: one allocation each,
 * whose members must never be changed, detached or deleted). The list is core's
 * (core/tr_records_list.h): screens hand it to core readers and read no JSON themselves.
 *
 * Ownership: tu_records owns `list` and every record appended to it. */
#ifndef TU_RECORDS_H
#define TU_RECORDS_H

#include <cjson/cJSON.h>

#include "tr_error.h"

/* Writes one record durably. Returns 0, or -1 with err saying what failed. */
typedef int (*tu_record_sink_fn)(void *user, const cJSON *record, tr_error *err);

typedef struct tu_records {
    cJSON *list;       /* array of records, oldest first; NULL until the first use */
    size_t count;      /* records in list (grows with every append: a cheap "changed?" key) */
    unsigned long gen; /* changes with every attach, append and free: the key of caches that
                        * point into list */
    tu_record_sink_fn sink;
    void *sink_user;
} tu_records;

/* Sets the sink (NULL = memory only) and replaces the list with `loaded` (taken over; NULL
 * = empty), as the profile code does when it opens a journal. */
void tu_records_attach(tu_records *r, tu_record_sink_fn sink, void *user, cJSON *loaded);

/* Appends rec (always taken over: freed on failure; kept packed). Returns 0, or -1 with err set
 * when the sink refused it or memory ran out; the list is then unchanged. */
int tu_records_append(tu_records *r, cJSON *rec, tr_error *err);

/* The records as an array (created empty on first use; NULL only when out of memory). */
const cJSON *tu_records_list(tu_records *r);

/* Frees the list; the sink is forgotten. */
void tu_records_free(tu_records *r);

/* A fresh "ts" for a record now (UTC, ISO 8601) into buf (>= 24 bytes). */
void tu_records_now(char *buf, size_t size);

#endif
