/* Fuzzes the age reader: the input is opened as an age file with the fixed identity of
 * fuzz_exch_keys.h, and read as an identity file and as a recipient. Whatever the bytes: no
 * crash, no leak, a message on every refusal, and opened plaintext is shorter than the file. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_exch_keys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_ms_key key;
    tr_ms_pub pub;
    tr_age_identity id, parsed;
    tr_error err = {0};
    uint8_t *out = NULL, pk[32];
    size_t olen = 0;
    char line[TR_AGE_KEY_STR * 2];
    fuzz_keys(&key, &pub, &id);
    if (tr_age_decrypt(&id, data, size, &out, &olen, &err) == TR_OK) {
        assert(out && olen < size);
        tr_age_free(out, olen);
    } else {
        assert(!out && err.msg[0]);
    }
    err.msg[0] = '\0';
    if (tr_age_identity_parse((const char *)data, size, &parsed, &err) != TR_OK)
        assert(err.msg[0]);
    if (size < sizeof line) {
        memcpy(line, data, size);
        line[size] = '\0';
        err.msg[0] = '\0';
        if (tr_age_recipient_parse(line, pk, &err) != TR_OK)
            assert(err.msg[0]);
    }
    return 0;
}
