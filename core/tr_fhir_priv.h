/* tr_fhir_priv: the loaded content/fhir map, shared by tr_fhir_map.c (reads it) and
 * tr_fhir_build.c (uses it). Not for other modules. */
#ifndef TR_FHIR_PRIV_H
#define TR_FHIR_PRIV_H

#include "tr_feedback.h"
#include "tr_fhir.h"
#include "tr_inst.h"
#include "tr_med.h"

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

/* Most answers a form's questions may have. */
#define TR_FHIR_MAX_FORM_ANSWERS 8

/* Most choice items a form may have (the side-effect check's effects). */
#define TR_FHIR_FORM_MAX_ITEMS TR_MED_MAX_EFFECTS

/* A «form» (tr_fhir_form.c): a Questionnaire we wrote for a check that is no instrument (the
 * side-effect check, the feedback): one choice item per question of the content file (linkId =
 * the question's id), a free-text item "note" and, for the feedback, its context (a choice item
 * "after", a string item "module") and a boolean item "change_therapist". Strings point into
 * the parsed Questionnaire. */
typedef struct tr_fhir_form {
    cJSON *questionnaire; /* owned; NULL: the map has no such form (nothing exported) */
    char canonical[512];  /* "url|version" */
    const cJSON *item[TR_FHIR_FORM_MAX_ITEMS]; /* the choice item of each question, in order */
    size_t n_items;
    const cJSON *note;                    /* the free-text item */
    const cJSON *after, *module, *change; /* the feedback's context items, or NULL */
} tr_fhir_form;

/* What a form must hold, from its content file. */
typedef struct tr_fhir_form_spec {
    const char *content_file;                  /* "medication.json", for messages */
    const char *items[TR_FHIR_FORM_MAX_ITEMS]; /* the questions' ids */
    size_t n_items;
    const char *answers[TR_FHIR_MAX_FORM_ANSWERS]; /* the answer codes of every question */
    size_t n_answers;
    int context; /* 1: the feedback's after/module/change_therapist items */
} tr_fhir_form_spec;

struct tr_fhir_map {
    cJSON *export_json; /* content/fhir/export.json; owned */
    tr_fhir_inst insts[TR_FHIR_MAX_INSTS];
    size_t n_insts;
    const char *patient_system;    /* identifier system of the pseudonym */
    const cJSON *care_code;        /* Coding of the care-level Observation */
    const cJSON *recommended_code; /* Coding of its recommended-level component */
    const char *level_system;      /* code system of the level ids */
    const cJSON *goal_code;        /* Coding of a goal's rating ("goal_rating"), or NULL */
    tr_med_content *med;           /* content/medication.json when anything below needs it */
    tr_feedback_content *fb;       /* content/feedback.json when the feedback form is mapped */
    const cJSON *med_labels;       /* "medication": the note labels, or NULL (not exported) */
    const cJSON *wish_code;        /* Coding of the wish's Observation, or NULL */
    const char *wish_system;       /* code system of the wish ids */
    tr_fhir_form side_effects, feedback;
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

/* 1 for an id as the journal's own record makers write them ("goal1", "med2"): a-z and 0-9,
 * 1 to max characters (a part of resource ids, so nothing else may pass). */
int tr_fhir_record_id_ok(const char *s, size_t max);

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

/* The new QuestionnaireResponse every response shares (resourceType, id, questionnaire,
 * status completed, subject, authored, author the team when named) with an empty "item"
 * array; NULL when out of memory. */
cJSON *tr_fhir_response(const tr_fhir_export *ex, const char *id, const char *canonical,
                        const char *ts);
/* The map an export was made with. */
const tr_fhir_map *tr_fhir_export_map(const tr_fhir_export *ex);

/* Reads the Questionnaire file (in <pack>/fhir/) of a form into f and checks it against spec:
 * every question an item of type choice with exactly one answerOption per answer code (by
 * valueCoding.code) and no other, a "note" item of type string, for a spec with context the
 * "after" choice item (answers "contact" and "module"), a "module" string item and a
 * "change_therapist" boolean item, and no item besides these. TR_OK, or TR_E_NOTFOUND /
 * TR_E_PARSE / TR_E_INVALID with err naming the file and JSON path, TR_E_NOMEM. On failure f
 * may hold the parsed Questionnaire: free it with tr_fhir_form_free. */
tr_status tr_fhir_form_load(const tr_content *pack, const char *file, const tr_fhir_form_spec *spec,
                            tr_fhir_form *f, tr_error *err);
void tr_fhir_form_free(tr_fhir_form *f);

/* The index of the question (its linkId) of a form, or -1. */
int tr_fhir_form_find(const tr_fhir_form *f, const char *id);

/* A form as the client filled it in. */
typedef struct tr_fhir_form_fill {
    const char *codes[TR_FHIR_FORM_MAX_ITEMS]; /* answer code of each question; NULL: none */
    const char *note;                          /* NULL or "": none */
    const char *after, *module;                /* the feedback's context, or NULL */
    int change;                                /* the feedback's change_therapist: 1, else 0 */
} tr_fhir_form_fill;

/* The QuestionnaireResponse id of a filled form, appended to qr: only the answered items, in
 * the Questionnaire's order, each answer the answerOption's valueCoding. BAD when an answer
 * code is no answerOption of its item (or "after" none of its), or nothing is answered. */
tr_fhir_build_rc tr_fhir_form_response(tr_fhir_export *ex, const tr_fhir_form *f, const char *id,
                                       const char *ts, const tr_fhir_form_fill *fill, cJSON *qr);

/* What one `medication`, `side_effects`, `medication_wish` record (tr_fhir_med.c) or `feedback`
 * record (tr_fhir_feedback.c) makes: a MedicationStatement (a new one in meds for an "add", the
 * one in meds changed for a "change"), a QuestionnaireResponse in qr, an Observation in obs.
 * BAD for a record that does not fit: a medicine id that is not [a-z0-9]{1,23}, added twice or
 * never added, a name missing or over its size; an effect, rating, wish, question or answer
 * the content does not have; a feedback that says nothing. OK without building anything when
 * the map does not export the kind. */
tr_fhir_build_rc tr_fhir_med_record(tr_fhir_export *ex, const cJSON *rec, const char *ts,
                                    cJSON *meds);
tr_fhir_build_rc tr_fhir_effects_record(tr_fhir_export *ex, uint64_t seq, const cJSON *rec,
                                        const char *ts, cJSON *qr);
tr_fhir_build_rc tr_fhir_wish_record(tr_fhir_export *ex, uint64_t seq, const cJSON *rec,
                                     const char *ts, cJSON *obs);
tr_fhir_build_rc tr_fhir_feedback_record(tr_fhir_export *ex, uint64_t seq, const cJSON *rec,
                                         const char *ts, cJSON *qr);

#endif
