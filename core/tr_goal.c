/* tr_goal: the `goal` records (core/RECORDS.md) and reading them back (tr_goal.h). */
#include "tr_goal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_inst_priv.h"

const char *tr_goal_status_name(tr_goal_status s)
{
    return s == TR_GOAL_REACHED ? "reached" : s == TR_GOAL_LET_GO ? "let_go" : "active";
}

/* ---- checks -------------------------------------------------------------------------------- */

/* The words without the spaces around them: [*start, *start + *len). */
static void trim(const char *s, const char **start, size_t *len)
{
    size_t n;
    while (*s && isspace((unsigned char)*s))
        s++;
    n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    *start = s;
    *len = n;
}

tr_goal_problem tr_goal_check_rating(const tr_goal_content *c, int rating)
{
    return rating < c->min || rating > c->max ? TR_GOAL_RATING : TR_GOAL_OK;
}

tr_goal_problem tr_goal_check_add(const tr_goal_content *c, const tr_goal_list *l, const char *text,
                                  int rating)
{
    const char *s;
    size_t n;
    trim(text ? text : "", &s, &n);
    if (n == 0)
        return TR_GOAL_EMPTY;
    if (n > TR_GOAL_TEXT_MAX)
        return TR_GOAL_TOO_LONG;
    if (l->n_active >= (size_t)c->max_active)
        return TR_GOAL_TOO_MANY;
    return tr_goal_check_rating(c, rating);
}

tr_goal_problem tr_goal_check_active(const tr_goal_list *l, const char *id)
{
    int i = tr_goal_find(l, id);
    if (i < 0)
        return TR_GOAL_UNKNOWN;
    return l->items[i].status == TR_GOAL_ACTIVE ? TR_GOAL_OK : TR_GOAL_NOT_ACTIVE;
}

/* The message of a problem, for err (the front end has its own words). */
static const char *problem_text(tr_goal_problem p)
{
    switch (p) {
    case TR_GOAL_EMPTY:
        return "a goal needs some words: its text is empty";
    case TR_GOAL_TOO_LONG:
        return "a goal's text is longer than the most allowed (TR_GOAL_TEXT_MAX bytes)";
    case TR_GOAL_TOO_MANY:
        return "the most goals the pack allows at once are active already: mark one reached "
               "or let go of first";
    case TR_GOAL_RATING:
        return "the rating is missing or outside the pack's scale";
    case TR_GOAL_UNKNOWN:
        return "no goal with this id";
    case TR_GOAL_NOT_ACTIVE:
        return "the goal was reached or let go of already";
    case TR_GOAL_MODULE:
        return "not a module id (a-z, 0-9 and _, starting with a letter)";
    case TR_GOAL_OK:
        break;
    }
    return "";
}

/* TR_GOAL_OK, or the problem in *why and err. */
static int refuse(tr_goal_problem p, tr_goal_problem *why, tr_error *err)
{
    if (why)
        *why = p;
    if (p == TR_GOAL_OK)
        return 0;
    if (p == TR_GOAL_TOO_LONG)
        tr_error_set(err, TR_E_INVALID, "a goal's text is longer than %d bytes", TR_GOAL_TEXT_MAX);
    else
        tr_error_set(err, TR_E_INVALID, "%s", problem_text(p));
    return 1;
}

/* ---- records ------------------------------------------------------------------------------- */

static cJSON *head(const char *ts, const char *goal, const char *op)
{
    cJSON *rec = cJSON_CreateObject();
    if (!rec || !cJSON_AddStringToObject(rec, "type", "goal") ||
        !cJSON_AddStringToObject(rec, "ts", ts) || !cJSON_AddStringToObject(rec, "goal", goal) ||
        !cJSON_AddStringToObject(rec, "op", op)) {
        cJSON_Delete(rec);
        return NULL;
    }
    return rec;
}

static cJSON *nomem(cJSON *rec, tr_error *err)
{
    cJSON_Delete(rec);
    tr_error_set(err, TR_E_NOMEM, "out of memory making the goal record");
    return NULL;
}

static int no_ts(const char *ts, tr_error *err)
{
    if (ts && ts[0])
        return 0;
    tr_error_set(err, TR_E_INVALID, "a goal record needs its time (ts)");
    return 1;
}

static void next_id(const tr_goal_list *l, char *buf, size_t size)
{
    for (size_t k = l->n + 1;; k++) {
        snprintf(buf, size, "goal%zu", k);
        if (tr_goal_find(l, buf) < 0)
            return;
    }
}

cJSON *tr_goal_add_record(const tr_goal_content *c, const tr_goal_list *l, const char *ts,
                          const char *text, int rating, const char *module, tr_goal_problem *why,
                          tr_error *err)
{
    char id[TR_GOAL_ID_MAX], words[TR_GOAL_TEXT_MAX + 1];
    const char *s;
    size_t n;
    if (no_ts(ts, err) || refuse(tr_goal_check_add(c, l, text, rating), why, err))
        return NULL;
    if (module && module[0] && !tr_inst_content_id_ok(module)) {
        refuse(TR_GOAL_MODULE, why, err);
        return NULL;
    }
    trim(text, &s, &n);
    memcpy(words, s, n);
    words[n] = 0;
    next_id(l, id, sizeof id);
    cJSON *rec = head(ts, id, "add");
    if (!rec || !cJSON_AddStringToObject(rec, "text", words) ||
        !cJSON_AddNumberToObject(rec, "rating", rating) ||
        (module && module[0] && !cJSON_AddStringToObject(rec, "module", module)))
        return nomem(rec, err);
    return rec;
}

cJSON *tr_goal_rate_record(const tr_goal_content *c, const tr_goal_list *l, const char *ts,
                           const char *id, int rating, const char *at, tr_goal_problem *why,
                           tr_error *err)
{
    if (no_ts(ts, err) || refuse(tr_goal_check_active(l, id), why, err) ||
        refuse(tr_goal_check_rating(c, rating), why, err))
        return NULL;
    cJSON *rec = head(ts, id, "rate");
    if (!rec || !cJSON_AddNumberToObject(rec, "rating", rating) ||
        !cJSON_AddStringToObject(rec, "at", at && at[0] ? at : "goals"))
        return nomem(rec, err);
    return rec;
}

cJSON *tr_goal_close_record(const tr_goal_list *l, const char *ts, const char *id,
                            tr_goal_status status, tr_goal_problem *why, tr_error *err)
{
    if (no_ts(ts, err) || refuse(tr_goal_check_active(l, id), why, err))
        return NULL;
    if (status == TR_GOAL_ACTIVE) {
        tr_error_set(err, TR_E_INVALID, "a goal is closed as reached or let go of");
        return NULL;
    }
    cJSON *rec = head(ts, id, "close");
    if (!rec || !cJSON_AddStringToObject(rec, "status", tr_goal_status_name(status)))
        return nomem(rec, err);
    return rec;
}

cJSON *tr_goal_link_record(const tr_goal_list *l, const char *ts, const char *id,
                           const char *module, tr_goal_problem *why, tr_error *err)
{
    if (no_ts(ts, err) || refuse(tr_goal_check_active(l, id), why, err))
        return NULL;
    if (module && module[0] && !tr_inst_content_id_ok(module)) {
        refuse(TR_GOAL_MODULE, why, err);
        return NULL;
    }
    cJSON *rec = head(ts, id, "link");
    if (!rec || !cJSON_AddStringToObject(rec, "module", module ? module : ""))
        return nomem(rec, err);
    return rec;
}

/* ---- reading ------------------------------------------------------------------------------- */

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* The record's rating as a whole number in 0..TR_GOAL_SCALE_TOP, or -1. */
static int rating_of(const cJSON *rec)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, "rating");
    if (!cJSON_IsNumber(v) || v->valuedouble != (double)(int)v->valuedouble || v->valuedouble < 0 ||
        v->valuedouble > TR_GOAL_SCALE_TOP)
        return -1;
    return (int)v->valuedouble;
}

void tr_goal_list_free(tr_goal_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++)
        free(list->items[i].ratings);
    free(list->items);
    memset(list, 0, sizeof *list);
}

int tr_goal_find(const tr_goal_list *list, const char *id)
{
    for (size_t i = 0; id && i < list->n; i++)
        if (strcmp(list->items[i].goal, id) == 0)
            return (int)i;
    return -1;
}

int tr_goal_latest(const tr_goal_item *it)
{
    return it->n_ratings ? it->ratings[it->n_ratings - 1].value : -1;
}

static int add_rating(tr_goal_item *it, const char *ts, const char *at, int value)
{
    tr_goal_rating *g = realloc(it->ratings, (it->n_ratings + 1) * sizeof *g);
    if (!g)
        return -1;
    it->ratings = g;
    g[it->n_ratings++] = (tr_goal_rating){.ts = ts, .at = at, .value = value};
    return 0;
}

static int read_add(tr_goal_list *l, const cJSON *rec, size_t *cap)
{
    const char *id = str(rec, "goal"), *text = str(rec, "text");
    int r = rating_of(rec);
    if (!id[0] || !text[0] || r < 0 || tr_goal_find(l, id) >= 0)
        return 0;
    if (l->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        tr_goal_item *g = realloc(l->items, ncap * sizeof *g);
        if (!g)
            return -1;
        l->items = g;
        *cap = ncap;
    }
    tr_goal_item *it = &l->items[l->n++];
    *it = (tr_goal_item){.goal = id,
                         .ts = str(rec, "ts"),
                         .text = text,
                         .module = str(rec, "module"),
                         .status = TR_GOAL_ACTIVE,
                         .closed_ts = ""};
    l->n_active++;
    return add_rating(it, it->ts, "goals", r);
}

static int read_one(tr_goal_list *l, const cJSON *rec, size_t *cap)
{
    const char *op = str(rec, "op");
    if (strcmp(op, "add") == 0)
        return read_add(l, rec, cap);
    int i = tr_goal_find(l, str(rec, "goal"));
    if (i < 0 || l->items[i].status != TR_GOAL_ACTIVE)
        return 0; /* a goal never set, or closed already: skipped */
    tr_goal_item *it = &l->items[i];
    if (strcmp(op, "rate") == 0) {
        int r = rating_of(rec);
        return r < 0 ? 0 : add_rating(it, str(rec, "ts"), str(rec, "at"), r);
    }
    if (strcmp(op, "close") == 0) {
        const char *st = str(rec, "status");
        if (strcmp(st, "reached") != 0 && strcmp(st, "let_go") != 0)
            return 0;
        it->status = strcmp(st, "reached") == 0 ? TR_GOAL_REACHED : TR_GOAL_LET_GO;
        it->closed_ts = str(rec, "ts");
        l->n_active--;
    } else if (strcmp(op, "link") == 0 &&
               cJSON_IsString(cJSON_GetObjectItemCaseSensitive(rec, "module"))) {
        it->module = str(rec, "module");
    }
    return 0;
}

tr_status tr_goal_read(const cJSON *records, tr_goal_list *list, tr_error *err)
{
    const cJSON *rec;
    size_t cap = 0;
    memset(list, 0, sizeof *list);
    cJSON_ArrayForEach(rec, records)
    {
        if (strcmp(str(rec, "type"), "goal") != 0)
            continue;
        if (read_one(list, rec, &cap) != 0) {
            tr_goal_list_free(list);
            return tr_error_set(err, TR_E_NOMEM, "out of memory reading the goals");
        }
    }
    return TR_OK;
}

int tr_goal_event_of(const cJSON *rec, tr_goal_event *ev)
{
    const char *op = str(rec, "op"), *st = str(rec, "status");
    *ev = (tr_goal_event){.goal = str(rec, "goal"),
                          .ts = str(rec, "ts"),
                          .text = "",
                          .rating = -1,
                          .status = TR_GOAL_ACTIVE};
    if (strcmp(str(rec, "type"), "goal") != 0 || !ev->goal[0])
        return 0;
    if (strcmp(op, "add") == 0) {
        ev->op = TR_GOAL_OP_ADD;
        ev->text = str(rec, "text");
        ev->rating = rating_of(rec);
        return ev->text[0] && ev->rating >= 0;
    }
    if (strcmp(op, "rate") == 0) {
        ev->op = TR_GOAL_OP_RATE;
        ev->rating = rating_of(rec);
        return ev->rating >= 0;
    }
    if (strcmp(op, "close") == 0) {
        ev->op = TR_GOAL_OP_CLOSE;
        ev->status = strcmp(st, "reached") == 0  ? TR_GOAL_REACHED
                     : strcmp(st, "let_go") == 0 ? TR_GOAL_LET_GO
                                                 : TR_GOAL_ACTIVE;
        return ev->status != TR_GOAL_ACTIVE;
    }
    ev->op = TR_GOAL_OP_LINK;
    return strcmp(op, "link") == 0;
}
