/* tt_pack: what the unit tests of the content loaders share (tests/unit/test_med.c,
 * test_goal.c, test_feedback.c, test_info.c): the shipped pack, the check that a loader found
 * no problem, and a loader run on one file of the pack changed so that it must find one.
 * Only for tests: a failure fails the running cmocka test. */
#ifndef TT_PACK_H
#define TT_PACK_H

#include <cjson/cJSON.h>

#include "tr_content.h"

/* The shipped pack (TRINN_CONTENT, else ./content); fails the test when it does not load.
 * Free with tr_content_free. */
tr_content *tt_pack_load(void);

/* Fails the test, printing every problem of d and err's message, unless st is TR_OK and d holds
 * none; frees d's problems. */
void tt_pack_no_problems(tr_status st, tr_diags *d, const tr_error *err);

/* Runs one loader on pack and frees what it loaded; returns its status (problems into d). */
typedef tr_status (*tt_pack_loader)(const tr_content *pack, tr_diags *d, tr_error *err);

/* Writes the pack's file `file` into a new scratch pack folder, either the shipped one changed
 * by edit (text NULL) or text itself (edit NULL), runs load on pack pointed at that folder, and
 * fails the test unless the load says TR_E_INVALID with a problem of `file` whose line holds
 * want. The folder is removed and pack->dir put back afterwards. */
void tt_pack_expect_problem(tr_content *pack, const char *file, void (*edit)(cJSON *doc),
                            const char *text, tt_pack_loader load, const char *want);

#endif
