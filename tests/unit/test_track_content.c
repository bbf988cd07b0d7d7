/* Unit tests of tr_track_content: the numbers of the charts and of the outcome metrics come
 * from the shipped instrument files (PHQ-9: 0-27, caseness 10, reliable change 6, 5 bands). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tr_track_content.h"

static tr_inst *load_inst(const char *file)
{
    char path[4096];
    char *text = NULL;
    size_t len = 0;
    tr_inst *inst = NULL;
    tr_diags diags = {0};
    tr_error err = {0};
    const char *dir = getenv("TRINN_CONTENT");
    assert_non_null(dir);
    snprintf(path, sizeof path, "%s/instruments/%s", dir, file);
    assert_int_equal(tp_fs_read_file(path, 1 << 22, &text, &len), 0);
    if (tr_inst_parse(text, len, &(tr_inst_desc){.name = file}, &inst, &diags, &err) != TR_OK)
        fail_msg("%s", err.msg);
    tr_diags_free(&diags);
    free(text);
    return inst;
}

static void test_phq9_scale_from_the_instrument_file(void **state)
{
    tr_inst *inst = load_inst("phq9.json");
    tr_track_scale s;
    tr_error err = {0};
    assert_int_equal(tr_track_scale_from_inst(inst, &s, &err), TR_OK);
    assert_string_equal(s.id, "phq9");
    assert_true(s.max == 27);
    assert_true(s.caseness == 10);
    assert_true(s.reliable_change == 6);
    assert_int_equal(s.n_bands, 5);
    assert_string_equal(s.bands[0].id, "minimal");
    assert_true(s.bands[0].min == 0 && s.bands[0].max == 4);
    assert_true(s.bands[4].min == 20 && s.bands[4].max == 27);
    tr_inst_free(inst);
}

static void test_scale_without_cutoff_cannot_be_an_outcome_measure(void **state)
{
    tr_inst *inst = load_inst("phq9.json");
    tr_track_scale s[2];
    tr_track_config cfg = {.depression = "phq9", .anxiety = "other", .finished_sessions = 2};
    tr_outcome_config ocfg;
    tr_error err = {0};
    assert_int_equal(tr_track_scale_from_inst(inst, &s[0], &err), TR_OK);
    s[1] = s[0];
    strcpy(s[1].id, "other");
    s[1].caseness = NAN; /* e.g. a measure whose caseness is per item */
    assert_int_equal(tr_track_outcome_config(&cfg, s, 2, &ocfg, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "'other'"));
    s[1].caseness = 8;
    s[1].reliable_change = 4;
    assert_int_equal(tr_track_outcome_config(&cfg, s, 2, &ocfg, &err), TR_OK);
    assert_int_equal(ocfg.scale[0].caseness, 10);
    assert_int_equal(ocfg.scale[0].reliable_change, 6);
    assert_int_equal(ocfg.scale[0].max, 27);
    tr_inst_free(inst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phq9_scale_from_the_instrument_file),
        cmocka_unit_test(test_scale_without_cutoff_cannot_be_an_outcome_measure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
