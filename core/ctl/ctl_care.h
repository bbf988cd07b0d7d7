/* ctl_care: what the care-loop commands of trinnctl share (team, assign, assignment import,
 * report): unlocking a profile into a tr_care_state, writing output files. */
#ifndef CTL_CARE_H
#define CTL_CARE_H

#include "ctl.h"
#include "tr_care.h"
#include "tr_care_shared.h"
#include "tr_profile.h"

/* Options of the care-loop commands; NULL/0 when not given. */
typedef struct ctl_care_opts {
    const char *profile, *pass_file, *out, *client, *modules, *measures, *expires, *next;
    const char *homework, *to, *trust, *from, *until, *share, *ms_pub, *age_identity;
    const char *fnr;              /* team identify: a fødselsnummer or D-number, or "none" */
    const char *member, *out_dir; /* team enrol / remove: a member card or who; rotate: DIR */
    const char *recovery_file, *work_factor; /* team backup / restore */
    const char *file;                        /* the positional argument */
    int ordered;
    int summary; /* report open: the plain-text note for the patient record instead of JSON */
    int json;    /* team log: JSON instead of lines */
} ctl_care_opts;

/* Parses argv[first..argc) into o. Returns 0, or CTL_EXIT_USAGE after printing why. */
int ctl_care_parse(int argc, char **argv, int first, ctl_care_opts *o);

/* Unlocks o->profile (the passphrase from o->pass_file or a prompt) and gathers its care state.
 * The profile is found by its label or id; failing that, by its name: the one profile of this
 * kind without a label is tried, and kept only when the name inside its journal is o->profile
 * (names are not visible without the passphrase, so they cannot be searched). Returns 0 with *p
 * open and *s filled (the caller calls ctl_care_close), or CTL_EXIT_FAIL after printing why. */
int ctl_care_unlock(const ctl_ctx *ctx, const ctl_care_opts *o, tr_profile_kind kind, tr_profile *p,
                    tr_care_state *s);
/* As ctl_care_unlock, and gathers the records the team's clients shared (tr_care_shared, sorted,
 * duplicates dropped) into *sh in the same walk; on failure *sh is empty. The caller frees it
 * with tr_care_shared_free. */
int ctl_care_unlock_shared(const ctl_ctx *ctx, const ctl_care_opts *o, tr_profile_kind kind,
                           tr_profile *p, tr_care_state *s, tr_care_shared *sh);
void ctl_care_close(tr_profile *p, tr_care_state *s);

/* Appends a record to the open profile; 0, or -1 after printing why. */
int ctl_care_append(tr_profile *p, const char *json);

/* Writes buf[0..len) to path and makes it durable, through the storage seam (tp_io): a new
 * file is created mode 0600 (on Windows with an access list for its owner alone), an existing
 * one is truncated and keeps its permissions. 0, or -1 after printing why. */
int ctl_care_write(const char *path, const void *buf, size_t len);

/* Gives a new profile its exchange keys (tr_care_init_records): a client its device key; a
 * therapist its own member keys and, unless it joins a team (join), the team's keys, card (the
 * given texts) and a roster of itself. 0 or -1 after printing. */
int ctl_care_init_keys(tr_profile *p, int therapist, int join, const char *name,
                       const char *service, const char *phone, const char *hours);

#endif
