/* The progress line of the self-assessment (tu_walk_progress), without a window: walks the
 * shipped pack with answers that open few and many follow-ups and checks, at every question,
 * what the line and its bar promise. The line counts the questions the answers so far lead to
 * (a->n) and says «perhaps more» while a follow-up may still come; so it starts well below
 * every question there could be, never falls as the client goes forward, and once it stops
 * saying «perhaps more» its count is exact. The bar (pos / tu_assess_total) never moves back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tu_app.h"
#include "tu_testkit.h"

static tu_app app;

static int setup(void **state)
{
    (void)state;
    char msg[1200];
    if (tu_testkit_open(&app, 0, msg, sizeof msg) != 0)
        fail_msg("%s", msg);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_testkit_close(&app);
    return 0;
}

/* An answer for the walk: item id and its value as JSON text. */
typedef struct answer {
    const char *item, *json;
} answer;

/* Walks the whole self-assessment: the answer given for an item, else its first (or, with
 * last, its last) option; multi-choice items not given are skipped. Checks the line and the
 * bar at every question; returns how many questions were asked. */
static int walk(const answer *given, int last)
{
    tr_error err = {0};
    tu_assess *a = &app.assess;
    assert_int_equal(tu_assess_begin(a, app.pack, &err), TR_OK);
    int first_total = a->n, upper = tu_assess_total(a);
    assert_true(tu_assess_more_may_come(a));
    assert_true(first_total < upper); /* calmer than every question there could be */
    float bar = -1;
    int shown = 0, asked = 0;
    const tu_assess_q *q;
    while ((q = tu_assess_current(a))) {
        int total = tu_assess_total(a);
        float now = (float)a->pos / (float)total;
        assert_true(now >= bar); /* the bar never moves back */
        bar = now;
        assert_true(a->n >= shown); /* the count never falls */
        assert_true(a->n >= a->pos + 1);
        shown = a->n;
        if (!tu_assess_more_may_come(a))
            assert_int_equal(a->n, total); /* without «perhaps more» the count is exact */
        cJSON *v = NULL;
        for (const answer *g = given; g->item; g++)
            if (strcmp(g->item, q->item->id) == 0)
                v = cJSON_Parse(g->json);
        if (!v && q->item->kind != TR_ITEM_MULTI && q->item->n_options > 0) {
            const tr_option *o = &q->item->options[last ? q->item->n_options - 1 : 0];
            v = o->is_number ? cJSON_CreateNumber(o->number) : cJSON_CreateString(o->string);
        }
        assert_int_equal(tu_assess_answer(a, v, &err), TR_OK);
        cJSON_Delete(v);
        asked++;
    }
    assert_false(tu_assess_more_may_come(a));
    assert_int_equal(asked, a->n); /* the last count was the number asked */
    assert_true(asked >= first_total);
    tu_assess_end(a);
    return asked;
}

static void test_few_follow_ups(void **state)
{
    (void)state;
    static const answer none[] = {{NULL, NULL}};
    int asked = walk(none, 0);
    assert_true(asked < 57);
}

static void test_many_follow_ups(void **state)
{
    (void)state;
    /* gambling named as a trouble (its gateway is then not asked, Lie/Bet is), drugs and an
     * interpreter: the follow-ups open one after another */
    static const answer many[] = {{"main_troubles", "[\"gambling\"]"}, {"drugs_gateway", "\"yes\""},
                                  {"interpreter", "\"yes\""},          {"doping", "\"yes\""},
                                  {"medication", "\"yes\""},           {NULL, NULL}};
    assert_true(walk(many, 1) >= 50); /* DUDIT, AUDIT, the risk questions, Lie/Bet... */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_few_follow_ups, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_follow_ups, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
