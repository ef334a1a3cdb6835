/* recv_db.h — the department receiver's own SQLite database.
 *
 * Why it exists: the department must hold each submission exactly once however often a
 * kiosk retries, and must answer a retried request exactly as it answered the first
 * time. Submissions are keyed by receipt id (INSERT OR IGNORE); the first answer for
 * each (kiosk, Idempotency-Key) is stored with the hash of its body and replayed.
 * synchronous=FULL: a batch is on disk before it is acknowledged. Not thread safe:
 * the HTTP server serialises calls with its own mutex. This is the one file to replace
 * for another database (sync/README.md, "PostgreSQL instead of SQLite"). */
#ifndef PC_RECV_DB_H
#define PC_RECV_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "proto_json.h"

typedef struct pc_recv_db pc_recv_db;

bool pc_recv_db_open(const char *path, pc_recv_db **out, char *err, size_t errsize);
void pc_recv_db_close(pc_recv_db *db);

typedef enum {
    PC_RECV_IDEM_NONE,          /* key not seen */
    PC_RECV_IDEM_SAME,          /* seen with the same body: replay */
    PC_RECV_IDEM_CONFLICT,      /* seen with another body */
    PC_RECV_IDEM_ERROR
} pc_recv_idem;

/* Looks up the stored answer for (kiosk, key). PC_RECV_IDEM_SAME: *status and *answer
 * (malloc'd) are the first answer. */
pc_recv_idem pc_recv_db_idem_lookup(pc_recv_db *db, const char *kiosk_id, const char *key,
                                    const char *body_hash, int *status, char **answer);

/* Stores every acceptable item of the batch and, when key is not NULL, the answer
 * under (kiosk, key, body_hash), in one transaction; returns the answer text
 * (malloc'd) or NULL on a database error (then nothing was stored). source says
 * where it came from ("http", "bundle"). *n_new (may be NULL) counts new rows. */
char *pc_recv_db_store_batch(pc_recv_db *db, const char *kiosk_id, const char *key,
                             const char *body_hash, const pc_proto_batch *batch,
                             const char *source, size_t *n_new);

/* Rows held, and whether one receipt id is there. */
bool pc_recv_db_count(pc_recv_db *db, size_t *n);
bool pc_recv_db_has(pc_recv_db *db, const char *receipt_id);
/* Operators: one line a submission / one JSON object a line (with receipt_id,
 * kiosk_id, received_at, source and the submission as sent). */
bool pc_recv_db_list(pc_recv_db *db, FILE *out);
bool pc_recv_db_export(pc_recv_db *db, FILE *out);
const char *pc_recv_db_errmsg(pc_recv_db *db);

#endif
