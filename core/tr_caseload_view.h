/* tr_caseload_view: what the therapist's screens draw of a team's caseload, as plain structs
 * (issue 10: no JSON in ui/ outside the script runner): a client's page (its risk flags with the
 * follow-up answers, the newest assessment, module progress and the newest exercise entries,
 * what the newest report carried) and the team's statistics (the counts and the four outcome
 * rates of every team and period together, and per period, with the reference figures).
 *
 * Everything here is read from what core already worked out (tr_caseload_flags,
 * tr_caseload_stats over the clients' shared records); nothing is decided anew.
 *
 * Ownership: a tr_caseload_page and a tr_stats_view own what they hold (their _free
 * functions); texts are copied, cut at the sizes below. */
#ifndef TR_CASELOAD_VIEW_H
#define TR_CASELOAD_VIEW_H

#include <stddef.h>

#include "tr_caseload.h"

struct tr_content;
struct tr_track;

#define TR_VIEW_ID      64  /* bytes of an id (instrument, item, module, step, field, level) */
#define TR_VIEW_TEXT    200 /* bytes of a value the client wrote (the screens show no more) */
#define TR_VIEW_ANSWERS 16  /* follow-up answers kept per flag */
#define TR_VIEW_VALUES  48  /* values kept per exercise entry */
#define TR_VIEW_ENTRIES 8   /* the newest exercise entries shown */
#define TR_VIEW_MODULES 32  /* modules listed */
#define TR_VIEW_REASONS 32  /* reasons and topics to ask about, each */

/* A value as a record held it: a number, a text, or something else (a list: not spelled out). */
typedef struct tr_view_value {
    char key[TR_VIEW_ID]; /* the item or field id */
    int kind;             /* 0 number, 1 text, 2 other */
    double number;
    char text[TR_VIEW_TEXT];
} tr_view_value;

/* One risk flag (tr_care_risk_of), newest first. */
typedef struct tr_view_flag {
    char ts[32];
    char type[32];               /* "measure" or "assessment" */
    char instrument[TR_VIEW_ID]; /* "" when none */
    int has_item;                /* a critical item: number (1-based) and value */
    double number, value;
    char risk[16]; /* "elevated", "acute" ("" none) */
    size_t n_answers;
    tr_view_value answers[TR_VIEW_ANSWERS]; /* the follow-up answers, in the record's order */
} tr_view_flag;

/* One exercise entry ("module_entry"), newest first. */
typedef struct tr_view_entry {
    char ts[32];
    char module[TR_VIEW_ID], step[TR_VIEW_ID];
    size_t n_values;
    tr_view_value values[TR_VIEW_VALUES];
} tr_view_entry;

typedef struct tr_caseload_page {
    int flags_failed; /* out of memory: the flags are not known (never shown as "none") */
    tr_view_flag *flags;
    size_t n_flags;
    size_t n_latest; /* records the newest report carried */
    /* the newest assessment */
    int has_assessment;
    char a_ts[32];
    char a_recommended[TR_VIEW_ID], a_chosen[TR_VIEW_ID];
    char a_preference[1200];
    const cJSON *a_answers; /* its answers (points into the client's records), for
                               tr_content_team_facts; NULL when it has none */
    size_t n_reasons, n_ask;
    char reasons[TR_VIEW_REASONS][TR_VIEW_ID], ask[TR_VIEW_REASONS][TR_VIEW_ID];
    /* module progress: each module met, in order, with its distinct steps marked done */
    size_t n_modules;
    char modules[TR_VIEW_MODULES][TR_VIEW_ID];
    int done[TR_VIEW_MODULES];
    int n_entries; /* exercise entries in all (deleted ones too, as they were written) */
    size_t n_shown;
    tr_view_entry shown[TR_VIEW_ENTRIES]; /* the newest, deleted ones left out */
} tr_caseload_page;

/* The page of client c, with the pack's risk rule. TR_OK (an out-of-memory for the flags alone
 * sets flags_failed), or TR_E_NOMEM. Free with tr_caseload_page_free. */
tr_status tr_caseload_page_make(const struct tr_content *pack, const tr_caseload_client *c,
                                tr_caseload_page *out, tr_error *err);
void tr_caseload_page_free(tr_caseload_page *p);

/* Feeds every shared record of c to tracker t (tr_track_feed), oldest first. Stops at the first
 * error (out of memory: what was fed stays) and returns it. */
tr_status tr_caseload_track_feed(const tr_caseload_client *c, struct tr_track *t, tr_error *err);

/* ---- the team's statistics ---------------------------------------------------------------- */

#define TR_VIEW_COUNTS 10
#define TR_VIEW_RATES  4
#define TR_VIEW_REFS   8

/* The names of the counts and rates, in the order of the arrays below (tr_stats_to_json's). */
extern const char *const tr_view_count_names[TR_VIEW_COUNTS];
extern const char *const tr_view_rate_names[TR_VIEW_RATES];

typedef struct tr_view_ref {
    double value;    /* 0..1 */
    char label[400]; /* in the language asked for, else the source ("" none) */
} tr_view_ref;

typedef struct tr_view_rate {
    int has_rate; /* rate is a number */
    int defined;  /* rate, low and high are numbers */
    double rate, low, high;
    int n, of;
    size_t n_refs;
    tr_view_ref refs[TR_VIEW_REFS];
} tr_view_rate;

typedef struct tr_view_group {
    char period[32]; /* "" for every period */
    int counts[TR_VIEW_COUNTS];
    tr_view_rate rates[TR_VIEW_RATES];
} tr_view_group;

typedef struct tr_stats_view {
    int has_all; /* the group of every team and period */
    tr_view_group all;
    tr_view_group *periods; /* each period over the whole team, in order */
    size_t n_periods;
} tr_stats_view;

/* The team's statistics (tr_caseload_stats) as a view, the reference labels in lang. Errors of
 * tr_caseload_stats; TR_E_NOMEM. Free with tr_stats_view_free. */
tr_status tr_caseload_stats_view(const tr_caseload *c, const struct tr_content *pack,
                                 const char *content_dir, const char *lang, tr_stats_view *out,
                                 tr_error *err);
void tr_stats_view_free(tr_stats_view *v);

#endif
