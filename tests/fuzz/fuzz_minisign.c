/* Fuzzes the minisign reader: the input is a public key text, or a message and a signature file
 * (split at the first NUL byte) checked against the fixed key of fuzz_exch_keys.h. Whatever the
 * bytes: no crash, a message on every refusal, and an accepted signature's trusted comment is
 * one line within the limit and signed by that key. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_exch_keys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_ms_key key;
    tr_ms_pub pub, parsed;
    tr_ms_sig sig;
    tr_age_identity id;
    tr_error err = {0};
    const uint8_t *nul = memchr(data, 0, size);
    fuzz_keys(&key, &pub, &id);
    if (tr_ms_pub_parse((const char *)data, size, &parsed, &err) != TR_OK)
        assert(err.msg[0]);
    if (!nul)
        return 0;
    size_t mlen = (size_t)(nul - data);
    err.msg[0] = '\0';
    tr_status st =
        tr_ms_verify(&pub, data, mlen, (const char *)nul + 1, size - mlen - 1, &sig, &err);
    if (st != TR_OK) {
        assert(err.msg[0]);
    } else {
        assert(sig.trusted_len <= TR_MS_TRUSTED_MAX);
        assert(!memchr(sig.trusted, '\n', sig.trusted_len));
        assert(memcmp(sig.keyid, pub.keyid, TR_MS_KEYID_BYTES) == 0);
    }
    return 0;
}
