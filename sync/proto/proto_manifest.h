/* proto_manifest.h — the department's pack manifest (sync/PROTOCOL.md, "Pack rollout"):
 * which pack versions are in force, with the source texts they quote and the holiday
 * calendar, each file by name and SHA-256, under a serial that only ever grows.
 *
 * Why it exists: the kiosk must switch to a set of packs that the department chose as a
 * whole, never to a mix, and must refuse an old manifest replayed to it while still
 * accepting an older pack version that the department rolled back to. So the anti-replay
 * is on the manifest's serial, not on pack versions. The manifest travels in the sync's
 * signed envelope (proto_envelope.h) with the format "pc-manifest/1", signed by a
 * department key; the receiver writes it, the kiosk reads it, and both use this file.
 * The reader checks every name (no path leaves the generation directory) and every
 * hash's form; it reads outside input. Errors are values. */
#ifndef PC_PROTO_MANIFEST_H
#define PC_PROTO_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "keys.h"
#include "proto_wire.h"

#define PC_PROTO_FORMAT_MANIFEST "pc-manifest/1"
#define PC_PROTO_PATH_MANIFEST "/v1/manifest"
#define PC_PROTO_PATH_FILES "/v1/files/"       /* + the file's SHA-256 in hex */
#define PC_PROTO_MANIFEST_MAX_FILES 512        /* files a manifest may name */
#define PC_PROTO_MANIFEST_MAX_BYTES (1u << 20) /* the envelope's size */
#define PC_PROTO_MANIFEST_FILE_MAX (8u << 20)  /* one pack, source or calendar file */

/* What a file is for; its path in a generation says the same: "<id>.yaml",
 * "sources/<name>", "calendar/<name>". */
typedef enum {
    PC_PROTO_MANIFEST_PACK,
    PC_PROTO_MANIFEST_SOURCE,
    PC_PROTO_MANIFEST_CALENDAR
} pc_proto_manifest_kind;

typedef struct pc_proto_manifest_file {
    pc_proto_manifest_kind kind;
    const char *path;               /* relative to the generation (into root) */
    char sha256[PC_PROTO_HASH_HEX]; /* lowercase hex */
    const char *id, *version;       /* packs only (into root); NULL otherwise */
} pc_proto_manifest_file;

typedef struct pc_proto_manifest {
    json_t *root;                  /* the payload (owned) */
    int64_t serial;                /* 1, 2, …: a kiosk refuses one not above what it has */
    int64_t published_at;          /* Unix seconds, the department's clock */
    int64_t rollback_of;           /* 0, or the serial whose content this one republishes */
    pc_proto_manifest_file *files; /* packs first, then sources, then calendar */
    size_t n_files, n_packs;
    char signer[PC_KIOSK_ID_MAX + 1];
} pc_proto_manifest;

/* 64 lowercase hex digits. */
bool pc_proto_sha256_ok(const char *hex);
/* A file name (one path element) a manifest may use: [A-Za-z0-9._-], no leading dot. */
bool pc_proto_manifest_name_ok(const char *name);

/* The envelope's text (malloc) for a payload made by the receiver
 * {"protocol":1,"serial":…,"published_at":…,"rollback_of":…,"packs":[…],
 *  "sources":[…],"calendar":[…]}, signed by the department key. */
char *pc_proto_manifest_seal(const pc_kiosk_key *dept, json_t *payload);
/* Verifies the envelope against the department ring, then reads and checks the payload.
 * False with err (and *out empty) otherwise. */
bool pc_proto_manifest_open(const char *text, size_t len, const pc_keyring *dept,
                            pc_proto_manifest *out, char *err, size_t errsize);
/* Reads and checks a payload (reference stolen, also on failure). */
bool pc_proto_manifest_from_json(json_t *payload, pc_proto_manifest *out, char *err,
                                 size_t errsize);
const pc_proto_manifest_file *pc_proto_manifest_find(const pc_proto_manifest *m, const char *path);
void pc_proto_manifest_free(pc_proto_manifest *m);

#endif
