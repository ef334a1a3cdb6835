/* store.c — the submission store on SQLite (see store.h for the contract).
 *
 * Why it exists: every receipt the kiosk shows must match a row that is fsynced on
 * disk, and the sync must find each pending row exactly once. Layout of this file:
 * open/migrate/check, then writes (insert, mark synced, purge), then reads. Every
 * write is one BEGIN IMMEDIATE … COMMIT; on any failure the transaction is rolled
 * back if SQLite has not already done so (sqlite3_get_autocommit). */
#include "store.h"

#include "store_mark.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

/* The statements the sync runs once a batch (and the staff screen once a frame): each
 * prepared on first use and kept until close, instead of parsed again every call. */
typedef enum {
    STMT_LIST_UNSYNCED,
    STMT_LIST_UNSYNCED_TEXT,
    STMT_MARK_SYNCED,
    STMT_COUNT,
    STMT_COUNT_
} stmt_id;

struct pc_store {
    sqlite3 *db;      /* the open connection */
    char errmsg[256]; /* last error, for the log */
    char *path;       /* the database file, for the clean-close mark */
    bool opened;      /* fully opened and checked: a clean close may write the mark */
    sqlite3_stmt *kept[STMT_COUNT_]; /* prepared statements (stmt_id), NULL until first used */
};

/* Schema migrations: entry i takes user_version i to i + 1. */
static const char *const migrations[] = {
    ("CREATE TABLE submission("
     " seq INTEGER PRIMARY KEY,"
     " receipt_id TEXT NOT NULL UNIQUE,"
     " kiosk_id TEXT NOT NULL,"
     " created_at INTEGER NOT NULL,"
     " policy_id TEXT NOT NULL,"
     " pack_version TEXT NOT NULL,"
     " answers_json TEXT,"
     " outcome TEXT NOT NULL,"
     " basis_json TEXT NOT NULL,"
     " deadline TEXT,"
     " contact TEXT,"
     " receipt TEXT,"
     " sync_state INTEGER NOT NULL DEFAULT 0 CHECK (sync_state IN (0, 1)),"
     " synced_at INTEGER NOT NULL DEFAULT 0,"
     " purged_at INTEGER NOT NULL DEFAULT 0);"
     "CREATE INDEX submission_pending ON submission(sync_state, seq);"),
    /* 2: what the staff screen and the status ask on every visit, without a scan: the
       counts kept by triggers, the last sync time from an index */
    ("CREATE INDEX submission_synced ON submission(synced_at);"
     "CREATE TABLE queue_count(sync_state INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
     "INSERT INTO queue_count VALUES(0, (SELECT count(*) FROM submission WHERE sync_state = 0)),"
     " (1, (SELECT count(*) FROM submission WHERE sync_state = 1));"
     "CREATE TRIGGER queue_count_insert AFTER INSERT ON submission BEGIN"
     " UPDATE queue_count SET n = n + 1 WHERE sync_state = new.sync_state; END;"
     "CREATE TRIGGER queue_count_delete AFTER DELETE ON submission BEGIN"
     " UPDATE queue_count SET n = n - 1 WHERE sync_state = old.sync_state; END;"
     "CREATE TRIGGER queue_count_update AFTER UPDATE OF sync_state ON submission"
     " WHEN old.sync_state <> new.sync_state BEGIN"
     " UPDATE queue_count SET n = n - 1 WHERE sync_state = old.sync_state;"
     " UPDATE queue_count SET n = n + 1 WHERE sync_state = new.sync_state; END;"),
    /* 3: small facts the kiosk keeps about itself for the sync's status (the printer's
       last known state, …), one value a key */
    ("CREATE TABLE IF NOT EXISTS kiosk_state(key TEXT PRIMARY KEY, value TEXT NOT NULL,"
     " updated_at INTEGER NOT NULL) WITHOUT ROWID;"),
};
#define PC_SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

#define SUBMISSION_COLUMNS                                                                         \
    "seq, receipt_id, kiosk_id, created_at, policy_id, pack_version, answers_json,"                \
    " outcome, basis_json, deadline, contact, receipt, sync_state, synced_at, purged_at"

/* The text of each kept statement (stmt_id). Marking synced takes the batch's receipt
 * ids as one JSON array (?1): one statement a batch, each id found through the
 * receipt_id index. */
static const char *const kept_sql[STMT_COUNT_] = {
    [STMT_LIST_UNSYNCED] = "SELECT " SUBMISSION_COLUMNS " FROM submission"
                           " WHERE sync_state = 0 AND seq > ?1 ORDER BY seq LIMIT ?2",
    /* pc_submission_to_json in SQL: the same keys in the same order, the same values */
    [STMT_LIST_UNSYNCED_TEXT] =
        "SELECT seq, receipt_id, json_object('receipt_id', receipt_id, 'kiosk_id', kiosk_id,"
        " 'created_at', strftime('%Y-%m-%dT%H:%M:%SZ', created_at, 'unixepoch'),"
        " 'created_at_unix', created_at, 'policy_id', policy_id, 'pack_version', pack_version,"
        " 'answers', json(answers_json), 'result', json_object('outcome', outcome,"
        " 'basis', json(basis_json), 'deadline', nullif(deadline, '')),"
        " 'contact', contact, 'receipt', receipt,"
        " 'sync_state', iif(sync_state = 1, 'synced', 'pending'), 'synced_at_unix', synced_at,"
        " 'purged', json(iif(purged_at <> 0, 'true', 'false')))"
        " FROM submission WHERE sync_state = 0 AND seq > ?1 ORDER BY seq LIMIT ?2",
    [STMT_MARK_SYNCED] =
        "UPDATE submission SET sync_state = 1, synced_at = ?2"
        " WHERE receipt_id IN (SELECT value FROM json_each(?1))"
        " AND +sync_state = 0", /* "+": by the receipt_id index, not a scan of the pending */
    [STMT_COUNT] = "SELECT sync_state, n FROM queue_count",
};

static pc_store_status status_from_rc(int rc);
static pc_store_status fail(pc_store *s, int rc);
static pc_store_status exec(pc_store *s, const char *sql);
static pc_store_status rollback_if_open(pc_store *s, pc_store_status st);
static pc_store_status erase(pc_store *s, const char *sql, int64_t now, int64_t limit,
                             size_t *n_changed);
static pc_store_status prepare_file(const char *path, char *err, size_t errsize);
static pc_store_status configure(pc_store *s, bool full_check);
static pc_store_status integrity(pc_store *s);
static pc_store_status migrate(pc_store *s);
static pc_store_status pragma_int(pc_store *s, const char *sql, int *out);
static bool sub_valid(const pc_submission *sub);
static void copy_text(char *dst, size_t size, const unsigned char *src);
static char *dup_text(const unsigned char *src);
static void row_to_submission(sqlite3_stmt *st, pc_submission *out);
static sqlite3_stmt *cached(pc_store *s, stmt_id id, int *rc);
static void cached_done(sqlite3_stmt *q);
static char *ids_json(const char *const *ids, size_t n);
/* What pc_store_list_unsynced_text collects: "[obj,obj,…]" and the ids, each grown by
 * doubling (linear in the batch). */
typedef struct text_rows {
    char *text;
    size_t len, cap;
    char (*ids)[PC_RECEIPT_ID_SIZE];
    size_t n, ids_cap;
    int64_t last_seq;
} text_rows;

static pc_store_status text_rows_read(pc_store *s, sqlite3_stmt *q, text_rows *t);
static bool text_rows_add(text_rows *t, const char *obj, size_t len, const unsigned char *id);

/* ------------------------------------------------------------------ open, check */

pc_store_status pc_store_open(const char *path, pc_store **out, char *err, size_t errsize)
{
    *out = NULL;
    pc_store_status st = prepare_file(path, err, errsize);
    if (st != PC_STORE_OK)
        return st;
    pc_store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errsize, "%s: out of memory", path);
        return PC_STORE_ERROR;
    }
    bool as_left = pc_store_mark_matches(path); /* cleanly closed, untouched since */
    pc_store_mark_clear(path);
    s->path = strdup(path);
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    st = rc == SQLITE_OK ? PC_STORE_OK : fail(s, rc);
    if (st == PC_STORE_OK && sqlite3_db_readonly(s->db, "main") == 1) {
        snprintf(s->errmsg, sizeof s->errmsg, "database opened read-only");
        st = PC_STORE_READONLY;
    }
    if (st == PC_STORE_OK)
        st = configure(s, !as_left); /* integrity_check before anything is written */
    if (st == PC_STORE_OK)
        st = migrate(s);
    if (st != PC_STORE_OK) {
        snprintf(err, errsize, "%s: %s (%s)", path, pc_store_status_name(st), s->errmsg);
        pc_store_close(s);
        return st;
    }
    s->opened = true;
    *out = s;
    return PC_STORE_OK;
}

void pc_store_close(pc_store *store)
{
    if (!store)
        return;
    for (int i = 0; i < STMT_COUNT_; i++)
        sqlite3_finalize(store->kept[i]);
    if (sqlite3_close_v2(store->db) == SQLITE_OK && store->opened && store->path)
        pc_store_mark_write(store->path);
    free(store->path);
    free(store);
}

void pc_store_set_busy_timeout(pc_store *store, int ms)
{
    sqlite3_busy_timeout(store->db, ms);
}

pc_store_status pc_store_set_size_limit(pc_store *store, int64_t max_bytes)
{
    int page = 0;
    pc_store_status st = pragma_int(store, "PRAGMA page_size", &page);
    if (st != PC_STORE_OK)
        return st;
    if (max_bytes < page || page <= 0)
        return PC_STORE_INVALID;
    char sql[80];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count=%lld", (long long)(max_bytes / page));
    int pages = 0;
    return pragma_int(store, sql, &pages);
}

const char *pc_store_errmsg(const pc_store *store)
{
    return store->errmsg;
}

pc_store_status pc_store_check(pc_store *store)
{
    return integrity(store);
}

/* Creates a missing file 0600 (O_EXCL: never truncates); makes an existing one 0600. */
static pc_store_status prepare_file(const char *path, char *err, size_t errsize)
{
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST)
        fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        snprintf(err, errsize, "%s: %s", path, strerror(e));
        if (e == EROFS || e == EACCES || e == EPERM)
            return PC_STORE_READONLY;
        return e == ENOSPC ? PC_STORE_FULL : PC_STORE_IO;
    }
    struct stat sb;
    if (fstat(fd, &sb) == 0 && (sb.st_mode & 077) != 0 && fchmod(fd, 0600) != 0) {
        int e = errno;
        close(fd);
        snprintf(err, errsize, "%s: cannot make it 0600: %s", path, strerror(e));
        return e == EROFS ? PC_STORE_READONLY : PC_STORE_IO;
    }
    close(fd);
    return PC_STORE_OK;
}

static pc_store_status configure(pc_store *s, bool full_check)
{
    sqlite3_busy_timeout(s->db, 2000);
    sqlite3_extended_result_codes(s->db, 1);
    /* secure_delete: purged personal data is overwritten, not left in free pages.
       temp_store=MEMORY: the statement journal of a many-row statement (marking a batch of
       500 synced: about 200 KB) stays in memory instead of a new file in /var/tmp for each
       batch; it only undoes a statement inside its transaction, so durability is unchanged. */
    pc_store_status st =
        exec(s, "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY;");
    if (st != PC_STORE_OK)
        return st;
    /* before anything writes to the file; a file as a clean close left it only needs its
       schema readable (store_mark.h) */
    st = full_check ? integrity(s) : exec(s, "SELECT count(*) FROM sqlite_schema;");
    if (st != PC_STORE_OK)
        return st;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(q);
    bool wal = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(q, 0), "wal") == 0;
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW)
        return fail(s, rc);
    if (!wal) {
        snprintf(s->errmsg, sizeof s->errmsg, "cannot switch to WAL");
        return PC_STORE_IO;
    }
    return exec(s, "PRAGMA synchronous=FULL;");
}

static pc_store_status integrity(pc_store *s)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &q, NULL);
    if (rc != SQLITE_OK)
        return fail(s, rc);
    rc = sqlite3_step(q);
    bool ok = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(q, 0), "ok") == 0;
    if (rc == SQLITE_ROW && !ok)
        copy_text(s->errmsg, sizeof s->errmsg, sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW)
        return fail(s, rc);
    return ok ? PC_STORE_OK : PC_STORE_CORRUPT;
}

static pc_store_status migrate(pc_store *s)
{
    int version = 0;
    pc_store_status st = pragma_int(s, "PRAGMA user_version", &version);
    if (st != PC_STORE_OK)
        return st;
    if (version > PC_SCHEMA_VERSION) {
        snprintf(s->errmsg, sizeof s->errmsg, "schema version %d, this program knows %d", version,
                 PC_SCHEMA_VERSION);
        return PC_STORE_TOO_NEW;
    }
    for (int v = version; v < PC_SCHEMA_VERSION; v++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version=%d;", v + 1);
        st = exec(s, "BEGIN IMMEDIATE;");
        if (st == PC_STORE_OK)
            st = exec(s, migrations[v]);
        if (st == PC_STORE_OK)
            st = exec(s, bump);
        if (st == PC_STORE_OK)
            st = exec(s, "COMMIT;");
        if (st != PC_STORE_OK)
            return rollback_if_open(s, st);
    }
    return PC_STORE_OK;
}

static pc_store_status pragma_int(pc_store *s, const char *sql, int *out)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? PC_STORE_OK : fail(s, rc);
}

/* ------------------------------------------------------------------ messages */

const char *pc_store_status_key(pc_store_status status)
{
    switch (status) {
    case PC_STORE_OK:
        return "store.ok";
    case PC_STORE_NOT_FOUND:
        return "store.not_found";
    default:
        return "store.failed";
    }
}

const char *pc_store_status_name(pc_store_status status)
{
    static const char *const names[] = {
        "ok", "full",      "readonly",  "busy",    "corrupt", "too_new",
        "io", "duplicate", "not_found", "invalid", "error",
    };
    if ((unsigned)status >= sizeof names / sizeof names[0])
        return "error";
    return names[status];
}

/* ------------------------------------------------------------------ writes */

pc_store_status pc_store_insert(pc_store *s, const pc_submission *sub)
{
    if (!sub_valid(sub)) {
        snprintf(s->errmsg, sizeof s->errmsg, "invalid submission");
        return PC_STORE_INVALID;
    }
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "INSERT INTO submission(receipt_id, kiosk_id, created_at, policy_id, pack_version,"
        " answers_json, outcome, basis_json, deadline, contact, receipt)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        -1, &q, NULL);
    if (rc != SQLITE_OK)
        return fail(s, rc);
    sqlite3_bind_text(q, 1, sub->receipt_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, sub->kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, sub->created_at);
    sqlite3_bind_text(q, 4, sub->policy_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, sub->pack_version, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, sub->answers_json, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, sub->outcome, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 8, sub->basis_json, -1, SQLITE_STATIC);
    if (sub->deadline[0])
        sqlite3_bind_text(q, 9, sub->deadline, -1, SQLITE_STATIC);
    if (sub->contact && sub->contact[0])
        sqlite3_bind_text(q, 10, sub->contact, -1, SQLITE_STATIC);
    if (sub->receipt)
        sqlite3_bind_text(q, 11, sub->receipt, -1, SQLITE_STATIC);
    pc_store_status st = exec(s, "BEGIN IMMEDIATE;");
    if (st == PC_STORE_OK) {
        rc = sqlite3_step(q);
        st = rc == SQLITE_DONE ? PC_STORE_OK : fail(s, rc);
    }
    sqlite3_finalize(q);
    if (st == PC_STORE_OK)
        st = exec(s, "COMMIT;");
    return rollback_if_open(s, st);
}

pc_store_status pc_store_mark_synced(pc_store *s, const char *const *receipt_ids, size_t n,
                                     int64_t now, size_t *n_marked)
{
    if (n_marked)
        *n_marked = 0;
    int rc = SQLITE_OK;
    sqlite3_stmt *q = cached(s, STMT_MARK_SYNCED, &rc);
    if (!q)
        return fail(s, rc);
    char *ids = ids_json(receipt_ids, n);
    if (!ids) {
        snprintf(s->errmsg, sizeof s->errmsg, "receipt ids not UTF-8, or out of memory");
        return PC_STORE_ERROR;
    }
    sqlite3_bind_text(q, 1, ids, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, now);
    pc_store_status st = exec(s, "PRAGMA synchronous=NORMAL; BEGIN IMMEDIATE;"); /* store.h */
    if (st == PC_STORE_OK) {
        rc = sqlite3_step(q);
        st = rc == SQLITE_DONE ? PC_STORE_OK : fail(s, rc);
    }
    size_t marked = st == PC_STORE_OK ? (size_t)sqlite3_changes(s->db) : 0;
    cached_done(q);
    free(ids);
    if (st == PC_STORE_OK)
        st = exec(s, "COMMIT;");
    st = rollback_if_open(s, st);
    pc_store_status durable = exec(s, "PRAGMA synchronous=FULL;"); /* for every other write */
    st = st == PC_STORE_OK ? durable : st;
    if (n_marked)
        *n_marked = st == PC_STORE_OK ? marked : 0;
    return st;
}

pc_store_status pc_store_purge(pc_store *s, int64_t now, int64_t retention_seconds,
                               size_t *n_purged)
{
    return erase(s,
                 "UPDATE submission SET answers_json = NULL, contact = NULL, receipt = NULL,"
                 " purged_at = ?1 WHERE sync_state = 1 AND purged_at = 0 AND synced_at <= ?2",
                 now, now - retention_seconds, n_purged);
}

pc_store_status pc_store_delete_synced(pc_store *s, int64_t now, int64_t delete_seconds,
                                       size_t *n_deleted)
{
    return erase(
        s, "DELETE FROM submission WHERE sync_state = 1 AND synced_at > 0 AND synced_at <= ?2", now,
        now - delete_seconds, n_deleted);
}

/* One statement that removes personal data or rows, bound to now (?1, where it uses it)
 * and a limit (?2), in its own transaction; the WAL is checkpointed after, so that the
 * old page images with the removed data do not stay behind in it. */
static pc_store_status erase(pc_store *s, const char *sql, int64_t now, int64_t limit,
                             size_t *n_changed)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc != SQLITE_OK)
        return fail(s, rc);
    sqlite3_bind_int64(q, 1, now);
    sqlite3_bind_int64(q, 2, limit);
    pc_store_status st = exec(s, "BEGIN IMMEDIATE;");
    if (st == PC_STORE_OK) {
        rc = sqlite3_step(q);
        st = rc == SQLITE_DONE ? PC_STORE_OK : fail(s, rc);
    }
    size_t changed = st == PC_STORE_OK ? (size_t)sqlite3_changes(s->db) : 0;
    sqlite3_finalize(q);
    if (st == PC_STORE_OK)
        st = exec(s, "COMMIT;");
    st = rollback_if_open(s, st);
    if (st == PC_STORE_OK && changed > 0)
        sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    if (n_changed)
        *n_changed = st == PC_STORE_OK ? changed : 0;
    return st;
}

pc_store_status pc_store_apply_retention(pc_store *s, int64_t now, int retention_days,
                                         int delete_after_days, size_t *n_purged, size_t *n_deleted)
{
    const int64_t day = 86400;
    pc_store_status st = pc_store_purge(s, now, retention_days * day, n_purged);
    return st == PC_STORE_OK ? pc_store_delete_synced(s, now, delete_after_days * day, n_deleted)
                             : st;
}

/* ------------------------------------------------------------------ reads */

pc_store_status pc_store_get(pc_store *s, const char *receipt_id, pc_submission *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "SELECT " SUBMISSION_COLUMNS " FROM submission WHERE receipt_id = ?1", -1, &q, NULL);
    if (rc != SQLITE_OK)
        return fail(s, rc);
    sqlite3_bind_text(q, 1, receipt_id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q);
    pc_store_status st = PC_STORE_OK;
    if (rc == SQLITE_ROW)
        row_to_submission(q, out);
    else
        st = rc == SQLITE_DONE ? PC_STORE_NOT_FOUND : fail(s, rc);
    sqlite3_finalize(q);
    return st;
}

void pc_submission_free(pc_submission *sub)
{
    if (!sub)
        return;
    free(sub->answers_json);
    free(sub->basis_json);
    free(sub->contact);
    free(sub->receipt);
    sub->answers_json = sub->basis_json = sub->contact = sub->receipt = NULL;
}

pc_store_status pc_store_list_unsynced(pc_store *s, int64_t after_seq, size_t limit, json_t **out,
                                       int64_t *last_seq)
{
    *out = NULL;
    *last_seq = after_seq;
    int rc = SQLITE_OK;
    sqlite3_stmt *q = cached(s, STMT_LIST_UNSYNCED, &rc);
    if (!q)
        return fail(s, rc);
    sqlite3_bind_int64(q, 1, after_seq);
    sqlite3_bind_int64(q, 2, limit > INT32_MAX ? INT32_MAX : (sqlite3_int64)limit);
    json_t *arr = json_array();
    pc_store_status st = PC_STORE_OK;
    while (st == PC_STORE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        pc_submission sub;
        row_to_submission(q, &sub);
        json_t *obj = pc_submission_to_json(&sub);
        pc_submission_free(&sub);
        if (!obj) {
            snprintf(s->errmsg, sizeof s->errmsg, "stored JSON unreadable");
            st = PC_STORE_CORRUPT;
            break;
        }
        json_array_append_new(arr, obj);
        *last_seq = sqlite3_column_int64(q, 0);
    }
    if (st == PC_STORE_OK && rc != SQLITE_DONE)
        st = fail(s, rc);
    cached_done(q);
    if (st != PC_STORE_OK) {
        json_decref(arr);
        *last_seq = after_seq;
        return st;
    }
    *out = arr;
    return PC_STORE_OK;
}

pc_store_status pc_store_list_unsynced_text(pc_store *s, int64_t after_seq, size_t limit,
                                            char **text, size_t *len,
                                            char (**ids)[PC_RECEIPT_ID_SIZE], size_t *n,
                                            int64_t *last_seq)
{
    *text = NULL, *ids = NULL, *len = *n = 0;
    *last_seq = after_seq;
    int rc = SQLITE_OK;
    sqlite3_stmt *q = cached(s, STMT_LIST_UNSYNCED_TEXT, &rc);
    if (!q)
        return fail(s, rc);
    sqlite3_bind_int64(q, 1, after_seq);
    sqlite3_bind_int64(q, 2, limit > INT32_MAX ? INT32_MAX : (sqlite3_int64)limit);
    text_rows rows = {0};
    pc_store_status st = text_rows_read(s, q, &rows);
    cached_done(q);
    if (st != PC_STORE_OK) {
        free(rows.text);
        free(rows.ids);
        return st;
    }
    *text = rows.text, *len = rows.len, *ids = rows.ids, *n = rows.n;
    *last_seq = rows.n ? rows.last_seq : after_seq;
    return PC_STORE_OK;
}

pc_store_status pc_store_count(pc_store *s, size_t *pending, size_t *synced)
{
    *pending = *synced = 0;
    int rc = SQLITE_OK;
    sqlite3_stmt *q = cached(s, STMT_COUNT, &rc);
    if (!q)
        return fail(s, rc);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_int64(q, 1);
        if (sqlite3_column_int(q, 0) == PC_SYNC_SYNCED)
            *synced = n;
        else
            *pending = n;
    }
    cached_done(q);
    return rc == SQLITE_DONE ? PC_STORE_OK : fail(s, rc);
}

pc_store_status pc_store_last_synced_at(pc_store *s, int64_t *when)
{
    sqlite3_stmt *q = NULL;
    *when = 0;
    int rc = sqlite3_prepare_v2(s->db, "SELECT coalesce(max(synced_at), 0) FROM submission", -1, &q,
                                NULL);
    if (rc != SQLITE_OK)
        return fail(s, rc);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *when = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? PC_STORE_OK : fail(s, rc);
}

pc_store_status pc_store_set_state(pc_store *s, const char *key, const char *value)
{
    if (!key || !key[0] || strlen(key) > PC_STATE_KEY_MAX || !value ||
        strlen(value) > PC_STATE_VALUE_MAX) {
        snprintf(s->errmsg, sizeof s->errmsg, "invalid state key or value");
        return PC_STORE_INVALID;
    }
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO kiosk_state(key, value, updated_at)"
                                " VALUES (?1, ?2, ?3) ON CONFLICT (key) DO UPDATE SET"
                                " value = excluded.value, updated_at = excluded.updated_at",
                                -1, &q, NULL);
    if (rc != SQLITE_OK)
        return fail(s, rc);
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, (sqlite3_int64)time(NULL));
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? PC_STORE_OK : fail(s, rc);
}

pc_store_status pc_store_get_state(pc_store *s, const char *key, char *value, size_t size,
                                   int64_t *updated_at)
{
    if (size)
        value[0] = '\0';
    if (updated_at)
        *updated_at = 0;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT value, updated_at FROM kiosk_state"
                                " WHERE key = ?1",
                                -1, &q, NULL);
    if (rc != SQLITE_OK)
        return fail(s, rc);
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW && size)
        copy_text(value, size, sqlite3_column_text(q, 0));
    if (rc == SQLITE_ROW && updated_at)
        *updated_at = sqlite3_column_int64(q, 1);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? PC_STORE_OK : rc == SQLITE_DONE ? PC_STORE_NOT_FOUND : fail(s, rc);
}

json_t *pc_submission_to_json(const pc_submission *sub)
{
    json_t *answers = NULL, *basis = NULL;
    if (sub->answers_json && !(answers = json_loads(sub->answers_json, 0, NULL)))
        return NULL;
    if (!sub->basis_json || !(basis = json_loads(sub->basis_json, 0, NULL))) {
        json_decref(answers);
        return NULL;
    }
    char iso[32] = "";
    time_t t = (time_t)sub->created_at;
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *result =
        json_pack("{s:s, s:o, s:o}", "outcome", sub->outcome, "basis", basis, "deadline",
                  sub->deadline[0] ? json_string(sub->deadline) : json_null());
    return json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:I, s:b}",
                     "receipt_id", sub->receipt_id, "kiosk_id", sub->kiosk_id, "created_at", iso,
                     "created_at_unix", (json_int_t)sub->created_at, "policy_id", sub->policy_id,
                     "pack_version", sub->pack_version, "answers", answers ? answers : json_null(),
                     "result", result, "contact",
                     sub->contact ? json_string(sub->contact) : json_null(), "receipt",
                     sub->receipt ? json_string(sub->receipt) : json_null(), "sync_state",
                     sub->sync_state == PC_SYNC_SYNCED ? "synced" : "pending", "synced_at_unix",
                     (json_int_t)sub->synced_at, "purged", sub->purged);
}

/* ------------------------------------------------------------------ helpers */

/* The cached statement id, prepared now if it is the first use; NULL with *rc on failure. */
static sqlite3_stmt *cached(pc_store *s, stmt_id id, int *rc)
{
    if (!s->kept[id])
        *rc = sqlite3_prepare_v3(s->db, kept_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->kept[id],
                                 NULL);
    return s->kept[id];
}

/* Back to unused: a kept statement left stepping would hold its read snapshot open. */
static void cached_done(sqlite3_stmt *q)
{
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
}

/* Steps q (seq, receipt_id, object text) to its end into t, the text closed with "]". */
static pc_store_status text_rows_read(pc_store *s, sqlite3_stmt *q, text_rows *t)
{
    int rc = SQLITE_DONE;
    bool ok = text_rows_add(t, "[", 1, NULL);
    while (ok && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        ok = text_rows_add(t, ",", t->n ? 1 : 0, NULL) &&
             text_rows_add(t, (const char *)sqlite3_column_text(q, 2),
                           (size_t)sqlite3_column_bytes(q, 2), sqlite3_column_text(q, 1));
        t->last_seq = sqlite3_column_int64(q, 0);
    }
    if (ok && rc != SQLITE_DONE) { /* a function's error: json() on stored JSON that is not */
        if ((rc & 0xff) != SQLITE_ERROR)
            return fail(s, rc);
        snprintf(s->errmsg, sizeof s->errmsg, "stored JSON unreadable: %s", sqlite3_errmsg(s->db));
        return PC_STORE_CORRUPT;
    }
    if (!ok || !text_rows_add(t, "]", 2, NULL)) { /* with its NUL */
        snprintf(s->errmsg, sizeof s->errmsg, "out of memory");
        return PC_STORE_ERROR;
    }
    t->len--; /* the NUL is not part of the text */
    return PC_STORE_OK;
}

/* Appends len bytes of obj and, when id is given, the row's receipt id. */
static bool text_rows_add(text_rows *t, const char *obj, size_t len, const unsigned char *id)
{
    if (t->len + len > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (cap < t->len + len)
            cap *= 2;
        char *grown = realloc(t->text, cap);
        if (!grown)
            return false;
        t->text = grown, t->cap = cap;
    }
    memcpy(t->text + t->len, obj, len);
    t->len += len;
    if (!id)
        return true;
    if (t->n == t->ids_cap) {
        size_t cap = t->ids_cap ? 2 * t->ids_cap : 64;
        void *grown = realloc(t->ids, cap * sizeof *t->ids);
        if (!grown)
            return false;
        t->ids = grown, t->ids_cap = cap;
    }
    copy_text(t->ids[t->n++], PC_RECEIPT_ID_SIZE, id);
    return true;
}

/* The ids as one JSON array text (malloc'd) for json_each; NULL entries left out. */
static char *ids_json(const char *const *ids, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (ids[i] && json_array_append_new(arr, json_string(ids[i])) != 0) {
            json_decref(arr);
            arr = NULL;
        }
    char *text = arr ? json_dumps(arr, JSON_COMPACT) : NULL;
    json_decref(arr);
    return text;
}

static void row_to_submission(sqlite3_stmt *q, pc_submission *out)
{
    memset(out, 0, sizeof *out);
    copy_text(out->receipt_id, sizeof out->receipt_id, sqlite3_column_text(q, 1));
    copy_text(out->kiosk_id, sizeof out->kiosk_id, sqlite3_column_text(q, 2));
    out->created_at = sqlite3_column_int64(q, 3);
    copy_text(out->policy_id, sizeof out->policy_id, sqlite3_column_text(q, 4));
    copy_text(out->pack_version, sizeof out->pack_version, sqlite3_column_text(q, 5));
    out->answers_json = dup_text(sqlite3_column_text(q, 6));
    copy_text(out->outcome, sizeof out->outcome, sqlite3_column_text(q, 7));
    out->basis_json = dup_text(sqlite3_column_text(q, 8));
    copy_text(out->deadline, sizeof out->deadline, sqlite3_column_text(q, 9));
    out->contact = dup_text(sqlite3_column_text(q, 10));
    out->receipt = dup_text(sqlite3_column_text(q, 11));
    out->sync_state = sqlite3_column_int(q, 12) == 1 ? PC_SYNC_SYNCED : PC_SYNC_PENDING;
    out->synced_at = sqlite3_column_int64(q, 13);
    out->purged = sqlite3_column_int64(q, 14) != 0;
}

static bool json_text_is(const char *text, json_type type)
{
    json_t *v = text ? json_loads(text, 0, NULL) : NULL;
    bool ok = v && json_typeof(v) == type;
    json_decref(v);
    return ok;
}

static bool sub_valid(const pc_submission *sub)
{
    return sub->receipt_id[0] && memchr(sub->receipt_id, 0, sizeof sub->receipt_id) &&
           sub->kiosk_id[0] && memchr(sub->kiosk_id, 0, sizeof sub->kiosk_id) &&
           sub->policy_id[0] && memchr(sub->policy_id, 0, sizeof sub->policy_id) &&
           memchr(sub->pack_version, 0, sizeof sub->pack_version) && sub->outcome[0] &&
           memchr(sub->outcome, 0, sizeof sub->outcome) &&
           memchr(sub->deadline, 0, sizeof sub->deadline) &&
           json_text_is(sub->answers_json, JSON_OBJECT) &&
           json_text_is(sub->basis_json, JSON_ARRAY);
}

static void copy_text(char *dst, size_t size, const unsigned char *src)
{
    snprintf(dst, size, "%s", src ? (const char *)src : "");
}

static char *dup_text(const unsigned char *src)
{
    return src ? strdup((const char *)src) : NULL;
}

static pc_store_status exec(pc_store *s, const char *sql)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? PC_STORE_OK : fail(s, rc);
}

static pc_store_status rollback_if_open(pc_store *s, pc_store_status st)
{
    if (st != PC_STORE_OK && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
    return st;
}

static pc_store_status fail(pc_store *s, int rc)
{
    snprintf(s->errmsg, sizeof s->errmsg, "%s (%d)", sqlite3_errmsg(s->db), rc);
    return status_from_rc(rc);
}

static pc_store_status status_from_rc(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
        return PC_STORE_OK;
    case SQLITE_FULL:
        return PC_STORE_FULL;
    case SQLITE_READONLY:
        return PC_STORE_READONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return PC_STORE_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return PC_STORE_CORRUPT;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
        return PC_STORE_IO;
    case SQLITE_PERM:
        return PC_STORE_READONLY;
    case SQLITE_CONSTRAINT:
        return rc == SQLITE_CONSTRAINT_UNIQUE ? PC_STORE_DUPLICATE : PC_STORE_INVALID;
    default:
        return PC_STORE_ERROR;
    }
}
