/* Fuzzes the team card reader (a card comes from a file the client is handed: report create
 * --to CARD.json): any bytes are parsed as JSON and read as a card. Whatever the bytes: no
 * crash, no leak, a message on every refusal; an accepted card's fingerprint is that of its
 * keys and it survives a round trip through JSON. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_json.h"
#include "tr_team.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_error err = {0};
    tr_team_card card, back;
    cJSON *json = tr_json_parse((const char *)data, size, "card", &err), *again;
    if (!json)
        return 0;
    err.msg[0] = '\0';
    if (tr_team_card_parse(json, &card, &err) != TR_OK) {
        assert(err.msg[0]);
    } else {
        uint8_t keys[64];
        char fpr[TR_FPR_TEXT];
        memcpy(keys, card.sign.pk, 32);
        memcpy(keys + 32, card.box, 32);
        tr_fpr_keys(keys, 2, fpr);
        assert(strcmp(fpr, card.fingerprint) == 0);
        again = tr_team_card_json(&card);
        assert(again && tr_team_card_parse(again, &back, &err) == TR_OK);
        assert(memcmp(&card, &back, sizeof card) == 0);
        cJSON_Delete(again);
    }
    cJSON_Delete(json);
    return 0;
}
