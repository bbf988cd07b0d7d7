/* Fuzzes the FHIR export (tr_fhir_export_feed and what is built from it) on the shipped content
 * pack (TRINN_CONTENT, else ./content): any bytes, read as journal records one per line (a line
 * starting with '#' starts the next client of a team's export, keyed by the line), give
 * resources every one of which has a resourceType and an id, a Bundle holding each of them, and
 * NDJSON for every type; never a crash. The corpus holds each record type the export reads. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_fhir.h"

static tr_content *pack;
static tr_fhir_map *map;

static void load(void)
{
    tr_diags diags = {0};
    tr_error err = {0};
    const char *dir = getenv("TRINN_CONTENT");
    if (tr_content_load(&(tr_content_desc){.dir = dir ? dir : "content"}, &pack, &diags, &err) !=
            TR_OK ||
        tr_fhir_map_load(pack, &map, &err) != TR_OK)
        abort(); /* the fuzzer needs the shipped pack; run it from the repository root */
    tr_diags_free(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const types[] = {
        "QuestionnaireResponse", "Observation", "Organization", "Patient", "Goal",
        "MedicationStatement"};
    tr_error err = {0};
    tr_fhir_export *ex = NULL;
    const char *p = (const char *)data, *end = p + size;
    uint64_t seq = 0;
    size_t n = 0, lines = 0;
    cJSON *b;

    if (!pack)
        load();
    if (tr_fhir_export_make(
            &(tr_fhir_desc){.pack = pack, .map = map, .team = size & 1 ? "RPH Fuzz" : NULL}, &ex,
            &err) != TR_OK)
        abort();
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (len && p[0] == '#') {
            char key[64] = {0};
            memcpy(key, p, len < sizeof key - 1 ? len : sizeof key - 1);
            tr_fhir_export_next_client(ex, key);
            seq = 0;
        } else if (len) {
            assert(tr_fhir_export_feed(ex, ++seq, p, len, &err) == TR_OK);
            lines++;
        }
        p += len + (nl != NULL);
    }
    assert(tr_fhir_export_skipped(ex) <= lines);
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        const cJSON *r;
        size_t len = 0;
        char *text = tr_fhir_export_ndjson(ex, types[t], &len);
        assert(text && strlen(text) == len);
        free(text);
        cJSON_ArrayForEach(r, tr_fhir_export_resources(ex, types[t]))
        {
            assert(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r, "id")));
            assert(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r, "resourceType")));
            n++;
        }
    }
    b = tr_fhir_export_bundle(ex);
    assert(b && (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(b, "entry")) == n);
    cJSON_Delete(b);
    tr_fhir_export_destroy(ex);
    return 0;
}
