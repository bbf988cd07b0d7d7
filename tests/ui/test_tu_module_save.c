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

#include "tp_path.h"
#include "tu_mod_priv.h"

static void measure(void *user, tu_font font, int size, int wrap, const char *text, int *w, int *h)
{
    (void)user, (void)font, (void)size;
    int total = (int)strlen(text) * 9;
    *w = wrap > 0 && total > wrap ? wrap : total;
    *h = 20 * (wrap > 0 && total > wrap ? (total + wrap - 1) / wrap : 1);
}

static tu_app app;

static int setup(void **state)
{
    (void)state;
    char dir[1100];
    tr_diags diags = {0};
    tr_error err = {0};
    memset(&app, 0, sizeof app);
    const char *content = getenv("TRINN_CONTENT");
    assert_non_null(content);
    snprintf(app.content_dir, sizeof app.content_dir, "%s", content);
    assert_int_equal(tp_path_join(dir, sizeof dir, content, "i18n"), 0);
    assert_int_equal(tu_lang_load(&app.lang, dir, &err), TR_OK);
    assert_int_equal(tr_content_load(&(tr_content_desc){.dir = content}, &app.pack, &diags, &err),
                     TR_OK);
    tr_diags_free(&diags);
    app.lang.pack = app.pack;
    app.mods.cur = app.mods.step = -1;
    tu_init(&app.ui, measure, NULL);
    tu_theme_style(&app.ui.style, TU_THEME_STANDARD, 1.0f);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_mods_free(&app.mods);
    tu_records_free(&app.records);
    tu_lang_free(&app.lang);
    tr_content_free(app.pack);
    tu_free(&app.ui);
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
