/* tr_json: see tr_json.h. */
#include "tr_json.h"
#include "tp_harden.h"
#include "tp_secmem.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"

int tr_utf8_valid(const char *buf, size_t len, size_t *bad_offset)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t need;
        unsigned min, cp;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1, min = 0x80, cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2, min = 0x800, cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3, min = 0x10000, cp = c & 0x07;
        } else {
            goto bad;
        }
        if (len - i <= need)
            goto bad;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                goto bad;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        i += need + 1;
    }
    return 1;
bad:
    if (bad_offset)
        *bad_offset = i;
    return 0;
}

void tr_json_linecol(const char *buf, size_t offset, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < offset; i++) {
        if (buf[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *col = c;
}

cJSON *tr_json_parse(const char *buf, size_t len, const char *name, tr_error *err)
{
    const char *end = NULL;
    size_t bad = 0;
    int line, col;
    cJSON *root;

    if (len > TR_JSON_MAX_BYTES) {
        tr_error_set(err, TR_E_TOOBIG, "%s: %zu bytes is more than the %zu allowed", name, len,
                     TR_JSON_MAX_BYTES);
        return NULL;
    }
    if (memchr(buf, '\0', len)) {
        bad = (size_t)((const char *)memchr(buf, '\0', len) - buf);
        tr_json_linecol(buf, bad, &line, &col);
        tr_error_set(err, TR_E_PARSE, "%s:%d:%d: a NUL byte is not allowed in JSON text", name,
                     line, col);
        return NULL;
    }
    if (!tr_utf8_valid(buf, len, &bad)) {
        tr_json_linecol(buf, bad, &line, &col);
        tr_error_set(err, TR_E_PARSE, "%s:%d:%d: the text is not valid UTF-8 (byte 0x%02X)", name,
                     line, col, (unsigned char)buf[bad]);
        return NULL;
    }
    root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
    if (!root) {
        size_t off = end && end >= buf && end <= buf + len ? (size_t)(end - buf) : 0;
        const char *e = cJSON_GetErrorPtr();
        if (e && e >= buf && e <= buf + len)
            off = (size_t)(e - buf);
        tr_json_linecol(buf, off, &line, &col);
        tr_error_set(err, TR_E_PARSE, "%s:%d:%d: malformed JSON here (%s)", name, line, col,
                     off >= len ? "the text ends too early" : "unexpected character");
        return NULL;
    }
    while (end && end < buf + len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
        end++;
    if (end && end < buf + len) {
        tr_json_linecol(buf, (size_t)(end - buf), &line, &col);
        tr_error_set(err, TR_E_PARSE, "%s:%d:%d: extra text after the JSON value", name, line, col);
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

cJSON *tr_json_load_file_text(const char *path, char **text, size_t *len, tr_error *err)
{
    char *buf = NULL;
    size_t n = 0;
    int rc = tp_fs_read_file(path, TR_JSON_MAX_BYTES, &buf, &n);
    cJSON *root;
    if (rc == -EFBIG) {
        tr_error_set(err, TR_E_TOOBIG, "%s: the file is larger than %zu bytes", path,
                     TR_JSON_MAX_BYTES);
        return NULL;
    }
    if (rc != 0) {
        tr_error_set(err, rc == -ENOENT ? TR_E_NOTFOUND : TR_E_IO, "%s: cannot read the file (%s)",
                     path, strerror(-rc));
        return NULL;
    }
    root = tr_json_parse(buf, n, path, err);
    if (root && text) {
        *text = buf;
        if (len)
            *len = n;
    } else {
        free(buf);
    }
    return root;
}

cJSON *tr_json_load_file(const char *path, tr_error *err)
{
    return tr_json_load_file_text(path, NULL, NULL, err);
}

/* cJSON's free hook: a packed record's block goes back to the arena it came from, anything
 * else is wiped and freed. */
static void json_free(void *p)
{
    if (tp_secmem_owns(p))
        tp_secmem_free(p);
    else
        tp_wipe_free(p);
}

void tr_json_wipe_on_free(void)
{
    /* With a free hook cJSON stops using realloc (it grows print buffers by malloc, copy and
     * free), so no buffer is moved away unwiped. The hook is set before the arena is on, so
     * no block of the arena can reach a free that does not know it. */
    cJSON_Hooks hooks = {.malloc_fn = malloc, .free_fn = json_free};
    cJSON_InitHooks(&hooks);
    (void)tp_secmem_enable(); /* without it packed records are plain malloc blocks */
}
