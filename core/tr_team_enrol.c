/* tr_team_enrol: see tr_team_enrol.h and core/EXCHANGE.md §8. */
#include "tr_team_enrol.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_exch_priv.h"
#include "tr_json.h"

static const char ENROL_FORMAT[] = "trinn-enrolment";
#define ROTATIONS_MAX 32

/* The trusted comment binding an enrolment to its member, team and roster. */
static void trusted_comment(char *out, size_t n, const tr_ms_pub *member, const tr_ms_pub *team,
                            uint64_t serial)
{
    char m[TR_MS_KEYID_HEX], t[TR_MS_KEYID_HEX];
    tr_ms_keyid_hex(member->keyid, m);
    tr_ms_keyid_hex(team->keyid, t);
    snprintf(out, n, "%s member:%s team:%s serial:%" PRIu64, TR_EXCH_ENROL, m, t, serial);
}

tr_status tr_team_enrol_write(const tr_team_enrol_in *in, uint8_t **out, size_t *out_len,
                              tr_error *err)
{
    tr_ms_pub by;
    char trusted[160], *text = NULL, *inner = NULL;
    size_t inner_len = 0;
    tr_status st;
    cJSON *p = cJSON_CreateObject(), *rot;
    *out = NULL;
    tr_ms_key_pub(&in->by->sign, &by);
    if (tr_team_roster_find_key(in->roster, &by) < 0 ||
        tr_team_roster_find_key(in->roster, &in->member->sign) < 0) {
        cJSON_Delete(p);
        return tr_error_set(err, TR_E_INVALID,
                            "the roster of an enrolment must list both who enrols and whom");
    }
    rot = in->rotations ? cJSON_Duplicate(in->rotations, 1) : cJSON_CreateArray();
    if (!p || !rot || !cJSON_AddStringToObject(p, "format", ENROL_FORMAT) ||
        !cJSON_AddNumberToObject(p, "version", 1) ||
        !cJSON_AddItemToObject(p, "team", tr_team_card_json(in->card)) ||
        !cJSON_AddItemToObject(p, "team_secret", tr_team_keys_secrets_json(in->team)) ||
        !cJSON_AddItemToObject(p, "roster", tr_team_roster_json(in->roster)) ||
        !cJSON_AddItemToObject(p, "rotations", rot) || !(text = cJSON_PrintUnformatted(p))) {
        cJSON_Delete(p);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    cJSON_Delete(p);
    trusted_comment(trusted, sizeof trusted, &in->member->sign, &in->card->sign,
                    in->roster->serial);
    st = tr_exch_inner_write(&in->by->sign, TR_EXCH_ENROL, (const uint8_t *)text, strlen(text),
                             trusted, &inner, &inner_len, err);
    sodium_memzero(text, strlen(text));
    cJSON_free(text);
    if (st == TR_OK)
        st = tr_age_encrypt(in->member->box, 1, (const uint8_t *)inner, inner_len, out, out_len,
                            err);
    if (inner) {
        sodium_memzero(inner, inner_len);
        free(inner);
    }
    return st;
}

void tr_team_enrolment_free(tr_team_enrolment *e)
{
    if (!e)
        return;
    cJSON_Delete(e->rotations);
    sodium_memzero(e, sizeof *e);
}

static tr_status refuse(tr_exch_why *why, tr_exch_why w, tr_error *err, tr_status st,
                        const char *msg)
{
    *why = w;
    return tr_error_set(err, st, "%s", msg);
}

/* The age layer's refusal in the words of an enrolment. */
static tr_status age_refusal(tr_status st, const tr_error *e2, tr_exch_why *why, tr_error *err)
{
    switch (st) {
    case TR_E_NOTFOUND:
        return refuse(why, TR_EXCH_NOT_FOR_US, err, TR_E_INVALID,
                      "this enrolment is sealed to another therapist's key: ask your colleague "
                      "for one made from your own member card (trinnctl team member)");
    case TR_E_AUTH:
        *why = TR_EXCH_ALTERED;
        return tr_error_set(err, TR_E_INVALID, "the enrolment was altered: %s", e2->msg);
    case TR_E_CORRUPT:
        *why = TR_EXCH_TRUNCATED;
        return tr_error_set(err, TR_E_INVALID,
                            "the enrolment is cut short or has bytes after "
                            "its end: %s",
                            e2->msg);
    case TR_E_NOMEM:
    case TR_E_CRYPTO:
        *why = TR_EXCH_INTERNAL;
        return tr_error_set(err, st, "%s", e2->msg);
    default:
        *why = TR_EXCH_MALFORMED;
        return tr_error_set(err, TR_E_INVALID,
                            "this is not an enrolment file (.trinn-enrol) that Trinn can read: %s",
                            e2->msg);
    }
}

/* Checks the verified payload p into e. */
static tr_status check_payload(const cJSON *p, tr_team_enrolment *e, tr_error *err)
{
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(p, "version");
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(p, "format");
    const cJSON *rot = cJSON_GetObjectItemCaseSensitive(p, "rotations");
    tr_ms_pub sign;
    tr_status st;
    if (!cJSON_IsString(format) || strcmp(format->valuestring, ENROL_FORMAT) != 0)
        return tr_error_set(err, TR_E_INVALID, "the payload is not an enrolment");
    if (!cJSON_IsNumber(version) || version->valuedouble != 1)
        return tr_error_set(err, TR_E_VERSION,
                            "an enrolment of another version than 1: update Trinn");
    if ((st = tr_team_card_parse(cJSON_GetObjectItemCaseSensitive(p, "team"), &e->card, err)) !=
            TR_OK ||
        (st = tr_team_keys_from_secrets(cJSON_GetObjectItemCaseSensitive(p, "team_secret"),
                                        &e->team, err)) != TR_OK ||
        (st = tr_team_roster_parse(cJSON_GetObjectItemCaseSensitive(p, "roster"), &e->roster,
                                   err)) != TR_OK)
        return st;
    tr_ms_key_pub(&e->team.sign, &sign);
    if (memcmp(&sign, &e->card.sign, sizeof sign) != 0 ||
        sodium_memcmp(e->team.box.pk, e->card.box, 32) != 0)
        return tr_error_set(err, TR_E_INVALID,
                            "the team key in the enrolment is not the one of its team card");
    if (!cJSON_IsArray(rot) || cJSON_GetArraySize(rot) > ROTATIONS_MAX)
        return tr_error_set(err, TR_E_INVALID,
                            "the enrolment's \"rotations\" must be a list of at most %d",
                            ROTATIONS_MAX);
    e->rotations = cJSON_Duplicate(rot, 1);
    return e->rotations ? TR_OK : tr_error_set(err, TR_E_NOMEM, "out of memory");
}

tr_status tr_team_enrol_read(const tr_team_keys *me, const uint8_t *data, size_t len,
                             tr_team_enrolment *e, tr_exch_why *why, tr_error *err)
{
    uint8_t *pt = NULL;
    size_t pt_len = 0;
    tr_exch_info info;
    tr_ms_sig sig;
    tr_ms_pub mine;
    tr_error e2 = {0};
    char want[160];
    cJSON *p = NULL;
    int by;
    tr_status st;

    memset(e, 0, sizeof *e);
    memset(&info, 0, sizeof info);
    *why = TR_EXCH_OK;
    if ((st = tr_age_decrypt(&me->box, data, len, &pt, &pt_len, &e2)) != TR_OK)
        return age_refusal(st, &e2, why, err);
    st = tr_exch_inner_read(pt, pt_len, TR_EXCH_ENROL, NULL, TR_EXCH_MALFORMED,
                            TR_EXCH_OTHER_SENDER, &info, &sig, err);
    if (st != TR_OK) {
        *why = info.why;
        goto fail;
    }
    p = tr_json_parse(info.payload, info.payload_len, "enrolment", err);
    if (!p || (st = check_payload(p, e, err)) != TR_OK) {
        *why = p && err && err->status == TR_E_VERSION ? TR_EXCH_VERSION : TR_EXCH_MALFORMED;
        st = TR_E_INVALID;
        goto fail;
    }
    by = tr_team_roster_find_key(&e->roster, &info.signer);
    if (by < 0) {
        st = refuse(why, TR_EXCH_OTHER_SENDER, err, TR_E_INVALID,
                    "this enrolment is signed by someone who is not a member of the team it "
                    "names: do not use it, and ask the team");
        goto fail;
    }
    e->by = e->roster.members[by];
    tr_ms_key_pub(&me->sign, &mine);
    trusted_comment(want, sizeof want, &mine, &e->card.sign, e->roster.serial);
    if (tr_team_roster_find_key(&e->roster, &mine) < 0 ||
        sig.trusted_len < sizeof TR_EXCH_ENROL + 7 + 16 ||
        memcmp(sig.trusted, want, sizeof TR_EXCH_ENROL + 7) != 0 ||
        memcmp(sig.trusted + sizeof TR_EXCH_ENROL + 7, want + sizeof TR_EXCH_ENROL + 7, 16) != 0) {
        st = refuse(why, TR_EXCH_WRONG_CLIENT, err, TR_E_INVALID,
                    "this enrolment is for another therapist: ask your colleague for one made "
                    "from your own member card");
        goto fail;
    }
    if (sig.trusted_len != strlen(want) || memcmp(sig.trusted, want, sig.trusted_len) != 0) {
        st = refuse(why, TR_EXCH_MALFORMED, err, TR_E_INVALID,
                    "the enrolment's signed comment does not name the team and roster inside "
                    "it: it was made wrongly; ask for a new one");
        goto fail;
    }
    st = TR_OK;
fail:
    if (st != TR_OK)
        tr_team_enrolment_free(e);
    cJSON_Delete(p);
    tr_exch_info_free(&info);
    tr_age_free(pt, pt_len);
    return st;
}
