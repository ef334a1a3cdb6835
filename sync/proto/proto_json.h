/* proto_json.h — the bodies of the sync protocol (sync/PROTOCOL.md) as JSON: the batch
 * request {"protocol":1,"kiosk_id":…,"submissions":[…]}, its answer
 * {"protocol":1,"idempotency_key":…,"acknowledged":[…],"stored_new":n,
 * "already_present":n,"rejected":[{"receipt_id","reason"}]} and the error body
 * {"protocol":1,"error":…,"message":…}, each with its encoder and its parser.
 *
 * Why it exists: the client encodes batches and parses answers, the receiver does the
 * opposite; one file holds both halves so that they cannot drift apart. All JSON goes
 * through jansson. The parsers read outside input and have fuzz targets
 * (tests/sync/fuzz_sync_request.c, fuzz_sync_answer.c). Errors are values. */
#ifndef PC_PROTO_JSON_H
#define PC_PROTO_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "proto_answer.h"
#include "proto_wire.h"

/* ---- the batch request ---- */

/* New body text (malloc) for the submissions array (pc_store_list_unsynced). */
char *pc_proto_batch_encode(const char *kiosk_id, json_t *submissions, size_t *len);
/* The same body around the array's JSON text as the store makes it
 * (pc_store_list_unsynced_text), which goes in as it is: the sync's hot path. */
char *pc_proto_batch_encode_text(const char *kiosk_id, const char *submissions, size_t n,
                                 size_t *len);

typedef struct pc_proto_item {
    const char *receipt_id; /* into doc; NULL when the item has none */
    json_t *doc;            /* borrowed from the batch root */
    const char *reject;     /* NULL: acceptable; else why it is refused */
} pc_proto_item;

typedef struct pc_proto_batch {
    json_t *root;         /* the parsed body (owned) */
    pc_proto_item *items; /* one per submission */
    size_t n;
} pc_proto_batch;

/* Parses and checks a request body for the kiosk that signed it. Envelope problems
 * (not JSON, wrong protocol, no array, too many items) return false with err; each
 * item that is wrong (no or bad receipt id, another kiosk's, not an object) gets a
 * reject reason and the rest can still be stored. */
bool pc_proto_batch_parse(const char *body, size_t len, const char *kiosk_id, pc_proto_batch *out,
                          char *err, size_t errsize);
/* The same from a parsed root (reference stolen, also on failure); max: item limit. */
bool pc_proto_batch_from_json(json_t *root, const char *kiosk_id, size_t max, pc_proto_batch *out,
                              char *err, size_t errsize);
void pc_proto_batch_free(pc_proto_batch *b);
/* What every signed body must be: JSON, an object, "protocol":1, and root[id_key] the
 * signer's id (else the message mismatch). NULL when it is; else why not. */
const char *pc_proto_signed_why(json_t *root, const char *id_key, const char *id,
                                const char *mismatch);
/* The same for a kiosk's body: "kiosk_id" the signing kiosk. */
const char *pc_proto_envelope_why(json_t *root, const char *kiosk_id);

/* ---- the answer (proto_answer.h): acknowledged receipt ids ---- */

typedef struct pc_proto_answer {
    pc_proto_answer_head head;
    const char **acked; /* receipt ids, into head.root */
    size_t n_acked;
} pc_proto_answer;

bool pc_proto_answer_parse(const char *body, size_t len, pc_proto_answer *out, char *err,
                           size_t errsize);
void pc_proto_answer_free(pc_proto_answer *a);

/* ---- errors ---- */

/* New error body text (malloc), NULL when memory runs out. */
char *pc_proto_error_encode(const char *code, const char *message);

#endif
