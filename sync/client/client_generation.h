/* client_generation.h — writing a new generation of the rules directory and switching
 * the kiosk to it in one step (app/core/rules_live.h describes the layout).
 *
 * Why it exists: the kiosk must never see a half-written set of packs, and a run killed
 * at any instant must leave either the old set or the new one, plus temp files that the
 * next run removes. A generation is written into generations/.tmp-XXXXXX (every file
 * fsynced), checked there as the kiosk would read it (every pack loads and passes lint
 * against the source texts beside it; the calendar loads), renamed to generations/<n>,
 * and only then is `current` pointed at it (a new link renamed over the old, the
 * directory fsynced). The generation that was live before is kept (it is what a local
 * rollback goes back to); older ones are removed. Both the nightly manifest
 * (client_manifest.h) and pack-import/pack-fetch (client_pack.h) build through here. */
#ifndef PC_CLIENT_GENERATION_H
#define PC_CLIENT_GENERATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "client_config.h"

/* A generation being written. */
typedef struct pc_client_generation {
    char rules_dir[PC_CLIENT_PATH_MAX];
    char live[PC_CLIENT_PATH_MAX + 16]; /* where the kiosk reads now (rules_live.h) */
    char tmp[PC_CLIENT_PATH_MAX + 64];  /* generations/.tmp-XXXXXX, "" when none */
    char previous[64];                  /* the live generation's name, "" when flat */
} pc_client_generation;

/* What a generation's generation.json says. */
typedef struct pc_client_generation_info {
    int64_t serial;    /* the manifest's serial; a pack-import keeps its base's */
    char origin[16];   /* "manifest", "pack-import" */
    char previous[64]; /* the generation live before this one */
} pc_client_generation_info;

/* Removes what a killed run left (temp generations, temp links, temp files); *removed
 * counts them (may be NULL). Never touches a complete generation. */
void pc_client_generation_clean(const char *rules_dir, size_t *removed);
/* Cleans, then starts an empty generation. */
bool pc_client_generation_begin(pc_client_generation *g, const char *rules_dir, char *err,
                                size_t errsize);
/* Writes one file ("x.yaml", "sources/x.txt", "calendar/x.json"), fsynced. */
bool pc_client_generation_put(pc_client_generation *g, const char *path, const void *data,
                              size_t len, char *err, size_t errsize);
/* Reads a file of the live set (malloc, NUL-terminated); NULL when it has none. */
char *pc_client_generation_live_read(const pc_client_generation *g, const char *path, size_t *len);
/* Copies every pack, source text and calendar file of the live set except skip_pack
 * ("<id>.yaml", may be NULL). */
bool pc_client_generation_copy_live(pc_client_generation *g, const char *skip_pack, char *err,
                                    size_t errsize);
/* Loads every pack (and lints it, lint's lines to log) and the calendar, as the kiosk
 * will. False with the first problem in err. */
bool pc_client_generation_check(pc_client_generation *g, FILE *log, char *err, size_t errsize);
/* Writes generation.json, renames the generation into place, switches `current`,
 * removes generations older than the previous one; *name gets "generations/<n>". */
bool pc_client_generation_commit(pc_client_generation *g, const pc_client_generation_info *info,
                                 char *name, size_t name_size, char *err, size_t errsize);
/* Removes the unfinished generation (after a refusal). */
void pc_client_generation_abort(pc_client_generation *g);
/* The live generation's generation.json; false (info zeroed) when flat or unreadable. */
bool pc_client_generation_info_load(const char *rules_dir, pc_client_generation_info *info);
/* Points `current` back at the previous generation (kiosk-sync pack-rollback). */
bool pc_client_generation_rollback(const char *rules_dir, char *name, size_t name_size, char *err,
                                   size_t errsize);

#endif
