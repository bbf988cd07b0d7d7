/* tr_care_summary: the plain-text note of an opened report for the patient record (EPJ), in the
 * therapist's language, from the content pack's texts (content/i18n/<lang>/care.json). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_care.h"
#include "tr_content.h"
#include "tr_goal.h"
#include "tr_feedback.h"

typedef struct sbuf {
    char *s;
    size_t len, cap;
    int failed;
} sbuf;

static void put(sbuf *b, const char *text)
{
    size_t n = strlen(text);
    if (b->failed)
        return;
    if (b->len + n + 2 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 1024) + n;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->failed = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->len, text, n);
    b->len += n;
    b->s[b->len++] = '\n';
    b->s[b->len] = '\0';
}

/* Appends the catalog text key with args as one line. */
static void line(sbuf *b, const tr_content *pack, const char *lang, const char *key,
                 const tr_i18n_arg *args)
{
    char text[1024];
    tr_i18n_format(pack->i18n, lang, key, args, text, sizeof text);
    put(b, text);
}

static const char *str(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* The first 10 characters of an ISO time: the date. */
static void date_of(const cJSON *rec, char out[11])
{
    snprintf(out, 11, "%s", str(rec, "ts"));
}

static const char *level_name(const tr_content *pack, const char *lang, const char *id)
{
    const tr_level *lv = tr_content_find_level(pack, id);
    return lv ? tr_text_get(&lv->name, lang, "nb") : id;
}

/* A feedback on the help in words (its questions are content/feedback.json's). */
static void feedback_line(sbuf *b, const tr_content *pack, const char *lang,
                          const tr_feedback_content *fb, const cJSON *rec)
{
    char date[11], answers[600] = "";
    tr_feedback_entry e;
    date_of(rec, date);
    if (fb && tr_feedback_entry_of(fb, rec, &e) == 0)
        tr_feedback_describe(fb, &e, lang, answers, sizeof answers);
    const char *note = str(rec, "note");
    tr_i18n_arg args[] = {{"date", date}, {"answers", answers}, {"note", note}, {NULL, NULL}};
    line(b, pack, lang, note[0] ? "care.summary.feedback_note" : "care.summary.feedback", args);
}

static void record_line(sbuf *b, const tr_content *pack, const char *lang,
                        const tr_feedback_content *fb, const cJSON *rec)
{
    char date[11], total[32] = "", key[48];
    const char *type = str(rec, "type");
    date_of(rec, date);
    if (strcmp(type, "measure") == 0) {
        const tr_inst *inst = tr_content_find_inst(pack, str(rec, "instrument"));
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(rec, "total");
        const char *band = str(rec, "band");
        if (cJSON_IsNumber(t))
            snprintf(total, sizeof total, "%g", t->valuedouble);
        for (size_t i = 0; inst && i < inst->scoring.n_bands; i++)
            if (strcmp(inst->scoring.bands[i].id, band) == 0)
                band = tr_text_get(&inst->scoring.bands[i].label, lang, "nb");
        tr_i18n_arg args[] = {
            {"date", date},
            {"instrument", inst ? tr_text_get(&inst->name, lang, "nb") : str(rec, "instrument")},
            {"total", total},
            {"band", band},
            {NULL, NULL}};
        line(b, pack, lang, band[0] ? "care.summary.measure" : "care.summary.measure_total", args);
    } else if (strcmp(type, "goal") == 0) {
        return; /* the goals have a section of their own (goals_part) */
    } else if (strcmp(type, "assessment") == 0) {
        snprintf(key, sizeof key, "care.risk.%s", str(rec, "risk"));
        tr_i18n_arg args[] = {{"date", date},
                              {"recommended", level_name(pack, lang, str(rec, "recommended"))},
                              {"chosen", level_name(pack, lang, str(rec, "chosen"))},
                              {"risk", tr_content_msg(pack, lang, key)},
                              {NULL, NULL}};
        line(b, pack, lang, "care.summary.assessment", args);
        tr_team_fact facts[8];
        size_t n = tr_content_team_facts(pack, cJSON_GetObjectItemCaseSensitive(rec, "answers"),
                                         lang, facts, sizeof facts / sizeof facts[0]);
        for (size_t f = 0; f < n; f++) {
            tr_i18n_arg fa[] = {
                {"label", facts[f].label}, {"answer", facts[f].answer}, {NULL, NULL}};
            line(b, pack, lang, "care.summary.fact", fa);
        }
    } else if (strcmp(type, "feedback") == 0) {
        feedback_line(b, pack, lang, fb, rec);
    } else {
        tr_i18n_arg args[] = {{"date", date}, {"type", type}, {NULL, NULL}};
        line(b, pack, lang, "care.summary.other", args);
    }
}

/* One risk flag in words: a critical item by instrument and question number, an assessment by
 * its risk level, anything else by the sender's neutral text. */
static void risk_line(sbuf *b, const tr_content *pack, const char *lang, const cJSON *flag)
{
    char date[11], what[400], num[24], val[24], key[48];
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(flag, "number");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(flag, "value");
    const tr_inst *inst = tr_content_find_inst(pack, str(flag, "instrument"));
    date_of(flag, date);
    snprintf(what, sizeof what, "%s", str(flag, "what"));
    if (inst && cJSON_IsNumber(n) && cJSON_IsNumber(v)) {
        snprintf(num, sizeof num, "%g", n->valuedouble);
        snprintf(val, sizeof val, "%g", v->valuedouble);
        tr_i18n_arg args[] = {{"instrument", tr_text_get(&inst->name, lang, "nb")},
                              {"number", num},
                              {"value", val},
                              {NULL, NULL}};
        tr_i18n_format(pack->i18n, lang, "care.summary.risk_item", args, what, sizeof what);
    } else if (str(flag, "risk")[0]) {
        snprintf(key, sizeof key, "care.risk.%s", str(flag, "risk"));
        tr_i18n_arg args[] = {{"risk", tr_content_msg(pack, lang, key)}, {NULL, NULL}};
        tr_i18n_format(pack->i18n, lang, "care.summary.risk_assessment", args, what, sizeof what);
    }
    tr_i18n_arg args[] = {{"date", date}, {"what", what}, {NULL, NULL}};
    line(b, pack, lang, "care.summary.risk_line", args);
}

/* The client's own goals the report carries, each with its first and newest rating and whether
 * it was reached or let go of; nothing when it carries none. 0, or -1 when out of memory. */
static int goals_part(sbuf *b, const tr_content *pack, const char *lang, const cJSON *recs)
{
    tr_goal_list l;
    tr_error err = {0};
    char first[16], now[16], max[16], date[11];
    if (tr_goal_read(recs, &l, &err) != TR_OK)
        return -1;
    if (l.n > 0) {
        tr_goal_content *gc = NULL;
        tr_diags d = {0};
        snprintf(max, sizeof max, "%d",
                 tr_goal_load(pack, &gc, &d, &err) == TR_OK ? gc->max : TR_GOAL_SCALE_TOP);
        tr_goal_free(gc);
        tr_diags_free(&d);
        put(b, "");
        tr_i18n_arg head[] = {{"max", max}, {NULL, NULL}};
        line(b, pack, lang, "care.summary.goals_head", head);
    }
    for (size_t i = 0; i < l.n; i++) {
        const tr_goal_item *it = &l.items[i];
        snprintf(first, sizeof first, "%d", it->ratings[0].value);
        snprintf(now, sizeof now, "%d", tr_goal_latest(it));
        snprintf(date, sizeof date, "%.10s", it->closed_ts);
        tr_i18n_arg args[] = {{"text", it->text}, {"first", first}, {"now", now},
                              {"max", max},       {"date", date},   {NULL, NULL}};
        line(b, pack, lang,
             it->status == TR_GOAL_REACHED  ? "care.summary.goal_reached"
             : it->status == TR_GOAL_LET_GO ? "care.summary.goal_let_go"
                                            : "care.summary.goal",
             args);
    }
    tr_goal_list_free(&l);
    return 0;
}

tr_status tr_care_summary(const tr_content *pack, const char *lang, const tr_care_open_result *res,
                          char **out, tr_error *err)
{
    sbuf b = {0};
    const cJSON *p = res->payload, *it;
    const cJSON *risk = cJSON_GetObjectItemCaseSensitive(p, "risk");
    const cJSON *recs = cJSON_GetObjectItemCaseSensitive(p, "records");
    const cJSON *shared = cJSON_GetObjectItemCaseSensitive(p, "shared");
    char seq[24], created[11], shared_text[256] = "", key[48];
    *out = NULL;
    snprintf(seq, sizeof seq, "%llu", (unsigned long long)res->seq);
    snprintf(created, sizeof created, "%s", str(p, "created"));
    cJSON_ArrayForEach(it, shared)
    {
        if (!cJSON_IsString(it))
            continue;
        snprintf(key, sizeof key, "care.share.%s", it->valuestring);
        if (shared_text[0])
            strncat(shared_text, ", ", sizeof shared_text - strlen(shared_text) - 1);
        strncat(shared_text, tr_content_msg(pack, lang, key),
                sizeof shared_text - strlen(shared_text) - 1);
    }
    if (!shared_text[0])
        snprintf(shared_text, sizeof shared_text, "%s",
                 tr_content_msg(pack, lang, "care.share.none"));
    tr_i18n_arg head[] = {{"client", res->client},
                          {"seq", seq},
                          {"report", res->report_id},
                          {"created", created},
                          {NULL, NULL}};
    line(&b, pack, lang, "care.summary.head", head);
    tr_i18n_arg range[] = {
        {"from", str(p, "from")}, {"to", str(p, "to")}, {"shared", shared_text}, {NULL, NULL}};
    line(&b, pack, lang,
         str(p, "from")[0] || str(p, "to")[0] ? "care.summary.range" : "care.summary.range_all",
         range);
    put(&b, "");
    if (cJSON_GetArraySize(risk) > 0) {
        line(&b, pack, lang, "care.summary.risk_head", NULL);
        cJSON_ArrayForEach(it, risk)
        {
            risk_line(&b, pack, lang, it);
        }
        line(&b, pack, lang, "care.summary.forced", NULL);
    } else {
        line(&b, pack, lang, "care.summary.risk_none", NULL);
    }
    /* the client's wish to change therapist, right after the risks: it went along unasked */
    int asks = 0;
    cJSON_ArrayForEach(it, recs)
    {
        char date[11];
        if (!tr_feedback_forced(it))
            continue;
        if (!asks++) {
            put(&b, "");
            line(&b, pack, lang, "care.summary.requests_head", NULL);
        }
        date_of(it, date);
        tr_i18n_arg args[] = {{"date", date}, {NULL, NULL}};
        line(&b, pack, lang, "care.summary.change_therapist", args);
    }
    if (asks)
        line(&b, pack, lang, "care.summary.requests_always", NULL);
    /* the feedback's questions, for the records' lines (none: the answers' ids are left out) */
    tr_feedback_content *fb = NULL;
    tr_diags fbd = {0};
    tr_error fberr = {0};
    cJSON_ArrayForEach(it, recs)
    {
        if (strcmp(str(it, "type"), "feedback") == 0) {
            if (tr_feedback_load(pack, &fb, &fbd, &fberr) != TR_OK)
                fb = NULL;
            break;
        }
    }
    tr_diags_free(&fbd);
    put(&b, "");
    line(&b, pack, lang, "care.summary.records_head", NULL);
    cJSON_ArrayForEach(it, recs) record_line(&b, pack, lang, fb, it);
    tr_feedback_free(fb);
    if (goals_part(&b, pack, lang, recs) != 0)
        b.failed = 1;
    put(&b, "");
    tr_i18n_arg dev[] = {
        {"fingerprint", res->sender_fingerprint},
        {"first", res->first ? tr_content_msg(pack, lang, "care.summary.first") : ""},
        {NULL, NULL}};
    line(&b, pack, lang, "care.summary.device", dev);
    line(&b, pack, lang, "care.summary.note", NULL);
    if (b.failed) {
        free(b.s);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    *out = b.s;
    return TR_OK;
}
