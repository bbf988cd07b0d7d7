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
};

/* The mapped instrument with this id, or NULL. */
const tr_fhir_inst *tr_fhir_map_find(const tr_fhir_map *m, const char *inst_id);

/* The answerOption's valueCoding for this answer value (number or string) of item i, or NULL
 * when the value is no option. */
const cJSON *tr_fhir_answer_coding(const tr_fhir_inst *fi, size_t i, const cJSON *value);

#endif
