/* tr_stats_priv: what tr_stats.c (reading, grouping) and tr_stats_out.c (JSON, CSV) share.
 * Not for other modules. */
#ifndef TR_STATS_PRIV_H
#define TR_STATS_PRIV_H

#include "tr_stats.h"

/* Strings seen once each (clients, teams, periods), found by a hash. */
typedef struct st_strings {
    char **s;
    size_t n, cap;
    uint32_t *slots; /* index + 1, 0 = empty; size nslots (a power of two) */
    size_t nslots;
} st_strings;

enum { ST_DEP = 0, ST_ANX = 1, ST_CARE = 2 };

/* One Observation that counts. */
typedef struct st_entry {
    uint32_t client; /* index in clients */
    uint32_t team;   /* index in teams (the performer's Organization id; "" when none) */
    int64_t ts;
    char *id; /* the Observation's id; owned */
    int kind; /* ST_DEP, ST_ANX (value = total) or ST_CARE (value = chosen, rec = recommended
               * level's rank) */
    int value;
    int rec;
} st_entry;

#define ST_ALL UINT32_MAX

typedef struct st_group {
    uint32_t team;   /* index in teams, or ST_ALL */
    uint32_t period; /* index in periods, or ST_ALL */
    int referrals;   /* clients whose first assessment falls here */
    int assessments;
    int chose_recommended, chose_more, chose_less;
    tr_outcome_service svc; /* tr_outcome's counts and rates */
} st_group;

struct tr_stats {
    tr_stats_desc desc;
    st_strings clients, teams, periods;
    char **team_names; /* per team index: the Organization's name, or NULL; owned */
    size_t team_names_cap;
    st_entry *e;
    size_t n, cap;
    size_t read, ignored;
    st_group *groups;
    size_t n_groups, cap_groups;
    uint32_t *gslots; /* group index + 1 by (team, period) hash */
    size_t n_gslots;
};

/* The index of s[0..len) in t, adding a copy when new. Returns 0 and *idx, or -1 (NOMEM). */
int st_intern(st_strings *t, const char *s, size_t len, uint32_t *idx);
void st_strings_free(st_strings *t);

#endif
