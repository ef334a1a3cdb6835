/* proto_desk.h — the staff desk's records on their way to the department
 * (sync/PROTOCOL.md, "Desk records"): the body of POST /v1/desk-records
 * {"protocol":1,"desk_id":…,"records":[…]} with its encoder (desk side) and its
 * parser (receiver side), and its answer (proto_answer.h, with seqs acknowledged and
 * "rejected":[{"seq","reason"}]).
 *
 * Why it exists: the department must see which pre-checks became applications at a
 * window (收件, 受理, 退回, 不予受理), exactly once, signed by the desk that recorded
 * them, with no applicant answer ever leaving the desk. A record is what a clerk did
 * with a receipt: desk id, the desk's event seq (its key: unique per desk), receipt
 * id, the receipt's kiosk id and time when known, action, clerk, time, materials received (the
 * pack's material indices) and reason. Both halves live here so that they cannot
 * drift apart; the request is signed like a kiosk's batch (proto_wire.h) with the
 * desk's own key. The parser reads outside input and has a fuzz target
 * (tests/sync/fuzz_sync_desk.c). Errors are values. */
#ifndef PC_PROTO_DESK_H
#define PC_PROTO_DESK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "proto_answer.h"
#include "proto_wire.h"

#define PC_PROTO_PATH_DESK "/v1/desk-records"
#define PC_PROTO_DESK_MAX_RECORDS 1000    /* records a request */
#define PC_PROTO_DESK_REASON_MAX 600      /* bytes of a reason (about 200 characters) */
#define PC_PROTO_DESK_MATERIALS_MAX 64    /* material indices a record */
#define PC_PROTO_DESK_CLERK_MAX 32        /* [A-Za-z0-9._-]{1,32}, as the desk's clerk ids */
#define PC_PROTO_DESK_MAX_BODY (1u << 20) /* bytes a request: 1000 records fit well */

/* One record. Strings are borrowed (from the caller, or from the parsed body). */
typedef struct pc_proto_desk_record {
    int64_t seq;            /* the desk's event seq, > 0 */
    const char *receipt_id; /* canonical */
    const char *kiosk_id;   /* the receipt's kiosk, "" when the desk does not know it */
    const char *action;     /* "receive" (收件), "accept" (受理), "return" (退回), "refuse" */
    const char *clerk_id;
    int64_t at;                 /* Unix seconds, the desk's clock */
    json_t *materials;          /* array of material indices (borrowed); NULL: [] */
    const char *reason;         /* 退回 / 不予受理: why; "" otherwise */
    int64_t receipt_created_at; /* the receipt's time (Unix seconds) when the desk read
                                 * it; 0: not known. Optional on the wire. */
    const char *reject;         /* after parsing: NULL acceptable, else why it is refused */
} pc_proto_desk_record;

typedef struct pc_proto_desk_batch {
    json_t *root;                /* the parsed body (owned) */
    pc_proto_desk_record *items; /* one per record */
    size_t n;
} pc_proto_desk_batch;

/* True for the four actions that leave the desk (a scan stays at the desk). */
bool pc_proto_desk_action_ok(const char *action);

/* New body text (malloc) for n records of desk_id; NULL when memory runs out. */
char *pc_proto_desk_encode(const char *desk_id, const pc_proto_desk_record *recs, size_t n,
                           size_t *len);

/* Parses and checks a body for the desk that signed it. Envelope problems (not JSON,
 * wrong protocol, desk_id not the signer, no array, more than max records) return false
 * with err; each record that is wrong gets a reject reason and the rest can still be
 * stored. A record's reject is NULL only when every field is present and sound. */
bool pc_proto_desk_parse(const char *body, size_t len, const char *desk_id, size_t max,
                         pc_proto_desk_batch *out, char *err, size_t errsize);
void pc_proto_desk_batch_free(pc_proto_desk_batch *b);

/* The record as the receiver stores and exports it (a new object, canonical keys). */
json_t *pc_proto_desk_record_json(const char *desk_id, const pc_proto_desk_record *r);

/* ---- the answer (proto_answer.h): acknowledged seqs ---- */

typedef struct pc_proto_desk_answer {
    pc_proto_answer_head head;
    int64_t *acked; /* seqs acknowledged (malloc) */
    size_t n_acked;
} pc_proto_desk_answer;

bool pc_proto_desk_answer_parse(const char *body, size_t len, pc_proto_desk_answer *out, char *err,
                                size_t errsize);
void pc_proto_desk_answer_free(pc_proto_desk_answer *a);

#endif
