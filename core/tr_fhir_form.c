/* tr_fhir_form: a «form», a Questionnaire we wrote for a check that is no instrument (the
 * side-effect check of content/medication.json, the feedback of content/feedback.json): read
 * and checked against its content file when the map loads, so a question or answer added to
 * the content without its item fails `trinnctl check`, and a filled form made into a
 * QuestionnaireResponse (see tr_fhir_priv.h). */
#include <stdio.h>
#include <string.h>

#include "tr_fhir_priv.h"
#include "tr_json.h"

#define LINK_NOTE   "note"
#define LINK_AFTER  "after"
#define LINK_MODULE "module"
#define LINK_CHANGE "change_therapist"

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The answerOption valueCoding of item with this code, or NULL. */
static const cJSON *option(const cJSON *item, const char *code)
{
    const cJSON *opt;
    cJSON_ArrayForEach(opt, cJSON_GetObjectItemCaseSensitive(item, "answerOption"))
    {
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(opt, "valueCoding");
        const char *k = str(c, "code");
        if (k && strcmp(k, code) == 0)
            return c;
    }
    return NULL;
}

/* Checks that item is of type want; err names file and path. */
static tr_status need_type(const char *file, const cJSON *item, const char *link, const char *want,
                           tr_error *err)
{
    const char *type = str(item, "type");
    if (!type || strcmp(type, want) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: $.item[linkId=%.64s].type: expected \"%s\"",
                            file, link, want);
    return TR_OK;
}

/* Checks that a choice item offers exactly the n answer codes, each once, each a Coding. */
static tr_status need_options(const char *file, const cJSON *item, const char *link,
                              const char *const *codes, size_t n, const char *content_file,
                              tr_error *err)
{
    const cJSON *opts = cJSON_GetObjectItemCaseSensitive(item, "answerOption"), *opt;
    if (need_type(file, item, link, "choice", err))
        return err->status;
    for (size_t k = 0; k < n; k++) {
        const cJSON *c = option(item, codes[k]);
        if (!c || !str(c, "system") || !str(c, "display"))
            return tr_error_set(err, TR_E_INVALID,
                                "%s: $.item[linkId=%.64s].answerOption: no answerOption with "
                                "code \"%.64s\" (with system and display) for the answer of %s",
                                file, link, codes[k], content_file);
    }
    cJSON_ArrayForEach(opt, opts)
    {
        const char *code = str(cJSON_GetObjectItemCaseSensitive(opt, "valueCoding"), "code");
        size_t k = 0;
        while (k < n && !(code && strcmp(code, codes[k]) == 0))
            k++;
        if (k == n)
            return tr_error_set(err, TR_E_INVALID,
                                "%s: $.item[linkId=%.64s].answerOption: \"%.64s\" is no answer "
                                "of %s",
                                file, link, code ? code : "(no valueCoding.code)", content_file);
    }
    if ((size_t)cJSON_GetArraySize(opts) != n)
        return tr_error_set(err, TR_E_INVALID,
                            "%s: $.item[linkId=%.64s].answerOption: expected %zu entries, one "
                            "per answer",
                            file, link, n);
    return TR_OK;
}

tr_status tr_fhir_form_load(const tr_content *pack, const char *file, const tr_fhir_form_spec *spec,
                            tr_fhir_form *f, tr_error *err)
{
    static const char *const after_codes[] = {TR_FEEDBACK_AFTER_CONTACT, TR_FEEDBACK_AFTER_MODULE};
    char path[1024];
    const char *url, *version, *type;
    const cJSON *it;
    memset(f, 0, sizeof *f);
    if (strchr(file, '/') || strchr(file, '\\') || file[0] == '.')
        return tr_error_set(err, TR_E_INVALID, "%s/fhir/export.json: %s: expected a file name",
                            pack->dir, file);
    snprintf(path, sizeof path, "%s/fhir/%s", pack->dir, file);
    if (!(f->questionnaire = tr_json_load_file(path, err)))
        return err->status;
    if (!(type = str(f->questionnaire, "resourceType")) || strcmp(type, "Questionnaire") != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: $.resourceType: expected \"Questionnaire\"",
                            path);
    if (!(url = str(f->questionnaire, "url")) || !url[0] ||
        !(version = str(f->questionnaire, "version")) || !version[0])
        return tr_error_set(err, TR_E_INVALID, "%s: $.url, $.version: expected non-empty strings",
                            path);
    snprintf(f->canonical, sizeof f->canonical, "%s|%s", url, version);
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(f->questionnaire, "item"))
    {
        const char *link = str(it, "linkId");
        size_t k = 0;
        if (!link)
            return tr_error_set(err, TR_E_INVALID, "%s: $.item: every item needs a linkId", path);
        while (k < spec->n_items && strcmp(spec->items[k], link) != 0)
            k++;
        if (k < spec->n_items) {
            if (f->item[k])
                return tr_error_set(err, TR_E_INVALID, "%s: $.item[linkId=%.64s]: twice", path,
                                    link);
            f->item[k] = it;
        } else if (strcmp(link, LINK_NOTE) == 0 && !f->note) {
            f->note = it;
        } else if (spec->context && strcmp(link, LINK_AFTER) == 0 && !f->after) {
            f->after = it;
        } else if (spec->context && strcmp(link, LINK_MODULE) == 0 && !f->module) {
            f->module = it;
        } else if (spec->context && strcmp(link, LINK_CHANGE) == 0 && !f->change) {
            f->change = it;
        } else {
            return tr_error_set(err, TR_E_INVALID,
                                "%s: $.item[linkId=%.64s]: %s has no question of that id (or "
                                "the item is there twice)",
                                path, link, spec->content_file);
        }
    }
    f->n_items = spec->n_items;
    for (size_t k = 0; k < spec->n_items; k++) {
        if (!f->item[k])
            return tr_error_set(err, TR_E_INVALID,
                                "%s: $.item[linkId=%.64s]: missing: %s has this question", path,
                                spec->items[k], spec->content_file);
        if (need_options(path, f->item[k], spec->items[k], spec->answers, spec->n_answers,
                         spec->content_file, err))
            return err->status;
    }
    if (!f->note)
        return tr_error_set(err, TR_E_INVALID,
                            "%s: $.item[linkId=" LINK_NOTE "]: missing: the free-text line", path);
    if (need_type(path, f->note, LINK_NOTE, "string", err))
        return err->status;
    if (!spec->context)
        return TR_OK;
    if (!f->after || !f->module || !f->change)
        return tr_error_set(err, TR_E_INVALID,
                            "%s: $.item: the feedback needs the items \"" LINK_AFTER
                            "\", \"" LINK_MODULE "\" and \"" LINK_CHANGE "\"",
                            path);
    if (need_options(path, f->after, LINK_AFTER, after_codes, 2, "the feedback's context", err) ||
        need_type(path, f->module, LINK_MODULE, "string", err) ||
        need_type(path, f->change, LINK_CHANGE, "boolean", err))
        return err->status;
    return TR_OK;
}

void tr_fhir_form_free(tr_fhir_form *f)
{
    cJSON_Delete(f->questionnaire);
    memset(f, 0, sizeof *f);
}

int tr_fhir_form_find(const tr_fhir_form *f, const char *id)
{
    for (size_t k = 0; k < f->n_items; k++)
        if (strcmp(str(f->item[k], "linkId"), id) == 0)
            return (int)k;
    return -1;
}

/* Appends {"linkId", "text", "answer": [answer]} to items; answer is consumed. */
static tr_fhir_build_rc add_item(cJSON *items, const cJSON *qitem, cJSON *answer)
{
    cJSON *it = cJSON_CreateObject(), *list;
    const char *text = str(qitem, "text");
    if (!it || !answer) {
        cJSON_Delete(it);
        cJSON_Delete(answer);
        return TR_FHIR_BUILD_NOMEM;
    }
    cJSON_AddItemToArray(items, it);
    if (!cJSON_AddStringToObject(it, "linkId", str(qitem, "linkId")) ||
        (text && !cJSON_AddStringToObject(it, "text", text)) ||
        !(list = cJSON_AddArrayToObject(it, "answer"))) {
        cJSON_Delete(answer);
        return TR_FHIR_BUILD_NOMEM;
    }
    cJSON_AddItemToArray(list, answer);
    return TR_FHIR_BUILD_OK;
}

/* {"<key>": value} as an answer; value is consumed. */
static cJSON *answer(const char *key, cJSON *value)
{
    cJSON *a = cJSON_CreateObject();
    if (!a || !value) {
        cJSON_Delete(a);
        cJSON_Delete(value);
        return NULL;
    }
    cJSON_AddItemToObject(a, key, value);
    return a;
}

tr_fhir_build_rc tr_fhir_form_response(tr_fhir_export *ex, const tr_fhir_form *f, const char *id,
                                       const char *ts, const tr_fhir_form_fill *fill, cJSON *qr)
{
    const cJSON *coding[TR_FHIR_FORM_MAX_ITEMS] = {0}, *after = NULL, *it;
    int any = (fill->note && fill->note[0]) || fill->change;
    cJSON *r, *items;
    tr_fhir_build_rc rc = TR_FHIR_BUILD_OK;
    for (size_t k = 0; k < f->n_items; k++) {
        if (!fill->codes[k])
            continue;
        if (!(coding[k] = option(f->item[k], fill->codes[k])))
            return TR_FHIR_BUILD_BAD;
        any = 1;
    }
    if (fill->after && (!f->after || !(after = option(f->after, fill->after))))
        return TR_FHIR_BUILD_BAD;
    if (!any)
        return TR_FHIR_BUILD_BAD; /* a form that says nothing */
    if (!(r = tr_fhir_response(ex, id, f->canonical, ts)))
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToArray(qr, r);
    items = cJSON_GetObjectItemCaseSensitive(r, "item");
    /* in the Questionnaire's order, answered items only */
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(f->questionnaire, "item"))
    {
        int k = tr_fhir_form_find(f, str(it, "linkId"));
        if (k >= 0 && coding[k])
            rc = add_item(items, it, answer("valueCoding", cJSON_Duplicate(coding[k], 1)));
        else if (it == f->note && fill->note && fill->note[0])
            rc = add_item(items, it, answer("valueString", cJSON_CreateString(fill->note)));
        else if (it == f->after && after)
            rc = add_item(items, it, answer("valueCoding", cJSON_Duplicate(after, 1)));
        else if (it == f->module && fill->module && fill->module[0])
            rc = add_item(items, it, answer("valueString", cJSON_CreateString(fill->module)));
        else if (it == f->change && fill->change)
            rc = add_item(items, it, answer("valueBoolean", cJSON_CreateTrue()));
        if (rc)
            return rc;
    }
    return TR_FHIR_BUILD_OK;
}
