/* Unit tests of the team's keys (issue 14, «The therapist»; core/EXCHANGE.md §8): a plain journal
 * export leaves every secret key out (it once wrote them in clear); member cards and rosters are
 * read strictly; a colleague joins through an enrolment only with the right fingerprints, and
 * every changed bit and every cut of an enrolment is refused; removal and rotation hand the new
 * key to the remaining members and to clients through statements signed by the old key, and a
 * key the pinned one did not hand over to is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tj_support.h"
#include "tr_care_team.h"
#include "tr_json.h"
#include "tr_team.h"
#include "tr_team_rotate.h"

#define NOW "2026-12-05T10:00:00Z"

/* A journal holding a profile record, a team's "keys" record, a therapist's "member_keys"
 * record and a card; returns it open. *box_b64 gets the base64 of the team's X25519 secret. */
static tr_journal *keyed_journal(const char *name, char *path, size_t path_len, char box_b64[64])
{
    tr_journal *j = NULL;
    tr_error err = {0};
    tr_team_keys k;
    char *rec = NULL, member[256];
    size_t len = 0;
    tj_path(path, path_len, name);
    unlink(path);
    tr_journal_desc d = tj_desc(path, NULL);
    assert_int_equal(tr_journal_create(&d, TJ_PASS, TJ_PASS_LEN, &j, &err), TR_OK);
    static const char profile[] =
        "{\"type\":\"profile\",\"ts\":\"2026-12-05T09:00:00Z\",\"name\":\"Kari\","
        "\"kind\":\"therapist\"}";
    assert_int_equal(tr_journal_append(j, profile, sizeof profile - 1, NULL, &err), TR_OK);
    assert_int_equal(tr_team_keys_new(&k, &err), TR_OK);
    assert_int_equal(tr_team_keys_record(&k, "team", "2026-12-05T09:00:00Z", &rec, &len, &err),
                     TR_OK);
    assert_int_equal(tr_journal_append(j, rec, len, NULL, &err), TR_OK);
    sodium_bin2base64(box_b64, 64, k.box.sk, 32, sodium_base64_VARIANT_ORIGINAL);
    tr_team_secret_free(rec, len);
    snprintf(member, sizeof member,
             "{\"type\":\"member_keys\",\"ts\":\"2026-12-05T09:00:01Z\",\"sign_secret\":\"x\","
             "\"box_secret\":\"y\"}");
    assert_int_equal(tr_journal_append(j, member, strlen(member), NULL, &err), TR_OK);
    static const char card[] =
        "{\"type\":\"team_card\",\"ts\":\"2026-12-05T09:00:02Z\",\"card\":{}}";
    assert_int_equal(tr_journal_append(j, card, sizeof card - 1, NULL, &err), TR_OK);
    tr_team_keys_wipe(&k);
    return j;
}

/* issue 14 item 1: `journal export` of a therapist profile wrote the team's secret keys in
 * clear. The export now leaves out every record of a secret type, says how many, and the rest
 * stays a valid export. */
static void export_leaves_secret_keys_out(void **state)
{
    (void)state;
    char path[512], out[512], box[64];
    size_t withheld = 99, len = 0;
    tr_error err = {0};
    tr_journal *j = keyed_journal("keys.tj", path, sizeof path, box);
    tj_path(out, sizeof out, "keys.json");
    unlink(out);
    assert_int_equal(tr_journal_export_plain(j, out, &withheld, &err), TR_OK);
    assert_int_equal(withheld, 2);
    tr_journal_close(j);
    uint8_t *text = tj_read_all(out, &len);
    assert_non_null(text);
    text = realloc(text, len + 1);
    text[len] = 0;
    assert_null(strstr((char *)text, box));
    assert_null(strstr((char *)text, "sign_secret"));
    assert_null(strstr((char *)text, "box_secret"));
    assert_null(strstr((char *)text, "\"keys\""));
    cJSON *doc = cJSON_ParseWithLength((const char *)text, len);
    assert_non_null(doc);
    cJSON *recs = cJSON_GetObjectItem(doc, "records");
    assert_int_equal(cJSON_GetArraySize(recs), 2); /* the profile and the card, in order */
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(recs, 0), "type")->valuestring,
                        "profile");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(recs, 1), "type")->valuestring,
                        "team_card");
    cJSON_Delete(doc);
    free(text);
    assert_true(tr_journal_type_secret("keys") && tr_journal_type_secret("member_keys"));
    assert_false(tr_journal_type_secret("team_card") || tr_journal_type_secret("report_opened"));
}

/* A therapist's state from its first records (a team's first therapist, or one who joins). */
static void therapist(tr_care_state *s, const char *name, int join)
{
    tr_care_records recs;
    tr_error err = {0};
    memset(s, 0, sizeof *s);
    assert_int_equal(
        tr_care_init_records(1, join, name, "RPH Nord", "22 00 00 00", "8-15", NOW, &recs, &err),
        TR_OK);
    assert_int_equal(recs.n, join ? 1u : 4u);
    for (size_t i = 0; i < recs.n; i++)
        if (tr_care_apply_text(s, recs.text[i], &err) != TR_OK)
            fail_msg("record %zu: %s", i, err.msg);
    tr_care_records_free(&recs);
    assert_true(s->has_member);
    assert_int_equal(!!s->roster, !join);
}

static void apply_all(tr_care_state *s, const tr_care_records *recs)
{
    tr_error err = {0};
    for (size_t i = 0; i < recs->n; i++)
        if (tr_care_apply_text(s, recs->text[i], &err) != TR_OK)
            fail_msg("record %zu: %s", i, err.msg);
}

/* The member card of s as JSON (caller deletes). */
static cJSON *card_of(const tr_care_state *s, const char *name)
{
    tr_team_member m;
    tr_error err = {0};
    assert_int_equal(tr_care_member_card(s, name, &m, &err), TR_OK);
    return tr_team_member_json(&m, 1);
}

/* lead enrols s (named name); s joins, trusting the team's fingerprint. */
static void enrol_join(tr_care_state *lead, tr_care_state *s, const char *name)
{
    tr_care_enrol_result er;
    tr_care_join_result jr;
    tr_error err = {0};
    cJSON *card = card_of(s, name);
    char fpr[TR_FPR_TEXT];
    snprintf(fpr, sizeof fpr, "%s", cJSON_GetObjectItem(card, "fingerprint")->valuestring);
    assert_int_equal(tr_care_enrol(lead, "Kari", card, fpr, NOW, &er, &err), TR_OK);
    apply_all(lead, &er.records);
    assert_int_equal(tr_care_join(s, er.file, er.file_len, lead->card.fingerprint, NOW, &jr, &err),
                     TR_OK);
    assert_false(jr.needs_trust);
    apply_all(s, &jr.records);
    tr_care_join_free(&jr);
    tr_care_enrol_free(&er);
    cJSON_Delete(card);
}

static void member_card_is_read_strictly(void **state)
{
    (void)state;
    tr_care_state s;
    tr_team_member m;
    tr_error err = {0};
    therapist(&s, "Ola", 1);
    cJSON *card = card_of(&s, "Ola");
    assert_int_equal(tr_team_member_parse(card, 1, &m, &err), TR_OK);
    assert_int_equal(tr_team_member_parse(card, 0, &m, &err), TR_OK); /* a roster entry too */
    static const struct {
        const char *field, *value, *words;
    } bad[] = {
        {"format", "trinn-team-card", "not a Trinn member card"},
        {"name", "", "\"name\" must be"},
        {"name", "two\nlines", "\"name\" must be"},
        {"sign_key", "RWnot", "\"sign_key\" is not"},
        {"box_key", "age1xyz", "\"box_key\" is not"},
        {"fingerprint", "00000 00000 00000 00000 00000", "was altered"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cJSON *c = cJSON_Duplicate(card, 1);
        cJSON_ReplaceItemInObject(c, bad[i].field, cJSON_CreateString(bad[i].value));
        assert_int_equal(tr_team_member_parse(c, 1, &m, &err), TR_E_INVALID);
        if (!strstr(err.msg, bad[i].words))
            fail_msg("%s: '%s' lacks '%s'", bad[i].field, err.msg, bad[i].words);
        cJSON_Delete(c);
    }
    cJSON *c = cJSON_Duplicate(card, 1);
    cJSON_ReplaceItemInObject(c, "version", cJSON_CreateNumber(2));
    assert_int_equal(tr_team_member_parse(c, 1, &m, &err), TR_E_VERSION);
    cJSON_Delete(c);
    cJSON_Delete(card);
    tr_care_state_free(&s);
}

static void colleague_joins_with_fingerprints(void **state)
{
    (void)state;
    tr_care_state lead, ola;
    tr_care_enrol_result er;
    tr_care_join_result jr;
    tr_error err = {0};
    therapist(&lead, "Kari", 0);
    therapist(&ola, "Ola", 1);
    cJSON *card = card_of(&ola, "Ola");
    const char *ofpr = cJSON_GetObjectItem(card, "fingerprint")->valuestring;
    assert_int_equal(tr_care_enrol(&lead, "Kari", card, NULL, NOW, &er, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, ofpr)); /* says which fingerprint to compare */
    assert_int_equal(
        tr_care_enrol(&lead, "Kari", card, "12345 12345 12345 12345 12345", NOW, &er, &err),
        TR_E_INVALID);
    assert_int_equal(tr_care_enrol(&lead, "Kari", card, ofpr, NOW, &er, &err), TR_OK);
    assert_int_equal(er.serial, 2);
    apply_all(&lead, &er.records);
    assert_int_equal(lead.roster->n, 2);

    assert_int_equal(tr_care_join(&ola, er.file, er.file_len, NULL, NOW, &jr, &err), TR_OK);
    assert_true(jr.needs_trust);
    assert_int_equal(jr.records.n, 0);
    assert_string_equal(jr.fingerprint, lead.card.fingerprint);
    assert_string_equal(jr.by.name, "Kari");
    tr_care_join_free(&jr);
    assert_int_equal(
        tr_care_join(&ola, er.file, er.file_len, "11111 11111 11111 11111 11111", NOW, &jr, &err),
        TR_E_INVALID);
    assert_int_equal(jr.why, TR_EXCH_OTHER_TEAM);
    assert_int_equal(
        tr_care_join(&ola, er.file, er.file_len, lead.card.fingerprint, NOW, &jr, &err), TR_OK);
    apply_all(&ola, &jr.records);
    tr_care_join_free(&jr);
    assert_true(ola.has_keys && ola.has_card && ola.roster && ola.roster->n == 2);
    assert_memory_equal(&ola.keys, &lead.keys, sizeof ola.keys); /* the one team key */
    assert_int_equal(tr_care_join(&ola, er.file, er.file_len, NULL, NOW, &jr, &err), TR_E_INVALID);
    assert_int_equal(jr.why, TR_EXCH_REPLAYED);

    /* a therapist it was not sealed to cannot open it; a client profile takes no enrolment */
    tr_care_state per, client = {0};
    therapist(&per, "Per", 1);
    assert_int_equal(tr_care_join(&per, er.file, er.file_len, NULL, NOW, &jr, &err), TR_E_INVALID);
    assert_int_equal(jr.why, TR_EXCH_NOT_FOR_US);
    assert_int_equal(tr_care_join(&client, er.file, er.file_len, NULL, NOW, &jr, &err),
                     TR_E_INVALID);
    /* the enroller cannot enrol itself */
    tr_care_enrol_free(&er);
    cJSON *own = card_of(&lead, "Kari");
    assert_int_equal(tr_care_enrol(&lead, "Kari", own,
                                   cJSON_GetObjectItem(own, "fingerprint")->valuestring, NOW, &er,
                                   &err),
                     TR_E_INVALID);
    assert_non_null(strstr(err.msg, "your own member card"));
    cJSON_Delete(own);
    cJSON_Delete(card);
    tr_care_enrol_free(&er);
    tr_care_state_free(&per);
    tr_care_state_free(&ola);
    tr_care_state_free(&lead);
}

/* Every bit of an enrolment changed, and every cut, is refused, and never accepted. */
static void every_bit_and_cut_refused(void **state)
{
    (void)state;
    tr_care_state lead, ola;
    tr_care_enrol_result er;
    tr_care_join_result jr;
    tr_error err = {0};
    therapist(&lead, "Kari", 0);
    therapist(&ola, "Ola", 1);
    cJSON *card = card_of(&ola, "Ola");
    assert_int_equal(tr_care_enrol(&lead, "Kari", card,
                                   cJSON_GetObjectItem(card, "fingerprint")->valuestring, NOW, &er,
                                   &err),
                     TR_OK);
    for (size_t i = 0; i < er.file_len * 8; i++) {
        er.file[i / 8] ^= (uint8_t)(1u << (i % 8));
        tr_status st =
            tr_care_join(&ola, er.file, er.file_len, lead.card.fingerprint, NOW, &jr, &err);
        er.file[i / 8] ^= (uint8_t)(1u << (i % 8));
        if (st == TR_OK)
            fail_msg("bit %zu changed, accepted", i);
        assert_true(err.msg[0] != 0 && jr.why != TR_EXCH_OK);
    }
    for (size_t n = 0; n < er.file_len; n++) {
        if (tr_care_join(&ola, er.file, n, lead.card.fingerprint, NOW, &jr, &err) == TR_OK)
            fail_msg("cut at %zu, accepted", n);
    }
    assert_int_equal(
        tr_care_join(&ola, er.file, er.file_len, lead.card.fingerprint, NOW, &jr, &err), TR_OK);
    tr_care_join_free(&jr);
    cJSON_Delete(card);
    tr_care_enrol_free(&er);
    tr_care_state_free(&ola);
    tr_care_state_free(&lead);
}

/* A client state that pinned lead's current team card. */
static void client_pinned(tr_care_state *c, const tr_care_state *lead)
{
    char rec[4096];
    cJSON *cj = tr_team_card_json(&lead->card);
    char *text = cJSON_PrintUnformatted(cj);
    tr_error err = {0};
    memset(c, 0, sizeof *c);
    snprintf(rec, sizeof rec,
             "{\"type\":\"team_pin\",\"ts\":\"%s\",\"client\":\"klient-7\",\"card\":%s}", NOW,
             text);
    assert_int_equal(tr_care_apply_text(c, rec, &err), TR_OK);
    cJSON_free(text);
    cJSON_Delete(cj);
}

/* The card JSON of s with its rotations, as `team card` writes it. */
static cJSON *rotated_card(const tr_care_state *s)
{
    cJSON *j = tr_team_card_json(&s->card);
    if (s->rotations)
        cJSON_AddItemToObject(j, "rotations", cJSON_Duplicate(s->rotations, 1));
    return j;
}

static void removal_rotates_and_the_chain_is_followed(void **state)
{
    (void)state;
    tr_care_state lead, ola, per, client, other;
    tr_care_records recs;
    tr_care_rotate_result *rot = calloc(1, sizeof *rot);
    tr_care_join_result jr;
    tr_team_member gone;
    tr_team_card to;
    tr_exch_why why;
    tr_error err = {0};
    therapist(&lead, "Kari", 0);
    therapist(&ola, "Ola", 1);
    therapist(&per, "Per", 1);
    enrol_join(&lead, &ola, "Ola");
    enrol_join(&lead, &per, "Per");
    client_pinned(&client, &lead);
    tr_team_card old_card = lead.card;

    assert_int_equal(tr_care_remove(&lead, "Kari", "Kari", NOW, &gone, &recs, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "cannot remove yourself"));
    assert_int_equal(tr_care_remove(&lead, "Kari", "Nobody", NOW, &gone, &recs, &err),
                     TR_E_INVALID);
    assert_int_equal(tr_care_remove(&lead, "Kari", "Ola", NOW, &gone, &recs, &err), TR_OK);
    assert_string_equal(gone.name, "Ola");
    apply_all(&lead, &recs);
    tr_care_records_free(&recs);
    assert_int_equal(lead.roster->n, 2);
    assert_int_equal(tr_care_rotate(&lead, "Kari", NOW, rot, &err), TR_OK);
    apply_all(&lead, &rot->records);
    assert_int_equal(rot->n_files, 1); /* Per only: not Kari, not Ola */
    assert_string_equal(rot->to[0].name, "Per");
    assert_string_not_equal(lead.card.fingerprint, old_card.fingerprint);
    assert_int_equal(cJSON_GetArraySize(lead.rotations), 1);

    /* Per follows without a fingerprint; Ola cannot open Per's file */
    assert_int_equal(tr_care_join(&ola, rot->files[0], rot->file_lens[0], NULL, NOW, &jr, &err),
                     TR_E_INVALID);
    assert_int_equal(jr.why, TR_EXCH_NOT_FOR_US);
    assert_int_equal(tr_care_join(&per, rot->files[0], rot->file_lens[0], NULL, NOW, &jr, &err),
                     TR_OK);
    assert_false(jr.needs_trust);
    assert_int_equal(jr.rotations, 1);
    apply_all(&per, &jr.records);
    tr_care_join_free(&jr);
    assert_memory_equal(&per.keys, &lead.keys, sizeof per.keys);

    /* the client follows the new card, and pins it */
    cJSON *card = rotated_card(&lead);
    assert_int_equal(tr_care_follow(&client, card, NOW, &to, &recs, &why, &err), TR_OK);
    assert_int_equal(recs.n, 1);
    apply_all(&client, &recs);
    tr_care_records_free(&recs);
    assert_string_equal(client.pin.fingerprint, lead.card.fingerprint);
    assert_string_equal(client.client_id, "klient-7");
    /* ... and then refuses the old card (no handover back) */
    cJSON *old = tr_team_card_json(&old_card);
    assert_int_equal(tr_care_follow(&client, old, NOW, &to, &recs, &why, &err), TR_E_INVALID);
    assert_int_equal(why, TR_EXCH_OTHER_TEAM);
    assert_non_null(strstr(err.msg, "did not hand over"));
    cJSON_Delete(old);

    /* a client still on the old key: the new card without its rotations, with an altered one,
     * and another team's card are refused, each in its words */
    tr_care_state c2;
    client_pinned(&c2, &ola); /* Ola still holds the old card */
    cJSON *bare = tr_team_card_json(&lead.card);
    assert_int_equal(tr_care_follow(&c2, bare, NOW, &to, &recs, &why, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "did not hand over"));
    cJSON *forged = cJSON_Duplicate(card, 1);
    cJSON *st0 = cJSON_GetArrayItem(cJSON_GetObjectItem(forged, "rotations"), 0);
    char *sig = strdup(cJSON_GetObjectItem(st0, "signature")->valuestring);
    char *line2 = strchr(sig, '\n') + 1;
    line2[20] = line2[20] == 'A' ? 'B' : 'A';
    cJSON_ReplaceItemInObject(st0, "signature", cJSON_CreateString(sig));
    assert_int_equal(tr_care_follow(&c2, forged, NOW, &to, &recs, &why, &err), TR_E_INVALID);
    assert_non_null(strstr(err.msg, "not validly signed"));
    therapist(&other, "Eva", 0);
    cJSON *eva = tr_team_card_json(&other.card);
    assert_int_equal(tr_care_follow(&c2, eva, NOW, &to, &recs, &why, &err), TR_E_INVALID);
    assert_int_equal(tr_care_follow(&c2, card, NOW, &to, &recs, &why, &err), TR_OK);
    tr_care_records_free(&recs);

    /* an assignment signed by the new key carries the handover: the old-key client imports it */
    static const char *const mods[] = {"activity"};
    tr_care_assign_opts o = {"klient-7", mods, 1, 0, NULL, NULL, 0, "2099-12-31", NULL};
    char *file = NULL, *rec = NULL;
    size_t len = 0;
    tr_care_import_result ir;
    assert_int_equal(tr_care_assign(&lead, &o, NOW, &file, &len, &rec, &err), TR_OK);
    assert_int_equal(tr_care_import(&c2, (uint8_t *)file, len, 1796000000, NULL, &ir, &err), TR_OK);
    assert_non_null(ir.pin_record); /* the new key is pinned */
    assert_non_null(strstr(ir.pin_record, lead.card.fingerprint));
    tr_care_import_free(&ir);
    free(file);
    free(rec);
    /* ... and one signed by another team's key is refused */
    assert_int_equal(tr_care_assign(&other, &o, NOW, &file, &len, &rec, &err), TR_OK);
    assert_int_equal(tr_care_import(&c2, (uint8_t *)file, len, 1796000000, NULL, &ir, &err),
                     TR_E_INVALID);
    assert_int_equal(ir.why, TR_EXCH_OTHER_TEAM);
    assert_non_null(strstr(err.msg, "did not hand over"));
    tr_care_import_free(&ir);
    free(file);
    free(rec);

    free(sig);
    cJSON_Delete(forged);
    cJSON_Delete(bare);
    cJSON_Delete(eva);
    cJSON_Delete(card);
    tr_care_rotate_free(rot);
    free(rot);
    tr_care_state_free(&c2);
    tr_care_state_free(&other);
    tr_care_state_free(&client);
    tr_care_state_free(&per);
    tr_care_state_free(&ola);
    tr_care_state_free(&lead);
}

/* An assignment of s to klient-7 made at now, imported by client c (pinned to the team) at a
 * day before the expiry; returns the import's status and frees everything. *seq gets the
 * file's number, *why the refusal. */
static tr_status assign_import(tr_care_state *s, tr_care_state *c, const char *now, uint64_t *seq,
                               tr_exch_why *why)
{
    static const char *const mods[] = {"activity"};
    tr_care_assign_opts o = {"klient-7", mods, 1, 0, NULL, NULL, 0, "2099-12-31", NULL};
    char *file = NULL, *rec = NULL;
    size_t len = 0;
    tr_care_import_result ir;
    tr_error err = {0};
    assert_int_equal(tr_care_assign(s, &o, now, &file, &len, &rec, &err), TR_OK);
    assert_int_equal(tr_care_apply_text(s, rec, &err), TR_OK); /* assignment_sent */
    tr_status st = tr_care_import(c, (uint8_t *)file, len, 1796000000, NULL, &ir, &err);
    *seq = s->clients[0].last_assign_seq; /* the number just sent (the only client) */
    *why = ir.why;
    if (st == TR_OK)
        assert_int_equal(tr_care_apply_text(c, ir.record, &err), TR_OK);
    tr_care_import_free(&ir);
    free(file);
    free(rec);
    return st;
}

/* issue 14 (teamui item 2): two therapists of one team each numbered their assignments to a
 * client from 1, so the client refused the second therapist's first file as replayed. Numbers
 * now rise with time and carry a tag of the therapist's own key: colleagues number one client's
 * files apart, in the order they made them, above every number of the old scheme. */
static void colleagues_number_apart(void **state)
{
    (void)state;
    tr_care_state lead, per, client;
    uint64_t a, b, c, d;
    tr_exch_why why;
    therapist(&lead, "Kari", 0);
    therapist(&per, "Per", 1);
    enrol_join(&lead, &per, "Per");
    client_pinned(&client, &lead);
    client.last_assign_seq = 3; /* three files of the old scheme accepted before */

    assert_int_equal(assign_import(&lead, &client, "2026-12-05T10:00:00Z", &a, &why), TR_OK);
    assert_true(a > 3);
    assert_int_equal(assign_import(&per, &client, "2026-12-05T10:05:00Z", &b, &why), TR_OK);
    assert_true(b > a);
    assert_int_equal(assign_import(&lead, &client, "2026-12-06T09:00:00Z", &c, &why), TR_OK);
    assert_true(c > b);
    /* the same second: the two therapists' numbers differ, and each one's own numbers rise */
    tr_status st = assign_import(&per, &client, "2026-12-06T09:00:00Z", &d, &why);
    assert_true(d != c);
    assert_int_equal(st, d > c ? TR_OK : TR_E_INVALID);
    uint64_t e;
    st = assign_import(&per, &client, "2026-12-06T09:00:00Z", &e, &why);
    assert_true(e > d);
    assert_int_equal(st, e > (c > d ? c : d) ? TR_OK : TR_E_INVALID);
    /* an older file than the newest accepted is still refused as replayed */
    client.last_assign_seq = UINT64_C(1) << 52;
    assert_int_equal(assign_import(&per, &client, "2026-12-07T09:00:00Z", &e, &why), TR_E_INVALID);
    assert_int_equal(why, TR_EXCH_REPLAYED);
    /* a time the clock cannot give is refused in words, no file */
    {
        static const char *const mods[] = {"activity"};
        tr_care_assign_opts o = {"klient-7", mods, 1, 0, NULL, NULL, 0, "2099-12-31", NULL};
        char *file = NULL, *rec = NULL;
        size_t len = 0;
        tr_error err = {0};
        assert_int_equal(tr_care_assign(&per, &o, "later", &file, &len, &rec, &err), TR_E_INVALID);
        assert_non_null(strstr(err.msg, "not a valid time"));
        assert_null(file);
    }
    tr_care_state_free(&client);
    tr_care_state_free(&per);
    tr_care_state_free(&lead);
}

/* A therapist who made a profile in the app without choosing to join is its own team's first
 * member. While that team key is unused (alone on the roster, no client), an enrolment of
 * another team replaces it after the fingerprint check; once it has assigned to a client, the
 * enrolment is refused as another team's. */
static void unused_own_team_is_replaced(void **state)
{
    (void)state;
    tr_care_state lead, ola, eva;
    tr_care_enrol_result er;
    tr_care_join_result jr;
    tr_error err = {0};
    therapist(&lead, "Kari", 0);
    therapist(&ola, "Ola", 0);
    assert_true(tr_care_team_unused(&ola));
    cJSON *card = card_of(&ola, "Ola");
    const char *ofpr = cJSON_GetObjectItem(card, "fingerprint")->valuestring;
    assert_int_equal(tr_care_enrol(&lead, "Kari", card, ofpr, NOW, &er, &err), TR_OK);
    apply_all(&lead, &er.records);
    assert_false(tr_care_team_unused(&lead)); /* two on its roster now */
    /* without the fingerprint: only asked; with it: Ola's own key is replaced by the team's */
    assert_int_equal(tr_care_join(&ola, er.file, er.file_len, NULL, NOW, &jr, &err), TR_OK);
    assert_true(jr.needs_trust);
    assert_int_equal(jr.records.n, 0);
    tr_care_join_free(&jr);
    assert_int_equal(
        tr_care_join(&ola, er.file, er.file_len, lead.card.fingerprint, NOW, &jr, &err), TR_OK);
    apply_all(&ola, &jr.records);
    tr_care_join_free(&jr);
    assert_string_equal(ola.card.fingerprint, lead.card.fingerprint);
    assert_int_equal(ola.roster->n, 2);
    tr_care_enrol_free(&er);
    cJSON_Delete(card);

    /* Eva's own team has assigned to a client: her key is in use, the enrolment is refused */
    therapist(&eva, "Eva", 0);
    static const char *const mods[] = {"activity"};
    tr_care_assign_opts o = {"klient-9", mods, 1, 0, NULL, NULL, 0, "2099-12-31", NULL};
    char *file = NULL, *rec = NULL;
    size_t len = 0;
    assert_int_equal(tr_care_assign(&eva, &o, NOW, &file, &len, &rec, &err), TR_OK);
    assert_int_equal(tr_care_apply_text(&eva, rec, &err), TR_OK);
    free(file);
    free(rec);
    assert_false(tr_care_team_unused(&eva));
    card = card_of(&eva, "Eva");
    ofpr = cJSON_GetObjectItem(card, "fingerprint")->valuestring;
    assert_int_equal(tr_care_enrol(&lead, "Kari", card, ofpr, NOW, &er, &err), TR_OK);
    assert_int_equal(
        tr_care_join(&eva, er.file, er.file_len, lead.card.fingerprint, NOW, &jr, &err),
        TR_E_INVALID);
    assert_int_equal(jr.why, TR_EXCH_OTHER_TEAM);
    tr_care_join_free(&jr);
    tr_care_enrol_free(&er);
    cJSON_Delete(card);
    tr_care_state_free(&eva);
    tr_care_state_free(&ola);
    tr_care_state_free(&lead);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    tj_mkdir();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(export_leaves_secret_keys_out),
        cmocka_unit_test(member_card_is_read_strictly),
        cmocka_unit_test(colleague_joins_with_fingerprints),
        cmocka_unit_test(every_bit_and_cut_refused),
        cmocka_unit_test(removal_rotates_and_the_chain_is_followed),
        cmocka_unit_test(colleagues_number_apart),
        cmocka_unit_test(unused_own_team_is_replaced),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tj_rmdir();
    return rc;
}
