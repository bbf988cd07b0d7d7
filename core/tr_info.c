/* tr_info: loads and validates content/info.json (see tr_info.h and content/README.md). */
#include "tr_info.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_path.h"
#include "tr_inst_priv.h"
#include "tr_json.h"

#define MAX_SECTIONS 20
#define MAX_PARAS    30
#define MAX_CONTACTS 20
#define MAX_TEXT     1200

typedef struct parse {
    tr_inst_pctx p;
    tr_info *info;
} parse;

/* A localised text (json, at path) in every language of the pack, each at most 1200 bytes. */
static void loc(parse *ps, const cJSON *json, const char *path, tr_text *out)
{
    tr_error err = {0};
    memset(out, 0, sizeof *out);
    if (!json) {
        tr_inst_problem(&ps->p, path,
                        "missing text: add {\"nb\": \"...\", \"nn\": \"...\", "
                        "\"en\": \"...\"}");
        return;
    }
    if (tr_text_read(json, out, &err) != TR_OK) {
        tr_inst_problem(&ps->p, path, "%s", err.msg);
        return;
    }
    for (size_t i = 0; i < ps->p.n_langs; i++) {
        const char *s = tr_text_find(out, ps->p.langs[i]);
        if (!s)
            tr_inst_problem(&ps->p, path, "missing the %s translation", ps->p.langs[i]);
        else if (!s[0])
            tr_inst_problem(&ps->p, path, "the %s text is empty", ps->p.langs[i]);
        else if (strlen(s) > MAX_TEXT)
            tr_inst_problem(&ps->p, path, "the %s text is longer than %d bytes: split it",
                            ps->p.langs[i], MAX_TEXT);
    }
}

static const char *id_of(parse *ps, const cJSON *obj, const char *path)
{
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, "id");
    if (!cJSON_IsString(j) || !tr_inst_content_id_ok(j->valuestring)) {
        tr_inst_problem(&ps->p, path,
                        "\"id\" must be a string of a-z, 0-9 and _, starting with a letter, at "
                        "most 40 characters");
        return "";
    }
    return j->valuestring;
}

/* The array obj[key] with 1..max (min 0 when optional) elements, or NULL (reported). */
static const cJSON *array_of(parse *ps, const cJSON *obj, const char *key, const char *path,
                             int required, int max)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!a) {
        if (required)
            tr_inst_problem(&ps->p, path, "missing \"%s\" (an array of 1 to %d)", key, max);
        return NULL;
    }
    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) < (required ? 1 : 0) ||
        cJSON_GetArraySize(a) > max) {
        tr_inst_problem(&ps->p, path, "\"%s\" must be an array of %d to %d", key, required ? 1 : 0,
                        max);
        return NULL;
    }
    return a;
}

static const char *opt_string(parse *ps, const cJSON *obj, const char *key, const char *path)
{
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!j)
        return NULL;
    if (!cJSON_IsString(j) || !j->valuestring[0] || strlen(j->valuestring) > 64) {
        tr_inst_problem(&ps->p, path, "\"%s\" must be a non-empty string of at most 64 bytes", key);
        return NULL;
    }
    return j->valuestring;
}

static void contact(parse *ps, const cJSON *e, const char *path, tr_info_contact *c)
{
    static const char *const keys[] = {"name", "text", "phone", "dial", "web", NULL};
    char at[224];
    if (!cJSON_IsObject(e)) {
        tr_inst_problem(&ps->p, path, "a contact must be an object {\"name\", \"text\", ...}");
        return;
    }
    tr_inst_only_keys(&ps->p, e, path, keys);
    snprintf(at, sizeof at, "%s.name", path);
    loc(ps, cJSON_GetObjectItemCaseSensitive(e, "name"), at, &c->name);
    snprintf(at, sizeof at, "%s.text", path);
    loc(ps, cJSON_GetObjectItemCaseSensitive(e, "text"), at, &c->text);
    c->phone = opt_string(ps, e, "phone", path);
    c->dial = opt_string(ps, e, "dial", path);
    c->web = opt_string(ps, e, "web", path);
    if (!c->phone != !c->dial)
        tr_inst_problem(&ps->p, path,
                        "\"phone\" (as shown, \"116 123\") and \"dial\" (its digits, "
                        "\"116123\") go together: give both or neither");
    if (c->phone && strspn(c->phone, "0123456789 +") != strlen(c->phone))
        tr_inst_problem(&ps->p, path, "\"phone\" may hold only digits, spaces and +");
    if (c->dial && strspn(c->dial, "0123456789+") != strlen(c->dial))
        tr_inst_problem(&ps->p, path, "\"dial\" must hold only digits (and +), e.g. \"116123\"");
    if (c->web && (strstr(c->web, "://") || strpbrk(c->web, " \t\n") || !strchr(c->web, '.')))
        tr_inst_problem(&ps->p, path,
                        "\"web\" is a website as shown, without http:// and spaces, e.g. "
                        "\"mentalhelse.no\"");
}

static void section(parse *ps, const cJSON *e, const char *path, tr_info_section *s)
{
    static const char *const keys[] = {"id", "heading", "text", "contacts", NULL};
    char at[160];
    const cJSON *paras, *contacts, *x;
    if (!cJSON_IsObject(e)) {
        tr_inst_problem(&ps->p, path, "a section must be an object {\"id\", \"heading\", ...}");
        return;
    }
    tr_inst_only_keys(&ps->p, e, path, keys);
    s->id = id_of(ps, e, path);
    snprintf(at, sizeof at, "%s.heading", path);
    loc(ps, cJSON_GetObjectItemCaseSensitive(e, "heading"), at, &s->heading);
    if ((paras = array_of(ps, e, "text", path, 1, MAX_PARAS)) != NULL) {
        s->paras = calloc((size_t)cJSON_GetArraySize(paras), sizeof *s->paras);
        if (!s->paras) {
            ps->p.nomem = 1;
            return;
        }
        cJSON_ArrayForEach(x, paras)
        {
            snprintf(at, sizeof at, "%s.text[%zu]", path, s->n_paras);
            loc(ps, x, at, &s->paras[s->n_paras++]);
        }
    }
    if ((contacts = array_of(ps, e, "contacts", path, 0, MAX_CONTACTS)) != NULL &&
        cJSON_GetArraySize(contacts) > 0) {
        s->contacts = calloc((size_t)cJSON_GetArraySize(contacts), sizeof *s->contacts);
        if (!s->contacts) {
            ps->p.nomem = 1;
            return;
        }
        cJSON_ArrayForEach(x, contacts)
        {
            snprintf(at, sizeof at, "%s.contacts[%zu]", path, s->n_contacts);
            contact(ps, x, at, &s->contacts[s->n_contacts++]);
        }
    }
}

/* "review": {"status": "draft"} or {"status": "reviewed", "by": "...", "date": "YYYY-MM-DD"}. */
static void review(parse *ps, const cJSON *e, const char *path, tr_info_page *pg)
{
    static const char *const draft_keys[] = {"status", NULL};
    static const char *const reviewed_keys[] = {"status", "by", "date", NULL};
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(e, "review");
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(r, "status");
    char at[128];
    snprintf(at, sizeof at, "%s.review", path);
    pg->draft = 1;
    if (!cJSON_IsObject(r) || !cJSON_IsString(st)) {
        tr_inst_problem(&ps->p, at,
                        "missing {\"status\": \"draft\"} (or \"reviewed\" with \"by\" and "
                        "\"date\"): whether a clinician has read the page");
        return;
    }
    if (strcmp(st->valuestring, "draft") == 0) {
        tr_inst_only_keys(&ps->p, r, at, draft_keys);
    } else if (strcmp(st->valuestring, "reviewed") == 0) {
        const cJSON *by = cJSON_GetObjectItemCaseSensitive(r, "by");
        const cJSON *date = cJSON_GetObjectItemCaseSensitive(r, "date");
        tr_inst_only_keys(&ps->p, r, at, reviewed_keys);
        pg->draft = 0;
        if (!cJSON_IsString(by) || !by->valuestring[0] || !cJSON_IsString(date) ||
            strlen(date->valuestring) != 10 || date->valuestring[4] != '-' ||
            date->valuestring[7] != '-')
            tr_inst_problem(&ps->p, at,
                            "a reviewed page names who reviewed it (\"by\": name and role) and "
                            "when (\"date\": \"YYYY-MM-DD\")");
    } else {
        tr_inst_problem(&ps->p, at, "\"status\" must be \"draft\" or \"reviewed\"");
    }
}

static void page(parse *ps, const cJSON *e, const char *path, tr_info_page *pg)
{
    static const char *const keys[] = {"id", "title", "summary", "review", "sections", NULL};
    char at[96];
    const cJSON *secs, *x;
    if (!cJSON_IsObject(e)) {
        tr_inst_problem(&ps->p, path, "a page must be an object {\"id\", \"title\", ...}");
        return;
    }
    tr_inst_only_keys(&ps->p, e, path, keys);
    pg->id = id_of(ps, e, path);
    snprintf(at, sizeof at, "%s.title", path);
    loc(ps, cJSON_GetObjectItemCaseSensitive(e, "title"), at, &pg->title);
    snprintf(at, sizeof at, "%s.summary", path);
    loc(ps, cJSON_GetObjectItemCaseSensitive(e, "summary"), at, &pg->summary);
    review(ps, e, path, pg);
    if (!(secs = array_of(ps, e, "sections", path, 1, MAX_SECTIONS)))
        return;
    pg->sections = calloc((size_t)cJSON_GetArraySize(secs), sizeof *pg->sections);
    if (!pg->sections) {
        ps->p.nomem = 1;
        return;
    }
    cJSON_ArrayForEach(x, secs)
    {
        tr_info_section *s = &pg->sections[pg->n_sections];
        snprintf(at, sizeof at, "%s.sections[%zu]", path, pg->n_sections++);
        section(ps, x, at, s);
        for (size_t k = 0; s->id && s->id[0] && k + 1 < pg->n_sections; k++)
            if (pg->sections[k].id && strcmp(pg->sections[k].id, s->id) == 0)
                tr_inst_problem(&ps->p, at, "section id '%s' is used twice in the page", s->id);
        if (ps->p.nomem)
            return;
    }
}

void tr_info_free(tr_info *info)
{
    if (!info)
        return;
    for (size_t i = 0; i < info->n_pages; i++) {
        for (size_t k = 0; k < info->pages[i].n_sections; k++) {
            free(info->pages[i].sections[k].paras);
            free(info->pages[i].sections[k].contacts);
        }
        free(info->pages[i].sections);
    }
    free(info->pages);
    cJSON_Delete(info->doc);
    free(info);
}

const tr_info_page *tr_info_find(const tr_info *info, const char *id)
{
    for (size_t i = 0; info && id && i < info->n_pages; i++)
        if (strcmp(info->pages[i].id, id) == 0)
            return &info->pages[i];
    return NULL;
}

tr_status tr_info_load(const tr_content *pack, tr_info **out, tr_diags *diags, tr_error *err)
{
    static const char *const keys[] = {"format", "about", "pages", NULL};
    char path[4096];
    tr_error jerr = {0};
    parse ps = {
        .p = {
            .file = TR_INFO_FILE, .diags = diags, .langs = pack->langs, .n_langs = pack->n_langs}};
    const cJSON *pages, *x, *f;
    size_t before = diags->count;
    tr_status st;
    *out = NULL;
    if (tp_path_join(path, sizeof path, pack->dir, TR_INFO_FILE) != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: path too long", pack->dir);
    if (!(ps.info = calloc(1, sizeof *ps.info)))
        return tr_error_set(err, TR_E_NOMEM, "out of memory loading %s", path);
    ps.info->doc = tr_json_load_file(path, &jerr);
    if (!ps.info->doc) {
        if (jerr.status == TR_E_NOTFOUND) {
            st = tr_error_set(err, TR_E_NOTFOUND, "%s: no information pages", path);
            goto fail;
        }
        if (jerr.status == TR_E_NOMEM) {
            st = tr_error_set(err, TR_E_NOMEM, "out of memory loading %s", path);
            goto fail;
        }
        tr_inst_json_problem(&ps.p, path, &jerr);
        goto invalid;
    }
    if (!cJSON_IsObject((cJSON *)ps.info->doc)) {
        tr_inst_problem(&ps.p, "$", "must be one JSON object {\"format\": 1, \"pages\": [...]}");
        goto invalid;
    }
    tr_inst_only_keys(&ps.p, ps.info->doc, "$", keys);
    f = cJSON_GetObjectItemCaseSensitive(ps.info->doc, "format");
    if (!cJSON_IsNumber(f) || f->valuedouble != 1)
        tr_inst_problem(&ps.p, "$.format", "must be 1");
    if (!(pages = array_of(&ps, ps.info->doc, "pages", "$", 1, TR_INFO_MAX_PAGES)))
        goto invalid;
    ps.info->pages = calloc((size_t)cJSON_GetArraySize(pages), sizeof *ps.info->pages);
    if (!ps.info->pages) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory loading %s", path);
        goto fail;
    }
    cJSON_ArrayForEach(x, pages)
    {
        char at[48];
        tr_info_page *pg = &ps.info->pages[ps.info->n_pages];
        snprintf(at, sizeof at, "$.pages[%zu]", ps.info->n_pages++);
        page(&ps, x, at, pg);
        for (size_t k = 0; pg->id && pg->id[0] && k + 1 < ps.info->n_pages; k++)
            if (ps.info->pages[k].id && strcmp(ps.info->pages[k].id, pg->id) == 0)
                tr_inst_problem(&ps.p, at, "page id '%s' is used twice", pg->id);
        if (ps.p.nomem)
            break;
    }
    if (ps.p.nomem) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory loading %s", path);
        goto fail;
    }
    if (ps.p.problems)
        goto invalid;
    *out = ps.info;
    return TR_OK;
invalid:
    st = tr_error_set(err, TR_E_INVALID, "%zu problem%s in %s", diags->count - before,
                      diags->count - before == 1 ? "" : "s", path);
fail:
    tr_info_free(ps.info);
    return st;
}
