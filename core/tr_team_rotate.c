/* tr_team_rotate: see tr_team_rotate.h and core/EXCHANGE.md §8. */
#include "tr_team_rotate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROTATION "trinn-rotation 1"

/* The signed message and trusted comment of a rotation from `from` to card. */
static void rotation_text(const tr_ms_pub *from, const tr_team_card *card, char *msg, size_t n,
                          char *trusted, size_t tn)
{
    char old[TR_MS_PUB_B64], new_key[TR_MS_PUB_B64], box[TR_AGE_KEY_STR], id[TR_MS_KEYID_HEX];
    tr_ms_pub_b64(from, old);
    tr_ms_pub_b64(&card->sign, new_key);
    tr_age_recipient_str(card->box, box);
    tr_ms_keyid_hex(card->sign.keyid, id);
    snprintf(msg, n, "%s from:%s to:%s box:%s", ROTATION, old, new_key, box);
    snprintf(trusted, tn, "%s to:%s", ROTATION, id);
}

cJSON *tr_team_rotation_make(const tr_team_keys *old, const tr_team_card *new_card, tr_error *err)
{
    tr_ms_pub from;
    char msg[256], trusted[64], from_b64[TR_MS_PUB_B64], *sig = NULL;
    size_t sig_len = 0;
    cJSON *j;
    tr_ms_key_pub(&old->sign, &from);
    rotation_text(&from, new_card, msg, sizeof msg, trusted, sizeof trusted);
    if (tr_ms_sign(&old->sign, (const uint8_t *)msg, strlen(msg), "trinn team key rotation",
                   trusted, &sig, &sig_len, err) != TR_OK)
        return NULL;
    tr_ms_pub_b64(&from, from_b64);
    j = cJSON_CreateObject();
    if (!j || !cJSON_AddStringToObject(j, "from", from_b64) ||
        !cJSON_AddItemToObject(j, "to", tr_team_card_json(new_card)) ||
        !cJSON_AddStringToObject(j, "signature", sig)) {
        cJSON_Delete(j);
        j = NULL;
        tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    free(sig);
    return j;
}

/* Reads statement st: its "from" key and "to" card, and checks its signature. */
static tr_status statement(const cJSON *st, tr_ms_pub *from, tr_team_card *to, tr_error *err)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(st, "from");
    const cJSON *sig = cJSON_GetObjectItemCaseSensitive(st, "signature");
    char msg[256], trusted[64];
    tr_ms_sig parsed;
    tr_error e2 = {0};
    if (!cJSON_IsString(f) || strlen(f->valuestring) != TR_MS_PUB_B64 - 1 ||
        tr_ms_pub_parse(f->valuestring, strlen(f->valuestring), from, &e2) != TR_OK ||
        !cJSON_IsString(sig) ||
        tr_team_card_parse(cJSON_GetObjectItemCaseSensitive(st, "to"), to, &e2) != TR_OK)
        return tr_error_set(err, TR_E_INVALID,
                            "a rotation of the team key is damaged (%s): ask the team for its "
                            "card again",
                            e2.msg[0] ? e2.msg : "no \"from\" or \"signature\"");
    rotation_text(from, to, msg, sizeof msg, trusted, sizeof trusted);
    if (tr_ms_verify(from, (const uint8_t *)msg, strlen(msg), sig->valuestring,
                     strlen(sig->valuestring), &parsed, &e2) != TR_OK ||
        parsed.trusted_len != strlen(trusted) ||
        memcmp(parsed.trusted, trusted, parsed.trusted_len) != 0)
        return tr_error_set(err, TR_E_INVALID,
                            "a rotation of the team key is not validly signed by the key before "
                            "it: it was altered or forged; do not use this card, and ask the "
                            "team");
    return TR_OK;
}

tr_status tr_team_rotation_follow(const cJSON *rotations, const tr_ms_pub *pinned,
                                  const tr_team_card *target, int *steps, tr_error *err)
{
    tr_ms_pub cur = *pinned, from;
    tr_team_card to;
    const cJSON *st;
    int n = rotations ? cJSON_GetArraySize(rotations) : 0;
    *steps = 0;
    if (rotations && (!cJSON_IsArray(rotations) || n > TR_TEAM_ROTATIONS_MAX))
        return tr_error_set(err, TR_E_INVALID,
                            "the team's \"rotations\" must be a list of at most %d",
                            TR_TEAM_ROTATIONS_MAX);
    for (int hop = 0; hop <= n; hop++) {
        int found = 0;
        if (memcmp(&cur, &target->sign, sizeof cur) == 0)
            return TR_OK;
        cJSON_ArrayForEach(st, rotations)
        {
            tr_status s2 = statement(st, &from, &to, err);
            if (s2 != TR_OK)
                return s2;
            if (memcmp(&from, &cur, sizeof cur) != 0)
                continue;
            if (memcmp(&to.sign, &target->sign, sizeof to.sign) == 0 &&
                strcmp(to.fingerprint, target->fingerprint) != 0)
                return tr_error_set(err, TR_E_INVALID,
                                    "the team key's rotation names other keys than the card: "
                                    "the card was altered; ask the team for it again");
            cur = to.sign;
            found = 1;
            (*steps)++;
            break;
        }
        if (!found)
            break;
    }
    return tr_error_set(err, TR_E_INVALID,
                        "this team card has a new team key that the key you paired with did not "
                        "hand over to (no rotation signed by it): it may not be your team's; "
                        "compare its fingerprint with your therapist before you trust it");
}
