/* tr_track_feed: feeding a journal's records list to a tracker from where it stopped
 * (tr_track.h). */
#include "tr_track.h"

tr_status tr_track_feed_list(tr_track *t, const cJSON *list, size_t *fed, tr_error *err)
{
    if (!cJSON_IsArray(list))
        return TR_OK;
    const cJSON *rec = list->child;
    for (size_t i = 0; rec && i < *fed; i++)
        rec = rec->next;
    for (; rec; rec = rec->next, (*fed)++) {
        tr_status st = tr_track_feed(t, rec, err);
        if (st != TR_OK)
            return st;
    }
    return TR_OK;
}
