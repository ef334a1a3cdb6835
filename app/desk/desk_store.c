/* desk_store.c — the desk's SQLite file (see desk_store.h): schema, migration, and one
 * short statement a call. Values are bound with a type string ("s" text, "i" int64)
 * so that each call is its SQL and its arguments, nothing else. */
#include "desk_store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#define SCHEMA_VERSION 2

struct desk_store {
    sqlite3 *db;      /* the open file */
    char errmsg[256]; /* the last failure, for the log */
};

static const char schema_v1[] =
    "CREATE TABLE clerk (id TEXT PRIMARY KEY, pin_hash TEXT NOT NULL,"
    " failed INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0,"
    " created_at INTEGER NOT NULL);"
    "CREATE TABLE session (token_hash TEXT PRIMARY KEY,"
    " clerk_id TEXT NOT NULL REFERENCES clerk(id) ON DELETE CASCADE, csrf TEXT NOT NULL,"
    " created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL);"
    "CREATE TABLE receipt (receipt_id TEXT PRIMARY KEY, text TEXT NOT NULL,"
    " first_seen INTEGER NOT NULL);"
    "CREATE TABLE event (seq INTEGER PRIMARY KEY AUTOINCREMENT, receipt_id TEXT NOT NULL,"
    " action TEXT NOT NULL, clerk_id TEXT NOT NULL, at INTEGER NOT NULL,"
    " verdict TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',"
    " materials TEXT NOT NULL DEFAULT '[]', synced_at INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX event_receipt ON event(receipt_id, seq);"
    "CREATE INDEX event_at ON event(at);"
    "PRAGMA user_version = 1;";

/* 2: each clerk's last sign-in (clerk-list); when retention wiped a receipt's answers or
 * an event's reason; help requests from kiosks, each (kiosk, at) once. */
static const char schema_v2[] =
    "ALTER TABLE clerk ADD COLUMN last_sign_in INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE receipt ADD COLUMN wiped_at INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE event ADD COLUMN wiped_at INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE help (seq INTEGER PRIMARY KEY AUTOINCREMENT, kiosk_id TEXT NOT NULL,"
    " at INTEGER NOT NULL, screen TEXT NOT NULL, received_at INTEGER NOT NULL,"
    " acked_by TEXT NOT NULL DEFAULT '', acked_at INTEGER NOT NULL DEFAULT 0,"
    " UNIQUE (kiosk_id, at));"
    "PRAGMA user_version = 2;";

static bool create_0600(const char *path, char *err, size_t errsize);
static bool configure(desk_store *s);
static bool migrate(desk_store *s, const char *sql);
static desk_status fail(desk_store *s);
static sqlite3_stmt *vprepare(desk_store *s, const char *sql, const char *types, va_list ap);
static sqlite3_stmt *prepare(desk_store *s, const char *sql, const char *types, ...);
static desk_status run(desk_store *s, const char *sql, const char *types, ...);
static void copy_col(sqlite3_stmt *st, int col, char *dst, size_t size);
static desk_status finish_row(desk_store *s, sqlite3_stmt *st, int rc);
static json_t *event_json(sqlite3_stmt *st);
static desk_status change_clerk(desk_store *s, const char *id, const char *sql,
                                const char *pin_hash);
static desk_status erase(desk_store *s, const char *sql, int64_t now, int64_t limit,
                         size_t *n_changed);

/* ------------------------------------------------------------------ open */

bool desk_store_open(const char *path, desk_store **out, char *err, size_t errsize)
{
    *out = NULL;
    if (!create_0600(path, err, errsize))
        return false;
    desk_store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errsize, "%s: out of memory", path);
        return false;
    }
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK || !configure(s)) {
        snprintf(err, errsize, "%s: %s", path,
                 s->errmsg[0] ? s->errmsg
                 : s->db      ? sqlite3_errmsg(s->db)
                              : "cannot open");
        desk_store_close(s);
        return false;
    }
    *out = s;
    return true;
}

void desk_store_close(desk_store *s)
{
    if (!s)
        return;
    sqlite3_close_v2(s->db);
    free(s);
}

const char *desk_store_errmsg(desk_store *s)
{
    return s->errmsg;
}

static bool create_0600(const char *path, char *err, size_t errsize)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        return false;
    }
    close(fd);
    return true;
}

/* WAL + synchronous=FULL: a record the clerk saw saved survives a power cut. */
static bool configure(desk_store *s)
{
    int version = -1;
    sqlite3_busy_timeout(s->db, 2000);
    if (sqlite3_exec(s->db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
                     NULL, NULL, NULL) != SQLITE_OK)
        return false;
    sqlite3_stmt *st = prepare(s, "PRAGMA user_version", "");
    if (st && sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version > SCHEMA_VERSION) {
        snprintf(s->errmsg, sizeof s->errmsg, "schema %d is newer than this program", version);
        return false;
    }
    if (version < 0 || sqlite3_exec(s->db, "PRAGMA secure_delete=ON;", NULL, NULL, NULL))
        return false;
    if (version == 0 && !migrate(s, schema_v1))
        return false;
    return version == SCHEMA_VERSION || migrate(s, schema_v2);
}

/* One schema step in one transaction: a crash leaves the file at the step before. */
static bool migrate(desk_store *s, const char *sql)
{
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return false;
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK &&
        sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return true;
    snprintf(s->errmsg, sizeof s->errmsg, "schema change: %s", sqlite3_errmsg(s->db));
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return false;
}

/* ------------------------------------------------------------------ clerks */

bool desk_clerk_id_valid(const char *id)
{
    size_t n = strlen(id);
    return n >= 1 && n <= DESK_CLERK_MAX &&
           strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

desk_status desk_clerk_add(desk_store *s, const char *id, const char *pin_hash, int64_t now)
{
    desk_clerk existing;
    if (desk_clerk_get(s, id, &existing) == DESK_OK)
        return DESK_EXISTS;
    return run(s, "INSERT INTO clerk (id, pin_hash, created_at) VALUES (?, ?, ?)", "ssi", id,
               pin_hash, now);
}

desk_status desk_clerk_get(desk_store *s, const char *id, desk_clerk *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        prepare(s, "SELECT id, pin_hash, failed, locked_until FROM clerk WHERE id = ?", "s", id);
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (rc == SQLITE_ROW) {
        copy_col(st, 0, out->id, sizeof out->id);
        copy_col(st, 1, out->pin_hash, sizeof out->pin_hash);
        out->failed = sqlite3_column_int(st, 2);
        out->locked_until = sqlite3_column_int64(st, 3);
    }
    return finish_row(s, st, rc);
}

desk_status desk_clerk_set_failures(desk_store *s, const char *id, int failed, int64_t locked_until)
{
    return run(s, "UPDATE clerk SET failed = ?, locked_until = ? WHERE id = ?", "iis",
               (int64_t)failed, locked_until, id);
}

desk_status desk_clerk_signed_in(desk_store *s, const char *id, int64_t now)
{
    return run(s, "UPDATE clerk SET failed = 0, locked_until = 0, last_sign_in = ? WHERE id = ?",
               "is", now, id);
}

/* The sessions go with the clerk, in the same transaction (and by the foreign key). */
desk_status desk_clerk_remove(desk_store *s, const char *id)
{
    return change_clerk(s, id, "DELETE FROM clerk WHERE id = ?", NULL);
}

desk_status desk_clerk_set_pin(desk_store *s, const char *id, const char *pin_hash)
{
    return change_clerk(s, id,
                        "UPDATE clerk SET pin_hash = ?, failed = 0, locked_until = 0 WHERE id = ?",
                        pin_hash);
}

desk_status desk_clerk_unlock(desk_store *s, const char *id)
{
    desk_clerk c;
    desk_status st = desk_clerk_get(s, id, &c);
    return st == DESK_OK ? desk_clerk_set_failures(s, id, 0, 0) : st;
}

json_t *desk_clerk_list_json(desk_store *s)
{
    sqlite3_stmt *st =
        prepare(s, "SELECT id, failed, locked_until, last_sign_in FROM clerk ORDER BY id", "");
    json_t *list = st ? json_array() : NULL;
    while (list && sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(list,
                              json_pack("{s:s, s:i, s:I, s:I}", "id", sqlite3_column_text(st, 0),
                                        "failed", sqlite3_column_int(st, 1), "locked_until",
                                        (json_int_t)sqlite3_column_int64(st, 2), "last_sign_in",
                                        (json_int_t)sqlite3_column_int64(st, 3)));
    sqlite3_finalize(st);
    return list;
}

/* Ends the clerk's sessions and runs sql (bound to pin_hash when given, then the id) in
 * one transaction; DESK_NOT_FOUND when there is no such clerk. */
static desk_status change_clerk(desk_store *s, const char *id, const char *sql,
                                const char *pin_hash)
{
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail(s);
    desk_status st = run(s, "DELETE FROM session WHERE clerk_id = ?", "s", id);
    if (st == DESK_OK)
        st = pin_hash ? run(s, sql, "ss", pin_hash, id) : run(s, sql, "s", id);
    if (st == DESK_OK && sqlite3_changes(s->db) == 0)
        st = DESK_NOT_FOUND;
    if (st == DESK_OK && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        st = fail(s);
    if (st != DESK_OK && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* ------------------------------------------------------------------ sessions */

desk_status desk_session_add(desk_store *s, const char *token_hash, const char *clerk,
                             const char *csrf, int64_t now)
{
    return run(s,
               "INSERT INTO session (token_hash, clerk_id, csrf, created_at, last_seen)"
               " VALUES (?, ?, ?, ?, ?)",
               "sssii", token_hash, clerk, csrf, now, now);
}

desk_status desk_session_get(desk_store *s, const char *token_hash, desk_session *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        prepare(s, "SELECT clerk_id, csrf, created_at, last_seen FROM session WHERE token_hash = ?",
                "s", token_hash);
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (rc == SQLITE_ROW) {
        copy_col(st, 0, out->clerk, sizeof out->clerk);
        copy_col(st, 1, out->csrf, sizeof out->csrf);
        out->created_at = sqlite3_column_int64(st, 2);
        out->last_seen = sqlite3_column_int64(st, 3);
    }
    return finish_row(s, st, rc);
}

desk_status desk_session_touch(desk_store *s, const char *token_hash, int64_t now)
{
    return run(s, "UPDATE session SET last_seen = ? WHERE token_hash = ?", "is", now, token_hash);
}

desk_status desk_session_delete(desk_store *s, const char *token_hash)
{
    return run(s, "DELETE FROM session WHERE token_hash = ?", "s", token_hash);
}

desk_status desk_session_expire(desk_store *s, int64_t idle_before, int64_t made_before)
{
    return run(s, "DELETE FROM session WHERE last_seen < ? OR created_at < ?", "ii", idle_before,
               made_before);
}

/* ------------------------------------------------------------------ receipts, events */

desk_status desk_receipt_put(desk_store *s, const char *receipt_id, const char *text, int64_t now)
{
    /* a receipt whose answers retention wiped gets them back when the slip is scanned again */
    return run(s,
               "INSERT INTO receipt (receipt_id, text, first_seen) VALUES (?, ?, ?)"
               " ON CONFLICT (receipt_id) DO UPDATE SET text = excluded.text, wiped_at = 0"
               " WHERE receipt.wiped_at > 0",
               "ssi", receipt_id, text, now);
}

desk_status desk_receipt_text(desk_store *s, const char *receipt_id, char **text)
{
    *text = NULL;
    sqlite3_stmt *st =
        prepare(s, "SELECT text, wiped_at FROM receipt WHERE receipt_id = ?", "s", receipt_id);
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    bool wiped = rc == SQLITE_ROW && sqlite3_column_int64(st, 1) > 0;
    if (rc == SQLITE_ROW && !wiped)
        *text = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return wiped ? DESK_WIPED : *text ? DESK_OK : DESK_FAILED;
    return rc == SQLITE_DONE ? DESK_NOT_FOUND : fail(s);
}

desk_status desk_event_add(desk_store *s, const desk_event *e)
{
    return run(s,
               "INSERT INTO event (receipt_id, action, clerk_id, at, verdict, reason, materials)"
               " VALUES (?, ?, ?, ?, ?, ?, ?)",
               "sssisss", e->receipt_id, e->action, e->clerk, e->at, e->verdict ? e->verdict : "",
               e->reason ? e->reason : "", e->materials ? e->materials : "[]");
}

desk_status desk_scan_add(desk_store *s, const desk_event *e, const char *text)
{
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail(s);
    desk_status st = text ? desk_receipt_put(s, e->receipt_id, text, e->at) : DESK_OK;
    if (st == DESK_OK)
        st = desk_event_add(s, e);
    if (st == DESK_OK && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        st = fail(s);
    if (st != DESK_OK && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

json_t *desk_history_json(desk_store *s, const char *receipt_id)
{
    sqlite3_stmt *st = prepare(s,
                               "SELECT action, clerk_id, at, verdict, reason, materials FROM event"
                               " WHERE receipt_id = ? ORDER BY seq",
                               "s", receipt_id);
    json_t *list = st ? json_array() : NULL;
    int rc;
    while (list && (rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(list, event_json(st));
    sqlite3_finalize(st);
    return list;
}

json_t *desk_today_json(desk_store *s, int64_t from, int64_t to)
{
    /* Per receipt touched in [from, to): its latest record, else its latest scan. */
    sqlite3_stmt *st = prepare(
        s,
        "SELECT e.action, e.clerk_id, e.at, e.verdict, e.reason, e.materials, e.receipt_id"
        " FROM event e WHERE e.seq = (SELECT f.seq FROM event f WHERE f.receipt_id = e.receipt_id"
        " ORDER BY (f.action <> 'scan') DESC, f.seq DESC LIMIT 1)"
        " AND e.receipt_id IN (SELECT receipt_id FROM event WHERE at >= ? AND at < ?)"
        " ORDER BY (SELECT MAX(g.seq) FROM event g WHERE g.receipt_id = e.receipt_id) DESC",
        "ii", from, to);
    json_t *list = st ? json_array() : NULL;
    while (list && sqlite3_step(st) == SQLITE_ROW) {
        json_t *ev = event_json(st);
        json_object_set_new(ev, "receipt_id",
                            json_string((const char *)sqlite3_column_text(st, 6)));
        json_array_append_new(list, ev);
    }
    sqlite3_finalize(st);
    return list;
}

/* ------------------------------------------------------------------ help requests */

desk_status desk_help_add(desk_store *s, const char *kiosk_id, int64_t at, const char *screen,
                          int64_t now)
{
    desk_status st = run(s,
                         "INSERT OR IGNORE INTO help (kiosk_id, at, screen, received_at)"
                         " VALUES (?, ?, ?, ?)",
                         "sisi", kiosk_id, at, screen, now);
    return st == DESK_OK && sqlite3_changes(s->db) == 0 ? DESK_EXISTS : st;
}

json_t *desk_help_open_json(desk_store *s, int64_t since)
{
    sqlite3_stmt *st = prepare(s,
                               "SELECT seq, kiosk_id, at, screen, received_at FROM help"
                               " WHERE acked_at = 0 AND received_at >= ? ORDER BY seq",
                               "i", since);
    json_t *list = st ? json_array() : NULL;
    while (list && sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(list, json_pack("{s:I, s:s, s:I, s:s, s:I}", "id",
                                              (json_int_t)sqlite3_column_int64(st, 0), "kiosk",
                                              sqlite3_column_text(st, 1), "at",
                                              (json_int_t)sqlite3_column_int64(st, 2), "screen",
                                              sqlite3_column_text(st, 3), "received_at",
                                              (json_int_t)sqlite3_column_int64(st, 4)));
    sqlite3_finalize(st);
    return list;
}

desk_status desk_help_ack(desk_store *s, int64_t id, const char *clerk, int64_t now)
{
    desk_status st =
        run(s, "UPDATE help SET acked_by = ?, acked_at = ? WHERE seq = ? AND acked_at = 0", "sii",
            clerk, now, id);
    return st == DESK_OK && sqlite3_changes(s->db) == 0 ? DESK_NOT_FOUND : st;
}

/* ------------------------------------------------------------------ retention */

desk_status desk_store_apply_retention(desk_store *s, int64_t now, int retention_days,
                                       size_t *n_receipts, size_t *n_reasons)
{
    int64_t limit = now - (int64_t)retention_days * 86400;
    /* the answers: the receipt untouched since the limit, none of its records unsent */
    desk_status st = erase(
        s,
        "UPDATE receipt SET text = '', wiped_at = ?1 WHERE wiped_at = 0"
        " AND COALESCE((SELECT MAX(e.at) FROM event e WHERE e.receipt_id = receipt.receipt_id),"
        " first_seen) <= ?2"
        " AND NOT EXISTS (SELECT 1 FROM event e WHERE e.receipt_id = receipt.receipt_id"
        " AND e.action <> 'scan' AND e.synced_at = 0)",
        now, limit, n_receipts);
    /* the reasons given for 退回 / 不予受理: once the record has reached the department */
    if (st == DESK_OK)
        st = erase(s,
                   "UPDATE event SET reason = '', wiped_at = ?1 WHERE wiped_at = 0 AND reason <> ''"
                   " AND synced_at > 0 AND at <= ?2",
                   now, limit, n_reasons);
    if (st == DESK_OK)
        st = erase(s, "DELETE FROM help WHERE ?1 > 0 AND received_at <= ?2", now, limit, NULL);
    return st;
}

/* One statement that removes personal data, bound to now (?1) and the limit (?2), in its
 * own transaction; the WAL is checkpointed after, so that the old page images with the
 * removed data do not stay behind in it (secure_delete overwrites freed pages). */
static desk_status erase(desk_store *s, const char *sql, int64_t now, int64_t limit,
                         size_t *n_changed)
{
    sqlite3_stmt *st = prepare(s, sql, "ii", now, limit);
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    size_t changed = rc == SQLITE_DONE ? (size_t)sqlite3_changes(s->db) : 0;
    sqlite3_finalize(st);
    if (n_changed)
        *n_changed = changed;
    if (rc != SQLITE_DONE)
        return fail(s);
    if (changed > 0)
        sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    return DESK_OK;
}

/* One event row (action, clerk, at, verdict, reason, materials) as JSON. */
static json_t *event_json(sqlite3_stmt *st)
{
    const char *materials = (const char *)sqlite3_column_text(st, 5);
    json_t *m = materials ? json_loads(materials, 0, NULL) : NULL;
    return json_pack("{s:s, s:s, s:I, s:s, s:s, s:o}", "action", sqlite3_column_text(st, 0),
                     "clerk", sqlite3_column_text(st, 1), "at",
                     (json_int_t)sqlite3_column_int64(st, 2), "verdict", sqlite3_column_text(st, 3),
                     "reason", sqlite3_column_text(st, 4), "materials", m ? m : json_array());
}

/* ------------------------------------------------------------------ records to send */

json_t *desk_records_unsent(desk_store *s, int64_t after, size_t limit)
{
    sqlite3_stmt *st =
        prepare(s,
                "SELECT e.action, e.clerk_id, e.at, e.verdict, e.reason, e.materials,"
                " e.seq, e.receipt_id, r.text FROM event e"
                " LEFT JOIN receipt r ON r.receipt_id = e.receipt_id"
                " WHERE e.synced_at = 0 AND e.action <> 'scan' AND e.seq > ?"
                " ORDER BY e.seq LIMIT ?",
                "ii", after, (int64_t)limit);
    json_t *list = st ? json_array() : NULL;
    int rc = SQLITE_DONE;
    while (list && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *ev = event_json(st);
        const unsigned char *text = sqlite3_column_text(st, 8);
        json_object_set_new(ev, "seq", json_integer(sqlite3_column_int64(st, 6)));
        json_object_set_new(ev, "receipt_id",
                            json_string((const char *)sqlite3_column_text(st, 7)));
        json_object_set_new(ev, "receipt", text ? json_string((const char *)text) : json_null());
        json_array_append_new(list, ev);
    }
    if (list && rc != SQLITE_DONE) {
        fail(s);
        json_decref(list);
        list = NULL;
    }
    sqlite3_finalize(st);
    return list;
}

desk_status desk_records_mark_sent(desk_store *s, const int64_t *seqs, size_t n, int64_t now)
{
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail(s);
    desk_status st = DESK_OK;
    for (size_t i = 0; st == DESK_OK && i < n; i++)
        st = run(s, "UPDATE event SET synced_at = ? WHERE seq = ? AND synced_at = 0", "ii", now,
                 seqs[i]);
    if (st == DESK_OK && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        st = fail(s);
    if (st != DESK_OK && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

desk_status desk_records_count_unsent(desk_store *s, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st =
        prepare(s, "SELECT count(*) FROM event WHERE synced_at = 0 AND action <> 'scan'", "");
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (rc == SQLITE_ROW)
        *n = (size_t)sqlite3_column_int64(st, 0);
    return finish_row(s, st, rc);
}

/* ------------------------------------------------------------------ statements */

static desk_status fail(desk_store *s)
{
    snprintf(s->errmsg, sizeof s->errmsg, "%s", sqlite3_errmsg(s->db));
    return DESK_FAILED;
}

/* Prepares sql and binds the arguments by types: 's' const char *, 'i' int64_t. */
static sqlite3_stmt *vprepare(desk_store *s, const char *sql, const char *types, va_list ap)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        fail(s);
        return NULL;
    }
    for (int i = 0; types[i]; i++) {
        if (types[i] == 's')
            sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
    }
    return st;
}

static sqlite3_stmt *prepare(desk_store *s, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *st = vprepare(s, sql, types, ap);
    va_end(ap);
    return st;
}

/* One statement that returns no rows, in its own (fsynced) transaction. */
static desk_status run(desk_store *s, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *st = vprepare(s, sql, types, ap);
    va_end(ap);
    if (!st)
        return DESK_FAILED;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? DESK_OK : fail(s);
}

/* After a one-row lookup: the statement finalized, the step's code as a status. */
static desk_status finish_row(desk_store *s, sqlite3_stmt *st, int rc)
{
    desk_status st_ = rc == SQLITE_ROW ? DESK_OK : rc == SQLITE_DONE ? DESK_NOT_FOUND : fail(s);
    sqlite3_finalize(st);
    return st_;
}

static void copy_col(sqlite3_stmt *st, int col, char *dst, size_t size)
{
    const unsigned char *v = sqlite3_column_text(st, col);
    snprintf(dst, size, "%s", v ? (const char *)v : "");
}
