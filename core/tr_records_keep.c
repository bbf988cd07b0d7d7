/* tr_records_keep: first and newest record of each module entry; see tr_records_keep.h. */
#include "tr_records_keep.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_records_pack.h"

struct tr_keep_slot {
    uint64_t hash;      /* 0 = empty */
    const char *key[3]; /* module, step, entry: strings of the entry's first record */
    cJSON *first;       /* the entry's first record */
    cJSON *last;        /* the newest record after the first, or NULL */
};

static const char *str_of(const cJSON *rec, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static uint64_t hash_key(const char *const key[3])
{
    uint64_t h = 1469598103934665603u;
    for (int i = 0; i < 3; i++) {
        for (const char *p = key[i]; *p; p++)
            h = (h ^ (uint8_t)*p) * 1099511628211u;
        h = (h ^ 0xff) * 1099511628211u; /* separator: ("ab","c") differs from ("a","bc") */
    }
    return h ? h : 1;
}

static tr_keep_slot *find(tr_keep *k, uint64_t h, const char *const key[3])
{
    size_t mask = k->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        tr_keep_slot *s = &k->slots[i];
        if (s->hash == 0)
            return s;
        if (s->hash == h && strcmp(s->key[0], key[0]) == 0 && strcmp(s->key[1], key[1]) == 0 &&
            strcmp(s->key[2], key[2]) == 0)
            return s;
    }
}

static int grow(tr_keep *k)
{
    size_t ncap = k->cap ? k->cap * 2 : 64;
    tr_keep_slot *old = k->slots;
    size_t ocap = k->cap;
    k->slots = calloc(ncap, sizeof *k->slots);
    if (!k->slots) {
        k->slots = old;
        return -1;
    }
    k->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].hash)
            *find(k, old[i].hash, old[i].key) = old[i];
    free(old);
    return 0;
}

/* The entry's first record without its values, once a newer record of the entry is kept:
 * readers take only its place and time from it (tr_records_keep.h). The values member stays,
 * as an empty object, so the record still reads as a save. When memory runs out the first
 * record simply stays whole (still correct, only larger). */
static void hollow_first(tr_keep_slot *s, cJSON *arr)
{
    const cJSON *values = cJSON_GetObjectItemCaseSensitive(s->first, "values");
    if (!cJSON_IsObject(values) || !values->child)
        return;
    cJSON *hollow = tr_records_pack_hollow(s->first, values);
    if (!hollow)
        return;
    const char *key[3] = {str_of(hollow, "module"), str_of(hollow, "step"),
                          str_of(hollow, "entry")};
    assert(key[0] && key[1] && key[2]);
    cJSON_ReplaceItemViaPointer(arr, s->first, hollow); /* frees the whole first record */
    s->first = hollow;
    memcpy(s->key, key, sizeof key);
}

/* Packs the newest save left as parsed (k->pending) and points its slot at the packed copy.
 * When memory runs out it stays as parsed (still correct, only larger). */
static void settle(tr_keep *k, cJSON *arr)
{
    cJSON *rec = k->pending;
    k->pending = NULL;
    if (!rec)
        return;
    const char *key[3] = {str_of(rec, "module"), str_of(rec, "step"), str_of(rec, "entry")};
    tr_keep_slot *s = find(k, hash_key(key), key);
    assert(s->hash && s->last == rec);
    cJSON *p = tr_records_pack_hollow(rec, NULL);
    if (!p)
        return;
    cJSON_ReplaceItemViaPointer(arr, rec, p); /* frees the parsed one */
    s->last = p;
}

int tr_keep_add(tr_keep *k, cJSON *arr, cJSON *rec)
{
    const char *type = str_of(rec, "type");
    const char *key[3] = {str_of(rec, "module"), str_of(rec, "step"), str_of(rec, "entry")};
    tr_keep_slot *s = NULL;
    uint64_t h = 0;
    if (type && strcmp(type, "module_entry") == 0 && key[0] && key[1] && key[2]) {
        if ((k->used + 1) * 4 > k->cap * 3 && grow(k) != 0) {
            cJSON_Delete(rec);
            return -1;
        }
        h = hash_key(key);
        s = find(k, h, key);
    }
    /* A later save of an entry stays as parsed while more saves of the same entry follow
     * (typing saves many in a row, each replacing the one before); it is packed when
     * anything else comes, so each save is not packed only to be freed. */
    if (k->pending && (!s || s->last != k->pending))
        settle(k, arr);
    if (!s || s->hash == 0)
        rec = tr_records_pack(rec);
    if (s && s->hash == 0) {
        /* the entry's first record: it stays, and its (packed) strings key the slot */
        s->hash = h;
        s->key[0] = str_of(rec, "module");
        s->key[1] = str_of(rec, "step");
        s->key[2] = str_of(rec, "entry");
        s->first = rec;
        s->last = NULL;
        k->used++;
        s = NULL;
    }
    if (!cJSON_AddItemToArray(arr, rec)) {
        cJSON_Delete(rec);
        return -1;
    }
    if (s) {
        if (s->last) {
            cJSON_Delete(cJSON_DetachItemViaPointer(arr, s->last));
            k->dropped++;
        } else {
            hollow_first(s, arr);
        }
        s->last = rec;
        k->pending = rec;
    }
    return 0;
}

void tr_keep_finish(tr_keep *k, cJSON *arr)
{
    settle(k, arr);
}

void tr_keep_free(tr_keep *k)
{
    free(k->slots);
    memset(k, 0, sizeof *k);
}
