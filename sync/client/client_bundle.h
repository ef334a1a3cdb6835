/* client_bundle.h — the kiosk's half of offline sync by USB stick: writing a signed
 * bundle of the store's pending submissions, and importing the department's
 * acknowledgement file to mark those submissions synced.
 *
 * Why it exists: a kiosk with no network must still reach the department. The files'
 * format is sync/proto's (proto_envelope.h), the department's half (importing a
 * bundle into its database) is sync/receiver's (recv_bundle.h); this half only knows
 * the kiosk's store. Exporting marks nothing: without an acknowledgement file the rows
 * stay pending and the next bundle or network sync carries them again, harmlessly. */
#ifndef PC_CLIENT_BUNDLE_H
#define PC_CLIENT_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"
#include "store.h"

/* Writes DIR/<kiosk>-<YYYYMMDDTHHMMSSZ>.pcbundle (atomically); path and count out. */
bool pc_client_bundle_export(pc_store *store, const pc_kiosk_key *key, const char *dir, char *path,
                             size_t path_size, size_t *n, char *err, size_t errsize);
/* Verifies the file against the department keyring, checks it names this kiosk, marks
 * the ids synced; *n_marked counts the rows marked. */
bool pc_client_ack_apply(pc_store *store, const char *kiosk_id, const pc_keyring *dept,
                         const char *text, size_t len, size_t *n_marked, char *err, size_t errsize);

#endif
