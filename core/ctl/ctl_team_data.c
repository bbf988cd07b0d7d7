/* ctl_team_data: see ctl_team_data.h. */
#include "ctl_team_data.h"

#include <stdio.h>
#include <string.h>

int ctl_team_open(const ctl_ctx *ctx, const char *profile, const char *pass_file, ctl_team_data *td)
{
    ctl_care_opts o = {.profile = profile, .pass_file = pass_file};
    memset(td, 0, sizeof *td);
    return ctl_care_unlock_shared(ctx, &o, TR_PROFILE_THERAPIST, &td->p, &td->s, &td->sh);
}

const char *ctl_team_name(const ctl_team_data *td)
{
    return td->s.has_card && td->s.card.service[0] ? td->s.card.service : NULL;
}

int ctl_team_feed(const ctl_team_data *td, const char *client, tr_fhir_export *ex,
                  size_t *n_clients)
{
    const cJSON *list, *rec;
    tr_error err = {0};
    char key[TR_FPR_TEXT + TR_EXCH_ID_MAX + 8];
    *n_clients = 0;
    cJSON_ArrayForEach(list, td->sh.by_client)
    {
        uint64_t seq = 0;
        if (client && strcmp(client, list->string) != 0)
            continue;
        snprintf(key, sizeof key, "%s/%s", td->s.has_card ? td->s.card.fingerprint : "",
                 list->string);
        tr_fhir_export_next_client(ex, key);
        const cJSON *id = tr_care_shared_identifier_of(&td->sh, list->string);
        if (id && tr_fhir_export_identify(
                      ex, cJSON_GetObjectItemCaseSensitive(id, "system")->valuestring,
                      cJSON_GetObjectItemCaseSensitive(id, "value")->valuestring, &err) != TR_OK)
            return ctl_fail(&err);
        cJSON_ArrayForEach(rec, list)
        {
            char *text = cJSON_PrintUnformatted(rec);
            tr_status st = text ? tr_fhir_export_feed(ex, ++seq, text, strlen(text), &err)
                                : tr_error_set(&err, TR_E_NOMEM, "out of memory");
            cJSON_free(text);
            if (st != TR_OK)
                return ctl_fail(&err);
        }
        (*n_clients)++;
    }
    if (client && *n_clients == 0) {
        fprintf(stderr,
                "trinnctl: the team has no records from client '%s' (only reports it has opened "
                "count: report open)\n",
                client);
        return CTL_EXIT_FAIL;
    }
    return 0;
}

void ctl_team_close(ctl_team_data *td)
{
    tr_care_shared_free(&td->sh);
    ctl_care_close(&td->p, &td->s);
}
