/* sync_wire.h — the pieces of the sync protocol (sync/PROTOCOL.md) that the kiosk's
 * client and the department's receiver must agree on byte for byte: the canonical
 * strings that are signed, the batch request and its answer as JSON, and the signed
 * envelope used for offline bundles and acknowledgement files.
 *
 * Why it exists: if client and receiver built these separately, one space of difference
 * would turn every request into a 401. All JSON goes through jansson and all crypto
 * through libsodium (Ed25519 signatures, SHA-256 body hashes). Parsers here read
 * outside input and have fuzz targets (tests/sync/fuzz_*.c). Errors are values. */
#ifndef PCS_SYNC_WIRE_H
#define PCS_SYNC_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <sodium.h>

#include "keys.h"
#include "store.h"

#define PCS_PROTOCOL 1
#define PCS_PATH_SUBMIT "/v1/submissions"
#define PCS_PATH_PACKS "/v1/packs/"
#define PCS_HDR_KIOSK "X-PC-Kiosk"
#define PCS_HDR_TIME "X-PC-Timestamp"
#define PCS_HDR_SIG "X-PC-Signature"
#define PCS_HDR_SIGNER "X-PC-Signer"
#define PCS_HDR_IDEM "Idempotency-Key"
#define PCS_HASH_HEX 65                 /* SHA-256 as hex + NUL */
#define PCS_SIG_B64 89                  /* 64 bytes as padded base64 + NUL */
#define PCS_IDEM_MAX 64                 /* [A-Za-z0-9_-]{16,64} */
#define PCS_MAX_BATCH 1000              /* submissions a request */
#define PCS_MAX_BODY (16u << 20)        /* bytes a request or bundle-part */
#define PCS_WINDOW_DEFAULT 300          /* seconds of clock skew accepted */
#define PCS_MSG_MAX 512

#define PCS_FORMAT_BUNDLE "pc-bundle/1"
#define PCS_FORMAT_ACK "pc-ack/1"

/* ---- hashing and signing ---- */

void pcs_body_hash(const void *body, size_t len, char hex[PCS_HASH_HEX]);

/* A body arriving in pieces (an upload at the receiver, an answer at the client),
 * NUL-terminated, never larger than PCS_MAX_BODY. */
typedef struct pcs_buffer {
    char *data;                     /* NULL until the first piece */
    size_t len, cap;
} pcs_buffer;

/* Appends n bytes; false (the buffer unchanged) when it would pass PCS_MAX_BODY or
 * memory runs out. */
bool pcs_buffer_append(pcs_buffer *b, const void *data, size_t n);
/* "pc-sync/1\n<METHOD>\n<path>\n<kiosk>\n<ts>\n<idem>\n<sha256 hex of body>" */
bool pcs_request_message(char *out, size_t size, const char *method, const char *path,
                         const char *kiosk_id, int64_t ts, const char *idem,
                         const char *body_hash);
/* "pc-sync-answer/1\n<status>\n<ts>\n<request signature>\n<sha256 hex of body>" */
bool pcs_answer_message(char *out, size_t size, int status, int64_t ts, const char *request_sig,
                        const char *body_hash);
void pcs_sign(const unsigned char sk[crypto_sign_SECRETKEYBYTES], const void *msg, size_t len,
              char sig_b64[PCS_SIG_B64]);
bool pcs_verify(const unsigned char pk[crypto_sign_PUBLICKEYBYTES], const void *msg, size_t len,
                const char *sig_b64);
/* True when any key of the ring verifies (packs: the department may rotate keys). */
bool pcs_verify_any(const pc_keyring *ring, const void *msg, size_t len, const char *sig_b64);

/* ---- small validators ---- */

bool pcs_receipt_id_ok(const char *id);      /* canonical, check character right */
bool pcs_idem_ok(const char *key);
bool pcs_timestamp_parse(const char *text, int64_t *out);
void pcs_idem_new(char out[PCS_IDEM_MAX + 1]);   /* 32 random hex characters */

/* ---- the batch request: {"protocol":1,"kiosk_id":…,"submissions":[…]} ---- */

/* New body text (malloc) for the submissions array (pc_store_list_unsynced). */
char *pcs_batch_encode(const char *kiosk_id, json_t *submissions, size_t *len);

typedef struct pcs_item {
    const char *receipt_id;     /* into doc; NULL when the item has none */
    json_t *doc;                /* borrowed from the batch root */
    const char *reject;         /* NULL: acceptable; else why it is refused */
} pcs_item;

typedef struct pcs_batch {
    json_t *root;               /* the parsed body (owned) */
    pcs_item *items;            /* one per submission */
    size_t n;
} pcs_batch;

/* Parses and checks a request body for the kiosk that signed it. Envelope problems
 * (not JSON, wrong protocol, no array, too many items) return false with err; each
 * item that is wrong (no or bad receipt id, another kiosk's, not an object) gets a
 * reject reason and the rest can still be stored. */
bool pcs_batch_parse(const char *body, size_t len, const char *kiosk_id, pcs_batch *out,
                     char *err, size_t errsize);
/* The same from a parsed root (reference stolen, also on failure); max: item limit. */
bool pcs_batch_from_json(json_t *root, const char *kiosk_id, size_t max, pcs_batch *out,
                         char *err, size_t errsize);
void pcs_batch_free(pcs_batch *b);

/* ---- the answer: {"protocol":1,"idempotency_key":…,"acknowledged":[…],
 *      "stored_new":n,"already_present":n,"rejected":[{"receipt_id","reason"}]} ---- */

typedef struct pcs_answer {
    json_t *root;               /* owned */
    const char **acked;         /* receipt ids, into root */
    size_t n_acked;
    size_t n_rejected;
    json_int_t stored_new, already_present;
    const char *idem;           /* into root */
} pcs_answer;

bool pcs_answer_parse(const char *body, size_t len, pcs_answer *out, char *err, size_t errsize);
void pcs_answer_free(pcs_answer *a);

/* ---- signed envelopes (offline bundles, acknowledgement files) ----
 * {"format":F,"signer":ID,"payload":"<JSON text>","signature":B64} where the
 * signature covers "F\nID\n<payload text>". */

char *pcs_envelope_seal(const char *format, const pc_kiosk_key *key, json_t *payload);
/* Checks format, finds the signer in ring, verifies, then parses the payload. Returns
 * the payload (new reference) and copies the signer id; NULL with err otherwise. */
json_t *pcs_envelope_open(const char *text, size_t len, const char *format,
                          const pc_keyring *ring, char signer[PC_KIOSK_ID_MAX + 1],
                          char *err, size_t errsize);

#endif
