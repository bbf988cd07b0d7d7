/* tr_info: the information pages of the content pack (content/info.json): pages for relatives
 * and about self-help groups and user organisations, each with sections of plain paragraphs and
 * contacts (a name, what it is for, and a phone number and a website only where the pack can
 * cite them). Pure data: the front end draws them with its ordinary widgets.
 *
 * Ownership: a tr_info and everything reachable from it (pages, texts, strings) is owned by
 * the tr_info and freed with tr_info_free; texts point into the parsed document it keeps. */
#ifndef TR_INFO_H
#define TR_INFO_H

#include <stddef.h>

#include "tr_content.h"
#include "tr_error.h"

#define TR_INFO_FILE      "info.json"
#define TR_INFO_MAX_PAGES 20

typedef struct tr_info_contact {
    tr_text name;      /* "Mental Helse" */
    tr_text text;      /* what it is for, one or two sentences */
    const char *phone; /* as shown, "116 123"; NULL when the pack gives none */
    const char *dial;  /* digits to dial, "116123"; NULL exactly when phone is */
    const char *web;   /* a website without scheme, "mentalhelse.no"; NULL when none */
} tr_info_contact;

typedef struct tr_info_section {
    const char *id;
    tr_text heading;
    tr_text *paras; /* 1-30 paragraphs */
    size_t n_paras;
    tr_info_contact *contacts; /* 0-20 */
    size_t n_contacts;
} tr_info_section;

typedef struct tr_info_page {
    const char *id; /* "relatives", "self_help_groups" */
    tr_text title;
    tr_text summary; /* one sentence for the list of pages */
    int draft;       /* review.status is "draft": the front end says so */
    tr_info_section *sections;
    size_t n_sections;
} tr_info_page;

typedef struct tr_info {
    void *doc; /* the parsed file (cJSON), owned */
    tr_info_page *pages;
    size_t n_pages;
} tr_info;

/* Loads and validates PACK_DIR/info.json against the pack's languages: the format, unknown
 * keys (an error: almost always a typo), ids ([a-z][a-z0-9_]{0,39}, unique), every text in
 * every language of the pack, a phone number with its digits to dial (both or neither), a
 * website without scheme or spaces, and the limits (20 pages, 20 sections, 30 paragraphs,
 * 20 contacts). Every problem goes to diags as "info.json: JSON path: what is wrong".
 * Returns TR_OK and *out (free with tr_info_free); TR_E_NOTFOUND when the pack has no
 * info.json (it is optional; *out NULL, nothing in diags); TR_E_INVALID (err: "N problems")
 * with *out NULL; TR_E_NOMEM. */
tr_status tr_info_load(const tr_content *pack, tr_info **out, tr_diags *diags, tr_error *err);

/* Frees an info set; NULL is fine. */
void tr_info_free(tr_info *info);

/* The page with this id, or NULL. */
const tr_info_page *tr_info_find(const tr_info *info, const char *id);

#endif
