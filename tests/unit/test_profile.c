/* The profile store (core/tr_profile.h): create / list / unlock / passphrase change / delete;
 * what is visible without the passphrase (issue 13 item 3: the name is only inside the
 * encrypted journal, files are named by random ids, erasing leaves no trace; the whole data
 * folder is searched for the name); the migration of an old folder (names.json and slug files,
 * also after a crash half-way); file and folder modes under umask 000 (item 7); the strength
 * floor, the generator's phrases passing it, and the weak-passphrase flag at unlock (item 4). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "tj_support.h"
#include "tp_fs.h"
#include "tr_passgen.h"
#include "tr_profile.h"
#include "tr_strength.h"

#define STRONG  "grønn sykkel under brua"
#define STRONG2 "tre grønne epler i kurven"
#define NAME    "Kari Nordmann"

static char data[512];

static tr_profile_desc desc(void)
{
    tr_profile_desc d = {.data_dir = data};
    tr_profile_test_costs(&d.kdf_ops, &d.kdf_mem);
    return d;
}

static int setup(void **state)
{
    (void)state;
    static int n;
    snprintf(data, sizeof data, "%s/data%d", tj_dir, n++);
    return 0;
}

/* 1 when needle occurs in any file under dir, or in any file or folder name. */
static int found_under(const char *dir, const char *needle)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int hit = 0;
    while (!hit && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (strstr(e->d_name, needle))
            hit = 1;
        if (hit)
            continue;
        if (tp_fs_is_dir(p)) {
            hit = found_under(p, needle);
            continue;
        }
        size_t len = 0;
        uint8_t *b = tj_read_all(p, &len);
        size_t n = strlen(needle);
        for (size_t i = 0; b && i + n <= len && !hit; i++)
            hit = memcmp(b + i, needle, n) == 0;
        free(b);
    }
    closedir(d);
    return hit;
}

/* 1 when only the owner may use path: mode 0700 for a folder and 0600 for a file, or on Windows
 * an access list for the owner alone; also 1 where the file system keeps no access lists
 * (wine), which cannot tell. */
static int owner_only(const char *path)
{
    return !tt_acls_kept(tj_dir) || tt_owner_only(path);
}

/* An old version's folder, readable by others (0755 on POSIX; Windows has no such modes). */
static int mkdir_old(const char *path)
{
#ifdef _WIN32
    return mkdir(path);
#else
    return mkdir(path, 0755);
#endif
}

static tr_status visit_count(void *user, const tr_journal_record *rec, tr_error *err)
{
    (void)rec;
    (void)err;
    ++*(int *)user;
    return TR_OK;
}

static void test_name_stays_inside(void **state)
{
    (void)state;
    tr_profile_desc d = desc();
    tr_profile p = {0};
    tr_error err = {0};
    tr_profile_info *list = NULL;
    size_t n = 99;
    assert_int_equal(tr_profile_list(&d, &list, &n, &err), TR_OK); /* no folder yet */
    assert_int_equal(n, 0);

    tr_profile_new np = {.name = "  " NAME " ", .symbol = "star", .colour = "teal", .label = "Sol"};
    assert_int_equal(tr_profile_create(&d, &np, STRONG, strlen(STRONG), &p, &err), TR_OK);
    assert_string_equal(p.name, NAME);
    assert_string_equal(p.info.label, "Sol");
    assert_int_equal(strlen(p.info.id), TR_PROFILE_ID_LEN);
    char id[TR_PROFILE_ID_LEN + 1];
    snprintf(id, sizeof id, "%s", p.info.id);
    const char *rec = "{\"type\":\"checkin\",\"ts\":\"2026-12-01T10:00:00Z\",\"mood\":6,"
                      "\"sleep_hours\":7,\"note\":\"\"}";
    assert_int_equal(tr_profile_append(&p, rec, strlen(rec), &err), TR_OK);
    tr_profile_close(&p);
    /* the name is nowhere in the data folder: not in a file name, the index or the journal */
    assert_false(found_under(data, "Kari"));
    assert_false(found_under(data, "kari"));
    assert_true(found_under(data, "Sol")); /* the label is, as the client was told */

    /* a second profile may not take the label (case aside); without a label it may */
    np = (tr_profile_new){.name = "Ola", .label = "sOL"};
    assert_int_equal(tr_profile_create(&d, &np, STRONG2, strlen(STRONG2), &p, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "already a profile labelled"));
    np.label = NULL;
    np.symbol = "moon"; /* not one of ours */
    assert_int_equal(tr_profile_create(&d, &np, STRONG2, strlen(STRONG2), &p, &err), TR_E_INVALID);
    np.symbol = NULL;
    np.kind = (tr_profile_kind)7; /* neither client nor therapist */
    assert_int_equal(tr_profile_create(&d, &np, STRONG2, strlen(STRONG2), &p, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "a client or a therapist profile"));
    np.kind = TR_PROFILE_CLIENT;
    assert_int_equal(tr_profile_create(&d, &np, "sommer", 6, &p, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "too easy to guess"));
    assert_int_equal(tr_profile_create(&d, &np, STRONG2, strlen(STRONG2), &p, &err), TR_OK);
    tr_profile_close(&p);

    assert_int_equal(tr_profile_list(&d, &list, &n, &err), TR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].id, id); /* in the order they were made */
    assert_string_equal(list[0].symbol, "star");
    assert_string_equal(list[0].colour, "teal");
    assert_string_equal(list[1].label, "");
    assert_string_equal(list[1].symbol, tr_profile_symbols[0]);
    tr_profile_list_free(list);

    /* unlock: the name from the journal, the other records to the reader */
    int count = 0;
    assert_int_equal(tr_profile_unlock(&d, id, "feil", 4, visit_count, &count, &p, &err),
                     TR_E_AUTH);
    assert_int_equal(
        tr_profile_unlock(&d, id, STRONG, strlen(STRONG), visit_count, &count, &p, &err), TR_OK);
    assert_string_equal(p.name, NAME);
    assert_int_equal(count, 1); /* the check-in; the profile record is the store's */
    assert_false(p.weak);
    /* a passphrase change: the floor applies, the current one is checked */
    assert_int_equal(tr_profile_passwd(&d, &p, STRONG, strlen(STRONG), "kari", 4, &err),
                     TR_E_INVALID);
    assert_int_equal(tr_profile_passwd(&d, &p, "feil", 4, STRONG2, strlen(STRONG2), &err),
                     TR_E_AUTH);
    assert_int_equal(
        tr_profile_passwd(&d, &p, STRONG, strlen(STRONG), STRONG2, strlen(STRONG2), &err), TR_OK);
    tr_profile_close(&p);

    /* found by label (any case) or id; then deleted without a trace */
    tr_profile_info info;
    assert_int_equal(tr_profile_find(&d, "SOL", &info, &err), TR_OK);
    assert_string_equal(info.id, id);
    assert_int_equal(tr_profile_find(&d, id, &info, &err), TR_OK);
    assert_int_equal(tr_profile_find(&d, "Kari Nordmann", &info, &err), TR_E_NOTFOUND);
    assert_int_equal(tr_profile_delete(&d, id, STRONG, strlen(STRONG), &err), TR_E_AUTH);
    assert_int_equal(tr_profile_delete(&d, id, STRONG2, strlen(STRONG2), &err), TR_OK);
    assert_false(found_under(data, "Sol"));
    assert_false(found_under(data, id));
    assert_false(found_under(data, "Kari"));
    assert_int_equal(tr_profile_list(&d, &list, &n, &err), TR_OK);
    assert_int_equal(n, 1);
    /* without a passphrase (trinnctl, for a forgotten one) */
    assert_int_equal(tr_profile_delete(&d, list[0].id, NULL, 0, &err), TR_OK);
    tr_profile_list_free(list);
    assert_int_equal(tr_profile_list(&d, &list, &n, &err), TR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(tr_profile_unlock(&d, "../../etc/passwd", "a", 1, NULL, NULL, &p, &err),
                     TR_E_INVALID);
    assert_int_equal(
        tr_profile_unlock(&d, "0123456789abcdef0123456789abcdef", "a", 1, NULL, NULL, &p, &err),
        TR_E_NOTFOUND);
}

/* An old folder: names.json and <slug>.trinn, one journal with a weak passphrase. */
static void old_folder(const char *weak_pass)
{
    char dir[700], path[800];
    snprintf(dir, sizeof dir, "%s/profiles", data);
    assert_int_equal(mkdir_old(data), 0);
    assert_int_equal(mkdir_old(dir), 0);
    const char *slugs[] = {"kari-nordmann", "ola"};
    const char *passes[] = {weak_pass, STRONG};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s.trinn", dir, slugs[i]);
        tr_journal_desc jd = tj_desc(path, NULL);
        tr_journal *j = NULL;
        tr_error err = {0};
        assert_int_equal(tr_journal_create(&jd, passes[i], strlen(passes[i]), &j, &err), TR_OK);
        char rec[600];
        uint64_t seq;
        for (int r = 1; r <= 3; r++)
            assert_int_equal(tr_journal_append(j, rec, tj_record(rec, sizeof rec, r), &seq, &err),
                             TR_OK);
        tr_journal_close(j);
    }
    snprintf(path, sizeof path, "%s/names.json", dir);
    FILE *f = fopen(path, "w");
    fputs("{\"kari-nordmann\": \"" NAME "\", \"ola\": \"Ola\"}\n", f);
    fclose(f);
}

static void test_migration(void **state)
{
    (void)state;
    tr_profile_desc d = desc();
    tr_error err = {0};
    old_folder("sommer");
    char dir[700];
    snprintf(dir, sizeof dir, "%s/profiles", data);
    assert_true(found_under(data, "kari-nordmann"));

    tr_profile_info *list = NULL;
    size_t n = 0;
    assert_int_equal(tr_profile_list(&d, &list, &n, &err), TR_OK);
    assert_int_equal(n, 2);
    /* the old names are the visible labels now (they were visible before); files renamed */
    int k = strcmp(list[0].label, NAME) == 0 ? 0 : 1;
    assert_string_equal(list[k].label, NAME);
    assert_string_equal(list[1 - k].label, "Ola");
    assert_false(found_under(data, "kari-nordmann")); /* no slug file, no names.json */
    assert_false(found_under(data, "names.json"));
    assert_true(owner_only(data)); /* folders tightened */
    assert_true(owner_only(dir));

    /* first unlock: every record is there, the name goes into the journal, the weak passphrase
     * is reported */
    tr_profile p = {0};
    int count = 0;
    assert_int_equal(tr_profile_unlock(&d, list[k].id, "sommer", 6, visit_count, &count, &p, &err),
                     TR_OK);
    assert_int_equal(count, 3);
    assert_string_equal(p.name, NAME);
    assert_true(p.weak);
    assert_int_equal(tr_profile_passwd(&d, &p, "sommer", 6, STRONG2, strlen(STRONG2), &err), TR_OK);
    assert_false(p.weak);
    tr_profile_close(&p);
    count = 0;
    assert_int_equal(
        tr_profile_unlock(&d, list[k].id, STRONG2, strlen(STRONG2), visit_count, &count, &p, &err),
        TR_OK);
    assert_int_equal(count, 3);
    assert_string_equal(p.name, NAME);
    assert_false(p.weak);
    tr_profile_close(&p);
    tr_profile_list_free(list);
}

/* A crash after the index with the new ids was written but before the files were renamed: the
 * next run finishes the migration, nothing is lost. */
static void test_migration_crash(void **state)
{
    (void)state;
    tr_profile_desc d = desc();
    tr_error err = {0};
    old_folder(STRONG);
    char path[800];
    snprintf(path, sizeof path, "%s/profiles/index.json", data);
    FILE *f = fopen(path, "w");
    fputs("{\"format\":1,\"profiles\":[{\"id\":\"00112233445566778899aabbccddeeff\",\"kind\":"
          "\"client\",\"symbol\":\"sun\",\"colour\":\"red\",\"label\":\"" NAME "\","
          "\"name_pending\":true,\"from\":\"kari-nordmann\"}]}",
          f);
    fclose(f);
    tr_profile_info *list = NULL;
    size_t n = 0;
    assert_int_equal(tr_profile_list(&d, &list, &n, &err), TR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].id, "00112233445566778899aabbccddeeff");
    assert_string_equal(list[0].symbol, "sun");
    assert_string_equal(list[1].label, "Ola");
    assert_false(found_under(data, "kari-nordmann"));
    tr_profile p = {0};
    int count = 0;
    assert_int_equal(
        tr_profile_unlock(&d, list[0].id, STRONG, strlen(STRONG), visit_count, &count, &p, &err),
        TR_OK);
    assert_int_equal(count, 3);
    assert_string_equal(p.name, NAME);
    tr_profile_close(&p);
    tr_profile_list_free(list);
}

static void test_modes_umask_000(void **state)
{
    (void)state;
    mode_t old = umask(0);
    tr_profile_desc d = desc();
    tr_error err = {0};
    tr_profile p = {0};
    tr_profile_new np = {.name = "Kari", .label = "K"};
    assert_int_equal(tr_profile_create(&d, &np, STRONG, strlen(STRONG), &p, &err), TR_OK);
    char path[800], dir[700];
    snprintf(dir, sizeof dir, "%s/profiles", data);
    assert_true(owner_only(data));
    assert_true(owner_only(dir));
    snprintf(path, sizeof path, "%s/index.json", dir);
    assert_true(owner_only(path));
    tr_profile_path(&d, p.info.id, path, sizeof path);
    assert_true(owner_only(path));
    assert_int_equal(
        tr_profile_passwd(&d, &p, STRONG, strlen(STRONG), STRONG2, strlen(STRONG2), &err), TR_OK);
    assert_true(owner_only(path)); /* the rewritten journal too */
    tr_profile_close(&p);
    /* no temporary file is left behind */
    DIR *dd = opendir(dir);
    struct dirent *e;
    while ((e = readdir(dd)))
        assert_null(strstr(e->d_name, ".tmp"));
    closedir(dd);
    umask(old);
}

static void test_generated_pass_the_floor(void **state)
{
    (void)state;
    const char *content = getenv("TRINN_CONTENT");
    assert_non_null(content);
    tr_words *common = NULL, *list = NULL;
    tr_error err = {0};
    assert_int_equal(tr_words_load(content, &common, NULL, &err), TR_OK);
    const char *langs[] = {"nb", "nn"};
    for (int l = 0; l < 2; l++) {
        assert_int_equal(tr_passgen_load(content, langs[l], &list, NULL, &err), TR_OK);
        assert_true(list->count >= TR_PASSGEN_MIN_WORDS);
        assert_true(tr_passgen_bits(list, TR_PASSGEN_WORDS) >= 55.0);
        /* the floor is at or below what the generator gives */
        assert_true(TR_STRENGTH_MIN_BITS <= tr_passgen_bits(list, TR_PASSGEN_WORDS));
        char phrase[TR_PASSGEN_MAX_BYTES], prev[TR_PASSGEN_MAX_BYTES] = "";
        int same = 0;
        for (int i = 0; i < 2000; i++) {
            assert_int_equal(
                tr_passgen_make_strong(list, "Kari", common, phrase, sizeof phrase, &err), TR_OK);
            int spaces = 0;
            for (const char *c = phrase; *c; c++)
                spaces += *c == ' ';
            assert_int_equal(spaces, TR_PASSGEN_WORDS - 1);
            /* no word twice (a repeat would count as nothing in a strength estimate) */
            char copy[TR_PASSGEN_MAX_BYTES], *word[TR_PASSGEN_WORDS] = {copy};
            memcpy(copy, phrase, sizeof copy);
            int nw = 1;
            for (char *c = copy; *c && nw < TR_PASSGEN_WORDS; c++)
                if (*c == ' ') {
                    *c = '\0';
                    word[nw++] = c + 1;
                }
            for (int a = 0; a < nw; a++)
                for (int b = a + 1; b < nw; b++)
                    if (!strcmp(word[a], word[b]))
                        fail_msg("a made passphrase repeats a word: %s", phrase);
            /* zxcvbn with the common words known, and with a name taken from the phrase */
            if (!tr_strength_ok(phrase, "Kari", common))
                fail_msg("a made passphrase is under the floor: %.1f bits",
                         tr_strength_bits(phrase, "Kari", common));
            same += strcmp(phrase, prev) == 0;
            memcpy(prev, phrase, sizeof prev);
        }
        assert_int_equal(same, 0);
        assert_int_equal(tr_passgen_make(list, TR_PASSGEN_WORDS, phrase, 10, &err), TR_E_INVALID);
        assert_string_equal(phrase, "");
        tr_words_free(list);
    }
    /* a list whose every phrase the estimate rates weak (one word, the client's name, in every
     * place: «kari kari kari kari kari») makes no phrase at all, where tr_passgen_make alone
     * handed one out under the floor (the Windows build's stand-in rated 8 of 400,000 draws of
     * the shipped lists so) */
    {
        static const char *same[TR_PASSGEN_MIN_WORDS + 1];
        char made[TR_PASSGEN_MAX_BYTES];
        for (size_t i = 0; i < TR_PASSGEN_MIN_WORDS; i++)
            same[i] = "kari";
        tr_words weak = {same, TR_PASSGEN_MIN_WORDS, NULL};
        assert_int_equal(tr_passgen_make(&weak, TR_PASSGEN_WORDS, made, sizeof made, &err), TR_OK);
        assert_string_equal(made, "kari kari kari kari kari");
        assert_false(tr_strength_ok(made, "Kari", common));
        assert_int_equal(tr_passgen_make_strong(&weak, "Kari", common, made, sizeof made, &err),
                         TR_E_INVALID);
        assert_string_equal(made, "");
    }
    tr_words_free(common);
    /* the old floor let these through; the new one does not */
    assert_false(tr_strength_ok("kari1990", "Kari", NULL));
    assert_false(tr_strength_ok("pass one two", "", NULL));
    assert_true(tr_strength_ok(STRONG, "Kari", NULL));
}

int main(void)
{
    tj_mkdir();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_name_stays_inside, setup),
        cmocka_unit_test_setup(test_migration, setup),
        cmocka_unit_test_setup(test_migration_crash, setup),
        cmocka_unit_test_setup(test_modes_umask_000, setup),
        cmocka_unit_test(test_generated_pass_the_floor),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tj_rmdir();
    return rc;
}
