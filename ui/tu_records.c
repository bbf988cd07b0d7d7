/* tu_records: the profile's records and the one write path; see tu_records.h. */
#include "tu_records.h"

#include "tp_clock.h"
#include "tr_records_pack.h"

void tu_records_attach(tu_records *r, tu_record_sink_fn sink, void *user, cJSON *loaded)
{
    cJSON_Delete(r->list);
    r->list = loaded;
    r->count = (size_t)cJSON_GetArraySize(loaded);
    r->sink = sink;
    r->sink_user = user;
    r->gen++;
}

int tu_records_append(tu_records *r, cJSON *rec, tr_error *err)
{
    if (!rec) {
        tr_error_set(err, TR_E_NOMEM, "out of memory while saving");
        return -1;
    }
    if (!r->list && !(r->list = cJSON_CreateArray())) {
        cJSON_Delete(rec);
        tr_error_set(err, TR_E_NOMEM, "out of memory while saving");
        return -1;
    }
    if (r->sink && r->sink(r->sink_user, rec, err) != 0) {
        cJSON_Delete(rec);
        return -1;
    }
    cJSON_AddItemToArray(r->list, tr_records_pack(rec));
    r->count++;
    r->gen++;
    return 0;
}

const cJSON *tu_records_list(tu_records *r)
{
    if (!r->list)
        r->list = cJSON_CreateArray();
    return r->list;
}

void tu_records_free(tu_records *r)
{
    cJSON_Delete(r->list);
    r->list = NULL;
    r->count = 0;
    r->sink = NULL;
    r->sink_user = NULL;
    r->gen++;
}

void tu_records_now(char *buf, size_t size)
{
    if (tp_clock_format(tp_clock_now(), buf, size) != 0 && size > 0)
        buf[0] = 0;
}
