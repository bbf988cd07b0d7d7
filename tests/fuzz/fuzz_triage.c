/* Fuzzes the triage input (`trinnctl triage FILE`) and the engine behind it, on the shipped
 * content pack (TRINN_CONTENT, else ./content): any bytes give either a clean error or a
 * result that keeps the safety invariants. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_json.h"
#include "tr_triage.h"

static tr_content *pack;
static tr_triage *rules;

static void load(void)
{
    tr_diags diags = {0};
    tr_error err = {0};
    const char *dir = getenv("TRINN_CONTENT");
    if (tr_content_load(&(tr_content_desc){.dir = dir ? dir : "content"}, &pack, &diags, &err) !=
            TR_OK ||
        tr_triage_load(pack, &rules, &diags, &err) != TR_OK)
        abort(); /* the fuzzer needs the shipped pack; run it from the repository root */
    tr_diags_free(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_error err = {0};
    tr_triage_result r;
    cJSON *in, *answers = NULL, *out;
    const cJSON *i9;

    if (!pack)
        load();
    in = tr_json_parse((const char *)data, size, "fuzz", &err);
    if (!in)
        return 0;
    if (tr_triage_answers(pack, in, &answers, &err) != TR_OK) {
        assert(!answers && err.msg[0]);
        cJSON_Delete(in);
        return 0;
    }
    if (tr_triage_run(rules, answers, &r, &err) == TR_OK) {
        i9 = cJSON_GetObjectItemCaseSensitive(answers, "phq9_9");
        assert(r.level);
        if (!i9 || (cJSON_IsNumber(i9) && i9->valuedouble > 0))
            assert(r.risk >= TR_RISK_ELEVATED && r.level->allowed_with_risk);
        if (r.risk == TR_RISK_ACUTE) { /* help now first; for afterwards only what risk allows */
            assert(r.level == tr_content_find_level(pack, "acute"));
            for (size_t k = 0; k < r.n_alternatives; k++)
                assert(r.alternatives[k]->allowed_with_risk);
        }
        out = tr_triage_result_json(rules, &r, "en");
        assert(out);
        cJSON_Delete(out);
        tr_triage_result_free(&r);
    } else {
        assert(err.msg[0]);
    }
    cJSON_Delete(answers);
    cJSON_Delete(in);
    return 0;
}
