/* recv_db.c — the reference receiver's SQLite store (see recv_db.h). */
#include "recv_db.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

struct rdb {
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

static bool fail(rdb *d, const char *what);
static int store_item(rdb *d, sqlite3_stmt *ins, sqlite3_stmt *who, const char *kiosk_id,
                      const pcs_item *it, const char *source);
static bool save_answer(rdb *d, const char *kiosk_id, const char *key, const char *hash,
                        const char *answer);
static char *answer_text(const char *key, json_t *acked, json_t *rejected, size_t n_new);

bool rdb_open(const char *path, rdb **out, char *err, size_t errsize)
{
    *out = NULL;
    rdb *d = calloc(1, sizeof *d);
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
        rdb_close(d);
        return false;
    }
    *out = d;
    return true;
}

void rdb_close(rdb *d)
{
    if (!d)
        return;
    sqlite3_close(d->db);
    free(d);
}

const char *rdb_errmsg(rdb *d)
{
    return d->errmsg;
}

rdb_idem rdb_idem_lookup(rdb *d, const char *kiosk_id, const char *key, const char *body_hash,
                         int *status, char **answer)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(d->db, "SELECT body_hash, status, answer FROM idempotency"
                           " WHERE kiosk_id = ?1 AND key = ?2", -1, &q, NULL) != SQLITE_OK)
        return fail(d, "idempotency lookup"), RDB_IDEM_ERROR;
    sqlite3_bind_text(q, 1, kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
    rdb_idem r = RDB_IDEM_NONE;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        bool same = strcmp((const char *)sqlite3_column_text(q, 0), body_hash) == 0;
        r = same ? RDB_IDEM_SAME : RDB_IDEM_CONFLICT;
        *status = sqlite3_column_int(q, 1);
        *answer = same ? strdup((const char *)sqlite3_column_text(q, 2)) : NULL;
        if (same && !*answer)
            r = RDB_IDEM_ERROR;
    } else if (rc != SQLITE_DONE) {
        r = (fail(d, "idempotency lookup"), RDB_IDEM_ERROR);
    }
    sqlite3_finalize(q);
    return r;
}

char *rdb_store_batch(rdb *d, const char *kiosk_id, const char *key, const char *body_hash,
                      const pcs_batch *batch, const char *source, size_t *n_new)
{
    sqlite3_stmt *ins = NULL, *who = NULL;
    json_t *acked = json_array(), *rejected = json_array();
    size_t fresh = 0;
    bool ok = sqlite3_exec(d->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(d->db, "INSERT OR IGNORE INTO submission(receipt_id, kiosk_id,"
                           " received_at, source, doc) VALUES (?1, ?2, ?3, ?4, ?5)",
                           -1, &ins, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(d->db, "SELECT kiosk_id FROM submission WHERE receipt_id = ?1",
                           -1, &who, NULL) == SQLITE_OK;
    for (size_t i = 0; ok && i < batch->n; i++) {
        const pcs_item *it = &batch->items[i];
        int r = it->reject ? 3 : store_item(d, ins, who, kiosk_id, it, source);
        if (r < 0)
            ok = false;
        else if (r == 1 || r == 2)
            json_array_append_new(acked, json_string(it->receipt_id));
        else
            json_array_append_new(rejected, json_pack("{s:s?, s:s}", "receipt_id", it->receipt_id,
                "reason", it->reject ? it->reject : "receipt id held for another kiosk"));
        fresh += r == 1;
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(who);
    char *answer = ok ? answer_text(key, acked, rejected, fresh) : NULL;
    ok = answer && (!key || save_answer(d, kiosk_id, key, body_hash, answer)) &&
         sqlite3_exec(d->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok) {
        fail(d, "store batch");
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        free(answer);
        answer = NULL;
    }
    if (n_new)
        *n_new = ok ? fresh : 0;
    json_decref(acked);
    json_decref(rejected);
    return answer;
}

/* 1 new, 2 already there (same kiosk), 4 held for another kiosk, -1 error. */
static int store_item(rdb *d, sqlite3_stmt *ins, sqlite3_stmt *who, const char *kiosk_id,
                      const pcs_item *it, const char *source)
{
    char *doc = json_dumps(it->doc, JSON_COMPACT | JSON_SORT_KEYS);
    if (!doc)
        return -1;
    sqlite3_reset(ins);
    sqlite3_bind_text(ins, 1, it->receipt_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(ins, 3, (sqlite3_int64)time(NULL));
    sqlite3_bind_text(ins, 4, source, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 5, doc, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(ins);
    free(doc);
    if (rc != SQLITE_DONE)
        return -1;
    if (sqlite3_changes(d->db) == 1)
        return 1;
    sqlite3_reset(who);
    sqlite3_bind_text(who, 1, it->receipt_id, -1, SQLITE_STATIC);
    if (sqlite3_step(who) != SQLITE_ROW)
        return -1;
    return strcmp((const char *)sqlite3_column_text(who, 0), kiosk_id) == 0 ? 2 : 4;
}

static char *answer_text(const char *key, json_t *acked, json_t *rejected, size_t n_new)
{
    size_t n_acked = json_array_size(acked);
    json_t *a = json_pack("{s:i, s:s, s:O, s:I, s:I, s:O}", "protocol", PCS_PROTOCOL,
                          "idempotency_key", key ? key : "", "acknowledged", acked,
                          "stored_new", (json_int_t)n_new,
                          "already_present", (json_int_t)(n_acked - n_new), "rejected", rejected);
    char *text = a ? json_dumps(a, JSON_COMPACT) : NULL;
    json_decref(a);
    return text;
}

static bool save_answer(rdb *d, const char *kiosk_id, const char *key, const char *hash,
                        const char *answer)
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

bool rdb_count(rdb *d, size_t *n)
{
    sqlite3_stmt *q = NULL;
    bool ok = sqlite3_prepare_v2(d->db, "SELECT count(*) FROM submission", -1, &q, NULL) ==
              SQLITE_OK && sqlite3_step(q) == SQLITE_ROW;
    *n = ok ? (size_t)sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    return ok || fail(d, "count");
}

bool rdb_has(rdb *d, const char *receipt_id)
{
    sqlite3_stmt *q = NULL;
    bool found = sqlite3_prepare_v2(d->db, "SELECT 1 FROM submission WHERE receipt_id = ?1",
                                    -1, &q, NULL) == SQLITE_OK &&
                 sqlite3_bind_text(q, 1, receipt_id, -1, SQLITE_STATIC) == SQLITE_OK &&
                 sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    return found;
}

bool rdb_list(rdb *d, FILE *out)
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

bool rdb_export(rdb *d, FILE *out)
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

static bool fail(rdb *d, const char *what)
{
    snprintf(d->errmsg, sizeof d->errmsg, "%s: %s", what, sqlite3_errmsg(d->db));
    return false;
}
