/* tr_fhir_map: reads content/fhir/export.json and its Questionnaires and checks them against
 * the pack's instruments (see tr_fhir.h), so a renamed item or option fails here, at load,
 * instead of producing a response no receiver can read. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_path.h"
#include "tr_fhir_priv.h"
#include "tr_json.h"

#define ORDINAL_URL "http://hl7.org/fhir/StructureDefinition/ordinalValue"

typedef struct mctx {
    const char *file; /* for messages */
    tr_error *err;
} mctx;

static tr_status bad(mctx *mc, const char *path, const char *what)
{
    return tr_error_set(mc->err, TR_E_INVALID, "%s: %s: %s", mc->file, path, what);
}

/* A non-empty string member, or NULL (err set) when missing or not a string. */
static const char *need_str(mctx *mc, const cJSON *obj, const char *path, const char *key)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (cJSON_IsString(f) && f->valuestring[0])
        return f->valuestring;
    /* the path is joined by the message itself, not in a fixed buffer here, so a long one is
     * never cut (GCC's Release build refused the snprintf into 256 bytes) */
    tr_error_set(mc->err, TR_E_INVALID, "%s: %s.%s: expected a non-empty string", mc->file, path,
                 key);
    return NULL;
}

/* A Coding object with system and code. */
static const cJSON *need_coding(mctx *mc, const cJSON *obj, const char *path, const char *key)
{
    const cJSON *c = key ? cJSON_GetObjectItemCaseSensitive(obj, key) : obj;
    char p[256];
    snprintf(p, sizeof p, "%s%s%s", path, key ? "." : "", key ? key : "");
    if (!cJSON_IsObject(c)) {
        bad(mc, p, "expected a Coding object {\"system\", \"code\", \"display\"}");
        return NULL;
    }
    if (!need_str(mc, c, p, "system") || !need_str(mc, c, p, "code"))
        return NULL;
    return c;
}

/* The Questionnaire item (top level) with this linkId, or NULL. */
static const cJSON *find_qitem(const cJSON *q, const char *link)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(q, "item"))
    {
        const cJSON *l = cJSON_GetObjectItemCaseSensitive(it, "linkId");
        if (cJSON_IsString(l) && strcmp(l->valuestring, link) == 0)
            return it;
    }
    return NULL;
}

/* The ordinalValue of an answerOption, or NAN when it has none. */
static double ordinal_of(const cJSON *opt)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(opt, "extension"))
    {
        const cJSON *u = cJSON_GetObjectItemCaseSensitive(e, "url");
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "valueDecimal");
        if (cJSON_IsString(u) && strcmp(u->valuestring, ORDINAL_URL) == 0 && cJSON_IsNumber(v))
            return v->valuedouble;
    }
    return NAN;
}

const cJSON *tr_fhir_answer_coding(const tr_fhir_inst *fi, size_t i, const cJSON *value)
{
    const cJSON *opt;
    if (i >= fi->inst->n_items || !fi->qitem[i])
        return NULL;
    cJSON_ArrayForEach(opt, cJSON_GetObjectItemCaseSensitive(fi->qitem[i], "answerOption"))
    {
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(opt, "valueCoding");
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(c, "code");
        if (cJSON_IsNumber(value) && ordinal_of(opt) == value->valuedouble)
            return c;
        if (cJSON_IsString(value) && cJSON_IsString(code) &&
            strcmp(code->valuestring, value->valuestring) == 0 && isnan(ordinal_of(opt)))
            return c;
    }
    return NULL;
}

const tr_fhir_inst *tr_fhir_map_find(const tr_fhir_map *m, const char *inst_id)
{
    for (size_t i = 0; i < m->n_insts; i++)
        if (strcmp(m->insts[i].inst->id, inst_id) == 0)
            return &m->insts[i];
    return NULL;
}

/* Checks that every option of instrument item i maps to exactly one answerOption, and that
 * the Questionnaire offers no option the instrument lacks. */
static tr_status check_options(mctx *mc, const tr_fhir_inst *fi, size_t i, const char *path)
{
    const tr_item *item = &fi->inst->items[i];
    const cJSON *opts = cJSON_GetObjectItemCaseSensitive(fi->qitem[i], "answerOption");
    char msg[256];
    if (!cJSON_IsArray(opts) || (size_t)cJSON_GetArraySize(opts) != item->n_options) {
        snprintf(msg, sizeof msg, "item %s needs %zu answerOption entries, one per option",
                 item->id, item->n_options);
        return bad(mc, path, msg);
    }
    for (size_t k = 0; k < item->n_options; k++) {
        const tr_option *o = &item->options[k];
        cJSON *v = o->is_number ? cJSON_CreateNumber(o->number) : cJSON_CreateString(o->string);
        const cJSON *c;
        if (!v)
            return tr_error_set(mc->err, TR_E_NOMEM, "out of memory");
        c = tr_fhir_answer_coding(fi, i, v);
        cJSON_Delete(v);
        if (!c || !need_coding(mc, c, path, NULL)) {
            if (o->is_number)
                snprintf(msg, sizeof msg, "item %s: no answerOption with ordinalValue %g", item->id,
                         o->number);
            else
                snprintf(msg, sizeof msg, "item %s: no answerOption with code \"%.64s\"", item->id,
                         o->string);
            return bad(mc, path, msg);
        }
    }
    return TR_OK;
}

/* Loads one instrument's entry of export.json and its Questionnaire into fi. */
static tr_status load_inst(mctx *mc, const tr_content *pack, const cJSON *entry, tr_fhir_inst *fi)
{
    char path[192], qfile[1024], qpath[320];
    const char *qname, *total_link, *url, *version, *type;
    const cJSON *links, *it;
    size_t n_items = 0;
    mctx qc = {.err = mc->err};

    snprintf(path, sizeof path, "$.instruments.%.64s", entry->string);
    if (!(fi->inst = tr_content_find_inst(pack, entry->string)))
        return bad(mc, path, "no instrument of that id in the pack");
    if (fi->inst->kind != TR_INST_SCORED)
        return bad(mc, path, "the instrument is not scored, so it has no total to export");
    if (!(qname = need_str(mc, entry, path, "questionnaire")) ||
        !(total_link = need_str(mc, entry, path, "total_link_id")) ||
        !(fi->band_system = need_str(mc, entry, path, "band_system")))
        return mc->err->status;
    if (strchr(qname, '/') || qname[0] == '.')
        return bad(mc, path, "questionnaire: expected a file name in content/fhir");
    links = cJSON_GetObjectItemCaseSensitive(entry, "link_ids");
    if (links && !cJSON_IsObject(links))
        return bad(mc, path, "link_ids: expected an object of item id -> linkId");
    snprintf(qfile, sizeof qfile, "%s/fhir/%s", pack->dir, qname);
    if (!(fi->questionnaire = tr_json_load_file(qfile, mc->err)))
        return mc->err->status;
    qc.file = qfile;
    if (!(url = need_str(&qc, fi->questionnaire, "$", "url")) ||
        !(version = need_str(&qc, fi->questionnaire, "$", "version")) ||
        !(type = need_str(&qc, fi->questionnaire, "$", "resourceType")))
        return mc->err->status;
    if (strcmp(type, "Questionnaire") != 0)
        return bad(&qc, "$.resourceType", "expected \"Questionnaire\"");
    snprintf(fi->canonical, sizeof fi->canonical, "%s|%s", url, version);
    for (size_t i = 0; i < fi->inst->n_items; i++) {
        const tr_item *item = &fi->inst->items[i];
        const cJSON *l = cJSON_GetObjectItemCaseSensitive(links, item->id);
        const char *link = cJSON_IsString(l) ? l->valuestring : item->id;
        snprintf(qpath, sizeof qpath, "$.item[linkId=%.64s]", link);
        if (l && !cJSON_IsString(l))
            return bad(mc, path, "link_ids: every value must be a linkId string");
        if (!(fi->qitem[i] = find_qitem(fi->questionnaire, link)))
            return bad(&qc, qpath, "missing: the instrument has this item");
        if (!(type = need_str(&qc, fi->qitem[i], qpath, "type")))
            return mc->err->status;
        if (strcmp(type, "choice") != 0)
            return bad(&qc, qpath, "expected type \"choice\"");
        if (check_options(&qc, fi, i, qpath))
            return mc->err->status;
    }
    cJSON_ArrayForEach(it, links)
    {
        if (!tr_inst_find_item(fi->inst, it->string)) {
            snprintf(qpath, sizeof qpath, "%s.link_ids.%.64s", path, it->string);
            return bad(mc, qpath, "the instrument has no item of that id");
        }
    }
    snprintf(qpath, sizeof qpath, "$.item[linkId=%.64s]", total_link);
    if (!(fi->total_item = find_qitem(fi->questionnaire, total_link)))
        return bad(&qc, qpath, "missing: the total item named by total_link_id");
    if (!(type = need_str(&qc, fi->total_item, qpath, "type")))
        return mc->err->status;
    if (strcmp(type, "integer") != 0)
        return bad(&qc, qpath, "expected type \"integer\" for the total");
    fi->total_coding =
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(fi->total_item, "code"), 0);
    if (!need_coding(&qc, fi->total_coding, qpath, NULL))
        return mc->err->status;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(fi->questionnaire, "item")) n_items++;
    if (n_items != fi->inst->n_items + 1)
        return bad(&qc, "$.item",
                   "expected one item per instrument item plus the total, and nothing else");
    return TR_OK;
}

/* What loading a content file the export needs (medication.json, feedback.json) came to, for
 * the entry of export.json at path that needs it. */
static tr_status content_status(mctx *mc, tr_status st, const tr_error *e, const char *file,
                                const char *path)
{
    if (st == TR_E_NOMEM)
        return tr_error_set(mc->err, TR_E_NOMEM, "out of memory");
    if (st == TR_E_NOTFOUND)
        return tr_error_set(mc->err, TR_E_INVALID, "%s: %s: the pack has no %s", mc->file, path,
                            file);
    if (st != TR_OK)
        return tr_error_set(mc->err, TR_E_INVALID, "%s: %s: %s does not load (%s)", mc->file, path,
                            file, e->msg);
    return TR_OK;
}

/* The medication log, the wish and the two forms (the side-effect check, the feedback), each
 * optional in export.json: what it does not name is not exported. */
static tr_status load_care(mctx *mc, const tr_content *pack, tr_fhir_map *m)
{
    static const char *const labels[] = {"since", "prescriber", "change", "change_day",
                                         "dose",  "stopped",    "note"};
    const cJSON *med = cJSON_GetObjectItemCaseSensitive(m->export_json, "medication");
    const cJSON *wish = cJSON_GetObjectItemCaseSensitive(m->export_json, "medication_wish");
    const cJSON *forms = cJSON_GetObjectItemCaseSensitive(m->export_json, "forms");
    const cJSON *se = cJSON_GetObjectItemCaseSensitive(forms, "side_effects");
    const cJSON *fb = cJSON_GetObjectItemCaseSensitive(forms, "feedback");
    tr_fhir_form_spec spec;
    char codes[TR_FEEDBACK_MAX_SCALE][12];
    if (forms && !cJSON_IsObject(forms))
        return bad(mc, "$.forms", "expected an object of form -> Questionnaire file");
    tr_diags d = {0};
    tr_error e = {0};
    tr_status st;
    if (med || wish || se) {
        st = tr_med_load(pack, &m->med, &d, &e);
        tr_diags_free(&d);
        if (content_status(mc, st, &e, TR_MED_FILE,
                           med    ? "$.medication"
                           : wish ? "$.medication_wish"
                                  : "$.forms.side_effects"))
            return mc->err->status;
    }
    if (med) {
        if (!cJSON_IsObject(med))
            return bad(mc, "$.medication", "expected an object of the note labels");
        for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
            if (!need_str(mc, med, "$.medication", labels[i]))
                return mc->err->status;
        m->med_labels = med;
    }
    if (wish && (!(m->wish_code = need_coding(mc, wish, "$.medication_wish", "code")) ||
                 !(m->wish_system = need_str(mc, wish, "$.medication_wish", "wish_system"))))
        return mc->err->status;
    if (se) {
        memset(&spec, 0, sizeof spec);
        spec.content_file = TR_MED_FILE;
        if (!cJSON_IsString(se))
            return bad(mc, "$.forms.side_effects", "expected a Questionnaire file name");
        for (size_t i = 0; i < m->med->n_effects; i++)
            spec.items[spec.n_items++] = m->med->effects[i].id;
        for (size_t i = 0; i < m->med->n_ratings; i++)
            spec.answers[spec.n_answers++] = m->med->ratings[i].id;
        if (tr_fhir_form_load(pack, se->valuestring, &spec, &m->side_effects, mc->err))
            return mc->err->status;
    }
    if (fb) {
        memset(&spec, 0, sizeof spec);
        spec.content_file = TR_FEEDBACK_FILE;
        spec.context = 1;
        if (!cJSON_IsString(fb))
            return bad(mc, "$.forms.feedback", "expected a Questionnaire file name");
        st = tr_feedback_load(pack, &m->fb, &d, &e);
        tr_diags_free(&d);
        if (content_status(mc, st, &e, TR_FEEDBACK_FILE, "$.forms.feedback"))
            return mc->err->status;
        for (size_t i = 0; i < m->fb->n_items; i++)
            spec.items[spec.n_items++] = m->fb->items[i].id;
        for (size_t i = 0; i < m->fb->n_scale; i++) {
            snprintf(codes[i], sizeof codes[i], "%d", m->fb->scale[i].value);
            spec.answers[spec.n_answers++] = codes[i];
        }
        if (tr_fhir_form_load(pack, fb->valuestring, &spec, &m->feedback, mc->err))
            return mc->err->status;
    }
    return TR_OK;
}

tr_status tr_fhir_map_load(const tr_content *pack, tr_fhir_map **out, tr_error *err)
{
    char file[1024];
    tr_fhir_map *m = calloc(1, sizeof *m);
    const cJSON *insts, *entry, *care, *fmt;
    mctx mc = {.file = file, .err = err};

    *out = NULL;
    if (!m)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    snprintf(file, sizeof file, "%s/fhir/export.json", pack->dir);
    if (!(m->export_json = tr_json_load_file(file, err)))
        goto fail;
    fmt = cJSON_GetObjectItemCaseSensitive(m->export_json, "format");
    if (!cJSON_IsNumber(fmt) || fmt->valuedouble != 1) {
        bad(&mc, "$.format", "this build reads format 1");
        goto fail;
    }
    insts = cJSON_GetObjectItemCaseSensitive(m->export_json, "instruments");
    if (!cJSON_IsObject(insts)) {
        bad(&mc, "$.instruments", "expected an object of instrument id -> mapping");
        goto fail;
    }
    cJSON_ArrayForEach(entry, insts)
    {
        if (m->n_insts == TR_FHIR_MAX_INSTS) {
            bad(&mc, "$.instruments", "too many instruments (at most 16)");
            goto fail;
        }
        if (load_inst(&mc, pack, entry, &m->insts[m->n_insts++]))
            goto fail;
    }
    care = cJSON_GetObjectItemCaseSensitive(m->export_json, "care_level");
    if (!(m->patient_system = need_str(&mc, m->export_json, "$", "patient_system")) ||
        !(m->care_code = need_coding(&mc, care, "$.care_level", "code")) ||
        !(m->recommended_code = need_coding(&mc, care, "$.care_level", "recommended")) ||
        !(m->level_system = need_str(&mc, care, "$.care_level", "level_system")))
        goto fail;
    /* optional: the client's own goals and their ratings (tr_fhir_goal.c) */
    const cJSON *goal = cJSON_GetObjectItemCaseSensitive(m->export_json, "goal_rating");
    if (goal && !(m->goal_code = need_coding(&mc, goal, "$.goal_rating", "code")))
        goto fail;
    if (load_care(&mc, pack, m))
        goto fail;
    *out = m;
    return TR_OK;
fail:
    tr_fhir_map_free(m);
    return err->status;
}

void tr_fhir_map_free(tr_fhir_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_insts; i++)
        cJSON_Delete(m->insts[i].questionnaire);
    tr_fhir_form_free(&m->side_effects);
    tr_fhir_form_free(&m->feedback);
    tr_med_free(m->med);
    tr_feedback_free(m->fb);
    cJSON_Delete(m->export_json);
    free(m);
}

static const char *str_of(const cJSON *obj, const char *key)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(f) ? f->valuestring : NULL;
}

tr_status tr_fhir_total_code(const tr_fhir_map *m, const char *inst_id, tr_fhir_code *out,
                             tr_error *err)
{
    const tr_fhir_inst *fi = tr_fhir_map_find(m, inst_id);
    if (!fi)
        return tr_error_set(err, TR_E_NOTFOUND,
                            "content/fhir/export.json maps no instrument \"%s\"", inst_id);
    out->system = str_of(fi->total_coding, "system");
    out->code = str_of(fi->total_coding, "code");
    return TR_OK;
}

void tr_fhir_care_codes(const tr_fhir_map *m, tr_fhir_code *care, tr_fhir_code *recommended,
                        const char **level_system)
{
    care->system = str_of(m->care_code, "system");
    care->code = str_of(m->care_code, "code");
    recommended->system = str_of(m->recommended_code, "system");
    recommended->code = str_of(m->recommended_code, "code");
    *level_system = m->level_system;
}
