/* Fuzzes the readers of a team's membership (core/EXCHANGE.md §8). The first byte picks:
 *   0: the rest is the plaintext of an enrolment, sealed here to the fuzz identity (the age layer
 *      is fuzzed by fuzz_age), then read by tr_team_enrol_read: the signed text, the signature,
 *      the payload behind it;
 *   1: the rest is JSON read as a member card and as a roster entry;
 *   2: the rest is JSON read as a roster;
 *   3: the rest is JSON {"card": a team card, "rotations": [...]}: the rotations are followed
 *      from the fuzz signing key to the card.
 * Whatever the bytes: no crash, no leak, a message on every refusal; what is accepted survives
 * a round trip through JSON. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_exch_keys.h"
#include "tr_json.h"
#include "tr_team_enrol.h"
#include "tr_team_rotate.h"

static void enrolment(const uint8_t *data, size_t size)
{
    tr_team_keys me;
    tr_ms_pub pub;
    tr_team_enrolment e;
    tr_exch_why why;
    tr_error err = {0};
    uint8_t *sealed = NULL;
    size_t len = 0;
    fuzz_keys(&me.sign, &pub, &me.box);
    if (tr_age_encrypt(me.box.pk, 1, data, size, &sealed, &len, &err) != TR_OK)
        return;
    if (tr_team_enrol_read(&me, sealed, len, &e, &why, &err) != TR_OK)
        assert(err.msg[0] && why != TR_EXCH_OK);
    else
        tr_team_enrolment_free(&e);
    free(sealed);
}

static void member(const cJSON *json)
{
    tr_team_member m, back;
    tr_error err = {0};
    for (int card = 0; card < 2; card++) {
        err.msg[0] = '\0';
        if (tr_team_member_parse(json, card, &m, &err) != TR_OK) {
            assert(err.msg[0]);
            continue;
        }
        cJSON *again = tr_team_member_json(&m, card);
        assert(again && tr_team_member_parse(again, card, &back, &err) == TR_OK);
        assert(memcmp(&m, &back, sizeof m) == 0);
        cJSON_Delete(again);
    }
}

static void roster(const cJSON *json)
{
    static tr_team_roster r, back;
    tr_error err = {0};
    if (tr_team_roster_parse(json, &r, &err) != TR_OK) {
        assert(err.msg[0]);
        return;
    }
    assert(r.n >= 1 && r.n <= TR_TEAM_MAX_MEMBERS && r.serial >= 1);
    cJSON *again = tr_team_roster_json(&r);
    assert(again && tr_team_roster_parse(again, &back, &err) == TR_OK);
    assert(back.n == r.n && back.serial == r.serial);
    cJSON_Delete(again);
    if (r.n > 0) {
        assert(tr_team_roster_find(&r, r.members[0].fingerprint) == 0);
        tr_team_roster_remove(&r, 0);
    }
}

static void rotations(const cJSON *json)
{
    tr_team_keys k;
    tr_ms_pub pub;
    tr_team_card card;
    tr_error err = {0};
    int steps = -1;
    fuzz_keys(&k.sign, &pub, &k.box);
    if (tr_team_card_parse(cJSON_GetObjectItemCaseSensitive(json, "card"), &card, &err) != TR_OK)
        return;
    err.msg[0] = '\0';
    if (tr_team_rotation_follow(cJSON_GetObjectItemCaseSensitive(json, "rotations"), &pub, &card,
                                &steps, &err) != TR_OK)
        assert(err.msg[0]);
    else
        assert(steps >= 0 && steps <= TR_TEAM_ROTATIONS_MAX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_error err = {0};
    cJSON *json;
    if (size < 1)
        return 0;
    if (data[0] % 4 == 0) {
        enrolment(data + 1, size - 1);
        return 0;
    }
    json = tr_json_parse((const char *)data + 1, size - 1, "fuzz", &err);
    if (!json)
        return 0;
    if (data[0] % 4 == 1)
        member(json);
    else if (data[0] % 4 == 2)
        roster(json);
    else
        rotations(json);
    cJSON_Delete(json);
    return 0;
}
