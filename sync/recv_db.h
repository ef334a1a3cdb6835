/* recv_db.h — the reference receiver's own SQLite database.
 *
 * Why it exists: the department must hold each submission exactly once however often a
 * kiosk retries, and must answer a retried request exactly as it answered the first
 * time. Submissions are keyed by receipt id (INSERT OR IGNORE); the first answer for
 * each (kiosk, Idempotency-Key) is stored with the hash of its body and replayed.
 * synchronous=FULL: a batch is on disk before it is acknowledged. Not thread safe:
 * the HTTP server serialises calls with its own mutex. */
#ifndef PCS_RECV_DB_H
#define PCS_RECV_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sync_wire.h"

typedef struct rdb rdb;

bool rdb_open(const char *path, rdb **out, char *err, size_t errsize);
void rdb_close(rdb *db);

typedef enum { RDB_IDEM_NONE, RDB_IDEM_SAME, RDB_IDEM_CONFLICT, RDB_IDEM_ERROR } rdb_idem;

/* Looks up the stored answer for (kiosk, key). RDB_IDEM_SAME: *status and *answer
 * (malloc'd) are the first answer; RDB_IDEM_CONFLICT: same key, different body. */
rdb_idem rdb_idem_lookup(rdb *db, const char *kiosk_id, const char *key, const char *body_hash,
                         int *status, char **answer);

/* Stores every acceptable item of the batch and, when key is not NULL, the answer
 * under (kiosk, key, body_hash), in one transaction; returns the answer text
 * (malloc'd) or NULL on a database error (then nothing was stored). source says
 * where it came from ("http", "bundle"). *n_new (may be NULL) counts new rows. */
char *rdb_store_batch(rdb *db, const char *kiosk_id, const char *key, const char *body_hash,
                      const pcs_batch *batch, const char *source, size_t *n_new);

/* Rows held, and whether one receipt id is there. */
bool rdb_count(rdb *db, size_t *n);
bool rdb_has(rdb *db, const char *receipt_id);
/* Operators: one line a submission / one JSON object a line (with receipt_id,
 * kiosk_id, received_at, source and the submission as sent). */
bool rdb_list(rdb *db, FILE *out);
bool rdb_export(rdb *db, FILE *out);
const char *rdb_errmsg(rdb *db);

#endif
