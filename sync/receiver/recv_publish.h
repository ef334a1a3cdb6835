/* recv_publish.h — the department's published store of packs: signed manifests and the
 * files they name (sync/PROTOCOL.md, "Pack rollout").
 *
 * Why it exists: the department decides which pack versions are in force, with their
 * source texts and the holiday calendar, and every kiosk must get exactly that set. An
 * operator publishes a directory laid out like rules/ (`receiver publish`): each pack is
 * loaded and linted there, then the packs, the source texts they quote and the calendar
 * are copied into the store under their SHA-256 (files/<sha256>, with a pc-pack/1
 * signature beside each pack for pack-fetch) and a manifest with the next serial is
 * signed and written last (manifests/<serial>.pcmanifest; earlier ones are kept). A
 * rollback republishes an earlier manifest's content under a new serial, so kiosks take
 * it although it names older versions. The server (recv_server.c) serves from the store
 * only what a signed manifest names: the latest manifest, files by hash (the bytes
 * checked against their name), and packs and their signatures by the name the latest
 * manifest gives them. */
#ifndef PC_RECV_PUBLISH_H
#define PC_RECV_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "keys.h"

/* Publishes packs_dir as the next serial; *serial gets it. Lint's lines go to log. */
bool pc_recv_publish(const char *store, const char *packs_dir, const pc_kiosk_key *dept, FILE *log,
                     int64_t *serial, char *err, size_t errsize);
/* Republishes manifest `to` as the next serial. */
bool pc_recv_rollback(const char *store, int64_t to, const pc_kiosk_key *dept, int64_t *serial,
                      char *err, size_t errsize);
/* The newest serial in the store, 0 when none. */
int64_t pc_recv_published_serial(const char *store);

/* What the server hands out (malloc, NUL-terminated; NULL: not published). */
char *pc_recv_published_manifest(const char *store, size_t *len);
/* A file by its SHA-256, only when its bytes still have that hash. */
char *pc_recv_published_file(const char *store, const char *sha256, size_t *len);
/* A pack ("<id>.yaml") or its signature ("<id>.yaml.sig") named by the latest manifest. */
char *pc_recv_published_pack(const char *store, const char *name, size_t *len);
/* The latest manifest's packs as [{"id","version"}] (new reference), NULL when none:
 * what the console's fleet compares each kiosk against. */
json_t *pc_recv_published_versions(const char *store);

#endif
