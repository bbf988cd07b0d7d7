/* tr_profile_int: what the profile store's files share (not a public header). */
#ifndef TR_PROFILE_INT_H
#define TR_PROFILE_INT_H

#include "tr_profile.h"

#define TRP_SUFFIX    ".trinn"
#define TRP_INDEX     "index.json"
#define TRP_OLD_INDEX "names.json" /* {slug: name}, before names moved into the journals */
#define TRP_OLD_SLUG  40           /* the longest slug of an old profile file */
#define TRP_PATH_MAX  4096

/* One index entry: what is visible, and what the store still has to do for a migrated one. */
typedef struct trp_entry {
    tr_profile_info info;
    int name_pending;            /* the label is the old visible name; write it into the journal */
    char from[TRP_OLD_SLUG + 1]; /* during a migration: the old file's slug, until it is renamed */
} trp_entry;

typedef struct trp_index {
    trp_entry *items;
    size_t n, cap;
} trp_index;

/* <data_dir>/profiles into buf; TR_E_INVALID when it does not fit. */
tr_status trp_dir(const tr_profile_desc *d, char *buf, size_t size, tr_error *err);

/* Tightens the folders (0700), finishes or runs a migration of an old folder, and loads the
 * index into *ix (empty when there is none). Returns TR_OK, or TR_E_IO / TR_E_NOMEM. */
tr_status trp_prepare(const tr_profile_desc *d, trp_index *ix, tr_error *err);

/* Saves ix (entries with an id whose journal is gone are dropped first). */
tr_status trp_index_save(const tr_profile_desc *d, trp_index *ix, tr_error *err);

/* The entry with id, or NULL. */
trp_entry *trp_index_find(trp_index *ix, const char *id);

/* Adds a zeroed entry and returns it, or NULL when memory ran out. */
trp_entry *trp_index_add(trp_index *ix);

void trp_index_remove(trp_index *ix, const char *id);
void trp_index_free(trp_index *ix);

/* 1 when s is TR_PROFILE_ID_LEN lower-case hex digits. */
int trp_valid_id(const char *s);

/* A new random id into id[TR_PROFILE_ID_LEN + 1]. */
void trp_new_id(char *id);

/* 1 when s is one of list (NULL-terminated). */
int trp_in_list(const char *const *list, const char *s);

#endif
