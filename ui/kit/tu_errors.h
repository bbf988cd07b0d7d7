/* tu_errors: the one way every form shows what is wrong (the GOV.UK pattern): on submit, a
 * summary at the top lists each problem as a link to its field, each field is marked with its
 * own message (tu_field_desc.error), and the focus moves to the summary. Nothing is shown
 * while the user types: problems are found when they try to go on, and stay until the next
 * try, so no field moves under a pointer or a finger.
 *
 * A screen keeps one tu_errors in its state (zeroed = no problems), fills it when the user
 * submits (tu_errors_clear, then tu_errors_add per problem), draws tu_errors_summary at the
 * top of its page, and passes tu_errors_of(e, field) to each field. */
#ifndef TU_ERRORS_H
#define TU_ERRORS_H

#include "tu_ui.h"

#define TU_ERRORS_MAX 12

typedef struct tu_errors {
    struct {
        char field[64]; /* the field's widget id; "" for a problem of the whole form */
        char msg[320];
    } items[TU_ERRORS_MAX];
    int n;
    int focused; /* the focus has been moved to the summary since the problems were found */
    /* while the summary is drawn (between begin and end) */
    size_t cmd, rec;
    int x0, y0, w0;
    tu_color under;
} tu_errors;

/* No problems (the summary disappears). */
void tu_errors_clear(tu_errors *e);
/* Adds a problem for widget `field` (NULL or "" for the form as a whole); msg is copied (cut
 * to 319 bytes). Problems beyond TU_ERRORS_MAX are dropped (the first ones are shown). */
void tu_errors_add(tu_errors *e, const char *field, const char *msg);
/* The message for `field`, or NULL when it has none. */
const char *tu_errors_of(const tu_errors *e, const char *field);
/* Draws the summary in the column (nothing when there are no problems): a box with a danger
 * border, `title`, and each problem as a link "<id>.link.N"; a link moves the focus to its
 * field. The first frame after problems were found moves the focus to the first link. */
void tu_errors_summary(tu_ctx *ctx, tu_errors *e, const char *id, const char *title);
/* The same in two halves, so a screen can add lines inside the box (a wait, a detail):
 * begin returns 1 when it drew a summary, and then end must be called. */
int tu_errors_summary_begin(tu_ctx *ctx, tu_errors *e, const char *id, const char *title);
void tu_errors_summary_end(tu_ctx *ctx, tu_errors *e);

#endif
