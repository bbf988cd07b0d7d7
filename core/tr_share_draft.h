/* tr_share_draft: a report being composed in the app, as typed data (core/EXCHANGE.md §7), so the
 * report screen reads no JSON: the records of a date range (tr_share_gather), the modules they
 * name, the plan of the client's choices (tr_share_plan_make) with each planned record as a
 * tr_share_line, and sealing exactly that plan (tr_care_report).
 *
 * Ownership: a tr_share_draft owns its records, plan and lines (tr_share_draft_free); a line's
 * strings point into the draft's records and live until the next gather or free. */
#ifndef TR_SHARE_DRAFT_H
#define TR_SHARE_DRAFT_H

#include <stddef.h>
#include <stdint.h>

#include "tr_care.h"
#include "tr_error.h"
#include "tr_exch.h"
#include "tr_goal.h"
#include "tr_journal.h"
#include "tr_share.h"

#define TR_SHARE_DRAFT_MODS 32 /* modules listed to choose from */

/* One planned record, as the client is shown it. Strings are "" when the record lacks them,
 * numbers NAN. */
typedef struct tr_share_line {
    const char *type, *ts;
    const tr_care_kind *kind;
    int risk;               /* carries a risk flag */
    int forced;             /* goes only because of its risk flag */
    const char *instrument; /* measure */
    double total;
    const char *level;    /* assessment: the level chosen */
    double mood, sleep;   /* checkin */
    const char *note;     /* checkin, side_effects, a medicine's change */
    const char *module;   /* module_progress, module_entry */
    const char *med_op;   /* medication: "add" or "change" */
    const char *med_name; /* medication: the medicine's name (from its "add", maybe earlier) */
    const char *dose;     /* medication: the dose given */
    int stopped;          /* medication: a change that stops it */
    size_t n_rated;       /* side_effects: effects rated */
    const char *wish;     /* medication_wish: the wish id */
    int request;          /* feedback: a wish to change therapist (always goes) */
    int has_goal;         /* goal: ev holds it (tr_goal_event_of) */
    tr_goal_event goal;
} tr_share_line;

typedef struct tr_share_draft {
    void *records; /* the records of the range (cJSON array), owned */
    int64_t from, until;
    char modules[TR_SHARE_DRAFT_MODS][TR_EXCH_ID_MAX + 1]; /* modules with records, in order */
    size_t n_modules;
    tr_share_plan plan;
    tr_share_line *lines; /* one per planned record, oldest first */
    size_t n_lines;
} tr_share_draft;

/* Reads the records of [from, until] (Unix seconds; 0 = open end) from the open journal j into
 * d (what d held before is freed) and lists the modules they name. TR_OK, TR_E_NOMEM or the
 * journal's failure (then d is empty). */
tr_status tr_share_draft_gather(tr_share_draft *d, tr_journal *j, int64_t from, int64_t until,
                                tr_error *err);

/* Plans the report of o's choices over d's records (o->records is ignored), module records only
 * of the n_modules ids listed when o->modules is set, and fills d->lines. TR_OK or TR_E_NOMEM
 * (then the plan is empty). */
tr_status tr_share_draft_plan(tr_share_draft *d, const tr_care_report_opts *o,
                              const char *const *modules, size_t n_modules, tr_error *err);

/* Seals d's plan (what the client was shown) to the card `to` as tr_care_report does, with o's
 * choices, range and risk rule. Free res with tr_care_report_free. */
tr_status tr_share_draft_seal(const tr_share_draft *d, const tr_care_state *s,
                              const tr_team_card *to, const tr_care_report_opts *o, const char *now,
                              tr_care_report_result *res, tr_error *err);

/* Frees what d holds; d is then empty (and may be gathered again). NULL is fine. */
void tr_share_draft_free(tr_share_draft *d);

#endif
