/* ctl_triage: what the two halves of `trinnctl triage` share. */
#ifndef CTL_TRIAGE_H
#define CTL_TRIAGE_H

#include "ctl.h"
#include "tr_triage.h"

/* Loads the content pack and its triage rules, printing every problem to stderr. Returns
 * CTL_EXIT_OK with *pack and *rules set (the caller frees both), or CTL_EXIT_FAIL. */
int ctl_triage_open(ctl_ctx *ctx, tr_content **pack, tr_triage **rules);

/* trinnctl triage --interactive: asks the pack's questions one at a time on stdin/stdout in
 * ctx->lang, shows the crisis contacts as soon as a critical item fires, then the result
 * with its reasons, and lets the person choose a level. Returns a CTL_EXIT_ code. */
int ctl_triage_interactive(ctl_ctx *ctx);

#endif
