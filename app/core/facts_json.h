/* facts_json.h — reads the facts file of the `precheck eval` contract (design.md):
 * {"facts": {"<cite>": true|false|null}, "dates": {"notified_on": "YYYY-MM-DD"}}.
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

#endif
