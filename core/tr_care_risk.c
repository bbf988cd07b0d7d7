/* tr_care_risk: the one risk rule of the care loop (tr_care.h, tr_care_risk_of): what a client's
 * report always carries and what a therapist's page puts first are the same records. */
#include "tr_care.h"

#include <stdio.h>
#include <string.h>

#include "tr_content.h"
#include "tr_inst.h"

static const char *str_of(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* "elevated" or "acute" as they are (the levels a record may carry), anything else NULL. */
static const char *level_of(const char *risk)
{
    if (risk && (strcmp(risk, "elevated") == 0 || strcmp(risk, "acute") == 0))
        return risk;
    return NULL;
}

/* The first critical item of the measure's instrument above its threshold, or NULL. */
static const tr_critical *critical_hit(const tr_content *pack, const cJSON *rec,
                                       const tr_inst **inst, double *value)
{
    const char *inst_id = str_of(rec, "instrument");
    const cJSON *answers = cJSON_GetObjectItemCaseSensitive(rec, "answers");
    *inst = inst_id && pack ? tr_content_find_inst(pack, inst_id) : NULL;
    for (size_t i = 0; *inst && i < (*inst)->scoring.n_critical; i++) {
        const tr_critical *c = &(*inst)->scoring.critical[i];
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(answers, c->item_id);
        if (cJSON_IsNumber(a) && a->valuedouble > c->above) {
            *value = a->valuedouble;
            return c;
        }
    }
    return NULL;
}

int tr_care_risk_of(void *user, const cJSON *rec, cJSON *flag)
{
    const tr_content *pack = user;
    const char *type = str_of(rec, "type"), *level = level_of(str_of(rec, "risk"));
    char what[160];
    if (!type)
        return 0;
    if (strcmp(type, "measure") == 0) {
        const tr_inst *inst = NULL;
        double value = 0;
        const tr_critical *hit = critical_hit(pack, rec, &inst, &value);
        if (!hit && !level)
            return 0;
        if (hit) {
            snprintf(what, sizeof what, "%s %s = %g", inst->id, hit->item_id, value);
            cJSON_AddStringToObject(flag, "instrument", inst->id);
            cJSON_AddStringToObject(flag, "item", hit->item_id);
            cJSON_AddNumberToObject(flag, "number", (double)hit->item + 1);
            cJSON_AddNumberToObject(flag, "value", value);
        } else {
            const char *inst_id = str_of(rec, "instrument");
            snprintf(what, sizeof what, "%s risk %s", inst_id ? inst_id : "measure", level);
        }
        cJSON_AddStringToObject(flag, "what", what);
        cJSON_AddStringToObject(flag, "risk", level ? level : "elevated");
        const cJSON *ra = cJSON_GetObjectItemCaseSensitive(rec, "risk_answers");
        if (cJSON_IsObject(ra) && ra->child)
            cJSON_AddItemToObject(flag, "risk_answers", cJSON_Duplicate(ra, 1));
        return 1;
    }
    if (strcmp(type, "assessment") == 0 && level) {
        snprintf(what, sizeof what, "assessment risk %s", level);
        cJSON_AddStringToObject(flag, "what", what);
        cJSON_AddStringToObject(flag, "risk", level);
        return 1;
    }
    return 0;
}
