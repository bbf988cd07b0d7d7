/* tr_triage_priv: what the files of the triage engine share (not a public header). */
#ifndef TR_TRIAGE_PRIV_H
#define TR_TRIAGE_PRIV_H

#include "tr_triage.h"

#define TR_TRIAGE_MAX_FOLLOWUPS 8

typedef enum tr_rule_kind {
    TR_RULE_RISK = 0,  /* risk_rules: every rule that holds raises the risk */
    TR_RULE_LEVEL = 1, /* level_rules: the first rule that holds sets level + alternatives */
    TR_RULE_MOD = 2,   /* modifiers: every rule that holds raises / adds / explains */
    TR_RULE_FOCUS = 3, /* focus_rules: every rule that holds adds a focus and modules */
} tr_rule_kind;

typedef struct tr_rule {
    tr_rule_kind kind;
    const char *id;
    const cJSON *when;
    tr_risk risk;          /* TR_RULE_RISK */
    const tr_level *level; /* TR_RULE_LEVEL: the level; TR_RULE_MOD: at_least (or NULL) */
    const tr_level *alts[TR_TRIAGE_MAX_LEVELS];
    size_t n_alts;
    const char *reason;                 /* reason id, or NULL */
    const char *referral;               /* TR_RULE_LEVEL and TR_RULE_MOD, or NULL */
    const char *ask[TR_TRIAGE_MAX_ASK]; /* TR_RULE_LEVEL and TR_RULE_MOD: item or reason ids */
    size_t n_ask;
    const char *focus; /* TR_RULE_FOCUS */
    const char *modules[TR_TRIAGE_MAX_MODULES];
    size_t n_modules;
} tr_rule;

typedef struct tr_reason_text {
    const char *id;
    tr_text text;
} tr_reason_text;

struct tr_triage {
    const tr_content *pack;
    cJSON *json; /* rules.json; every string above points into it */
    tr_rule *rules;
    size_t n_rules;
    tr_reason_text *reasons;
    size_t n_reasons;
    const tr_level *acute_level;
    const tr_item *followups[TR_TRIAGE_MAX_FOLLOWUPS];
    size_t n_followups;
    cJSON *terminal_json; /* terminal.json; the terminal texts point into it */
    tr_reason_text *terminal;
    size_t n_terminal;
};

/* Reason ids the engine itself uses for its safety invariants; rules.json must define them. */
#define TR_REASON_CRITICAL         "safety_critical_item"
#define TR_REASON_CRITICAL_SKIPPED "safety_critical_skipped"
#define TR_REASON_FOLLOWUP_SKIPPED "safety_followup_skipped"
#define TR_REASON_NO_SELF_HELP     "safety_no_self_help"
#define TR_REASON_ACUTE            "safety_acute"

/* Tries n_profiles complete answer sets (a fixed sample walking the sequence): for each
 * question, skipping it must not give a lower risk or a less intensive level than answering
 * it mildly. Reports each question that breaks this once into diags; returns how many. */
size_t tr_triage_lint_skips(const tr_triage *t, size_t n_profiles, tr_diags *diags);

/* The text of a reason id, or NULL. */
const tr_text *tr_triage_reason_find(const tr_triage *t, const char *id);

#endif
