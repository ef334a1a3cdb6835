/* rc_check.h — assertion macros for the receipt and store tests: a failed check
 * prints file:line and the expression; the test's exit status counts failures. */
#ifndef PC_RC_CHECK_H
#define PC_RC_CHECK_H

#include <stdio.h>
#include <string.h>

static int rc_failures;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);    \
            rc_failures++;                                                             \
        }                                                                              \
    } while (0)

#define CHECK_STR(a, b)                                                                \
    do {                                                                               \
        const char *a_ = (a), *b_ = (b);                                               \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                       \
            fprintf(stderr, "%s:%d: CHECK_STR failed: \"%s\" != \"%s\"\n", __FILE__,    \
                    __LINE__, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                 \
            rc_failures++;                                                             \
        }                                                                              \
    } while (0)

#define CHECK_DONE() \
    (rc_failures ? (fprintf(stderr, "%d check(s) failed\n", rc_failures), 1) : 0)

#endif
