/* trinnctl score INSTRUMENT --answers 0,1,-,... [--sex female|male|other|unspecified]: scores one
 * instrument of the content pack and prints
 * {"instrument","total","band","caseness","flags":[...],"scorable"}. --sex answers the intake's
 * `sex` item, which sex-specific cut-offs read (AUDIT-C, AUDIT). */
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "tr_content.h"

/* Adds the answer to the pack's `sex` item, checked against its options. */
static tr_status add_sex(const tr_content *pack, cJSON *answers, const char *sex, tr_error *err)
{
    const tr_item *item = tr_content_find_item(pack, "sex", NULL);
    cJSON *v = cJSON_CreateString(sex);
    if (!v)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    if (!item || !tr_item_find_option(item, v)) {
        cJSON_Delete(v);
        return tr_error_set(err, TR_E_INVALID,
                            item ? "--sex: '%.40s' is not an answer of the item 'sex' (female, "
                                   "male, other, unspecified)"
                                 : "--sex: the pack has no item 'sex' ('%.40s' given)",
                            sex);
    }
    cJSON_DeleteItemFromObjectCaseSensitive(answers, "sex");
    cJSON_AddItemToObject(answers, "sex", v);
    return TR_OK;
}

int ctl_cmd_score(ctl_ctx *ctx, int argc, char **argv)
{
    const char *inst_id = NULL, *list = NULL, *sex = NULL;
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
        else if (strcmp(argv[i], "--sex") == 0 && i + 1 < argc)
            sex = argv[++i];
        else if (strncmp(argv[i], "--sex=", 6) == 0)
            sex = argv[i] + 6;
        else if (argv[i][0] == '-' && argv[i][1] == '-')
            return ctl_usage("score: unknown option '%s'", argv[i]);
        else if (!inst_id)
            inst_id = argv[i];
        else
            return ctl_usage("score: unexpected argument '%s'", argv[i]);
    }
    if (!inst_id || !list)
        return ctl_usage("usage: trinnctl score INSTRUMENT --answers 0,1,-,... [--sex "
                         "female|male|other|unspecified]");
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
        (sex && add_sex(pack, answers, sex, &err) != TR_OK) ||
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
