/* tr_records_pack: a record in one allocation; see tr_records_pack.h. */
#include "tr_records_pack.h"

#include "tp_secmem.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

typedef struct pack_size {
    size_t nodes, bytes;
} pack_size;

/* Adds the nodes and string bytes of n and its siblings (and their members) to s. */
static void measure(const cJSON *n, const cJSON *hollow, pack_size *s)
{
    for (; n; n = n->next) {
        s->nodes++;
        if (n->valuestring)
            s->bytes += strlen(n->valuestring) + 1;
        if (n->string)
            s->bytes += strlen(n->string) + 1;
        if (n != hollow)
            measure(n->child, hollow, s);
    }
}

static char *put(char **text, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = *text;
    memcpy(p, s, n);
    *text += n;
    return p;
}

/* Copies one node into dst: its kind and values, the strings into *text, not its links. */
static void copy_node(cJSON *dst, const cJSON *src, char **text)
{
    memset(dst, 0, sizeof *dst);
    dst->type = src->type & 0xFF; /* the kind; ownership flags do not apply inside a block */
    dst->valueint = src->valueint;
    dst->valuedouble = src->valuedouble;
    if (src->valuestring)
        dst->valuestring = put(text, src->valuestring);
    if (src->string)
        dst->string = put(text, src->string);
}

/* Copies the members of src (not src itself) after *next, linking them under dst as cJSON
 * does: each member's next is the following one, prev the one before, and the first
 * member's prev is the last (cJSON appends through it). */
static void copy_members(cJSON *dst, const cJSON *src, const cJSON *hollow, cJSON **next,
                         char **text)
{
    cJSON *first = NULL, *last = NULL;
    if (src == hollow)
        return;
    for (const cJSON *c = src->child; c; c = c->next) {
        cJSON *n = (*next)++;
        copy_node(n, c, text);
        if (!first) {
            first = n;
        } else {
            last->next = n;
            n->prev = last;
        }
        last = n;
        copy_members(n, c, hollow, next, text);
    }
    if (first)
        first->prev = last;
    dst->child = first;
}

cJSON *tr_records_pack_hollow(const cJSON *rec, const cJSON *hollow)
{
    assert(rec); /* its siblings, if it is in an array, are not copied */
    pack_size s = {1, 0};
    if (rec->valuestring)
        s.bytes += strlen(rec->valuestring) + 1;
    if (rec->string)
        s.bytes += strlen(rec->string) + 1;
    if (rec != hollow)
        measure(rec->child, hollow, &s);
    /* from the arena that stays out of core dumps and swap once tr_json_wipe_on_free turned it
     * on (cJSON_Delete then returns the block there), else from malloc */
    size_t size = s.nodes * sizeof(cJSON) + s.bytes;
    cJSON *block = tp_secmem_alloc(size);
    if (!block && !(block = malloc(size)))
        return NULL;
    char *text = (char *)(block + s.nodes);
    cJSON *next = block + 1;
    copy_node(block, rec, &text);
    copy_members(block, rec, hollow, &next, &text);
    assert(next == block + s.nodes && text == (char *)(block + s.nodes) + s.bytes);
    /* cJSON_Delete frees a reference's node but not its members or value: here the node is
     * the block, which holds them all. A key of the root would be freed on its own, so it
     * is marked as not owned (it lives in the block). */
    block->type |= cJSON_IsReference;
    if (block->string)
        block->type |= cJSON_StringIsConst;
    return block;
}

cJSON *tr_records_pack(cJSON *rec)
{
    if (!rec || tr_records_packed(rec))
        return rec;
    assert(!rec->next && !rec->prev); /* not in an array or object */
    cJSON *p = tr_records_pack_hollow(rec, NULL);
    if (!p)
        return rec;
    cJSON_Delete(rec);
    return p;
}

int tr_records_packed(const cJSON *rec)
{
    /* the members of a packed record follow its root in the same block */
    return rec && (rec->type & cJSON_IsReference) && (!rec->child || rec->child == rec + 1);
}
