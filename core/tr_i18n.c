/* tr_i18n: localised texts and message catalogs; see tr_i18n.h. */
#include "tr_i18n.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_dir.h"
#include "tp_path.h"
#include "tr_json.h"

/* ---- tr_text ---------------------------------------------------------------------------- */

const char *tr_text_find(const tr_text *t, const char *lang)
{
    for (size_t i = 0; t && lang && i < t->n; i++)
        if (strcmp(t->lang[i], lang) == 0)
            return t->str[i];
    return NULL;
}

const char *tr_text_get(const tr_text *t, const char *lang, const char *fallback)
{
    const char *s = tr_text_find(t, lang);
    if (!s)
        s = tr_text_find(t, fallback);
    if (!s && t && t->n > 0)
        s = t->str[0];
    return s ? s : "";
}

static int lang_code_ok(const char *code)
{
    size_t n = strlen(code);
    if (n < 2 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (code[i] < 'a' || code[i] > 'z')
            return 0;
    return 1;
}

tr_status tr_text_read(const cJSON *json, tr_text *out, tr_error *err)
{
    const cJSON *e;
    memset(out, 0, sizeof *out);
    if (!cJSON_IsObject(json))
        return tr_error_set(err, TR_E_INVALID,
                            "expected a text object such as {\"nb\": \"...\", \"en\": \"...\"}");
    cJSON_ArrayForEach(e, json)
    {
        if (!lang_code_ok(e->string))
            return tr_error_set(err, TR_E_INVALID,
                                "'%s' is not a language code (2-3 lowercase letters, e.g. nb)",
                                e->string);
        if (!cJSON_IsString(e))
            return tr_error_set(err, TR_E_INVALID, "the \"%s\" text must be a string", e->string);
        if (tr_text_find(out, e->string))
            return tr_error_set(err, TR_E_INVALID, "language \"%s\" is given twice", e->string);
        if (out->n == TR_LANG_MAX)
            return tr_error_set(err, TR_E_INVALID, "more than %d languages", TR_LANG_MAX);
        out->lang[out->n] = e->string;
        out->str[out->n] = e->valuestring;
        out->n++;
    }
    return TR_OK;
}

/* ---- placeholders ----------------------------------------------------------------------- */

/* Finds the next {name} at or after s: returns its start and sets *name and *len, or NULL. */
static const char *next_placeholder(const char *s, const char **name, size_t *len)
{
    for (; (s = strchr(s, '{')) != NULL; s++) {
        size_t n = 0;
        while (isalnum((unsigned char)s[1 + n]) || s[1 + n] == '_')
            n++;
        if (n > 0 && s[1 + n] == '}') {
            *name = s + 1;
            *len = n;
            return s;
        }
    }
    return NULL;
}

size_t tr_i18n_fill(const char *text, const tr_i18n_arg *args, char *buf, size_t size)
{
    size_t need = 0;
    const char *s = text ? text : "";
    assert(buf && size > 0);

#define EMIT(p, n)                                                                                 \
    do {                                                                                           \
        size_t n_ = (n);                                                                           \
        if (need < size - 1) {                                                                     \
            size_t room_ = size - 1 - need;                                                        \
            memcpy(buf + need, (p), n_ < room_ ? n_ : room_);                                      \
        }                                                                                          \
        need += n_;                                                                                \
    } while (0)

    for (;;) {
        const char *name = NULL;
        size_t len = 0;
        const char *at = next_placeholder(s, &name, &len);
        const char *value = NULL;
        if (!at) {
            EMIT(s, strlen(s));
            break;
        }
        EMIT(s, (size_t)(at - s));
        for (const tr_i18n_arg *a = args; a && a->name; a++)
            if (strlen(a->name) == len && memcmp(a->name, name, len) == 0)
                value = a->value ? a->value : "";
        if (value)
            EMIT(value, strlen(value));
        else
            EMIT(at, len + 2);
        s = at + len + 2;
    }
#undef EMIT
    buf[need < size - 1 ? need : size - 1] = '\0';
    return need;
}

/* Returns 1 when a and b hold the same set of placeholder names. */
static int same_placeholders(const char *a, const char *b)
{
    const char *x[2] = {a, b};
    for (int side = 0; side < 2; side++) {
        const char *s = x[side], *name;
        size_t len;
        while ((s = next_placeholder(s, &name, &len)) != NULL) {
            const char *t = x[1 - side], *n2;
            size_t l2;
            int found = 0;
            while (!found && (t = next_placeholder(t, &n2, &l2)) != NULL) {
                found = l2 == len && memcmp(n2, name, len) == 0;
                t += l2 + 2;
            }
            if (!found)
                return 0;
            s += len + 2;
        }
    }
    return 1;
}

/* ---- catalogs --------------------------------------------------------------------------- */

typedef struct entry {
    const char *key;   /* points into the owning document */
    const char *value; /* idem */
    const char *file;  /* "i18n/nb/core.json", owned by the catalog */
    int line, col;
    size_t order; /* load order: of two entries with one key, the earlier is kept */
} entry;

typedef struct catalog {
    char lang[8];
    entry *entries; /* sorted by key after loading */
    size_t n, cap;
} catalog;

struct tr_i18n {
    catalog langs[TR_LANG_MAX];
    size_t n_langs;
    size_t fallback;
    cJSON **docs; /* every document read; entries point into them */
    size_t n_docs;
    char **files;
    size_t n_files;
};

void tr_i18n_free(tr_i18n *cat)
{
    if (!cat)
        return;
    for (size_t i = 0; i < cat->n_langs; i++)
        free(cat->langs[i].entries);
    for (size_t i = 0; i < cat->n_docs; i++)
        cJSON_Delete(cat->docs[i]);
    for (size_t i = 0; i < cat->n_files; i++)
        free(cat->files[i]);
    free(cat->docs);
    free(cat->files);
    free(cat);
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

/* Key, then load order: qsort need not be stable (Windows' is not), and which of two
 * definitions is kept and which reported must not depend on the C library. */
static int cmp_entry_order(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

static const entry *lookup(const catalog *c, const char *key)
{
    entry probe = {.key = key};
    if (!c->n)
        return NULL;
    return bsearch(&probe, c->entries, c->n, sizeof *c->entries, cmp_entry);
}

static const catalog *find_lang(const tr_i18n *cat, const char *lang)
{
    for (size_t i = 0; cat && lang && i < cat->n_langs; i++)
        if (strcmp(cat->langs[i].lang, lang) == 0)
            return &cat->langs[i];
    return NULL;
}

const char *tr_i18n_get(const tr_i18n *cat, const char *lang, const char *key)
{
    const catalog *c = find_lang(cat, lang);
    const entry *e = c ? lookup(c, key) : NULL;
    if (!e && cat && cat->n_langs)
        e = lookup(&cat->langs[cat->fallback], key);
    return e ? e->value : key;
}

int tr_i18n_has(const tr_i18n *cat, const char *lang, const char *key)
{
    const catalog *c = find_lang(cat, lang);
    return c && lookup(c, key) != NULL;
}

size_t tr_i18n_count(const tr_i18n *cat, const char *lang)
{
    const catalog *c = find_lang(cat, lang);
    return c ? c->n : 0;
}

size_t tr_i18n_format(const tr_i18n *cat, const char *lang, const char *key,
                      const tr_i18n_arg *args, char *buf, size_t size)
{
    return tr_i18n_fill(tr_i18n_get(cat, lang, key), args, buf, size);
}

/* Where "key" first appears as an object key in text: line and column, or 0:0. */
static void locate_key(const char *text, const char *key, int *line, int *col)
{
    size_t klen = strlen(key);
    const char *p = text;
    *line = *col = 0;
    while (text && (p = strchr(p, '"')) != NULL) {
        if (strncmp(p + 1, key, klen) == 0 && p[1 + klen] == '"') {
            tr_json_linecol(text, (size_t)(p - text), line, col);
            return;
        }
        p++;
    }
}

typedef struct loader {
    tr_i18n *cat;
    tr_diags *diags;
    size_t problems;
    int nomem;
} loader;

static void problem(loader *ld, const char *file, const char *path, int line, int col,
                    const char *msg)
{
    ld->problems++;
    if (tr_diags_add(ld->diags, file, path, line, col, "%s", msg) != TR_OK)
        ld->nomem = 1;
}

static int push_ptr(void ***arr, size_t *n, void *p)
{
    void **grown = realloc(*arr, (*n + 1) * sizeof **arr);
    if (!grown)
        return -1;
    *arr = grown;
    grown[(*n)++] = p;
    return 0;
}

static void load_file(loader *ld, catalog *c, const char *path, const char *rel)
{
    tr_error err = {0};
    char *text = NULL;
    size_t len = 0;
    const cJSON *e;
    cJSON *doc = tr_json_load_file_text(path, &text, &len, &err);
    char *relcopy = strdup(rel);

    if (!relcopy || push_ptr((void ***)&ld->cat->files, &ld->cat->n_files, relcopy) != 0) {
        free(relcopy);
        ld->nomem = 1;
        goto done;
    }
    if (!doc) {
        /* err reads "path:line:col: what"; report it against the relative name. */
        const char *rest =
            strncmp(err.msg, path, strlen(path)) == 0 ? err.msg + strlen(path) : err.msg;
        int line = 0, col = 0;
        if (sscanf(rest, ":%d:%d", &line, &col) == 2) {
            rest = strchr(rest + 1, ':');
            rest = rest ? strchr(rest + 1, ':') : NULL;
        }
        rest = rest ? rest : err.msg;
        while (*rest == ':' || *rest == ' ')
            rest++;
        problem(ld, relcopy, "", line, col, rest);
        goto done;
    }
    if (push_ptr((void ***)&ld->cat->docs, &ld->cat->n_docs, doc) != 0) {
        cJSON_Delete(doc);
        ld->nomem = 1;
        goto done;
    }
    if (!cJSON_IsObject(doc)) {
        problem(ld, relcopy, "$", 1, 1, "a catalog must be one object of key -> string");
        goto done;
    }
    cJSON_ArrayForEach(e, doc)
    {
        char jpath[300];
        int line, col;
        snprintf(jpath, sizeof jpath, "$[\"%.280s\"]", e->string);
        locate_key(text, e->string, &line, &col);
        if (!cJSON_IsString(e)) {
            problem(ld, relcopy, jpath, line, col,
                    "a catalog value must be a string (nested objects are not allowed)");
            continue;
        }
        if (e->string[0] == '\0') {
            problem(ld, relcopy, jpath, line, col, "empty key");
            continue;
        }
        if (c->n == c->cap) {
            size_t ncap = c->cap ? c->cap * 2 : 64;
            entry *grown = realloc(c->entries, ncap * sizeof *grown);
            if (!grown) {
                ld->nomem = 1;
                goto done;
            }
            c->entries = grown;
            c->cap = ncap;
        }
        c->entries[c->n] = (entry){.key = e->string,
                                   .value = e->valuestring,
                                   .file = relcopy,
                                   .line = line,
                                   .col = col,
                                   .order = c->n};
        c->n++;
    }
done:
    free(text);
}

/* Sorts a language's entries and reports keys defined twice (the later one is dropped). */
static void dedupe(loader *ld, catalog *c)
{
    size_t w = 0;
    if (c->n)
        qsort(c->entries, c->n, sizeof *c->entries, cmp_entry_order);
    for (size_t r = 0; r < c->n; r++) {
        if (w > 0 && strcmp(c->entries[w - 1].key, c->entries[r].key) == 0) {
            char where[512];
            snprintf(where, sizeof where, "key \"%.200s\" is defined twice (first in %.200s)",
                     c->entries[r].key, c->entries[w - 1].file);
            problem(ld, c->entries[r].file, "", c->entries[r].line, c->entries[r].col, where);
            continue;
        }
        c->entries[w++] = c->entries[r];
    }
    c->n = w;
}

/* Every key in every language, with the same placeholders. */
static void cross_check(loader *ld, const char *prefix)
{
    tr_i18n *cat = ld->cat;
    for (size_t a = 0; a < cat->n_langs; a++) {
        for (size_t i = 0; i < cat->langs[a].n; i++) {
            const entry *e = &cat->langs[a].entries[i];
            for (size_t b = 0; b < cat->n_langs; b++) {
                const entry *o;
                char msg[700], file[300];
                if (b == a)
                    continue;
                o = lookup(&cat->langs[b], e->key);
                if (!o) {
                    const char *domain = strrchr(e->file, '/');
                    snprintf(file, sizeof file, "%s/%s%s", prefix, cat->langs[b].lang,
                             domain ? domain : "");
                    snprintf(msg, sizeof msg,
                             "key \"%.200s\" is missing in %s (%s has it in %.200s)", e->key,
                             cat->langs[b].lang, cat->langs[a].lang, e->file);
                    problem(ld, file, "", 0, 0, msg);
                } else if (a == cat->fallback && !same_placeholders(e->value, o->value)) {
                    snprintf(msg, sizeof msg,
                             "key \"%.200s\" has other {placeholders} than in %s (%.200s)", o->key,
                             cat->langs[a].lang, e->file);
                    problem(ld, o->file, "", o->line, o->col, msg);
                }
            }
        }
    }
}

tr_status tr_i18n_load(const tr_i18n_desc *desc, tr_i18n **out, tr_diags *diags, tr_error *err)
{
    loader ld = {.diags = diags};
    const char *prefix = desc->diag_prefix ? desc->diag_prefix : "i18n";
    tr_status st;

    assert(desc && desc->dir && out && diags);
    *out = NULL;
    if (desc->n_langs == 0 || desc->n_langs > TR_LANG_MAX)
        return tr_error_set(err, TR_E_INVALID, "i18n: between 1 and %d languages, not %zu",
                            TR_LANG_MAX, desc->n_langs);
    ld.cat = calloc(1, sizeof *ld.cat);
    if (!ld.cat)
        return tr_error_set(err, TR_E_NOMEM, "i18n: out of memory");
    for (size_t l = 0; l < desc->n_langs && !ld.nomem; l++) {
        catalog *c = &ld.cat->langs[ld.cat->n_langs++];
        char dir[4096], rel[300];
        char **names = NULL;
        size_t n = 0;
        int rc;
        snprintf(c->lang, sizeof c->lang, "%s", desc->langs[l]);
        if (desc->fallback && strcmp(desc->fallback, c->lang) == 0)
            ld.cat->fallback = l;
        snprintf(rel, sizeof rel, "%s/%s", prefix, c->lang);
        if (tp_path_join(dir, sizeof dir, desc->dir, c->lang) != 0 ||
            (rc = tp_dir_list(dir, ".json", &names, &n)) != 0) {
            problem(&ld, rel, "", 0, 0,
                    "no catalog folder for this language: add it with the same files as the "
                    "default language");
            continue;
        }
        if (n == 0)
            problem(&ld, rel, "", 0, 0, "the catalog folder has no .json files");
        for (size_t i = 0; i < n && !ld.nomem; i++) {
            char path[4096], relfile[600];
            snprintf(relfile, sizeof relfile, "%s/%s", rel, names[i]);
            if (tp_path_join(path, sizeof path, dir, names[i]) != 0) {
                problem(&ld, relfile, "", 0, 0, "path too long");
                continue;
            }
            load_file(&ld, c, path, relfile);
        }
        tp_dir_names_free(names, n);
        dedupe(&ld, c);
    }
    if (!ld.nomem)
        cross_check(&ld, prefix);
    if (ld.nomem) {
        st = tr_error_set(err, TR_E_NOMEM, "i18n: out of memory while loading %s", desc->dir);
        goto fail;
    }
    if (ld.problems) {
        st = tr_error_set(err, TR_E_INVALID, "%zu problem%s in the catalogs under %s", ld.problems,
                          ld.problems == 1 ? "" : "s", desc->dir);
        goto fail;
    }
    *out = ld.cat;
    return TR_OK;
fail:
    tr_i18n_free(ld.cat);
    return st;
}
