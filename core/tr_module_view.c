/* tr_module_view: the module engine with typed values (tr_module_view.h). */
#include "tr_module_view.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "tr_values_priv.h"

bool tr_module_has_focus(const tr_module *m, const char *tag)
{
    const cJSON *it;
    if (!m || !tag)
        return false;
    cJSON_ArrayForEach(it, m->focus) if (cJSON_IsString(it) &&
                                         strcmp(it->valuestring, tag) == 0) return true;
    return false;
}

const char *tr_module_paragraph(const cJSON *texts, size_t i, const char *lang)
{
    if (!cJSON_IsArray(texts))
        return NULL;
    const cJSON *p = texts->child;
    while (p && i-- > 0)
        p = p->next;
    return p ? tr_module_text(p, lang) : NULL;
}

bool tr_module_example_of(const tr_module_step *step, const char *lang, const char **title,
                          const char **person, const cJSON **texts)
{
    if (!step || !step->example)
        return false;
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(step->example, "title");
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(step->example, "person");
    *title = t ? tr_module_text(t, lang) : NULL;
    *person = cJSON_IsString(p) ? p->valuestring : "";
    *texts = cJSON_GetObjectItemCaseSensitive(step->example, "text");
    return true;
}

const tr_values *tr_module_entry_values(const tr_module_entry *e)
{
    return e ? tr_values_of_json(e->values) : NULL;
}

tr_values *tr_module_compute_values(const tr_module_step *step, const tr_values *values,
                                    tr_error *err)
{
    return tr_values_adopt(tr_module_compute(step, tr_values_cjson(values), err));
}

const tr_value *tr_module_ref(const tr_module *m, const tr_module_step *step, const char *ref,
                              const tr_values *values, const cJSON *records,
                              const tr_module_field **field)
{
    return tr_value_of_json(
        tr_module_ref_value(m, step, ref, tr_values_cjson(values), records, field));
}

tr_value *tr_module_options(const tr_module *m, const tr_module_field *field, const cJSON *records,
                            tr_error *err)
{
    return (tr_value *)tr_module_options_of(m, field, records, err);
}

void tr_module_options_free(tr_value *options)
{
    cJSON_Delete((cJSON *)options);
}

void tr_module_format_value(const tr_module_field *field, const tr_value *value, const char *lang,
                            char *buf, size_t size)
{
    tr_module_format_number(field, tr_value_cjson(value), lang, buf, size);
}

cJSON *tr_module_entry_record_of(const tr_module *m, const char *step_id, const char *entry_id,
                                 const tr_values *values, const char *ts, tr_error *err)
{
    return tr_module_entry_record(m, step_id, entry_id, tr_values_cjson(values), ts, err);
}
