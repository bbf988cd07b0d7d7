/* tr_journal_fmt: byte layout and libsodium constructions of the journal (core/FORMAT.md). */
#include "tr_journal_fmt.h"

#include <string.h>

void trj_put_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

void trj_put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

void trj_put_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

uint16_t trj_get_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

uint32_t trj_get_u32(const uint8_t *p)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

uint64_t trj_get_u64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

void trj_key_hdr_encode(const trj_key_hdr *h, uint8_t out[TRJ_SLOT_SIZE])
{
    memset(out, 0, TRJ_SLOT_SIZE);
    memcpy(out, TRJ_MAGIC, 8);
    trj_put_u16(out + 8, h->version);
    trj_put_u16(out + 10, h->flags);
    trj_put_u32(out + 12, h->alg);
    trj_put_u64(out + 16, h->ops);
    trj_put_u64(out + 24, h->mem);
    memcpy(out + 32, h->salt, TRJ_SALT_LEN);
    memcpy(out + 48, h->file_id, TRJ_ID_LEN);
    memcpy(out + 64, h->nonce, TRJ_NONCE_LEN);
    memcpy(out + 88, h->wrapped, TRJ_WRAP_LEN);
}

int trj_key_hdr_decode(const uint8_t in[TRJ_SLOT_SIZE], trj_key_hdr *h)
{
    memset(h, 0, sizeof *h);
    if (memcmp(in, TRJ_MAGIC, 8) != 0)
        return -1;
    h->version = trj_get_u16(in + 8);
    h->flags = trj_get_u16(in + 10);
    h->alg = trj_get_u32(in + 12);
    h->ops = trj_get_u64(in + 16);
    h->mem = trj_get_u64(in + 24);
    memcpy(h->salt, in + 32, TRJ_SALT_LEN);
    memcpy(h->file_id, in + 48, TRJ_ID_LEN);
    memcpy(h->nonce, in + 64, TRJ_NONCE_LEN);
    memcpy(h->wrapped, in + 88, TRJ_WRAP_LEN);
    return 0;
}

int trj_derive_kek(const trj_key_hdr *h, const void *pass, size_t pass_len,
                   uint8_t kek[TRJ_KEY_LEN])
{
    return crypto_pwhash(kek, TRJ_KEY_LEN, (const char *)pass, pass_len, h->salt, h->ops,
                         (size_t)h->mem, (int)h->alg);
}

void trj_wrap(trj_key_hdr *h, const uint8_t kek[TRJ_KEY_LEN], const uint8_t dk[TRJ_KEY_LEN])
{
    uint8_t enc[TRJ_SLOT_SIZE];
    randombytes_buf(h->nonce, TRJ_NONCE_LEN);
    trj_key_hdr_encode(h, enc);
    crypto_aead_xchacha20poly1305_ietf_encrypt(h->wrapped, NULL, dk, TRJ_KEY_LEN, enc, TRJ_AD_LEN,
                                               NULL, h->nonce, kek);
}

int trj_unwrap(const trj_key_hdr *h, const uint8_t kek[TRJ_KEY_LEN], uint8_t dk[TRJ_KEY_LEN])
{
    uint8_t enc[TRJ_SLOT_SIZE];
    trj_key_hdr_encode(h, enc);
    return crypto_aead_xchacha20poly1305_ietf_decrypt(dk, NULL, NULL, h->wrapped, TRJ_WRAP_LEN, enc,
                                                      TRJ_AD_LEN, h->nonce, kek);
}

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

void trj_attempts_encode(const trj_attempts *a, uint8_t out[TRJ_SLOT_SIZE])
{
    memset(out, 0, TRJ_SLOT_SIZE);
    memcpy(out, "TRAT", 4);
    trj_put_u32(out + 4, a->failures);
    trj_put_u64(out + 8, (uint64_t)a->last_failure);
    crypto_generichash(out + 16, 16, out, 16, NULL, 0);
}

int trj_attempts_decode(const uint8_t in[TRJ_SLOT_SIZE], trj_attempts *a)
{
    uint8_t sum[16];
    memset(a, 0, sizeof *a);
    crypto_generichash(sum, sizeof sum, in, 16, NULL, 0);
    if (memcmp(in, "TRAT", 4) != 0 || memcmp(sum, in + 16, 16) != 0 ||
        !all_zero(in + 32, TRJ_SLOT_SIZE - 32))
        return -1;
    a->failures = trj_get_u32(in + 4);
    a->last_failure = (int64_t)trj_get_u64(in + 8);
    return 0;
}

static void head_mac(const uint8_t body[TRJ_HEAD_BODY], const uint8_t file_id[TRJ_ID_LEN],
                     const uint8_t head_key[TRJ_KEY_LEN], uint8_t mac[TRJ_HEAD_MAC_LEN])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, head_key, TRJ_KEY_LEN, TRJ_HEAD_MAC_LEN);
    crypto_generichash_update(&st, file_id, TRJ_ID_LEN);
    crypto_generichash_update(&st, body, TRJ_HEAD_BODY);
    crypto_generichash_final(&st, mac, TRJ_HEAD_MAC_LEN);
}

void trj_head_encode(const trj_head *h, const uint8_t file_id[TRJ_ID_LEN],
                     const uint8_t head_key[TRJ_KEY_LEN], uint8_t out[TRJ_SLOT_SIZE])
{
    memset(out, 0, TRJ_SLOT_SIZE);
    trj_put_u64(out, h->gen);
    trj_put_u64(out + 8, h->last_seq);
    memcpy(out + 16, h->last_tag, TRJ_TAG_LEN);
    head_mac(out, file_id, head_key, out + TRJ_HEAD_BODY);
}

int trj_head_decode(const uint8_t in[TRJ_SLOT_SIZE], const uint8_t file_id[TRJ_ID_LEN],
                    const uint8_t head_key[TRJ_KEY_LEN], trj_head *h)
{
    uint8_t mac[TRJ_HEAD_MAC_LEN];
    memset(h, 0, sizeof *h);
    head_mac(in, file_id, head_key, mac);
    if (sodium_memcmp(mac, in + TRJ_HEAD_BODY, TRJ_HEAD_MAC_LEN) != 0 ||
        !all_zero(in + TRJ_HEAD_BODY + TRJ_HEAD_MAC_LEN,
                  TRJ_SLOT_SIZE - TRJ_HEAD_BODY - TRJ_HEAD_MAC_LEN))
        return -1;
    h->gen = trj_get_u64(in);
    h->last_seq = trj_get_u64(in + 8);
    memcpy(h->last_tag, in + 16, TRJ_TAG_LEN);
    return 0;
}

void trj_record_ad(uint8_t ad[TRJ_REC_AD_LEN], const uint8_t file_id[TRJ_ID_LEN], uint64_t seq,
                   const uint8_t prev_tag[TRJ_TAG_LEN])
{
    memcpy(ad, file_id, TRJ_ID_LEN);
    trj_put_u64(ad + TRJ_ID_LEN, seq);
    memcpy(ad + TRJ_ID_LEN + 8, prev_tag, TRJ_TAG_LEN);
}
