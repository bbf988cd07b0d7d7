/* tu_result: the triage result as the front end holds it, the `assessment` record it saves,
 * and the history of earlier assessments (tu_scr_result.c, tu_scr_history.c).
 *
 * The triage rules are loaded once, the first time a result is needed, and kept for the run.
 * A result offers the recommended level first and then the engine's alternatives; the client
 * picks one and saves it as ONE `assessment` record (core/RECORDS.md) through tu_records.
 *
 * Ownership: tu_res owns the loaded rules and the result; tu_res_free releases both. */
#ifndef TU_RESULT_H
#define TU_RESULT_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "tr_triage.h"
#include "tu_assess.h"

/* Longest "what matters to me" line the client may add to a saved choice (bytes, UTF-8). */
#define TU_RES_PREF_MAX 200

typedef struct tu_res {
    tr_triage *triage;    /* the rules, loaded lazily; NULL until then or when they failed */
    tr_triage_result tri; /* the result for the walk's answers (valid when have) */
    int have;
    int chosen;                     /* 0 = the recommended level, i = alternatives[i - 1] */
    int saved;                      /* the choice was saved */
    char pref[TU_RES_PREF_MAX + 1]; /* optional "what matters to me" line */
    int hist_open;                  /* history: records index + 1 of the open one, 0 = list */
    int numbers_open;               /* the result's «Se tallene» section is open */
} tu_res;

/* The level the client has chosen (never NULL once have is set). */
const tr_level *tu_res_chosen(const tu_res *r);

/* Builds the `assessment` record of core/RECORDS.md for a finished walk and its triage result:
 * answers grouped per instrument, the scores of the instruments asked (scores/insts, n), risk,
 * recommended and alternatives (level ids), reasons (reason ids), chosen (a level id of the
 * result), modules, content_version, and `preference` when pref is not "" (NULL = none). It
 * holds ids and values only, never displayed texts. ts is the record's time ("" = now).
 * Returns a new object (caller owns it) or NULL when out of memory. */
cJSON *tu_res_record(const tr_content *pack, const tu_assess *walk, const tr_triage_result *tri,
                     const tr_inst *const *insts, const tr_score *scores, int n, const char *chosen,
                     const char *pref, const char *ts);

/* Something done with a record while it exists (e.g. tr_kiosk_spool_use): TR_OK or its error. */
typedef tr_status (*tu_res_use_fn)(void *user, const cJSON *rec, tr_error *err);

/* Builds the record as tu_res_record does (ts = now), hands it to use(user, rec, err), and frees
 * it (wiped where tr_json_wipe_on_free is on), so a caller never holds the tree. Returns use's
 * status, or TR_E_NOMEM (err set) when the record could not be made. */
tr_status tu_res_record_use(const tr_content *pack, const tu_assess *walk,
                            const tr_triage_result *tri, const tr_inst *const *insts,
                            const tr_score *scores, int n, const char *chosen, const char *pref,
                            tu_res_use_fn use, void *user, tr_error *err);

void tu_res_free(tu_res *r);

#endif
