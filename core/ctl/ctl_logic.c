/* trinnctl logic: arrives with issue #2; until then the command says so and fails. */
#include <stdio.h>

#include "ctl.h"

int ctl_cmd_logic(ctl_ctx *ctx, int argc, char **argv)
{
    fprintf(stderr, "trinnctl: 'logic' is not in this build yet (issue #2)\n");
    return CTL_EXIT_FAIL;
}
