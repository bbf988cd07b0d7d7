/* Fuzzes the .trinn-rapport reader: the input is opened with the fixed team identity of
 * fuzz_exch_keys.h, on first use and pinned to the fixed device key. Whatever the bytes: no
 * crash, no leak, a reason and a message on every refusal and no payload left; an accepted
 * report was signed for this identity and names its sender. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_exch_keys.h"
#include "tr_exch.h"
#include "tr_fpr.h"

static void check(const tr_age_identity *id, const uint8_t *data, size_t size,
                  const tr_exch_expect *ex)
{
    tr_exch_info info;
    tr_error err = {0};
    char ours[TR_FPR_KEYID_HEX];
    if (tr_exch_rapport_read(id, data, size, ex, &info, &err) != TR_OK) {
        assert(info.why != TR_EXCH_OK && !info.payload && err.msg[0]);
        return;
    }
    tr_fpr_x25519_id(id->pk, ours);
    assert(strcmp(info.to, ours) == 0 && info.report_id[0] && info.seq >= 1);
    assert(info.payload && strstr(info.payload, "sender_key"));
    tr_exch_info_free(&info);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_ms_key key;
    tr_ms_pub pub;
    tr_age_identity id;
    tr_exch_expect first = {0}, pinned = {.signer = &pub};
    fuzz_keys(&key, &pub, &id);
    check(&id, data, size, &first);
    check(&id, data, size, &pinned);
    return 0;
}
