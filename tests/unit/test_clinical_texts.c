/* Texts of the shipped content pack that the clinical review (issue 11) found unsafe:
 *   - item 1: no text anywhere in content/ promises that someone will make contact;
 *   - items 12 and 15: the sleep module's caveats name suicidal thoughts, bipolar disorder,
 *     epilepsy, sleep apnoea, driving or machines while sleepy, and never stopping sleeping
 *     pills or benzodiazepines on one's own, in every language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tr_json.h"

static const char *content_dir(void)
{
    const char *d = getenv("TRINN_CONTENT");
    return d ? d : "content";
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Every .json file under dir (recursively) must lack each of the phrases; returns files read. */
static size_t scan(const char *dir, const char *const *phrases, size_t n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t files = 0;
    assert_non_null(d);
    while ((e = readdir(d))) {
        char path[4096];
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            files += scan(path, phrases, n);
        } else if (strstr(e->d_name, ".json")) {
            char *text = slurp(path);
            assert_non_null(text);
            for (size_t i = 0; i < n; i++)
                if (strstr(text, phrases[i]))
                    fail_msg("%s promises contact: \"%s\"", path, phrases[i]);
            free(text);
            files++;
        }
    }
    closedir(d);
    return files;
}

static void test_no_promise_of_contact(void **state)
{
    static const char *const phrases[] = {"tar kontakt med deg",
                                          "tek kontakt med deg",
                                          "will contact you",
                                          "følger deg opp.",
                                          "will follow you up",
                                          "vi vil snakke med deg snart",
                                          "we want to talk with you soon"};
    (void)state;
    assert_true(scan(content_dir(), phrases, sizeof phrases / sizeof *phrases) > 20);
}

static void test_sleep_caveats(void **state)
{
    static const char *const want[][7] = {
        {"tanker om å ta livet ditt", "bipolar lidelse", "epilepsi", "søvnapné", "Ikke kjør bil",
         "benzodiazepiner", "nedtrapping planlegges sammen med legen din"},
        {"tankar om å ta livet ditt", "bipolar liding", "epilepsi", "søvnapné", "Ikkje køyr bil",
         "benzodiazepin", "nedtrapping blir planlagd saman med legen din"},
        {"thoughts of ending your life", "bipolar disorder", "epilepsy", "sleep apnoea",
         "Do not drive", "benzodiazepines", "tapering is planned together with your doctor"},
    };
    char path[4096];
    (void)state;
    snprintf(path, sizeof path, "%s/modules/sleep.json", content_dir());
    tr_error err = {0};
    cJSON *doc = tr_json_load_file(path, &err);
    if (!doc)
        fail_msg("%s", err.msg);
    /* the caveats stand in the sleep window step, where the restriction is explained */
    const cJSON *steps = cJSON_GetObjectItem(doc, "steps"), *step;
    char *window = NULL;
    cJSON_ArrayForEach(step, steps)
    {
        const cJSON *id = cJSON_GetObjectItem(step, "id");
        if (cJSON_IsString(id) && strcmp(id->valuestring, "window") == 0)
            window = cJSON_PrintUnformatted(step);
    }
    assert_non_null(window);
    for (size_t l = 0; l < 3; l++)
        for (size_t i = 0; i < 7; i++)
            if (!strstr(window, want[l][i]))
                fail_msg("the sleep window step lacks \"%s\"", want[l][i]);
    cJSON_free(window);
    cJSON_Delete(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_promise_of_contact),
        cmocka_unit_test(test_sleep_caveats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
