/* tr_fpr: see tr_fpr.h and core/EXCHANGE.md §3. */
#include "tr_fpr.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void tr_fpr_keys(const uint8_t *keys, size_t n, char out[TR_FPR_TEXT])
{
    static const char ctx[] = "trinn fingerprint v1";
    uint8_t h[40], count = (uint8_t)n;
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    crypto_generichash_update(&st, (const uint8_t *)ctx, sizeof ctx - 1);
    crypto_generichash_update(&st, &count, 1);
    for (size_t i = 0; i < n; i++)
        crypto_generichash_update(&st, keys + 32 * i, 32);
    crypto_generichash_final(&st, h, sizeof h);
    for (int g = 0; g < 5; g++) {
        uint64_t v = 0;
        for (int b = 0; b < 5; b++)
            v = (v << 8) | h[5 * g + b];
        snprintf(out + 6 * g, TR_FPR_TEXT - 6 * (size_t)g, "%05u%s", (unsigned)(v % 100000),
                 g < 4 ? " " : "");
    }
}

int tr_fpr_match(const char *typed, const char fpr[TR_FPR_TEXT])
{
    char a[26], b[26];
    size_t na = 0, nb = 0;
    for (const char *p = typed; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (na == 25)
                return 0;
            a[na++] = *p;
        } else if (*p != ' ' && *p != '-' && *p != '.') {
            return 0;
        }
    }
    for (const char *p = fpr; *p; p++)
        if (*p >= '0' && *p <= '9' && nb < 25)
            b[nb++] = *p;
    return na == 25 && nb == 25 && memcmp(a, b, 25) == 0;
}

void tr_fpr_x25519_id(const uint8_t pk[32], char hex[TR_FPR_KEYID_HEX])
{
    static const char ctx[] = "trinn x25519 key id v1";
    static const char digits[] = "0123456789ABCDEF";
    uint8_t h[16];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    crypto_generichash_update(&st, (const uint8_t *)ctx, sizeof ctx - 1);
    crypto_generichash_update(&st, pk, 32);
    crypto_generichash_final(&st, h, sizeof h);
    for (int i = 0; i < 8; i++) {
        hex[2 * i] = digits[h[i] >> 4];
        hex[2 * i + 1] = digits[h[i] & 15];
    }
    hex[16] = '\0';
}
