/* trinnctl outcome: arrives with issue #5; until then the command says so and fails. */
#include <stdio.h>

#include "ctl.h"

int ctl_cmd_outcome(ctl_ctx *ctx, int argc, char **argv)
{
    fprintf(stderr, "trinnctl: 'outcome' is not in this build yet (issue #5)\n");
    return CTL_EXIT_FAIL;
}
