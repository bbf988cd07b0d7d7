/* tr_fhir_priv: the loaded content/fhir map, shared by tr_fhir_map.c (reads it) and
 * tr_fhir_build.c (uses it). Not for other modules. */
#ifndef TR_FHIR_PRIV_H
#define TR_FHIR_PRIV_H

#include "tr_fhir.h"
#include "tr_inst.h"

/* Most instruments export.json may map. */
#define TR_FHIR_MAX_INSTS 16

/* One instrument and its Questionnaire. Strings point into the parsed JSON trees. */
typedef struct tr_fhir_inst {
    const tr_inst *inst;                   /* the pack's instrument */
    cJSON *questionnaire;                  /* the parsed Questionnaire; owned */
    char canonical[512];                   /* "url|version" for QuestionnaireResponse */
    const cJSON *qitem[TR_INST_MAX_ITEMS]; /* Questionnaire item of each instrument item */
    const cJSON *total_item;               /* the Questionnaire's total item */
    const cJSON *total_coding;             /* its code[0]: the Observation code */
    const char *band_system;               /* code system of the bands */
} tr_fhir_inst;

struct tr_fhir_map {
    cJSON *export_json; /* content/fhir/export.json; owned */
    tr_fhir_inst insts[TR_FHIR_MAX_INSTS];
    size_t n_insts;
    const char *patient_system;    /* identifier system of the pseudonym */
    const cJSON *care_code;        /* Coding of the care-level Observation */
    const cJSON *recommended_code; /* Coding of its recommended-level component */
    const char *level_system;      /* code system of the level ids */
    const cJSON *goal_code;        /* Coding of a goal's rating ("goal_rating"), or NULL */
};

/* The mapped instrument with this id, or NULL. */
const tr_fhir_inst *tr_fhir_map_find(const tr_fhir_map *m, const char *inst_id);

/* The answerOption's valueCoding for this answer value (number or string) of item i, or NULL
 * when the value is no option. */
const cJSON *tr_fhir_answer_coding(const tr_fhir_inst *fi, size_t i, const cJSON *value);

/* What tr_fhir_goal.c shares with tr_fhir_build.c (the client's own goals as Goal resources). */
typedef enum tr_fhir_build_rc {
    TR_FHIR_BUILD_OK = 0,
    TR_FHIR_BUILD_BAD = 1, /* the record is malformed: skipped and counted */
    TR_FHIR_BUILD_NOMEM = 2
} tr_fhir_build_rc;

/* The current client as a resource's subject (a new object, the caller's); NULL when out of
 * memory. */
cJSON *tr_fhir_subject(const tr_fhir_export *ex);
/* A new Observation with the parts every one shares (id, status, category, code, subject,
 * effectiveDateTime, performer); NULL when out of memory. */
cJSON *tr_fhir_observation(const tr_fhir_export *ex, const char *id, const cJSON *code,
                           const char *ts);
/* The map's Coding of a goal's rating (NULL: goals are not exported) and the top of the rating
 * scale (content/goals.json, 10 when the pack has none): a Goal's target. */
const cJSON *tr_fhir_goal_code(const tr_fhir_export *ex);
int tr_fhir_goal_top(const tr_fhir_export *ex);
/* Builds what one `goal` record (core/RECORDS.md) makes: an "add" a new Goal (in goals) and the
 * Observation of its first rating (in obs), a "rate" an Observation, a "close" the Goal's new
 * status; a "link" nothing. BAD for a goal id that is not [a-z0-9]{1,24}, a goal added twice,
 * anything done to a goal never added or closed, a rating that is not a whole number on the
 * scale. */
tr_fhir_build_rc tr_fhir_goal_record(tr_fhir_export *ex, uint64_t seq, const cJSON *rec,
                                     const char *ts, cJSON *goals, cJSON *obs);

#endif
