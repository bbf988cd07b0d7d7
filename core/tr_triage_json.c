/* tr_triage_json: the triage input file ({"answers": {...}}) and the result as JSON. */
#include <stdio.h>
#include <string.h>

#include "tr_logic.h"
#include "tr_triage_priv.h"

/* Merges one instrument's answers (array in item order, or object item id -> answer) into
 * the flat answers object `out`. */
static tr_status merge_inst(const tr_inst *inst, const cJSON *given, cJSON *out, tr_error *err)
{
    cJSON *flat = NULL;
    tr_status st;

    if (cJSON_IsArray(given)) {
        st = tr_inst_answers_from_array(inst, given, &flat, err);
        if (st != TR_OK)
            return tr_error_prefix(err, "answers.%s", inst->id);
    } else if (cJSON_IsObject(given)) {
        for (const cJSON *a = given->child; a; a = a->next) {
            if (!tr_inst_find_item(inst, a->string))
                return tr_error_set(err, TR_E_INVALID,
                                    "answers.%s: '%.80s' is no item of %s (item ids look like "
                                    "%s)",
                                    inst->id, a->string, inst->id,
                                    inst->n_items ? inst->items[0].id : "?");
        }
        flat = cJSON_Duplicate(given, 1);
        if (!flat)
            return tr_error_set(err, TR_E_NOMEM, "out of memory reading the answers");
        st = tr_inst_check_answers(inst, flat, err);
        if (st != TR_OK) {
            cJSON_Delete(flat);
            return tr_error_prefix(err, "answers.%s", inst->id);
        }
    } else {
        return tr_error_set(err, TR_E_INVALID,
                            "answers.%s must be a list of answers in item order or an object "
                            "item id -> answer",
                            inst->id);
    }
    while (flat->child) {
        cJSON *a = cJSON_DetachItemViaPointer(flat, flat->child);
        if (cJSON_GetObjectItemCaseSensitive(out, a->string)) {
            st = tr_error_set(err, TR_E_INVALID,
                              "answers.%s: item '%.80s' is answered twice (also under another "
                              "instrument that shares it)",
                              inst->id, a->string);
            cJSON_Delete(a);
            cJSON_Delete(flat);
            return st;
        }
        if (cJSON_IsNull(a)) {
            cJSON_Delete(a);
            continue;
        }
        cJSON_AddItemToObject(out, a->string, a);
    }
    cJSON_Delete(flat);
    return TR_OK;
}

tr_status tr_triage_answers(const tr_content *pack, const cJSON *input, cJSON **out, tr_error *err)
{
    const cJSON *answers;
    cJSON *flat;
    tr_status st = TR_OK;

    *out = NULL;
    if (!cJSON_IsObject(input))
        return tr_error_set(err, TR_E_INVALID,
                            "the triage input must be an object {\"answers\": {\"phq9\": [...], "
                            "\"gad7\": [...], \"auditc\": [...], \"intake\": {...}}}");
    for (const cJSON *k = input->child; k; k = k->next)
        if (strcmp(k->string, "answers") != 0)
            return tr_error_set(err, TR_E_INVALID,
                                "unknown key \"%.80s\" (the input has only \"answers\")",
                                k->string);
    answers = cJSON_GetObjectItemCaseSensitive(input, "answers");
    if (!cJSON_IsObject(answers))
        return tr_error_set(err, TR_E_INVALID,
                            "\"answers\" must be an object: instrument id -> answers");
    flat = cJSON_CreateObject();
    if (!flat)
        return tr_error_set(err, TR_E_NOMEM, "out of memory reading the answers");
    for (const cJSON *a = answers->child; a && st == TR_OK; a = a->next) {
        const tr_inst *inst = tr_content_find_inst(pack, a->string);
        if (!inst) {
            char known[300] = "";
            size_t len = 0;
            for (size_t i = 0; i < pack->n_insts && len + 40 < sizeof known; i++)
                len += (size_t)snprintf(known + len, sizeof known - len, "%s%s", i ? ", " : "",
                                        pack->insts[i]->id);
            st = tr_error_set(err, TR_E_INVALID,
                              "answers: '%.80s' is no instrument of the pack (known: %s)",
                              a->string, known);
        } else if (!cJSON_IsNull(a)) {
            st = merge_inst(inst, a, flat, err);
        }
    }
    if (st != TR_OK) {
        cJSON_Delete(flat);
        return st;
    }
    *out = flat;
    return TR_OK;
}

/* ---- output ----------------------------------------------------------------------- */

static const cJSON *lookup(const cJSON *data, const char *path, size_t len)
{
    char key[128];
    const cJSON *cur = data;
    while (len && cur) {
        const char *dot = memchr(path, '.', len);
        size_t n = dot ? (size_t)(dot - path) : len;
        if (n >= sizeof key)
            return NULL;
        memcpy(key, path, n);
        key[n] = '\0';
        cur = cJSON_GetObjectItemCaseSensitive(cur, key);
        if (!dot)
            break;
        len -= n + 1;
        path = dot + 1;
    }
    return cur;
}

/* When {path} is "scores.<id>.total" of an instrument that is not scorable, writes what is
 * known instead (catalog "triage.partial_total": at least the answered items' sum, and how
 * many of the items were answered) into buf and returns 1; else 0. */
static int partial_total(const tr_triage *t, const cJSON *data, const char *path, size_t len,
                         const char *lang, char *buf, size_t size)
{
    static const char suffix[] = ".total";
    char inst[128], sum[40], answered[24], items[24];
    const cJSON *sc, *a, *m, *tot;
    size_t n;
    if (len < 8 + sizeof suffix || strncmp(path, "scores.", 7) != 0 ||
        strncmp(path + len - (sizeof suffix - 1), suffix, sizeof suffix - 1) != 0)
        return 0;
    n = len - 7 - (sizeof suffix - 1);
    if (n >= sizeof inst)
        return 0;
    memcpy(inst, path + 7, n);
    inst[n] = '\0';
    sc = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(data, "scores"), inst);
    a = cJSON_GetObjectItemCaseSensitive(sc, "answered");
    m = cJSON_GetObjectItemCaseSensitive(sc, "missing");
    tot = cJSON_GetObjectItemCaseSensitive(sc, "total");
    if (!cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(sc, "scorable")) || !cJSON_IsNumber(a) ||
        !cJSON_IsNumber(m) || !cJSON_IsNumber(tot))
        return 0;
    tr_logic_number_text(tot->valuedouble, sum, sizeof sum);
    snprintf(answered, sizeof answered, "%d", (int)a->valuedouble);
    snprintf(items, sizeof items, "%d", (int)(a->valuedouble + m->valuedouble));
    tr_i18n_arg args[] = {{"sum", sum}, {"answered", answered}, {"items", items}, {NULL, NULL}};
    tr_i18n_fill(tr_content_msg(t->pack, lang, "triage.partial_total"), args, buf, size);
    return 1;
}

/* Writes text with its {placeholders} filled from r->data into buf. */
static void fill_text(const tr_triage *t, const tr_triage_result *r, const char *s,
                      const char *lang, char *buf, size_t size)
{
    size_t o = 0;
    if (!size)
        return;
    while (*s && o + 1 < size) {
        const char *end = *s == '{' ? strchr(s, '}') : NULL;
        const cJSON *v = end ? lookup(r->data, s + 1, (size_t)(end - s - 1)) : NULL;
        char part[200];
        if (v && partial_total(t, r->data, s + 1, (size_t)(end - s - 1), lang, part, sizeof part)) {
            size_t n = strlen(part);
            if (n > size - 1 - o)
                n = size - 1 - o;
            memcpy(buf + o, part, n);
            o += n;
            s = end + 1;
        } else if (v && (cJSON_IsNumber(v) || cJSON_IsString(v) || cJSON_IsBool(v))) {
            char num[40];
            const char *txt = num;
            size_t n;
            if (cJSON_IsNumber(v))
                tr_logic_number_text(v->valuedouble, num, sizeof num);
            else if (cJSON_IsString(v))
                txt = v->valuestring;
            else
                txt = cJSON_IsTrue(v) ? "true" : "false";
            n = strlen(txt);
            if (n > size - 1 - o)
                n = size - 1 - o;
            memcpy(buf + o, txt, n);
            o += n;
            s = end + 1;
        } else {
            buf[o++] = *s++;
        }
    }
    buf[o] = '\0';
}

void tr_triage_reason_text(const tr_triage *t, const tr_triage_result *r, size_t i,
                           const char *lang, char *buf, size_t size)
{
    fill_text(t, r, tr_content_text(t->pack, r->reasons[i].text, lang), lang, buf, size);
}

void tr_triage_next_text(const tr_triage *t, const tr_triage_result *r, const tr_level *level,
                         const char *lang, char *buf, size_t size)
{
    tr_triage_next_text_at(t, r, level, lang, NULL, buf, size);
}

/* The catalog key base + the place's variant, or the app's ("" / ".no_team"). */
static void next_key(const tr_content *pack, const char *lang, const tr_triage_place *place,
                     int has_team, const char *base, char *key, size_t size)
{
    if (place && place->suffix && place->suffix[0]) {
        snprintf(key, size, "%s.%s", base, place->suffix);
        if (tr_i18n_has(pack->i18n, lang, key))
            return;
        has_team = 1; /* the team's own text: it promises nothing about sending */
    }
    snprintf(key, size, "%s%s", base, has_team ? "" : ".no_team");
}

static const char *or_else(const char *a, const char *b)
{
    return a && a[0] ? a : b;
}

void tr_triage_next_text_at(const tr_triage *t, const tr_triage_result *r, const tr_level *level,
                            const char *lang, const tr_triage_place *place, char *buf, size_t size)
{
    const tr_content *pack = t->pack;
    const char *own = tr_content_text(pack, &level->next, lang);
    const char *team = tr_content_text(pack, &pack->service.name, lang);
    char key[160], line[1200];
    int has_team = tr_content_has_team(pack);
    if (!size)
        return;
    buf[0] = '\0';
    if (level == t->acute_level) {
        snprintf(buf, size, "%s", own);
        return;
    }
    if (!team[0])
        team = tr_content_msg(pack, lang, "triage.team");
    tr_i18n_arg args[] = {
        {"team", place ? or_else(place->team, team) : team},
        {"phone", place ? or_else(place->phone, pack->service.phone) : pack->service.phone},
        {"hours", place ? or_else(place->hours, tr_content_text(pack, &pack->service.hours, lang))
                        : tr_content_text(pack, &pack->service.hours, lang)},
        {NULL, NULL}};
    if (r->risk == TR_RISK_ACUTE) { /* the client's choice for after getting help now */
        snprintf(key, sizeof key, "triage.next.after_acute.%.100s", r->referral ? r->referral : "");
        if (!r->referral || !tr_i18n_has(pack->i18n, lang, key))
            next_key(pack, lang, place, has_team, "triage.next.after_acute", key, sizeof key);
        tr_i18n_fill(tr_content_msg(pack, lang, key), args, buf, size);
        return;
    }
    if (r->referral) {
        snprintf(key, sizeof key, "triage.next.referral.%.100s", r->referral);
        if (tr_i18n_has(pack->i18n, lang, key)) {
            tr_i18n_fill(tr_content_msg(pack, lang, key), args, buf, size);
            return;
        }
    }
    next_key(pack, lang, place, has_team,
             r->risk != TR_RISK_NONE ? "triage.next.risk" : "triage.next.team", key, sizeof key);
    tr_i18n_fill(tr_content_msg(pack, lang, key), args, line, sizeof line);
    if (r->risk != TR_RISK_NONE) /* the same-day step replaces "within 1-2 weeks" */
        snprintf(buf, size, "%s", line);
    else
        snprintf(buf, size, "%s %s", own, line);
}

static int add_strings(cJSON *o, const char *key, const char *const *list, size_t n)
{
    cJSON *a = cJSON_AddArrayToObject(o, key);
    if (!a)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!cJSON_AddItemToArray(a, cJSON_CreateString(list[i])))
            return 0;
    return 1;
}

cJSON *tr_triage_result_json(const tr_triage *t, const tr_triage_result *r, const char *lang)
{
    cJSON *o = cJSON_CreateObject(), *alts, *reasons, *crisis, *scores;
    const tr_content *pack = t->pack;
    char text[2048], next[2048];

    tr_triage_next_text(t, r, r->level, lang, next, sizeof next);
    if (!o || !cJSON_AddStringToObject(o, "risk", tr_risk_name(r->risk)) ||
        !cJSON_AddStringToObject(o, "level", r->level->id) ||
        !(alts = cJSON_AddArrayToObject(o, "alternatives")) ||
        !(reasons = cJSON_AddArrayToObject(o, "reasons")) ||
        !add_strings(o, "focus", r->focus, r->n_focus) ||
        !add_strings(o, "modules", r->modules, r->n_modules) ||
        !add_strings(o, "ask", r->ask, r->n_ask) ||
        !(r->referral ? cJSON_AddStringToObject(o, "referral", r->referral)
                      : cJSON_AddNullToObject(o, "referral")) ||
        !cJSON_AddStringToObject(o, "next", next) ||
        !(crisis = cJSON_AddArrayToObject(o, "crisis")) ||
        !(scores = cJSON_AddObjectToObject(o, "scores")))
        goto fail;
    for (size_t i = 0; i < r->n_alternatives; i++)
        if (!cJSON_AddItemToArray(alts, cJSON_CreateString(r->alternatives[i]->id)))
            goto fail;
    for (size_t i = 0; i < r->n_reasons; i++) {
        cJSON *e = cJSON_CreateObject();
        tr_triage_reason_text(t, r, i, lang, text, sizeof text);
        if (!e || !cJSON_AddItemToArray(reasons, e) ||
            !cJSON_AddStringToObject(e, "rule", r->reasons[i].rule) ||
            !cJSON_AddStringToObject(e, "id", r->reasons[i].id) ||
            !cJSON_AddStringToObject(e, "text", text))
            goto fail;
    }
    if (r->risk != TR_RISK_NONE)
        for (size_t i = 0; i < pack->n_crisis; i++)
            if (!cJSON_AddItemToArray(crisis, cJSON_CreateString(pack->crisis[i].id)))
                goto fail;
    for (size_t i = 0; i < r->n_scores; i++) {
        cJSON *s = tr_score_to_json(r->score_inst[i], &r->scores[i]);
        if (!s || !cJSON_AddItemToObject(scores, r->score_inst[i]->id, s)) {
            cJSON_Delete(s);
            goto fail;
        }
    }
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}
