/* tr_triage: runs the rules on one set of answers and enforces the safety invariants (see
 * tr_triage.h). */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tr_logic.h"
#include "tr_triage_priv.h"

/* ---- the data object the rules read ------------------------------------------------ */

static const cJSON *answer_of(const cJSON *answers, const char *item_id)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(answers, item_id);
    return a && !cJSON_IsNull(a) ? a : NULL;
}

/* The lowest total the instrument can have given the answers: the answered counted items'
 * scored values plus each unanswered one at its mildest (lowest scored) value. */
static double lower_bound(const tr_inst *inst, const cJSON *answers)
{
    const tr_scoring *s = &inst->scoring;
    double sum = 0;
    for (size_t i = 0; i < s->n_counted; i++) {
        const tr_item *it = &inst->items[s->counted[i]];
        double v = it->min_value;
        tr_inst_item_value(inst, s->counted[i], answers, &v);
        sum += v;
    }
    if (s->method == TR_SCORE_MEAN && s->n_counted)
        sum /= (double)s->n_counted;
    return sum;
}

static const tr_band *band_of(const tr_inst *inst, double total)
{
    for (size_t i = 0; i < inst->scoring.n_bands; i++)
        if (total >= inst->scoring.bands[i].min && total <= inst->scoring.bands[i].max)
            return &inst->scoring.bands[i];
    return NULL;
}

static cJSON *score_data(const tr_inst *inst, const tr_score *sc, const cJSON *answers)
{
    cJSON *o = cJSON_CreateObject(), *flags;
    double total = sc->scorable ? sc->total : lower_bound(inst, answers);
    const tr_band *band = sc->scorable ? sc->band : band_of(inst, total);
    int ok;
    if (!o)
        return NULL;
    ok = cJSON_AddNumberToObject(o, "total", total) &&
         (band ? cJSON_AddStringToObject(o, "band", band->id) != NULL
               : cJSON_AddNullToObject(o, "band") != NULL) &&
         cJSON_AddBoolToObject(o, "scorable", sc->scorable) &&
         cJSON_AddNumberToObject(o, "answered", (double)sc->n_answered) &&
         cJSON_AddNumberToObject(o, "missing", (double)sc->n_missing) &&
         (flags = cJSON_AddArrayToObject(o, "flags")) != NULL;
    if (ok) {
        if (inst->scoring.caseness == TR_CASENESS_TOTAL)
            ok = cJSON_AddBoolToObject(o, "caseness", total >= tr_inst_cutoff(inst, answers)) !=
                 NULL;
        else if (sc->scorable && sc->caseness >= 0)
            ok = cJSON_AddBoolToObject(o, "caseness", sc->caseness) != NULL;
        else
            ok = cJSON_AddNullToObject(o, "caseness") != NULL;
    }
    for (size_t i = 0; ok && i < sc->n_flags; i++)
        ok = cJSON_AddItemToArray(flags, cJSON_CreateString(sc->flags[i]));
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static tr_status build_data(const tr_triage *t, const cJSON *answers, tr_triage_result *r,
                            tr_error *err)
{
    const tr_content *pack = t->pack;
    cJSON *scores, *flags, *service;
    r->data = cJSON_CreateObject();
    if (!r->data || !cJSON_AddItemToObject(r->data, "answers", cJSON_Duplicate(answers, 1)) ||
        !(scores = cJSON_AddObjectToObject(r->data, "scores")) ||
        !(flags = cJSON_AddArrayToObject(r->data, "flags")) ||
        !(service = cJSON_AddObjectToObject(r->data, "service")) ||
        !cJSON_AddNumberToObject(service, "min_age", pack->service.min_age) ||
        !cJSON_AddStringToObject(r->data, "risk", "none") ||
        !cJSON_AddNullToObject(r->data, "level"))
        return tr_error_set(err, TR_E_NOMEM, "out of memory building the triage data");
    for (size_t i = 0; i < pack->n_insts; i++) {
        const tr_inst *inst = pack->insts[i];
        tr_score *sc;
        cJSON *sd;
        tr_status st;
        if (inst->kind != TR_INST_SCORED || r->n_scores >= TR_TRIAGE_MAX_SCORES)
            continue;
        sc = &r->scores[r->n_scores];
        st = tr_inst_score(inst, answers, sc, err);
        if (st != TR_OK)
            return st;
        r->score_inst[r->n_scores++] = inst;
        sd = score_data(inst, sc, answers);
        if (!sd || !cJSON_AddItemToObject(scores, inst->id, sd)) {
            cJSON_Delete(sd);
            return tr_error_set(err, TR_E_NOMEM, "out of memory building the triage data");
        }
        for (size_t f = 0; f < sc->n_flags; f++)
            if (!cJSON_AddItemToArray(flags, cJSON_CreateString(sc->flags[f])))
                return tr_error_set(err, TR_E_NOMEM, "out of memory building the triage data");
    }
    return TR_OK;
}

static tr_status set_data_string(cJSON *data, const char *key, const char *value, tr_error *err)
{
    cJSON *v = cJSON_CreateString(value);
    if (!v || !cJSON_ReplaceItemInObjectCaseSensitive(data, key, v)) {
        cJSON_Delete(v);
        return tr_error_set(err, TR_E_NOMEM, "out of memory building the triage data");
    }
    return TR_OK;
}

/* ---- the result ------------------------------------------------------------------- */

static void add_reason(tr_triage_result *r, const tr_triage *t, const char *rule, const char *id,
                       int first)
{
    const tr_text *text;
    if (!id || !(text = tr_triage_reason_find(t, id)))
        return;
    for (size_t i = 0; i < r->n_reasons; i++)
        if (strcmp(r->reasons[i].id, id) == 0)
            return;
    if (r->n_reasons >= TR_TRIAGE_MAX_REASONS)
        return;
    if (first) {
        memmove(&r->reasons[1], &r->reasons[0], r->n_reasons * sizeof r->reasons[0]);
        r->reasons[0] = (tr_triage_reason){rule, id, text};
    } else {
        r->reasons[r->n_reasons] = (tr_triage_reason){rule, id, text};
    }
    r->n_reasons++;
}

static void add_string(const char **list, size_t *n, size_t cap, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(list[i], s) == 0)
            return;
    if (*n < cap)
        list[(*n)++] = s;
}

static void add_alt(tr_triage_result *r, const tr_level *l)
{
    for (size_t i = 0; i < r->n_alternatives; i++)
        if (r->alternatives[i] == l)
            return;
    if (r->n_alternatives < TR_TRIAGE_MAX_LEVELS)
        r->alternatives[r->n_alternatives++] = l;
}

static int by_rank(const void *a, const void *b)
{
    const tr_level *x = *(const tr_level *const *)a, *y = *(const tr_level *const *)b;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Drops the level itself and, at risk, the levels not allowed with risk; sorts by rank. */
static void tidy_alternatives(tr_triage_result *r)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n_alternatives; i++) {
        const tr_level *l = r->alternatives[i];
        if (l == r->level || (r->risk != TR_RISK_NONE && !l->allowed_with_risk))
            continue;
        r->alternatives[k++] = l;
    }
    r->n_alternatives = k;
    qsort(r->alternatives, k, sizeof r->alternatives[0], by_rank);
}

/* Drops the alternatives less intensive than `floor` (a modifier's "at_least"). */
static void drop_below(tr_triage_result *r, size_t floor)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n_alternatives; i++)
        if (r->alternatives[i]->rank >= floor)
            r->alternatives[k++] = r->alternatives[i];
    r->n_alternatives = k;
}

/* The safety invariants that hold whatever the rules say. */
static void enforce_safety(const tr_triage *t, tr_triage_result *r)
{
    const tr_content *pack = t->pack;
    if (r->risk != TR_RISK_NONE && !r->level->allowed_with_risk) {
        const tr_level *up = NULL;
        for (size_t i = r->level->rank + 1; i < pack->n_levels && !up; i++)
            if (pack->levels[i].allowed_with_risk)
                up = &pack->levels[i];
        assert(up || t->acute_level);
        r->level = up ? up : t->acute_level;
        add_reason(r, t, "safety.no_self_help", TR_REASON_NO_SELF_HELP, 0);
    }
    if (r->risk == TR_RISK_ACUTE) {
        /* help now is the recommendation; what the rules offer for afterwards (one-to-one
         * contact, or the urgent youth referral) stays as the client's choice, minus what is
         * not allowed with risk (tidy_alternatives) */
        r->level = t->acute_level;
        add_reason(r, t, "safety.acute", TR_REASON_ACUTE, 1);
    }
    tidy_alternatives(r);
}

/* Runs every rule once on `answers` (no handling of skipped follow-ups). */
static tr_status evaluate(const tr_triage *t, const cJSON *answers, tr_triage_result *r,
                          tr_error *err)
{
    const tr_content *pack = t->pack;
    const tr_rule *level_rule = NULL;
    size_t floor_rank = 0;
    tr_rule_kind phase = TR_RULE_RISK;
    tr_status st;

    memset(r, 0, sizeof *r);
    st = build_data(t, answers, r, err);
    if (st != TR_OK)
        return st;

    /* Critical items: answered above the threshold, or not answered at all. */
    for (size_t i = 0; i < pack->n_insts; i++) {
        const tr_scoring *s = &pack->insts[i]->scoring;
        for (size_t c = 0; c < s->n_critical; c++) {
            const cJSON *a = answer_of(answers, s->critical[c].item_id);
            if (!a) {
                r->risk = r->risk > TR_RISK_ELEVATED ? r->risk : TR_RISK_ELEVATED;
                add_string(r->ask, &r->n_ask, TR_TRIAGE_MAX_ASK, s->critical[c].item_id);
                add_reason(r, t, "safety.critical_skipped", TR_REASON_CRITICAL_SKIPPED, 0);
            } else if (cJSON_IsNumber(a) && a->valuedouble > s->critical[c].above) {
                r->risk = r->risk > TR_RISK_ELEVATED ? r->risk : TR_RISK_ELEVATED;
                add_reason(r, t, "safety.critical_item", TR_REASON_CRITICAL, 0);
            }
        }
    }

    for (size_t i = 0; i < t->n_rules; i++) {
        const tr_rule *rule = &t->rules[i];
        cJSON *v;
        int holds;
        if (rule->kind == TR_RULE_LEVEL && level_rule)
            continue;
        if (rule->kind != phase) { /* the next kind of rule reads the risk, then the level */
            phase = rule->kind;
            st = set_data_string(r->data, "risk", tr_risk_name(r->risk), err);
            if (st == TR_OK && r->level)
                st = set_data_string(r->data, "level", r->level->id, err);
            if (st != TR_OK)
                return st;
        }
        v = tr_logic_apply(rule->when, r->data, err);
        if (!v)
            return tr_error_prefix(err, "triage rule '%s'", rule->id);
        holds = tr_logic_truthy(v);
        cJSON_Delete(v);
        if (holds) {
            switch (rule->kind) {
            case TR_RULE_RISK:
                if (rule->risk > r->risk)
                    r->risk = rule->risk;
                add_reason(r, t, rule->id, rule->reason, 0);
                break;
            case TR_RULE_LEVEL:
                level_rule = rule;
                r->level = rule->level;
                r->referral = rule->referral;
                floor_rank = rule->level->rank;
                for (size_t k = 0; k < rule->n_alts; k++) {
                    add_alt(r, rule->alts[k]);
                    if (rule->alts[k]->rank < floor_rank)
                        floor_rank = rule->alts[k]->rank;
                }
                for (size_t k = 0; k < rule->n_ask; k++)
                    add_string(r->ask, &r->n_ask, TR_TRIAGE_MAX_ASK, rule->ask[k]);
                add_reason(r, t, rule->id, rule->reason, 0);
                break;
            case TR_RULE_MOD:
                /* "at_least" raises the level and the floor: what it rules out (e.g. self-help
                 * alone at a positive AUDIT-C) is no longer offered either */
                if (rule->level && (!r->level || rule->level->rank > r->level->rank))
                    r->level = rule->level;
                if (rule->level && rule->level->rank > floor_rank)
                    floor_rank = rule->level->rank;
                /* A modifier (e.g. a preference) adds choices, never below what the level
                 * rule found acceptable. */
                for (size_t k = 0; k < rule->n_alts; k++)
                    if (rule->alts[k]->rank >= floor_rank)
                        add_alt(r, rule->alts[k]);
                for (size_t k = 0; k < rule->n_ask; k++)
                    add_string(r->ask, &r->n_ask, TR_TRIAGE_MAX_ASK, rule->ask[k]);
                if (rule->referral && !r->referral) /* the level rule's referral comes first */
                    r->referral = rule->referral;
                add_reason(r, t, rule->id, rule->reason, 0);
                break;
            case TR_RULE_FOCUS:
                add_string(r->focus, &r->n_focus, TR_TRIAGE_MAX_MODULES, rule->focus);
                for (size_t k = 0; k < rule->n_modules; k++)
                    add_string(r->modules, &r->n_modules, TR_TRIAGE_MAX_MODULES, rule->modules[k]);
                add_reason(r, t, rule->id, rule->reason, 0);
                break;
            }
        }
    }
    if (!r->level)
        return tr_error_set(err, TR_E_INVALID,
                            "no level rule held for these answers; the last level rule in "
                            "triage/rules.json must have \"when\": true");
    drop_below(r, floor_rank);
    enforce_safety(t, r);
    return set_data_string(r->data, "level", r->level->id, err) == TR_OK
               ? set_data_string(r->data, "risk", tr_risk_name(r->risk), err)
               : TR_E_NOMEM;
}

/* ---- which items are asked -------------------------------------------------------- */

static int holds(const cJSON *rule, const cJSON *answers, tr_error *err)
{
    cJSON *v;
    int h;
    if (!rule)
        return 1;
    v = tr_logic_apply(rule, answers, err);
    if (!v)
        return -1;
    h = tr_logic_truthy(v);
    cJSON_Delete(v);
    return h;
}

int tr_triage_item_asked(const tr_triage *t, size_t step, const tr_item *item, const cJSON *answers,
                         tr_error *err)
{
    const tr_step *s;
    int h;
    assert(step < t->pack->n_steps);
    s = &t->pack->steps[step];
    h = holds(s->show_if, answers, err);
    if (h != 1)
        return h;
    return holds(item->show_if, answers, err);
}

/* Is the item shown somewhere in the sequence for these answers? */
static int asked_anywhere(const tr_triage *t, const tr_item *item, const cJSON *answers,
                          tr_error *err)
{
    for (size_t s = 0; s < t->pack->n_steps; s++) {
        const tr_step *st = &t->pack->steps[s];
        for (size_t k = 0; k < st->n_items; k++) {
            if (&st->inst->items[st->items[k]] == item) {
                int h = tr_triage_item_asked(t, s, item, answers, err);
                if (h != 0)
                    return h;
            }
        }
    }
    return 0;
}

/* ---- skipped risk follow-ups: the least safe answer wins --------------------------- */

static int less_safe(const tr_triage_result *a, const tr_triage_result *b)
{
    if (a->risk != b->risk)
        return a->risk > b->risk;
    return a->level->rank > b->level->rank;
}

tr_status tr_triage_run(const tr_triage *t, const cJSON *answers, tr_triage_result *out,
                        tr_error *err)
{
    const tr_item *skipped[TR_TRIAGE_MAX_FOLLOWUPS];
    size_t n_skipped = 0, combos = 1;
    cJSON *filled = NULL;
    tr_triage_result worst, cur;
    tr_status st;

    assert(t && answers && out);
    memset(out, 0, sizeof *out);
    memset(&worst, 0, sizeof worst);
    memset(&cur, 0, sizeof cur);
    for (size_t i = 0; i < t->n_followups; i++) {
        int h;
        if (answer_of(answers, t->followups[i]->id))
            continue;
        h = asked_anywhere(t, t->followups[i], answers, err);
        if (h < 0)
            return err ? err->status : TR_E_INVALID;
        if (h && t->followups[i]->n_options) {
            skipped[n_skipped++] = t->followups[i];
            combos *= t->followups[i]->n_options;
        }
    }
    st = evaluate(t, answers, &worst, err);
    if (st != TR_OK || !n_skipped)
        goto done;
    filled = cJSON_Duplicate(answers, 1);
    if (!filled) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory running the triage");
        goto done;
    }
    for (size_t c = 0; c < combos; c++) {
        size_t rest = c;
        for (size_t k = 0; k < n_skipped; k++) {
            const tr_option *o = &skipped[k]->options[rest % skipped[k]->n_options];
            cJSON *v = o->is_number ? cJSON_CreateNumber(o->number) : cJSON_CreateString(o->string);
            rest /= skipped[k]->n_options;
            cJSON_DeleteItemFromObjectCaseSensitive(filled, skipped[k]->id);
            if (!v || !cJSON_AddItemToObject(filled, skipped[k]->id, v)) {
                cJSON_Delete(v);
                st = tr_error_set(err, TR_E_NOMEM, "out of memory running the triage");
                goto done;
            }
        }
        st = evaluate(t, filled, &cur, err);
        if (st != TR_OK)
            goto done;
        if (less_safe(&cur, &worst)) {
            tr_triage_result_free(&worst);
            worst = cur;
        } else {
            tr_triage_result_free(&cur);
        }
        memset(&cur, 0, sizeof cur);
    }
    add_reason(&worst, t, "safety.followup_skipped", TR_REASON_FOLLOWUP_SKIPPED, 0);
done:
    cJSON_Delete(filled);
    tr_triage_result_free(&cur);
    if (st != TR_OK) {
        tr_triage_result_free(&worst);
        return st;
    }
    *out = worst;
    return TR_OK;
}

void tr_triage_result_free(tr_triage_result *r)
{
    if (!r)
        return;
    cJSON_Delete(r->data);
    r->data = NULL;
}
