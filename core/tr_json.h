/* tr_json: strict JSON input for every parser in the core.
 *
 * cJSON does the parsing; this layer adds what cJSON leaves out: a size cap, rejection
 * of invalid UTF-8 and NUL bytes, rejection of trailing garbage, and error messages with
 * line:column. Ownership: a returned cJSON tree belongs to the caller (cJSON_Delete). */
#ifndef TR_JSON_H
#define TR_JSON_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "tr_error.h"

/* Makes cJSON wipe every block it frees (trees, keys, strings, print buffers): cJSON's
 * allocations then go through malloc and tp_wipe_free. Also turns on the arena of
 * platform/tp_secmem, from which packed records (tr_records_pack) then come: memory kept out of
 * core dumps (MADV_DONTDUMP) and locked out of swap where RLIMIT_MEMLOCK allows; cJSON_Delete
 * gives their blocks back to it. Process-wide (cJSON's hooks are global): call once at program
 * start, before any cJSON use, in every program that parses record plaintext (trinn,
 * trinnctl). */
void tr_json_wipe_on_free(void);

/* Largest JSON document any parser accepts (content files, rules, answers): 4 MiB. */
#define TR_JSON_MAX_BYTES ((size_t)4 << 20)

/* Returns 1 when buf[0..len) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF),
 * else 0 and, when bad_offset is not NULL, the offset of the first bad byte. */
int tr_utf8_valid(const char *buf, size_t len, size_t *bad_offset);

/* Converts a byte offset in buf to 1-based line and column (column counts bytes). */
void tr_json_linecol(const char *buf, size_t offset, int *line, int *col);

/* Parses exactly one JSON value from buf[0..len). `name` labels messages (a file name or
 * "stdin"). On failure returns NULL and sets err to "name:line:col: what is wrong". */
cJSON *tr_json_parse(const char *buf, size_t len, const char *name, tr_error *err);

/* Reads and parses a file of at most TR_JSON_MAX_BYTES. NULL + err on any failure
 * (missing file, too big, bad UTF-8, bad JSON), the message naming the path. */
cJSON *tr_json_load_file(const char *path, tr_error *err);

/* Like tr_json_load_file but also hands back the raw bytes (caller frees *text), for
 * validators that want line:column of later findings. */
cJSON *tr_json_load_file_text(const char *path, char **text, size_t *len, tr_error *err);

#endif
