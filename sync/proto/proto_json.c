/* proto_json.c — batch, answer and error bodies (see proto_json.h; the bytes are in
 * sync/PROTOCOL.md, "Submitting a batch" and "Answers"). */
#include "proto_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool item_check(pc_proto_item *it, const char *kiosk_id);

/* ------------------------------------------------------------------ batch */

char *pc_proto_batch_encode(const char *kiosk_id, json_t *submissions, size_t *len)
{
    json_t *root = json_pack("{s:i, s:s, s:O}", "protocol", PC_PROTO_VERSION, "kiosk_id", kiosk_id,
                             "submissions", submissions);
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (text && len)
        *len = strlen(text);
    return text;
}

/* The envelope is jansson's, printed with an empty array last ("…,"submissions":[]}");
 * the array's text takes that "[]". */
char *pc_proto_batch_encode_text(const char *kiosk_id, const char *submissions, size_t n,
                                 size_t *len)
{
    json_t *root = json_pack("{s:i, s:s, s:[]}", "protocol", PC_PROTO_VERSION, "kiosk_id", kiosk_id,
                             "submissions");
    char *head = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    size_t h = head ? strlen(head) : 0;
    char *text = h > 3 && strcmp(head + h - 3, "[]}") == 0 ? malloc(h - 3 + n + 2) : NULL;
    if (text) {
        memcpy(text, head, h - 3);
        memcpy(text + h - 3, submissions, n);
        memcpy(text + h - 3 + n, "}", 2);
        if (len)
            *len = h - 3 + n + 1;
    }
    free(head);
    return text;
}

bool pc_proto_batch_parse(const char *body, size_t len, const char *kiosk_id, pc_proto_batch *out,
                          char *err, size_t errsize)
{
    json_error_t je;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    return pc_proto_batch_from_json(root, kiosk_id, PC_PROTO_MAX_BATCH, out, err, errsize);
}

bool pc_proto_batch_from_json(json_t *root, const char *kiosk_id, size_t max, pc_proto_batch *out,
                              char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    out->root = root;
    json_t *subs = json_object_get(root, "submissions");
    const char *envelope = pc_proto_envelope_why(root, kiosk_id);
    const char *why = envelope                      ? envelope
                      : !json_is_array(subs)        ? "submissions must be an array"
                      : json_array_size(subs) > max ? "too many submissions in one request"
                                                    : NULL;
    if (why) {
        snprintf(err, errsize, "%s", why);
        pc_proto_batch_free(out);
        return false;
    }
    out->n = json_array_size(subs);
    out->items = calloc(out->n ? out->n : 1, sizeof *out->items);
    if (!out->items) {
        snprintf(err, errsize, "out of memory");
        pc_proto_batch_free(out);
        return false;
    }
    for (size_t i = 0; i < out->n; i++) {
        out->items[i].doc = json_array_get(subs, i);
        item_check(&out->items[i], kiosk_id);
    }
    return true;
}

const char *pc_proto_signed_why(json_t *root, const char *id_key, const char *id,
                                const char *mismatch)
{
    json_t *proto = json_object_get(root, "protocol"), *signer = json_object_get(root, id_key);
    return !root                   ? "body is not JSON"
           : !json_is_object(root) ? "body is not a JSON object"
           : !json_is_integer(proto) || json_integer_value(proto) != PC_PROTO_VERSION
               ? "protocol must be 1"
           : !json_is_string(signer) || strcmp(json_string_value(signer), id) != 0 ? mismatch
                                                                                   : NULL;
}

const char *pc_proto_envelope_why(json_t *root, const char *kiosk_id)
{
    return pc_proto_signed_why(root, "kiosk_id", kiosk_id,
                               "kiosk_id does not match the signing kiosk");
}

void pc_proto_batch_free(pc_proto_batch *b)
{
    json_decref(b->root);
    free(b->items);
    memset(b, 0, sizeof *b);
}

/* Sets it->receipt_id and, when the item cannot be stored, it->reject. */
static bool item_check(pc_proto_item *it, const char *kiosk_id)
{
    json_t *doc = it->doc;
    const char *id = json_string_value(json_object_get(doc, "receipt_id"));
    const char *kid = json_string_value(json_object_get(doc, "kiosk_id"));
    it->receipt_id = pc_proto_receipt_id_ok(id) ? id : NULL;
    it->reject = !json_is_object(doc) ? "not an object"
                 : !it->receipt_id    ? "receipt_id missing or not a valid receipt id"
                 : !kid || strcmp(kid, kiosk_id) != 0 ? "kiosk_id is not the signing kiosk"
                 : !json_is_string(json_object_get(doc, "policy_id")) ? "policy_id missing"
                 : !json_is_object(json_object_get(doc, "result"))    ? "result missing"
                                                                      : NULL;
    return it->reject == NULL;
}

/* ------------------------------------------------------------------ answer */

static bool read_receipt_id(json_t *item, void *slot)
{
    const char *id = json_string_value(item);
    *(const char **)slot = id;
    return pc_proto_receipt_id_ok(id);
}

static const pc_proto_acked_kind receipt_ids = {sizeof(const char *), "a receipt id",
                                                read_receipt_id};

bool pc_proto_answer_parse(const char *body, size_t len, pc_proto_answer *out, char *err,
                           size_t errsize)
{
    out->acked =
        pc_proto_answer_read(body, len, &receipt_ids, &out->head, &out->n_acked, err, errsize);
    return out->acked != NULL;
}

void pc_proto_answer_free(pc_proto_answer *a)
{
    json_decref(a->head.root);
    free(a->acked);
    memset(a, 0, sizeof *a);
}

/* ------------------------------------------------------------------ errors */

char *pc_proto_error_encode(const char *code, const char *message)
{
    json_t *j = json_pack("{s:i, s:s, s:s}", "protocol", PC_PROTO_VERSION, "error", code, "message",
                          message);
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return text;
}
