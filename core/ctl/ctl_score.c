/* trinnctl score INSTRUMENT --answers 0,1,-,... : scores one instrument of the content pack and
 * prints {"instrument","total","band","caseness","flags":[...],"scorable"}. */
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "tr_content.h"

int ctl_cmd_score(ctl_ctx *ctx, int argc, char **argv)
{
    const char *inst_id = NULL, *list = NULL;
    tr_error err = {0};
    tr_content *pack = NULL;
    const tr_inst *inst;
    cJSON *answers = NULL;
    tr_score score;
    int rc = CTL_EXIT_FAIL;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--answers") == 0 && i + 1 < argc)
            list = argv[++i];
        else if (strncmp(argv[i], "--answers=", 10) == 0)
            list = argv[i] + 10;
        else if (argv[i][0] == '-' && argv[i][1] == '-')
            return ctl_usage("score: unknown option '%s'", argv[i]);
        else if (!inst_id)
            inst_id = argv[i];
        else
            return ctl_usage("score: unexpected argument '%s'", argv[i]);
    }
    if (!inst_id || !list)
        return ctl_usage("usage: trinnctl score INSTRUMENT --answers 0,1,-,...");
    if (!(pack = ctl_load_pack(ctx, &err)))
        return ctl_fail(&err);
    inst = tr_content_find_inst(pack, inst_id);
    if (!inst) {
        fprintf(stderr, "trinnctl: unknown instrument '%s'; the pack has:", inst_id);
        for (size_t i = 0; i < pack->n_insts; i++)
            if (pack->insts[i]->kind == TR_INST_SCORED)
                fprintf(stderr, " %s", pack->insts[i]->id);
        fputc('\n', stderr);
        goto done;
    }
    if (inst->kind != TR_INST_SCORED) {
        tr_error_set(&err, TR_E_INVALID, "'%s' is a questionnaire without a score", inst_id);
        rc = ctl_fail(&err);
        goto done;
    }
    if (tr_inst_answers_from_list(inst, list, &answers, &err) != TR_OK ||
        tr_inst_score(inst, answers, &score, &err) != TR_OK) {
        rc = ctl_fail(&err);
        goto done;
    }
    rc = ctl_print_json(tr_score_to_json(inst, &score));
done:
    cJSON_Delete(answers);
    tr_content_free(pack);
    return rc;
}
