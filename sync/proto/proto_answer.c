/* proto_answer.c — the batch answer's envelope, written and read (see proto_answer.h;
 * the bytes are in sync/PROTOCOL.md, "Answers"). */
#include "proto_answer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto_wire.h"

static const char *envelope_why(json_t *r, pc_proto_answer_head *head, json_t **acked);
static void *read_items(json_t *arr, const pc_proto_acked_kind *kind, size_t *n_acked, char *err,
                        size_t errsize);

char *pc_proto_answer_encode(const char *key, json_t *acked, json_t *rejected, size_t n_new)
{
    size_t n_acked = json_array_size(acked);
    json_t *a =
        json_pack("{s:i, s:s, s:O, s:I, s:I, s:O}", "protocol", PC_PROTO_VERSION, "idempotency_key",
                  key ? key : "", "acknowledged", acked, "stored_new", (json_int_t)n_new,
                  "already_present", (json_int_t)(n_acked - n_new), "rejected", rejected);
    char *text = a ? json_dumps(a, JSON_COMPACT) : NULL;
    json_decref(a);
    return text;
}

void *pc_proto_answer_read(const char *body, size_t len, const pc_proto_acked_kind *kind,
                           pc_proto_answer_head *head, size_t *n_acked, char *err, size_t errsize)
{
    memset(head, 0, sizeof *head);
    *n_acked = 0;
    json_error_t je;
    json_t *r = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je), *list = NULL;
    const char *why = envelope_why(r, head, &list);
    if (why)
        snprintf(err, errsize, "%s", why);
    void *acked = why ? NULL : read_items(list, kind, n_acked, err, errsize);
    if (!acked) {
        json_decref(r);
        memset(head, 0, sizeof *head);
        return NULL;
    }
    head->root = r;
    return acked;
}

/* NULL when r is an answer (head filled, *acked its list, borrowed); else why not. */
static const char *envelope_why(json_t *r, pc_proto_answer_head *head, json_t **acked)
{
    json_t *proto = json_object_get(r, "protocol"), *rej = json_object_get(r, "rejected");
    *acked = json_object_get(r, "acknowledged");
    head->idem = json_string_value(json_object_get(r, "idempotency_key"));
    head->n_rejected = json_array_size(rej);
    head->stored_new = json_integer_value(json_object_get(r, "stored_new"));
    head->already_present = json_integer_value(json_object_get(r, "already_present"));
    return !r                   ? "answer is not JSON"
           : !json_is_object(r) ? "answer is not an object"
           : !json_is_integer(proto) || json_integer_value(proto) != PC_PROTO_VERSION
               ? "protocol must be 1"
           : !head->idem                ? "idempotency_key missing"
           : !json_is_array(*acked)     ? "acknowledged must be an array"
           : rej && !json_is_array(rej) ? "rejected must be an array"
                                        : NULL;
}

/* Reads every item of arr with kind into a new array; NULL with err (nothing kept). */
static void *read_items(json_t *arr, const pc_proto_acked_kind *kind, size_t *n_acked, char *err,
                        size_t errsize)
{
    size_t n = json_array_size(arr);
    unsigned char *items = calloc(n ? n : 1, kind->size);
    if (!items) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (!kind->read(json_array_get(arr, i), items + i * kind->size)) {
            snprintf(err, errsize, "acknowledged[%zu] is not %s", i, kind->noun);
            free(items);
            return NULL;
        }
    *n_acked = n;
    return items;
}
