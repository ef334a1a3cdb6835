/* client_manifest.h — the nightly pack update: the department's signed manifest
 * (sync/proto/proto_manifest.h) fetched after the submissions, checked, and the set it
 * names switched in as a new generation (client_generation.h).
 *
 * Why it exists: packs, their source texts and the calendar must reach every kiosk
 * without a technician, exactly as the department published them, and never half. The
 * manifest must verify against department_keys and carry a serial above the last one
 * this kiosk accepted (kept in <rules_dir>/manifest-serial): a replayed old manifest is
 * refused, while a new serial naming an older pack version (a rollback) is taken. Files
 * whose SHA-256 the live set already has are copied from it; the others are fetched by
 * hash (GET /v1/files/<sha256>) and each hash is checked. Every pack is loaded and
 * linted against the sources beside it before the switch. Any refusal leaves the live
 * set as it was, byte for byte. */
#ifndef PC_CLIENT_MANIFEST_H
#define PC_CLIENT_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "client_config.h"
#include "client_http.h"
#include "keys.h"

#define PC_CLIENT_MANIFEST_SERIAL_FILE "manifest-serial"

typedef enum {
    PC_CLIENT_MANIFEST_SWITCHED, /* a new generation is live */
    PC_CLIENT_MANIFEST_CURRENT,  /* this serial is the one in place: nothing to do */
    PC_CLIENT_MANIFEST_NONE,     /* the receiver publishes no manifest (404) */
    PC_CLIENT_MANIFEST_TEMP,     /* no answer, 5xx: next night */
    PC_CLIENT_MANIFEST_REFUSED,  /* signature, replay, hash, load or lint: kept the old */
    PC_CLIENT_MANIFEST_IO        /* the rules directory cannot be written */
} pc_client_manifest_result;

typedef struct pc_client_manifest_stats {
    int64_t serial;         /* the manifest's serial (0: none read) */
    size_t fetched, reused; /* files downloaded, files copied from the live set */
    char generation[64];    /* "generations/<n>" when switched */
} pc_client_manifest_stats;

/* One update over http; why (never NULL) says what failed. */
pc_client_manifest_result pc_client_manifest_update(const pc_client_config *cfg,
                                                    const pc_keyring *dept, pc_client_http *http,
                                                    FILE *log, pc_client_manifest_stats *stats,
                                                    char *why, size_t whysize);
/* The last serial this kiosk accepted (0: none). */
int64_t pc_client_manifest_serial(const char *rules_dir);

#endif
