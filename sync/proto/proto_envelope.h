/* proto_envelope.h — the signed files that travel by USB stick (sync/PROTOCOL.md,
 * "Offline bundles"): the kiosk's bundle of pending submissions (pc-bundle/1) and the
 * department's acknowledgement file (pc-ack/1), both in one envelope
 * {"format":F,"signer":ID,"payload":"<JSON text>","signature":B64} whose signature
 * covers "F\nID\n<payload text>".
 *
 * Why it exists: both sides write one of these files and read the other, so the
 * format lives here once; what each side does with the contents (read the kiosk's
 * store, store into the receiver's database, mark rows synced) lives in sync/client
 * and sync/receiver. The payload is kept as text so that the signed bytes are the
 * bytes in the file. The reader has a fuzz target (tests/sync/fuzz_sync_bundle.c). */
#ifndef PC_PROTO_ENVELOPE_H
#define PC_PROTO_ENVELOPE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "keys.h"
#include "proto_json.h"

#define PC_PROTO_FORMAT_BUNDLE "pc-bundle/1"
#define PC_PROTO_FORMAT_ACK "pc-ack/1"

/* ---- any envelope ---- */

/* The envelope's text (malloc) for payload, signed by key. */
char *pc_proto_envelope_seal(const char *format, const pc_kiosk_key *key, json_t *payload);
/* Checks format, finds the signer in ring, verifies, then parses the payload. Returns
 * the payload (new reference) and copies the signer id; NULL with err otherwise. */
json_t *pc_proto_envelope_open(const char *text, size_t len, const char *format,
                               const pc_keyring *ring, char signer[PC_KIOSK_ID_MAX + 1], char *err,
                               size_t errsize);

/* ---- bundles: kiosk to department ---- */

/* The bundle's text (malloc) for submissions (borrowed), exported at stamp
 * ("YYYYMMDDTHHMMSSZ"), signed by the kiosk's key. */
char *pc_proto_bundle_seal(const pc_kiosk_key *key, json_t *submissions, const char *stamp);
/* Verifies a bundle against the kiosks' keyring and reads its submissions as one
 * batch (no item limit) of the signing kiosk, whose id goes to signer. */
bool pc_proto_bundle_open(const char *text, size_t len, const pc_keyring *kiosks,
                          char signer[PC_KIOSK_ID_MAX + 1], pc_proto_batch *out, char *err,
                          size_t errsize);

/* ---- acknowledgement files: department to kiosk ---- */

/* The acknowledgement's text (malloc) for one kiosk; acked (borrowed) holds ids. */
char *pc_proto_ack_seal(const pc_kiosk_key *dept, const char *kiosk_id, json_t *acked);

typedef struct pc_proto_ack {
    json_t *root;     /* the payload (owned) */
    const char **ids; /* receipt ids, into root */
    size_t n;
} pc_proto_ack;

/* Verifies the file against the department keyring and checks that it names kiosk_id
 * and holds only receipt ids; false with err otherwise. */
bool pc_proto_ack_open(const char *text, size_t len, const pc_keyring *dept, const char *kiosk_id,
                       pc_proto_ack *out, char *err, size_t errsize);
void pc_proto_ack_free(pc_proto_ack *ack);

#endif
