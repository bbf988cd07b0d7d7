/* tr_kiosk_config: reading a kiosk's configuration file (tr_kiosk.h). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tr_json.h"
#include "tr_kiosk.h"

const char *const tr_kiosk_lang_codes[TR_KIOSK_LANGS] = {"nb", "nn", "en"};

static const char CONFIG_FORMAT[] = "trinn-kiosk-config";

/* 1 when s[0..n) holds no control character (tabs and line breaks included). */
static int plain_text(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 32 || *s == 127)
            return 0;
    return 1;
}

/* A string field of at most max bytes, no control characters, not empty when required. */
static tr_status text_field(const cJSON *obj, const char *name, int required, char *out, size_t max,
                            tr_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    out[0] = '\0';
    if (!v && !required)
        return TR_OK;
    if (!cJSON_IsString(v) || (required && !v->valuestring[0]))
        return tr_error_set(err, TR_E_INVALID, "\"%s\": expected a text%s", name,
                            required ? " (not empty)" : "");
    if (strlen(v->valuestring) > max || !plain_text(v->valuestring))
        return tr_error_set(err, TR_E_INVALID,
                            "\"%s\": at most %zu bytes on one line, without control characters",
                            name, max);
    memcpy(out, v->valuestring, strlen(v->valuestring) + 1);
    return TR_OK;
}

/* "desk"/"hours": one text for every language, or {"nb": ..., "nn": ..., "en": ...} with the
 * languages offered (others may be missing: the first one given stands in). */
static tr_status lang_text(const cJSON *obj, const char *name, tr_kiosk_text *t, tr_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    const char *first = NULL;
    if (cJSON_IsString(v)) {
        char one[TR_KIOSK_TEXT_MAX + 1];
        tr_status st = text_field(obj, name, 1, one, TR_KIOSK_TEXT_MAX, err);
        for (int i = 0; st == TR_OK && i < TR_KIOSK_LANGS; i++)
            memcpy(t->v[i], one, sizeof one);
        return st;
    }
    if (!cJSON_IsObject(v) || !v->child)
        return tr_error_set(err, TR_E_INVALID,
                            "\"%s\": expected a text, or an object of texts by language "
                            "{\"nb\": ..., \"nn\": ..., \"en\": ...}",
                            name);
    for (const cJSON *c = v->child; c; c = c->next) {
        int lang = -1;
        for (int i = 0; i < TR_KIOSK_LANGS; i++)
            if (strcmp(c->string, tr_kiosk_lang_codes[i]) == 0)
                lang = i;
        if (lang < 0)
            return tr_error_set(err, TR_E_INVALID,
                                "\"%s\": unknown language \"%.16s\" (nb, nn, en)", name, c->string);
        if (!cJSON_IsString(c) || !c->valuestring[0] ||
            strlen(c->valuestring) > TR_KIOSK_TEXT_MAX || !plain_text(c->valuestring))
            return tr_error_set(err, TR_E_INVALID,
                                "\"%s\".\"%s\": expected a text of 1-%d bytes on one line", name,
                                c->string, TR_KIOSK_TEXT_MAX);
        if (t->v[lang][0])
            return tr_error_set(err, TR_E_INVALID, "\"%s\": \"%s\" is given twice", name,
                                c->string);
        memcpy(t->v[lang], c->valuestring, strlen(c->valuestring) + 1);
        if (!first)
            first = t->v[lang];
    }
    for (int i = 0; i < TR_KIOSK_LANGS; i++)
        if (!t->v[i][0])
            memcpy(t->v[i], first, strlen(first) + 1);
    return TR_OK;
}

/* A path field, resolved against base_dir unless absolute, into out[TR_KIOSK_PATH_MAX]. */
static tr_status path_field(const cJSON *obj, const char *name, const char *base_dir, char *out,
                            tr_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!cJSON_IsString(v) || !v->valuestring[0] || !plain_text(v->valuestring))
        return tr_error_set(err, TR_E_INVALID, "\"%s\": expected the path of a %s", name,
                            strcmp(name, "spool") == 0 ? "folder" : "file");
    const char *p = v->valuestring;
    int absolute = p[0] == '/' || p[0] == '\\' || (p[0] && p[1] == ':');
    int n = absolute || !base_dir || !base_dir[0]
                ? snprintf(out, TR_KIOSK_PATH_MAX, "%s", p)
                : snprintf(out, TR_KIOSK_PATH_MAX, "%s/%s", base_dir, p);
    if (n < 0 || n >= TR_KIOSK_PATH_MAX)
        return tr_error_set(err, TR_E_INVALID, "\"%s\": the path is too long", name);
    return TR_OK;
}

static tr_status languages(const cJSON *obj, tr_kiosk_config *cfg, tr_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "languages");
    int n = cJSON_GetArraySize(v);
    if (!cJSON_IsArray(v) || n < 1 || n > TR_KIOSK_LANGS)
        return tr_error_set(err, TR_E_INVALID,
                            "\"languages\": expected a list of 1-3 of \"nb\", \"nn\", \"en\", in "
                            "the order the welcome shows them");
    const cJSON *c;
    cJSON_ArrayForEach(c, v)
    {
        int lang = -1;
        for (int i = 0; cJSON_IsString(c) && i < TR_KIOSK_LANGS; i++)
            if (strcmp(c->valuestring, tr_kiosk_lang_codes[i]) == 0)
                lang = i;
        for (int i = 0; lang >= 0 && i < cfg->n_langs; i++)
            if (cfg->langs[i] == lang)
                return tr_error_set(err, TR_E_INVALID, "\"languages\": \"%s\" is listed twice",
                                    tr_kiosk_lang_codes[lang]);
        if (lang < 0)
            return tr_error_set(err, TR_E_INVALID,
                                "\"languages\": each must be \"nb\", \"nn\" or \"en\"");
        cfg->langs[cfg->n_langs++] = lang;
    }
    return TR_OK;
}

static tr_status parse_obj(const cJSON *j, const char *base_dir, tr_kiosk_config *cfg,
                           tr_error *err)
{
    static const char *const known[] = {
        "format",    "version",      "service",        "phone",           "hours",     "desk",
        "team_card", "idle_seconds", "staff_pin_file", "device_key_file", "languages", "spool"};
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(j, "format");
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(j, "version");
    const cJSON *idle = cJSON_GetObjectItemCaseSensitive(j, "idle_seconds");
    const cJSON *card = cJSON_GetObjectItemCaseSensitive(j, "team_card");
    tr_status st;
    if (!cJSON_IsObject(j))
        return tr_error_set(err, TR_E_INVALID, "expected a JSON object (a kiosk configuration)");
    if (!cJSON_IsString(f) || strcmp(f->valuestring, CONFIG_FORMAT) != 0)
        return tr_error_set(err, TR_E_INVALID,
                            "\"format\": expected \"%s\" (is this a kiosk configuration?)",
                            CONFIG_FORMAT);
    if (!cJSON_IsNumber(ver) || ver->valuedouble != 1)
        return tr_error_set(err, cJSON_IsNumber(ver) ? TR_E_VERSION : TR_E_INVALID,
                            "\"version\": this Trinn reads version 1 only");
    for (const cJSON *c = j->child; c; c = c->next) {
        size_t k = 0;
        while (k < sizeof known / sizeof known[0] && strcmp(c->string, known[k]) != 0)
            k++;
        if (k == sizeof known / sizeof known[0])
            return tr_error_set(err, TR_E_INVALID,
                                "\"%.40s\": not a field of a kiosk "
                                "configuration (misspelt?)",
                                c->string);
    }
    if ((st = text_field(j, "service", 1, cfg->service, TR_TEAM_TEXT_MAX, err)) != TR_OK ||
        (st = text_field(j, "phone", 1, cfg->phone, TR_TEAM_TEXT_MAX, err)) != TR_OK ||
        (st = lang_text(j, "hours", &cfg->hours, err)) != TR_OK ||
        (st = lang_text(j, "desk", &cfg->desk, err)) != TR_OK)
        return st;
    if (!cJSON_IsNumber(idle) || idle->valuedouble < TR_KIOSK_IDLE_MIN ||
        idle->valuedouble > TR_KIOSK_IDLE_MAX || idle->valuedouble != (int)idle->valuedouble)
        return tr_error_set(err, TR_E_INVALID,
                            "\"idle_seconds\": expected whole seconds from %d to %d (how long "
                            "the kiosk waits without a touch before it wipes the visit)",
                            TR_KIOSK_IDLE_MIN, TR_KIOSK_IDLE_MAX);
    cfg->idle_seconds = (int)idle->valuedouble;
    if ((st = path_field(j, "staff_pin_file", base_dir, cfg->pin_file, err)) != TR_OK ||
        (st = path_field(j, "device_key_file", base_dir, cfg->key_file, err)) != TR_OK ||
        (st = path_field(j, "spool", base_dir, cfg->spool, err)) != TR_OK ||
        (st = languages(j, cfg, err)) != TR_OK)
        return st;
    if (cJSON_IsObject(card)) {
        cfg->card_inline = 1;
        if ((st = tr_team_card_parse(card, &cfg->card, err)) != TR_OK)
            tr_error_prefix(err, "\"team_card\"");
        return st;
    }
    if (cJSON_IsString(card))
        return path_field(j, "team_card", base_dir, cfg->card_file, err);
    return tr_error_set(err, TR_E_INVALID,
                        "\"team_card\": expected the path of the team card (trinnctl team card "
                        "--out FILE) or the card itself");
}

tr_status tr_kiosk_config_parse(const char *text, size_t len, const char *base_dir,
                                tr_kiosk_config *cfg, tr_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    cJSON *j = tr_json_parse(text, len, "kiosk configuration", err);
    if (!j)
        return err ? err->status : TR_E_PARSE;
    tr_status st = parse_obj(j, base_dir, cfg, err);
    cJSON_Delete(j);
    if (st != TR_OK)
        tr_kiosk_config_wipe(cfg);
    return st;
}

void tr_kiosk_config_wipe(tr_kiosk_config *cfg)
{
    if (!cfg)
        return;
    tr_ms_key_wipe(&cfg->key);
    sodium_memzero(cfg, sizeof *cfg);
}

/* The folder of path ("" when it has none) into dir[size]. */
static void folder_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
#ifdef _WIN32
    const char *bs = strrchr(path, '\\');
    if (bs && (!slash || bs > slash))
        slash = bs;
#endif
    size_t n = slash ? (size_t)(slash - path) : 0;
    if (slash && n == 0)
        n = 1; /* "/kiosk.json": the root */
    snprintf(dir, size, "%.*s", (int)(n < size ? n : size - 1), path);
}

tr_status tr_kiosk_config_load(const char *path, tr_kiosk_config *cfg, tr_error *err)
{
    char dir[TR_KIOSK_PATH_MAX], *text = NULL;
    size_t len = 0;
    tr_status st;
    memset(cfg, 0, sizeof *cfg);
    if (tp_fs_read_file(path, 64 * 1024, &text, &len) != 0)
        return tr_error_set(err, TR_E_NOTFOUND,
                            "%s: cannot read the kiosk configuration (missing, unreadable or "
                            "over 64 KiB)",
                            path);
    folder_of(path, dir, sizeof dir);
    st = tr_kiosk_config_parse(text, len, dir, cfg, err);
    free(text);
    text = NULL;
    if (st != TR_OK) {
        tr_error_prefix(err, "%s", path);
        return st;
    }
    if (!cfg->card_inline) {
        cJSON *card = tr_json_load_file(cfg->card_file, err);
        st = card ? tr_team_card_parse(card, &cfg->card, err) : TR_E_NOTFOUND;
        cJSON_Delete(card);
        if (st != TR_OK) {
            tr_error_prefix(err, "the team card %s", cfg->card_file);
            goto fail;
        }
    }
    if (tp_fs_read_file(cfg->pin_file, 4096, &text, &len) != 0) {
        st = tr_error_set(err, TR_E_NOTFOUND,
                          "the staff PIN file %s cannot be read (make it with trinnctl kiosk pin "
                          "--out FILE)",
                          cfg->pin_file);
        goto fail;
    }
    st = tr_kiosk_pin_hash_parse(text, len, cfg->pin_hash, err);
    free(text);
    text = NULL;
    if (st != TR_OK) {
        tr_error_prefix(err, "the staff PIN file %s", cfg->pin_file);
        goto fail;
    }
    if (tp_fs_read_file(cfg->key_file, 4096, &text, &len) != 0) {
        st = tr_error_set(err, TR_E_NOTFOUND,
                          "the device key file %s cannot be read (make it with trinnctl kiosk "
                          "init --out FILE; only the kiosk's user may read it)",
                          cfg->key_file);
        goto fail;
    }
    st = tr_kiosk_key_parse(text, len, &cfg->key, err);
    sodium_memzero(text, len);
    free(text);
    text = NULL;
    if (st != TR_OK) {
        tr_error_prefix(err, "the device key file %s", cfg->key_file);
        goto fail;
    }
    cfg->has_key = 1;
    if (!tp_fs_is_dir(cfg->spool)) {
        st = tr_error_set(err, TR_E_NOTFOUND,
                          "the spool folder %s does not exist (hand-ins are written there)",
                          cfg->spool);
        goto fail;
    }
    return TR_OK;
fail:
    tr_kiosk_config_wipe(cfg);
    return st;
}
