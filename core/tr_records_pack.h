/* tr_records_pack: a record held in one allocation instead of a cJSON tree of many.
 *
 * cJSON gives every value its own 64-byte node and every key and string its own malloc, so a
 * parsed activity-diary save (23 values) is about 45 allocations and 2.9 KB of heap. A packed
 * record is the same cJSON tree laid out in ONE block (the nodes, then the strings): about
 * 1.7 KB, one allocation, and every cJSON reader works on it unchanged.
 *
 * The block's first node is the root, marked cJSON_IsReference: cJSON_Delete on the root (or
 * on the array holding it) then frees the block and does not try to free the members inside
 * it one by one. So a packed record is READ-ONLY: never change, detach or delete its members
 * (cJSON_Duplicate gives an ordinary, changeable copy). tu_records' list holds only records
 * nobody changes, which is why the profile keeps its records packed (README "What a profile
 * keeps in memory"). */
#ifndef TR_RECORDS_PACK_H
#define TR_RECORDS_PACK_H

#include <cjson/cJSON.h>

/* Returns rec packed and frees rec; rec must not be in an array or object. When memory runs
 * out, returns rec itself, unchanged (still a valid record, just not packed). NULL gives NULL. */
cJSON *tr_records_pack(cJSON *rec);

/* A packed copy of rec in which the member `hollow` (a direct or deeper member of rec) is an
 * empty value of its type (an object without members, an array without items), or of rec
 * whole when hollow is NULL; rec itself is not changed (it may be in an array: only rec and
 * its members are copied). NULL when memory runs out. */
cJSON *tr_records_pack_hollow(const cJSON *rec, const cJSON *hollow);

/* 1 when rec is a packed record (tr_records_pack), else 0. */
int tr_records_packed(const cJSON *rec);

#endif
