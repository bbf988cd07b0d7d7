/* tr_settings: the app's settings file (tr_settings.h). */
#include "tr_settings.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tp_path.h"
#include "tr_json.h"

/* Copies the string member key of j into buf (size bytes). Returns 0 when absent or copied,
 * -1 (err set naming key) when it is not a string or does not fit. */
static int text_field(const cJSON *j, const char *key, char *buf, size_t size, tr_error *err,
                      int *bad)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    if (!v)
        return 0;
    if (!cJSON_IsString(v) || strlen(v->valuestring) >= size) {
        if (!(*bad)++)
            tr_error_set(err, TR_E_INVALID, "settings: \"%s\" must be a text of at most %zu bytes",
                         key, size - 1);
        return -1;
    }
    memcpy(buf, v->valuestring, strlen(v->valuestring) + 1);
    return 0;
}

static void bool_field(const cJSON *j, const char *key, bool *out, tr_error *err, int *bad)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    if (!v)
        return;
    if (!cJSON_IsBool(v)) {
        if (!(*bad)++)
            tr_error_set(err, TR_E_INVALID, "settings: \"%s\" must be true or false", key);
        return;
    }
    *out = cJSON_IsTrue(v);
}

tr_status tr_settings_parse(const char *text, size_t len, tr_settings *out, tr_error *err)
{
    memset(out, 0, sizeof *out);
    if (len > TR_SETTINGS_FILE_MAX)
        return tr_error_set(err, TR_E_TOOBIG, "settings: larger than %d bytes",
                            TR_SETTINGS_FILE_MAX);
    cJSON *j = text ? tr_json_parse(text, len, "settings.json", err) : NULL;
    if (!cJSON_IsObject(j)) {
        tr_status st =
            j || !text ? tr_error_set(err, TR_E_PARSE, "settings: not a JSON object") : TR_E_PARSE;
        cJSON_Delete(j);
        return st;
    }
    int bad = 0;
    text_field(j, "lang", out->lang, sizeof out->lang, err, &bad);
    text_field(j, "theme", out->theme, sizeof out->theme, err, &bad);
    const cJSON *z = cJSON_GetObjectItemCaseSensitive(j, "text_size");
    if (z && (!cJSON_IsNumber(z) || !isfinite(z->valuedouble) || z->valuedouble <= 0)) {
        if (!bad++)
            tr_error_set(err, TR_E_INVALID, "settings: \"text_size\" must be a number above 0");
    } else if (z) {
        out->text_size = z->valuedouble;
    }
    bool_field(j, "speech", &out->speech, err, &bad);
    bool_field(j, "headphones", &out->headphones, err, &bad);
    cJSON_Delete(j);
    return bad ? TR_E_INVALID : TR_OK;
}

tr_status tr_settings_load(const char *data_dir, tr_settings *out, tr_error *err)
{
    char path[TP_PATH_MAX], *buf = NULL;
    size_t n = 0;
    memset(out, 0, sizeof *out);
    if (!data_dir || tp_path_join(path, sizeof path, data_dir, "settings.json") != 0)
        return tr_error_set(err, TR_E_INVALID, "settings: no data folder, or its path is too long");
    int rc = tp_fs_read_file(path, TR_SETTINGS_FILE_MAX, &buf, &n);
    if (rc == -ENOENT)
        return tr_error_set(err, TR_E_NOTFOUND, "%s: no settings yet", path);
    if (rc == -EFBIG)
        return tr_error_set(err, TR_E_TOOBIG, "%s: larger than %d bytes", path,
                            TR_SETTINGS_FILE_MAX);
    if (rc != 0)
        return tr_error_set(err, TR_E_IO, "%s: cannot read the file (%s)", path, strerror(-rc));
    tr_status st = tr_settings_parse(buf, n, out, err);
    free(buf);
    return st;
}

static bool word_ok(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return false;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

tr_status tr_settings_save(const char *data_dir, const tr_settings *s, tr_error *err)
{
    char path[TP_PATH_MAX], text[256];
    if (!data_dir || !s)
        return tr_error_set(err, TR_E_INVALID, "settings: nothing to save, or no data folder");
    if (!word_ok(s->lang, TR_SETTINGS_LANG_MAX) || !word_ok(s->theme, TR_SETTINGS_THEME_MAX) ||
        !isfinite(s->text_size) || s->text_size <= 0)
        return tr_error_set(err, TR_E_INVALID,
                            "settings: the language, theme or text size is not one to save");
    if (tp_fs_private_dir(data_dir) != 0 ||
        tp_path_join(path, sizeof path, data_dir, "settings.json") != 0)
        return tr_error_set(err, TR_E_IO, "settings: cannot make the data folder %s", data_dir);
    int n = snprintf(text, sizeof text,
                     "{\"lang\": \"%s\", \"theme\": \"%s\", \"text_size\": %g, \"speech\": %s, "
                     "\"headphones\": %s}\n",
                     s->lang, s->theme, s->text_size, s->speech ? "true" : "false",
                     s->headphones ? "true" : "false");
    if (n < 0 || (size_t)n >= sizeof text)
        return tr_error_set(err, TR_E_INVALID, "settings: too long to save");
    /* a new file under a unique name, 0600 whatever the umask, renamed over the old one */
    if (tp_fs_write_atomic(path, text, (size_t)n) != 0)
        return tr_error_set(err, TR_E_IO, "%s: cannot write the settings", path);
    return TR_OK;
}
