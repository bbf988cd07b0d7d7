/* tr_med_check: the fields of a side_effects record the medication screens show (tr_med.h). */
#include "tr_med.h"

static const char *str(const cJSON *check, const char *key)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(check, key);
    return cJSON_IsString(s) ? s->valuestring : "";
}

const char *tr_med_check_ts(const cJSON *check)
{
    return str(check, "ts");
}

const char *tr_med_check_note(const cJSON *check)
{
    return str(check, "note");
}
