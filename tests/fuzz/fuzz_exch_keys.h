/* The fixed keys of the exchange fuzzers (fuzz_minisign, fuzz_age, fuzz_oppdrag, fuzz_rapport):
 * their seed corpora hold files made with these keys by build/bin/exch_tool (a key file holding
 * FUZZ_MS_SEC_B64; the identity AGE-SECRET-KEY-1 of 32 bytes 0x33, whose recipient is
 * age10vx50kf5ylurzytq0qw8cuelmz0c39c2aaysmz4qacv6fju2rv2qz8zg9v), so mutations get past the
 * signature and the header MAC into every parser behind them. Test keys, protecting nothing. */
#ifndef FUZZ_EXCH_KEYS_H
#define FUZZ_EXCH_KEYS_H

#include <string.h>

#include "tr_age.h"
#include "tr_minisign.h"

/* Signing key: key id 8 x 0x11, seed 32 x 0x22 (exch_tool's key file: base64 of id || seed). */
#define FUZZ_MS_SEC_B64 "EREREREREREiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIg=="
/* Sealing identity: secret 32 x 0x33. */
#define FUZZ_AGE_SK 0x33

static inline void fuzz_keys(tr_ms_key *ms, tr_ms_pub *pub, tr_age_identity *id)
{
    uint8_t keyid[8], seed[32], sk[32];
    memset(keyid, 0x11, sizeof keyid);
    memset(seed, 0x22, sizeof seed);
    memset(sk, FUZZ_AGE_SK, sizeof sk);
    tr_ms_key_from_seed(ms, keyid, seed, NULL);
    tr_ms_key_pub(ms, pub);
    tr_age_identity_from_secret(id, sk, NULL);
}

#endif
