/* tr_goal: the client's own goals (issue 17): goals in their own words, at most a few active at
 * a time, each rated for how close it is, re-rated at check-ins and measures, marked reached or
 * let go of (kept, never deleted), optionally linked to a self-help module.
 *
 *   tr_goal_load       reads and validates content/goals.json: how many goals may be active,
 *                      the rating scale and its anchors, the texts (all clinical texts are
 *                      data, marked draft until reviewed);
 *   tr_goal_check_*    say whether an action is allowed now, as a tr_goal_problem the front end
 *                      turns into its own words;
 *   tr_goal_*_record   make the journal record `goal` (core/RECORDS.md) after the same check;
 *   tr_goal_read       the goals as the journal's records say now, with every rating.
 *
 * Ownership: a tr_goal_content owns its parsed file (tr_goal_free). Record makers borrow their
 * strings and return a new cJSON object (the caller's, e.g. for tu_records_append). A
 * tr_goal_list owns only its arrays; its strings point into the records it was read from, which
 * must outlive it (tr_goal_list_free). Errors travel in err; nothing is printed. */
#ifndef TR_GOAL_H
#define TR_GOAL_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "tr_content.h"
#include "tr_error.h"

#define TR_GOAL_FILE       "goals.json"
#define TR_GOAL_TEXT_MAX   200 /* bytes of a goal's own words */
#define TR_GOAL_ID_MAX     24  /* "goal1", "goal2" ... */
#define TR_GOAL_ACTIVE_MAX 5   /* the most a pack may allow at once (max_active) */
#define TR_GOAL_SCALE_TOP  10  /* ratings are whole numbers in 0..10 (the pack may narrow it) */

typedef struct tr_goal_content {
    void *doc;           /* the parsed file (cJSON), owned */
    int draft;           /* review.status is "draft": the front end says so */
    int max_active;      /* goals active at once (1..TR_GOAL_ACTIVE_MAX; 3 shipped) */
    int min, max;        /* the rating scale (0..10 shipped) */
    tr_text intro, rate; /* what goals are here; the rating question */
    tr_text low, high;   /* the scale's anchors ("0 = nowhere near", "10 = reached") */
    tr_text close;       /* reached / let go: kept in history, letting go is fine */
} tr_goal_content;

/* Loads and validates PACK_DIR/goals.json against the pack's languages: format 1, review,
 * unknown keys, max_active 1..TR_GOAL_ACTIVE_MAX, scale {min, max} whole numbers with
 * 0 <= min < max <= TR_GOAL_SCALE_TOP, every text in every language. Every problem goes to
 * diags as "goals.json: path: what". Returns TR_OK and *out (free with tr_goal_free);
 * TR_E_NOTFOUND when the pack has none (*out NULL, nothing in diags: the file is optional);
 * TR_E_INVALID ("N problems") with *out NULL; TR_E_NOMEM. */
tr_status tr_goal_load(const tr_content *pack, tr_goal_content **out, tr_diags *diags,
                       tr_error *err);

/* Frees the content; NULL is fine. */
void tr_goal_free(tr_goal_content *g);

typedef enum tr_goal_status { TR_GOAL_ACTIVE, TR_GOAL_REACHED, TR_GOAL_LET_GO } tr_goal_status;

/* One rating as read: when, the number, and where it was given ("goals", "checkin",
 * "measure"). */
typedef struct tr_goal_rating {
    const char *ts, *at;
    int value;
} tr_goal_rating;

/* One goal as read: its first record's words and time, its status now and when it changed,
 * the module linked to it ("" = none) and its ratings, oldest first (the first is the one
 * given when it was set). */
typedef struct tr_goal_item {
    const char *goal, *ts, *text, *module;
    tr_goal_status status;
    const char *closed_ts; /* "" while active */
    tr_goal_rating *ratings;
    size_t n_ratings;
} tr_goal_item;

typedef struct tr_goal_list {
    tr_goal_item *items; /* in the order they were set */
    size_t n, n_active;
} tr_goal_list;

/* Reads the goals from records (an array of journal records, oldest first). Records of other
 * types are skipped, as are goal records that lack their fields, a rating outside 0..10 or not
 * a whole number, and anything done to a goal never set or no longer active. TR_OK, or
 * TR_E_NOMEM with *list empty. */
tr_status tr_goal_read(const cJSON *records, tr_goal_list *list, tr_error *err);

void tr_goal_list_free(tr_goal_list *list);

/* The index of goal id in list, or -1. */
int tr_goal_find(const tr_goal_list *list, const char *id);

/* The newest rating of a goal, or -1 when it has none. */
int tr_goal_latest(const tr_goal_item *it);

/* Why an action cannot be done (TR_GOAL_OK: it can). */
typedef enum tr_goal_problem {
    TR_GOAL_OK,
    TR_GOAL_EMPTY,      /* the goal's words are empty (or only spaces) */
    TR_GOAL_TOO_LONG,   /* more than TR_GOAL_TEXT_MAX bytes */
    TR_GOAL_TOO_MANY,   /* max_active goals are active already */
    TR_GOAL_RATING,     /* no rating, or one outside the pack's scale */
    TR_GOAL_UNKNOWN,    /* no such goal */
    TR_GOAL_NOT_ACTIVE, /* the goal was reached or let go of already */
    TR_GOAL_MODULE      /* not a module id */
} tr_goal_problem;

/* What is wrong with setting a new goal with these words and this first rating. */
tr_goal_problem tr_goal_check_add(const tr_goal_content *c, const tr_goal_list *l, const char *text,
                                  int rating);

/* What is wrong with rating, closing or linking goal id now (rating < 0: not a rating). */
tr_goal_problem tr_goal_check_active(const tr_goal_list *l, const char *id);
tr_goal_problem tr_goal_check_rating(const tr_goal_content *c, int rating);

/* The `goal` record (op "add") for a new goal with a fresh id (goal1, goal2 ... not used in l),
 * its words (spaces around them dropped), its first rating and the module linked to it (NULL or
 * "" = none). Returns it, or NULL with err: TR_E_INVALID for a missing ts or a problem of
 * tr_goal_check_add (the message names it; *why, when given, says which), TR_E_NOMEM. */
cJSON *tr_goal_add_record(const tr_goal_content *c, const tr_goal_list *l, const char *ts,
                          const char *text, int rating, const char *module, tr_goal_problem *why,
                          tr_error *err);

/* The `goal` record (op "rate") re-rating active goal id; at says where ("goals", "checkin",
 * "measure"). NULL with err (TR_E_INVALID, *why as above) or TR_E_NOMEM. */
cJSON *tr_goal_rate_record(const tr_goal_content *c, const tr_goal_list *l, const char *ts,
                           const char *id, int rating, const char *at, tr_goal_problem *why,
                           tr_error *err);

/* The `goal` record (op "close") marking active goal id reached or let go of (status not
 * TR_GOAL_ACTIVE). NULL with err (TR_E_INVALID, *why) or TR_E_NOMEM. */
cJSON *tr_goal_close_record(const tr_goal_list *l, const char *ts, const char *id,
                            tr_goal_status status, tr_goal_problem *why, tr_error *err);

/* The `goal` record (op "link") linking active goal id to a module (a content id; "" unlinks).
 * NULL with err (TR_E_INVALID, *why) or TR_E_NOMEM. */
cJSON *tr_goal_link_record(const tr_goal_list *l, const char *ts, const char *id,
                           const char *module, tr_goal_problem *why, tr_error *err);

/* One `goal` record as read, for a screen that lists records one by one (a report's preview). */
typedef enum tr_goal_op {
    TR_GOAL_OP_ADD,
    TR_GOAL_OP_RATE,
    TR_GOAL_OP_CLOSE,
    TR_GOAL_OP_LINK
} tr_goal_op;
typedef struct tr_goal_event {
    const char *goal, *ts;
    tr_goal_op op;
    const char *text;      /* an add's words, else "" */
    int rating;            /* an add's or a rate's, else -1 */
    tr_goal_status status; /* a close's (reached / let go of), else active */
} tr_goal_event;

/* 1 with *ev filled (strings point into rec) when rec is a `goal` record with the fields its op
 * needs, else 0. */
int tr_goal_event_of(const cJSON *rec, tr_goal_event *ev);

/* "active", "reached" or "let_go" (as in the records and reports). */
const char *tr_goal_status_name(tr_goal_status s);

#endif
