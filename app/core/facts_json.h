/* facts_json.h — reads the facts file of the `precheck eval` contract (design.md):
 * {"facts": {"<cite>": true|false|null}, "numbers": {"amount": 120},
 *  "dates": {"notified_on": "YYYY-MM-DD" | "not_yet" | "unknown"},
 *  "answers": {"<question id>": "yes" | 2 | [0, 3] | 12.5 | "YYYY-MM-DD" | "unsure" …}}.
 * Answers are turned into facts first; facts, numbers and dates given beside them win.
 * Outside input: every problem is refused with one line naming the offending value. */
#ifndef PC_FACTS_JSON_H
#define PC_FACTS_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "eval.h"

/* Fills facts (group citations first, so that a member's own fact wins). Returns false
 * and writes one line into err on malformed JSON, an unknown citation or date name, a
 * value that is not true/false/null, or an impossible date. */
bool pc_facts_read_json(const pc_pack *pack, const char *text, size_t len, pc_facts *facts,
                        char *err, size_t errsize);

/* The same, from an already parsed value. */
bool pc_facts_from_json(const pc_pack *pack, json_t *root, pc_facts *facts, char *err,
                        size_t errsize);

/* The same, also handing back the answers the file records by question id (all
 * unanswered when it records none). */
bool pc_facts_and_answers_from_json(const pc_pack *pack, json_t *root, pc_facts *facts,
                                    pc_answers *answers, char *err, size_t errsize);
bool pc_facts_and_answers_read_json(const pc_pack *pack, const char *text, size_t len,
                                    pc_facts *facts, pc_answers *answers, char *err,
                                    size_t errsize);

/* The kiosk's answers, by question id (rules/SCHEMA.md "cases"). */
bool pc_answers_from_json(const pc_pack *pack, json_t *obj, pc_answers *answers, char *err,
                          size_t errsize);

/* The reverse: the answers given, by question id, in the same form. */
json_t *pc_answers_to_json(const pc_pack *pack, const pc_answers *answers);
json_t *pc_answer_to_json(const pc_question *qu, const pc_answer *a);

#endif
