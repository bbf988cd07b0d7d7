/* tt_pack: see tt_pack.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_json.h"
#include "tt_os.h"
#include "tt_pack.h"

tr_content *tt_pack_load(void)
{
    tr_content *pack = NULL;
    tr_diags d = {0};
    tr_error err = {0};
    const char *dir = getenv("TRINN_CONTENT");
    if (tr_content_load(&(tr_content_desc){.dir = dir ? dir : "content"}, &pack, &d, &err) != TR_OK)
        fail_msg("content: %s", err.msg);
    tr_diags_free(&d);
    return pack;
}

void tt_pack_no_problems(tr_status st, tr_diags *d, const tr_error *err)
{
    for (size_t i = 0; i < d->count; i++) {
        char line[1200];
        tr_diag_format(&d->items[i], line, sizeof line);
        print_error("%s\n", line);
    }
    if (st != TR_OK)
        fail_msg("%s", err->msg);
    assert_int_equal(d->count, 0);
    tr_diags_free(d);
}

void tt_pack_expect_problem(tr_content *pack, const char *file, void (*edit)(cJSON *doc),
                            const char *text, tt_pack_loader load, const char *want)
{
    char dir[256], path[512], src[4096];
    char *saved = pack->dir, *made = NULL;
    tr_diags d = {0};
    tr_error err = {0};
    int found = 0;
    if (edit) {
        snprintf(src, sizeof src, "%s/%s", saved, file);
        cJSON *doc = tr_json_load_file(src, &err);
        assert_non_null(doc);
        edit(doc);
        text = made = cJSON_Print(doc);
        cJSON_Delete(doc);
        assert_non_null(text);
    }
    assert_int_equal(tt_mkdtemp(dir, sizeof dir, "trinn-pack"), 0);
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    free(made);
    assert_int_equal(fclose(f), 0);
    pack->dir = dir;
    tr_status st = load(pack, &d, &err);
    pack->dir = saved;
    assert_int_equal(st, TR_E_INVALID);
    for (size_t i = 0; i < d.count; i++) {
        char line[1200];
        tr_diag_format(&d.items[i], line, sizeof line);
        found |= strstr(line, want) != NULL && strstr(line, file) != NULL;
        if (!found)
            print_message("%s\n", line);
    }
    if (!found)
        fail_msg("no problem saying '%s'", want);
    tr_diags_free(&d);
    assert_int_equal(tt_remove_tree(dir), 0);
}
