/* trinnctl journal: create, append, list, verify, passwd, export and erase an encrypted
 * journal. Passphrases come only from --passphrase-file FILE (its first line) or from a prompt
 * on the terminal without echo, never from the command line. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "tp_clock.h"
#include "tr_journal.h"

typedef struct jopts {
    const char *path;
    const char *out;       /* export target */
    const char *pass_file; /* --passphrase-file */
    const char *new_file;  /* --new-passphrase-file */
    const char *type;
    int64_t since, until;
    uint64_t kdf_ops;
    size_t kdf_mem;
} jopts;

static int parse_time(const char *opt, const char *s, int64_t *out)
{
    if (tp_clock_parse(s, out) != 0) {
        ctl_usage("%s wants an ISO 8601 time such as 2026-11-26 or 2026-11-26T23:54:59Z, not "
                  "'%s'",
                  opt, s);
        return -1;
    }
    return 0;
}

/* A whole number 1..max, digits only. */
static int parse_count(const char *opt, const char *s, uint64_t max, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = s[0] >= '0' && s[0] <= '9' ? strtoull(s, &end, 10) : 0;
    if (!end || *end || errno || v < 1 || v > max) {
        ctl_usage("%s wants a whole number from 1 to %llu, not '%s'", opt, (unsigned long long)max,
                  s);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_opts(int argc, char **argv, jopts *o, int want_out)
{
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--passphrase-file") == 0 && v) {
            o->pass_file = v;
        } else if (strcmp(a, "--new-passphrase-file") == 0 && v) {
            o->new_file = v;
        } else if (strcmp(a, "--type") == 0 && v) {
            o->type = v;
        } else if (strcmp(a, "--since") == 0 && v) {
            if (parse_time(a, v, &o->since))
                return -1;
        } else if (strcmp(a, "--until") == 0 && v) {
            if (parse_time(a, v, &o->until))
                return -1;
        } else if (strcmp(a, "--kdf-ops") == 0 && v) {
            if (parse_count(a, v, TR_JOURNAL_MAX_KDF_OPS, &o->kdf_ops))
                return -1;
        } else if (strcmp(a, "--kdf-mem-kib") == 0 && v) {
            uint64_t kib = 0;
            if (parse_count(a, v, TR_JOURNAL_MAX_KDF_MEM >> 10, &kib))
                return -1;
            o->kdf_mem = (size_t)kib << 10;
        } else if (strncmp(a, "--", 2) == 0) {
            ctl_usage("journal: unknown option '%s' (or it lacks its value)", a);
            return -1;
        } else if (!o->path) {
            o->path = a;
            continue;
        } else if (want_out && !o->out) {
            o->out = a;
            continue;
        } else {
            ctl_usage("journal: unexpected argument '%s'", a);
            return -1;
        }
        i++;
    }
    if (!o->path) {
        ctl_usage("journal %s: give the journal's PATH", argv[1]);
        return -1;
    }
    if (tr_journal_costs_weak(o->kdf_ops, o->kdf_mem) && tr_journal_test_costs())
        fprintf(stderr,
                "trinnctl: WARNING: key derivation costs below the minimum (ops %d, %zu KiB): "
                "anyone with the journal file could guess its passphrase quickly. This test "
                "build allows them for the test suite only; never use them for real data.\n",
                TR_JOURNAL_MIN_KDF_OPS, TR_JOURNAL_MIN_KDF_MEM >> 10);
    if (want_out && !o->out) {
        ctl_usage("journal export: give the output file: journal export PATH OUT.json");
        return -1;
    }
    return 0;
}

static void print_warnings(const tr_journal *j)
{
    for (size_t i = 0; i < tr_journal_warning_count(j); i++)
        fprintf(stderr, "trinnctl: warning: %s\n", tr_journal_warning(j, i));
}

static int open_journal(const jopts *o, tr_journal **j)
{
    ctl_pass p = {0};
    tr_error err = {0};
    if (ctl_pass_get(o->pass_file, "Passphrase: ", 0, &p) != 0) {
        ctl_pass_free(&p);
        return CTL_EXIT_FAIL;
    }
    tr_status st = tr_journal_open(
        &(tr_journal_desc){.path = o->path, .kdf_ops = o->kdf_ops, .kdf_mem = o->kdf_mem}, p.buf,
        p.len, j, &err);
    ctl_pass_free(&p);
    if (st)
        return ctl_fail(&err);
    print_warnings(*j);
    return CTL_EXIT_OK;
}

static int cmd_create(const jopts *o)
{
    ctl_pass p = {0};
    tr_error err = {0};
    tr_journal *j = NULL;
    if (ctl_pass_get(o->pass_file, "New passphrase: ", 1, &p) != 0) {
        ctl_pass_free(&p);
        return CTL_EXIT_FAIL;
    }
    tr_status st = tr_journal_create(
        &(tr_journal_desc){.path = o->path, .kdf_ops = o->kdf_ops, .kdf_mem = o->kdf_mem}, p.buf,
        p.len, &j, &err);
    ctl_pass_free(&p);
    if (st)
        return ctl_fail(&err);
    tr_journal_close(j);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "created", o->path);
    return ctl_print_json(r);
}

/* Reads one line of f, '\n' included, into *line (grown as needed; a grown buffer's old copy is
 * wiped, since lines hold what a person wrote). Returns its length, or -1 at end of input or on
 * failure (no memory). getline() without the stale copies, and on every system. */
static long read_line(FILE *f, char **line, size_t *cap)
{
    size_t n = 0;
    int c;
    while ((c = getc(f)) != EOF) {
        if (n + 2 > *cap) {
            size_t ncap = *cap ? *cap * 2 : 256;
            char *grown = malloc(ncap);
            if (!grown)
                return -1;
            if (*line) {
                memcpy(grown, *line, n);
                sodium_memzero(*line, *cap);
                free(*line);
            }
            *line = grown;
            *cap = ncap;
        }
        (*line)[n++] = (char)c;
        if (c == '\n')
            break;
    }
    if (n == 0)
        return -1;
    (*line)[n] = '\0';
    return (long)n;
}

static int cmd_append(const jopts *o)
{
    tr_journal *j = NULL;
    int rc = open_journal(o, &j);
    if (rc)
        return rc;
    tr_error err = {0};
    char *line = NULL;
    size_t cap = 0;
    long n, lineno = 0;
    rc = CTL_EXIT_OK;
    while ((n = read_line(stdin, &line, &cap)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == len)
            continue;
        uint64_t seq = 0;
        if (tr_journal_append(j, line, len, &seq, &err) != TR_OK) {
            fprintf(stderr, "trinnctl: stdin line %ld: %s\n", lineno, err.msg);
            rc = CTL_EXIT_FAIL;
            break;
        }
        printf("{\"seq\":%llu}\n", (unsigned long long)seq);
        if (fflush(stdout) != 0) {
            rc = CTL_EXIT_FAIL;
            break;
        }
    }
    if (line) {
        sodium_memzero(line, cap);
        free(line);
    }
    tr_journal_close(j);
    return rc;
}

/* What list and verify carry through a walk: the first problem found stops it. */
typedef struct walk_ctx {
    const char *path;
    uint64_t n;
    tr_error err;
} walk_ctx;

static int print_record(void *user, const tr_journal_record *rec)
{
    walk_ctx *w = user;
    if (tr_journal_record_check(rec, &w->err) != TR_OK)
        return 1;
    cJSON *v = cJSON_ParseWithLength(rec->json, rec->json_len);
    char *text = v ? cJSON_PrintUnformatted(v) : NULL;
    cJSON_Delete(v);
    if (!text) {
        tr_error_set(&w->err, TR_E_NOMEM, "out of memory while printing record %llu",
                     (unsigned long long)rec->seq);
        return 1;
    }
    puts(text);
    sodium_memzero(text, strlen(text));
    cJSON_free(text);
    w->n++;
    return 0;
}

/* Prints the walk's problem as "PATH: what" and returns the exit status. */
static int walk_fail(const walk_ctx *w)
{
    tr_error e = {0};
    tr_error_set(&e, w->err.status, "%s: %s", w->path, w->err.msg);
    return ctl_fail(&e);
}

static int cmd_list(const jopts *o)
{
    tr_journal *j = NULL;
    int rc = open_journal(o, &j);
    if (rc)
        return rc;
    tr_error err = {0};
    walk_ctx w = {.path = o->path};
    tr_journal_query q = {.type = o->type, .since = o->since, .until = o->until};
    tr_status st = tr_journal_query_each(j, &q, print_record, &w, &err);
    tr_journal_close(j);
    if (st)
        return ctl_fail(&err);
    if (fflush(stdout) != 0)
        return CTL_EXIT_FAIL;
    return w.err.status ? walk_fail(&w) : CTL_EXIT_OK;
}

static int check_record(void *user, const tr_journal_record *rec)
{
    walk_ctx *w = user;
    if (tr_journal_record_check(rec, &w->err) != TR_OK)
        return 1;
    w->n++;
    return 0;
}

static int cmd_verify(const jopts *o)
{
    tr_journal *j = NULL;
    int rc = open_journal(o, &j);
    if (rc)
        return rc;
    tr_error err = {0};
    walk_ctx w = {.path = o->path};
    tr_status st = tr_journal_query_each(j, NULL, check_record, &w, &err);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddBoolToObject(r, "ok", st == TR_OK && w.err.status == TR_OK);
    cJSON_AddNumberToObject(r, "records", (double)w.n);
    cJSON *warn = cJSON_AddArrayToObject(r, "warnings");
    for (size_t i = 0; i < tr_journal_warning_count(j); i++)
        cJSON_AddItemToArray(warn, cJSON_CreateString(tr_journal_warning(j, i)));
    tr_journal_close(j);
    if (st || w.err.status) {
        cJSON_Delete(r);
        return st ? ctl_fail(&err) : walk_fail(&w);
    }
    return ctl_print_json(r);
}

static int cmd_passwd(const jopts *o)
{
    tr_journal *j = NULL;
    int rc = open_journal(o, &j);
    if (rc)
        return rc;
    ctl_pass p = {0};
    tr_error err = {0};
    if (ctl_pass_get(o->new_file, "New passphrase: ", 1, &p) != 0) {
        ctl_pass_free(&p);
        tr_journal_close(j);
        return CTL_EXIT_FAIL;
    }
    tr_status st = tr_journal_passwd(j, p.buf, p.len, &err);
    ctl_pass_free(&p);
    tr_journal_close(j);
    if (st)
        return ctl_fail(&err);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddBoolToObject(r, "passphrase_changed", 1);
    return ctl_print_json(r);
}

static int cmd_export(const jopts *o)
{
    tr_journal *j = NULL;
    int rc = open_journal(o, &j);
    if (rc)
        return rc;
    tr_error err = {0};
    size_t withheld = 0;
    tr_status st = tr_journal_export_plain(j, o->out, &withheld, &err);
    uint64_t n = tr_journal_count(j);
    tr_journal_close(j);
    if (st)
        return ctl_fail(&err);
    fprintf(stderr,
            "trinnctl: WARNING: %s is NOT encrypted. Anyone who can read that file can read "
            "every record in it. Keep it somewhere safe and delete it when you no longer "
            "need it.\n",
            o->out);
    if (withheld)
        fprintf(stderr,
                "trinnctl: the profile's secret keys (%zu record%s) are not in the export: "
                "they never leave the journal unencrypted. To back them up, copy the "
                "encrypted journal file (%s) and keep its passphrase apart from it.\n",
                withheld, withheld == 1 ? "" : "s", o->path);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "exported", o->out);
    cJSON_AddNumberToObject(r, "records", (double)(n - withheld));
    cJSON_AddNumberToObject(r, "withheld_secret_records", (double)withheld);
    cJSON_AddBoolToObject(r, "encrypted", 0);
    return ctl_print_json(r);
}

static int cmd_erase(const jopts *o)
{
    tr_error err = {0};
    if (tr_journal_erase(&(tr_journal_desc){.path = o->path}, &err) != TR_OK)
        return ctl_fail(&err);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "erased", o->path);
    return ctl_print_json(r);
}

int ctl_cmd_journal(ctl_ctx *ctx, int argc, char **argv)
{
    static const char usage[] =
        "journal create|append|list|verify|passwd|export|erase PATH [options]\n"
        "  options: --passphrase-file FILE, --new-passphrase-file FILE (passwd),\n"
        "           --type T --since ISO8601 --until ISO8601 (list),\n"
        "           --kdf-ops N --kdf-mem-kib N (create, passwd: Argon2id costs; at least\n"
        "           2 and 65536 unless this is a test build)\n"
        "  export PATH OUT.json writes a readable, unencrypted copy (secret keys left out)";
    if (argc < 2)
        return ctl_usage("%s", usage);
    if (sodium_init() < 0) {
        fprintf(stderr, "trinnctl: libsodium could not start\n");
        return CTL_EXIT_FAIL;
    }
    const char *sub = argv[1];
    jopts o = {0};
    if (parse_opts(argc, argv, &o, strcmp(sub, "export") == 0) != 0)
        return CTL_EXIT_USAGE;
    if (strcmp(sub, "create") == 0)
        return cmd_create(&o);
    if (strcmp(sub, "append") == 0)
        return cmd_append(&o);
    if (strcmp(sub, "list") == 0)
        return cmd_list(&o);
    if (strcmp(sub, "verify") == 0)
        return cmd_verify(&o);
    if (strcmp(sub, "passwd") == 0)
        return cmd_passwd(&o);
    if (strcmp(sub, "export") == 0)
        return cmd_export(&o);
    if (strcmp(sub, "erase") == 0)
        return cmd_erase(&o);
    return ctl_usage("journal: unknown subcommand '%s'\n%s", sub, usage);
}
