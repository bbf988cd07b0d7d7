/* Fuzzes the module engine. An input that is a JSON object is validated as a module (any
 * bytes must give a clean list of problems or a module whose every part can be walked); an
 * input that is an array is read as journal records against a small fixed module (progress,
 * entries, value checks, refs and options must never crash or leak), and every entry's values
 * are read and changed through the typed values the screens use (tr_values.h,
 * tr_module_view.h) as they would. Any input is also read as one record's text
 * (tr_records_reader_add_text). */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tr_json.h"
#include "tr_module.h"
#include "tr_module_view.h"
#include "tr_records_read.h"
#include "tr_values.h"

static const char *MODULE =
    "{\"format\":1,\"id\":\"demo\",\"version\":\"1.0\","
    "\"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    "\"summary\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    "\"for\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},\"focus\":[\"phobia\"],\"minutes\":10,"
    "\"review\":{\"status\":\"draft\"},"
    "\"steps\":["
    "{\"id\":\"read\",\"kind\":\"reading\",\"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    " \"text\":[{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}],"
    " \"example\":{\"person\":\"Ali\",\"text\":[{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}]}},"
    "{\"id\":\"ladder\",\"kind\":\"exercise\",\"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    " \"pages\":[{\"id\":\"p\",\"fields\":["
    "  {\"id\":\"goal\",\"type\":\"text\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "  {\"id\":\"rungs\",\"type\":\"list\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    "   \"columns\":["
    "   "
    "{\"id\":\"situation\",\"type\":\"text\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "   {\"id\":\"fear\",\"type\":\"rating\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "   {\"id\":\"half\",\"type\":\"computed\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    "    \"expr\":{\"/\":[{\"var\":\"fear\"},2]}}]},"
    "  {\"id\":\"total\",\"type\":\"computed\",\"sum\":\"rungs.half\","
    "   \"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}}"
    " ]}]},"
    "{\"id\":\"tries\",\"kind\":\"worksheet\",\"per\":\"try\","
    " \"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    " \"pages\":[{\"id\":\"p\",\"show\":[\"ladder.goal\"],\"fields\":["
    "  {\"id\":\"rung\",\"type\":\"choice\",\"options_from\":\"ladder.rungs.situation\","
    "   \"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "  {\"id\":\"at\",\"type\":\"time\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "  {\"id\":\"end\",\"type\":\"time\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "  {\"id\":\"before\",\"type\":\"rating\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}},"
    "  {\"id\":\"after\",\"type\":\"rating\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}}"
    " ]},{\"id\":\"q\",\"show\":[\"before\"],\"fields\":["
    "  {\"id\":\"drop\",\"type\":\"computed\",\"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    "   "
    "\"expr\":{\"/\":[{\"-\":[{\"var\":\"before\"},{\"var\":\"after\"}]},{\"var\":\"before\"}]}},"
    "  {\"id\":\"span\",\"type\":\"computed\",\"as\":\"minutes\","
    "   \"label\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    "   \"expr\":{\"%\":[{\"+\":[{\"-\":[{\"var\":\"end\"},{\"var\":\"at\"}]},1440]},1440]}}"
    " ]}]},"
    "{\"id\":\"think\",\"kind\":\"reflection\",\"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    " \"questions\":[{\"id\":\"q1\",\"text\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}}]},"
    "{\"id\":\"check\",\"kind\":\"checklist\",\"title\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"},"
    " \"items\":[{\"id\":\"i1\",\"text\":{\"nb\":\"a\",\"nn\":\"a\",\"en\":\"a\"}}]}"
    "]}";

/* Reads every field of values as the screens do, whatever kind it holds. */
static void read_values(const tr_module_step *step, const tr_values *v, int depth)
{
    for (size_t pg = 0; pg < step->page_count; pg++)
        for (size_t f = 0; f < step->pages[pg].field_count; f++) {
            const tr_module_field *fd = &step->pages[pg].fields[f];
            const tr_value *x = tr_values_get(v, fd->id);
            double d;
            const char *t = tr_value_text(x);
            assert(!t || tr_value_kind_of(x) == TR_VALUE_TEXT);
            (void)tr_value_number(x, &d);
            (void)tr_value_is_true(x);
            (void)tr_value_has_text(x, "a");
            size_t n = tr_value_count(x);
            assert(n == 0 || tr_value_kind_of(x) == TR_VALUE_LIST);
            for (size_t i = 0; i <= n; i++) {
                (void)tr_value_text_at(x, i);
                const tr_values *row = tr_value_row(x, i);
                assert(!row || i < n);
                if (row && depth < 2)
                    for (size_t c = 0; c < fd->column_count; c++)
                        (void)tr_value_text(tr_values_get(row, fd->columns[c].id));
            }
        }
}

/* Changes a copy of values as the screens would; the copy must stay readable. */
static void change_values(const tr_module_step *step, const tr_values *v)
{
    tr_error err = {0};
    tr_values *c = tr_values_copy(v);
    if (!c)
        return;
    for (size_t pg = 0; pg < step->page_count; pg++)
        for (size_t f = 0; f < step->pages[pg].field_count; f++) {
            const char *id = step->pages[pg].fields[f].id;
            switch (step->pages[pg].fields[f].type) {
            case TR_FIELD_LIST:
                (void)tr_values_add_row(c, id, &err);
                (void)tr_values_set_text(tr_values_row_edit(c, id, 0), "situation", "x", &err);
                tr_values_remove_row(c, id, 1);
                break;
            case TR_FIELD_CHOICE:
                (void)tr_values_set_choice(c, id, "a", true, &err);
                break;
            case TR_FIELD_RATING:
                (void)tr_values_set_number(c, id, 50, &err);
                break;
            default:
                tr_values_clear(c, id);
                break;
            }
        }
    read_values(step, c, 0);
    tr_values_destroy(c);
}

/* Walks everything a front end would touch for the entries of every step. */
static void walk_records(const tr_module *m, const cJSON *records)
{
    tr_module_progress p;
    tr_error err = {0};
    if (tr_module_progress_of(m, records, &p, &err) == TR_OK) {
        assert(p.resume < (int)m->step_count && p.last < (int)m->step_count);
        assert(p.done_count <= m->step_count);
    }
    for (size_t s = 0; s < m->step_count; s++) {
        const tr_module_step *step = &m->steps[s];
        tr_module_entries e = {0};
        if (tr_module_entries_of(m, step->id, records, &e, &err) != TR_OK)
            continue;
        for (size_t i = 0; i < e.count; i++) {
            if (step->kind == TR_STEP_READING)
                continue;
            if (tr_module_values_check(step, e.items[i].values, &err) == TR_OK)
                (void)tr_module_values_complete(step, e.items[i].values);
            cJSON *full = tr_module_compute(step, e.items[i].values, &err);
            for (size_t pg = 0; pg < step->page_count; pg++) {
                for (size_t k = 0; k < step->pages[pg].show_count; k++)
                    (void)tr_module_ref_value(m, step, step->pages[pg].show[k], e.items[i].values,
                                              records, NULL);
                for (size_t f = 0; f < step->pages[pg].field_count; f++) {
                    const tr_module_field *fd = &step->pages[pg].fields[f];
                    char buf[64];
                    if (fd->options_from)
                        cJSON_Delete(tr_module_options_of(m, fd, records, &err));
                    tr_module_format_number(fd, cJSON_GetObjectItemCaseSensitive(full, fd->id),
                                            "nn", buf, sizeof buf);
                    assert(strlen(buf) < sizeof buf);
                }
            }
            cJSON_Delete(full);
            const tr_values *tv = tr_module_entry_values(&e.items[i]);
            read_values(step, tv, 0);
            change_values(step, tv);
            tr_values_destroy(tr_module_compute_values(step, tv, &err));
            for (size_t pg = 0; pg < step->page_count; pg++)
                for (size_t k = 0; k < step->pages[pg].show_count; k++)
                    (void)tr_value_text(
                        tr_module_ref(m, step, step->pages[pg].show[k], tv, records, NULL));
        }
        tr_module_entries_free(&e);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_error err = {0};
    tr_records_reader rd;
    if (tr_records_reader_begin(&rd, &err) == TR_OK) {
        tr_status st = tr_records_reader_add_text(&rd, (const char *)data, size, &err);
        cJSON *got = tr_records_reader_end(&rd, st == TR_OK);
        assert((st == TR_OK) == (got && cJSON_GetArraySize(got) == 1));
        cJSON_Delete(got);
    }
    cJSON *json = tr_json_parse((const char *)data, size, "fuzz", &err);
    if (!json)
        return 0;
    tr_diags d = {0};
    tr_module *m = NULL;
    if (cJSON_IsArray(json)) {
        cJSON *mj = cJSON_Parse(MODULE);
        tr_status st = tr_module_from_json(mj, "demo.json", "demo", &m, &d);
        assert(st == TR_OK);
        (void)st;
        walk_records(m, json);
        cJSON_Delete(mj);
    } else if (tr_module_from_json(json, "fuzz.json", NULL, &m, &d) == TR_OK) {
        assert(d.count == 0);
        cJSON *none = cJSON_CreateArray();
        walk_records(m, none);
        cJSON_Delete(none);
    } else {
        assert(m == NULL);
    }
    tr_module_destroy(m);
    tr_diags_free(&d);
    cJSON_Delete(json);
    return 0;
}
