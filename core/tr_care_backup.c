/* tr_care_backup: the team key's recovery backup (tr_care_team.h, core/EXCHANGE.md §8). */
#include "tr_care_team.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_json.h"
#include "tr_team_rotate.h"

static const char BACKUP_FORMAT[] = "trinn-team-backup";

tr_status tr_care_backup(const tr_care_state *s, const tr_age_pass *recovery, uint8_t **out,
                         size_t *out_len, tr_error *err)
{
    cJSON *j;
    char *text = NULL;
    tr_status st;
    *out = NULL;
    if (!s->has_keys || strcmp(s->role, "team") != 0 || !s->has_card)
        return tr_error_set(err, TR_E_INVALID,
                            "this profile holds no team key: it is not a therapist of a team");
    j = cJSON_CreateObject();
    if (!j || !cJSON_AddStringToObject(j, "format", BACKUP_FORMAT) ||
        !cJSON_AddNumberToObject(j, "version", 1) ||
        !cJSON_AddItemToObject(j, "team", tr_team_card_json(&s->card)) ||
        !cJSON_AddItemToObject(j, "team_secret", tr_team_keys_secrets_json(&s->keys)) ||
        (s->roster && !cJSON_AddItemToObject(j, "roster", tr_team_roster_json(s->roster))) ||
        !cJSON_AddItemToObject(j, "rotations",
                               s->rotations ? cJSON_Duplicate(s->rotations, 1)
                                            : cJSON_CreateArray()) ||
        !(text = cJSON_Print(j))) {
        cJSON_Delete(j);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    cJSON_Delete(j);
    st =
        tr_age_encrypt_passphrase(recovery, (const uint8_t *)text, strlen(text), out, out_len, err);
    sodium_memzero(text, strlen(text));
    cJSON_free(text);
    return st;
}

/* The age layer's refusal of a backup, in words. */
static tr_status age_refusal(tr_status st, const tr_error *e2, tr_error *err)
{
    if (st == TR_E_NOTFOUND)
        return tr_error_set(err, TR_E_INVALID,
                            "the recovery passphrase is not the one this backup was sealed with");
    if (st == TR_E_TOOBIG || st == TR_E_CRYPTO || st == TR_E_NOMEM)
        return tr_error_set(err, st, "%s", e2->msg);
    return tr_error_set(err, TR_E_INVALID,
                        "this is not a team key backup that Trinn can read (made by `trinnctl "
                        "team backup`): %s",
                        e2->msg);
}

/* Reads the backup's JSON into its parts. */
static tr_status parse(const cJSON *j, tr_team_keys *k, tr_team_card *card, tr_team_roster *r,
                       int *has_roster, const cJSON **rot, tr_error *err)
{
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(j, "format");
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(j, "version");
    const cJSON *roster = cJSON_GetObjectItemCaseSensitive(j, "roster");
    tr_ms_pub sign;
    tr_status st;
    if (!cJSON_IsString(format) || strcmp(format->valuestring, BACKUP_FORMAT) != 0)
        return tr_error_set(err, TR_E_INVALID,
                            "the file opens with this passphrase but is not a team key backup");
    if (!cJSON_IsNumber(version) || version->valuedouble != 1)
        return tr_error_set(err, TR_E_VERSION,
                            "a team key backup of another version than 1: update Trinn");
    if ((st = tr_team_card_parse(cJSON_GetObjectItemCaseSensitive(j, "team"), card, err)) !=
            TR_OK ||
        (st = tr_team_keys_from_secrets(cJSON_GetObjectItemCaseSensitive(j, "team_secret"), k,
                                        err)) != TR_OK)
        return tr_error_prefix(err, "the backup is damaged"), TR_E_INVALID;
    tr_ms_key_pub(&k->sign, &sign);
    if (memcmp(&sign, &card->sign, sizeof sign) != 0 || sodium_memcmp(k->box.pk, card->box, 32))
        return tr_error_set(err, TR_E_INVALID,
                            "the backup is damaged: its team key is not the one of its card");
    *has_roster = roster != NULL;
    if (roster && (st = tr_team_roster_parse(roster, r, err)) != TR_OK)
        return tr_error_prefix(err, "the backup is damaged"), TR_E_INVALID;
    *rot = cJSON_GetObjectItemCaseSensitive(j, "rotations");
    if (!cJSON_IsArray(*rot) || cJSON_GetArraySize(*rot) > TR_TEAM_ROTATIONS_MAX)
        return tr_error_set(err, TR_E_INVALID, "the backup is damaged: no valid \"rotations\"");
    return TR_OK;
}

/* The record of obj under key in a record of type, at now. */
static char *wrap_record(const char *type, const char *key, cJSON *obj, const char *now)
{
    cJSON *rec = cJSON_CreateObject();
    char *text = NULL;
    if (rec && obj && cJSON_AddStringToObject(rec, "type", type) &&
        cJSON_AddStringToObject(rec, "ts", now) && cJSON_AddItemToObject(rec, key, obj))
        text = cJSON_PrintUnformatted(rec);
    else
        cJSON_Delete(obj);
    cJSON_Delete(rec);
    return text;
}

static tr_status add(tr_care_records *out, char *text, tr_error *err)
{
    if (!text || out->n >= TR_CARE_RECORDS_MAX) {
        free(text);
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    }
    out->len[out->n] = strlen(text);
    out->text[out->n++] = text;
    return TR_OK;
}

tr_status tr_care_restore(const tr_care_state *s, const uint8_t *data, size_t len,
                          const tr_age_pass *recovery, const char *name, const char *now,
                          tr_care_records *out, char fingerprint[TR_FPR_TEXT], tr_error *err)
{
    uint8_t *pt = NULL;
    size_t pt_len = 0;
    tr_team_keys k;
    tr_team_card card;
    tr_team_roster *r = calloc(1, sizeof *r);
    tr_team_member me;
    tr_error e2 = {0};
    const cJSON *rot = NULL;
    cJSON *j = NULL;
    int has_roster = 0;
    char *text = NULL;
    size_t text_len = 0;
    tr_status st;
    memset(out, 0, sizeof *out);
    memset(&k, 0, sizeof k);
    fingerprint[0] = '\0';
    if (!r)
        return tr_error_set(err, TR_E_NOMEM, "out of memory");
    if (!s->has_member) {
        st = tr_error_set(err, TR_E_INVALID,
                          "restore into a therapist profile: make one with `trinnctl profile "
                          "create --kind therapist --join`");
        goto done;
    }
    if ((st = tr_age_decrypt_passphrase(recovery, data, len, &pt, &pt_len, &e2)) != TR_OK) {
        st = age_refusal(st, &e2, err);
        goto done;
    }
    if (!(j = tr_json_parse((const char *)pt, pt_len, "backup", err)) ||
        (st = parse(j, &k, &card, r, &has_roster, &rot, err)) != TR_OK) {
        st = j ? st : TR_E_INVALID;
        goto done;
    }
    if (s->has_keys &&
        (strcmp(s->role, "team") != 0 ||
         memcmp(&s->card.sign, &card.sign, sizeof card.sign) != 0) &&
        !tr_care_team_unused(s)) { /* an unused team key of its own is replaced */
        st = tr_error_set(err, TR_E_INVALID,
                          "this profile holds another team's key (or is a client's): restore "
                          "into a new therapist profile made with --join");
        goto done;
    }
    memcpy(fingerprint, card.fingerprint, TR_FPR_TEXT);
    if ((st = tr_team_member_make(&me, &s->member, name, err)) != TR_OK)
        goto done;
    if (!has_roster)
        r->serial = 0;
    if (tr_team_roster_find_key(r, &me.sign) < 0 && (st = tr_team_roster_add(r, &me, err)) != TR_OK)
        goto done;
    r->serial++;
    if ((st = tr_team_keys_record(&k, "team", now, &text, &text_len, err)) != TR_OK)
        goto done;
    out->text[out->n] = text;
    out->len[out->n++] = text_len;
    if ((st = add(out, wrap_record("team_card", "card", tr_team_card_json(&card), now), err)) !=
            TR_OK ||
        (cJSON_GetArraySize(rot) > 0 &&
         (st = add(out, wrap_record("team_rotations", "rotations", cJSON_Duplicate(rot, 1), now),
                   err)) != TR_OK))
        goto done;
    st = add(out, tr_team_roster_record(r, now, "restore", me.fingerprint, name), err);
done:
    if (st != TR_OK)
        tr_care_records_free(out);
    cJSON_Delete(j);
    tr_age_free(pt, pt_len);
    tr_team_keys_wipe(&k);
    free(r);
    return st;
}
