/* tr_records_keep: what a profile keeps in memory of its journal's module entries.
 *
 * An exercise is saved as the client types (core/RECORDS.md `module_entry`, the newest record
 * of an `entry` wins), so a long-used journal holds many saves of the same entry. Every
 * reader (tr_module entries, tr_track series) uses only the FIRST record of an entry (its
 * place in the list and its creation time) and the NEWEST (its values, or its deletion), so
 * when the records are read at unlock only those two are kept; the saves in between are
 * freed as soon as a newer one arrives, and the first record's values are emptied (to {})
 * once a newer record of its entry is kept. Every record is kept packed (tr_records_pack.h:
 * one allocation, read-only) by tr_keep_finish. The journal itself keeps every record.
 *
 * Ownership: the keeper borrows the records it indexes; it must not outlive the array. */
#ifndef TR_RECORDS_KEEP_H
#define TR_RECORDS_KEEP_H

#include <cjson/cJSON.h>
#include <stddef.h>

typedef struct tr_keep_slot tr_keep_slot;

typedef struct tr_keep {
    tr_keep_slot *slots;
    size_t cap, used;
    size_t dropped; /* saves freed because a newer one of the same entry arrived */
    cJSON *pending; /* the newest record, not packed yet while more saves of its entry may
                     * follow (tr_keep_finish packs it) */
} tr_keep;

/* Appends rec (taken over) to the array arr, first freeing the entry's previous
 * newest record when rec supersedes it, or emptying the values of the entry's first record
 * when rec is its second. Records that are not a well-formed module_entry are simply
 * appended. Returns 0, or -1 when memory ran out (rec is then freed and arr unchanged). */
int tr_keep_add(tr_keep *k, cJSON *arr, cJSON *rec);

/* Packs the last record added when tr_keep_add left it as parsed (a save that the next
 * record could still have replaced); call it once every record was added. */
void tr_keep_finish(tr_keep *k, cJSON *arr);

/* Frees the index (not the records). */
void tr_keep_free(tr_keep *k);

#endif
