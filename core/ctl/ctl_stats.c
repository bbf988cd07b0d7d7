/* trinnctl stats: a service's outcome statistics from the NDJSON of `trinnctl fhir export`
 * (core/tr_stats.h, definitions in core/OUTCOME.md "Service statistics").
 *
 *   trinnctl stats --ndjson DIR... [--json | --csv] [--period quarter|month|year] [--exact]
 *   trinnctl --data-dir D stats --profile NAME [--passphrase-file F] [--json | --csv] ...
 *
 * Reads DIR/Observation.ndjson (and DIR/Organization.ndjson for the teams' names) of every
 * DIR, or with --profile what the team's clients shared with it (the same resources as
 * `fhir export --profile` writes, made in memory); prints JSON (default) or CSV. Counts below 5 are
 * shown as "<5" (output meant to leave the team); --exact shows them, for the team's own use. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "ctl_team_data.h"
#include "tr_fhir.h"
#include "tp_fs.h"
#include "tr_content.h"
#include "tr_stats.h"

#define MAX_DIRS 256

typedef struct sopts {
    const char *dirs[MAX_DIRS];
    size_t n_dirs;
    const char *profile, *pass_file;
    int csv, exact;
    tr_stats_period period;
} sopts;

/* Reads DIR/<type>.ndjson into s; a missing Organization file is fine. */
static tr_status read_dir(tr_stats *s, const char *dir, const char *type, tr_error *err)
{
    char path[4096];
    char *text = NULL;
    size_t len = 0;
    int r;
    tr_status st;
    snprintf(path, sizeof path, "%s/%s.ndjson", dir, type);
    r = tp_fs_read_file(path, TR_STATS_MAX_FILE, &text, &len);
    if (r == -ENOENT && strcmp(type, "Organization") == 0)
        return TR_OK;
    if (r != 0)
        return tr_error_set(err, r == -ENOENT ? TR_E_NOTFOUND : TR_E_IO,
                            "%s: cannot read the file (%s)%s", path,
                            r == -EFBIG ? "it is larger than 512 MiB" : strerror(-r),
                            r == -ENOENT ? ": give folders written by trinnctl fhir export" : "");
    st = tr_stats_add_ndjson(s, type, text, len, path, err);
    free(text);
    return st;
}

/* Adds the resources of one type of ex to s, as the NDJSON a file would hold. */
static tr_status add_resources(tr_stats *s, const tr_fhir_export *ex, const char *type,
                               const char *where, tr_error *err)
{
    size_t len = 0;
    char *text = tr_fhir_export_ndjson(ex, type, &len);
    tr_status st;
    if (!text)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    st = tr_stats_add_ndjson(s, type, text, len, where, err);
    free(text);
    return st;
}

/* The statistics of a team profile: its clients' shared records exported in memory. */
static int read_team(const ctl_ctx *ctx, const sopts *o, const tr_content *pack, tr_stats *s,
                     tr_error *err)
{
    ctl_team_data td;
    tr_fhir_map *map = NULL;
    tr_fhir_export *ex = NULL;
    size_t n = 0;
    int rc;
    if (tr_fhir_map_load(pack, &map, err))
        return ctl_fail(err);
    if ((rc = ctl_team_open(ctx, o->profile, o->pass_file, &td)) != 0) {
        tr_fhir_map_free(map);
        return rc;
    }
    rc = CTL_EXIT_FAIL;
    if (tr_fhir_export_make(&(tr_fhir_desc){.pack = pack, .map = map, .team = ctl_team_name(&td)},
                            &ex, err)) {
        ctl_fail(err);
        goto done;
    }
    if (ctl_team_feed(&td, NULL, ex, &n) != 0)
        goto done;
    if (add_resources(s, ex, "Organization", o->profile, err) ||
        add_resources(s, ex, "Observation", o->profile, err)) {
        ctl_fail(err);
        goto done;
    }
    rc = 0;
done:
    tr_fhir_export_destroy(ex);
    ctl_team_close(&td);
    tr_fhir_map_free(map);
    return rc;
}

static int run(const ctl_ctx *ctx, const sopts *o)
{
    tr_error err = {0};
    tr_content *pack = NULL;
    tr_stats_setup setup;
    tr_stats *s = NULL;
    cJSON *out;
    int rc = CTL_EXIT_FAIL;

    memset(&setup, 0, sizeof setup);
    if (!(pack = ctl_load_pack(ctx, &err)) ||
        tr_stats_setup_load(pack, ctx->content_dir, o->period, &setup, &err) ||
        tr_stats_make(&setup.desc, &s, &err))
        goto fail;
    if (o->profile && (rc = read_team(ctx, o, pack, s, &err)) != 0) {
        err.msg[0] = '\0'; /* said already */
        goto fail;
    }
    rc = CTL_EXIT_FAIL;
    for (size_t i = 0; i < o->n_dirs; i++)
        if (read_dir(s, o->dirs[i], "Organization", &err) ||
            read_dir(s, o->dirs[i], "Observation", &err))
            goto fail;
    if (tr_stats_compute(s, &err))
        goto fail;
    if (o->csv) {
        char *text = tr_stats_to_csv(s, o->exact);
        if (!text) {
            tr_error_set(&err, TR_E_NOMEM, "out of memory while writing the result");
            goto fail;
        }
        rc = fputs(text, stdout) >= 0 && fflush(stdout) == 0 ? CTL_EXIT_OK : CTL_EXIT_FAIL;
        free(text);
    } else {
        if (!(out = tr_stats_to_json(s, setup.reference, o->exact))) {
            tr_error_set(&err, TR_E_NOMEM, "out of memory while writing the result");
            goto fail;
        }
        rc = ctl_print_json(out);
    }
fail:
    tr_stats_destroy(s);
    tr_stats_setup_free(&setup);
    tr_content_free(pack);
    return rc != CTL_EXIT_OK && err.msg[0] ? ctl_fail(&err) : rc;
}

int ctl_cmd_stats(ctl_ctx *ctx, int argc, char **argv)
{
    sopts o = {0};
    int in_dirs = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--ndjson") == 0) {
            in_dirs = 1;
        } else if (strcmp(a, "--json") == 0) {
            o.csv = 0;
        } else if (strcmp(a, "--csv") == 0) {
            o.csv = 1;
        } else if (strcmp(a, "--exact") == 0) {
            o.exact = 1;
        } else if (strcmp(a, "--period") == 0 && i + 1 < argc) {
            const char *v = argv[++i];
            if (strcmp(v, "quarter") == 0)
                o.period = TR_STATS_QUARTER;
            else if (strcmp(v, "month") == 0)
                o.period = TR_STATS_MONTH;
            else if (strcmp(v, "year") == 0)
                o.period = TR_STATS_YEAR;
            else
                return ctl_usage("stats: --period is quarter, month or year, not '%s'", v);
        } else if (strcmp(a, "--profile") == 0 && i + 1 < argc && !o.profile) {
            o.profile = argv[++i];
            in_dirs = 0;
        } else if (strcmp(a, "--passphrase-file") == 0 && i + 1 < argc && !o.pass_file) {
            o.pass_file = argv[++i];
            in_dirs = 0;
        } else if (a[0] != '-' && in_dirs && o.n_dirs < MAX_DIRS) {
            o.dirs[o.n_dirs++] = a;
        } else {
            return ctl_usage("stats: unexpected '%s'", a);
        }
    }
    if (o.n_dirs == 0 && !o.profile)
        return ctl_usage("usage: stats --ndjson DIR... [--json | --csv] "
                         "[--period quarter|month|year] [--exact]\n"
                         "       stats --profile NAME [--passphrase-file F] [--json | --csv] "
                         "[--period quarter|month|year] [--exact]");
    return run(ctx, &o);
}
