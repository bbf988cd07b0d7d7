/* trinnctl outcome: the outcome metrics of core/OUTCOME.md for a plain list of measures, so a
 * service can check the arithmetic against its own records.
 *
 *   trinnctl outcome --measures FILE   FILE: [{"date":"2026-01-05","phq9":14,"gad7":11}, ...]
 *   trinnctl outcome --service FILE    FILE: {"client id": [measures as above], ...}
 *
 * --measures prints {"first","last","caseness_start","caseness_end","recovery",
 * "reliable_improvement","reliable_deterioration","reliable_recovery","sessions","finished",
 * "change","summary"}, summary being the plain-words sentences in --lang. --service prints
 * the service counts and rates with the denominators of core/OUTCOME.md. Cut-offs and
 * reliable-change values come from the content pack's instrument files, the pair from
 * tracking.json. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "tp_fs.h"
#include "tr_content.h"
#include "tr_json.h"
#include "tr_outcome.h"
#include "tr_track.h"
#include "tr_track_content.h"

/* The outcome config from the pack: the pair in tracking.json, numbers in the instruments. */
static tr_status outcome_config(const ctl_ctx *ctx, const tr_content *pack, tr_outcome_config *cfg,
                                tr_error *err)
{
    tr_track_config tcfg;
    tr_track_scale scales[TR_TRACK_MAX_MEASURES + TR_OUTCOME_NMEASURES];
    size_t n = 0;
    tr_status st;
    if ((st = tr_track_config_load(ctx->content_dir, &tcfg, err)) ||
        (st = tr_track_scales_from_pack(pack, &tcfg, scales, sizeof scales / sizeof scales[0], &n,
                                        err)))
        return st;
    return tr_track_outcome_config(&tcfg, scales, n, cfg, err);
}

/* Adds "summary": the sentences of tr_outcome_summary in the chosen language. */
static int add_summary(const ctl_ctx *ctx, const tr_content *pack, const tr_outcome_config *cfg,
                       const tr_occasion *occ, const tr_outcome *o, cJSON *out)
{
    tr_outcome_text texts[TR_OUTCOME_TEXT_MAX];
    size_t k = tr_outcome_summary(cfg, occ, o, texts);
    cJSON *list = cJSON_AddArrayToObject(out, "summary");
    if (!list)
        return 0;
    for (size_t i = 0; i < k; i++) {
        char nums[TR_OUTCOME_TEXT_MAX_VALUES][16], buf[1024];
        tr_i18n_arg args[TR_OUTCOME_TEXT_MAX_VALUES + 1] = {{0}};
        cJSON *s;
        for (int v = 0; v < texts[i].nvalues; v++) {
            snprintf(nums[v], sizeof nums[v], "%d", texts[i].values[v].value);
            args[v].name = texts[i].values[v].name;
            args[v].value = nums[v];
        }
        tr_i18n_format(pack->i18n, ctx->lang, texts[i].key, args, buf, sizeof buf);
        if (!(s = cJSON_CreateString(buf)))
            return 0;
        cJSON_AddItemToArray(list, s);
    }
    return 1;
}

/* Reads FILE (at most TR_JSON_MAX_BYTES) into *text; 0 or -errno with err set. */
static int read_input(const char *file, char **text, size_t *len, tr_error *err)
{
    int r = tp_fs_read_file(file, TR_JSON_MAX_BYTES, text, len);
    if (r != 0)
        tr_error_set(err, TR_E_IO, "%s: cannot read the file (%s)", file,
                     r == -EFBIG ? "it is larger than 4 MiB" : strerror(-r));
    return r;
}

static int run_service(const ctl_ctx *ctx, const char *file)
{
    tr_error err = {0};
    tr_content *pack = NULL;
    tr_outcome_config cfg;
    tr_outcome_service svc;
    size_t len = 0;
    char *text = NULL;
    cJSON *out;
    int rc = CTL_EXIT_FAIL;

    if (!(pack = ctl_load_pack(ctx, &err)) || outcome_config(ctx, pack, &cfg, &err) ||
        read_input(file, &text, &len, &err) ||
        tr_outcome_parse_service(&cfg, text, len, file, &svc, &err))
        goto fail;
    if (!(out = tr_outcome_service_to_json(&svc))) {
        tr_error_set(&err, TR_E_NOMEM, "out of memory while writing the result");
        goto fail;
    }
    rc = ctl_print_json(out);
fail:
    if (rc != CTL_EXIT_OK && err.msg[0])
        rc = ctl_fail(&err);
    free(text);
    tr_content_free(pack);
    return rc;
}

static int run_measures(const ctl_ctx *ctx, const char *file)
{
    tr_error err = {0};
    tr_content *pack = NULL;
    tr_outcome_config cfg;
    tr_occasion *occ = NULL;
    tr_outcome o;
    size_t n = 0, len = 0;
    char *text = NULL;
    cJSON *out = NULL;
    int rc = CTL_EXIT_FAIL;

    if (!(pack = ctl_load_pack(ctx, &err)) || outcome_config(ctx, pack, &cfg, &err) ||
        read_input(file, &text, &len, &err) ||
        tr_outcome_parse_measures(&cfg, text, len, file, &occ, &n, &err) ||
        tr_outcome_compute(&cfg, occ, n, -1, &o, &err))
        goto fail;
    if (!(out = tr_outcome_to_json(&cfg, occ, &o)) || !add_summary(ctx, pack, &cfg, occ, &o, out)) {
        tr_error_set(&err, TR_E_NOMEM, "out of memory while writing the result");
        goto fail;
    }
    rc = ctl_print_json(out);
    out = NULL;
fail:
    if (rc != CTL_EXIT_OK && err.msg[0])
        rc = ctl_fail(&err);
    cJSON_Delete(out);
    free(occ);
    free(text);
    tr_content_free(pack);
    return rc;
}

int ctl_cmd_outcome(ctl_ctx *ctx, int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--measures") == 0)
        return run_measures(ctx, argv[2]);
    if (argc == 3 && strcmp(argv[1], "--service") == 0)
        return run_service(ctx, argv[2]);
    return ctl_usage("usage: outcome --measures FILE (a JSON list like "
                     "[{\"date\":\"2026-01-05\",\"phq9\":14,\"gad7\":11}]) | outcome "
                     "--service FILE (an object of client id -> such a list)");
}
