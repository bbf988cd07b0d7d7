/* ctl_team_data: see ctl_team_data.h. */
#include "ctl_team_data.h"

#include <stdio.h>
#include <string.h>

#include "tr_caseload.h"

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
    tr_error err = {0};
    if (tr_caseload_feed(&td->s, &td->sh, client, ex, n_clients, &err) != TR_OK)
        return ctl_fail(&err);
    return 0;
}

void ctl_team_close(ctl_team_data *td)
{
    tr_care_shared_free(&td->sh);
    ctl_care_close(&td->p, &td->s);
}
