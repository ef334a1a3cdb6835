/* desk_packs.h — every version of every policy pack the desk has received.
 *
 * Why it exists: a receipt names its pack by id and version, and staff must see the
 * pre-check re-evaluated with exactly that version even after the department has
 * replaced it. The kiosk's rules directory holds only the current version of each
 * policy (kiosk-sync switches a new one in over the old), so the desk keeps its own
 * copies beside its database, one file a version, never overwritten:
 *
 *   <db>.packs/<id>@<version>.yaml
 *
 * At start the rules directory (--rules) seeds it: each pack whose id and version the
 * directory lacks is copied in (atomically). Then every file there is loaded into one
 * pc_pack_set, looked up by id and version (pc_check_find_pack). */
#ifndef DESK_PACKS_H
#define DESK_PACKS_H

#include <stdbool.h>
#include <stddef.h>

#include "pack.h"

/* "<db_path>.packs" into out. */
void desk_packs_dir(const char *db_path, char *out, size_t size);

/* Creates dir if missing, copies in the packs of rules_dir it lacks, and loads every
 * version it holds into *set. *n_added (may be NULL) counts the copies. false with a
 * one-line reason in err when a pack fails to load or a file cannot be written. */
bool desk_packs_load(const char *dir, const char *rules_dir, pc_pack_set *set, size_t *n_added,
                     char *err, size_t errsize);

#endif
