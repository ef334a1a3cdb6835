/* fixture.h — what the receipt tests share: the real packs and calendar from rules/,
 * the zh-CN string table from assets/, a kiosk key with its keyring, a department
 * key, and a filled-in set of answers. */
#ifndef PC_RC_FIXTURE_H
#define PC_RC_FIXTURE_H

#include "print.h"
#include "receipt.h"

typedef struct rc_fixture {
    pc_pack_set packs;
    pc_calendar *cal;
    const pc_pack *pack;        /* the pack the tests answer */
    pc_strings strings;         /* assets/strings.zh-CN.yaml */
    pc_kiosk_key key;           /* kiosk "k1" */
    pc_keyring ring;            /* k1 only */
    pc_dept_key dept;
    pc_verify_ctx ctx;          /* keyring, dept, packs, cal */
    int64_t now;                /* 2026-11-20 10:00 local */
} rc_fixture;

/* Loads everything; exits the test on failure. policy NULL: guangxi-sti. */
void rc_fixture_init(rc_fixture *f, const char *policy);
void rc_fixture_free(rc_fixture *f);
/* Answers: question q answered per its index (yes, no, unsure in turn when mixed,
 * all yes otherwise); date questions get 2026-11-02. */
void rc_fixture_answers(const rc_fixture *f, pc_answers *a, bool mixed);
/* Evaluates the answers on the fixture's day. */
void rc_fixture_eval(const rc_fixture *f, const pc_answers *a, pc_result *r);
/* Builds and encodes a receipt (seal_pk may be NULL). */
bool rc_fixture_receipt(const rc_fixture *f, const pc_kiosk_key *key, const unsigned char *seal_pk,
                        const pc_answers *a, char *text, size_t size);
/* A fresh temporary directory (mkdtemp under $TMPDIR or /tmp) in out. */
/* Print options for a slip `width` dots wide, in the bundled font. */
pc_print_opts rc_print_opts(int width);
void rc_tempdir(char *out, size_t size);
/* rm -rf dir. */
void rc_rmtree(const char *dir);

#endif
