/* tr_journal_fmt: the on-disk layout of a journal (core/FORMAT.md) as byte-level encode and
 * decode helpers plus the libsodium constructions over them. Internal to tr_journal*.c. */
#ifndef TR_JOURNAL_FMT_H
#define TR_JOURNAL_FMT_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

#define TRJ_MAGIC        "TRINNJNL"
#define TRJ_VERSION      1
#define TRJ_KEY_HDR_OFF  0
#define TRJ_ATTEMPT_OFF  512
#define TRJ_HEAD_OFF     1024 /* slot i at TRJ_HEAD_OFF + i * TRJ_SLOT_SIZE */
#define TRJ_SLOT_SIZE    512
#define TRJ_RECORDS_OFF  2048
#define TRJ_AD_LEN       64 /* bytes of the key header bound as associated data */
#define TRJ_ID_LEN       16
#define TRJ_SALT_LEN     16
#define TRJ_KEY_LEN      32
#define TRJ_NONCE_LEN    24
#define TRJ_TAG_LEN      16
#define TRJ_WRAP_LEN     (TRJ_KEY_LEN + TRJ_TAG_LEN)
#define TRJ_REC_HDR_LEN  36 /* ct_len u32, seq u64, nonce[24] */
#define TRJ_REC_AD_LEN   (TRJ_ID_LEN + 8 + TRJ_TAG_LEN)
#define TRJ_PT_FIXED     9  /* ts i64 + type_len u8 before the type and the JSON */
#define TRJ_HEAD_BODY    32 /* gen u64, last_seq u64, last_tag[16] */
#define TRJ_HEAD_MAC_LEN 32
#define TRJ_KDF_CTX      "TrnJrnl1"
#define TRJ_SUBKEY_REC   1
#define TRJ_SUBKEY_HEAD  2

/* Largest "type" (bytes) and JSON text (bytes) of a record: tr_journal.h's public limits. */
#define TRJ_MAX_TYPE 64
#define TRJ_MAX_JSON (256u << 10)
/* ct_len bounds: plaintext fixed part + type + JSON + tag (FORMAT.md: 28 .. 262,233). */
#define TRJ_MIN_CT (TRJ_PT_FIXED + 1 + 2 + TRJ_TAG_LEN)
#define TRJ_MAX_CT (TRJ_PT_FIXED + TRJ_MAX_TYPE + TRJ_MAX_JSON + TRJ_TAG_LEN)

typedef struct trj_key_hdr {
    uint16_t version;
    uint16_t flags;
    uint32_t alg;
    uint64_t ops;
    uint64_t mem;
    uint8_t salt[TRJ_SALT_LEN];
    uint8_t file_id[TRJ_ID_LEN];
    uint8_t nonce[TRJ_NONCE_LEN];
    uint8_t wrapped[TRJ_WRAP_LEN];
} trj_key_hdr;

typedef struct trj_head {
    uint64_t gen;
    uint64_t last_seq;
    uint8_t last_tag[TRJ_TAG_LEN];
} trj_head;

typedef struct trj_attempts {
    uint32_t failures;
    int64_t last_failure;
} trj_attempts;

void trj_put_u16(uint8_t *p, uint16_t v);
void trj_put_u32(uint8_t *p, uint32_t v);
void trj_put_u64(uint8_t *p, uint64_t v);
uint16_t trj_get_u16(const uint8_t *p);
uint32_t trj_get_u32(const uint8_t *p);
uint64_t trj_get_u64(const uint8_t *p);

/* Key header <-> its 512 bytes. Decode checks only the magic; the caller checks the rest.
 * Returns 0, or -1 when the magic is wrong. */
void trj_key_hdr_encode(const trj_key_hdr *h, uint8_t out[TRJ_SLOT_SIZE]);
int trj_key_hdr_decode(const uint8_t in[TRJ_SLOT_SIZE], trj_key_hdr *h);

/* Derives the key-wrapping key from the passphrase with the header's costs and salt.
 * Returns 0 or -1 (libsodium refused: usually not enough memory). */
int trj_derive_kek(const trj_key_hdr *h, const void *pass, size_t pass_len,
                   uint8_t kek[TRJ_KEY_LEN]);

/* Wraps / unwraps the data key; the associated data is the first TRJ_AD_LEN bytes of the
 * encoded header. Wrap fills h->nonce and h->wrapped. Unwrap returns 0 or -1 (not authentic:
 * wrong passphrase or altered header). */
void trj_wrap(trj_key_hdr *h, const uint8_t kek[TRJ_KEY_LEN], const uint8_t dk[TRJ_KEY_LEN]);
int trj_unwrap(const trj_key_hdr *h, const uint8_t kek[TRJ_KEY_LEN], uint8_t dk[TRJ_KEY_LEN]);

/* Attempt slot <-> 512 bytes. Decode returns 0, or -1 when its checksum or padding is wrong. */
void trj_attempts_encode(const trj_attempts *a, uint8_t out[TRJ_SLOT_SIZE]);
int trj_attempts_decode(const uint8_t in[TRJ_SLOT_SIZE], trj_attempts *a);

/* Head slot <-> 512 bytes, authenticated with the head key over file_id and the body.
 * Decode returns 0, or -1 when the MAC or padding is wrong. */
void trj_head_encode(const trj_head *h, const uint8_t file_id[TRJ_ID_LEN],
                     const uint8_t head_key[TRJ_KEY_LEN], uint8_t out[TRJ_SLOT_SIZE]);
int trj_head_decode(const uint8_t in[TRJ_SLOT_SIZE], const uint8_t file_id[TRJ_ID_LEN],
                    const uint8_t head_key[TRJ_KEY_LEN], trj_head *h);

/* The associated data of record seq: file_id || seq (u64 LE) || prev_tag. */
void trj_record_ad(uint8_t ad[TRJ_REC_AD_LEN], const uint8_t file_id[TRJ_ID_LEN], uint64_t seq,
                   const uint8_t prev_tag[TRJ_TAG_LEN]);

#endif
