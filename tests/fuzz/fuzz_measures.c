/* Fuzzes the `trinnctl outcome --measures` parser and everything after it: any bytes must
 * give either a clean error or occasions whose outcome, JSON and summary can be computed. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "tr_outcome.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const tr_outcome_config cfg = {
        .scale = {{"phq9", 27, 10, 6}, {"gad7", 21, 8, 4}},
        .finished_sessions = 2,
    };
    tr_occasion *occ = NULL;
    tr_outcome_text text[TR_OUTCOME_TEXT_MAX];
    tr_outcome o;
    tr_outcome_service svc;
    size_t n = 0;
    tr_error err = {0};
    cJSON *j;

    if (tr_outcome_parse_service(&cfg, (const char *)data, size, "fuzz", &svc, &err) == TR_OK) {
        assert(svc.finished <= svc.clients && svc.recovered <= svc.caseness_start);
        cJSON_Delete(tr_outcome_service_to_json(&svc));
    }
    if (tr_outcome_parse_measures(&cfg, (const char *)data, size, "fuzz", &occ, &n, &err) !=
        TR_OK) {
        assert(occ == NULL && n == 0 && err.msg[0]);
        return 0;
    }
    if (tr_outcome_compute(&cfg, occ, n, -1, &o, &err) == TR_OK) {
        assert(o.last < 0 || o.first < o.last);
        assert(o.reliable_improvement != 1 || o.reliable_deterioration == 0);
        assert(o.reliable_recovery != 1 || (o.recovery == 1 && o.reliable_improvement == 1));
        j = tr_outcome_to_json(&cfg, occ, &o);
        cJSON_Delete(j);
        assert(tr_outcome_summary(&cfg, occ, &o, text) <= TR_OUTCOME_TEXT_MAX);
    } else {
        assert(0 && "parsed occasions must always be computable");
    }
    free(occ);
    return 0;
}
