/* trinnctl journal: arrives with issue #3; until then the command says so and fails. */
#include <stdio.h>

#include "ctl.h"

int ctl_cmd_journal(ctl_ctx *ctx, int argc, char **argv)
{
    fprintf(stderr, "trinnctl: 'journal' is not in this build yet (issue #3)\n");
    return CTL_EXIT_FAIL;
}
