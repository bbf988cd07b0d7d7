/* tr_triage_rules: reads and checks content/triage/rules.json (format in its README.md). */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tp_attr.h"
#include "tr_json.h"
#include "tr_logic.h"
#include "tr_triage_priv.h"

#define RULES_FILE "triage/rules.json"
#define TERM_FILE  "triage/terminal.json"

/* The terminal texts the interactive triage uses; terminal.json must define each. */
static const char *const term_keys[] = {"title",           "intro",          "multi_hint",
                                        "prompt",          "invalid",        "skipped",
                                        "end_of_input",    "crisis_title",   "crisis_intro",
                                        "service_contact", "result_title",   "why",
                                        "modules",         "choose",         "recommended_mark",
                                        "chosen",          "acute_no_choice"};

static const char *const engine_reasons[] = {TR_REASON_CRITICAL, TR_REASON_CRITICAL_SKIPPED,
                                             TR_REASON_FOLLOWUP_SKIPPED, TR_REASON_NO_SELF_HELP,
                                             TR_REASON_ACUTE};
static const char *const score_fields[] = {"total",    "band",    "caseness", "scorable",
                                           "answered", "missing", "flags"};

/* Loading state: the pack, the file's text (for line numbers) and the problem count. */
typedef struct loader {
    const tr_content *pack;
    tr_triage *t;
    tr_diags *diags;
    const char *text;
    size_t problems;
    int nomem;
    const char *rule_id; /* the rule being read, to find its line */
    tr_rule_kind kind;
} loader;

/* The line of the first `"id": "<id>"` in the file (0 when not found). */
static int line_of_id(const loader *ld, const char *id)
{
    char needle[160];
    const char *hit;
    int line = 1;
    if (!id || !ld->text)
        return 0;
    snprintf(needle, sizeof needle, "\"%s\"", id);
    for (hit = strstr(ld->text, needle); hit; hit = strstr(hit + 1, needle)) {
        const char *k = hit;
        while (k > ld->text && (k[-1] == ' ' || k[-1] == ':' || k[-1] == '\n'))
            k--;
        if (k - ld->text >= 4 && strncmp(k - 4, "\"id\"", 4) == 0)
            break;
    }
    if (!hit)
        return 0;
    for (const char *c = ld->text; c < hit; c++)
        line += *c == '\n';
    return line;
}

static void problem(loader *ld, const char *path, const char *fmt, ...) TP_PRINTF(3, 4);

static void problem(loader *ld, const char *path, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ld->problems++;
    if (tr_diags_add(ld->diags, RULES_FILE, path, line_of_id(ld, ld->rule_id), 0, "%s", msg) !=
        TR_OK)
        ld->nomem = 1;
}

static const char *get_string(loader *ld, const cJSON *obj, const char *key, const char *path,
                              int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required)
            problem(ld, path, "\"%s\" is missing (a string)", key);
        return NULL;
    }
    if (!cJSON_IsString(v) || !v->valuestring[0]) {
        problem(ld, path, "\"%s\" must be a non-empty string", key);
        return NULL;
    }
    return v->valuestring;
}

static const tr_level *find_level(loader *ld, const char *id, const char *path)
{
    const tr_level *l = id ? tr_content_find_level(ld->pack, id) : NULL;
    if (id && !l)
        problem(ld, path,
                "'%s' is no level of levels.json (known: self_help, guided_self_help, "
                "course, individual, refer, acute, or the service's own)",
                id);
    return l;
}

/* 1 when modules/<id>.json exists (trinnctl check validates the module itself). */
static int module_known(loader *ld, const char *id)
{
    char path[4096];
    struct stat st;
    if (!id[0] || strchr(id, '/') || strchr(id, '.'))
        return 0;
    snprintf(path, sizeof path, "%s/modules/%s.json", ld->pack->dir, id);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* ---- var names a rule may read --------------------------------------------------- */

typedef struct var_check {
    loader *ld;
    const char *rule_path;
} var_check;

static int prefix_is(const char *name, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);
    if (strncmp(name, prefix, n) != 0)
        return 0;
    if (name[n] == '\0') {
        *rest = NULL;
        return 1;
    }
    if (name[n] != '.')
        return 0;
    *rest = name + n + 1;
    return 1;
}

static int score_var_known(const tr_content *pack, const char *rest)
{
    char inst_id[128];
    const char *dot = strchr(rest, '.');
    size_t n = dot ? (size_t)(dot - rest) : strlen(rest);
    const tr_inst *inst;
    if (n >= sizeof inst_id)
        return 0;
    memcpy(inst_id, rest, n);
    inst_id[n] = '\0';
    inst = tr_content_find_inst(pack, inst_id);
    if (!inst || inst->kind != TR_INST_SCORED)
        return 0;
    if (!dot)
        return 1;
    for (size_t i = 0; i < sizeof score_fields / sizeof *score_fields; i++)
        if (strcmp(dot + 1, score_fields[i]) == 0)
            return 1;
    return 0;
}

static void on_var(void *user, const char *name, int scoped, const char *path)
{
    var_check *vc = user;
    const char *rest = NULL;
    int ok;
    if (scoped)
        return; /* reads an element of a list, not the data object */
    if (prefix_is(name, "answers", &rest))
        ok = !rest || tr_content_find_item(vc->ld->pack, rest, NULL) != NULL;
    else if (prefix_is(name, "scores", &rest))
        ok = !rest || score_var_known(vc->ld->pack, rest);
    else if (prefix_is(name, "service", &rest))
        ok = !rest || strcmp(rest, "min_age") == 0;
    else if (strcmp(name, "flags") == 0)
        ok = 1;
    else if (strcmp(name, "risk") == 0)
        ok = vc->ld->kind != TR_RULE_RISK;
    else if (strcmp(name, "level") == 0)
        ok = vc->ld->kind == TR_RULE_MOD || vc->ld->kind == TR_RULE_FOCUS;
    else
        ok = 0;
    if (!ok)
        problem(vc->ld, vc->rule_path,
                "%s reads '%s', which the rules' data does not have (answers.<item id>, "
                "scores.<instrument>.<total|band|caseness|scorable|answered|missing|flags>, "
                "flags, service.min_age, risk (not in risk_rules), level (modifiers and "
                "focus_rules only))",
                path, name);
}

static void check_when(loader *ld, const cJSON *rule, const char *path, const cJSON **when)
{
    char wpath[200];
    tr_error err = {0};
    var_check vc = {ld, wpath};
    *when = cJSON_GetObjectItemCaseSensitive(rule, "when");
    snprintf(wpath, sizeof wpath, "%s.when", path);
    if (!*when) {
        problem(ld, path, "\"when\" is missing: a JsonLogic condition (true for always)");
        return;
    }
    if (tr_logic_check(*when, on_var, &vc, &err) != TR_OK)
        problem(ld, wpath, "%s", err.msg);
}

static void read_levels(loader *ld, const cJSON *list, const char *path, tr_rule *r)
{
    char p[200];
    int i = 0;
    if (!list)
        return;
    if (!cJSON_IsArray(list)) {
        problem(ld, path, "\"alternatives\" must be a list of level ids");
        return;
    }
    for (const cJSON *el = list->child; el; el = el->next, i++) {
        snprintf(p, sizeof p, "%s.alternatives[%d]", path, i);
        if (!cJSON_IsString(el)) {
            problem(ld, p, "a level id (string) is expected");
        } else if (r->n_alts >= TR_TRIAGE_MAX_LEVELS) {
            problem(ld, p, "more than %d alternatives", TR_TRIAGE_MAX_LEVELS);
            break;
        } else {
            const tr_level *l = find_level(ld, el->valuestring, p);
            if (l)
                r->alts[r->n_alts++] = l;
        }
    }
}

/* "ask": what the team should ask about in the first conversation: item ids of the pack
 * (a question to ask again) or reason ids (a topic whose sentence is in "reasons"). */
static void read_ask(loader *ld, const cJSON *list, const char *path, tr_rule *r)
{
    char p[200];
    int i = 0;
    if (!list)
        return;
    if (!cJSON_IsArray(list)) {
        problem(ld, path, "\"ask\" must be a list of item or reason ids");
        return;
    }
    for (const cJSON *el = list->child; el; el = el->next, i++) {
        snprintf(p, sizeof p, "%s.ask[%d]", path, i);
        if (!cJSON_IsString(el) || (!tr_content_find_item(ld->pack, el->valuestring, NULL) &&
                                    !tr_triage_reason_find(ld->t, el->valuestring)))
            problem(ld, p,
                    "an item id of the pack or a reason id with a sentence in \"reasons\" is "
                    "expected");
        else if (r->n_ask >= TR_TRIAGE_MAX_ASK)
            problem(ld, p, "more than %d topics to ask about", TR_TRIAGE_MAX_ASK);
        else
            r->ask[r->n_ask++] = el->valuestring;
    }
}

static void read_rule(loader *ld, const cJSON *obj, tr_rule_kind kind, const char *path, tr_rule *r)
{
    const cJSON *v;
    r->kind = kind;
    ld->kind = kind;
    ld->rule_id = NULL;
    if (!cJSON_IsObject(obj)) {
        problem(ld, path, "a rule must be an object {\"id\", \"when\", ...}");
        return;
    }
    r->id = get_string(ld, obj, "id", path, 1);
    ld->rule_id = r->id;
    for (size_t i = 0; r->id && i < (size_t)(r - ld->t->rules); i++)
        if (ld->t->rules[i].id && strcmp(ld->t->rules[i].id, r->id) == 0 &&
            ld->t->rules[i].kind == kind)
            problem(ld, path, "rule id '%s' is used twice in this list", r->id);
    check_when(ld, obj, path, &r->when);
    r->reason = get_string(ld, obj, "reason", path, kind == TR_RULE_RISK || kind == TR_RULE_LEVEL);
    if (r->reason && !tr_triage_reason_find(ld->t, r->reason))
        problem(ld, path, "reason '%s' has no text in \"reasons\"", r->reason);
    switch (kind) {
    case TR_RULE_RISK: {
        const char *risk = get_string(ld, obj, "risk", path, 1);
        int rv = risk ? tr_risk_from_name(risk) : 0;
        if (rv < 0)
            problem(ld, path, "\"risk\" must be none, elevated or acute, not '%s'", risk);
        r->risk = rv < 0 ? TR_RISK_NONE : (tr_risk)rv;
        break;
    }
    case TR_RULE_LEVEL:
        r->level = find_level(ld, get_string(ld, obj, "level", path, 1), path);
        read_levels(ld, cJSON_GetObjectItemCaseSensitive(obj, "alternatives"), path, r);
        r->referral = get_string(ld, obj, "referral", path, 0);
        read_ask(ld, cJSON_GetObjectItemCaseSensitive(obj, "ask"), path, r);
        break;
    case TR_RULE_MOD:
        r->level = find_level(ld, get_string(ld, obj, "at_least", path, 0), path);
        read_levels(ld, cJSON_GetObjectItemCaseSensitive(obj, "alternatives"), path, r);
        r->referral = get_string(ld, obj, "referral", path, 0);
        read_ask(ld, cJSON_GetObjectItemCaseSensitive(obj, "ask"), path, r);
        break;
    case TR_RULE_FOCUS:
        r->focus = get_string(ld, obj, "focus", path, 1);
        v = cJSON_GetObjectItemCaseSensitive(obj, "modules");
        if (!cJSON_IsArray(v)) {
            problem(ld, path, "\"modules\" must be a list of module ids");
            break;
        }
        for (const cJSON *m = v->child; m; m = m->next) {
            if (!cJSON_IsString(m)) {
                problem(ld, path, "\"modules\" must hold module ids (strings)");
            } else if (!module_known(ld, m->valuestring)) {
                problem(ld, path,
                        "module '%s' does not exist: there is no modules/%s.json (a typo?)",
                        m->valuestring, m->valuestring);
            } else if (r->n_modules < TR_TRIAGE_MAX_MODULES) {
                r->modules[r->n_modules++] = m->valuestring;
            } else {
                problem(ld, path, "more than %d modules", TR_TRIAGE_MAX_MODULES);
                break;
            }
        }
        break;
    }
    for (const cJSON *k = obj->child; k; k = k->next) {
        static const char *const keys[] = {"id",    "when",     "reason",       "risk",
                                           "level", "at_least", "alternatives", "referral",
                                           "focus", "modules",  "note",         "ask"};
        size_t i = 0;
        while (i < sizeof keys / sizeof *keys && strcmp(keys[i], k->string) != 0)
            i++;
        if (i == sizeof keys / sizeof *keys)
            problem(ld, path, "unknown key \"%s\"", k->string);
    }
}

static tr_reason_text *read_texts(loader *ld, const cJSON *obj, const char *file, const char *base,
                                  size_t *n_out);

static void read_reasons(loader *ld, const cJSON *reasons)
{
    if (!cJSON_IsObject(reasons)) {
        problem(ld, "$.reasons", "\"reasons\" must be an object: reason id -> {nb, nn, en}");
        return;
    }
    ld->rule_id = NULL;
    ld->t->reasons = read_texts(ld, reasons, RULES_FILE, "$.reasons", &ld->t->n_reasons);
    for (size_t i = 0; i < sizeof engine_reasons / sizeof *engine_reasons; i++)
        if (!tr_triage_reason_find(ld->t, engine_reasons[i]))
            problem(ld, "$.reasons",
                    "reason '%s' is missing: the engine shows it when its safety rule acts",
                    engine_reasons[i]);
}

static void read_settings(loader *ld, const cJSON *settings)
{
    const cJSON *f;
    int i = 0;
    if (!cJSON_IsObject(settings)) {
        problem(ld, "$.settings", "\"settings\" must be an object");
        return;
    }
    for (const cJSON *key = settings->child; key; key = key->next) {
        if (strcmp(key->string, "acute_level") == 0 || strcmp(key->string, "risk_followups") == 0)
            continue;
        if (strcmp(key->string, "planned_modules") == 0)
            problem(ld, "$.settings",
                    "\"planned_modules\" is no longer read (every module the rules name must "
                    "exist in modules/): remove it");
        else
            problem(ld, "$.settings", "unknown key \"%s\" (known: acute_level, risk_followups)",
                    key->string);
    }
    ld->t->acute_level =
        find_level(ld, get_string(ld, settings, "acute_level", "$.settings", 1), "$.settings");
    f = cJSON_GetObjectItemCaseSensitive(settings, "risk_followups");
    if (!cJSON_IsArray(f)) {
        problem(ld, "$.settings", "\"risk_followups\" must be a list of item ids");
        return;
    }
    for (const cJSON *el = f->child; el; el = el->next, i++) {
        char path[80];
        const tr_item *item =
            cJSON_IsString(el) ? tr_content_find_item(ld->pack, el->valuestring, NULL) : NULL;
        snprintf(path, sizeof path, "$.settings.risk_followups[%d]", i);
        if (!item)
            problem(ld, path, "an item id of the pack is expected");
        else if (ld->t->n_followups >= TR_TRIAGE_MAX_FOLLOWUPS)
            problem(ld, path, "more than %d follow-ups", TR_TRIAGE_MAX_FOLLOWUPS);
        else
            ld->t->followups[ld->t->n_followups++] = item;
    }
}

/* Reads the localised texts of obj (id -> {nb, nn, en}) into a new array. */
static tr_reason_text *read_texts(loader *ld, const cJSON *obj, const char *file, const char *base,
                                  size_t *n_out)
{
    tr_reason_text *out = calloc((size_t)cJSON_GetArraySize(obj) + 1, sizeof *out);
    size_t n = 0;
    if (!out) {
        ld->nomem = 1;
        return NULL;
    }
    for (const cJSON *r = obj->child; r; r = r->next) {
        char path[200];
        tr_error err = {0};
        snprintf(path, sizeof path, "%s.%.150s", base, r->string);
        if (tr_text_read(r, &out[n].text, &err) != TR_OK) {
            ld->problems++;
            if (tr_diags_add(ld->diags, file, path, 0, 0, "%s", err.msg) != TR_OK)
                ld->nomem = 1;
            continue;
        }
        for (size_t i = 0; i < ld->pack->n_langs; i++) {
            const char *s = tr_text_find(&out[n].text, ld->pack->langs[i]);
            if (!s || !s[0]) {
                ld->problems++;
                if (tr_diags_add(ld->diags, file, path, 0, 0, "the text has no '%s' version",
                                 ld->pack->langs[i]) != TR_OK)
                    ld->nomem = 1;
            }
        }
        out[n++].id = r->string;
    }
    *n_out = n;
    return out;
}

static void read_terminal(loader *ld)
{
    char file[4096];
    tr_error err = {0};
    const cJSON *texts;
    tr_triage *t = ld->t;
    snprintf(file, sizeof file, "%s/%s", ld->pack->dir, TERM_FILE);
    t->terminal_json = tr_json_load_file(file, &err);
    if (!t->terminal_json) {
        ld->problems++;
        if (tr_diags_add(ld->diags, TERM_FILE, "", 0, 0, "%s", err.msg) != TR_OK)
            ld->nomem = 1;
        return;
    }
    texts = cJSON_GetObjectItemCaseSensitive(t->terminal_json, "texts");
    if (!cJSON_IsObject(texts)) {
        ld->problems++;
        if (tr_diags_add(ld->diags, TERM_FILE, "$.texts", 0, 0,
                         "\"texts\" must be an object: key -> {nb, nn, en}") != TR_OK)
            ld->nomem = 1;
        return;
    }
    t->terminal = read_texts(ld, texts, TERM_FILE, "$.texts", &t->n_terminal);
    for (size_t i = 0; t->terminal && i < sizeof term_keys / sizeof *term_keys; i++) {
        size_t k = 0;
        while (k < t->n_terminal && strcmp(t->terminal[k].id, term_keys[i]) != 0)
            k++;
        if (k == t->n_terminal) {
            ld->problems++;
            if (tr_diags_add(ld->diags, TERM_FILE, "$.texts", 0, 0,
                             "text '%s' is missing (the terminal triage shows it)",
                             term_keys[i]) != TR_OK)
                ld->nomem = 1;
        }
    }
}

/* Catalog texts (content/i18n/<lang>/) the engine writes results with. */
static const char *const catalog_keys[] = {"triage.partial_total", "triage.team",
                                           "triage.next.risk",     "triage.next.risk.no_team",
                                           "triage.next.team",     "triage.next.team.no_team"};

static void check_catalog(loader *ld)
{
    for (size_t l = 0; l < ld->pack->n_langs; l++)
        for (size_t i = 0; i < sizeof catalog_keys / sizeof *catalog_keys; i++)
            if (!tr_i18n_has(ld->pack->i18n, ld->pack->langs[l], catalog_keys[i])) {
                ld->problems++;
                if (tr_diags_add(ld->diags, RULES_FILE, "$", 0, 0,
                                 "the catalog text '%s' is missing in i18n/%s (the triage "
                                 "result uses it)",
                                 catalog_keys[i], ld->pack->langs[l]) != TR_OK)
                    ld->nomem = 1;
            }
}

const char *tr_triage_term_text(const tr_triage *t, const char *key, const char *lang)
{
    for (size_t i = 0; i < t->n_terminal; i++)
        if (strcmp(t->terminal[i].id, key) == 0)
            return tr_content_text(t->pack, &t->terminal[i].text, lang);
    return key;
}

static const char *const lists[] = {"risk_rules", "level_rules", "modifiers", "focus_rules"};

tr_status tr_triage_load(const tr_content *pack, tr_triage **out, tr_diags *diags, tr_error *err)
{
    char file[4096];
    char *text = NULL;
    size_t len = 0, total = 0, k = 0;
    tr_triage *t = NULL;
    loader ld = {.pack = pack, .diags = diags};
    const cJSON *settings, *fmt;
    tr_error lerr = {0};

    assert(pack && out);
    *out = NULL;
    snprintf(file, sizeof file, "%s/%s", pack->dir, RULES_FILE);
    t = calloc(1, sizeof *t);
    if (!t)
        return tr_error_set(err, TR_E_NOMEM, "out of memory reading %s", RULES_FILE);
    t->pack = pack;
    ld.t = t;
    t->json = tr_json_load_file_text(file, &text, &len, &lerr);
    if (!t->json) {
        tr_diags_add(diags, RULES_FILE, "", 0, 0, "%s", lerr.msg);
        tr_triage_free(t);
        if (err)
            *err = lerr;
        return lerr.status;
    }
    ld.text = text;
    if (!cJSON_IsObject(t->json)) {
        problem(&ld, "$", "the rules file must be an object (see triage/README.md)");
        goto done;
    }
    fmt = cJSON_GetObjectItemCaseSensitive(t->json, "format");
    if (!cJSON_IsNumber(fmt) || fmt->valuedouble != 1)
        problem(&ld, "$.format", "\"format\" must be 1 (this build reads format 1)");
    for (const cJSON *key = t->json->child; key; key = key->next) {
        static const char *const known[] = {"format",      "about",     "settings",    "risk_rules",
                                            "level_rules", "modifiers", "focus_rules", "reasons"};
        size_t i = 0;
        while (i < sizeof known / sizeof *known && strcmp(known[i], key->string) != 0)
            i++;
        if (i == sizeof known / sizeof *known)
            problem(&ld, "$", "unknown key \"%s\"", key->string);
    }
    read_reasons(&ld, cJSON_GetObjectItemCaseSensitive(t->json, "reasons"));
    read_terminal(&ld);
    check_catalog(&ld);
    settings = cJSON_GetObjectItemCaseSensitive(t->json, "settings");
    read_settings(&ld, settings);
    for (size_t l = 0; l < 4; l++)
        total += (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(t->json, lists[l]));
    t->rules = calloc(total + 1, sizeof *t->rules);
    if (!t->rules) {
        ld.nomem = 1;
        goto done;
    }
    for (size_t l = 0; l < 4; l++) {
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(t->json, lists[l]);
        int i = 0;
        const tr_rule *last = NULL;
        if (!cJSON_IsArray(list)) {
            problem(&ld, "$", "\"%s\" is missing (a list of rules)", lists[l]);
            continue;
        }
        for (const cJSON *r = list->child; r; r = r->next, i++) {
            char path[80];
            snprintf(path, sizeof path, "$.%s[%d]", lists[l], i);
            read_rule(&ld, r, (tr_rule_kind)l, path, &t->rules[k]);
            last = &t->rules[k++];
        }
        if (l == TR_RULE_LEVEL && (!last || !cJSON_IsTrue(last->when))) {
            ld.rule_id = NULL;
            problem(&ld, "$.level_rules",
                    "the last level rule must have \"when\": true, so every set of answers "
                    "gets a level");
        }
    }
    t->n_rules = k;
done:
    free(text);
    if (ld.nomem) {
        tr_triage_free(t);
        return tr_error_set(err, TR_E_NOMEM, "out of memory reading %s", RULES_FILE);
    }
    if (ld.problems) {
        tr_triage_free(t);
        return tr_error_set(err, TR_E_INVALID, "%zu problem%s in %s", ld.problems,
                            ld.problems == 1 ? "" : "s", RULES_FILE);
    }
    *out = t;
    return TR_OK;
}

void tr_triage_free(tr_triage *t)
{
    if (!t)
        return;
    cJSON_Delete(t->json);
    cJSON_Delete(t->terminal_json);
    free(t->terminal);
    free(t->rules);
    free(t->reasons);
    free(t);
}

tr_status tr_triage_validate(const tr_content *pack, tr_diags *diags)
{
    tr_triage *t = NULL;
    tr_error err = {0};
    tr_status st = tr_triage_load(pack, &t, diags, &err);
    if (st == TR_OK && tr_triage_lint_skips(t, 16, diags) > 0)
        st = TR_E_INVALID;
    tr_triage_free(t);
    return st;
}

const tr_text *tr_triage_reason_find(const tr_triage *t, const char *id)
{
    for (size_t i = 0; i < t->n_reasons; i++)
        if (t->reasons[i].id && strcmp(t->reasons[i].id, id) == 0)
            return &t->reasons[i].text;
    return NULL;
}

const tr_step *tr_triage_risk_step(const tr_triage *t)
{
    for (size_t s = 0; t->n_followups && s < t->pack->n_steps; s++) {
        const tr_step *st = &t->pack->steps[s];
        for (size_t k = 0; k < st->n_items; k++)
            if (&st->inst->items[st->items[k]] == t->followups[0])
                return st;
    }
    return NULL;
}

const tr_text *tr_triage_reason_topic(const tr_triage *t, const char *id)
{
    return tr_triage_reason_find(t, id);
}

const tr_content *tr_triage_pack(const tr_triage *t)
{
    return t->pack;
}

const char *tr_risk_name(tr_risk risk)
{
    switch (risk) {
    case TR_RISK_ACUTE:
        return "acute";
    case TR_RISK_ELEVATED:
        return "elevated";
    default:
        return "none";
    }
}

int tr_risk_from_name(const char *name)
{
    if (strcmp(name, "none") == 0)
        return TR_RISK_NONE;
    if (strcmp(name, "elevated") == 0)
        return TR_RISK_ELEVATED;
    if (strcmp(name, "acute") == 0)
        return TR_RISK_ACUTE;
    return -1;
}
