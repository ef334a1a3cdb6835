/* proto_answer.h — the department's signed answer to a batch, a kiosk's submissions or a
 * desk's records (sync/PROTOCOL.md, "Answers"): {"protocol":1,"idempotency_key":…,
 * "acknowledged":[…],"stored_new":n,"already_present":n,"rejected":[…]}.
 *
 * Why it exists: both answers are one envelope and differ only in what "acknowledged"
 * lists (receipt ids for a kiosk, the desk's seqs for a desk); one encoder and one
 * reader keep the two from drifting apart. proto_json.h and proto_desk.h each add only
 * how to read one acknowledged item. The reader reads outside input and is fuzzed
 * through both (tests/sync/fuzz_sync_answer.c, fuzz_sync_desk.c). Errors are values. */
#ifndef PC_PROTO_ANSWER_H
#define PC_PROTO_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* New answer text (malloc): key NULL gives "" (bundles); acked, rejected borrowed. */
char *pc_proto_answer_encode(const char *key, json_t *acked, json_t *rejected, size_t n_new);

/* What every answer carries besides its acknowledged list. */
typedef struct pc_proto_answer_head {
    json_t *root;     /* the parsed answer (owned) */
    const char *idem; /* into root */
    size_t n_rejected;
    json_int_t stored_new, already_present;
} pc_proto_answer_head;

/* How one kind of answer reads an acknowledged item. */
typedef struct pc_proto_acked_kind {
    size_t size;                            /* bytes of one item as read */
    const char *noun;                       /* in "acknowledged[i] is not <noun>" */
    bool (*read)(json_t *item, void *slot); /* false: item is not one */
} pc_proto_acked_kind;

/* Parses and checks an answer: head filled, and the acknowledged items read by kind
 * into a new array (malloc, returned) of *n_acked. NULL with err, and nothing left to
 * free, when the answer is not JSON, not an object, not protocol 1, has no
 * idempotency_key, or an acknowledged item is not what kind reads. */
void *pc_proto_answer_read(const char *body, size_t len, const pc_proto_acked_kind *kind,
                           pc_proto_answer_head *head, size_t *n_acked, char *err, size_t errsize);

#endif
