/* trinnctl logic RULE.json [DATA.json]: evaluates one JsonLogic rule against a data file
 * (an empty object when none is given) and prints the result as JSON. */
#include <stdio.h>

#include "ctl.h"
#include "tr_json.h"
#include "tr_logic.h"

int ctl_cmd_logic(ctl_ctx *ctx, int argc, char **argv)
{
    tr_error err = {0};
    cJSON *rule = NULL, *data = NULL, *out;
    int rc = CTL_EXIT_FAIL;

    (void)ctx;
    if (argc < 2 || argc > 3)
        return ctl_usage("usage: logic RULE.json [DATA.json]");
    rule = tr_json_load_file(argv[1], &err);
    if (!rule)
        goto fail;
    data = argc == 3 ? tr_json_load_file(argv[2], &err) : cJSON_CreateObject();
    if (!data) {
        if (argc != 3)
            tr_error_set(&err, TR_E_NOMEM, "out of memory");
        goto fail;
    }
    out = tr_logic_apply(rule, data, &err);
    if (!out) {
        tr_error_prefix(&err, "%s", argv[1]);
        goto fail;
    }
    rc = ctl_print_json(out);
    cJSON_Delete(rule);
    cJSON_Delete(data);
    return rc;
fail:
    cJSON_Delete(rule);
    cJSON_Delete(data);
    return ctl_fail(&err);
}
