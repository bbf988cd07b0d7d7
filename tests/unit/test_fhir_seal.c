/* Unit tests of the sealed FHIR export (tr_fhir_export_write with a team's age key): every file
 * is written as NAME.age (0600) and nothing in clear, each opens with the team's identity to
 * exactly the text of the clear export, another team's identity opens none, and a second
 * sealed export into the same folder is refused before anything is written. Uses the shipped
 * content pack (TRINN_CONTENT). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tr_age.h"
#include "tr_content.h"
#include "tr_fhir.h"
#include "tr_team.h"
#include "tt_os.h"

static const char *const RECORDS[] = {
    "{\"type\":\"assessment\",\"ts\":\"2026-01-05T09:00:00Z\",\"answers\":{\"phq9\":{\"phq9_1\":2,"
    "\"phq9_2\":2,\"phq9_3\":2,\"phq9_4\":2,\"phq9_5\":2,\"phq9_6\":2,\"phq9_7\":2,\"phq9_8\":1,"
    "\"phq9_9\":1},\"gad7\":{\"gad7_1\":2,\"gad7_2\":2,\"gad7_3\":2,\"gad7_4\":2,\"gad7_5\":2,"
    "\"gad7_6\":1,\"gad7_7\":1}},\"scores\":{\"phq9\":{\"total\":16,\"scorable\":true},\"gad7\":"
    "{\"total\":12,\"scorable\":true}},\"recommended\":\"individual\",\"chosen\":\"course\"}",
    "{\"type\":\"measure\",\"ts\":\"2026-02-02T09:00:00Z\",\"instrument\":\"gad7\",\"answers\":"
    "{\"gad7_1\":1,\"gad7_2\":1,\"gad7_3\":1,\"gad7_4\":1,\"gad7_5\":1,\"gad7_6\":1,\"gad7_7\":0},"
    "\"total\":6,\"scorable\":true}",
};
static const char *const FILES[] = {"bundle.json", "QuestionnaireResponse.ndjson",
                                    "Observation.ndjson", "Organization.ndjson"};

typedef struct fx {
    tr_content *pack;
    tr_fhir_map *map;
    tr_fhir_export *ex;
    char dir[200];
} fx;

static int setup(void **state)
{
    static fx f;
    tr_error err = {0};
    tr_diags diags = {0};
    memset(&f, 0, sizeof f);
    assert_int_equal(
        tr_content_load(&(tr_content_desc){.dir = getenv("TRINN_CONTENT")}, &f.pack, &diags, &err),
        TR_OK);
    tr_diags_free(&diags);
    assert_int_equal(tr_fhir_map_load(f.pack, &f.map, &err), TR_OK);
    assert_int_equal(tr_fhir_export_make(&(tr_fhir_desc){.pack = f.pack,
                                                         .map = f.map,
                                                         .team = "RPH Nordby",
                                                         .municipality = "Nordby kommune"},
                                         &f.ex, &err),
                     TR_OK);
    for (size_t i = 0; i < sizeof RECORDS / sizeof RECORDS[0]; i++)
        assert_int_equal(tr_fhir_export_feed(f.ex, i + 1, RECORDS[i], strlen(RECORDS[i]), &err),
                         TR_OK);
    assert_int_equal(tr_fhir_export_skipped(f.ex), 0);
    assert_int_equal(tt_mkdtemp(f.dir, sizeof f.dir, "trinn-seal"), 0);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    assert_int_equal(tt_remove_tree(f->dir), 0);
    tr_fhir_export_destroy(f->ex);
    tr_fhir_map_free(f->map);
    tr_content_free(f->pack);
    return 0;
}

static char *read_file(const char *dir, const char *sub, const char *name, const char *ext,
                       size_t *len)
{
    char path[512];
    char *text = NULL;
    snprintf(path, sizeof path, "%s/%s/%s%s", dir, sub, name, ext);
    if (tp_fs_read_file(path, TR_AGE_MAX_FILE, &text, len) != 0)
        return NULL;
    return text;
}

static void sealed_opens_to_clear_text(void **state)
{
    fx *f = *state;
    tr_error err = {0};
    tr_team_keys team, other;
    tr_team_card card;
    char clear[256], sealed[256];
    snprintf(clear, sizeof clear, "%s/clear", f->dir);
    snprintf(sealed, sizeof sealed, "%s/sealed", f->dir);
    assert_int_equal(tr_team_keys_new(&team, &err), TR_OK);
    assert_int_equal(tr_team_keys_new(&other, &err), TR_OK);
    assert_int_equal(tr_team_card_make(&card, &team, "RPH Nordby", "", "", "", &err), TR_OK);
    assert_int_equal(tr_fhir_export_write(f->ex, clear, NULL, &err), TR_OK);
    assert_int_equal(tr_fhir_export_write(f->ex, sealed, card.box, &err), TR_OK);
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        size_t clen = 0, slen = 0, olen = 0;
        char *c = read_file(f->dir, "clear", FILES[i], "", &clen);
        char *s = read_file(f->dir, "sealed", FILES[i], ".age", &slen);
        char *none = read_file(f->dir, "sealed", FILES[i], "", &olen);
        uint8_t *open = NULL;
        char path[512];
        assert_non_null(c);
        assert_non_null(s);
        assert_null(none); /* nothing in clear beside the sealed file */
        snprintf(path, sizeof path, "%s/%s.age", sealed, FILES[i]);
        assert_true(tp_fs_exists(path));
        if (tt_acls_kept(f->dir)) /* 0600, or Windows' owner-only access list (not under wine) */
            assert_true(tt_owner_only(path));
        assert_int_equal(tr_age_decrypt(&team.box, (const uint8_t *)s, slen, &open, &olen, &err),
                         TR_OK);
        assert_int_equal(olen, clen);
        assert_memory_equal(open, c, clen);
        tr_age_free(open, olen);
        assert_int_equal(tr_age_decrypt(&other.box, (const uint8_t *)s, slen, &open, &olen, &err),
                         TR_E_NOTFOUND);
        free(c);
        free(s);
    }
    /* a second export into the folder is refused before anything is written */
    assert_int_equal(tr_fhir_export_write(f->ex, sealed, card.box, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "exists already"));
    tr_team_keys_wipe(&team);
    tr_team_keys_wipe(&other);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sealed_opens_to_clear_text, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
