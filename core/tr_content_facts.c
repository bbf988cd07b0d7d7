/* tr_content_facts: the answers of an assessment the team is shown on their own (tr_content.h,
 * tr_content_team_facts): an intake item marked "for_team" in its questionnaire, such as the
 * need for an interpreter and the language, which the team needs to plan the first
 * conversation and which no reason or score carries. */
#include <stdio.h>
#include <string.h>

#include "tr_content.h"

/* The label in lang of the option of item whose value is v, or NULL when v is none. */
static const char *label_of(const tr_item *item, const cJSON *v, const char *lang)
{
    for (size_t k = 0; k < item->n_options; k++) {
        const tr_option *o = &item->options[k];
        if ((o->is_number && cJSON_IsNumber(v) && o->number == v->valuedouble) ||
            (!o->is_number && cJSON_IsString(v) && strcmp(o->string, v->valuestring) == 0))
            return tr_text_get(&o->label, lang, "nb");
    }
    return NULL;
}

/* The labels of answer (one value, or a list of them for a multi item) joined with ", " into
 * out; 0 when any value is no option of the item (then nothing is said). */
static int answer_of(const tr_item *item, const cJSON *answer, const char *lang, char *out,
                     size_t size)
{
    const cJSON *v;
    out[0] = '\0';
    if (!cJSON_IsArray(answer)) {
        const char *l = label_of(item, answer, lang);
        return l && snprintf(out, size, "%s", l) >= 0;
    }
    cJSON_ArrayForEach(v, answer)
    {
        const char *l = label_of(item, v, lang);
        size_t used = strlen(out);
        if (!l)
            return 0;
        snprintf(out + used, size - used, "%s%s", used ? ", " : "", l);
    }
    return out[0] != '\0';
}

size_t tr_content_team_facts(const tr_content *pack, const cJSON *answers, const char *lang,
                             tr_team_fact *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < pack->n_insts && n < max; i++) {
        const tr_inst *inst = pack->insts[i];
        const cJSON *mine = cJSON_GetObjectItemCaseSensitive(answers, inst->id);
        if (!cJSON_IsObject(mine))
            continue;
        for (size_t k = 0; k < inst->n_items && n < max; k++) {
            const tr_item *item = &inst->items[k];
            const cJSON *a = cJSON_GetObjectItemCaseSensitive(mine, item->id);
            if (item->for_team.n == 0 || !a)
                continue;
            out[n].item = item;
            out[n].label = tr_text_get(&item->for_team, lang, "nb");
            if (answer_of(item, a, lang, out[n].answer, sizeof out[n].answer))
                n++;
        }
    }
    return n;
}
