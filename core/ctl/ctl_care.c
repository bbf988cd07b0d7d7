/* ctl_care: see ctl_care.h. */
#include "ctl_care.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_clock.h"
#include "tp_io.h"
#include "tr_care_team.h"

int ctl_care_parse(int argc, char **argv, int first, ctl_care_opts *o)
{
    static const struct {
        const char *name;
        size_t off;
    } opts[] = {
        {"--profile", offsetof(ctl_care_opts, profile)},
        {"--passphrase-file", offsetof(ctl_care_opts, pass_file)},
        {"--out", offsetof(ctl_care_opts, out)},
        {"--client", offsetof(ctl_care_opts, client)},
        {"--modules", offsetof(ctl_care_opts, modules)},
        {"--measures", offsetof(ctl_care_opts, measures)},
        {"--expires", offsetof(ctl_care_opts, expires)},
        {"--next", offsetof(ctl_care_opts, next)},
        {"--homework", offsetof(ctl_care_opts, homework)},
        {"--to", offsetof(ctl_care_opts, to)},
        {"--trust", offsetof(ctl_care_opts, trust)},
        {"--from", offsetof(ctl_care_opts, from)},
        {"--until", offsetof(ctl_care_opts, until)},
        {"--share", offsetof(ctl_care_opts, share)},
        {"--minisign-pub", offsetof(ctl_care_opts, ms_pub)},
        {"--age-identity", offsetof(ctl_care_opts, age_identity)},
        {"--fnr", offsetof(ctl_care_opts, fnr)},
        {"--member", offsetof(ctl_care_opts, member)},
        {"--out-dir", offsetof(ctl_care_opts, out_dir)},
        {"--recovery-file", offsetof(ctl_care_opts, recovery_file)},
        {"--work-factor", offsetof(ctl_care_opts, work_factor)},
    };
    for (int i = first; i < argc; i++) {
        size_t k = 0;
        if (strcmp(argv[i], "--ordered") == 0 || strcmp(argv[i], "--summary") == 0) {
            *(argv[i][2] == 'o' ? &o->ordered : &o->summary) = 1;
            continue;
        }
        if (strcmp(argv[i], "--json") == 0) {
            o->json = 1;
            continue;
        }
        if (strncmp(argv[i], "--", 2) != 0) {
            if (o->file)
                return ctl_usage("unexpected argument '%s'", argv[i]);
            o->file = argv[i];
            continue;
        }
        for (; k < sizeof opts / sizeof opts[0]; k++)
            if (strcmp(argv[i], opts[k].name) == 0)
                break;
        if (k == sizeof opts / sizeof opts[0])
            return ctl_usage("unknown option '%s'", argv[i]);
        if (i + 1 >= argc)
            return ctl_usage("%s needs a value", argv[i]);
        *(const char **)((char *)o + opts[k].off) = argv[++i];
    }
    return 0;
}

/* The one profile of this kind without a label, for a lookup by name; TR_E_NOTFOUND unless
 * there is exactly one. */
static tr_status unlabelled(const tr_profile_desc *d, tr_profile_kind kind, const char *key,
                            tr_profile_info *out, tr_error *err)
{
    tr_profile_info *list = NULL;
    size_t n = 0, found = 0;
    tr_status st = tr_profile_list(d, &list, &n, err);
    for (size_t i = 0; st == TR_OK && i < n; i++)
        if (list[i].kind == kind && !list[i].label[0] && found++ == 0)
            *out = list[i];
    tr_profile_list_free(list);
    if (st == TR_OK && found != 1)
        st = tr_error_set(err, TR_E_NOTFOUND, "no %s profile has the label, id or name '%s'%s",
                          tr_profile_kind_name(kind), key,
                          found > 1 ? ", and several have no label: give the label or id" : "");
    return st;
}

/* The care state and, when asked, the shared client records, in one walk of the journal. */
typedef struct both_visit {
    tr_care_state *s;
    tr_care_shared *sh;
} both_visit;

static tr_status visit_both(void *user, const tr_journal_record *rec, tr_error *err)
{
    both_visit *b = user;
    tr_status st = tr_care_visit(b->s, rec, err);
    return st == TR_OK && b->sh ? tr_care_shared_visit(b->sh, rec, err) : st;
}

int ctl_care_unlock(const ctl_ctx *ctx, const ctl_care_opts *o, tr_profile_kind kind, tr_profile *p,
                    tr_care_state *s)
{
    return ctl_care_unlock_shared(ctx, o, kind, p, s, NULL);
}

int ctl_care_unlock_shared(const ctl_ctx *ctx, const ctl_care_opts *o, tr_profile_kind kind,
                           tr_profile *p, tr_care_state *s, tr_care_shared *sh)
{
    both_visit both = {s, sh};
    int by_name = 0;
    tr_profile_desc d = {.data_dir = ctx->data_dir};
    tr_profile_info info;
    ctl_pass pass = {0};
    tr_error err = {0};
    tr_status st;
    memset(p, 0, sizeof *p);
    memset(s, 0, sizeof *s);
    if (!o->profile) {
        ctl_usage("--profile NAME is required");
        return CTL_EXIT_USAGE;
    }
    if (sodium_init() < 0) { /* the passphrase goes to sodium_malloc */
        fprintf(stderr, "trinnctl: libsodium could not start\n");
        return CTL_EXIT_FAIL;
    }
    if (tr_profile_find(&d, o->profile, &info, &err) != TR_OK) {
        if (err.status != TR_E_NOTFOUND || unlabelled(&d, kind, o->profile, &info, &err) != TR_OK)
            return ctl_fail(&err);
        by_name = 1;
    }
    if (ctl_pass_get(o->pass_file, "Passphrase: ", 0, &pass) != 0) {
        ctl_pass_free(&pass);
        return CTL_EXIT_FAIL;
    }
    if (sh)
        memset(sh, 0, sizeof *sh);
    st = tr_profile_unlock(&d, info.id, pass.buf, pass.len, visit_both, &both, p, &err);
    ctl_pass_free(&pass);
    if (st == TR_OK && sh)
        st = tr_care_shared_finish(sh, &err);
    if (st != TR_OK) {
        if (p->j) /* unlocked, but the shared records could not be sorted */
            tr_profile_close(p);
        tr_care_state_free(s); /* the visit contract: nothing taken from a failed unlock */
        if (sh)
            tr_care_shared_free(sh);
        return ctl_fail(&err);
    }
    if ((by_name && !tr_profile_same_name(p->name, o->profile)) || p->info.kind != kind) {
        fprintf(stderr, "trinnctl: no %s profile has the label, id or name '%s'\n",
                tr_profile_kind_name(kind), o->profile);
        ctl_care_close(p, s);
        if (sh)
            tr_care_shared_free(sh);
        return CTL_EXIT_FAIL;
    }
    return 0;
}

void ctl_care_close(tr_profile *p, tr_care_state *s)
{
    tr_profile_close(p);
    tr_care_state_free(s);
}

int ctl_care_append(tr_profile *p, const char *json)
{
    tr_error err = {0};
    if (tr_profile_append(p, json, strlen(json), &err) != TR_OK) {
        ctl_fail(&err);
        return -1;
    }
    return 0;
}

int ctl_care_write(const char *path, const void *buf, size_t len)
{
    /* through the storage seam: UTF-8 paths, owner-only and durable on Linux and Windows */
    const tp_io *io = tp_io_posix();
    tp_io_file *f = NULL;
    int rc = io->open(io->user, path, TP_IO_WRITE | TP_IO_CREATE, &f);
    if (rc == -EEXIST && (rc = io->open(io->user, path, TP_IO_WRITE, &f)) == 0)
        rc = io->truncate(io->user, f, 0);
    if (rc == 0)
        rc = io->pwrite(io->user, f, buf, len, 0);
    if (rc == 0)
        rc = io->sync(io->user, f);
    if (f) {
        int crc = io->close(io->user, f);
        rc = rc ? rc : crc;
    }
    if (rc == 0)
        return 0;
    fprintf(stderr, "trinnctl: %s: %s\n", path, strerror(-rc));
    return -1;
}

int ctl_care_init_keys(tr_profile *p, int therapist, int join, const char *name,
                       const char *service, const char *phone, const char *hours)
{
    tr_care_records recs = {0};
    tr_error err = {0};
    char ts[32];
    int rc = 0;
    tp_clock_format(tp_clock_now(), ts, sizeof ts);
    if (tr_care_init_records(therapist, join, name, service, phone, hours, ts, &recs, &err) !=
        TR_OK)
        return ctl_fail(&err), -1;
    for (size_t i = 0; i < recs.n && rc == 0; i++)
        rc = ctl_care_append(p, recs.text[i]);
    tr_care_records_free(&recs);
    return rc;
}
