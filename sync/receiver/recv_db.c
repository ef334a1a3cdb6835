/* recv_db.c — the department receiver's SQLite store (see recv_db.h). */
#include "recv_db.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

struct pc_recv_db {
    sqlite3 *db;            /* the connection */
    char errmsg[256];       /* last error, for the log */
};

static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=FULL;"
    "CREATE TABLE IF NOT EXISTS submission("
    " seq INTEGER PRIMARY KEY,"
    " receipt_id TEXT NOT NULL UNIQUE,"
    " kiosk_id TEXT NOT NULL,"
    " received_at INTEGER NOT NULL,"
    " source TEXT NOT NULL,"
    " doc TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS idempotency("
    " kiosk_id TEXT NOT NULL,"
    " key TEXT NOT NULL,"
    " body_hash TEXT NOT NULL,"
    " status INTEGER NOT NULL,"
    " answer TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " PRIMARY KEY (kiosk_id, key));";

/* One batch being stored: the statements and what the answer will say. */
typedef struct txn {
    pc_recv_db *d;
    sqlite3_stmt *ins, *who;
    const char *kiosk_id, *source;
    json_t *acked, *rejected;   /* for the answer */
    size_t fresh;               /* rows new to the database */
} txn;

static bool fail(pc_recv_db *d, const char *what);
static bool store_items(txn *t, const pc_proto_batch *batch);
static int store_item(txn *t, const pc_proto_item *it);
static bool save_answer(pc_recv_db *d, const char *kiosk_id, const char *key,
                        const char *hash, const char *answer);

bool pc_recv_db_open(const char *path, pc_recv_db **out, char *err, size_t errsize)
{
    *out = NULL;
    pc_recv_db *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errsize, "out of memory");
        return false;
    }
    int rc = sqlite3_open_v2(path, &d->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(d->db, 5000);
        rc = sqlite3_exec(d->db, schema, NULL, NULL, NULL);
    }
    if (rc != SQLITE_OK) {
        snprintf(err, errsize, "%s: %s", path, d->db ? sqlite3_errmsg(d->db) : "cannot open");
        pc_recv_db_close(d);
        return false;
    }
    *out = d;
    return true;
}

void pc_recv_db_close(pc_recv_db *d)
{
    if (!d)
        return;
    sqlite3_close(d->db);
    free(d);
}

const char *pc_recv_db_errmsg(pc_recv_db *d)
{
    return d->errmsg;
}

pc_recv_idem pc_recv_db_idem_lookup(pc_recv_db *d, const char *kiosk_id, const char *key,
                                    const char *body_hash, int *status, char **answer)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(d->db, "SELECT body_hash, status, answer FROM idempotency"
                           " WHERE kiosk_id = ?1 AND key = ?2", -1, &q, NULL) != SQLITE_OK)
        return fail(d, "idempotency lookup"), PC_RECV_IDEM_ERROR;
    sqlite3_bind_text(q, 1, kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
    pc_recv_idem r = PC_RECV_IDEM_NONE;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        bool same = strcmp((const char *)sqlite3_column_text(q, 0), body_hash) == 0;
        r = same ? PC_RECV_IDEM_SAME : PC_RECV_IDEM_CONFLICT;
        *status = sqlite3_column_int(q, 1);
        *answer = same ? strdup((const char *)sqlite3_column_text(q, 2)) : NULL;
        if (same && !*answer)
            r = PC_RECV_IDEM_ERROR;
    } else if (rc != SQLITE_DONE) {
        r = (fail(d, "idempotency lookup"), PC_RECV_IDEM_ERROR);
    }
    sqlite3_finalize(q);
    return r;
}

char *pc_recv_db_store_batch(pc_recv_db *d, const char *kiosk_id, const char *key,
                             const char *body_hash, const pc_proto_batch *batch,
                             const char *source, size_t *n_new)
{
    txn t = {.d = d, .kiosk_id = kiosk_id, .source = source, .acked = json_array(),
             .rejected = json_array()};
    bool ok = sqlite3_exec(d->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK &&
              store_items(&t, batch);
    char *answer = ok ? pc_proto_answer_encode(key, t.acked, t.rejected, t.fresh) : NULL;
    ok = answer && (!key || save_answer(d, kiosk_id, key, body_hash, answer)) &&
         sqlite3_exec(d->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok) {
        fail(d, "store batch");
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        free(answer);
        answer = NULL;
    }
    if (n_new)
        *n_new = ok ? t.fresh : 0;
    json_decref(t.acked);
    json_decref(t.rejected);
    return answer;
}

/* Inserts the acceptable items; sorts every item into acked or rejected. */
static bool store_items(txn *t, const pc_proto_batch *batch)
{
    bool ok = sqlite3_prepare_v2(t->d->db, "INSERT OR IGNORE INTO submission(receipt_id,"
                                 " kiosk_id, received_at, source, doc)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5)", -1, &t->ins, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(t->d->db, "SELECT kiosk_id FROM submission WHERE receipt_id = ?1",
                           -1, &t->who, NULL) == SQLITE_OK;
    for (size_t i = 0; ok && i < batch->n; i++) {
        const pc_proto_item *it = &batch->items[i];
        int r = it->reject ? 3 : store_item(t, it);
        if (r < 0)
            ok = false;
        else if (r == 1 || r == 2)
            json_array_append_new(t->acked, json_string(it->receipt_id));
        else
            json_array_append_new(t->rejected, json_pack("{s:s?, s:s}", "receipt_id",
                it->receipt_id, "reason",
                it->reject ? it->reject : "receipt id held for another kiosk"));
        t->fresh += r == 1;
    }
    sqlite3_finalize(t->ins);
    sqlite3_finalize(t->who);
    return ok;
}

/* 1 new, 2 already there (same kiosk), 4 held for another kiosk, -1 error. */
static int store_item(txn *t, const pc_proto_item *it)
{
    char *doc = json_dumps(it->doc, JSON_COMPACT | JSON_SORT_KEYS);
    if (!doc)
        return -1;
    sqlite3_reset(t->ins);
    sqlite3_bind_text(t->ins, 1, it->receipt_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(t->ins, 2, t->kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(t->ins, 3, (sqlite3_int64)time(NULL));
    sqlite3_bind_text(t->ins, 4, t->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(t->ins, 5, doc, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(t->ins);
    free(doc);
    if (rc != SQLITE_DONE)
        return -1;
    if (sqlite3_changes(t->d->db) == 1)
        return 1;
    sqlite3_reset(t->who);
    sqlite3_bind_text(t->who, 1, it->receipt_id, -1, SQLITE_STATIC);
    if (sqlite3_step(t->who) != SQLITE_ROW)
        return -1;
    return strcmp((const char *)sqlite3_column_text(t->who, 0), t->kiosk_id) == 0 ? 2 : 4;
}

static bool save_answer(pc_recv_db *d, const char *kiosk_id, const char *key,
                        const char *hash, const char *answer)
{
    sqlite3_stmt *q = NULL;
    bool ok = sqlite3_prepare_v2(d->db, "INSERT INTO idempotency(kiosk_id, key, body_hash,"
                                 " status, answer, created_at) VALUES (?1, ?2, ?3, 200, ?4, ?5)",
                                 -1, &q, NULL) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_text(q, 1, kiosk_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, answer, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 5, (sqlite3_int64)time(NULL));
        ok = sqlite3_step(q) == SQLITE_DONE;
    }
    sqlite3_finalize(q);
    return ok;
}

bool pc_recv_db_count(pc_recv_db *d, size_t *n)
{
    sqlite3_stmt *q = NULL;
    bool ok = sqlite3_prepare_v2(d->db, "SELECT count(*) FROM submission", -1, &q, NULL) ==
              SQLITE_OK && sqlite3_step(q) == SQLITE_ROW;
    *n = ok ? (size_t)sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    return ok || fail(d, "count");
}

bool pc_recv_db_has(pc_recv_db *d, const char *receipt_id)
{
    sqlite3_stmt *q = NULL;
    bool found = sqlite3_prepare_v2(d->db, "SELECT 1 FROM submission WHERE receipt_id = ?1",
                                    -1, &q, NULL) == SQLITE_OK &&
                 sqlite3_bind_text(q, 1, receipt_id, -1, SQLITE_STATIC) == SQLITE_OK &&
                 sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    return found;
}

bool pc_recv_db_list(pc_recv_db *d, FILE *out)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(d->db, "SELECT seq, receipt_id, kiosk_id, received_at, source"
                           " FROM submission ORDER BY seq", -1, &q, NULL) != SQLITE_OK)
        return fail(d, "list");
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        fprintf(out, "%lld %s %s %lld %s\n", (long long)sqlite3_column_int64(q, 0),
                sqlite3_column_text(q, 1), sqlite3_column_text(q, 2),
                (long long)sqlite3_column_int64(q, 3), sqlite3_column_text(q, 4));
    sqlite3_finalize(q);
    return rc == SQLITE_DONE || fail(d, "list");
}

bool pc_recv_db_export(pc_recv_db *d, FILE *out)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(d->db, "SELECT receipt_id, kiosk_id, received_at, source, doc"
                           " FROM submission ORDER BY seq", -1, &q, NULL) != SQLITE_OK)
        return fail(d, "export");
    int rc = SQLITE_DONE;
    bool ok = true;
    while (ok && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_t *doc = json_loads((const char *)sqlite3_column_text(q, 4), 0, NULL);
        json_t *row = json_pack("{s:s, s:s, s:I, s:s, s:o?}", "receipt_id",
            sqlite3_column_text(q, 0), "kiosk_id", sqlite3_column_text(q, 1), "received_at",
            (json_int_t)sqlite3_column_int64(q, 2), "source", sqlite3_column_text(q, 3),
            "submission", doc);
        ok = row && json_dumpf(row, out, JSON_COMPACT) == 0 && fputc('\n', out) != EOF;
        json_decref(row);
    }
    sqlite3_finalize(q);
    return (ok && rc == SQLITE_DONE) || fail(d, "export");
}

static bool fail(pc_recv_db *d, const char *what)
{
    snprintf(d->errmsg, sizeof d->errmsg, "%s: %s", what, sqlite3_errmsg(d->db));
    return false;
}
