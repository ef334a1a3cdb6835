/* proto_desk.c — the desk records' request and answer bodies (see proto_desk.h; the
 * bytes are in sync/PROTOCOL.md, "Desk records"). */
#include "proto_desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "proto_json.h"

static const char *const actions[] = {"receive", "accept", "return", "refuse"};

static void record_read(pc_proto_desk_record *r, json_t *doc, const char *desk_id);
static const char *record_why(const pc_proto_desk_record *r, json_t *doc, const char *desk_id);
static bool materials_ok(json_t *m);
static bool clerk_ok(const char *id);

bool pc_proto_desk_action_ok(const char *action)
{
    for (size_t i = 0; action && i < sizeof actions / sizeof *actions; i++)
        if (strcmp(action, actions[i]) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------------------ the request */

json_t *pc_proto_desk_record_json(const char *desk_id, const pc_proto_desk_record *r)
{
    return json_pack("{s:s, s:I, s:s, s:s, s:I, s:s, s:s, s:I, s:o, s:s}", "desk_id", desk_id,
                     "seq", (json_int_t)r->seq, "receipt_id", r->receipt_id, "kiosk_id",
                     r->kiosk_id ? r->kiosk_id : "", "receipt_created_at",
                     (json_int_t)r->receipt_created_at, "action", r->action, "clerk_id",
                     r->clerk_id, "at", (json_int_t)r->at, "materials",
                     r->materials ? json_incref(r->materials) : json_array(), "reason",
                     r->reason ? r->reason : "");
}

char *pc_proto_desk_encode(const char *desk_id, const pc_proto_desk_record *recs, size_t n,
                           size_t *len)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++)
        if (json_array_append_new(list, pc_proto_desk_record_json(desk_id, &recs[i])) != 0) {
            json_decref(list);
            list = NULL;
        }
    json_t *root = list ? json_pack("{s:i, s:s, s:o}", "protocol", PC_PROTO_VERSION, "desk_id",
                                    desk_id, "records", list)
                        : NULL;
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (text && len)
        *len = strlen(text);
    return text;
}

bool pc_proto_desk_parse(const char *body, size_t len, const char *desk_id, size_t max,
                         pc_proto_desk_batch *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_t *root = out->root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    json_t *recs = json_object_get(root, "records");
    const char *envelope =
        pc_proto_signed_why(root, "desk_id", desk_id, "desk_id does not match the signing desk");
    const char *why = envelope                      ? envelope
                      : !json_is_array(recs)        ? "records must be an array"
                      : json_array_size(recs) > max ? "too many records in one request"
                                                    : NULL;
    out->n = why ? 0 : json_array_size(recs);
    out->items = why ? NULL : calloc(out->n ? out->n : 1, sizeof *out->items);
    if (!why && !out->items)
        why = "out of memory";
    if (why) {
        snprintf(err, errsize, "%s", why);
        pc_proto_desk_batch_free(out);
        return false;
    }
    for (size_t i = 0; i < out->n; i++)
        record_read(&out->items[i], json_array_get(recs, i), desk_id);
    return true;
}

void pc_proto_desk_batch_free(pc_proto_desk_batch *b)
{
    json_decref(b->root);
    free(b->items);
    memset(b, 0, sizeof *b);
}

/* Reads one record into r (strings into doc) and says whether it can be stored. */
static void record_read(pc_proto_desk_record *r, json_t *doc, const char *desk_id)
{
    json_t *seq = json_object_get(doc, "seq"), *at = json_object_get(doc, "at");
    json_t *made = json_object_get(doc, "receipt_created_at");
    *r = (pc_proto_desk_record){.seq = json_is_integer(seq) ? json_integer_value(seq) : 0,
                                .receipt_id = json_string_value(json_object_get(doc, "receipt_id")),
                                .kiosk_id = json_string_value(json_object_get(doc, "kiosk_id")),
                                .action = json_string_value(json_object_get(doc, "action")),
                                .clerk_id = json_string_value(json_object_get(doc, "clerk_id")),
                                .at = json_is_integer(at) ? json_integer_value(at) : 0,
                                .materials = json_object_get(doc, "materials"),
                                .reason = json_string_value(json_object_get(doc, "reason")),
                                .receipt_created_at = json_is_integer(made)
                                                          ? json_integer_value(made)
                                                      : made ? -1
                                                             : 0};
    r->reject = record_why(r, doc, desk_id);
}

static const char *record_why(const pc_proto_desk_record *r, json_t *doc, const char *desk_id)
{
    const char *did = json_string_value(json_object_get(doc, "desk_id"));
    return !json_is_object(doc)                     ? "not an object"
           : r->seq <= 0                            ? "seq must be a positive integer"
           : !did || strcmp(did, desk_id) != 0      ? "desk_id is not the signing desk"
           : !pc_proto_receipt_id_ok(r->receipt_id) ? "receipt_id missing or not a valid receipt id"
           : !r->kiosk_id || (r->kiosk_id[0] && !pc_kiosk_id_valid(r->kiosk_id))
               ? "kiosk_id must be a kiosk id or \"\""
           : !pc_proto_desk_action_ok(r->action)
               ? "action must be receive, accept, return or refuse"
           : !clerk_ok(r->clerk_id) ? "clerk_id missing or not a clerk id"
           : r->at <= 0             ? "at must be Unix seconds"
           : r->receipt_created_at < 0 || r->receipt_created_at > UINT32_MAX
               ? "receipt_created_at must be the receipt's Unix seconds, or 0"
           : !materials_ok(r->materials) ? "materials must be an array of material numbers"
           : !r->reason || strlen(r->reason) > PC_PROTO_DESK_REASON_MAX
               ? "reason missing or too long"
               : NULL;
}

static bool materials_ok(json_t *m)
{
    if (!json_is_array(m) || json_array_size(m) > PC_PROTO_DESK_MATERIALS_MAX)
        return false;
    size_t i;
    json_t *v;
    json_array_foreach(m, i, v) if (!json_is_integer(v) || json_integer_value(v) < 0 ||
                                    json_integer_value(v) >= 1000) return false;
    return true;
}

static bool clerk_ok(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    return n >= 1 && n <= PC_PROTO_DESK_CLERK_MAX &&
           strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

/* ------------------------------------------------------------------ the answer */

static bool read_seq(json_t *item, void *slot)
{
    *(int64_t *)slot = json_integer_value(item);
    return json_is_integer(item) && json_integer_value(item) > 0;
}

static const pc_proto_acked_kind seqs = {sizeof(int64_t), "a seq", read_seq};

bool pc_proto_desk_answer_parse(const char *body, size_t len, pc_proto_desk_answer *out, char *err,
                                size_t errsize)
{
    out->acked = pc_proto_answer_read(body, len, &seqs, &out->head, &out->n_acked, err, errsize);
    return out->acked != NULL;
}

void pc_proto_desk_answer_free(pc_proto_desk_answer *a)
{
    json_decref(a->head.root);
    free(a->acked);
    memset(a, 0, sizeof *a);
}
