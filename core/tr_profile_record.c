/* tr_profile_record: a record object appended to the open profile (tr_profile.h). */
#include <string.h>

#include "tr_profile.h"
#include "tr_secret.h"

tr_status tr_profile_append_record(tr_profile *p, const cJSON *rec, tr_error *err)
{
    if (!p || !p->j)
        return tr_error_set(err, TR_E_INVALID, "no profile is open: the record was not saved");
    if (!cJSON_IsObject(rec))
        return tr_error_set(err, TR_E_INVALID, "not a record: nothing was saved");
    char *text = cJSON_PrintUnformatted(rec);
    if (!text)
        return tr_error_set(err, TR_E_NOMEM, "out of memory while saving");
    size_t len = strlen(text);
    tr_status st = tr_profile_append(p, text, len, err);
    tr_secret_wipe(text, len); /* a record holds what the client wrote */
    cJSON_free(text);
    return st;
}
