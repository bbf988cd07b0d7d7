/* tr_share: the client's side of the care loop over an open profile (core/EXCHANGE.md §6-7),
 * shared by `trinnctl report create` and the app's exchange screens (ui/tu_scr_exch*.c), so the
 * app holds no record handling of its own:
 *
 *   tr_share_state   the care state (tr_care.h) of an open journal: keys, pinned team, numbers;
 *   tr_share_keys    gives a profile made before the care loop its device key;
 *   tr_share_gather  the records a report can carry, in a date range;
 *   tr_share_plan    what a report will hold, record by record, before it is sealed: the kinds
 *                    the client chose, module records only of the modules chosen, and always
 *                    every record that carries a risk flag and every wish to change therapist. Its
 * records are what tr_care_report is then given, so the client sees exactly what is sealed.
 *
 * Ownership: a tr_share_plan owns its arrays (tr_share_plan_free); its items point into the
 * records it was made from, which must outlive it. */
#ifndef TR_SHARE_H
#define TR_SHARE_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_care.h"
#include "tr_error.h"
#include "tr_journal.h"
#include "tr_profile.h"

/* Reads the care state of the open journal j into s (zeroed first). TR_OK, or the journal's
 * failure (TR_E_CORRUPT naming the record, TR_E_IO) with s freed and zeroed. */
tr_status tr_share_state(tr_journal *j, tr_care_state *s, tr_error *err);

/* Makes sure the open client profile p has its device key: when s has none, makes one, appends
 * its "keys" record (at time now, ISO 8601) and takes it into s. TR_OK (also when it had one),
 * TR_E_CRYPTO, TR_E_NOMEM or the append's failure (then nothing was written). */
tr_status tr_share_keys(tr_profile *p, tr_care_state *s, const char *now, tr_error *err);

/* The records a report can carry (measure, assessment, module_progress, module_entry, checkin,
 * medication, side_effects, medication_wish, goal, feedback) whose time lies in [from, until] (Unix
 * seconds; 0 = open end), every goal record whatever its time (a goal's ratings need the
 * goal), and the "add" of a medicine added before the range and changed in it (the change alone
 * does not say which medicine), oldest first, into *out (a new array, the caller's). TR_OK,
 * TR_E_NOMEM, or the journal's failure. */
tr_status tr_share_gather(tr_journal *j, int64_t from, int64_t until, cJSON **out, tr_error *err);

/* One record of a plan. */
typedef struct tr_share_item {
    const cJSON *rec; /* points into the records given */
    int risk;         /* carries a risk flag */
    int forced;       /* included only because of its risk flag */
    int request;      /* a wish to change therapist (tr_feedback_forced): always included */
} tr_share_item;

typedef struct tr_share_plan {
    tr_share_item *items; /* what goes, oldest first */
    size_t n, n_risk, n_forced;
    cJSON *records; /* the same records as an array of references: give it to tr_care_report */
} tr_share_plan;

/* Plans a report over o->records with o's choices and o->risk; when o->modules is set and
 * modules is not NULL, only module records of the n_modules ids listed go (records that carry
 * a risk flag go whatever was chosen). On TR_OK *plan is filled (free with tr_share_plan_free);
 * TR_E_NOMEM otherwise, with *plan empty. */
tr_status tr_share_plan_make(const tr_care_report_opts *o, const char *const *modules,
                             size_t n_modules, tr_share_plan *plan, tr_error *err);

void tr_share_plan_free(tr_share_plan *plan);

#endif
