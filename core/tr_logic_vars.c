/* tr_logic_vars: which variables a JsonLogic rule reads (tr_logic.h). */
#include "tr_logic.h"

int tr_logic_reads(const cJSON *rule, int (*match)(void *user, const char *name), void *user)
{
    if (!rule)
        return 0;
    if (cJSON_IsObject(rule)) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(rule, "var");
        if (cJSON_IsArray(v))
            v = cJSON_GetArrayItem(v, 0);
        if (cJSON_IsString(v) && match(user, v->valuestring))
            return 1;
    }
    const cJSON *c;
    cJSON_ArrayForEach(c, rule)
    {
        if (tr_logic_reads(c, match, user))
            return 1;
    }
    return 0;
}
