/* Fuzzes the kiosk configuration reader and the kiosk key file reader (trinn --kiosk --config
 * FILE reads both at start-up; a broken file must give a message on screen, never a crash).
 * Whatever the bytes: no crash, no leak, a message on every refusal; an accepted configuration
 * holds only what its contract promises (1-3 distinct languages, the idle time in range, texts
 * NUL-terminated within their buffers). */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tr_kiosk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_kiosk_config cfg;
    tr_error err = {0};
    if (tr_kiosk_config_parse((const char *)data, size, "/base", &cfg, &err) != TR_OK) {
        assert(err.msg[0]);
    } else {
        assert(cfg.n_langs >= 1 && cfg.n_langs <= TR_KIOSK_LANGS);
        for (int i = 0; i < cfg.n_langs; i++) {
            assert(cfg.langs[i] >= 0 && cfg.langs[i] < TR_KIOSK_LANGS);
            for (int k = 0; k < i; k++)
                assert(cfg.langs[k] != cfg.langs[i]);
        }
        assert(cfg.idle_seconds >= TR_KIOSK_IDLE_MIN && cfg.idle_seconds <= TR_KIOSK_IDLE_MAX);
        assert(memchr(cfg.service, 0, sizeof cfg.service) && cfg.service[0]);
        for (int l = 0; l < TR_KIOSK_LANGS; l++)
            assert(cfg.desk.v[l][0] && cfg.hours.v[l][0]);
        assert(cfg.spool[0] && cfg.pin_file[0] && cfg.key_file[0]);
        assert(cfg.card_inline || cfg.card_file[0]);
        tr_kiosk_config_wipe(&cfg);
    }
    tr_ms_key key;
    err.msg[0] = '\0';
    if (tr_kiosk_key_parse((const char *)data, size, &key, &err) != TR_OK)
        assert(err.msg[0]);
    else
        tr_ms_key_wipe(&key);
    return 0;
}
