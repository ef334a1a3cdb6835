/* recv_store_pg.c — the receiver's store in PostgreSQL through libpq (recv_store.h),
 * for several receiver instances on one database. Every promise is the database's:
 * submissions unique by (kiosk_id, receipt_id) with ON CONFLICT DO NOTHING, the claim
 * an upsert of the idempotency row, the answer written in the batch's transaction.
 * synchronous_commit is set on for the session, so an acknowledged batch survives a
 * crash of the database server. A dropped connection is reset before the next
 * statement. Statements are prepared once per session; a batch's inserts go in one
 * round trip a few hundred (libpq's pipeline mode). */
#include "recv_store.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

typedef struct pg {
    pc_recv_store base; /* first: a pc_recv_store * is a pg * */
    PGconn *conn;
} pg;

/* Taken by the one that creates the tables, so that instances started together with
 * --create do not trip over each other. */
static const char schema_sql[] =
    "SELECT pg_advisory_xact_lock(7310247);"
    "CREATE TABLE IF NOT EXISTS submission ("
    " seq bigserial PRIMARY KEY,"
    " kiosk_id text NOT NULL,"
    " receipt_id text NOT NULL,"
    " received_at bigint NOT NULL,"
    " source text NOT NULL,"
    " doc jsonb NOT NULL,"
    " UNIQUE (kiosk_id, receipt_id));"
    "CREATE TABLE IF NOT EXISTS idempotency ("
    " kiosk_id text NOT NULL,"
    " key text NOT NULL,"
    " body_hash text NOT NULL,"
    " status integer NOT NULL,"
    " answer text NOT NULL,"
    " created_at bigint NOT NULL,"
    " lease_until bigint NOT NULL DEFAULT 0,"
    " claim text NOT NULL DEFAULT '',"
    " PRIMARY KEY (kiosk_id, key));"
    "CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency (created_at);";

/* Added since: made at every session start when missing (databases of older receivers
 * get them on first use), under the same lock. */
static const char schema_added_sql[] = "SELECT pg_advisory_xact_lock(7310247);"
                                       "CREATE TABLE IF NOT EXISTS kiosk_status ("
                                       " kiosk_id text PRIMARY KEY,"
                                       " received_at bigint NOT NULL,"
                                       " clock_seen bigint NOT NULL,"
                                       " doc jsonb NOT NULL);"
                                       "CREATE TABLE IF NOT EXISTS operator ("
                                       " name text PRIMARY KEY,"
                                       " pwhash text NOT NULL,"
                                       " created_at bigint NOT NULL);";

/* The staff desks' records (added with them, made the same way). */
static const char schema_desk_sql[] = "SELECT pg_advisory_xact_lock(7310247);"
                                      "CREATE TABLE IF NOT EXISTS desk_record ("
                                      " seq bigserial PRIMARY KEY,"
                                      " desk_id text NOT NULL,"
                                      " desk_seq bigint NOT NULL,"
                                      " receipt_id text NOT NULL,"
                                      " kiosk_id text NOT NULL,"
                                      " action text NOT NULL,"
                                      " clerk_id text NOT NULL,"
                                      " at bigint NOT NULL,"
                                      " materials jsonb NOT NULL,"
                                      " reason text NOT NULL,"
                                      " received_at bigint NOT NULL,"
                                      " UNIQUE (desk_id, desk_seq));"
                                      "CREATE INDEX IF NOT EXISTS desk_record_receipt"
                                      " ON desk_record (receipt_id);"
                                      "ALTER TABLE desk_record ADD COLUMN IF NOT EXISTS"
                                      " receipt_created_at bigint NOT NULL DEFAULT 0;";

/* The console's session key (one row, the first instance's; ON CONFLICT DO NOTHING
 * then read, so instances started together agree), the sessions signed out before
 * their expiry, checked on every console request by every instance, the console's
 * rollups with their watermark (recv_rollup.c), and the failed sign-ins in a row per
 * operator name and client address (counted by every instance together). */
static const char schema_console_sql[] = "SELECT pg_advisory_xact_lock(7310247);"
                                         "CREATE TABLE IF NOT EXISTS console_key ("
                                         " id integer PRIMARY KEY CHECK (id = 1),"
                                         " key text NOT NULL);"
                                         "CREATE TABLE IF NOT EXISTS console_signout ("
                                         " session text PRIMARY KEY,"
                                         " expires_at bigint NOT NULL);"
                                         "CREATE INDEX IF NOT EXISTS console_signout_expiry"
                                         " ON console_signout (expires_at);"
                                         "CREATE TABLE IF NOT EXISTS console_roll ("
                                         " kind text NOT NULL, day bigint NOT NULL,"
                                         " kiosk_id text NOT NULL, policy text NOT NULL,"
                                         " item text NOT NULL, a bigint NOT NULL,"
                                         " b bigint NOT NULL,"
                                         " PRIMARY KEY (kind, day, kiosk_id, policy, item));"
                                         "CREATE TABLE IF NOT EXISTS console_roll_mark ("
                                         " id integer PRIMARY KEY CHECK (id = 1),"
                                         " seq bigint NOT NULL);"
                                         "INSERT INTO console_roll_mark (id, seq) VALUES (1, 0)"
                                         " ON CONFLICT (id) DO NOTHING;"
                                         "CREATE TABLE IF NOT EXISTS console_signin_failure ("
                                         " subject text PRIMARY KEY,"
                                         " failures integer NOT NULL,"
                                         " last_at bigint NOT NULL);"
                                         "CREATE INDEX IF NOT EXISTS console_signin_failure_last"
                                         " ON console_signin_failure (last_at);";

typedef struct stmt {
    const char *name, *sql;
} stmt;

static const stmt statements[] = {
    {"insert", "INSERT INTO submission (kiosk_id, receipt_id, received_at, source, doc)"
               " VALUES ($1, $2, $3, $4, $5::jsonb)"
               " ON CONFLICT (kiosk_id, receipt_id) DO NOTHING"},
    {"claim", "INSERT INTO idempotency (kiosk_id, key, body_hash, status, answer, created_at,"
              " lease_until, claim) VALUES ($1, $2, $3, 0, '', $4, $5, $6)"
              " ON CONFLICT (kiosk_id, key) DO UPDATE SET created_at = EXCLUDED.created_at,"
              " lease_until = EXCLUDED.lease_until, claim = EXCLUDED.claim"
              " WHERE idempotency.status = 0 AND idempotency.lease_until < EXCLUDED.created_at"
              " AND idempotency.body_hash = EXCLUDED.body_hash"},
    {"lookup", "SELECT body_hash, status, answer FROM idempotency"
               " WHERE kiosk_id = $1 AND key = $2"},
    {"finish", "UPDATE idempotency SET status = $4, answer = $5, created_at = $6,"
               " lease_until = 0, claim = ''"
               " WHERE kiosk_id = $1 AND key = $2 AND status = 0 AND claim = $3"},
    {"release", "DELETE FROM idempotency WHERE kiosk_id = $1 AND key = $2 AND status = 0"
                " AND claim = $3"},
    {"count", "SELECT count(*) FROM submission"},
    {"has", "SELECT 1 FROM submission WHERE kiosk_id = $1 AND receipt_id = $2"},
    {"each", "SELECT seq, received_at, receipt_id, kiosk_id, source, doc::text"
             " FROM submission WHERE seq > $1 ORDER BY seq"},
    {"sweep", "DELETE FROM idempotency WHERE created_at < $1"},
    {"status_put", "INSERT INTO kiosk_status (kiosk_id, received_at, clock_seen, doc)"
                   " VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (kiosk_id) DO UPDATE SET"
                   " received_at = EXCLUDED.received_at, clock_seen = EXCLUDED.clock_seen,"
                   " doc = EXCLUDED.doc"},
    {"status_each", "SELECT kiosk_id, received_at, clock_seen, doc::text FROM kiosk_status"
                    " ORDER BY kiosk_id"},
    {"operator_put", "INSERT INTO operator (name, pwhash, created_at) VALUES ($1, $2, $3)"
                     " ON CONFLICT (name) DO UPDATE SET pwhash = EXCLUDED.pwhash"},
    {"operator_get", "SELECT pwhash FROM operator WHERE name = $1"},
};

static const stmt desk_statements[] = {
    {"desk_insert", "INSERT INTO desk_record (desk_id, desk_seq, receipt_id, kiosk_id, action,"
                    " clerk_id, at, materials, reason, received_at, receipt_created_at)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)"
                    " ON CONFLICT (desk_id, desk_seq) DO NOTHING"},
    {"desk_each",
     "SELECT r.seq, r.received_at, r.desk_id, r.desk_seq, r.receipt_id, r.kiosk_id,"
     " r.action, r.clerk_id, r.at, r.materials::text, r.reason,"
     " COALESCE(s.doc->>'policy_id', ''), COALESCE(s.kiosk_id, ''),"
     " r.receipt_created_at FROM desk_record r LEFT JOIN LATERAL (SELECT t.doc, t.kiosk_id"
     "  FROM submission t WHERE t.kiosk_id = r.kiosk_id"
     "  AND t.receipt_id = r.receipt_id UNION ALL SELECT * FROM"
     "  (SELECT t.doc, t.kiosk_id FROM submission t WHERE r.kiosk_id = ''"
     "   AND t.receipt_id = r.receipt_id ORDER BY t.seq LIMIT 1) u LIMIT 1) s"
     " ON true WHERE r.seq > $1 ORDER BY r.seq"},
};

static const stmt console_statements[] = {
    {"console_key_put", "INSERT INTO console_key (id, key) VALUES (1, $1)"
                        " ON CONFLICT (id) DO NOTHING"},
    {"console_key_get", "SELECT key FROM console_key WHERE id = 1"},
    {"session_end", "INSERT INTO console_signout (session, expires_at) VALUES ($1, $2)"
                    " ON CONFLICT (session) DO NOTHING"},
    {"session_sweep", "DELETE FROM console_signout WHERE expires_at <= $1"},
    {"session_ended", "SELECT 1 FROM console_signout WHERE session = $1"},
    {"signin_failures", "SELECT failures, last_at FROM console_signin_failure"
                        " WHERE subject = $1"},
    {"signin_failed", "INSERT INTO console_signin_failure (subject, failures, last_at)"
                      " VALUES ($1, 1, $2) ON CONFLICT (subject) DO UPDATE SET failures ="
                      " CASE WHEN console_signin_failure.last_at < $3 THEN 1"
                      " ELSE console_signin_failure.failures + 1 END,"
                      " last_at = EXCLUDED.last_at RETURNING failures"},
    {"signin_forget", "DELETE FROM console_signin_failure WHERE last_at < $1"},
    {"signin_clear", "DELETE FROM console_signin_failure WHERE subject = $1"},
    {"roll_mark", "SELECT seq FROM console_roll_mark WHERE id = 1"},
    {"roll_mark_lock", "SELECT seq FROM console_roll_mark WHERE id = 1 FOR UPDATE"},
    {"roll_add", "INSERT INTO console_roll (kind, day, kiosk_id, policy, item, a, b)"
                 " VALUES ($1, $2, $3, $4, $5, $6, $7)"
                 " ON CONFLICT (kind, day, kiosk_id, policy, item) DO UPDATE SET"
                 " a = console_roll.a + EXCLUDED.a, b = CASE WHEN console_roll.kind = 'k'"
                 " THEN GREATEST(console_roll.b, EXCLUDED.b) ELSE console_roll.b + EXCLUDED.b"
                 " END"},
    {"roll_mark_set", "UPDATE console_roll_mark SET seq = $1 WHERE id = 1"},
    {"roll_each", "SELECT kind, day, kiosk_id, policy, item, a, b FROM console_roll"
                  " WHERE kind = $1"},
};

static bool fail(pg *p, const char *what, const PGresult *r);
static bool desk_session(pg *p);
static bool prepare_all(pg *p, const char *schema_sql, const stmt *list, size_t n);
static PGresult *run(pg *p, const char *name, int n, const char *const *v, ExecStatusType want);
static bool run_ok(pg *p, const char *name, int n, const char *const *v, size_t *changes);
static bool session(pg *p, bool create, char *err, size_t errsize);
static bool insert_chunk(pg *p, const char *const v[5], const pc_recv_doc *docs, size_t n,
                         bool *fresh);
static bool ready(pg *p);
static void quiet(void *arg, const char *message);
static void pg_close(pc_recv_store *s);

static bool pg_open(const char *uri, int flags, pc_recv_store **out, char *err, size_t errsize)
{
    pg *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errsize, "out of memory");
        return false;
    }
    p->base.ops = pc_recv_store_pg_ops();
    p->conn = PQconnectdb(uri);
    if (!p->conn || PQstatus(p->conn) != CONNECTION_OK) {
        const char *why = p->conn ? PQerrorMessage(p->conn) : "out of memory";
        snprintf(err, errsize, "PostgreSQL: %.*s", (int)strcspn(why, "\n"), why);
        pg_close(&p->base);
        return false;
    }
    PQsetNoticeProcessor(p->conn, quiet, NULL);
    if (!session(p, flags & PC_RECV_STORE_CREATE, err, errsize)) {
        pg_close(&p->base);
        return false;
    }
    *out = &p->base;
    return true;
}

/* Durability, the schema (made when asked, else required), the prepared statements. */
static bool session(pg *p, bool create, char *err, size_t errsize)
{
    PGresult *r = PQexec(p->conn, "SET synchronous_commit TO on;"
                                  "SELECT to_regclass('submission') IS NOT NULL"
                                  " AND to_regclass('idempotency') IS NOT NULL");
    bool ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    bool have = ok && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
    if (!ok)
        fail(p, "session", r);
    PQclear(r);
    if (ok && !have && !create) {
        snprintf(p->base.errmsg, sizeof p->base.errmsg,
                 "no receiver tables in this database "
                 "(`receiver init --db URI` or --create makes them)");
        ok = false;
    }
    if (ok && !have) {
        r = PQexec(p->conn, schema_sql);
        ok = PQresultStatus(r) == PGRES_COMMAND_OK || fail(p, "schema", r);
        PQclear(r);
    }
    if (ok) {
        r = PQexec(p->conn, schema_added_sql);
        ok = PQresultStatus(r) == PGRES_COMMAND_OK || fail(p, "schema", r);
        PQclear(r);
    }
    for (size_t i = 0; ok && i < sizeof statements / sizeof *statements; i++) {
        r = PQprepare(p->conn, statements[i].name, statements[i].sql, 0, NULL);
        ok = PQresultStatus(r) == PGRES_COMMAND_OK || fail(p, statements[i].name, r);
        PQclear(r);
    }
    ok = ok && desk_session(p) &&
         prepare_all(p, schema_console_sql, console_statements,
                     sizeof console_statements / sizeof *console_statements);
    if (!ok)
        snprintf(err, errsize, "PostgreSQL: %s", p->base.errmsg);
    return ok;
}

/* A connection lost (the server restarted) is reset, and the session set up again. */
static bool ready(pg *p)
{
    if (PQstatus(p->conn) == CONNECTION_OK)
        return true;
    char err[256];
    PQreset(p->conn);
    if (PQstatus(p->conn) == CONNECTION_OK && session(p, false, err, sizeof err))
        return true;
    return fail(p, "reconnect", NULL);
}

static void quiet(void *arg, const char *message)
{
    (void)arg, (void)message;
}

static void pg_close(pc_recv_store *s)
{
    pg *p = (pg *)s;
    PQfinish(p->conn);
    free(p);
}

/* ------------------------------------------------------------------ transactions */

static bool pg_begin(pc_recv_store *s)
{
    pg *p = (pg *)s;
    if (!ready(p))
        return false;
    PGresult *r = PQexec(p->conn, "BEGIN");
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || fail(p, "begin", r);
    PQclear(r);
    return ok;
}

/* COMMIT of a failed transaction answers "ROLLBACK": only "COMMIT" is a commit. */
static bool pg_commit(pc_recv_store *s)
{
    pg *p = (pg *)s;
    PGresult *r = PQexec(p->conn, "COMMIT");
    bool ok = (PQresultStatus(r) == PGRES_COMMAND_OK && strcmp(PQcmdStatus(r), "COMMIT") == 0) ||
              fail(p, "commit", r);
    PQclear(r);
    return ok;
}

static void pg_rollback(pc_recv_store *s)
{
    PQclear(PQexec(((pg *)s)->conn, "ROLLBACK"));
}

/* Inserts a round trip: the server's answers to one chunk (a few dozen bytes each)
 * always fit in the socket's buffers, so neither side can wait on the other however
 * large a bundle is. */
#define INSERT_CHUNK 256

/* In the batch's transaction, in pipeline mode: a chunk of inserts and a sync (which
 * does not commit inside BEGIN) per round trip instead of one round trip a row. */
static bool pg_insert(pc_recv_store *s, const char *kiosk_id, const char *source, int64_t now,
                      const pc_recv_doc *docs, size_t n, bool *fresh)
{
    pg *p = (pg *)s;
    char t[24];
    snprintf(t, sizeof t, "%" PRId64, now);
    const char *v[5] = {kiosk_id, NULL, t, source, NULL};
    if (PQenterPipelineMode(p->conn) != 1)
        return fail(p, "insert", NULL);
    bool ok = true;
    for (size_t i = 0; ok && i < n; i += INSERT_CHUNK)
        ok = insert_chunk(p, v, docs + i, n - i < INSERT_CHUNK ? n - i : INSERT_CHUNK, fresh + i);
    if (PQexitPipelineMode(p->conn) != 1) { /* results left unread: a fresh session */
        ok = ok && fail(p, "insert", NULL);
        char err[256];
        PQreset(p->conn);
        if (PQstatus(p->conn) == CONNECTION_OK)
            session(p, false, err, sizeof err);
    }
    return ok;
}

/* Queues n inserts and a sync, then reads each insert's result (and the NULL after
 * it) and the sync's; after an error the rest come back aborted, and the transaction
 * is rolled back by the caller. */
static bool insert_chunk(pg *p, const char *const v[5], const pc_recv_doc *docs, size_t n,
                         bool *fresh)
{
    bool sent = true;
    for (size_t i = 0; sent && i < n; i++) {
        const char *row[] = {v[0], docs[i].receipt_id, v[2], v[3], docs[i].text};
        sent = PQsendQueryPrepared(p->conn, "insert", 5, row, NULL, NULL, 0) == 1;
    }
    if (!sent || PQpipelineSync(p->conn) != 1)
        return fail(p, "insert", NULL);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        PGresult *r = PQgetResult(p->conn);
        ok = ok && (PQresultStatus(r) == PGRES_COMMAND_OK || fail(p, "insert", r));
        fresh[i] = ok && strcmp(PQcmdTuples(r), "1") == 0;
        PQclear(r);
        if (r)
            PQclear(PQgetResult(p->conn)); /* the end of this insert's results */
    }
    PGresult *r = PQgetResult(p->conn);
    ok = (PQresultStatus(r) == PGRES_PIPELINE_SYNC || fail(p, "insert", r)) && ok;
    PQclear(r);
    return ok;
}

/* ------------------------------------------------------------------ claims */

static bool pg_claim(pc_recv_store *s, const pc_recv_key *k, int64_t now, int64_t lease_until,
                     bool *claimed)
{
    pg *p = (pg *)s;
    char t[24], u[24];
    snprintf(t, sizeof t, "%" PRId64, now);
    snprintf(u, sizeof u, "%" PRId64, lease_until);
    const char *v[] = {k->kiosk_id, k->key, k->body_hash, t, u, k->token};
    size_t changes = 0;
    bool ok = ready(p) && run_ok(p, "claim", 6, v, &changes);
    *claimed = ok && changes == 1;
    return ok;
}

static bool pg_lookup(pc_recv_store *s, const pc_recv_key *k, bool *found, char *hash, int *status,
                      char **answer)
{
    pg *p = (pg *)s;
    const char *v[] = {k->kiosk_id, k->key};
    PGresult *r = ready(p) ? run(p, "lookup", 2, v, PGRES_TUPLES_OK) : NULL;
    if (!r)
        return false;
    *found = PQntuples(r) == 1;
    if (*found) {
        snprintf(hash, PC_PROTO_HASH_HEX, "%s", PQgetvalue(r, 0, 0));
        *status = atoi(PQgetvalue(r, 0, 1));
        *answer = *status ? strdup(PQgetvalue(r, 0, 2)) : NULL;
    }
    PQclear(r);
    return true;
}

static bool pg_finish(pc_recv_store *s, const pc_recv_key *k, int status, const char *answer,
                      int64_t now, bool *kept)
{
    pg *p = (pg *)s;
    char st[16], t[24];
    snprintf(st, sizeof st, "%d", status);
    snprintf(t, sizeof t, "%" PRId64, now);
    const char *v[] = {k->kiosk_id, k->key, k->token, st, answer, t};
    size_t changes = 0;
    bool ok = run_ok(p, "finish", 6, v, &changes);
    *kept = changes == 1;
    return ok;
}

static bool pg_release(pc_recv_store *s, const pc_recv_key *k)
{
    pg *p = (pg *)s;
    const char *v[] = {k->kiosk_id, k->key, k->token};
    return ready(p) && run_ok(p, "release", 3, v, NULL);
}

/* ------------------------------------------------------------------ reading, sweeping */

static bool pg_count(pc_recv_store *s, size_t *n)
{
    pg *p = (pg *)s;
    PGresult *r = ready(p) ? run(p, "count", 0, NULL, PGRES_TUPLES_OK) : NULL;
    *n = r ? (size_t)strtoull(PQgetvalue(r, 0, 0), NULL, 10) : 0;
    PQclear(r);
    return r != NULL;
}

static bool pg_has(pc_recv_store *s, const char *kiosk_id, const char *receipt_id, bool *found)
{
    pg *p = (pg *)s;
    const char *v[] = {kiosk_id, receipt_id};
    PGresult *r = ready(p) ? run(p, "has", 2, v, PGRES_TUPLES_OK) : NULL;
    *found = r && PQntuples(r) == 1;
    PQclear(r);
    return r != NULL;
}

/* Row by row (single-row mode): an export of millions of rows holds one at a time. */
static bool pg_each(pc_recv_store *s, int64_t after, pc_recv_row_fn fn, void *ctx)
{
    pg *p = (pg *)s;
    char a[24];
    snprintf(a, sizeof a, "%" PRId64, after);
    const char *v[] = {a};
    if (!ready(p) || !PQsendQueryPrepared(p->conn, "each", 1, v, NULL, NULL, 0))
        return fail(p, "list", NULL);
    PQsetSingleRowMode(p->conn);
    bool go = true, ok = true;
    PGresult *r;
    while ((r = PQgetResult(p->conn)) != NULL) {
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_SINGLE_TUPLE && go) {
            pc_recv_row row = {strtoll(PQgetvalue(r, 0, 0), NULL, 10),
                               strtoll(PQgetvalue(r, 0, 1), NULL, 10),
                               PQgetvalue(r, 0, 2),
                               PQgetvalue(r, 0, 3),
                               PQgetvalue(r, 0, 4),
                               PQgetvalue(r, 0, 5)};
            go = fn(ctx, &row);
        } else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK) {
            ok = fail(p, "list", r);
        }
        PQclear(r);
    }
    if (!go)
        snprintf(p->base.errmsg, sizeof p->base.errmsg, "list: output failed");
    return ok && go;
}

static bool pg_sweep(pc_recv_store *s, int64_t before, size_t *n)
{
    pg *p = (pg *)s;
    char b[24];
    snprintf(b, sizeof b, "%" PRId64, before);
    const char *v[] = {b};
    return ready(p) && run_ok(p, "sweep", 1, v, n);
}

/* ------------------------------------------------------------------ statuses, operators */

static bool pg_status_put(pc_recv_store *s, const pc_recv_status_row *row)
{
    pg *p = (pg *)s;
    char t[24], c[24];
    snprintf(t, sizeof t, "%" PRId64, row->received_at);
    snprintf(c, sizeof c, "%" PRId64, row->clock_seen);
    const char *v[] = {row->kiosk_id, t, c, row->doc};
    return ready(p) && run_ok(p, "status_put", 4, v, NULL);
}

static bool pg_status_each(pc_recv_store *s, pc_recv_status_fn fn, void *ctx)
{
    pg *p = (pg *)s;
    PGresult *r = ready(p) ? run(p, "status_each", 0, NULL, PGRES_TUPLES_OK) : NULL;
    bool go = r != NULL;
    for (int i = 0; go && i < PQntuples(r); i++) {
        pc_recv_status_row row = {PQgetvalue(r, i, 0), strtoll(PQgetvalue(r, i, 1), NULL, 10),
                                  strtoll(PQgetvalue(r, i, 2), NULL, 10), PQgetvalue(r, i, 3)};
        go = fn(ctx, &row);
    }
    bool ok = r != NULL;
    PQclear(r);
    return ok;
}

static bool pg_operator_put(pc_recv_store *s, const char *name, const char *pwhash, int64_t now)
{
    pg *p = (pg *)s;
    char t[24];
    snprintf(t, sizeof t, "%" PRId64, now);
    const char *v[] = {name, pwhash, t};
    return ready(p) && run_ok(p, "operator_put", 3, v, NULL);
}

static bool pg_operator_get(pc_recv_store *s, const char *name, char *pwhash, bool *found)
{
    pg *p = (pg *)s;
    const char *v[] = {name};
    PGresult *r = ready(p) ? run(p, "operator_get", 1, v, PGRES_TUPLES_OK) : NULL;
    *found = r && PQntuples(r) == 1;
    if (*found)
        snprintf(pwhash, PC_RECV_PWHASH_MAX, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    return r != NULL;
}

/* ------------------------------------------------------------------ desk records */

/* The desks' table when missing, and its statements. */
static bool desk_session(pg *p)
{
    PGresult *r = PQexec(p->conn, schema_desk_sql);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || fail(p, "schema", r);
    PQclear(r);
    for (size_t i = 0; ok && i < sizeof desk_statements / sizeof *desk_statements; i++) {
        r = PQprepare(p->conn, desk_statements[i].name, desk_statements[i].sql, 0, NULL);
        ok = PQresultStatus(r) == PGRES_COMMAND_OK || fail(p, desk_statements[i].name, r);
        PQclear(r);
    }
    return ok;
}

static bool pg_desk_insert(pc_recv_store *s, int64_t now, const pc_recv_desk_row *rows, size_t n,
                           bool *fresh)
{
    pg *p = (pg *)s;
    char t[24], seq[24], at[24], made[24];
    snprintf(t, sizeof t, "%" PRId64, now);
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        const pc_recv_desk_row *r = &rows[i];
        snprintf(seq, sizeof seq, "%" PRId64, r->desk_seq);
        snprintf(at, sizeof at, "%" PRId64, r->at);
        snprintf(made, sizeof made, "%" PRId64, r->receipt_created_at);
        const char *v[] = {r->desk_id,  seq, r->receipt_id, r->kiosk_id, r->action,
                           r->clerk_id, at,  r->materials,  r->reason,   t,
                           made};
        size_t changes = 0;
        ok = run_ok(p, "desk_insert", 11, v, &changes);
        fresh[i] = changes == 1;
    }
    return ok;
}

static bool pg_desk_each(pc_recv_store *s, int64_t after, pc_recv_desk_fn fn, void *ctx)
{
    pg *p = (pg *)s;
    char a[24];
    snprintf(a, sizeof a, "%" PRId64, after);
    const char *v[] = {a};
    PGresult *r = ready(p) ? run(p, "desk_each", 1, v, PGRES_TUPLES_OK) : NULL;
    bool go = r != NULL;
    for (int i = 0; go && i < PQntuples(r); i++) {
#define T(c) PQgetvalue(r, i, c)
        pc_recv_desk_row row = {.seq = strtoll(T(0), NULL, 10),
                                .received_at = strtoll(T(1), NULL, 10),
                                .desk_id = T(2),
                                .desk_seq = strtoll(T(3), NULL, 10),
                                .receipt_id = T(4),
                                .kiosk_id = T(5),
                                .action = T(6),
                                .clerk_id = T(7),
                                .at = strtoll(T(8), NULL, 10),
                                .materials = T(9),
                                .reason = T(10),
                                .policy_id = T(11),
                                .precheck_kiosk = T(12),
                                .receipt_created_at = strtoll(T(13), NULL, 10)};
#undef T
        go = fn(ctx, &row);
    }
    bool ok = r != NULL;
    PQclear(r);
    if (ok && !go)
        snprintf(p->base.errmsg, sizeof p->base.errmsg, "desk list: output failed");
    return ok && go;
}

/* ------------------------------------------------------------------ console sessions */

static bool pg_console_key(pc_recv_store *s, const char *fresh, char *key)
{
    pg *p = (pg *)s;
    const char *v[] = {fresh};
    PGresult *r = ready(p) && run_ok(p, "console_key_put", 1, v, NULL)
                      ? run(p, "console_key_get", 0, NULL, PGRES_TUPLES_OK)
                      : NULL;
    bool ok = r && PQntuples(r) == 1;
    if (ok)
        snprintf(key, PC_RECV_CONSOLE_KEY_HEX, "%s", PQgetvalue(r, 0, 0));
    else if (r)
        snprintf(p->base.errmsg, sizeof p->base.errmsg, "console key: missing");
    PQclear(r);
    return ok;
}

static bool pg_session_end(pc_recv_store *s, const char *session, int64_t expires_at, int64_t now)
{
    pg *p = (pg *)s;
    char e[24], t[24];
    snprintf(e, sizeof e, "%" PRId64, expires_at);
    snprintf(t, sizeof t, "%" PRId64, now);
    const char *v[] = {session, e}, *w[] = {t};
    return ready(p) && run_ok(p, "session_end", 2, v, NULL) &&
           run_ok(p, "session_sweep", 1, w, NULL);
}

static bool pg_session_ended(pc_recv_store *s, const char *session, bool *ended)
{
    pg *p = (pg *)s;
    const char *v[] = {session};
    PGresult *r = ready(p) ? run(p, "session_ended", 1, v, PGRES_TUPLES_OK) : NULL;
    *ended = r && PQntuples(r) > 0;
    PQclear(r);
    return r != NULL;
}

/* ------------------------------------------------------------------ failed sign-ins */

static bool pg_signin_failures(pc_recv_store *s, const char *subject, int *failures,
                               int64_t *last_at)
{
    pg *p = (pg *)s;
    const char *v[] = {subject};
    PGresult *r = ready(p) ? run(p, "signin_failures", 1, v, PGRES_TUPLES_OK) : NULL;
    bool held = r && PQntuples(r) == 1;
    *failures = held ? atoi(PQgetvalue(r, 0, 0)) : 0;
    *last_at = held ? strtoll(PQgetvalue(r, 0, 1), NULL, 10) : 0;
    PQclear(r);
    return r != NULL;
}

static bool pg_signin_failed(pc_recv_store *s, const char *subject, int64_t now,
                             int64_t forget_before, int *failures)
{
    pg *p = (pg *)s;
    char t[24], f[24];
    snprintf(t, sizeof t, "%" PRId64, now);
    snprintf(f, sizeof f, "%" PRId64, forget_before);
    const char *v[] = {subject, t, f}, *w[] = {f};
    PGresult *r = ready(p) ? run(p, "signin_failed", 3, v, PGRES_TUPLES_OK) : NULL;
    bool ok = r && PQntuples(r) == 1;
    *failures = ok ? atoi(PQgetvalue(r, 0, 0)) : 0;
    if (r && !ok)
        snprintf(p->base.errmsg, sizeof p->base.errmsg, "failed sign-ins: no count returned");
    PQclear(r);
    return ok && run_ok(p, "signin_forget", 1, w, NULL);
}

static bool pg_signin_clear(pc_recv_store *s, const char *subject, bool *cleared)
{
    pg *p = (pg *)s;
    const char *v[] = {subject};
    size_t changes = 0;
    bool ok = ready(p) && run_ok(p, "signin_clear", 1, v, &changes);
    *cleared = ok && changes > 0;
    return ok;
}

/* ------------------------------------------------------------------ rollups */

static bool pg_read_begin(pc_recv_store *s)
{
    pg *p = (pg *)s;
    if (!ready(p))
        return false;
    PGresult *r = PQexec(p->conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || fail(p, "begin", r);
    PQclear(r);
    return ok;
}

static bool pg_roll_mark(pc_recv_store *s, bool lock, int64_t *mark)
{
    pg *p = (pg *)s;
    PGresult *r = run(p, lock ? "roll_mark_lock" : "roll_mark", 0, NULL, PGRES_TUPLES_OK);
    bool ok = r && PQntuples(r) == 1;
    *mark = ok ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
    if (r && !ok)
        snprintf(p->base.errmsg, sizeof p->base.errmsg, "rollups: no watermark");
    PQclear(r);
    return ok;
}

static bool pg_roll_put(pc_recv_store *s, const pc_recv_roll_row *rows, size_t n, int64_t mark)
{
    pg *p = (pg *)s;
    char day[24], a[24], b[24], m[24];
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        const pc_recv_roll_row *r = &rows[i];
        char kind[2] = {r->kind, '\0'};
        snprintf(day, sizeof day, "%" PRId64, r->day);
        snprintf(a, sizeof a, "%" PRId64, r->a);
        snprintf(b, sizeof b, "%" PRId64, r->b);
        const char *v[] = {kind, day, r->kiosk_id, r->policy, r->item, a, b};
        ok = run_ok(p, "roll_add", 7, v, NULL);
    }
    snprintf(m, sizeof m, "%" PRId64, mark);
    const char *v[] = {m};
    return ok && run_ok(p, "roll_mark_set", 1, v, NULL);
}

static bool pg_roll_each(pc_recv_store *s, char kind, pc_recv_roll_fn fn, void *ctx)
{
    pg *p = (pg *)s;
    char k[2] = {kind, '\0'};
    const char *v[] = {k};
    PGresult *r = ready(p) ? run(p, "roll_each", 1, v, PGRES_TUPLES_OK) : NULL;
    bool go = r != NULL;
    for (int i = 0; go && i < PQntuples(r); i++) {
        pc_recv_roll_row row = {PQgetvalue(r, i, 0)[0],
                                strtoll(PQgetvalue(r, i, 1), NULL, 10),
                                PQgetvalue(r, i, 2),
                                PQgetvalue(r, i, 3),
                                PQgetvalue(r, i, 4),
                                strtoll(PQgetvalue(r, i, 5), NULL, 10),
                                strtoll(PQgetvalue(r, i, 6), NULL, 10)};
        go = fn(ctx, &row);
    }
    bool ok = r != NULL;
    PQclear(r);
    return ok;
}

/* ------------------------------------------------------------------ helpers */

/* A group of tables made when missing (under the schema lock) and its statements. */
static bool prepare_all(pg *p, const char *schema_sql, const stmt *list, size_t n)
{
    PGresult *r = PQexec(p->conn, schema_sql);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || fail(p, "schema", r);
    PQclear(r);
    for (size_t i = 0; ok && i < n; i++) {
        r = PQprepare(p->conn, list[i].name, list[i].sql, 0, NULL);
        ok = PQresultStatus(r) == PGRES_COMMAND_OK || fail(p, list[i].name, r);
        PQclear(r);
    }
    return ok;
}

static bool fail(pg *p, const char *what, const PGresult *r)
{
    const char *why =
        r && PQresultErrorMessage(r)[0] ? PQresultErrorMessage(r) : PQerrorMessage(p->conn);
    snprintf(p->base.errmsg, sizeof p->base.errmsg, "%s: %.*s", what, (int)strcspn(why, "\n"), why);
    return false;
}

/* Runs a prepared statement; the result when its status is `want`, else NULL. */
static PGresult *run(pg *p, const char *name, int n, const char *const *v, ExecStatusType want)
{
    PGresult *r = PQexecPrepared(p->conn, name, n, v, NULL, NULL, 0);
    if (PQresultStatus(r) == want)
        return r;
    fail(p, name, r);
    PQclear(r);
    return NULL;
}

static bool run_ok(pg *p, const char *name, int n, const char *const *v, size_t *changes)
{
    PGresult *r = run(p, name, n, v, PGRES_COMMAND_OK);
    if (r && changes)
        *changes = (size_t)strtoull(PQcmdTuples(r), NULL, 10);
    PQclear(r);
    return r != NULL;
}

const pc_recv_store_ops *pc_recv_store_pg_ops(void)
{
    static const pc_recv_store_ops ops = {.name = "postgresql",
                                          .open = pg_open,
                                          .close = pg_close,
                                          .begin = pg_begin,
                                          .commit = pg_commit,
                                          .rollback = pg_rollback,
                                          .insert = pg_insert,
                                          .claim = pg_claim,
                                          .lookup = pg_lookup,
                                          .finish = pg_finish,
                                          .release = pg_release,
                                          .count = pg_count,
                                          .has = pg_has,
                                          .each = pg_each,
                                          .sweep = pg_sweep,
                                          .status_put = pg_status_put,
                                          .status_each = pg_status_each,
                                          .operator_put = pg_operator_put,
                                          .operator_get = pg_operator_get,
                                          .desk_insert = pg_desk_insert,
                                          .desk_each = pg_desk_each,
                                          .console_key = pg_console_key,
                                          .session_end = pg_session_end,
                                          .session_ended = pg_session_ended,
                                          .signin_failures = pg_signin_failures,
                                          .signin_failed = pg_signin_failed,
                                          .signin_clear = pg_signin_clear,
                                          .read_begin = pg_read_begin,
                                          .roll_mark = pg_roll_mark,
                                          .roll_put = pg_roll_put,
                                          .roll_each = pg_roll_each};
    return &ops;
}
