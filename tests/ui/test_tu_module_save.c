/* Saving module entries as the client types, without a window: an app with the real content
 * pack and a fake text measurer opens a new thought record, and text typed into a focused
 * field is saved as a module_entry record at the latest TU_MOD_SAVE_MS after the first
 * unsaved keystroke, while the field still has focus; the entry id stays the same on every
 * save, so the engine sees one entry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tu_mod_priv.h"
#include "tu_testkit.h"

static tu_app app;

static int setup(void **state)
{
    (void)state;
    char msg[1200];
    if (tu_testkit_open(&app, 0, msg, sizeof msg) != 0)
        fail_msg("%s", msg);
    tu_theme_style(&app.ui.style, TU_THEME_STANDARD, 1.0f);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_testkit_close(&app);
    return 0;
}

static void frame(int64_t now)
{
    tu_begin(&app.ui, 1280, 4000, now);
    tu_column(&app.ui, 0, 0, 720);
    tu_step_body(&app);
    tu_end(&app.ui);
}

static size_t entries(void)
{
    size_t n = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, tu_records_list(&app.records))
    {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(r, "type");
        n += cJSON_IsString(t) && strcmp(t->valuestring, "module_entry") == 0;
    }
    return n;
}

static const char *last_situation(void)
{
    const cJSON *list = tu_records_list(&app.records);
    const cJSON *last = cJSON_GetArrayItem(list, cJSON_GetArraySize(list) - 1);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(last, "values");
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(v, "situation");
    return cJSON_IsString(s) ? s->valuestring : NULL;
}

static void typed_text_is_saved_while_typing(void **state)
{
    (void)state;
    assert_non_null(tu_mods_find(&app, "thought_record"));
    for (size_t i = 0; i < app.mods.n; i++)
        if (strcmp(app.mods.mods[i]->id, "thought_record") == 0)
            app.mods.cur = (int)i;
    app.mods.step = tr_module_step_index(app.mods.mods[app.mods.cur], "record");
    assert_true(app.mods.step >= 0);
    tu_mod_edit(&app, -2); /* a new entry */
    app.mods.editing = 1;
    frame(0);
    assert_non_null(tu_find(&app.ui, "f.situation"));
    app.ui.focus = tu_id("f.situation");

    tu_input_text(&app.ui, "Sjefen");
    frame(100);
    assert_int_equal(entries(), 0); /* typing: not saved at once */
    tu_input_text(&app.ui, " svarte ikke");
    frame(TU_MOD_SAVE_MS - 50);
    assert_int_equal(entries(), 0);
    assert_true(app.ui.wake_ms > 0 && app.ui.wake_ms <= TU_MOD_SAVE_MS + 100);
    frame(TU_MOD_SAVE_MS + 150); /* still focused, still typing: saved now */
    assert_int_equal(entries(), 1);
    assert_string_equal(last_situation(), "Sjefen svarte ikke");

    tu_input_text(&app.ui, " i dag");
    frame(TU_MOD_SAVE_MS + 300);
    assert_int_equal(entries(), 1);
    app.ui.focus = 0; /* the field loses focus: saved at once */
    frame(TU_MOD_SAVE_MS + 400);
    assert_int_equal(entries(), 2);
    assert_string_equal(last_situation(), "Sjefen svarte ikke i dag");

    /* both saves are one entry */
    tr_module_entries e = {0};
    tr_error err = {0};
    assert_int_equal(tr_module_entries_of(app.mods.mods[app.mods.cur], "record",
                                          tu_records_list(&app.records), &e, &err),
                     TR_OK);
    assert_int_equal(e.count, 1);
    tr_module_entries_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(typed_text_is_saved_while_typing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
