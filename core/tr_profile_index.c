/* tr_profile_index: the index of visible profile looks, the migration of old folders, and the
 * listing; see tr_profile.h. */
#include "tr_profile_int.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_dir.h"
#include "tp_fs.h"
#include "tp_io.h"
#include "tp_path.h"
#include "tr_json.h"

const char *const tr_profile_symbols[] = {"circle", "square", "triangle", "diamond",
                                          "star",   "heart",  "sun",      NULL};
const char *const tr_profile_colours[] = {"blue", "green", "orange", "purple",
                                          "red",  "teal",  "grey",   NULL};

static const char *const kind_names[] = {"client", "therapist"};

int tr_profile_kind_parse(const char *s, tr_profile_kind *kind)
{
    for (int i = 0; i < 2; i++)
        if (s && strcmp(s, kind_names[i]) == 0) {
            *kind = (tr_profile_kind)i;
            return 0;
        }
    return -1;
}

const char *tr_profile_kind_name(tr_profile_kind kind)
{
    return (unsigned)kind < 2 ? kind_names[kind] : "client";
}

int trp_in_list(const char *const *list, const char *s)
{
    for (; s && *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

int trp_valid_id(const char *s)
{
    size_t n = 0;
    for (; s && s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return 0;
    return n == TR_PROFILE_ID_LEN;
}

void trp_new_id(char *id)
{
    unsigned char r[TR_PROFILE_ID_LEN / 2];
    randombytes_buf(r, sizeof r);
    sodium_bin2hex(id, TR_PROFILE_ID_LEN + 1, r, sizeof r);
}

/* An old profile file's slug: a-z 0-9 '-', 1..40 bytes, not starting with '-'. */
static int old_slug(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > TRP_OLD_SLUG || s[0] == '-' || trp_valid_id(s))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

tr_status trp_dir(const tr_profile_desc *d, char *buf, size_t size, tr_error *err)
{
    if (!d || !d->data_dir || tp_path_join(buf, size, d->data_dir, "profiles") != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long",
                            d && d->data_dir ? d->data_dir : "(none)");
    return TR_OK;
}

static int join3(char *buf, size_t size, const char *dir, const char *base, const char *sfx)
{
    int n = snprintf(buf, size, "%s/%s%s", dir, base, sfx);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

trp_entry *trp_index_find(trp_index *ix, const char *id)
{
    for (size_t i = 0; i < ix->n; i++)
        if (strcmp(ix->items[i].info.id, id) == 0)
            return &ix->items[i];
    return NULL;
}

trp_entry *trp_index_add(trp_index *ix)
{
    if (ix->n == ix->cap) {
        size_t cap = ix->cap ? ix->cap * 2 : 8;
        trp_entry *it = realloc(ix->items, cap * sizeof *it);
        if (!it)
            return NULL;
        ix->items = it;
        ix->cap = cap;
    }
    trp_entry *e = &ix->items[ix->n++];
    memset(e, 0, sizeof *e);
    snprintf(e->info.symbol, sizeof e->info.symbol, "%s", tr_profile_symbols[0]);
    snprintf(e->info.colour, sizeof e->info.colour, "%s", tr_profile_colours[0]);
    return e;
}

void trp_index_remove(trp_index *ix, const char *id)
{
    for (size_t i = 0; i < ix->n; i++)
        if (strcmp(ix->items[i].info.id, id) == 0) {
            memmove(&ix->items[i], &ix->items[i + 1], (ix->n - i - 1) * sizeof *ix->items);
            ix->n--;
            return;
        }
}

void trp_index_free(trp_index *ix)
{
    if (ix->items)
        sodium_memzero(ix->items, ix->cap * sizeof *ix->items); /* labels and old names */
    free(ix->items);
    memset(ix, 0, sizeof *ix);
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Reads index.json into ix. An entry that is not one (a bad id, a label too long) is left
 * out: its journal is still listed, with the first look, and can be opened and deleted. */
static tr_status load_index(const char *dir, trp_index *ix, tr_error *err)
{
    char path[TRP_PATH_MAX];
    if (join3(path, sizeof path, dir, TRP_INDEX, "") != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", dir);
    if (!tp_fs_exists(path))
        return TR_OK;
    tr_error jerr = {0};
    cJSON *root = tr_json_load_file(path, &jerr);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "profiles");
    if (!root || !cJSON_IsArray(list)) {
        cJSON_Delete(root);
        return TR_OK; /* unreadable: every journal is listed by the folder (and the next save
                       * writes a good index) */
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, list)
    {
        const char *id = str_of(it, "id"), *sym = str_of(it, "symbol"), *col = str_of(it, "colour"),
                   *label = str_of(it, "label"), *kind = str_of(it, "kind"),
                   *from = str_of(it, "from");
        tr_profile_kind k = TR_PROFILE_CLIENT;
        if (!trp_valid_id(id) || trp_index_find(ix, id) ||
            (label && strlen(label) > TR_PROFILE_LABEL_MAX) ||
            (kind && tr_profile_kind_parse(kind, &k) != 0) || (from && (!old_slug(from))))
            continue;
        trp_entry *e = trp_index_add(ix);
        if (!e) {
            cJSON_Delete(root);
            return tr_error_set(err, TR_E_NOMEM, "out of memory reading the profile index");
        }
        snprintf(e->info.id, sizeof e->info.id, "%s", id);
        e->info.kind = k;
        if (trp_in_list(tr_profile_symbols, sym))
            snprintf(e->info.symbol, sizeof e->info.symbol, "%s", sym);
        if (trp_in_list(tr_profile_colours, col))
            snprintf(e->info.colour, sizeof e->info.colour, "%s", col);
        snprintf(e->info.label, sizeof e->info.label, "%s", label ? label : "");
        e->name_pending = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "name_pending"));
        snprintf(e->from, sizeof e->from, "%s", from ? from : "");
    }
    cJSON_Delete(root);
    return TR_OK;
}

static tr_status save_raw(const char *dir, const trp_index *ix, tr_error *err)
{
    char path[TRP_PATH_MAX];
    if (join3(path, sizeof path, dir, TRP_INDEX, "") != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", dir);
    cJSON *root = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(root, "profiles");
    int ok = root && list && cJSON_AddNumberToObject(root, "format", 1);
    for (size_t i = 0; ok && i < ix->n; i++) {
        const trp_entry *e = &ix->items[i];
        cJSON *o = cJSON_CreateObject();
        ok = o && cJSON_AddItemToArray(list, o) && cJSON_AddStringToObject(o, "id", e->info.id) &&
             cJSON_AddStringToObject(o, "kind", tr_profile_kind_name(e->info.kind)) &&
             cJSON_AddStringToObject(o, "symbol", e->info.symbol) &&
             cJSON_AddStringToObject(o, "colour", e->info.colour) &&
             cJSON_AddStringToObject(o, "label", e->info.label);
        if (ok && e->name_pending)
            ok = cJSON_AddTrueToObject(o, "name_pending") != NULL;
        if (ok && e->from[0])
            ok = cJSON_AddStringToObject(o, "from", e->from) != NULL;
    }
    char *text = ok ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text)
        return tr_error_set(err, TR_E_NOMEM, "out of memory saving the profile index");
    size_t len = strlen(text);
    int rc = tp_fs_write_atomic(path, text, len);
    sodium_memzero(text, len);
    cJSON_free(text);
    if (rc != 0)
        return tr_error_set(err, TR_E_IO, "%s: could not save the profile index: %s", path,
                            strerror(-rc));
    return TR_OK;
}

tr_status trp_index_save(const tr_profile_desc *d, trp_index *ix, tr_error *err)
{
    char dir[TRP_PATH_MAX], path[TRP_PATH_MAX];
    tr_status st = trp_dir(d, dir, sizeof dir, err);
    if (st)
        return st;
    for (size_t i = ix->n; i-- > 0;) { /* entries whose journal is gone */
        const trp_entry *e = &ix->items[i];
        if (!e->from[0] && join3(path, sizeof path, dir, e->info.id, TRP_SUFFIX) == 0 &&
            !tp_fs_exists(path))
            trp_index_remove(ix, e->info.id);
    }
    return save_raw(dir, ix, err);
}

static tr_status sync_dir(const char *dir, tr_error *err)
{
    char probe[TRP_PATH_MAX];
    if (join3(probe, sizeof probe, dir, TRP_INDEX, "") != 0)
        return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", dir);
    const tp_io *io = tp_io_posix(); /* the folder holding probe: fsync (Linux), Windows' own */
    int rc = io->sync_dir(io->user, probe);
    if (rc != 0)
        return tr_error_set(err, TR_E_IO, "%s: could not make the folder durable: %s", dir,
                            strerror(-rc));
    return TR_OK;
}

/* Renames the old journals of entries still marked `from` to their ids, then saves the index
 * without the marks: the second half of a migration (also after a crash in it). */
static tr_status finish_renames(const char *dir, trp_index *ix, tr_error *err)
{
    char from[TRP_PATH_MAX], to[TRP_PATH_MAX];
    const tp_io *io = tp_io_posix(); /* UTF-8 paths on Windows too */
    int any = 0, rc;
    for (size_t i = ix->n; i-- > 0;) {
        trp_entry *e = &ix->items[i];
        if (!e->from[0])
            continue;
        any = 1;
        if (join3(from, sizeof from, dir, e->from, TRP_SUFFIX) != 0 ||
            join3(to, sizeof to, dir, e->info.id, TRP_SUFFIX) != 0)
            return tr_error_set(err, TR_E_INVALID, "%s: the data folder path is too long", dir);
        if (!tp_fs_exists(to)) {
            if (!tp_fs_exists(from)) { /* neither: nothing to keep */
                trp_index_remove(ix, e->info.id);
                continue;
            }
            if ((rc = io->rename(io->user, from, to)) != 0)
                return tr_error_set(err, TR_E_IO,
                                    "%s: could not rename an old profile's journal: %s", dir,
                                    strerror(-rc));
        }
        /* an unfinished passphrase change of the old file (the journal drops it too) */
        if (join3(from, sizeof from, dir, e->from, TRP_SUFFIX ".tmp") == 0)
            io->unlink(io->user, from);
        e->from[0] = 0;
    }
    if (!any)
        return TR_OK;
    tr_status st = sync_dir(dir, err);
    return st ? st : save_raw(dir, ix, err);
}

/* Adds an entry (marked `from`) for every old <slug>.trinn, named from names.json. Returns
 * TR_OK with *added set. */
static tr_status adopt_old(const char *dir, trp_index *ix, int *added, tr_error *err)
{
    char path[TRP_PATH_MAX];
    char **names = NULL;
    size_t count = 0;
    *added = 0;
    int rc = tp_dir_list(dir, TRP_SUFFIX, &names, &count);
    if (rc != 0)
        return tr_error_set(err, TR_E_IO, "%s: could not list the profiles: %s", dir,
                            strerror(-rc));
    cJSON *old = NULL;
    if (join3(path, sizeof path, dir, TRP_OLD_INDEX, "") == 0 && tp_fs_exists(path))
        old = tr_json_load_file(path, NULL); /* unreadable: the slugs become the labels */
    tr_status st = TR_OK;
    size_t nsym = 0, ncol = 0;
    while (tr_profile_symbols[nsym])
        nsym++;
    while (tr_profile_colours[ncol])
        ncol++;
    for (size_t i = 0; i < count; i++) {
        char slug[TRP_OLD_SLUG + 1];
        size_t len = strlen(names[i]) - strlen(TRP_SUFFIX);
        if (len == 0 || len > TRP_OLD_SLUG)
            continue;
        memcpy(slug, names[i], len);
        slug[len] = 0;
        if (!old_slug(slug))
            continue;
        trp_entry *e = trp_index_add(ix);
        if (!e) {
            st = tr_error_set(err, TR_E_NOMEM, "out of memory migrating the profiles");
            break;
        }
        trp_new_id(e->info.id);
        const char *name = str_of(old, slug);
        snprintf(e->info.label, sizeof e->info.label, "%s", name && name[0] ? name : slug);
        /* a different look for each, in order, so they can still be told apart by sight */
        snprintf(e->info.symbol, sizeof e->info.symbol, "%s", tr_profile_symbols[ix->n % nsym]);
        snprintf(e->info.colour, sizeof e->info.colour, "%s", tr_profile_colours[ix->n % ncol]);
        e->name_pending = 1;
        snprintf(e->from, sizeof e->from, "%s", slug);
        *added = 1;
    }
    if (old)
        cJSON_Delete(old);
    tp_dir_names_free(names, count);
    return st;
}

tr_status trp_prepare(const tr_profile_desc *d, trp_index *ix, tr_error *err)
{
    char dir[TRP_PATH_MAX], path[TRP_PATH_MAX];
    memset(ix, 0, sizeof *ix);
    tr_status st = trp_dir(d, dir, sizeof dir, err);
    if (st)
        return st;
    /* folders made by older versions with the umask's mode: only their owner may enter */
    if (tp_fs_is_dir(d->data_dir)) {
        int rc = tp_fs_private_dir(d->data_dir);
        if (rc == 0 && tp_fs_is_dir(dir))
            rc = tp_fs_private_dir(dir);
        if (rc != 0)
            return tr_error_set(err, TR_E_IO, "%s: could not make the data folder private: %s",
                                d->data_dir, strerror(-rc));
    }
    if (!tp_fs_is_dir(dir))
        return TR_OK;
    if ((st = load_index(dir, ix, err)))
        goto fail;
    if ((st = finish_renames(dir, ix, err))) /* a migration a crash cut short */
        goto fail;
    int added = 0;
    if ((st = adopt_old(dir, ix, &added, err)))
        goto fail;
    if (added) {
        /* 1: the index with the new ids and where each came from; 2: the renames, then the
         * index without the marks; 3: the old names file goes. A crash after 1 or 2 is
         * finished by the next run (finish_renames above); before 1 nothing has changed. */
        if ((st = save_raw(dir, ix, err)) || (st = finish_renames(dir, ix, err)))
            goto fail;
    }
    if (join3(path, sizeof path, dir, TRP_OLD_INDEX, "") == 0 && tp_fs_exists(path)) {
        const tp_io *io = tp_io_posix();
        int rc = io->unlink(io->user, path);
        if (rc != 0) {
            st = tr_error_set(err, TR_E_IO, "%s: could not remove the old names file: %s", path,
                              strerror(-rc));
            goto fail;
        }
        if (join3(path, sizeof path, dir, TRP_OLD_INDEX, ".tmp") == 0)
            io->unlink(io->user, path);
        if ((st = sync_dir(dir, err)))
            goto fail;
    }
    return TR_OK;
fail:
    trp_index_free(ix);
    return st;
}

void tr_profile_list_free(tr_profile_info *list)
{
    free(list);
}

tr_status tr_profile_list(const tr_profile_desc *d, tr_profile_info **out, size_t *n, tr_error *err)
{
    char dir[TRP_PATH_MAX], path[TRP_PATH_MAX];
    char **names = NULL;
    size_t count = 0;
    trp_index ix;
    *out = NULL;
    *n = 0;
    tr_status st = trp_prepare(d, &ix, err);
    if (st)
        return st;
    if ((st = trp_dir(d, dir, sizeof dir, err)))
        goto done;
    int rc = tp_dir_list(dir, TRP_SUFFIX, &names, &count);
    if (rc == -ENOENT)
        goto done;
    if (rc != 0) {
        st = tr_error_set(err, TR_E_IO, "%s: could not list the profiles: %s", dir, strerror(-rc));
        goto done;
    }
    tr_profile_info *list = calloc(ix.n + count + 1, sizeof *list);
    if (!list) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory listing the profiles");
        goto done;
    }
    size_t k = 0;
    for (size_t i = 0; i < ix.n; i++)
        if (join3(path, sizeof path, dir, ix.items[i].info.id, TRP_SUFFIX) == 0 &&
            tp_fs_exists(path))
            list[k++] = ix.items[i].info;
    for (size_t i = 0; i < count; i++) { /* journals the index lacks */
        size_t len = strlen(names[i]) - strlen(TRP_SUFFIX);
        char id[TR_PROFILE_ID_LEN + 1];
        if (len != TR_PROFILE_ID_LEN)
            continue;
        memcpy(id, names[i], len);
        id[len] = 0;
        if (!trp_valid_id(id) || trp_index_find(&ix, id))
            continue;
        memset(&list[k], 0, sizeof list[k]);
        snprintf(list[k].id, sizeof list[k].id, "%s", id);
        snprintf(list[k].symbol, sizeof list[k].symbol, "%s", tr_profile_symbols[0]);
        snprintf(list[k].colour, sizeof list[k].colour, "%s", tr_profile_colours[0]);
        k++;
    }
    if (k == 0)
        free(list);
    else {
        *out = list;
        *n = k;
    }
done:
    tp_dir_names_free(names, count);
    trp_index_free(&ix);
    return st;
}

int tr_profile_same_name(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (;; x++, y++) {
        unsigned cx = *x, cy = *y;
        if (cx >= 'A' && cx <= 'Z')
            cx += 32;
        if (cy >= 'A' && cy <= 'Z')
            cy += 32;
        if (x > (const unsigned char *)a && x[-1] == 0xC3 && cx >= 0x80 && cx <= 0x9E && cx != 0x97)
            cx += 32;
        if (y > (const unsigned char *)b && y[-1] == 0xC3 && cy >= 0x80 && cy <= 0x9E && cy != 0x97)
            cy += 32;
        if (cx != cy)
            return 0;
        if (!cx)
            return 1;
    }
}

tr_status tr_profile_find(const tr_profile_desc *d, const char *key, tr_profile_info *out,
                          tr_error *err)
{
    tr_profile_info *list = NULL;
    size_t n = 0;
    tr_status st = tr_profile_list(d, &list, &n, err);
    if (st)
        return st;
    st = TR_E_NOTFOUND;
    for (size_t i = 0; i < n && st; i++) /* an id first: it cannot be mistaken */
        if (strcmp(list[i].id, key) == 0) {
            *out = list[i];
            st = TR_OK;
        }
    for (size_t i = 0; i < n && st; i++)
        if (list[i].label[0] && tr_profile_same_name(list[i].label, key)) {
            *out = list[i];
            st = TR_OK;
        }
    tr_profile_list_free(list);
    if (st)
        return tr_error_set(err, TR_E_NOTFOUND,
                            "no profile has the id or label \"%s\" ('trinnctl profile list' "
                            "shows them)",
                            key);
    return TR_OK;
}

int tr_profile_path(const tr_profile_desc *d, const char *id, char *buf, size_t size)
{
    char dir[TRP_PATH_MAX];
    if (!trp_valid_id(id) || trp_dir(d, dir, sizeof dir, NULL) != TR_OK)
        return -1;
    return join3(buf, size, dir, id, TRP_SUFFIX);
}
