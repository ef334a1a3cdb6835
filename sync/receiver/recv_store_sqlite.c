/* recv_store_sqlite.c — the receiver's store in one SQLite file (recv_store.h): the
 * embedded default. WAL, synchronous=FULL (a batch is on disk before it is
 * acknowledged); the server's pooled connections take turns at writing on the pool's
 * mutex, and a 5 s busy timeout lets several receivers on one file take turns. The file
 * is created 0600 and only when asked (PC_RECV_STORE_CREATE) and marked as ours
 * (application_id "PCRV"), so that another program's SQLite file is never taken over;
 * a database of the first schema (receipt ids unique across kiosks) is migrated in
 * place to the current one (schema version 3: the kiosks' statuses and the console's
 * operators; 4: the staff desks' records; 5: the console's session key and its
 * sign-outs, shared by every receiver on the file; 6: a submission held once under
 * (kiosk, its time, receipt id), an index that grows at one end, see migrate_5; 7: the
 * console's failed sign-ins, see migrate_6). */
#include "recv_store.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#define SCHEMA_VERSION 7
#define APPLICATION_ID 0x50435256 /* "PCRV": PRAGMA application_id of our files */
/* How long opening waits for the write lock while another receiver on the file
 * migrates it (migrate_5 copies the submissions: about 11 s a million rows). */
#define SCHEMA_WAIT_MS (10 * 60 * 1000)

/* The statements every batch runs, prepared once a connection (on first use) and kept
 * until it closes; the rest are prepared when called. */
typedef enum { K_INSERT, K_CLAIM, K_LOOKUP, K_FINISH, K_RELEASE, K_COUNT_ } kept_id;

static const char *const kept_sql[K_COUNT_] = {
    [K_INSERT] = "INSERT INTO submission(kiosk_id, receipt_id, received_at,"
                 " source, doc, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                 " ON CONFLICT (kiosk_id, created_at, receipt_id) DO NOTHING",
    [K_CLAIM] = "INSERT INTO idempotency(kiosk_id, key, body_hash, status,"
                " answer, created_at, lease_until, claim) VALUES (?1, ?2, ?3, 0, '', ?4, ?5, ?6)"
                " ON CONFLICT (kiosk_id, key) DO UPDATE SET created_at = excluded.created_at,"
                " lease_until = excluded.lease_until, claim = excluded.claim"
                " WHERE idempotency.status = 0 AND idempotency.lease_until < excluded.created_at"
                " AND idempotency.body_hash = excluded.body_hash",
    [K_LOOKUP] = "SELECT body_hash, status, answer FROM idempotency"
                 " WHERE kiosk_id = ?1 AND key = ?2",
    [K_FINISH] = "UPDATE idempotency SET status = ?4, answer = ?5,"
                 " created_at = ?6, lease_until = 0, claim = ''"
                 " WHERE kiosk_id = ?1 AND key = ?2 AND status = 0 AND claim = ?3",
    [K_RELEASE] = "DELETE FROM idempotency WHERE kiosk_id = ?1 AND key = ?2"
                  " AND status = 0 AND claim = ?3",
};

typedef struct sq {
    pc_recv_store base; /* first: a pc_recv_store * is a sq * */
    sqlite3 *db;
    sqlite3_stmt *kept[K_COUNT_]; /* kept_id; NULL until first used */
    pthread_mutex_t *write_lock;  /* the pool's, shared by its stores; NULL: none */
    bool writing;                 /* holds write_lock (begin until commit/rollback) */
} sq;

/* Every commit fsynced to the log (synchronous=FULL). The log is copied into the file
 * every 10,000 pages (about 40 MB) rather than SQLite's 1,000, so that a checkpoint
 * writes each page once instead of again and again (measured when the key index took
 * random keys: at 100,000 submissions half the bytes written to the file, 10 instead of
 * 57 fsyncs of it). Durability is the same: a commit is on the disk once its log frames
 * are. */
static const char durable_wal[] =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=10000;";

static const char schema_tables[] =
    "CREATE TABLE IF NOT EXISTS submission("
    " seq INTEGER PRIMARY KEY,"
    " kiosk_id TEXT NOT NULL,"
    " receipt_id TEXT NOT NULL,"
    " received_at INTEGER NOT NULL,"
    " source TEXT NOT NULL,"
    " doc TEXT NOT NULL,"
    " UNIQUE (kiosk_id, receipt_id));"
    "CREATE TABLE IF NOT EXISTS idempotency("
    " kiosk_id TEXT NOT NULL,"
    " key TEXT NOT NULL,"
    " body_hash TEXT NOT NULL,"
    " status INTEGER NOT NULL," /* 0: in flight */
    " answer TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " lease_until INTEGER NOT NULL DEFAULT 0,"
    " claim TEXT NOT NULL DEFAULT '',"
    " PRIMARY KEY (kiosk_id, key));"
    "CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency(created_at);"
    "PRAGMA user_version = 2; PRAGMA application_id = 1346589270;";

/* Schema 2 to 3 (also the last step of a new file): statuses and operators. */
static const char migrate_2[] = "CREATE TABLE IF NOT EXISTS kiosk_status("
                                " kiosk_id TEXT PRIMARY KEY,"
                                " received_at INTEGER NOT NULL,"
                                " clock_seen INTEGER NOT NULL,"
                                " doc TEXT NOT NULL);"
                                "CREATE TABLE IF NOT EXISTS operator("
                                " name TEXT PRIMARY KEY,"
                                " pwhash TEXT NOT NULL,"
                                " created_at INTEGER NOT NULL);"
                                "PRAGMA user_version = 3;";

/* Schema 3 to 4: the staff desks' records, held once per (desk, the desk's seq). */
static const char migrate_3[] = "CREATE TABLE IF NOT EXISTS desk_record("
                                " seq INTEGER PRIMARY KEY,"
                                " desk_id TEXT NOT NULL,"
                                " desk_seq INTEGER NOT NULL,"
                                " receipt_id TEXT NOT NULL,"
                                " kiosk_id TEXT NOT NULL,"
                                " action TEXT NOT NULL,"
                                " clerk_id TEXT NOT NULL,"
                                " at INTEGER NOT NULL,"
                                " materials TEXT NOT NULL,"
                                " reason TEXT NOT NULL,"
                                " received_at INTEGER NOT NULL,"
                                " UNIQUE (desk_id, desk_seq));"
                                "CREATE INDEX IF NOT EXISTS desk_record_receipt"
                                " ON desk_record(receipt_id);"
                                "PRAGMA user_version = 4;";

/* Schema 4 to 5: the console's session key (one row, made by the first receiver to
 * open the file), the sessions signed out before their expiry, and the console's
 * rollups with their watermark (recv_rollup.c). */
static const char migrate_4[] = "CREATE TABLE IF NOT EXISTS console_key("
                                " id INTEGER PRIMARY KEY CHECK (id = 1),"
                                " key TEXT NOT NULL);"
                                "CREATE TABLE IF NOT EXISTS console_signout("
                                " session TEXT PRIMARY KEY,"
                                " expires_at INTEGER NOT NULL);"
                                "CREATE INDEX IF NOT EXISTS console_signout_expiry"
                                " ON console_signout(expires_at);"
                                "CREATE TABLE IF NOT EXISTS console_roll("
                                " kind TEXT NOT NULL, day INTEGER NOT NULL,"
                                " kiosk_id TEXT NOT NULL, policy TEXT NOT NULL,"
                                " item TEXT NOT NULL, a INTEGER NOT NULL, b INTEGER NOT NULL,"
                                " PRIMARY KEY (kind, day, kiosk_id, policy, item));"
                                "CREATE TABLE IF NOT EXISTS console_roll_mark("
                                " id INTEGER PRIMARY KEY CHECK (id = 1),"
                                " seq INTEGER NOT NULL);"
                                "INSERT INTO console_roll_mark(id, seq) VALUES (1, 0)"
                                " ON CONFLICT (id) DO NOTHING;"
                                "PRAGMA user_version = 5;";

/* Schema 5 to 6: a submission is held once under (kiosk, created_at, receipt id)
 * instead of (kiosk, receipt id). The same submission always comes with the same
 * created_at (the kiosk's, in the signed document), so nothing is held twice that was
 * held once before. Receipt ids are random: the old index took each batch's keys all
 * over itself, and the pages a commit dirtied grew with the table (a 100,000-row sync
 * cost 11-12x a 10,000-row one). A kiosk's rows come in the order it made them, so the
 * new index grows at each kiosk's end. A desk record keeps the receipt's time, so the
 * console finds its pre-check by the whole key (filled here from the old index for the
 * records already held). The table is copied once and the index built after, sorted. */
static const char migrate_5[] =
    "ALTER TABLE desk_record ADD COLUMN receipt_created_at INTEGER NOT NULL DEFAULT 0;"
    "UPDATE desk_record SET receipt_created_at = COALESCE((SELECT"
    " CAST(json_extract(t.doc, '$.created_at_unix') AS INTEGER) FROM submission t"
    " WHERE t.kiosk_id = desk_record.kiosk_id AND t.receipt_id = desk_record.receipt_id), 0)"
    " WHERE kiosk_id <> '';"
    "CREATE TABLE submission_v6("
    " seq INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL, receipt_id TEXT NOT NULL,"
    " created_at INTEGER NOT NULL, received_at INTEGER NOT NULL, source TEXT NOT NULL,"
    " doc TEXT NOT NULL);"
    "INSERT INTO submission_v6(seq, kiosk_id, receipt_id, created_at, received_at, source, doc)"
    " SELECT seq, kiosk_id, receipt_id,"
    " COALESCE(CAST(json_extract(doc, '$.created_at_unix') AS INTEGER), 0),"
    " received_at, source, doc FROM submission;"
    "DROP TABLE submission;"
    "ALTER TABLE submission_v6 RENAME TO submission;"
    "CREATE UNIQUE INDEX submission_key ON submission(kiosk_id, created_at, receipt_id);"
    "PRAGMA user_version = 6;";

/* Schema 6 to 7: the console's failed sign-ins in a row, per operator name and per
 * client address (recv_console.c locks a subject out from them), kept here so that
 * every receiver on the file counts together and a restart forgets nothing. */
static const char migrate_6[] = "CREATE TABLE IF NOT EXISTS console_signin_failure("
                                " subject TEXT PRIMARY KEY,"
                                " failures INTEGER NOT NULL,"
                                " last_at INTEGER NOT NULL);"
                                "CREATE INDEX IF NOT EXISTS console_signin_failure_last"
                                " ON console_signin_failure(last_at);"
                                "PRAGMA user_version = 7;";

/* Schema 1 (receipt_id UNIQUE on its own, no claims) to 2. */
static const char migrate_1[] =
    "CREATE TABLE submission_v2("
    " seq INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL, receipt_id TEXT NOT NULL,"
    " received_at INTEGER NOT NULL, source TEXT NOT NULL, doc TEXT NOT NULL,"
    " UNIQUE (kiosk_id, receipt_id));"
    "INSERT INTO submission_v2(seq, kiosk_id, receipt_id, received_at, source, doc)"
    " SELECT seq, kiosk_id, receipt_id, received_at, source, doc FROM submission;"
    "DROP TABLE submission;"
    "ALTER TABLE submission_v2 RENAME TO submission;"
    "ALTER TABLE idempotency ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE idempotency ADD COLUMN claim TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency(created_at);"
    "PRAGMA user_version = 2; PRAGMA application_id = 1346589270;";

static bool fail(sq *d, const char *what);
static sqlite3_stmt *prep(sq *d, const char *sql, const char *what);
static sqlite3_stmt *cached(sq *d, kept_id id, const char *what);
static void cached_done(sqlite3_stmt *q);
/* The cached statement id, prepared now on its first use. */
static sqlite3_stmt *cached(sq *d, kept_id id, const char *what)
{
    if (!d->kept[id] && sqlite3_prepare_v3(d->db, kept_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                           &d->kept[id], NULL) != SQLITE_OK) {
        fail(d, what);
        sqlite3_finalize(d->kept[id]);
        d->kept[id] = NULL;
    }
    return d->kept[id];
}

/* Back to unused (a statement left stepping would hold its snapshot) and unbound. */
static void cached_done(sqlite3_stmt *q)
{
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
}

static void bind_key(sqlite3_stmt *q, const pc_recv_key *k);
static bool step_done(sq *d, sqlite3_stmt *q, const char *what, size_t *changes);
static bool make_file(const char *path, char *err, size_t errsize);
static bool schema(sq *d, const char *path, bool create, char *err, size_t errsize);
static bool schema_step(sq *d, int to, const char *sql);
static void sq_close(pc_recv_store *s);

static bool sq_open(const char *path, int flags, pc_recv_store **out, char *err, size_t errsize)
{
    bool create = flags & PC_RECV_STORE_CREATE;
    sq *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errsize, "out of memory");
        return false;
    }
    d->base.ops = pc_recv_store_sqlite_ops();
    if (create && !make_file(path, err, errsize)) {
        free(d);
        return false;
    }
    int rc = sqlite3_open_v2(path, &d->db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_CANTOPEN)
        snprintf(err, errsize,
                 "%s: no such database (a mistyped path? --create or "
                 "`receiver init` makes a new one)",
                 path);
    else if (rc != SQLITE_OK)
        snprintf(err, errsize, "%s: %s", path, sqlite3_errmsg(d->db));
    if (rc != SQLITE_OK) {
        sq_close(&d->base);
        return false;
    }
    sqlite3_busy_timeout(d->db, SCHEMA_WAIT_MS); /* another receiver's migration */
    if (!schema(d, path, create, err, errsize)) {
        sq_close(&d->base);
        return false;
    }
    sqlite3_busy_timeout(d->db, 5000);
    *out = &d->base;
    return true;
}

/* A new file is made 0600 by us, never by SQLite (which would follow the umask). */
static bool make_file(const char *path, char *err, size_t errsize)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 && errno != EEXIST) {
        snprintf(err, errsize, "%s: cannot create: %s", path, strerror(errno));
        return false;
    }
    if (fd >= 0)
        close(fd);
    return true;
}

/* What the file is, read before anything is written to it. */
typedef struct kind {
    int app, version, ours, all; /* application_id, user_version, our tables, all */
} kind;

static bool read_kind(sq *d, kind *k)
{
    sqlite3_stmt *q = NULL;
    bool ok = sqlite3_prepare_v2(d->db,
                                 "SELECT (SELECT application_id FROM pragma_application_id),"
                                 " (SELECT user_version FROM pragma_user_version),"
                                 " (SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                 "  AND name IN ('submission', 'idempotency')),"
                                 " (SELECT count(*) FROM sqlite_schema)",
                                 -1, &q, NULL) == SQLITE_OK &&
              sqlite3_step(q) == SQLITE_ROW;
    if (ok)
        *k = (kind){sqlite3_column_int(q, 0), sqlite3_column_int(q, 1), sqlite3_column_int(q, 2),
                    sqlite3_column_int(q, 3)};
    sqlite3_finalize(q);
    return ok;
}

/* Ours (application_id), the first receiver's (its two tables, no ids), empty (made
 * when asked), or someone else's (never taken over). Then WAL, then create/migrate. */
static bool schema(sq *d, const char *path, bool create, char *err, size_t errsize)
{
    kind k = {0};
    bool ok = read_kind(d, &k);
    bool legacy = ok && k.app == 0 && k.version == 0 && k.ours == 2;
    bool empty = ok && k.app == 0 && k.all == 0;
    const char *why = !ok ? sqlite3_errmsg(d->db)
                      : k.app == APPLICATION_ID && k.version > SCHEMA_VERSION
                          ? "made by a newer receiver"
                      : k.app != APPLICATION_ID && !legacy && !empty ? "not a receiver database"
                      : empty && !create ? "not a receiver database (empty; --create or "
                                           "`receiver init` makes its tables)"
                                         : NULL;
    if (!why && sqlite3_exec(d->db, durable_wal, NULL, NULL, NULL) != SQLITE_OK)
        why = sqlite3_errmsg(d->db);
    if (!why && (legacy || empty) && !schema_step(d, 2, legacy ? migrate_1 : schema_tables))
        why = d->base.errmsg;
    static const char *const steps[] = {migrate_2, migrate_3, migrate_4, migrate_5, migrate_6};
    for (int to = 3; !why && to <= SCHEMA_VERSION; to++)
        if ((legacy || empty || k.version < to) && !schema_step(d, to, steps[to - 3]))
            why = d->base.errmsg;
    if (why)
        snprintf(err, errsize, "%s: %s", path, why);
    return !why;
}

/* One step of the schema up to version `to`, in its own write transaction, taken only
 * if the file is still below `to` once the transaction holds the write lock: several
 * receivers may open one file at once, and the one that waited for another's migration
 * finds it done rather than doing it again (and failing on what is already there). */
static bool schema_step(sq *d, int to, const char *sql)
{
    sqlite3_stmt *q = NULL;
    int version = -1;
    bool ok = sqlite3_exec(d->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(d->db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
              sqlite3_step(q) == SQLITE_ROW;
    if (ok)
        version = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    ok = ok && (version >= to || sqlite3_exec(d->db, sql, NULL, NULL, NULL) == SQLITE_OK) &&
         sqlite3_exec(d->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok) {
        fail(d, "schema");
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
    }
    return ok;
}

static void sq_close(pc_recv_store *s)
{
    sq *d = (sq *)s;
    for (int i = 0; i < K_COUNT_; i++)
        sqlite3_finalize(d->kept[i]);
    sqlite3_close(d->db);
    free(d);
}

/* ------------------------------------------------------------------ transactions */

/* The pool's stores write one at a time: a second connection asking for the file's
 * write lock would wait in SQLite's busy handler, which sleeps 1, 2, 5 ... 100 ms
 * between tries, while a thread waiting on this mutex is woken as soon as it frees.
 * Other processes on the file still meet the busy timeout. */
static bool write_lock(sq *d)
{
    if (!d->write_lock || d->writing)
        return false;
    pthread_mutex_lock(d->write_lock);
    return d->writing = true;
}

static void write_unlock(sq *d)
{
    if (d->writing) {
        d->writing = false;
        pthread_mutex_unlock(d->write_lock);
    }
}

static void sq_share_write_lock(pc_recv_store *s, pthread_mutex_t *lock)
{
    ((sq *)s)->write_lock = lock;
}

static bool sq_begin(pc_recv_store *s)
{
    sq *d = (sq *)s;
    write_lock(d);
    if (sqlite3_exec(d->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK)
        return true;
    write_unlock(d);
    return fail(d, "begin");
}

/* A failed COMMIT may leave the transaction open (SQLITE_BUSY): the lock is then held
 * until the rollback that follows. */
static bool sq_commit(pc_recv_store *s)
{
    sq *d = (sq *)s;
    bool ok = sqlite3_exec(d->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK || fail(d, "commit");
    if (sqlite3_get_autocommit(d->db))
        write_unlock(d);
    return ok;
}

static void sq_rollback(pc_recv_store *s)
{
    sq *d = (sq *)s;
    sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
    write_unlock(d);
}

static bool sq_insert(pc_recv_store *s, const char *kiosk_id, const char *source, int64_t now,
                      const pc_recv_doc *docs, size_t n, bool *fresh)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = cached(d, K_INSERT, "insert");
    bool ok = q != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        size_t changes = 0;
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, kiosk_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, docs[i].receipt_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, now);
        sqlite3_bind_text(q, 4, source, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 5, docs[i].text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 6, docs[i].created_at);
        ok = step_done(d, q, "insert", &changes);
        fresh[i] = changes == 1;
    }
    if (q)
        cached_done(q);
    return ok;
}

/* ------------------------------------------------------------------ claims */

/* The claim only keeps a key from being worked on twice at once; it is committed without
 * its own fsync (synchronous=NORMAL for this one statement). A power cut can lose it, and
 * with it nothing: no batch was stored under it unless the batch's own commit, fsynced
 * and later in the log, carried the claim to the disk too. */
static bool sq_claim(pc_recv_store *s, const pc_recv_key *k, int64_t now, int64_t lease_until,
                     bool *claimed)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = cached(d, K_CLAIM, "claim");
    size_t changes = 0;
    bool ok = false;
    if (q && sqlite3_exec(d->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL) != SQLITE_OK)
        q = NULL, fail(d, "claim");
    if (q) {
        bind_key(q, k);
        sqlite3_bind_text(q, 3, k->body_hash, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 4, now);
        sqlite3_bind_int64(q, 5, lease_until);
        sqlite3_bind_text(q, 6, k->token, -1, SQLITE_STATIC);
        bool mine = write_lock(d); /* an autocommit write */
        ok = step_done(d, q, "claim", &changes);
        if (mine)
            write_unlock(d);
        cached_done(q);
        if (sqlite3_exec(d->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL) != SQLITE_OK)
            ok = fail(d, "claim"); /* every later commit must be durable again */
    }
    *claimed = ok && changes == 1;
    return ok;
}

static bool sq_lookup(pc_recv_store *s, const pc_recv_key *k, bool *found, char *hash, int *status,
                      char **answer)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = cached(d, K_LOOKUP, "lookup");
    if (!q)
        return false;
    bind_key(q, k);
    int rc = sqlite3_step(q);
    *found = rc == SQLITE_ROW;
    if (*found) {
        snprintf(hash, PC_PROTO_HASH_HEX, "%s", (const char *)sqlite3_column_text(q, 0));
        *status = sqlite3_column_int(q, 1);
        *answer = *status ? strdup((const char *)sqlite3_column_text(q, 2)) : NULL;
    }
    bool ok = rc == SQLITE_ROW || rc == SQLITE_DONE || fail(d, "lookup");
    cached_done(q);
    return ok;
}

static bool sq_finish(pc_recv_store *s, const pc_recv_key *k, int status, const char *answer,
                      int64_t now, bool *kept)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = cached(d, K_FINISH, "finish");
    size_t changes = 0;
    bool ok = false;
    if (q) {
        bind_key(q, k);
        sqlite3_bind_text(q, 3, k->token, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 4, status);
        sqlite3_bind_text(q, 5, answer, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 6, now);
        ok = step_done(d, q, "finish", &changes);
        cached_done(q);
    }
    *kept = changes == 1;
    return ok;
}

static bool sq_release(pc_recv_store *s, const pc_recv_key *k)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = cached(d, K_RELEASE, "release");
    bool ok = false;
    if (q) {
        bind_key(q, k);
        sqlite3_bind_text(q, 3, k->token, -1, SQLITE_STATIC);
        bool mine = write_lock(d); /* an autocommit write */
        ok = step_done(d, q, "release", NULL);
        if (mine)
            write_unlock(d);
        cached_done(q);
    }
    return ok;
}

/* ------------------------------------------------------------------ reading, sweeping */

static bool sq_count(pc_recv_store *s, size_t *n)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d, "SELECT count(*) FROM submission", "count");
    bool ok = q && sqlite3_step(q) == SQLITE_ROW;
    *n = ok ? (size_t)sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    return ok || fail(d, "count");
}

static bool sq_has(pc_recv_store *s, const char *kiosk_id, const char *receipt_id, bool *found)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d,
                           "SELECT 1 FROM submission WHERE kiosk_id = ?1"
                           " AND receipt_id = ?2",
                           "has");
    if (!q)
        return false;
    sqlite3_bind_text(q, 1, kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, receipt_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *found = rc == SQLITE_ROW;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || fail(d, "has");
}

static bool sq_each(pc_recv_store *s, int64_t after, pc_recv_row_fn fn, void *ctx)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d,
                           "SELECT seq, receipt_id, kiosk_id, received_at, source, doc"
                           " FROM submission WHERE seq > ?1 ORDER BY seq",
                           "list");
    if (!q)
        return false;
    sqlite3_bind_int64(q, 1, after);
    int rc;
    bool go = true;
    while (go && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        pc_recv_row row = {sqlite3_column_int64(q, 0),
                           sqlite3_column_int64(q, 3),
                           (const char *)sqlite3_column_text(q, 1),
                           (const char *)sqlite3_column_text(q, 2),
                           (const char *)sqlite3_column_text(q, 4),
                           (const char *)sqlite3_column_text(q, 5)};
        go = fn(ctx, &row);
    }
    sqlite3_finalize(q);
    if (!go)
        snprintf(d->base.errmsg, sizeof d->base.errmsg, "list: output failed");
    return go && (rc == SQLITE_DONE || fail(d, "list"));
}

static bool sq_sweep(pc_recv_store *s, int64_t before, size_t *n)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d, "DELETE FROM idempotency WHERE created_at < ?1", "sweep");
    bool ok = false;
    if (q) {
        sqlite3_bind_int64(q, 1, before);
        bool mine = write_lock(d); /* an autocommit write */
        ok = step_done(d, q, "sweep", n);
        if (mine)
            write_unlock(d);
    }
    sqlite3_finalize(q);
    return ok;
}

/* ------------------------------------------------------------------ statuses, operators */

static bool sq_status_put(pc_recv_store *s, const pc_recv_status_row *row)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d,
                           "INSERT INTO kiosk_status(kiosk_id, received_at, clock_seen, doc)"
                           " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (kiosk_id) DO UPDATE SET"
                           " received_at = excluded.received_at,"
                           " clock_seen = excluded.clock_seen, doc = excluded.doc",
                           "status");
    bool ok = false;
    if (q) {
        sqlite3_bind_text(q, 1, row->kiosk_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, row->received_at);
        sqlite3_bind_int64(q, 3, row->clock_seen);
        sqlite3_bind_text(q, 4, row->doc, -1, SQLITE_STATIC);
        bool mine = write_lock(d); /* an autocommit write */
        ok = step_done(d, q, "status", NULL);
        if (mine)
            write_unlock(d);
    }
    sqlite3_finalize(q);
    return ok;
}

static bool sq_status_each(pc_recv_store *s, pc_recv_status_fn fn, void *ctx)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d,
                           "SELECT kiosk_id, received_at, clock_seen, doc FROM kiosk_status"
                           " ORDER BY kiosk_id",
                           "statuses");
    if (!q)
        return false;
    int rc;
    bool go = true;
    while (go && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        pc_recv_status_row row = {(const char *)sqlite3_column_text(q, 0),
                                  sqlite3_column_int64(q, 1), sqlite3_column_int64(q, 2),
                                  (const char *)sqlite3_column_text(q, 3)};
        go = fn(ctx, &row);
    }
    sqlite3_finalize(q);
    return !go || rc == SQLITE_DONE || fail(d, "statuses");
}

static bool sq_operator_put(pc_recv_store *s, const char *name, const char *pwhash, int64_t now)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d,
                           "INSERT INTO operator(name, pwhash, created_at) VALUES (?1, ?2, ?3)"
                           " ON CONFLICT (name) DO UPDATE SET pwhash = excluded.pwhash",
                           "operator");
    bool ok = false;
    if (q) {
        sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, pwhash, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, now);
        ok = step_done(d, q, "operator", NULL);
    }
    sqlite3_finalize(q);
    return ok;
}

static bool sq_operator_get(pc_recv_store *s, const char *name, char *pwhash, bool *found)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d, "SELECT pwhash FROM operator WHERE name = ?1", "operator");
    if (!q)
        return false;
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *found = rc == SQLITE_ROW;
    if (*found)
        snprintf(pwhash, PC_RECV_PWHASH_MAX, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || fail(d, "operator");
}

/* ------------------------------------------------------------------ console sessions */

static bool sq_console_key(pc_recv_store *s, const char *fresh, char *key)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d,
                           "INSERT INTO console_key(id, key) VALUES (1, ?1)"
                           " ON CONFLICT (id) DO NOTHING",
                           "console key");
    bool ok = false;
    if (q) {
        sqlite3_bind_text(q, 1, fresh, -1, SQLITE_STATIC);
        ok = step_done(d, q, "console key", NULL);
    }
    sqlite3_finalize(q);
    q = ok ? prep(d, "SELECT key FROM console_key WHERE id = 1", "console key") : NULL;
    ok = q && sqlite3_step(q) == SQLITE_ROW;
    if (ok)
        snprintf(key, PC_RECV_CONSOLE_KEY_HEX, "%s", (const char *)sqlite3_column_text(q, 0));
    else if (q)
        fail(d, "console key");
    sqlite3_finalize(q);
    return ok;
}

static bool sq_session_end(pc_recv_store *s, const char *session, int64_t expires_at, int64_t now)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d,
                           "INSERT INTO console_signout(session, expires_at) VALUES (?1, ?2)"
                           " ON CONFLICT (session) DO NOTHING",
                           "sign-out");
    bool ok = false;
    if (q) {
        sqlite3_bind_text(q, 1, session, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, expires_at);
        ok = step_done(d, q, "sign-out", NULL);
    }
    sqlite3_finalize(q);
    q = ok ? prep(d, "DELETE FROM console_signout WHERE expires_at <= ?1", "sign-out") : NULL;
    if (q) {
        sqlite3_bind_int64(q, 1, now);
        ok = step_done(d, q, "sign-out", NULL);
    }
    sqlite3_finalize(q);
    return ok && q;
}

static bool sq_session_ended(pc_recv_store *s, const char *session, bool *ended)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d, "SELECT 1 FROM console_signout WHERE session = ?1", "sign-out");
    if (!q)
        return false;
    sqlite3_bind_text(q, 1, session, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *ended = rc == SQLITE_ROW;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || fail(d, "sign-out");
}

/* ------------------------------------------------------------------ failed sign-ins */

static bool sq_signin_failures(pc_recv_store *s, const char *subject, int *failures,
                               int64_t *last_at)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d,
                           "SELECT failures, last_at FROM console_signin_failure"
                           " WHERE subject = ?1",
                           "failed sign-ins");
    if (!q)
        return false;
    sqlite3_bind_text(q, 1, subject, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *failures = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    *last_at = rc == SQLITE_ROW ? sqlite3_column_int64(q, 1) : 0;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || fail(d, "failed sign-ins");
}

static bool sq_signin_failed(pc_recv_store *s, const char *subject, int64_t now,
                             int64_t forget_before, int *failures)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d,
                           "INSERT INTO console_signin_failure(subject, failures, last_at)"
                           " VALUES (?1, 1, ?2) ON CONFLICT (subject) DO UPDATE SET"
                           " failures = CASE WHEN last_at < ?3 THEN 1 ELSE failures + 1 END,"
                           " last_at = excluded.last_at RETURNING failures",
                           "failed sign-ins");
    bool mine = write_lock(d); /* autocommit writes */
    bool ok = false;
    if (q) {
        sqlite3_bind_text(q, 1, subject, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, now);
        sqlite3_bind_int64(q, 3, forget_before);
        ok = sqlite3_step(q) == SQLITE_ROW;
        *failures = ok ? sqlite3_column_int(q, 0) : 0;
        ok = (ok && sqlite3_step(q) == SQLITE_DONE) || fail(d, "failed sign-ins");
    }
    sqlite3_finalize(q);
    q = ok ? prep(d, "DELETE FROM console_signin_failure WHERE last_at < ?1", "failed sign-ins")
           : NULL;
    if (q) {
        sqlite3_bind_int64(q, 1, forget_before);
        ok = step_done(d, q, "failed sign-ins", NULL);
    }
    if (mine)
        write_unlock(d);
    sqlite3_finalize(q);
    return ok && q;
}

static bool sq_signin_clear(pc_recv_store *s, const char *subject, bool *cleared)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q =
        prep(d, "DELETE FROM console_signin_failure WHERE subject = ?1", "failed sign-ins");
    size_t changes = 0;
    bool ok = false;
    if (q) {
        sqlite3_bind_text(q, 1, subject, -1, SQLITE_STATIC);
        bool mine = write_lock(d); /* an autocommit write */
        ok = step_done(d, q, "failed sign-ins", &changes);
        if (mine)
            write_unlock(d);
    }
    sqlite3_finalize(q);
    *cleared = ok && changes > 0;
    return ok;
}

/* ------------------------------------------------------------------ rollups */

static bool sq_read_begin(pc_recv_store *s)
{
    sq *d = (sq *)s;
    return sqlite3_exec(d->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK || fail(d, "begin");
}

/* The transaction is BEGIN IMMEDIATE (sq_begin): the file's one writer is the lock. */
static bool sq_roll_mark(pc_recv_store *s, bool lock, int64_t *mark)
{
    (void)lock;
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d, "SELECT seq FROM console_roll_mark WHERE id = 1", "rollups");
    int rc = q ? sqlite3_step(q) : SQLITE_ERROR;
    *mark = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || (q && fail(d, "rollups"));
}

static bool sq_roll_put(pc_recv_store *s, const pc_recv_roll_row *rows, size_t n, int64_t mark)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d,
                           "INSERT INTO console_roll(kind, day, kiosk_id, policy, item, a, b)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                           " ON CONFLICT (kind, day, kiosk_id, policy, item) DO UPDATE SET"
                           " a = console_roll.a + excluded.a, b = CASE WHEN"
                           " console_roll.kind = 'k' THEN max(console_roll.b, excluded.b)"
                           " ELSE console_roll.b + excluded.b END",
                           "rollups");
    bool ok = q != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        const pc_recv_roll_row *r = &rows[i];
        char kind[2] = {r->kind, '\0'};
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, kind, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 2, r->day);
        sqlite3_bind_text(q, 3, r->kiosk_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, r->policy, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 5, r->item, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 6, r->a);
        sqlite3_bind_int64(q, 7, r->b);
        ok = step_done(d, q, "rollups", NULL);
    }
    sqlite3_finalize(q);
    q = ok ? prep(d, "UPDATE console_roll_mark SET seq = ?1 WHERE id = 1", "rollups") : NULL;
    if (q) {
        sqlite3_bind_int64(q, 1, mark);
        ok = step_done(d, q, "rollups", NULL);
    }
    sqlite3_finalize(q);
    return ok && q;
}

static bool sq_roll_each(pc_recv_store *s, char kind, pc_recv_roll_fn fn, void *ctx)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d,
                           "SELECT kind, day, kiosk_id, policy, item, a, b FROM console_roll"
                           " WHERE kind = ?1",
                           "rollups");
    if (!q)
        return false;
    char k[2] = {kind, '\0'};
    sqlite3_bind_text(q, 1, k, -1, SQLITE_TRANSIENT);
    int rc;
    bool go = true;
    while (go && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        pc_recv_roll_row row = {((const char *)sqlite3_column_text(q, 0))[0],
                                sqlite3_column_int64(q, 1),
                                (const char *)sqlite3_column_text(q, 2),
                                (const char *)sqlite3_column_text(q, 3),
                                (const char *)sqlite3_column_text(q, 4),
                                sqlite3_column_int64(q, 5),
                                sqlite3_column_int64(q, 6)};
        go = fn(ctx, &row);
    }
    sqlite3_finalize(q);
    return !go || rc == SQLITE_DONE || fail(d, "rollups");
}

/* ------------------------------------------------------------------ desk records */

static bool sq_desk_insert(pc_recv_store *s, int64_t now, const pc_recv_desk_row *rows, size_t n,
                           bool *fresh)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(d,
                           "INSERT INTO desk_record(desk_id, desk_seq, receipt_id, kiosk_id,"
                           " action, clerk_id, at, materials, reason, received_at,"
                           " receipt_created_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                           " ON CONFLICT (desk_id, desk_seq) DO NOTHING",
                           "desk insert");
    bool ok = q != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        const pc_recv_desk_row *r = &rows[i];
        const char *text[] = {r->desk_id,  NULL, r->receipt_id, r->kiosk_id, r->action,
                              r->clerk_id, NULL, r->materials,  r->reason};
        size_t changes = 0;
        sqlite3_reset(q);
        for (int c = 0; c < 9; c++)
            if (text[c])
                sqlite3_bind_text(q, c + 1, text[c], -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, r->desk_seq);
        sqlite3_bind_int64(q, 7, r->at);
        sqlite3_bind_int64(q, 10, now);
        sqlite3_bind_int64(q, 11, r->receipt_created_at);
        ok = step_done(d, q, "desk insert", &changes);
        fresh[i] = changes == 1;
    }
    sqlite3_finalize(q);
    return ok;
}

/* The submission is found by its whole key (kiosk, time, receipt id: one look in the
 * index) when the desk read them from the receipt; failing that by kiosk and receipt
 * id (a walk of that kiosk's part of the index: records of desks older than the
 * field, records held before schema 6 whose pre-check came later, a pre-check not at
 * the department); with no kiosk by receipt id alone (a scan of the submissions: such
 * records are the exception, see sync/README.md). */
static bool sq_desk_each(pc_recv_store *s, int64_t after, pc_recv_desk_fn fn, void *ctx)
{
    sq *d = (sq *)s;
    sqlite3_stmt *q = prep(
        d,
        "SELECT r.seq, r.received_at, r.desk_id, r.desk_seq, r.receipt_id, r.kiosk_id, r.action,"
        " r.clerk_id, r.at, r.materials, r.reason,"
        " COALESCE(json_extract(s.doc, '$.policy_id'), ''), COALESCE(s.kiosk_id, ''),"
        " r.receipt_created_at"
        " FROM desk_record r LEFT JOIN submission s ON s.seq = CASE WHEN r.kiosk_id <> ''"
        "  THEN COALESCE((SELECT t.seq FROM submission t WHERE t.kiosk_id = r.kiosk_id"
        "   AND t.created_at = r.receipt_created_at AND t.receipt_id = r.receipt_id),"
        "   (SELECT t.seq FROM submission t WHERE t.kiosk_id = r.kiosk_id"
        "   AND t.receipt_id = r.receipt_id))"
        "  ELSE (SELECT t.seq FROM submission t WHERE t.receipt_id = r.receipt_id"
        "   ORDER BY t.seq LIMIT 1) END"
        " WHERE r.seq > ?1 ORDER BY r.seq",
        "desk list");
    if (!q)
        return false;
    sqlite3_bind_int64(q, 1, after);
    int rc;
    bool go = true;
#define T(c) ((const char *)sqlite3_column_text(q, c))
    while (go && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        pc_recv_desk_row row = {.seq = sqlite3_column_int64(q, 0),
                                .received_at = sqlite3_column_int64(q, 1),
                                .desk_id = T(2),
                                .desk_seq = sqlite3_column_int64(q, 3),
                                .receipt_id = T(4),
                                .kiosk_id = T(5),
                                .action = T(6),
                                .clerk_id = T(7),
                                .at = sqlite3_column_int64(q, 8),
                                .materials = T(9),
                                .reason = T(10),
                                .policy_id = T(11),
                                .precheck_kiosk = T(12),
                                .receipt_created_at = sqlite3_column_int64(q, 13)};
        go = fn(ctx, &row);
    }
#undef T
    sqlite3_finalize(q);
    if (!go)
        snprintf(d->base.errmsg, sizeof d->base.errmsg, "desk list: output failed");
    return go && (rc == SQLITE_DONE || fail(d, "desk list"));
}

/* ------------------------------------------------------------------ helpers */

static bool fail(sq *d, const char *what)
{
    snprintf(d->base.errmsg, sizeof d->base.errmsg, "%s: %s", what, sqlite3_errmsg(d->db));
    return false;
}

static sqlite3_stmt *prep(sq *d, const char *sql, const char *what)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(d->db, sql, -1, &q, NULL) != SQLITE_OK) {
        fail(d, what);
        sqlite3_finalize(q);
        return NULL;
    }
    return q;
}

static void bind_key(sqlite3_stmt *q, const pc_recv_key *k)
{
    sqlite3_bind_text(q, 1, k->kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, k->key, -1, SQLITE_STATIC);
}

static bool step_done(sq *d, sqlite3_stmt *q, const char *what, size_t *changes)
{
    if (sqlite3_step(q) != SQLITE_DONE)
        return fail(d, what);
    if (changes)
        *changes = (size_t)sqlite3_changes(d->db);
    return true;
}

const pc_recv_store_ops *pc_recv_store_sqlite_ops(void)
{
    static const pc_recv_store_ops ops = {.name = "sqlite",
                                          .open = sq_open,
                                          .close = sq_close,
                                          .begin = sq_begin,
                                          .commit = sq_commit,
                                          .rollback = sq_rollback,
                                          .insert = sq_insert,
                                          .claim = sq_claim,
                                          .lookup = sq_lookup,
                                          .finish = sq_finish,
                                          .release = sq_release,
                                          .count = sq_count,
                                          .has = sq_has,
                                          .each = sq_each,
                                          .sweep = sq_sweep,
                                          .status_put = sq_status_put,
                                          .status_each = sq_status_each,
                                          .operator_put = sq_operator_put,
                                          .operator_get = sq_operator_get,
                                          .desk_insert = sq_desk_insert,
                                          .desk_each = sq_desk_each,
                                          .console_key = sq_console_key,
                                          .session_end = sq_session_end,
                                          .session_ended = sq_session_ended,
                                          .signin_failures = sq_signin_failures,
                                          .signin_failed = sq_signin_failed,
                                          .signin_clear = sq_signin_clear,
                                          .read_begin = sq_read_begin,
                                          .roll_mark = sq_roll_mark,
                                          .roll_put = sq_roll_put,
                                          .roll_each = sq_roll_each,
                                          .share_write_lock = sq_share_write_lock};
    return &ops;
}
