/* proto_wire.h — the bytes of the sync protocol (sync/PROTOCOL.md) that the kiosk's
 * client and the department's receiver must agree on: the protocol's numbers, paths
 * and headers, the canonical strings that are signed (requests, answers, pack files),
 * Ed25519 signing and verifying, SHA-256 body hashes, and the small validators of
 * receipt ids, Idempotency-Keys and timestamps.
 *
 * Why it exists: if client and receiver built these separately, one byte of difference
 * would turn every request into a 401. It is the bottom of sync/proto, shared by both
 * sides, so it knows neither libcurl nor libmicrohttpd, neither the kiosk's store nor
 * the receiver's database. All crypto goes through libsodium. Errors are values. */
#ifndef PC_PROTO_WIRE_H
#define PC_PROTO_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "keys.h"

#define PC_PROTO_VERSION 1 /* "protocol" in every body */
#define PC_PROTO_PATH_SUBMIT "/v1/submissions"
#define PC_PROTO_PATH_PACKS "/v1/packs/"
#define PC_PROTO_HDR_KIOSK "X-PC-Kiosk"
#define PC_PROTO_HDR_TIME "X-PC-Timestamp"
#define PC_PROTO_HDR_SIG "X-PC-Signature"
#define PC_PROTO_HDR_SIGNER "X-PC-Signer"
#define PC_PROTO_HDR_IDEM "Idempotency-Key"
#define PC_PROTO_HDR_BODY_HASH                                                                     \
    "X-PC-Body-SHA256"                /* optional: lets the receiver check
                                                      the signature before the body */
#define PC_PROTO_HASH_HEX 65          /* SHA-256 as hex + NUL */
#define PC_PROTO_SIG_B64 89           /* 64 bytes as padded base64 + NUL */
#define PC_PROTO_IDEM_MAX 64          /* [A-Za-z0-9_-]{16,64} */
#define PC_PROTO_MAX_BATCH 1000       /* submissions a request */
#define PC_PROTO_MAX_BODY (16u << 20) /* bytes a request or bundle-part */
#define PC_PROTO_WINDOW_DEFAULT 300   /* seconds of clock skew accepted */
#define PC_PROTO_MSG_MAX 512

/* ---- bodies ---- */

/* A body arriving in pieces (an upload at the receiver, an answer at the client),
 * NUL-terminated, never larger than PC_PROTO_MAX_BODY. */
typedef struct pc_proto_buffer {
    char *data; /* NULL until the first piece */
    size_t len, cap;
} pc_proto_buffer;

/* Appends n bytes; false (the buffer unchanged) when it would pass PC_PROTO_MAX_BODY
 * or memory runs out. */
bool pc_proto_buffer_append(pc_proto_buffer *b, const void *data, size_t n);
void pc_proto_body_hash(const void *body, size_t len, char hex[PC_PROTO_HASH_HEX]);

/* ---- signed strings, signing ---- */

/* "pc-sync/1\n<METHOD>\n<path>\n<kiosk>\n<ts>\n<idem>\n<sha256 hex of body>" */
bool pc_proto_request_message(char *out, size_t size, const char *method, const char *path,
                              const char *kiosk_id, int64_t ts, const char *idem,
                              const char *body_hash);
/* "pc-sync-answer/1\n<status>\n<ts>\n<request signature>\n<sha256 hex of body>" */
bool pc_proto_answer_message(char *out, size_t size, int status, int64_t ts,
                             const char *request_sig, const char *body_hash);
void pc_proto_sign(const unsigned char sk[crypto_sign_SECRETKEYBYTES], const void *msg, size_t len,
                   char sig_b64[PC_PROTO_SIG_B64]);
bool pc_proto_verify(const unsigned char pk[crypto_sign_PUBLICKEYBYTES], const void *msg,
                     size_t len, const char *sig_b64);
/* True when any key of the ring verifies (the department may rotate keys). */
bool pc_proto_verify_any(const pc_keyring *ring, const void *msg, size_t len, const char *sig_b64);

/* A pack's detached signature file: one line, the base64 signature of
 * "pc-pack/1\n" followed by the pack file's bytes (department side). */
void pc_proto_pack_sign(const pc_kiosk_key *dept, const void *pack, size_t len, char *sig_text,
                        size_t sig_size);
/* True when a key of the department's ring signed exactly these bytes (kiosk side). */
bool pc_proto_pack_verify(const pc_keyring *dept, const void *pack, size_t len,
                          const char *sig_text);

/* ---- small validators ---- */

bool pc_proto_receipt_id_ok(const char *id); /* canonical, check character right */
bool pc_proto_idem_ok(const char *key);
bool pc_proto_timestamp_parse(const char *text, int64_t *out);
void pc_proto_idem_new(char out[PC_PROTO_IDEM_MAX + 1]); /* 32 random hex characters */
/* Dotted versions compare number by number ("2026.11.10" > "2026.11.9"): <0, 0, >0. */
int pc_proto_version_cmp(const char *a, const char *b);

#endif
