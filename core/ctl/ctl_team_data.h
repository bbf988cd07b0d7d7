/* ctl_team_data: what a therapist profile holds of its clients (the records they shared in
 * reports, tr_care_shared) as a FHIR export, for `fhir export --profile` and `stats --profile`. */
#ifndef CTL_TEAM_DATA_H
#define CTL_TEAM_DATA_H

#include "ctl_care.h"
#include "tr_fhir.h"

typedef struct ctl_team_data {
    tr_profile p;
    tr_care_state s;
    tr_care_shared sh;
} ctl_team_data;

/* Unlocks the therapist profile `profile` (passphrase from pass_file, or a prompt) and gathers
 * its clients' shared records. 0 with *td filled (ctl_team_close it), or a CTL_EXIT_ code after
 * printing why. */
int ctl_team_open(const ctl_ctx *ctx, const char *profile, const char *pass_file,
                  ctl_team_data *td);

/* The team's name for the export's Organization: its card's service name. */
const char *ctl_team_name(const ctl_team_data *td);

/* Feeds the records of every client (client NULL) or of one into ex, client after client, each
 * under a pseudonym keyed by the team's fingerprint and the id the team gave the client (the same
 * in every export, and no id the team typed leaves). *n_clients is how many were fed. 0, or
 * CTL_EXIT_FAIL after printing why (no such client; out of memory). */
int ctl_team_feed(const ctl_team_data *td, const char *client, tr_fhir_export *ex,
                  size_t *n_clients);

void ctl_team_close(ctl_team_data *td);

#endif
