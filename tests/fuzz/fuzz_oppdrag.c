/* Fuzzes the .trinn-oppdrag reader: the input is read as an assignment on first use (the key it
 * names) and pinned to the fixed team key of fuzz_exch_keys.h. Whatever the bytes: no crash, no
 * leak, a reason and a message on every refusal and no payload left; an accepted file has a
 * valid client id, a NUL-terminated payload, and splits into payload and signature. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_exch_keys.h"
#include "tr_exch.h"

static void check(const uint8_t *data, size_t size, const tr_exch_expect *ex)
{
    tr_exch_info info;
    tr_error err = {0};
    if (tr_exch_oppdrag_read(data, size, ex, &info, &err) != TR_OK) {
        assert(info.why != TR_EXCH_OK && !info.payload && err.msg[0]);
        return;
    }
    uint8_t *payload = NULL;
    const char *sig = NULL;
    size_t plen = 0, slen = 0;
    assert(info.payload && info.payload[info.payload_len] == '\0');
    assert(info.client[0] && info.seq >= 1 && strlen(info.expires) == 10);
    assert(tr_exch_oppdrag_split(data, size, &payload, &plen, &sig, &slen, &err) == TR_OK);
    assert(plen == info.payload_len && memcmp(payload, info.payload, plen) == 0);
    free(payload);
    tr_exch_info_free(&info);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_ms_key key;
    tr_ms_pub pub;
    tr_age_identity id;
    tr_exch_expect first = {0}, pinned = {.signer = &pub, .client = "klient-7", .now = 1};
    fuzz_keys(&key, &pub, &id);
    check(data, size, &first);
    check(data, size, &pinned);
    return 0;
}
