/* tu_result: the assessment record and the result state; see tu_result.h. */
#include "tu_result.h"

#include <assert.h>
#include <string.h>

#include "tr_answers.h"
#include "tr_record.h"
#include "tu_records.h"

const tr_level *tu_res_chosen(const tu_res *r)
{
    assert(r->have && r->tri.level);
    if (r->chosen > 0 && (size_t)r->chosen <= r->tri.n_alternatives)
        return r->tri.alternatives[r->chosen - 1];
    return r->tri.level;
}

cJSON *tu_res_record(const tr_content *pack, const tu_assess *walk, const tr_triage_result *tri,
                     const tr_inst *const *insts, const tr_score *scores, int n, const char *chosen,
                     const char *pref, const char *ts)
{
    char now[32];
    assert(tri->level && chosen);
    if (!ts || !ts[0]) {
        tu_records_now(now, sizeof now);
        ts = now;
    }
    cJSON *answers = tu_assess_grouped(walk);
    if (!answers)
        return NULL;
    /* the record itself is made in core (tr_record.h), beside the code that reads it */
    cJSON *rec =
        tr_record_assessment_make(&(tr_record_assessment){.ts = ts,
                                                          .answers = answers,
                                                          .insts = insts,
                                                          .scores = scores,
                                                          .n_scores = n > 0 ? (size_t)n : 0,
                                                          .triage = tri,
                                                          .chosen = chosen,
                                                          .preference = pref,
                                                          .content_version = pack->version},
                                  NULL);
    tr_answers_free(answers);
    return rec;
}

tr_status tu_res_record_use(const tr_content *pack, const tu_assess *walk,
                            const tr_triage_result *tri, const tr_inst *const *insts,
                            const tr_score *scores, int n, const char *chosen, const char *pref,
                            tu_res_use_fn use, void *user, tr_error *err)
{
    cJSON *rec = tu_res_record(pack, walk, tri, insts, scores, n, chosen, pref, NULL);
    if (!rec)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    tr_status st = use(user, rec, err);
    tr_record_free(rec);
    return st;
}

void tu_res_free(tu_res *r)
{
    if (r->have)
        tr_triage_result_free(&r->tri);
    tr_triage_free(r->triage);
    memset(r, 0, sizeof *r);
}
