/* tr_b64: see tr_b64.h. */
#include "tr_b64.h"

#include <sodium.h>

static int in_alphabet(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

int tr_b64_decode(const char *s, size_t n, uint8_t *out, size_t max, size_t *got, int padded)
{
    const char *end = NULL;
    size_t body = n;
    if (padded) {
        if (n % 4 != 0)
            return -1;
        while (body > 0 && n - body < 2 && s[body - 1] == '=')
            body--;
    } else if (n % 4 == 1) {
        return -1;
    }
    for (size_t i = 0; i < body; i++)
        if (!in_alphabet(s[i]))
            return -1;
    *got = 0;
    if (sodium_base642bin(out, max, s, n, NULL, got, &end,
                          padded ? sodium_base64_VARIANT_ORIGINAL
                                 : sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0)
        return -1;
    return end == s + n ? 0 : -1;
}
