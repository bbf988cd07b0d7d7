/* Fuzzes the settings file reader (trinn reads <data dir>/settings.json before its first
 * frame; a broken file must leave the defaults, never crash). Whatever the bytes: no crash, no
 * leak, a message on every refusal; the texts read are NUL-terminated within their buffers and
 * a text size read is finite and above 0; a file not read at all leaves every field unset. */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tr_settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_settings s;
    tr_error err = {0};
    tr_status st = tr_settings_parse((const char *)data, size, &s, &err);
    if (st != TR_OK)
        assert(err.msg[0]);
    assert(memchr(s.lang, 0, sizeof s.lang) && memchr(s.theme, 0, sizeof s.theme));
    assert(s.text_size == 0 || (isfinite(s.text_size) && s.text_size > 0));
    if (st != TR_OK && st != TR_E_INVALID) { /* nothing read at all */
        assert(!s.lang[0] && !s.theme[0] && s.text_size == 0 && !s.speech && !s.headphones);
    }
    return 0;
}
