/* tr_triage_lint: checks a rule file against the promise that skipping a question never makes
 * a result less safe, on a fixed sample of complete answer sets (see tr_triage_lint_skips). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tr_triage_priv.h"

typedef struct outcome {
    tr_risk risk;
    size_t rank;
    const char *level;
} outcome;

static int run(const tr_triage *t, const cJSON *answers, outcome *o)
{
    tr_triage_result r;
    if (tr_triage_run(t, answers, &r, NULL) != TR_OK)
        return 0;
    o->risk = r.risk;
    o->rank = r.level->rank;
    o->level = r.level->id;
    tr_triage_result_free(&r);
    return 1;
}

/* a is below b in risk or in level: "less safe". */
static int less_safe(outcome a, outcome b)
{
    return a.risk < b.risk || a.rank < b.rank;
}

/* a is milder than b: lower risk, or the same risk and a less intensive level. */
static int milder(outcome a, outcome b)
{
    return a.risk < b.risk || (a.risk == b.risk && a.rank < b.rank);
}

static uint32_t rnd(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static cJSON *option_value(const tr_option *o)
{
    return o->is_number ? cJSON_CreateNumber(o->number) : cJSON_CreateString(o->string);
}

static int set(cJSON *answers, const char *id, cJSON *v)
{
    cJSON_DeleteItemFromObjectCaseSensitive(answers, id);
    if (!v)
        return 0;
    if (!cJSON_AddItemToObject(answers, id, v)) {
        cJSON_Delete(v);
        return 0;
    }
    return 1;
}

/* A complete answer set, walking the sequence as the interview does; `level` 0..3 pulls the
 * scored answers from none (0: all first options) to severe. NULL when out of memory or a
 * show_if fails. */
static cJSON *profile(const tr_triage *t, uint32_t *seed, size_t level)
{
    const tr_content *pack = t->pack;
    cJSON *answers = cJSON_CreateObject();
    for (size_t s = 0; answers && s < pack->n_steps; s++) {
        const tr_step *step = &pack->steps[s];
        for (size_t k = 0; answers && k < step->n_items; k++) {
            const tr_item *it = &step->inst->items[step->items[k]];
            size_t pick;
            cJSON *v;
            int asked = tr_triage_item_asked(t, s, it, answers, NULL);
            if (asked < 0) {
                cJSON_Delete(answers);
                return NULL;
            }
            if (!asked || !it->n_options)
                continue;
            pick = rnd(seed) % it->n_options;
            if (it->scored) /* level 0: every scored answer at its first (mildest) option */
                pick = level == 0 ? 0 : (pick + level) / 2 < it->n_options ? (pick + level) / 2 : 0;
            if (it->kind == TR_ITEM_MULTI) {
                v = cJSON_CreateArray();
                for (size_t o = 0; v && o < it->n_options; o++)
                    if (rnd(seed) % 3 == 0)
                        cJSON_AddItemToArray(v, option_value(&it->options[o]));
            } else {
                v = option_value(&it->options[pick]);
            }
            if (!set(answers, it->id, v)) {
                cJSON_Delete(answers);
                return NULL;
            }
        }
    }
    return answers;
}

/* The mildest outcome of answering `it`: its lowest-scoring option for a scored item, else
 * the mildest over all its options (and no option, for a multi-choice item). */
static int mildest_outcome(const tr_triage *t, const cJSON *answers, const tr_item *it,
                           outcome *best)
{
    int found = 0;
    for (size_t o = 0; o <= it->n_options; o++) {
        const tr_option *op = o < it->n_options ? &it->options[o] : NULL;
        cJSON *alt, *v;
        outcome cur = {0};
        if (!op && it->kind != TR_ITEM_MULTI)
            break;
        if (it->scored && op && op->is_number && op->number != it->min_value && !it->reversed)
            continue;
        if (it->scored && op && op->is_number && op->number != it->max_value && it->reversed)
            continue;
        alt = cJSON_Duplicate(answers, 1);
        if (it->kind == TR_ITEM_MULTI) {
            v = cJSON_CreateArray();
            if (v && op)
                cJSON_AddItemToArray(v, option_value(op));
        } else {
            v = option_value(op);
        }
        if (!alt || !set(alt, it->id, v) || !run(t, alt, &cur)) {
            cJSON_Delete(alt);
            return -1;
        }
        cJSON_Delete(alt);
        if (!found || milder(cur, *best))
            *best = cur;
        found = 1;
    }
    return found;
}

size_t tr_triage_lint_skips(const tr_triage *t, size_t n_profiles, tr_diags *diags)
{
    uint32_t seed = 20261127;
    size_t problems = 0;
    const char *reported[TR_INST_MAX_ITEMS];
    size_t n_reported = 0;

    for (size_t p = 0; p < n_profiles; p++) {
        cJSON *answers = profile(t, &seed, p % 4);
        if (!answers)
            return problems;
        for (const cJSON *a = answers->child; a; a = a->next) {
            const tr_item *it = tr_content_find_item(t->pack, a->string, NULL);
            cJSON *skipped;
            outcome skip = {0}, mild = {0};
            size_t r = 0;
            while (r < n_reported && strcmp(reported[r], a->string) != 0)
                r++;
            if (!it || r < n_reported)
                continue;
            skipped = cJSON_Duplicate(answers, 1);
            if (!skipped)
                break;
            cJSON_DeleteItemFromObjectCaseSensitive(skipped, a->string);
            if (run(t, skipped, &skip) && mildest_outcome(t, answers, it, &mild) == 1 &&
                less_safe(skip, mild)) {
                problems++;
                if (n_reported < TR_INST_MAX_ITEMS)
                    reported[n_reported++] = it->id;
                tr_diags_add(diags, "triage/rules.json", "", 0, 0,
                             "skipping '%s' gives %s risk and level %s, but answering it "
                             "mildly gives %s risk and level %s: skipped questions must never "
                             "make a result less safe (check the rules that read it, or the "
                             "scores it counts toward)",
                             it->id, tr_risk_name(skip.risk), skip.level, tr_risk_name(mild.risk),
                             mild.level);
            }
            cJSON_Delete(skipped);
        }
        cJSON_Delete(answers);
    }
    return problems;
}
