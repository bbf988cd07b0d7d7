/* tr_content: loads and validates a whole content pack; see tr_content.h. */
#include "tr_content.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_dir.h"
#include "tp_path.h"
#include "tr_inst_priv.h"
#include "tr_json.h"
#include "tr_logic.h"

#define MAX_INSTS 64

/* ---- JsonLogic var walk ----------------------------------------------------------------- */

static size_t walk(const cJSON *node, char *path, size_t len, size_t cap, tr_content_var_fn fn,
                   void *ctx)
{
    size_t count = 0, i = 0;
    const cJSON *e;
    if (cJSON_IsObject(node) && cJSON_GetArraySize(node) == 1 &&
        strcmp(node->child->string, "var") == 0) {
        const cJSON *arg = node->child;
        const cJSON *name = cJSON_IsArray(arg) ? cJSON_GetArrayItem(arg, 0) : arg;
        snprintf(path + len, cap - len, ".var");
        if (cJSON_IsString(name) && name->valuestring[0]) {
            fn(name->valuestring, path, ctx);
            count++;
        } else if (!cJSON_IsString(name) && name && !cJSON_IsNumber(name)) {
            count += walk(name, path, strlen(path), cap, fn, ctx); /* computed var name */
        }
        path[len] = '\0';
        return count;
    }
    cJSON_ArrayForEach(e, node)
    {
        if (cJSON_IsObject(node))
            snprintf(path + len, cap - len, ".%.60s", e->string);
        else
            snprintf(path + len, cap - len, "[%zu]", i);
        count += walk(e, path, strlen(path), cap, fn, ctx);
        path[len] = '\0';
        i++;
    }
    return count;
}

size_t tr_content_walk_vars(const cJSON *rule, const char *base, tr_content_var_fn fn, void *ctx)
{
    char path[512];
    snprintf(path, sizeof path, "%s", base ? base : "$");
    return rule ? walk(rule, path, strlen(path), sizeof path, fn, ctx) : 0;
}

/* ---- lookups ---------------------------------------------------------------------------- */

const tr_inst *tr_content_find_inst(const tr_content *pack, const char *id)
{
    for (size_t i = 0; pack && id && i < pack->n_insts; i++)
        if (pack->insts[i]->id && strcmp(pack->insts[i]->id, id) == 0)
            return pack->insts[i];
    return NULL;
}

const tr_level *tr_content_find_level(const tr_content *pack, const char *id)
{
    for (size_t i = 0; pack && id && i < pack->n_levels; i++)
        if (pack->levels[i].id && strcmp(pack->levels[i].id, id) == 0)
            return &pack->levels[i];
    return NULL;
}

const tr_crisis_contact *tr_content_find_crisis(const tr_content *pack, const char *id)
{
    for (size_t i = 0; pack && id && i < pack->n_crisis; i++)
        if (pack->crisis[i].id && strcmp(pack->crisis[i].id, id) == 0)
            return &pack->crisis[i];
    return NULL;
}

const tr_item *tr_content_find_item(const tr_content *pack, const char *item_id,
                                    const tr_inst **inst)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; pack && i < pack->n_insts; i++) {
            const tr_inst *in = pack->insts[i];
            const tr_item *it;
            if ((in->parent != NULL) != pass)
                continue;
            if ((it = tr_inst_find_item(in, item_id)) != NULL) {
                if (inst)
                    *inst = in;
                return it;
            }
        }
    }
    if (inst)
        *inst = NULL;
    return NULL;
}

const char *tr_content_text(const tr_content *pack, const tr_text *t, const char *lang)
{
    return tr_text_get(t, lang, pack ? pack->default_lang : "nb");
}

int tr_content_has_team(const tr_content *pack)
{
    if (!pack || !pack->service.phone || !pack->service.phone[0])
        return 0;
    for (size_t i = 0; i < pack->n_langs; i++) {
        const char *h = tr_text_find(&pack->service.hours, pack->langs[i]);
        if (!h || !h[0])
            return 0;
    }
    return 1;
}

const char *tr_content_msg(const tr_content *pack, const char *lang, const char *key)
{
    return tr_i18n_get(pack ? pack->i18n : NULL, lang, key);
}

void tr_content_free(tr_content *pack)
{
    if (!pack)
        return;
    for (size_t i = 0; i < pack->n_insts; i++)
        tr_inst_free(pack->insts[i]);
    free(pack->insts);
    free(pack->steps);
    free(pack->levels);
    free(pack->crisis);
    tr_i18n_free(pack->i18n);
    cJSON_Delete(pack->pack_json);
    for (size_t i = 0; i < pack->n_docs; i++)
        cJSON_Delete(pack->docs[i]);
    free(pack->dir);
    free(pack);
}

/* ---- loading ---------------------------------------------------------------------------- */

typedef struct loader {
    tr_content *pack;
    tr_diags *diags;
    size_t problems;
    int nomem;
    size_t inst_problems[MAX_INSTS]; /* per pack->insts[i]: its own problems */
} loader;

/* Runs fn with a parse context for file `rel`, then adds its problems to the loader's. */
static void account(loader *ld, tr_inst_pctx *p)
{
    ld->problems += p->problems;
    ld->nomem |= p->nomem;
}

static tr_inst_pctx pctx_for(loader *ld, const char *rel)
{
    return (tr_inst_pctx){
        .file = rel, .diags = ld->diags, .langs = ld->pack->langs, .n_langs = ld->pack->n_langs};
}

/* Reads dir/rel as JSON; on failure reports it and returns NULL. */
static cJSON *read_doc(loader *ld, const char *rel, int required)
{
    char path[4096];
    tr_error err = {0};
    cJSON *doc;
    tr_inst_pctx p = pctx_for(ld, rel);
    if (tp_path_join(path, sizeof path, ld->pack->dir, rel) != 0) {
        tr_inst_problem(&p, "", "path too long");
        account(ld, &p);
        return NULL;
    }
    doc = tr_json_load_file(path, &err);
    if (!doc) {
        if (err.status == TR_E_NOMEM)
            p.nomem = 1;
        else if (err.status == TR_E_NOTFOUND && !required)
            return NULL;
        else if (err.status == TR_E_NOTFOUND)
            tr_inst_problem(&p, "", "the file is missing");
        else
            tr_inst_json_problem(&p, path, &err);
        account(ld, &p);
    }
    return doc;
}

static int keep_doc(loader *ld, cJSON *doc)
{
    if (ld->pack->n_docs == sizeof ld->pack->docs / sizeof ld->pack->docs[0]) {
        cJSON_Delete(doc);
        ld->nomem = 1;
        return -1;
    }
    ld->pack->docs[ld->pack->n_docs++] = doc;
    return 0;
}

static void read_pack_json(loader *ld)
{
    tr_content *pack = ld->pack;
    tr_inst_pctx p = pctx_for(ld, "pack.json");
    const cJSON *doc = pack->pack_json, *j, *e;

    if (!cJSON_IsObject(doc)) {
        tr_inst_problem(&p, "$", "pack.json must be one JSON object");
        goto done;
    }
    j = cJSON_GetObjectItemCaseSensitive(doc, "format");
    if (!cJSON_IsNumber(j))
        tr_inst_problem(&p, "$.format", "missing \"format\": %d", TR_CONTENT_FORMAT);
    else if (j->valuedouble != TR_CONTENT_FORMAT)
        tr_inst_problem(&p, "$.format", "format %g is not the one this build reads (%d)",
                        j->valuedouble, TR_CONTENT_FORMAT);
    pack->format = TR_CONTENT_FORMAT;
    j = cJSON_GetObjectItemCaseSensitive(doc, "id");
    pack->id = cJSON_IsString(j) && j->valuestring[0] ? j->valuestring : "";
    if (!pack->id[0])
        tr_inst_problem(&p, "$.id", "missing \"id\" (a string such as \"no.rph.default\")");
    j = cJSON_GetObjectItemCaseSensitive(doc, "version");
    pack->version = cJSON_IsString(j) && j->valuestring[0] ? j->valuestring : "";
    if (!pack->version[0])
        tr_inst_problem(&p, "$.version", "missing \"version\" (a string such as \"1.0.0\")");

    j = cJSON_GetObjectItemCaseSensitive(doc, "languages");
    if (!cJSON_IsArray(j) || cJSON_GetArraySize(j) < 1) {
        tr_inst_problem(&p, "$.languages",
                        "must be a non-empty array such as [\"nb\", \"nn\", "
                        "\"en\"]");
    } else {
        size_t i = 0;
        cJSON_ArrayForEach(e, j)
        {
            char path[64];
            snprintf(path, sizeof path, "$.languages[%zu]", i++);
            if (pack->n_langs == TR_LANG_MAX) {
                tr_inst_problem(&p, path, "at most %d languages", TR_LANG_MAX);
                break;
            }
            if (!cJSON_IsString(e) || strlen(e->valuestring) < 2 || strlen(e->valuestring) > 3 ||
                strspn(e->valuestring, "abcdefghijklmnopqrstuvwxyz") != strlen(e->valuestring)) {
                tr_inst_problem(&p, path, "a language code is 2-3 lowercase letters (nb, nn, en)");
                continue;
            }
            for (size_t k = 0; k < pack->n_langs; k++)
                if (strcmp(pack->langs[k], e->valuestring) == 0)
                    tr_inst_problem(&p, path, "language '%s' is listed twice", e->valuestring);
            pack->langs[pack->n_langs++] = e->valuestring;
        }
    }
    j = cJSON_GetObjectItemCaseSensitive(doc, "default_language");
    pack->default_lang = pack->n_langs ? pack->langs[0] : "nb";
    if (!cJSON_IsString(j)) {
        tr_inst_problem(&p, "$.default_language", "missing (e.g. \"nb\")");
    } else {
        int found = 0;
        for (size_t k = 0; k < pack->n_langs; k++)
            if (strcmp(pack->langs[k], j->valuestring) == 0) {
                found = 1;
                pack->default_lang = pack->langs[k];
            }
        if (!found)
            tr_inst_problem(&p, "$.default_language", "'%.20s' is not among \"languages\"",
                            j->valuestring);
    }
    p.langs = pack->langs;
    p.n_langs = pack->n_langs;

    /* The service's own settings: all may be left empty. */
    j = cJSON_GetObjectItemCaseSensitive(doc, "service");
    pack->service.phone = "";
    pack->service.min_age = 0;
    if (j && !cJSON_IsObject(j)) {
        tr_inst_problem(&p, "$.service", "must be an object");
    } else if (j) {
        tr_error err = {0};
        const cJSON *k;
        if ((k = cJSON_GetObjectItemCaseSensitive(j, "name")) &&
            tr_text_read(k, &pack->service.name, &err) != TR_OK)
            tr_inst_problem(&p, "$.service.name", "%s", err.msg);
        if ((k = cJSON_GetObjectItemCaseSensitive(j, "hours")) &&
            tr_text_read(k, &pack->service.hours, &err) != TR_OK)
            tr_inst_problem(&p, "$.service.hours", "%s", err.msg);
        if ((k = cJSON_GetObjectItemCaseSensitive(j, "phone")) && !cJSON_IsString(k))
            tr_inst_problem(&p, "$.service.phone", "must be a string (\"\" when not set)");
        else if (k)
            pack->service.phone = k->valuestring;
        k = cJSON_GetObjectItemCaseSensitive(j, "min_age");
        if (!cJSON_IsNumber(k) || k->valuedouble != floor(k->valuedouble) || k->valuedouble < 0 ||
            k->valuedouble > 120)
            tr_inst_problem(&p, "$.service.min_age", "must be a whole number of years (e.g. 16)");
        else
            pack->service.min_age = (int)k->valuedouble;
    } else {
        tr_inst_problem(&p, "$.service", "missing \"service\" (at least \"min_age\")");
    }
done:
    account(ld, &p);
}

/* Loads one instrument file; returns it (also with problems), NULL when unreadable. */
static tr_inst *load_inst(loader *ld, const char *rel, const tr_inst *const *known, size_t n_known)
{
    tr_inst_pctx p = pctx_for(ld, rel);
    cJSON *doc = read_doc(ld, rel, 1);
    tr_inst *inst;
    if (!doc)
        return NULL;
    inst = tr_inst_build(doc, &p, known, n_known);
    account(ld, &p);
    if (inst && ld->pack->n_insts < MAX_INSTS)
        ld->inst_problems[ld->pack->n_insts] = p.problems;
    return inst;
}

static int add_inst(loader *ld, tr_inst *inst)
{
    tr_content *pack = ld->pack;
    if (pack->n_insts == MAX_INSTS) {
        tr_inst_pctx p = pctx_for(ld, inst->file);
        tr_inst_problem(&p, "", "more than %d instruments and questionnaires", MAX_INSTS);
        account(ld, &p);
        tr_inst_free(inst);
        return -1;
    }
    pack->insts[pack->n_insts++] = inst;
    return 0;
}

static int is_short_form(const char *dir, const char *name)
{
    char path[4096];
    tr_error err = {0};
    cJSON *doc;
    int yes;
    if (tp_path_join(path, sizeof path, dir, name) != 0)
        return 0;
    doc = tr_json_load_file(path, &err);
    yes = cJSON_GetObjectItemCaseSensitive(doc, "parent") != NULL;
    cJSON_Delete(doc);
    return yes;
}

static void load_insts(loader *ld)
{
    tr_content *pack = ld->pack;
    char dir[4096], **names = NULL;
    size_t n = 0;
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(pack->pack_json, "questionnaires"), *e;

    pack->insts = calloc(MAX_INSTS, sizeof *pack->insts);
    if (!pack->insts) {
        ld->nomem = 1;
        return;
    }
    if (tp_path_join(dir, sizeof dir, pack->dir, "instruments") != 0 ||
        tp_dir_list(dir, ".json", &names, &n) != 0 || n == 0) {
        tr_inst_pctx p = pctx_for(ld, "instruments");
        tr_inst_problem(&p, "",
                        "no instruments: the pack needs an instruments/ folder of .json "
                        "files");
        account(ld, &p);
    }
    /* Parents first, so short forms can copy their items. */
    for (int pass = 0; pass < 2 && !ld->nomem; pass++) {
        for (size_t i = 0; i < n && !ld->nomem; i++) {
            char rel[512];
            tr_inst *inst;
            if (is_short_form(dir, names[i]) != pass)
                continue;
            snprintf(rel, sizeof rel, "instruments/%s", names[i]);
            inst = load_inst(ld, rel, (const tr_inst *const *)pack->insts, pack->n_insts);
            if (inst)
                add_inst(ld, inst);
        }
    }
    tp_dir_names_free(names, n);
    if (!cJSON_IsArray(q)) {
        tr_inst_pctx p = pctx_for(ld, "pack.json");
        tr_inst_problem(&p, "$.questionnaires",
                        "must list the questionnaire files, e.g. [\"intake.json\", \"risk.json\"]");
        account(ld, &p);
        return;
    }
    cJSON_ArrayForEach(e, q)
    {
        tr_inst *inst;
        if (!cJSON_IsString(e) || strstr(e->valuestring, "..") || e->valuestring[0] == '/') {
            tr_inst_pctx p = pctx_for(ld, "pack.json");
            tr_inst_problem(&p, "$.questionnaires",
                            "each entry must be a file name inside the "
                            "pack");
            account(ld, &p);
            continue;
        }
        inst = load_inst(ld, e->valuestring, (const tr_inst *const *)pack->insts, pack->n_insts);
        if (inst)
            add_inst(ld, inst);
    }
}

static int pack_has_item(const char *name, void *ctx)
{
    return tr_content_find_item(ctx, name, NULL) != NULL;
}

/* Pack-wide checks: ids unique, show_if vars known. */
/* A cut-off that depends on an answer (e.g. AUDIT-C by sex) names an item of the pack, and
 * each answer it lists is one of that item's options. */
static void check_cutoff_item(const tr_content *pack, const tr_inst *x, tr_inst_pctx *p)
{
    const tr_scoring *s = &x->scoring;
    const tr_item *it;
    if (!s->cutoff_item)
        return;
    it = tr_content_find_item(pack, s->cutoff_item, NULL);
    if (!it) {
        tr_inst_problem(p, "$.scoring.caseness.by_item", "'%s' is no item of the pack",
                        s->cutoff_item);
        return;
    }
    for (size_t i = 0; i < s->n_cutoffs; i++) {
        cJSON *v = cJSON_CreateString(s->cutoff_answer[i]);
        if (v && !tr_item_find_option(it, v))
            tr_inst_problem(p, "$.scoring.caseness.at_least", "'%s' is no answer of item '%s'",
                            s->cutoff_answer[i], it->id);
        cJSON_Delete(v);
    }
}

static void check_insts(loader *ld)
{
    tr_content *pack = ld->pack;
    for (size_t a = 0; a < pack->n_insts; a++) {
        const tr_inst *x = pack->insts[a];
        tr_inst_pctx p = pctx_for(ld, x->file);
        for (size_t b = 0; b < a && x->id; b++)
            if (pack->insts[b]->id && strcmp(pack->insts[b]->id, x->id) == 0)
                tr_inst_problem(&p, "$.id", "instrument id '%s' is also used by %s", x->id,
                                pack->insts[b]->file);
        for (size_t i = 0; i < x->n_items; i++) {
            const tr_item *it = &x->items[i];
            for (size_t b = 0; b < a && it->id; b++) {
                const tr_item *o = tr_inst_find_item(pack->insts[b], it->id);
                char path[48];
                if (!o || o->options == it->options) /* a short form's copy of its parent's */
                    continue;
                snprintf(path, sizeof path, "$.items[%zu].id", i);
                tr_inst_problem(&p, path,
                                "item id '%s' is also used in %s; item ids must be "
                                "unique in the pack",
                                it->id, pack->insts[b]->file);
            }
        }
        tr_inst_check_vars(x, &p, pack_has_item, pack);
        check_cutoff_item(pack, x, &p);
        ld->inst_problems[a] += p.problems;
        account(ld, &p);
    }
}

static void run_vectors(loader *ld)
{
    for (size_t i = 0; i < ld->pack->n_insts && !ld->nomem; i++) {
        tr_inst_pctx p = pctx_for(ld, ld->pack->insts[i]->file);
        int parent_broken = 0;
        /* Vectors only mean something for a sound instrument (and a sound parent). */
        for (size_t k = 0; ld->pack->insts[i]->parent && k < ld->pack->n_insts; k++)
            if (ld->pack->insts[k]->id &&
                strcmp(ld->pack->insts[k]->id, ld->pack->insts[i]->parent) == 0)
                parent_broken |= ld->inst_problems[k] != 0;
        if (ld->inst_problems[i] || parent_broken)
            continue;
        tr_inst_check_vectors(ld->pack->insts[i], &p);
        account(ld, &p);
    }
}

static void read_sequence(loader *ld)
{
    tr_content *pack = ld->pack;
    tr_inst_pctx p = pctx_for(ld, "pack.json");
    const cJSON *seq = cJSON_GetObjectItemCaseSensitive(pack->pack_json, "sequence"), *s;
    if (!cJSON_IsArray(seq) || cJSON_GetArraySize(seq) < 1) {
        tr_inst_problem(&p, "$.sequence",
                        "must be a non-empty array of steps {\"id\", "
                        "\"questionnaire\", \"items\"?, \"show_if\"?}");
        goto done;
    }
    pack->steps = calloc((size_t)cJSON_GetArraySize(seq), sizeof *pack->steps);
    if (!pack->steps) {
        p.nomem = 1;
        goto done;
    }
    cJSON_ArrayForEach(s, seq)
    {
        char path[64];
        tr_step *st = &pack->steps[pack->n_steps];
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(s, "id");
        const cJSON *q = cJSON_GetObjectItemCaseSensitive(s, "questionnaire");
        const cJSON *items = cJSON_GetObjectItemCaseSensitive(s, "items"), *e;
        snprintf(path, sizeof path, "$.sequence[%zu]", pack->n_steps);
        pack->n_steps++;
        if (!cJSON_IsString(id) || !id->valuestring[0])
            tr_inst_problem(&p, path, "missing \"id\"");
        else
            st->id = id->valuestring;
        for (size_t k = 0; st->id && k + 1 < pack->n_steps; k++)
            if (pack->steps[k].id && strcmp(pack->steps[k].id, st->id) == 0)
                tr_inst_problem(&p, path, "step id '%s' is used twice", st->id);
        st->inst = cJSON_IsString(q) ? tr_content_find_inst(pack, q->valuestring) : NULL;
        if (!st->inst) {
            tr_inst_problem(&p, path,
                            "\"questionnaire\" must name an instrument or "
                            "questionnaire of the pack, not %s%.60s%s",
                            cJSON_IsString(q) ? "'" : "",
                            cJSON_IsString(q) ? q->valuestring : "(missing)",
                            cJSON_IsString(q) ? "'" : "");
            continue;
        }
        if (!items) {
            for (size_t k = 0; k < st->inst->n_items; k++)
                st->items[st->n_items++] = k;
        } else if (!cJSON_IsArray(items) || cJSON_GetArraySize(items) < 1) {
            tr_inst_problem(&p, path, "\"items\" must be a non-empty array of item ids");
        } else {
            size_t k = 0;
            cJSON_ArrayForEach(e, items)
            {
                const tr_item *it =
                    cJSON_IsString(e) ? tr_inst_find_item(st->inst, e->valuestring) : NULL;
                char ipath[96];
                snprintf(ipath, sizeof ipath, "%s.items[%zu]", path, k++);
                if (!it) {
                    tr_inst_problem(&p, ipath, "'%s' has no such item", st->inst->id);
                    continue;
                }
                if (st->n_items == TR_INST_MAX_ITEMS)
                    break;
                st->items[st->n_items++] = (size_t)(it - st->inst->items);
            }
        }
        st->show_if = cJSON_GetObjectItemCaseSensitive(s, "show_if");
        if (st->show_if && !cJSON_IsObject(st->show_if) && !cJSON_IsBool(st->show_if))
            tr_inst_problem(&p, path, "\"show_if\" must be a JsonLogic expression (an object)");
    }
done:
    account(ld, &p);
}

static void check_sequence_vars(loader *ld)
{
    tr_inst_pctx p = pctx_for(ld, "pack.json");
    for (size_t i = 0; i < ld->pack->n_steps; i++) {
        char base[64];
        snprintf(base, sizeof base, "$.sequence[%zu].show_if", i);
        if (ld->pack->steps[i].show_if)
            tr_inst_check_rule(&p, ld->pack->steps[i].show_if, base, pack_has_item, ld->pack);
    }
    account(ld, &p);
}

int tr_content_step_visible(const tr_step *step, const cJSON *answers, tr_error *err)
{
    cJSON *r;
    int shown;
    assert(step);
    if (!step->show_if)
        return 1;
    r = tr_logic_apply(step->show_if, answers, err);
    if (!r) {
        tr_error_prefix(err, "show_if of step '%s'", step->id ? step->id : "?");
        return -1;
    }
    shown = tr_logic_truthy(r);
    cJSON_Delete(r);
    return shown;
}

static const char *req_string(tr_inst_pctx *p, const cJSON *obj, const char *key, const char *path)
{
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsString(j) || !j->valuestring[0]) {
        tr_inst_problem(p, path, "missing \"%s\" (a non-empty string)", key);
        return "";
    }
    return j->valuestring;
}

static int check_format(tr_inst_pctx *p, const cJSON *doc, const char *list)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(doc, "format");
    if (!cJSON_IsObject(doc)) {
        tr_inst_problem(p, "$", "must be one JSON object");
        return 0;
    }
    if (!cJSON_IsNumber(f) || f->valuedouble != TR_CONTENT_FORMAT)
        tr_inst_problem(p, "$.format", "must be %d", TR_CONTENT_FORMAT);
    if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(doc, list)) ||
        cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, list)) < 1) {
        tr_inst_problem(p, "$", "needs a non-empty \"%s\" array", list);
        return 0;
    }
    return 1;
}

static void read_levels(loader *ld)
{
    tr_content *pack = ld->pack;
    tr_inst_pctx p = pctx_for(ld, "levels.json");
    cJSON *doc = read_doc(ld, "levels.json", 1);
    const cJSON *e;
    if (!doc || keep_doc(ld, doc) != 0 || !check_format(&p, doc, "levels"))
        goto done;
    pack->levels =
        calloc((size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "levels")),
               sizeof *pack->levels);
    if (!pack->levels) {
        p.nomem = 1;
        goto done;
    }
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(doc, "levels"))
    {
        char path[48];
        tr_level *lv = &pack->levels[pack->n_levels];
        const cJSON *risk = cJSON_GetObjectItemCaseSensitive(e, "allowed_with_risk");
        snprintf(path, sizeof path, "$.levels[%zu]", pack->n_levels);
        lv->rank = pack->n_levels++;
        lv->id = req_string(&p, e, "id", path);
        for (size_t k = 0; lv->id[0] && k < lv->rank; k++)
            if (strcmp(pack->levels[k].id, lv->id) == 0)
                tr_inst_problem(&p, path, "level id '%s' is used twice", lv->id);
        tr_inst_need_text(&p, e, "name", path, 1, &lv->name);
        tr_inst_need_text(&p, e, "description", path, 1, &lv->description);
        tr_inst_need_text(&p, e, "next", path, 1, &lv->next);
        if (!cJSON_IsBool(risk))
            tr_inst_problem(&p, path,
                            "\"allowed_with_risk\" must be true or false: may this "
                            "level be offered when risk is not none?");
        lv->allowed_with_risk = cJSON_IsTrue(risk);
    }
done:
    account(ld, &p);
}

static void read_crisis(loader *ld)
{
    tr_content *pack = ld->pack;
    tr_inst_pctx p = pctx_for(ld, "crisis.json");
    cJSON *doc = read_doc(ld, "crisis.json", 1);
    const cJSON *e;
    if (!doc || keep_doc(ld, doc) != 0 || !check_format(&p, doc, "contacts"))
        goto done;
    pack->crisis =
        calloc((size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "contacts")),
               sizeof *pack->crisis);
    if (!pack->crisis) {
        p.nomem = 1;
        goto done;
    }
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(doc, "contacts"))
    {
        char path[48];
        tr_crisis_contact *c = &pack->crisis[pack->n_crisis];
        snprintf(path, sizeof path, "$.contacts[%zu]", pack->n_crisis++);
        c->id = req_string(&p, e, "id", path);
        for (size_t k = 0; c->id[0] && k + 1 < pack->n_crisis; k++)
            if (strcmp(pack->crisis[k].id, c->id) == 0)
                tr_inst_problem(&p, path, "contact id '%s' is used twice", c->id);
        c->number = req_string(&p, e, "number", path);
        c->dial = req_string(&p, e, "dial", path);
        if (c->dial[0] && strspn(c->dial, "0123456789+") != strlen(c->dial))
            tr_inst_problem(&p, path, "\"dial\" must hold only digits (and +), e.g. \"116117\"");
        tr_inst_need_text(&p, e, "name", path, 1, &c->name);
        tr_inst_need_text(&p, e, "purpose", path, 1, &c->purpose);
        tr_inst_need_text(&p, e, "hours", path, 0, &c->hours);
    }
done:
    account(ld, &p);
}

static void read_i18n(loader *ld)
{
    char dir[4096];
    tr_error err = {0};
    tr_status st;
    if (tp_path_join(dir, sizeof dir, ld->pack->dir, "i18n") != 0)
        return;
    st = tr_i18n_load(&(tr_i18n_desc){.dir = dir,
                                      .langs = ld->pack->langs,
                                      .n_langs = ld->pack->n_langs,
                                      .fallback = ld->pack->default_lang},
                      &ld->pack->i18n, ld->diags, &err);
    if (st == TR_E_NOMEM)
        ld->nomem = 1;
    else if (st != TR_OK)
        ld->problems++; /* the catalog problems are already in diags; this counts them as one */
}

tr_status tr_content_load(const tr_content_desc *desc, tr_content **out, tr_diags *diags,
                          tr_error *err)
{
    loader ld = {.diags = diags};
    tr_status st;
    char path[4096];
    size_t before = diags->count;

    assert(desc && desc->dir && out && diags);
    *out = NULL;
    if (tp_path_join(path, sizeof path, desc->dir, "pack.json") != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: path too long", desc->dir);
    ld.pack = calloc(1, sizeof *ld.pack);
    if (!ld.pack || !(ld.pack->dir = strdup(desc->dir))) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory loading %s", desc->dir);
        goto fail;
    }
    ld.pack->pack_json = tr_json_load_file(path, err);
    if (!ld.pack->pack_json) {
        if (err->status == TR_E_NOTFOUND) {
            st = tr_error_set(err, TR_E_NOTFOUND,
                              "%s is not a content pack (it has no pack.json); give the folder "
                              "that holds pack.json",
                              desc->dir);
            goto fail;
        }
        {
            tr_inst_pctx p = {.file = "pack.json", .diags = diags};
            tr_inst_json_problem(&p, path, err);
            account(&ld, &p);
        }
        st = tr_error_set(err, TR_E_INVALID, "%s: pack.json cannot be read", desc->dir);
        goto fail;
    }
    read_pack_json(&ld);
    if (!ld.nomem)
        load_insts(&ld);
    if (!ld.nomem)
        check_insts(&ld);
    if (!ld.nomem)
        run_vectors(&ld);
    if (!ld.nomem)
        read_sequence(&ld);
    if (!ld.nomem)
        check_sequence_vars(&ld);
    if (!ld.nomem)
        read_levels(&ld);
    if (!ld.nomem)
        read_crisis(&ld);
    if (!ld.nomem)
        read_i18n(&ld);
    if (ld.nomem) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory loading %s", desc->dir);
        goto fail;
    }
    if (ld.problems) {
        size_t n = diags->count - before;
        st = tr_error_set(err, TR_E_INVALID, "%zu problem%s in the content pack %s", n,
                          n == 1 ? "" : "s", desc->dir);
        goto fail;
    }
    *out = ld.pack;
    return TR_OK;
fail:
    tr_content_free(ld.pack);
    return st;
}
