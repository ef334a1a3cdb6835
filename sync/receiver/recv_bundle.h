/* recv_bundle.h — the department's half of offline sync by USB stick: importing a
 * kiosk's signed bundle into the receiver's database.
 *
 * Why it exists: a bundle must be stored exactly as a batch sent over the network
 * would be (deduplicated by receipt id, so a bundle imported twice stores nothing
 * twice; a tampered bundle is refused whole). The file's format is sync/proto's
 * (proto_envelope.h, which also makes the acknowledgement file handed back); the
 * kiosk's half is sync/client's (client_bundle.h); this half only knows the
 * receiver's store (recv_store.h, either backend). */
#ifndef PC_RECV_BUNDLE_H
#define PC_RECV_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "keys.h"
#include "recv_store.h"

typedef struct pc_recv_import {
    char kiosk_id[PC_KIOSK_ID_MAX + 1];
    size_t n, n_new, n_already, n_rejected;
    json_t *acked; /* array of receipt ids (owned; pc_recv_import_free) */
} pc_recv_import;

/* Verifies the bundle against the kiosks' keyring and stores it. */
bool pc_recv_bundle_import(pc_recv_store *db, const pc_keyring *kiosks, const char *text,
                           size_t len, pc_recv_import *out, char *err, size_t errsize);
void pc_recv_import_free(pc_recv_import *imp);

#endif
