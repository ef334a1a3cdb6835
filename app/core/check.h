/* check.h — a scanned receipt checked and explained for staff: the one code path of
 * `precheck verify` and the staff desk (app/desk).
 *
 * Why it exists: both programs must give the same verdict and the same re-evaluated
 * pre-check for the same scan, and both need it as JSON (the CLI's --json, the desk's
 * /api/scan). pc_receipt_verify (receipt.h) checks the signature and re-evaluates with
 * the pack of the receipt's id and version; this file adds what a window needs around
 * it: a pack set that may hold several versions of one policy (the desk keeps every
 * version it has received), the applicant's answers in plain words with the 不确定
 * ones first (what staff must ask), and the deciding clauses, deadline, materials and
 * steps in staff words — every word from the string table ("desk.*", "verdict.*"),
 * never an internal code. The JSON also carries the machine names ("valid",
 * "exempt") for programs. */
#ifndef PC_CORE_CHECK_H
#define PC_CORE_CHECK_H

#include <jansson.h>

#include "receipt.h"
#include "strings.h"

/* One scan, checked. */
typedef struct pc_check {
    pc_verify_result v;     /* verdict, receipt as decoded, pack, re-evaluation */
    pc_answers answers;     /* the receipt's answers (verdict valid only) */
    const pc_calendar *cal; /* the calendar it was evaluated with */
} pc_check;

/* The pack with exactly this id and version in a set that may hold several versions
 * of one policy; NULL when the set has none. */
const pc_pack *pc_check_find_pack(const pc_pack_set *set, const char *id, const char *version);

/* A scanned line → verdict and, for a valid receipt, the pre-check re-evaluated with
 * the pack of the receipt's own id and version found in ctx->packs (any number of
 * versions a policy). Returns out->v.verdict. */
pc_verdict pc_check_scan(const char *line, const pc_verify_ctx *ctx, pc_check *out);

/* True when the receipt's fields (kiosk, time, policy, version) can be shown: it was
 * decoded, and for a sealed one, opened. */
bool pc_check_readable(const pc_check *c);

/* The check as one JSON object (new reference; NULL when out of memory):
 *   verdict, message, receipt_id, receipt_no ("7K3M 9QXD 4RT8"), sealed, words{verdict,
 *   verdict_note};
 *   readable: kiosk_id, created_at_unix, created_at, policy_id, pack_version,
 *   signed_outcome, words{origin, policy, policy_short, version};
 *   valid: outcome, outcome_matches, result (the `precheck eval` object), answers
 *   [{question, answer, unsure}] (unsure first), clauses [{label, plain}], materials
 *   [{index, name}], deadline (null | {date, day, what, last_day, passed, estimated,
 *   days_left, text}), steps [{text, applicant}], words{outcome, status, relief,
 *   mismatch?}.
 * Words are the table's, in staff words; `today` decides 最后一天 / 已过期. */
json_t *pc_check_to_json(const pc_check *c, const pc_strings *t, pc_day today);

/* ---- staff words (check_words.c), also used by the desk's print view ---- */

/* A pack text in staff words: the applicant's "您" ("desk.word_you") becomes
 * "申请人" ("desk.word_applicant"). malloc'd; NULL when out of memory. */
char *pc_check_staff_text(const pc_strings *t, const char *text);
/* The answers in words, 不确定 first, then the rest in the kiosk's order. */
json_t *pc_check_answers_json(const pc_strings *t, const pc_pack *pack, const pc_answers *a);
/* The deadline for staff on `today`, or null. */
json_t *pc_check_deadline_json(const pc_strings *t, const pc_check *c, pc_day today);
/* The steps that follow, each with its time in words. */
json_t *pc_check_steps_json(const pc_strings *t, const pc_pack *pack, const pc_result *r);

#endif
