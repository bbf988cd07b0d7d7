/* The charts in content/tracking.json ("module_series") name module steps and fields; this
 * checks every name against the shipped modules, so renaming a field in a module cannot
 * silently empty a chart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_module.h"
#include "tr_track.h"

static bool numeric(const tr_module_field *f)
{
    return f && (f->type == TR_FIELD_RATING || f->type == TR_FIELD_NUMBER ||
                 f->type == TR_FIELD_COMPUTED);
}

/* A column of a list field, or NULL. */
static const tr_module_field *column(const tr_module_field *list, const char *id)
{
    for (size_t i = 0; list && i < list->column_count; i++)
        if (strcmp(list->columns[i].id, id) == 0)
            return &list->columns[i];
    return NULL;
}

static void test_module_series_name_real_fields(void **state)
{
    (void)state;
    const char *dir = getenv("TRINN_CONTENT");
    tr_track_config cfg;
    tr_error err = {0};
    if (tr_track_config_load(dir, &cfg, &err) != TR_OK)
        fail_msg("%s", err.msg);
    for (size_t i = 0; i < cfg.n_module; i++) {
        const tr_track_module_series *s = &cfg.module[i];
        char path[1024];
        snprintf(path, sizeof path, "%s/modules/%s.json", dir, s->module);
        tr_module *m = NULL;
        if (tr_module_load(path, &m, NULL) != TR_OK)
            fail_msg("series %s: no valid module %s", s->id, s->module);
        const tr_module_step *step = tr_module_step_find(m, s->step);
        if (!step)
            fail_msg("series %s: module %s has no step %s", s->id, s->module, s->step);
        if (s->date_field[0]) {
            const tr_module_field *d = tr_module_field_find(step, s->date_field);
            if (!d || d->type != TR_FIELD_DATE)
                fail_msg("series %s: %s.%s is not a date field", s->id, s->step, s->date_field);
        }
        const tr_module_field *rows = NULL;
        if (s->rows[0]) {
            rows = tr_module_field_find(step, s->rows);
            if (!rows || rows->type != TR_FIELD_LIST)
                fail_msg("series %s: %s.%s is not a list field", s->id, s->step, s->rows);
        }
        for (size_t k = 0; k < s->n_fields; k++) {
            const tr_module_field *f =
                rows ? column(rows, s->fields[k]) : tr_module_field_find(step, s->fields[k]);
            if (!numeric(f))
                fail_msg("series %s: %s is not a number, rating or computed field of %s", s->id,
                         s->fields[k], s->step);
        }
        if (s->group_field[0]) {
            const tr_module_field *g =
                rows ? column(rows, s->group_field) : tr_module_field_find(step, s->group_field);
            if (!g || (g->type != TR_FIELD_TEXT && g->type != TR_FIELD_CHOICE))
                fail_msg("series %s: %s is not a text or choice field", s->id, s->group_field);
        }
        tr_module_destroy(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_module_series_name_real_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
