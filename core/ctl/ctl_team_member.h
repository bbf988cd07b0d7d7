/* ctl_team_member: trinnctl team's commands for the team's members and its key
 * (core/EXCHANGE.md §8): member, enrol, join, remove, rotate, backup, restore. */
#ifndef CTL_TEAM_MEMBER_H
#define CTL_TEAM_MEMBER_H

#include "ctl_care.h"

/* Runs `team SUB` when SUB is one of these; returns a CTL_EXIT_ code, or -1 when SUB is not. */
int ctl_team_member_cmd(const ctl_ctx *ctx, const char *sub, const ctl_care_opts *o);

/* team backup / team restore (ctl_team_backup.c): CTL_EXIT_ codes. */
int ctl_team_backup(const ctl_ctx *ctx, const ctl_care_opts *o);
int ctl_team_restore(const ctl_ctx *ctx, const ctl_care_opts *o);

#endif
