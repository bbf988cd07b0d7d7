/* trinnctl triage --interactive: the triage as a conversation in the terminal. Questions come
 * from the pack's sequence in the chosen language; the answer is the number in front of an
 * option (several, comma-separated, for a multi-choice question); an empty line skips. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl_triage.h"
#include "tp_attr.h"
#include "tr_json.h"

typedef struct ask {
    const tr_content *pack;
    const tr_triage *rules;
    const char *lang;
    cJSON *answers;
    int eof;
} ask;

/* Everything this command writes goes through here, without control characters: no escape
 * sequence (colour, cursor movement, clearing the screen) and no carriage return, only plain
 * lines, so a terminal screen reader (Orca's terminal, Fenrir, speakup) reads it as it comes and
 * a transcript stays readable; a text in the pack (or a piped answer) cannot bring one in.
 * Tab and newline stay; the C0 controls, DEL and the C1 controls (U+0080-U+009F) go. */
static void out(const char *fmt, ...) TP_PRINTF(1, 2);
static void out(const char *fmt, ...)
{
    char stack[4096], *buf = stack;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(stack, sizeof stack, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof stack) {
        buf = malloc((size_t)n + 1);
        if (!buf)
            return;
        va_start(ap, fmt);
        vsnprintf(buf, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == 0xC2 && i + 1 < n && (unsigned char)buf[i + 1] >= 0x80 &&
            (unsigned char)buf[i + 1] <= 0x9F) {
            i++; /* a C1 control (U+0080-U+009F; U+009B is a one-byte escape) */
            continue;
        }
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            continue;
        buf[k++] = (char)c;
    }
    fwrite(buf, 1, k, stdout);
    if (buf != stack)
        free(buf);
}

static const char *T(const ask *a, const char *key)
{
    return tr_triage_term_text(a->rules, key, a->lang);
}

static const char *text(const ask *a, const tr_text *t)
{
    return tr_content_text(a->pack, t, a->lang);
}

/* Prints a terminal text with {name} placeholders filled. */
static void say(const ask *a, const char *key, const char *name, const char *value)
{
    char buf[1024];
    tr_i18n_arg args[] = {{name, value}, {NULL, NULL}};
    tr_i18n_fill(T(a, key), name ? args : NULL, buf, sizeof buf);
    out("%s\n", buf);
}

/* Reads one line without its newline; returns 0 at end of input. */
static int read_line(ask *a, char *buf, size_t size)
{
    size_t n;
    if (a->eof || !fgets(buf, (int)size, stdin)) {
        if (!a->eof) {
            out("\n");
            say(a, "end_of_input", NULL, NULL);
        }
        a->eof = 1;
        return 0;
    }
    n = strlen(buf);
    if (n && buf[n - 1] != '\n' && !feof(stdin)) { /* overlong: drop the rest of the line */
        int c;
        while ((c = getchar()) != EOF && c != '\n')
            ;
    }
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    if (!isatty(STDIN_FILENO)) /* piped answers: show them, so the transcript reads well */
        out("%s\n", buf);
    return 1;
}

/* Parses "2" or "1, 3" into 1-based choices; returns their count, or -1 when any is not a
 * number from 1 to max (or more than one for a single choice). */
static int parse_choices(const char *line, size_t max, int multi, size_t *out, size_t cap)
{
    int n = 0;
    const char *p = line;
    while (*p) {
        char *end;
        long v;
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p)
            break;
        v = strtol(p, &end, 10);
        if (end == p || v < 1 || (size_t)v > max || (size_t)n >= cap)
            return -1;
        out[n++] = (size_t)v;
        p = end;
        while (*p == ' ')
            p++;
        if (*p && *p != ',')
            return -1;
    }
    if (!multi && n > 1)
        return -1;
    return n;
}

static cJSON *option_value(const tr_option *o)
{
    return o->is_number ? cJSON_CreateNumber(o->number) : cJSON_CreateString(o->string);
}

static void show_crisis(ask *a)
{
    const tr_service *svc = &a->pack->service;
    out("\n");
    say(a, "crisis_title", NULL, NULL);
    for (size_t i = 0; i < a->pack->n_crisis; i++) {
        const tr_crisis_contact *c = &a->pack->crisis[i];
        const char *hours = text(a, &c->hours);
        out("  %-12s %s: %s%s%s\n", c->number, text(a, &c->name), text(a, &c->purpose),
            hours[0] ? " – " : "", hours);
    }
    if (svc->phone && svc->phone[0]) {
        char buf[512];
        tr_i18n_arg args[] = {{"name", text(a, &svc->name)},
                              {"phone", svc->phone},
                              {"hours", text(a, &svc->hours)},
                              {NULL, NULL}};
        tr_i18n_fill(T(a, "service_contact"), args, buf, sizeof buf);
        out("  %s\n", buf);
    }
    out("\n");
}

/* After an answer: a critical item above its threshold shows the crisis contacts at once. */
static void check_critical(ask *a, const tr_inst *inst, const tr_item *item, const cJSON *v)
{
    const tr_scoring *s = &inst->scoring;
    for (size_t c = 0; c < s->n_critical; c++) {
        if (strcmp(s->critical[c].item_id, item->id) == 0 && cJSON_IsNumber(v) &&
            v->valuedouble > s->critical[c].above) {
            say(a, "crisis_intro", NULL, NULL);
            show_crisis(a);
            return;
        }
    }
}

/* Asks one item; stores the answer (or nothing when skipped). Returns 0 on out of memory. */
static int ask_item(ask *a, const tr_inst *inst, const tr_item *item, int number)
{
    char line[256], max[16];
    size_t picks[TR_INST_MAX_ITEMS];
    int multi = item->kind == TR_ITEM_MULTI;

    out("\n%d. %s\n", number, text(a, &item->text));
    if (item->help.n)
        out("   %s\n", text(a, &item->help));
    for (size_t i = 0; i < item->n_options; i++)
        out("   %zu) %s\n", i + 1, text(a, &item->options[i].label));
    if (multi)
        say(a, "multi_hint", NULL, NULL);
    snprintf(max, sizeof max, "%zu", item->n_options);
    for (;;) {
        int n;
        cJSON *v;
        out("%s", T(a, "prompt"));
        fflush(stdout);
        if (!read_line(a, line, sizeof line))
            return 1;
        if (!line[0]) {
            say(a, "skipped", NULL, NULL);
            return 1;
        }
        n = parse_choices(line, item->n_options, multi, picks, TR_INST_MAX_ITEMS);
        if (n <= 0) {
            say(a, "invalid", "max", max);
            continue;
        }
        if (multi) {
            v = cJSON_CreateArray();
            for (int i = 0; v && i < n; i++)
                if (!cJSON_AddItemToArray(v, option_value(&item->options[picks[i] - 1]))) {
                    cJSON_Delete(v);
                    v = NULL;
                }
        } else {
            v = option_value(&item->options[picks[0] - 1]);
        }
        if (!v || !cJSON_AddItemToObject(a->answers, item->id, v)) {
            cJSON_Delete(v);
            return 0;
        }
        check_critical(a, inst, item, v);
        return 1;
    }
}

static const char *module_title(const ask *a, const char *id, char *buf, size_t size)
{
    char path[4096];
    tr_error err = {0};
    cJSON *doc;
    tr_text title = {0};
    snprintf(path, sizeof path, "%s/modules/%s.json", a->pack->dir, id);
    doc = tr_json_load_file(path, &err);
    snprintf(buf, size, "%s", id);
    if (doc && tr_text_read(cJSON_GetObjectItemCaseSensitive(doc, "title"), &title, &err) == TR_OK)
        snprintf(buf, size, "%s", tr_text_get(&title, a->lang, a->pack->default_lang));
    cJSON_Delete(doc);
    return buf;
}

static void show_result(ask *a, const tr_triage_result *r)
{
    char buf[2048], line[64];
    const tr_level *choices[TR_TRIAGE_MAX_LEVELS + 1];
    size_t n = 0, pick[1];

    /* at any risk the contacts come again with the result, as the app shows them */
    if (r->risk != TR_RISK_NONE)
        show_crisis(a);
    out("\n");
    say(a, "result_title", "level", text(a, &r->level->name));
    tr_triage_next_text(a->rules, r, r->level, a->lang, buf, sizeof buf);
    out("%s\n%s\n\n", text(a, &r->level->description), buf);
    say(a, "why", NULL, NULL);
    for (size_t i = 0; i < r->n_reasons; i++) {
        tr_triage_reason_text(a->rules, r, i, a->lang, buf, sizeof buf);
        out("  - %s\n", buf);
    }
    if (r->n_modules && r->risk != TR_RISK_ACUTE) {
        out("\n");
        say(a, "modules", NULL, NULL);
        for (size_t i = 0; i < r->n_modules; i++)
            out("  - %s\n", module_title(a, r->modules[i], buf, sizeof buf));
    }
    out("\n");
    if (r->risk == TR_RISK_ACUTE) {
        say(a, "acute_no_choice", NULL, NULL);
        return;
    }
    choices[n++] = r->level;
    for (size_t i = 0; i < r->n_alternatives; i++)
        choices[n++] = r->alternatives[i];
    say(a, "choose", NULL, NULL);
    for (size_t i = 0; i < n; i++)
        out("  %zu) %s%s%s\n", i + 1, text(a, &choices[i]->name), i == 0 ? " " : "",
            i == 0 ? T(a, "recommended_mark") : "");
    pick[0] = 1;
    for (;;) {
        char max[16];
        out("%s", T(a, "prompt"));
        fflush(stdout);
        if (!read_line(a, line, sizeof line) || !line[0])
            break;
        if (parse_choices(line, n, 0, pick, 1) == 1)
            break;
        snprintf(max, sizeof max, "%zu", n);
        say(a, "invalid", "max", max);
        pick[0] = 1;
    }
    out("\n");
    say(a, "chosen", "level", text(a, &choices[pick[0] - 1]->name));
    tr_triage_next_text(a->rules, r, choices[pick[0] - 1], a->lang, buf, sizeof buf);
    out("%s\n", buf);
}

int ctl_triage_interactive(ctl_ctx *ctx)
{
    tr_content *pack = NULL;
    tr_triage *rules = NULL;
    tr_triage_result res = {0};
    tr_error err = {0};
    ask a = {.lang = ctx->lang};
    int rc, number = 0;

    rc = ctl_triage_open(ctx, &pack, &rules);
    if (rc != CTL_EXIT_OK)
        return rc;
    rc = CTL_EXIT_FAIL;
    a.pack = pack;
    a.rules = rules;
    a.answers = cJSON_CreateObject();
    if (!a.answers) {
        tr_error_set(&err, TR_E_NOMEM, "out of memory");
        goto fail;
    }
    out("%s\n\n%s\n", T(&a, "title"), T(&a, "intro"));
    for (size_t s = 0; s < pack->n_steps; s++) {
        const tr_step *step = &pack->steps[s];
        int intro_shown = 0;
        for (size_t k = 0; k < step->n_items; k++) {
            const tr_item *item = &step->inst->items[step->items[k]];
            int asked = tr_triage_item_asked(rules, s, item, a.answers, &err);
            if (asked < 0)
                goto fail;
            if (!asked || a.eof)
                continue;
            /* as the app does: a measure's stem with each of its steps, a questionnaire's
             * introduction only with its first question (not again at every later step) */
            if (!intro_shown && step->inst->intro.n &&
                (step->inst->kind == TR_INST_SCORED || item == &step->inst->items[0])) {
                out("\n%s\n", text(&a, &step->inst->intro));
                intro_shown = 1;
            }
            if (!ask_item(&a, step->inst, item, ++number)) {
                tr_error_set(&err, TR_E_NOMEM, "out of memory");
                goto fail;
            }
        }
    }
    if (tr_triage_run(rules, a.answers, &res, &err) != TR_OK)
        goto fail;
    show_result(&a, &res);
    rc = fflush(stdout) == 0 ? CTL_EXIT_OK : CTL_EXIT_FAIL;
    goto done;
fail:
    ctl_fail(&err);
done:
    tr_triage_result_free(&res);
    cJSON_Delete(a.answers);
    tr_triage_free(rules);
    tr_content_free(pack);
    return rc;
}
