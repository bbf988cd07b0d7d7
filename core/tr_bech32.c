/* tr_bech32: see tr_bech32.h. */
#include "tr_bech32.h"

#include <string.h>

static const char CHARSET[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

static uint32_t polymod_step(uint32_t pre)
{
    uint8_t b = (uint8_t)(pre >> 25);
    return ((pre & 0x1ffffff) << 5) ^ (-((b >> 0) & 1) & 0x3b6a57b2UL) ^
           (-((b >> 1) & 1) & 0x26508e6dUL) ^ (-((b >> 2) & 1) & 0x1ea119faUL) ^
           (-((b >> 3) & 1) & 0x3d4233ddUL) ^ (-((b >> 4) & 1) & 0x2a1462b3UL);
}

/* The checksum state after the expanded human-readable part (lower case). */
static uint32_t hrp_state(const char *hrp, size_t n)
{
    uint32_t chk = 1;
    for (size_t i = 0; i < n; i++)
        chk = polymod_step(chk) ^ ((unsigned char)hrp[i] >> 5);
    chk = polymod_step(chk);
    for (size_t i = 0; i < n; i++)
        chk = polymod_step(chk) ^ ((unsigned char)hrp[i] & 0x1f);
    return chk;
}

tr_status tr_bech32_encode(const char *hrp, const uint8_t *data, size_t len, int upper, char *out,
                           size_t size, tr_error *err)
{
    size_t hn = strlen(hrp), groups = (len * 8 + 4) / 5, pos = 0;
    uint32_t chk, acc = 0;
    int bits = 0;
    if (hn < 1 || hn > 83)
        return tr_error_set(err, TR_E_INVALID, "bech32: the prefix must be 1-83 characters");
    for (size_t i = 0; i < hn; i++)
        if (hrp[i] < 33 || hrp[i] > 126 || (hrp[i] >= 'A' && hrp[i] <= 'Z'))
            return tr_error_set(err, TR_E_INVALID, "bech32: the prefix must be lower case");
    if (hn + 1 + groups + 6 + 1 > size || hn + 1 + groups + 6 + 1 > TR_BECH32_MAX)
        return tr_error_set(err, TR_E_TOOBIG, "bech32: the encoded text would be too long");
    chk = hrp_state(hrp, hn);
    memcpy(out, hrp, hn);
    pos = hn;
    out[pos++] = '1';
    for (size_t i = 0; i <= len; i++) {
        if (i < len) {
            acc = (acc << 8) | data[i];
            bits += 8;
        } else if (bits > 0) {
            acc <<= 5 - bits;
            bits = 5;
        }
        while (bits >= 5) {
            uint8_t v = (acc >> (bits - 5)) & 31;
            bits -= 5;
            chk = polymod_step(chk) ^ v;
            out[pos++] = CHARSET[v];
        }
    }
    for (int i = 0; i < 6; i++)
        chk = polymod_step(chk);
    chk ^= 1;
    for (int i = 0; i < 6; i++)
        out[pos++] = CHARSET[(chk >> (5 * (5 - i))) & 31];
    out[pos] = '\0';
    if (upper)
        for (size_t i = 0; i < pos; i++)
            if (out[i] >= 'a' && out[i] <= 'z')
                out[i] = (char)(out[i] - 'a' + 'A');
    return TR_OK;
}

tr_status tr_bech32_decode(const char *s, char *hrp, size_t hrp_size, uint8_t *data, size_t max,
                           size_t *len, tr_error *err)
{
    size_t n = strnlen(s, TR_BECH32_MAX), sep = 0, out = 0;
    int lower = 0, upper = 0, bits = 0;
    uint32_t chk, acc = 0;
    if (n >= TR_BECH32_MAX)
        return tr_error_set(err, TR_E_TOOBIG, "bech32: longer than %d characters",
                            TR_BECH32_MAX - 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 33 || c > 126)
            return tr_error_set(err, TR_E_PARSE,
                                "bech32: character %zu is a space, a control character or not "
                                "ASCII",
                                i + 1);
        lower |= c >= 'a' && c <= 'z';
        upper |= c >= 'A' && c <= 'Z';
        if (c == '1')
            sep = i;
    }
    if (lower && upper)
        return tr_error_set(err, TR_E_PARSE, "bech32: mixes upper and lower case");
    if (sep < 1 || sep > 83 || n - sep - 1 < 6)
        return tr_error_set(err, TR_E_PARSE,
                            "bech32: no '1' separator with a prefix before and a 6-character "
                            "checksum after it");
    if (sep + 1 > hrp_size)
        return tr_error_set(err, TR_E_PARSE, "bech32: the prefix is too long");
    for (size_t i = 0; i < sep; i++)
        hrp[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    hrp[sep] = '\0';
    chk = hrp_state(hrp, sep);
    for (size_t i = sep + 1; i < n; i++) {
        char c = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
        const char *p = memchr(CHARSET, c, 32);
        uint8_t v;
        if (!p || !c)
            return tr_error_set(err, TR_E_PARSE,
                                "bech32: '%c' (character %zu) is not in the bech32 alphabet", s[i],
                                i + 1);
        v = (uint8_t)(p - CHARSET);
        chk = polymod_step(chk) ^ v;
        if (i >= n - 6)
            continue;
        acc = ((acc << 5) | v) & 0xfff;
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            if (out >= max)
                return tr_error_set(err, TR_E_TOOBIG, "bech32: holds more than %zu bytes", max);
            data[out++] = (uint8_t)(acc >> bits);
        }
    }
    if (chk != 1)
        return tr_error_set(err, TR_E_PARSE,
                            "bech32: the checksum does not match (a character was mistyped or "
                            "lost)");
    if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0)
        return tr_error_set(err, TR_E_PARSE, "bech32: the padding at the end is not zero");
    *len = out;
    return TR_OK;
}
