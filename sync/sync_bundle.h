/* sync_bundle.h — offline sync by USB stick: the kiosk writes a signed bundle of its
 * pending submissions, the department imports it (deduplicated by receipt id, so a
 * bundle imported twice stores nothing twice; a tampered bundle is refused whole),
 * and may hand back a department-signed acknowledgement file that the kiosk imports
 * to mark those submissions synced. Without that file the kiosk keeps them pending
 * and the next bundle or network sync carries them again, harmlessly. */
#ifndef PCS_SYNC_BUNDLE_H
#define PCS_SYNC_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"
#include "recv_db.h"
#include "store.h"

/* Kiosk: writes DIR/<kiosk>-<YYYYMMDDTHHMMSSZ>.pcbundle (atomically); path and count out. */
bool pcs_bundle_export(pc_store *store, const pc_kiosk_key *key, const char *dir,
                       char *path, size_t path_size, size_t *n, char *err, size_t errsize);

typedef struct pcs_import {
    char kiosk_id[PC_KIOSK_ID_MAX + 1];
    size_t n, n_new, n_already, n_rejected;
    json_t *acked;              /* array of receipt ids (owned; pcs_import_free) */
} pcs_import;

/* Department: verifies the bundle against the kiosks' keyring and stores it. */
bool pcs_bundle_import(rdb *db, const pc_keyring *kiosks, const char *text, size_t len,
                       pcs_import *out, char *err, size_t errsize);
void pcs_import_free(pcs_import *imp);

/* Department: an acknowledgement file (text, malloc) for one kiosk. */
char *pcs_ack_make(const pc_kiosk_key *dept, const char *kiosk_id, json_t *acked);
/* Kiosk: verifies the file against the department keyring, checks it names this
 * kiosk, marks the ids synced. */
bool pcs_ack_apply(pc_store *store, const char *kiosk_id, const pc_keyring *dept,
                   const char *text, size_t len, size_t *n_marked, char *err, size_t errsize);

#endif
