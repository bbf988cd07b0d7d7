/* tr_fhir: a client's journal records as HL7 FHIR R4 resources: a Bundle (type collection)
 * and NDJSON, one file per resource type (the bulk-data convention).
 *
 * What becomes what is content: content/fhir/export.json names, per instrument, the
 * Questionnaire in content/fhir/ that its responses point at, the linkId of each item and the
 * code systems; every code comes from there or from the Questionnaire (README.md in that
 * folder says where each code comes from). A measure (or each instrument of an assessment)
 * becomes a QuestionnaireResponse, its total an Observation derivedFrom the response with the
 * band as interpretation; an assessment's chosen and recommended care level become one
 * Observation; the client's own goals (`goal` records) become Goal
 * resources (content/fhir/export.json "goal_rating": active, completed when reached, cancelled
 * when let go of) with each rating an Observation whose focus is the Goal; the medication log
 * (`medication` records) becomes one MedicationStatement per medicine as the records say now
 * (export.json "medication": active, or stopped when the newest change says so; the client's
 * words as text, never coded; since, prescriber and each change as notes); the side-effect check
 * (`side_effects`) and the feedback (`feedback`) become QuestionnaireResponses to our own forms
 * (export.json "forms", checked against content/medication.json and content/feedback.json); the
 * wish for help without medication (`medication_wish`) an Observation ("medication_wish"). Each
 * of goal_rating, medication, medication_wish and forms is optional: what export.json does not
 * name is not exported. The client is only a
 * pseudonymous identifier (no Patient resource, no name); a team and its municipality, when given,
 * are Organization resources that the responses (author) and observations (performer) refer to.
 *
 * Ownership: a tr_fhir_map and a tr_fhir_export own what they hold; the map must outlive
 * every export made with it, and the pack the map. Nothing here keeps a record's text after
 * the feed returns except the resources built from it. */
#ifndef TR_FHIR_H
#define TR_FHIR_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_content.h"
#include "tr_error.h"

typedef struct tr_fhir_map tr_fhir_map;

/* Reads <pack dir>/fhir/export.json and the Questionnaires it names, and checks them against
 * the pack: every item of each instrument has a Questionnaire item (by its linkId), every
 * option of the item exactly one answerOption (numbers by ordinalValue, strings by
 * valueCoding.code), the total item is an integer item with a code; each form's Questionnaire
 * (side effects, feedback) has one choice item per effect or question of medication.json /
 * feedback.json with exactly one answerOption per rating or answer of the scale (by
 * valueCoding.code), its free-text item (and the feedback's context items) and nothing more;
 * what names the medication log, the wish or a form needs the content file (medication.json,
 * feedback.json) to load. Returns TR_OK and *out
 * (free with tr_fhir_map_free), or TR_E_NOTFOUND / TR_E_PARSE / TR_E_INVALID with err naming
 * the file and JSON path. */
tr_status tr_fhir_map_load(const tr_content *pack, tr_fhir_map **out, tr_error *err);

/* Frees a map; NULL is fine. */
void tr_fhir_map_free(tr_fhir_map *m);

/* Longest Organization name accepted, in bytes. */
#define TR_FHIR_NAME_MAX 200

typedef struct tr_fhir_desc {
    const tr_content *pack;   /* required: instruments (bands) and levels */
    const tr_fhir_map *map;   /* required */
    const char *team;         /* the team's name as an Organization, or NULL */
    const char *municipality; /* the municipality (the team's partOf), or NULL */
} tr_fhir_desc;

typedef struct tr_fhir_export tr_fhir_export;

/* Makes an empty export. TR_E_INVALID when a name is empty, too long or not UTF-8 text,
 * TR_E_NOMEM. Free with tr_fhir_export_destroy. */
tr_status tr_fhir_export_make(const tr_fhir_desc *desc, tr_fhir_export **out, tr_error *err);

/* Frees an export and every resource in it; NULL is fine. */
void tr_fhir_export_destroy(tr_fhir_export *ex);

/* Feeds one journal record (its JSON text, core/RECORDS.md), in journal order; seq is its
 * sequence number (1, 2, ...), which makes resource ids stable across exports. The first
 * record fed fixes the client's pseudonym (a keyed hash of its text: the same journal gives
 * the same pseudonym, a different one another). `measure`, `assessment`, `goal`, `medication`,
 * `side_effects`, `medication_wish` and `feedback` records become resources; other types are
 * ignored; a measure or assessment with a malformed field (no time, an answer that is no option
 * of the item, a total that is not a whole number in the range), a goal record that does not
 * fit the goal's story (tr_fhir_goal_record), a medication record that does not fit the log (a
 * change to a medicine never added, one added twice, no name), a side-effect check or feedback
 * with an effect, question or answer its form lacks or that says nothing, or an unknown wish, is
 * skipped and counted. Returns TR_OK (also when skipped) or TR_E_NOMEM. */
tr_status tr_fhir_export_feed(tr_fhir_export *ex, uint64_t seq, const char *json, size_t len,
                              tr_error *err);

/* Starts the next client of a multi-client export (a team's): the records fed from now on are
 * that client's. With key (e.g. the team's fingerprint and the id the team gave the client) the
 * pseudonym is a keyed hash of key, the same in every export of this team; with NULL the next
 * record fed fixes it as for a single journal. Resources of earlier clients stay. */
void tr_fhir_export_next_client(tr_fhir_export *ex, const char *key);

/* The profile a Patient claims: HL7 Norway's no-basis Patient. */
#define TR_FHIR_NO_BASIS_PATIENT "http://hl7.no/fhir/StructureDefinition/no-basis-Patient"

/* Where a team chose to add the client's national identity number (tr_nin): after
 * tr_fhir_export_next_client with a key, adds a Patient (id = the pseudonym, meta.profile
 * TR_FHIR_NO_BASIS_PATIENT, one official identifier of system and value, checked by the caller)
 * and makes the client's resources refer to it ("Patient/<pseudonym>") instead of carrying the
 * pseudonym as an identifier. TR_E_INVALID before a client is named, TR_E_NOMEM. */
tr_status tr_fhir_export_identify(tr_fhir_export *ex, const char *system, const char *value,
                                  tr_error *err);

/* Records skipped as malformed. */
size_t tr_fhir_export_skipped(const tr_fhir_export *ex);

/* The client's pseudonym ("" before the first feed). Valid until destroy. */
const char *tr_fhir_export_pseudonym(const tr_fhir_export *ex);

/* The resources of one type in NDJSON form (references "Type/id"), oldest first, or NULL
 * when there are none. Owned by ex. Types: "QuestionnaireResponse", "Observation",
 * "Organization", "Patient", "Goal", "MedicationStatement". */
const cJSON *tr_fhir_export_resources(const tr_fhir_export *ex, const char *type);

/* The resources of one type as the NDJSON text DIR/<Type>.ndjson holds (one per line, each
 * ending in a newline; "" when there are none); *len its length. Caller frees; NULL when out of
 * memory. */
char *tr_fhir_export_ndjson(const tr_fhir_export *ex, const char *type, size_t *len);

/* The Bundle (type collection): every resource as an entry with fullUrl "urn:uuid:..." (a
 * stable hash of "Type/id") and every reference rewritten to that form. Caller cJSON_Deletes;
 * NULL when out of memory. */
cJSON *tr_fhir_export_bundle(const tr_fhir_export *ex);

/* Writes DIR/bundle.json and DIR/<Type>.ndjson for each type that has resources, each created
 * with mode 0600 and fsynced (DIR is created with mode 0700 when missing). With seal_to (a
 * 32-byte X25519 public key, a team card's box key) each file is sealed to it in age's format
 * instead and named with ".age" added (bundle.json.age ...): nothing in clear is written.
 * Refuses (TR_E_INVALID) when any of these files exists already, before writing anything;
 * TR_E_IO when the system fails (files written so far are removed); errors of tr_age_encrypt. */
tr_status tr_fhir_export_write(const tr_fhir_export *ex, const char *dir, const uint8_t *seal_to,
                               tr_error *err);

/* A code of the map: both strings belong to the map. */
typedef struct tr_fhir_code {
    const char *system;
    const char *code;
} tr_fhir_code;

/* The Observation code of an instrument's total (its Questionnaire's total item). TR_OK, or
 * TR_E_NOTFOUND when export.json does not map the instrument. */
tr_status tr_fhir_total_code(const tr_fhir_map *m, const char *inst_id, tr_fhir_code *out,
                             tr_error *err);

/* The codes of the care-level Observation, of its recommended-level component, and the code
 * system of the level ids. */
void tr_fhir_care_codes(const tr_fhir_map *m, tr_fhir_code *care, tr_fhir_code *recommended,
                        const char **level_system);

#endif
