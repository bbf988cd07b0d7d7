/* tu_records: the profile's records and the one write path; see tu_records.h. */
#include "tu_records.h"

#include "tp_clock.h"
#include "tr_record.h"
#include "tr_records_list.h"

void tu_records_attach(tu_records *r, tu_record_sink_fn sink, void *user, cJSON *loaded)
{
    tr_records_list_free(r->list);
    r->list = loaded;
    r->count = tr_records_list_count(loaded);
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
    if (!r->list && !(r->list = tr_records_list_make())) {
        tr_record_free(rec);
        tr_error_set(err, TR_E_NOMEM, "out of memory while saving");
        return -1;
    }
    if (r->sink && r->sink(r->sink_user, rec, err) != 0) {
        tr_record_free(rec);
        return -1;
    }
    /* saved: what the screens show follows (a list that cannot grow shows it after the next
     * unlock, as the journal has it) */
    tr_error lerr = {0};
    if (tr_records_list_add(r->list, rec, &lerr) == TR_OK)
        r->count++;
    r->gen++;
    return 0;
}

const cJSON *tu_records_list(tu_records *r)
{
    if (!r->list)
        r->list = tr_records_list_make();
    return r->list;
}

void tu_records_free(tu_records *r)
{
    tr_records_list_free(r->list);
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
