/* trinnctl outcome: the outcome metrics of core/OUTCOME.md, so a service can check the
 * arithmetic against its own records.
 *
 *   trinnctl outcome --measures FILE   FILE: [{"date":"2026-01-05","phq9":14,"gad7":11}, ...]
 *   trinnctl outcome --service FILE    FILE: {"client id": [measures as above], ...}
 *   trinnctl outcome PATH [--passphrase-file F] [--charts] [--now TIME]
 *                                      PATH: an encrypted journal; the passphrase is the first
 *                                      line of F, else asked for on the terminal
 *   trinnctl outcome --records FILE [--charts] [--now TIME]
 *                                      FILE: a JSON array of journal records (core/RECORDS.md),
 *                                      or a journal export (tr_journal_export)
 *
 * PATH, --measures and --records print {"first","last","caseness_start","caseness_end","recovery",
 * "reliable_improvement","reliable_deterioration","reliable_recovery","sessions","finished",
 * "change","summary"}, summary being the plain-words sentences in --lang; --records adds
 * "skipped" (malformed records left out) and with --charts "due" (at --now, default the
 * clock) and "series" (every chart, with the sentence beside it as "text"). --service prints the
 * service counts and rates with the denominators of core/OUTCOME.md. Cut-offs and reliable-change
 * values come from the pack's instrument files, the pair and the schedule from tracking.json. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "tp_clock.h"
#include "tp_fs.h"
#include "tr_content.h"
#include "tr_journal.h"
#include "tr_json.h"
#include "tr_outcome.h"
#include "tr_track.h"
#include "tr_track_content.h"

/* What every mode needs from the content pack. */
typedef struct setup {
    tr_content *pack;
    tr_track_config track;
    tr_track_scale scales[TR_TRACK_MAX_MEASURES + TR_OUTCOME_NMEASURES];
    size_t n_scales;
    tr_outcome_config outcome;
} setup;

/* Loads the pack, tracking.json and the scales; the caller frees s->pack. */
static tr_status setup_load(const ctl_ctx *ctx, setup *s, tr_error *err)
{
    tr_status st;
    memset(s, 0, sizeof *s);
    if (!(s->pack = ctl_load_pack(ctx, err)))
        return err->status;
    if ((st = tr_track_config_load(ctx->content_dir, &s->track, err)) ||
        (st = tr_track_scales_from_pack(s->pack, &s->track, s->scales,
                                        sizeof s->scales / sizeof s->scales[0], &s->n_scales, err)))
        return st;
    return tr_track_outcome_config(&s->track, s->scales, s->n_scales, &s->outcome, err);
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

/* Adds "summary": the sentences of tr_outcome_summary in the chosen language. */
static int add_summary(const ctl_ctx *ctx, const setup *s, const tr_occasion *occ,
                       const tr_outcome *o, cJSON *out)
{
    tr_outcome_text texts[TR_OUTCOME_TEXT_MAX];
    size_t k = tr_outcome_summary(&s->outcome, occ, o, texts);
    cJSON *list = cJSON_AddArrayToObject(out, "summary");
    if (!list)
        return 0;
    for (size_t i = 0; i < k; i++) {
        char nums[TR_OUTCOME_TEXT_MAX_VALUES][16], buf[1024];
        tr_i18n_arg args[TR_OUTCOME_TEXT_MAX_VALUES + 1] = {{0}};
        cJSON *str;
        for (int v = 0; v < texts[i].nvalues; v++) {
            snprintf(nums[v], sizeof nums[v], "%d", texts[i].values[v].value);
            args[v].name = texts[i].values[v].name;
            args[v].value = nums[v];
        }
        tr_i18n_format(s->pack->i18n, ctx->lang, texts[i].key, args, buf, sizeof buf);
        if (!(str = cJSON_CreateString(buf)))
            return 0;
        cJSON_AddItemToArray(list, str);
    }
    return 1;
}

/* The outcome object with its summary, or NULL (err set) when out of memory. */
static cJSON *outcome_json(const ctl_ctx *ctx, const setup *s, const tr_occasion *occ,
                           const tr_outcome *o, tr_error *err)
{
    cJSON *out = tr_outcome_to_json(&s->outcome, occ, o);
    if (!out || !add_summary(ctx, s, occ, o, out)) {
        cJSON_Delete(out);
        tr_error_set(err, TR_E_NOMEM, "out of memory while writing the result");
        return NULL;
    }
    return out;
}

static int finish(int rc, const tr_error *err, setup *s)
{
    tr_content_free(s->pack);
    return rc != CTL_EXIT_OK && err->msg[0] ? ctl_fail(err) : rc;
}

static int run_measures(const ctl_ctx *ctx, const char *file)
{
    tr_error err = {0};
    setup s;
    tr_occasion *occ = NULL;
    tr_outcome o;
    size_t n = 0, len = 0;
    char *text = NULL;
    cJSON *out;
    int rc = CTL_EXIT_FAIL;

    if (setup_load(ctx, &s, &err) || read_input(file, &text, &len, &err) ||
        tr_outcome_parse_measures(&s.outcome, text, len, file, &occ, &n, &err) ||
        tr_outcome_compute(&s.outcome, occ, n, -1, &o, &err) ||
        !(out = outcome_json(ctx, &s, occ, &o, &err)))
        goto fail;
    rc = ctl_print_json(out);
fail:
    free(occ);
    free(text);
    return finish(rc, &err, &s);
}

static int run_service(const ctl_ctx *ctx, const char *file)
{
    tr_error err = {0};
    setup s;
    tr_outcome_service svc;
    size_t len = 0;
    char *text = NULL;
    cJSON *out;
    int rc = CTL_EXIT_FAIL;

    if (setup_load(ctx, &s, &err) || read_input(file, &text, &len, &err) ||
        tr_outcome_parse_service(&s.outcome, text, len, file, &svc, &err))
        goto fail;
    if (!(out = tr_outcome_service_to_json(&svc))) {
        tr_error_set(&err, TR_E_NOMEM, "out of memory while writing the result");
        goto fail;
    }
    rc = ctl_print_json(out);
fail:
    free(text);
    return finish(rc, &err, &s);
}

/* Adds "text" to a series object: its summary sentence in the chosen language, if it has one. */
static tr_status add_series_text(const ctl_ctx *ctx, const setup *s, tr_track *t, size_t i,
                                 int64_t now, cJSON *series, tr_error *err)
{
    const char *mark = tr_i18n_get(s->pack->i18n, ctx->lang, "tracking.decimal_mark");
    tr_i18n_arg args[TR_TRACK_TEXT_MAX_VALUES + 1] = {{0}};
    tr_track_text text;
    char buf[1024];
    tr_status st = tr_track_summary(t, i, now, mark, &text, err);
    if (st == TR_E_NOTFOUND)
        return TR_OK;
    if (st != TR_OK)
        return st;
    for (int v = 0; v < text.nvalues; v++) {
        args[v].name = text.values[v].name;
        args[v].value = text.values[v].value;
    }
    tr_i18n_format(s->pack->i18n, ctx->lang, text.key, args, buf, sizeof buf);
    if (!cJSON_AddStringToObject(series, "text", buf))
        return tr_error_set(err, TR_E_NOMEM, "out of memory while writing the result");
    return TR_OK;
}

/* Adds "due" at `now` and "series" (every chart with its summary sentence) to out. */
static tr_status add_charts(const ctl_ctx *ctx, const setup *s, tr_track *t, int64_t now,
                            cJSON *out, tr_error *err)
{
    tr_track_due due[TR_TRACK_MAX_MEASURES + 1];
    size_t n = tr_track_due_at(t, now, due, sizeof due / sizeof due[0]);
    cJSON *d = tr_track_due_to_json(due, n), *list;
    tr_status st;
    if (!d)
        return tr_error_set(err, TR_E_NOMEM, "out of memory while writing the result");
    cJSON_AddItemToObject(out, "due", d);
    if (!(list = cJSON_AddArrayToObject(out, "series")))
        return tr_error_set(err, TR_E_NOMEM, "out of memory while writing the result");
    for (size_t i = 0; i < tr_track_series_count(t); i++) {
        tr_track_series ser;
        cJSON *j;
        if ((st = tr_track_series_at(t, i, &ser, err)))
            return st;
        if (!(j = tr_track_series_to_json(&ser)))
            return tr_error_set(err, TR_E_NOMEM, "out of memory while writing the result");
        cJSON_AddItemToArray(list, j);
        if ((st = add_series_text(ctx, s, t, i, now, j, err)))
            return st;
    }
    return TR_OK;
}

/* The records of a --records file: a plain array, or the object tr_journal_export writes
 * ({"format":"trinn-journal-export","version":1,"records":[...]}). NULL with err otherwise. */
static const cJSON *records_array(const cJSON *root, const char *file, tr_error *err)
{
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(root, "format");
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "records");
    if (cJSON_IsArray(root))
        return root;
    if (cJSON_IsObject(root) && cJSON_IsString(format) &&
        strcmp(format->valuestring, "trinn-journal-export") == 0) {
        if (!cJSON_IsNumber(version) || version->valuedouble != 1) {
            tr_error_set(err, TR_E_VERSION,
                         "%s: $.version: this build reads journal exports of version 1", file);
            return NULL;
        }
        if (cJSON_IsArray(list))
            return list;
        tr_error_set(err, TR_E_INVALID, "%s: $.records: expected an array of journal records",
                     file);
        return NULL;
    }
    tr_error_set(err, TR_E_INVALID,
                 "%s: $: expected an array of journal records like "
                 "[{\"type\":\"measure\",\"ts\":\"2026-01-05T09:00:00Z\",...}] or a journal "
                 "export",
                 file);
    return NULL;
}

/* The outcome (and with charts the due list and series) of the records fed to t. */
static int print_tracked(const ctl_ctx *ctx, const setup *s, tr_track *t, int charts, int64_t now,
                         tr_error *err)
{
    const tr_occasion *occ;
    tr_outcome o;
    size_t n = 0;
    int sessions;
    cJSON *out = NULL;

    if (tr_track_occasions(t, &occ, &n, &sessions, err) ||
        tr_outcome_compute(&s->outcome, occ, n, sessions, &o, err) ||
        !(out = outcome_json(ctx, s, occ, &o, err)))
        goto fail;
    if (!cJSON_AddNumberToObject(out, "skipped", (double)tr_track_skipped(t))) {
        tr_error_set(err, TR_E_NOMEM, "out of memory while writing the result");
        goto fail;
    }
    if (charts && add_charts(ctx, s, t, now, out, err))
        goto fail;
    return ctl_print_json(out);
fail:
    cJSON_Delete(out);
    return CTL_EXIT_FAIL;
}

static tr_status make_tracker(const setup *s, tr_track **t, tr_error *err)
{
    return tr_track_make(
        &(tr_track_desc){.config = &s->track, .scales = s->scales, .n_scales = s->n_scales}, t,
        err);
}

static int run_records(const ctl_ctx *ctx, const char *file, int charts, int64_t now)
{
    tr_error err = {0};
    setup s;
    tr_track *t = NULL;
    int rc = CTL_EXIT_FAIL;
    const cJSON *rec, *list = NULL;
    cJSON *records = NULL;

    if (setup_load(ctx, &s, &err) || !(records = tr_json_load_file(file, &err)) ||
        !(list = records_array(records, file, &err)) || make_tracker(&s, &t, &err))
        goto fail;
    cJSON_ArrayForEach(rec, list)
    {
        if (tr_track_feed(t, rec, &err))
            goto fail;
    }
    rc = print_tracked(ctx, &s, t, charts, now, &err);
fail:
    cJSON_Delete(records);
    tr_track_destroy(t);
    return finish(rc, &err, &s);
}

typedef struct feeder {
    tr_track *t;
    tr_error *err;
    tr_status st;
} feeder;

/* Parses each authenticated record into ordinary memory for the tracker (the journal wipes
 * its copy when we return); a record that is not JSON is counted as skipped. */
static int feed_record(void *user, const tr_journal_record *rec)
{
    feeder *f = user;
    cJSON *j = tr_json_parse(rec->json, rec->json_len, "journal", NULL);
    f->st = tr_track_feed(f->t, j, f->err);
    cJSON_Delete(j);
    return f->st != TR_OK;
}

static int run_journal(const ctl_ctx *ctx, const char *path, const char *pass_file, int charts,
                       int64_t now)
{
    tr_error err = {0};
    setup s;
    ctl_pass p = {0};
    tr_journal *j = NULL;
    tr_track *t = NULL;
    feeder f = {.err = &err};
    int rc = CTL_EXIT_FAIL;

    if (sodium_init() < 0) {
        tr_error_set(&err, TR_E_CRYPTO, "libsodium could not start");
        return ctl_fail(&err);
    }
    if (setup_load(ctx, &s, &err) || ctl_pass_get(pass_file, "Passphrase: ", 0, &p) != 0 ||
        tr_journal_open(&(tr_journal_desc){.path = path}, p.buf, p.len, &j, &err))
        goto fail;
    ctl_pass_free(&p);
    for (size_t i = 0; i < tr_journal_warning_count(j); i++)
        fprintf(stderr, "trinnctl: %s: %s\n", path, tr_journal_warning(j, i));
    if (make_tracker(&s, &t, &err))
        goto fail;
    f.t = t;
    if (tr_journal_query_each(j, NULL, feed_record, &f, &err) || f.st)
        goto fail;
    rc = print_tracked(ctx, &s, t, charts, now, &err);
fail:
    ctl_pass_free(&p);
    tr_journal_close(j);
    tr_track_destroy(t);
    return finish(rc, &err, &s);
}

int ctl_cmd_outcome(ctl_ctx *ctx, int argc, char **argv)
{
    const char *records = NULL, *journal = NULL, *pass_file = NULL;
    int charts = 0;
    int64_t now = tp_clock_now();

    if (argc == 3 && strcmp(argv[1], "--measures") == 0)
        return run_measures(ctx, argv[2]);
    if (argc == 3 && strcmp(argv[1], "--service") == 0)
        return run_service(ctx, argv[2]);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--records") == 0 && v && !records) {
            records = argv[++i];
        } else if (strcmp(a, "--passphrase-file") == 0 && v && !pass_file) {
            pass_file = argv[++i];
        } else if (strcmp(a, "--charts") == 0) {
            charts = 1;
        } else if (strcmp(a, "--now") == 0 && v) {
            if (tp_clock_parse(argv[++i], &now) != 0)
                return ctl_usage("--now: expected a time like 2026-01-05T09:00:00Z, not '%s'",
                                 argv[i]);
        } else if (a[0] != '-' && !journal) {
            journal = a;
        } else {
            return ctl_usage("outcome: unexpected '%s' (run 'trinnctl help')", a);
        }
    }
    if (records && !journal && !pass_file)
        return run_records(ctx, records, charts, now);
    if (journal && !records)
        return run_journal(ctx, journal, pass_file, charts, now);
    return ctl_usage("usage: outcome JOURNAL [--passphrase-file F] [--charts] [--now TIME] | "
                     "outcome --measures FILE (a JSON list like "
                     "[{\"date\":\"2026-01-05\",\"phq9\":14,\"gad7\":11}]) | outcome --service "
                     "FILE (an object of client id -> such a list) | outcome --records FILE "
                     "[--charts] [--now TIME] (a JSON array of journal records)");
}
