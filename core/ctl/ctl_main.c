/* trinnctl: the command-line face of the core. Global options come before the command:
 *   trinnctl [--content DIR] [--lang nb|nn|en] [--data-dir D] COMMAND ARGS... */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_term.h"
#include "ctl.h"
#include "tp_harden.h"
#include "tp_path.h"
#include "tr_json.h"

static const struct {
    const char *name;
    ctl_cmd_fn fn;
    const char *help;
} commands[] = {
    {"check", ctl_cmd_check, "check [DIR]                     validate a content pack"},
    {"score", ctl_cmd_score, "score INSTRUMENT --answers 0,1,-,...  score one instrument"},
    {"triage", ctl_cmd_triage, "triage FILE | --interactive    BEON triage of a set of answers"},
    {"logic", ctl_cmd_logic, "logic RULE.json DATA.json      evaluate one JsonLogic expression"},
    {"journal", ctl_cmd_journal, "journal SUBCOMMAND PATH ...    the encrypted journal"},
    {"profile", ctl_cmd_profile,
     "profile list | create --kind client --name N | delete --profile LABEL-OR-ID --yes"},
    {"outcome", ctl_cmd_outcome,
     "outcome JOURNAL | --measures F | --service F | --records F  outcome metrics, charts"},
    {"team", ctl_cmd_team,
     "team card|export|identify|log|member|enrol|join|remove|rotate|backup|restore ...\n"
     "                                  the therapist's team ('trinnctl team' lists every form)"},
    {"assign", ctl_cmd_assign,
     "assign --profile NAME --client ID --modules a,b --measures phq9:weekly --expires D --out F"},
    {"stats", ctl_cmd_stats,
     "stats --ndjson DIR... [--csv] [--exact]  outcome statistics of exports"},
    {"fhir", ctl_cmd_fhir,
     "fhir export JOURNAL --out DIR    FHIR R4 Bundle and NDJSON of a journal"},
    {"assignment", ctl_cmd_assignment,
     "assignment unpack X --out DIR | import X --profile C [--trust FINGERPRINT]"},
    {"report", ctl_cmd_report,
     "report create --profile C --to CARD.json --out Y | open Y --profile NAME"},
    {"kiosk", ctl_cmd_kiosk,
     "kiosk init --out KEY | pin --out HASH [--pin-file F] | enrol|revoke --profile N --key K"},
    {"spool", ctl_cmd_spool,
     "spool open DIR --profile NAME [--json]  import a kiosk's hand-ins into a team profile"},
};

int ctl_print_json(cJSON *json)
{
    char *text = json ? cJSON_PrintUnformatted(json) : NULL;
    cJSON_Delete(json);
    if (!text) {
        fprintf(stderr, "trinnctl: out of memory while printing the result\n");
        return CTL_EXIT_FAIL;
    }
    puts(text);
    cJSON_free(text);
    return fflush(stdout) == 0 ? CTL_EXIT_OK : CTL_EXIT_FAIL;
}

int ctl_fail(const tr_error *err)
{
    fprintf(stderr, "trinnctl: %s\n", err->msg);
    return CTL_EXIT_FAIL;
}

int ctl_usage(const char *fmt, ...)
{
    va_list ap;
    fputs("trinnctl: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n(run 'trinnctl help' for usage)\n", stderr);
    return CTL_EXIT_USAGE;
}

static void help(void)
{
    puts("usage: trinnctl [--content DIR] [--lang nb|nn|en] [--data-dir D] COMMAND ...\n\n"
         "commands:");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        printf("  %s\n", commands[i].help);
}

int main(int argc, char **argv)
{
    static char content[TP_PATH_MAX], looked[TP_PATH_MAX + 64], data[TP_PATH_MAX];
    if (tp_term_init(&argc, &argv) != 0) {
        fputs("trinnctl: out of memory\n", stderr);
        return CTL_EXIT_FAIL;
    }
    ctl_ctx ctx = {.lang = "nb", .prog = argv[0]};
    int i = 1;
    /* Journals are decrypted here: no core dumps, no ptrace by others, wiped cJSON memory. */
    int hard = tp_harden_process();
    if (hard != 0)
        fprintf(stderr, "trinnctl: warning: could not turn off core dumps (%s)\n", strerror(-hard));
    tr_json_wipe_on_free();

    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--content") == 0 && i + 1 < argc) {
            ctx.content_dir = argv[++i];
        } else if (strcmp(argv[i], "--data-dir") == 0 && i + 1 < argc) {
            ctx.data_dir = argv[++i];
        } else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            ctx.lang = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0) {
            help();
            return CTL_EXIT_OK;
        } else {
            return ctl_usage("unknown option '%s'", argv[i]);
        }
    }
    if (strcmp(ctx.lang, "nb") != 0 && strcmp(ctx.lang, "nn") != 0 && strcmp(ctx.lang, "en") != 0)
        return ctl_usage("--lang must be nb, nn or en, not '%s'", ctx.lang);
    if (i >= argc || strcmp(argv[i], "help") == 0) {
        help();
        return i >= argc ? CTL_EXIT_USAGE : CTL_EXIT_OK;
    }
    if (!ctx.content_dir) {
        if (tp_path_content_find(NULL, content, sizeof content, looked, sizeof looked) == 0)
            ctx.content_dir = content;
        ctx.content_looked = looked;
    }
    if (!ctx.data_dir && tp_path_data_dir(data, sizeof data) == 0)
        ctx.data_dir = data;
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
        if (strcmp(argv[i], commands[k].name) == 0)
            return commands[k].fn(&ctx, argc - i, argv + i);
    }
    return ctl_usage("unknown command '%s'", argv[i]);
}
