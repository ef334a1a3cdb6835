/* lint.h — the checks a pack must pass before a kiosk may use it: every clause's text
 * found verbatim in the published source, every condition asked by a question, every
 * clause used, catch-alls inside the logic, dates in order. Problems are printed as
 * "file:line: cite: problem" so that an editor can jump to them. */
#ifndef PC_LINT_H
#define PC_LINT_H

#include <stdio.h>

#include "pack.h"

/* Strips layout (whitespace, full-width spaces, Markdown marks) in place; returns s. */
char *pc_text_normalize(char *s);
/* Checks a loaded pack; prints each problem to out; returns the number of problems. */
int pc_pack_lint(const pc_pack *pack, FILE *out);

#endif
