/* tr_fhir_write: the Bundle form of an export and the files (see tr_fhir.h). */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp_fs.h"
#include "tp_io.h"
#include "tr_age.h"
#include "tr_fhir.h"

static const char *const TYPES[] = {"Organization", "Patient", "QuestionnaireResponse",
                                    "Observation",  "Goal",    "MedicationStatement"};
#define N_TYPES (sizeof TYPES / sizeof TYPES[0])

/* "urn:uuid:" and a stable UUID (version 8: custom, RFC 9562) from a keyed hash of "Type/id". */
static void urn_uuid(const char *ref, char out[46])
{
    unsigned char h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)ref, strlen(ref),
                       (const unsigned char *)"trinn-fhir-uuid-v1", 18);
    h[6] = (unsigned char)((h[6] & 0x0f) | 0x80);
    h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
    snprintf(out, 46,
             "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", h[0],
             h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13],
             h[14], h[15]);
}

/* Rewrites every {"reference": "Type/id"} below j to the urn:uuid form. 0 when out of memory. */
static int rewrite_refs(cJSON *j)
{
    cJSON *c;
    cJSON_ArrayForEach(c, j)
    {
        if (c->string && strcmp(c->string, "reference") == 0 && cJSON_IsString(c)) {
            char urn[46];
            urn_uuid(c->valuestring, urn);
            if (!cJSON_SetValuestring(c, urn))
                return 0;
        } else if ((cJSON_IsObject(c) || cJSON_IsArray(c)) && !rewrite_refs(c)) {
            return 0;
        }
    }
    return 1;
}

cJSON *tr_fhir_export_bundle(const tr_fhir_export *ex)
{
    cJSON *b = cJSON_CreateObject(), *entries;
    char id[64];
    snprintf(id, sizeof id, "%s-export", tr_fhir_export_pseudonym(ex));
    if (!b || !cJSON_AddStringToObject(b, "resourceType", "Bundle") ||
        !cJSON_AddStringToObject(b, "id", id) ||
        !cJSON_AddStringToObject(b, "type", "collection") ||
        !(entries = cJSON_AddArrayToObject(b, "entry")))
        goto fail;
    for (size_t t = 0; t < N_TYPES; t++) {
        const cJSON *r;
        cJSON_ArrayForEach(r, tr_fhir_export_resources(ex, TYPES[t]))
        {
            const cJSON *rid = cJSON_GetObjectItemCaseSensitive(r, "id");
            cJSON *e = cJSON_CreateObject(), *copy = cJSON_Duplicate(r, 1);
            char ref[160], urn[46];
            if (!e || !copy) {
                cJSON_Delete(e);
                cJSON_Delete(copy);
                goto fail;
            }
            cJSON_AddItemToArray(entries, e);
            snprintf(ref, sizeof ref, "%s/%s", TYPES[t], rid->valuestring);
            urn_uuid(ref, urn);
            if (!cJSON_AddStringToObject(e, "fullUrl", urn)) {
                cJSON_Delete(copy);
                goto fail;
            }
            cJSON_AddItemToObject(e, "resource", copy);
            if (!rewrite_refs(copy))
                goto fail;
        }
    }
    return b;
fail:
    cJSON_Delete(b);
    return NULL;
}

/* Creates path (0600, must not exist) with text[0..len) and fsyncs it. 0 or -errno. */
static int write_new(const char *path, const char *text, size_t len)
{
    const tp_io *io = tp_io_posix();
    tp_io_file *f;
    int rc = io->open(io->user, path, TP_IO_WRITE | TP_IO_CREATE, &f), rc2;
    if (rc)
        return rc;
    if (!(rc = io->pwrite(io->user, f, text, len, 0)))
        rc = io->sync(io->user, f);
    rc2 = io->close(io->user, f);
    return rc ? rc : rc2;
}

/* One NDJSON text: each resource printed on one line. NULL when out of memory. */
static char *ndjson(const cJSON *list, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    const cJSON *r;
    if (!buf)
        return NULL;
    cJSON_ArrayForEach(r, list)
    {
        char *line = cJSON_PrintUnformatted(r);
        size_t l;
        if (!line)
            goto fail;
        l = strlen(line);
        while (n + l + 2 > cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(line);
                goto fail;
            }
            buf = nb;
            cap *= 2;
        }
        memcpy(buf + n, line, l);
        n += l;
        buf[n++] = '\n';
        free(line);
    }
    buf[n] = '\0';
    *len = n;
    return buf;
fail:
    free(buf);
    return NULL;
}

char *tr_fhir_export_ndjson(const tr_fhir_export *ex, const char *type, size_t *len)
{
    return ndjson(tr_fhir_export_resources(ex, type), len);
}

/* Removes a file this export wrote, through the storage seam (UTF-8 paths on Windows too). */
static void remove_file(const char *path)
{
    const tp_io *io = tp_io_posix();
    io->unlink(io->user, path);
}

tr_status tr_fhir_export_write(const tr_fhir_export *ex, const char *dir, const uint8_t *seal_to,
                               tr_error *err)
{
    char paths[N_TYPES + 1][1024];
    const char *names[N_TYPES + 1];
    char *texts[N_TYPES + 1] = {0};
    size_t lens[N_TYPES + 1] = {0}, n = 0, written = 0;
    cJSON *bundle = NULL;
    int rc;
    tr_status st = TR_OK;

    if ((rc = tp_fs_mkdirs(dir)) != 0)
        return tr_error_set(err, TR_E_IO, "%s: cannot create the folder (%s)", dir, strerror(-rc));
    if (!(bundle = tr_fhir_export_bundle(ex)) || !(texts[0] = cJSON_Print(bundle))) {
        st = tr_error_set(err, TR_E_NOMEM, "out of memory while writing the export");
        goto done;
    }
    lens[0] = strlen(texts[0]);
    names[n++] = "bundle.json";
    for (size_t t = 0; t < N_TYPES; t++) {
        const cJSON *list = tr_fhir_export_resources(ex, TYPES[t]);
        if (!list)
            continue;
        if (!(texts[n] = ndjson(list, &lens[n]))) {
            st = tr_error_set(err, TR_E_NOMEM, "out of memory while writing the export");
            goto done;
        }
        names[n++] = TYPES[t];
    }
    for (size_t i = 0; i < n && seal_to; i++) { /* sealed: the clear text never reaches disk */
        uint8_t *sealed = NULL;
        size_t slen = 0;
        if ((st = tr_age_encrypt(seal_to, 1, (const uint8_t *)texts[i], lens[i], &sealed, &slen,
                                 err)))
            goto done;
        sodium_memzero(texts[i], lens[i]);
        free(texts[i]);
        texts[i] = (char *)sealed;
        lens[i] = slen;
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s%s%s", dir, names[i], i ? ".ndjson" : "",
                 seal_to ? ".age" : "");
        if (tp_fs_exists(paths[i])) {
            st = tr_error_set(err, TR_E_INVALID,
                              "%s exists already: export into an empty folder (nothing written)",
                              paths[i]);
            goto done;
        }
    }
    for (; written < n; written++) {
        if ((rc = write_new(paths[written], texts[written], lens[written])) != 0) {
            st = tr_error_set(err, TR_E_IO, "%s: cannot write the file (%s)", paths[written],
                              strerror(-rc));
            if (rc != -EEXIST)
                remove_file(paths[written]);
            while (written > 0)
                remove_file(paths[--written]);
            goto done;
        }
    }
    if ((rc = tp_io_posix()->sync_dir(tp_io_posix()->user, paths[0])) != 0)
        st = tr_error_set(err, TR_E_IO, "%s: cannot make the folder durable (%s)", dir,
                          strerror(-rc));
done:
    cJSON_Delete(bundle);
    for (size_t i = 0; i < N_TYPES + 1; i++)
        free(texts[i]);
    return st;
}
