/* tr_nin: Norwegian national identity numbers (fødselsnummer and D-nummer), for a team that
 * chooses to put a client's number in its FHIR export (HL7 Norway's no-basis Patient).
 *
 * Eleven digits: the birth date (ddmmyy; a D-number adds 4 to the first digit), a three-digit
 * individual number, and two control digits, each a weighted sum modulo 11 (weights 3 7 6 1 8
 * 9 4 5 2 for the first, 5 4 3 2 7 6 5 4 3 2 for the second; 11 gives 0, 10 is no valid
 * number). H-numbers and synthetic test numbers (month above 12) are refused. */
#ifndef TR_NIN_H
#define TR_NIN_H

#include "tr_error.h"

typedef enum tr_nin_kind { TR_NIN_FNR = 1, TR_NIN_DNR = 2 } tr_nin_kind;

/* Checks s. TR_OK with *kind, or TR_E_INVALID with err saying what is wrong in words a person
 * can act on (not 11 digits, no such date, a control digit that does not match). */
tr_status tr_nin_check(const char *s, tr_nin_kind *kind, tr_error *err);

/* The identifier system of a kind (the OIDs of the Norwegian national registry):
 * urn:oid:2.16.578.1.12.4.1.4.1 (fødselsnummer), ...4.2 (D-nummer). */
const char *tr_nin_system(tr_nin_kind kind);

#endif
