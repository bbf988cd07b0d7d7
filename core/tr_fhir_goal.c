/* tr_fhir_goal: the client's own goals (`goal` records, core/tr_goal.h) as FHIR R4 Goal
 * resources, and each rating of one as an Observation whose focus is the Goal (see tr_fhir.h).
 * A Goal is the goal as the records say now: lifecycleStatus active, completed (reached) or
 * cancelled (let go of), its words as description.text, its target the top of the rating scale
 * on the rating's code (content/fhir/export.json "goal_rating"). */
#include <stdio.h>
#include <string.h>

#include "tr_fhir_priv.h"

#define ACHIEVEMENT_SYSTEM "http://terminology.hl7.org/CodeSystem/goal-achievement"

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The Goal with this resource id among the export's, or NULL. */
static cJSON *find_goal(cJSON *goals, const char *id)
{
    cJSON *g;
    cJSON_ArrayForEach(g, goals)
    {
        const char *gid = str(g, "id");
        if (gid && strcmp(gid, id) == 0)
            return g;
    }
    return NULL;
}

/* {"coding": [{system, code, display}]} for an achievement status. */
static cJSON *achievement(const char *code, const char *display)
{
    cJSON *cc = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(cc, "coding"),
          *c = cJSON_CreateObject();
    if (!list || !c || !cJSON_AddStringToObject(c, "system", ACHIEVEMENT_SYSTEM) ||
        !cJSON_AddStringToObject(c, "code", code) ||
        !cJSON_AddStringToObject(c, "display", display)) {
        cJSON_Delete(c);
        cJSON_Delete(cc);
        return NULL;
    }
    cJSON_AddItemToArray(list, c);
    return cc;
}

static tr_fhir_build_rc new_goal(tr_fhir_export *ex, cJSON *goals, const char *id, const char *text,
                                 const char *ts)
{
    char date[11];
    cJSON *g = cJSON_CreateObject(), *s, *desc, *targets, *t, *m, *list, *a;
    snprintf(date, sizeof date, "%.10s", ts);
    if (!g)
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToArray(goals, g);
    if (!cJSON_AddStringToObject(g, "resourceType", "Goal") ||
        !cJSON_AddStringToObject(g, "id", id) ||
        !cJSON_AddStringToObject(g, "lifecycleStatus", "active") ||
        !(a = achievement("in-progress", "In Progress")))
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToObject(g, "achievementStatus", a);
    if (!(desc = cJSON_AddObjectToObject(g, "description")) ||
        !cJSON_AddStringToObject(desc, "text", text) || !(s = tr_fhir_subject(ex)))
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToObject(g, "subject", s);
    if (!cJSON_AddStringToObject(g, "startDate", date) ||
        !(targets = cJSON_AddArrayToObject(g, "target")) || !(t = cJSON_CreateObject()))
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToArray(targets, t);
    if (!(m = cJSON_AddObjectToObject(t, "measure")) ||
        !(list = cJSON_AddArrayToObject(m, "coding")) ||
        !cJSON_AddItemToArray(list, cJSON_Duplicate(tr_fhir_goal_code(ex), 1)) ||
        !cJSON_AddNumberToObject(t, "detailInteger", tr_fhir_goal_top(ex)))
        return TR_FHIR_BUILD_NOMEM;
    return TR_FHIR_BUILD_OK;
}

/* The rating Observation "<pseudonym>-<seq>-goal": valueInteger, focus the Goal. */
static tr_fhir_build_rc rating(tr_fhir_export *ex, uint64_t seq, const char *goal_id, int value,
                               const char *ts, cJSON *obs)
{
    char id[128], ref[160];
    cJSON *o, *focus, *r;
    snprintf(id, sizeof id, "%s-%08llu-goal", tr_fhir_export_pseudonym(ex),
             (unsigned long long)seq);
    if (!(o = tr_fhir_observation(ex, id, tr_fhir_goal_code(ex), ts)))
        return TR_FHIR_BUILD_NOMEM;
    cJSON_AddItemToArray(obs, o);
    snprintf(ref, sizeof ref, "Goal/%s", goal_id);
    if (!cJSON_AddNumberToObject(o, "valueInteger", value) ||
        !(focus = cJSON_AddArrayToObject(o, "focus")) || !(r = cJSON_CreateObject()) ||
        !cJSON_AddItemToArray(focus, r) || !cJSON_AddStringToObject(r, "reference", ref))
        return TR_FHIR_BUILD_NOMEM;
    return TR_FHIR_BUILD_OK;
}

/* The record's rating as a whole number in 0..top, or -1. */
static int rating_of(const tr_fhir_export *ex, const cJSON *rec)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, "rating");
    if (!cJSON_IsNumber(v) || v->valuedouble != (double)(int)v->valuedouble || v->valuedouble < 0 ||
        v->valuedouble > tr_fhir_goal_top(ex))
        return -1;
    return (int)v->valuedouble;
}

tr_fhir_build_rc tr_fhir_goal_record(tr_fhir_export *ex, uint64_t seq, const cJSON *rec,
                                     const char *ts, cJSON *goals, cJSON *obs)
{
    const char *gid = str(rec, "goal"), *op = str(rec, "op");
    char id[96];
    cJSON *g;
    if (!tr_fhir_goal_code(ex))
        return TR_FHIR_BUILD_OK; /* a map without goal_rating exports no goals */
    if (!gid || !op || !tr_fhir_record_id_ok(gid, 24))
        return TR_FHIR_BUILD_BAD;
    snprintf(id, sizeof id, "%s-%s", tr_fhir_export_pseudonym(ex), gid);
    g = find_goal(goals, id);
    if (strcmp(op, "add") == 0) {
        const char *text = str(rec, "text");
        int r = rating_of(ex, rec);
        tr_fhir_build_rc rc;
        if (g || !text || !text[0] || r < 0)
            return TR_FHIR_BUILD_BAD;
        if ((rc = new_goal(ex, goals, id, text, ts)))
            return rc;
        return rating(ex, seq, id, r, ts, obs);
    }
    if (!g || strcmp(str(g, "lifecycleStatus"), "active") != 0)
        return TR_FHIR_BUILD_BAD; /* a goal never set, or closed already */
    if (strcmp(op, "rate") == 0) {
        int r = rating_of(ex, rec);
        return r < 0 ? TR_FHIR_BUILD_BAD : rating(ex, seq, id, r, ts, obs);
    }
    if (strcmp(op, "close") == 0) {
        const char *st = str(rec, "status");
        int reached = st && strcmp(st, "reached") == 0;
        char date[11];
        if (!st || (!reached && strcmp(st, "let_go") != 0))
            return TR_FHIR_BUILD_BAD;
        snprintf(date, sizeof date, "%.10s", ts);
        cJSON_DeleteItemFromObjectCaseSensitive(g, "achievementStatus");
        if (!cJSON_ReplaceItemInObjectCaseSensitive(
                g, "lifecycleStatus", cJSON_CreateString(reached ? "completed" : "cancelled")) ||
            !cJSON_AddStringToObject(g, "statusDate", date))
            return TR_FHIR_BUILD_NOMEM;
        if (reached) { /* let go of: whether it was achieved is not known */
            cJSON *a = achievement("achieved", "Achieved");
            if (!a)
                return TR_FHIR_BUILD_NOMEM;
            cJSON_AddItemToObject(g, "achievementStatus", a);
        }
        return TR_FHIR_BUILD_OK;
    }
    return TR_FHIR_BUILD_OK; /* "link": a module is not part of the Goal */
}
