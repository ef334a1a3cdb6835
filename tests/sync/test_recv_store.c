/* test_recv_store.c — the receiver's store (recv_store.h) on the backend under test:
 * SQLite by default, PostgreSQL under pg_cluster.sh (ctest label postgres). The same
 * checks on both: a batch stored once per kiosk however often it comes; receipt ids
 * scoped by kiosk (kiosk B's id never blocks kiosk A's); the claim's life (claimed,
 * 409 while in flight, 422 for another body, the answer replayed, released, a lapsed
 * lease taken over and the old holder's batch, a kiosk's or a desk's, then refused
 * whole); the sweep keeps
 * answers for the documented period and no longer; two connections racing for one
 * key or one batch (two instances) give one claim and one copy; a missing database is
 * an error unless created, and SQLite makes it 0600; a first-schema SQLite file and
 * one of schema 5 are migrated in place, also by two receivers opening it at once; list and export; a batch larger than a round trip of inserts
 * (PostgreSQL sends them a few hundred at a time) with some rows already held; a row the
 * database refuses in the middle of a batch stores none of it and leaves the connection
 * working; on SQLite a claim is committed without an fsync of its own, the batch and
 * every write after the claim with one. */
#define _GNU_SOURCE /* dlsym(RTLD_NEXT): the fsync counters below */
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "check.h"
#include "receipt.h"
#include "sync_test_util.h"

#define DAY 86400

/* fsync and fdatasync calls made in this process (SQLite's): counted, then passed on. */
static int syncs;

int fdatasync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    syncs++;
    return real(fd);
}

int fsync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    syncs++;
    return real(fd);
}

/* A batch body of n submissions from kiosk, with ids given or made (ids[i][0] == 0). */
static pc_proto_batch batch_of(const char *kiosk, char (*ids)[PC_RECEIPT_ID_SIZE], size_t n)
{
    json_t *subs = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!ids[i][0])
            pc_receipt_id_new(ids[i]);
        json_array_append_new(subs, json_pack("{s:s, s:s, s:s, s:{s:s}}", "receipt_id", ids[i],
                                              "kiosk_id", kiosk, "policy_id", "yunnan-sti",
                                              "result", "outcome", "exempt"));
    }
    json_t *root =
        json_pack("{s:i, s:s, s:o}", "protocol", 1, "kiosk_id", kiosk, "submissions", subs);
    pc_proto_batch b;
    char err[256];
    if (!pc_proto_batch_from_json(root, kiosk, PC_PROTO_MAX_BATCH, &b, err, sizeof err))
        die("batch", err);
    return b;
}

static size_t count(pc_recv_store *s)
{
    size_t n = 0;
    CHECK(pc_recv_store_count(s, &n));
    return n;
}

/* Stores the batch without a key (as a bundle); returns rows new. */
static size_t store(pc_recv_store *s, const char *kiosk, char (*ids)[PC_RECEIPT_ID_SIZE], size_t n)
{
    pc_proto_batch b = batch_of(kiosk, ids, n);
    size_t fresh = 99;
    char *answer = pc_recv_store_batch(s, NULL, kiosk, &b, "bundle", &fresh);
    CHECK(answer != NULL);
    free(answer);
    pc_proto_batch_free(&b);
    return fresh;
}

static void stored_once(fixture *f)
{
    pc_recv_store *s = fixture_store(f);
    char ids[50][PC_RECEIPT_ID_SIZE] = {{0}};
    CHECK(store(s, "k1", ids, 50) == 50);
    CHECK(store(s, "k1", ids, 50) == 0);
    CHECK(store(s, "k1", ids, 10) == 0);
    CHECK(count(s) == 50);
    CHECK(pc_recv_store_has(s, "k1", ids[49]));
    pc_recv_store_close(s);
}

/* A kiosk with a stolen key posts another kiosk's unsynced ids: both are held. */
static void ids_scoped_by_kiosk(fixture *f)
{
    pc_recv_store *s = fixture_store(f);
    char ids[5][PC_RECEIPT_ID_SIZE] = {{0}};
    CHECK(store(s, "hall9-thief", ids, 5) == 5);
    CHECK(store(s, "hall1-k01", ids, 5) == 5);
    CHECK(count(s) == 10);
    for (int i = 0; i < 5; i++)
        CHECK(pc_recv_store_has(s, "hall1-k01", ids[i]) &&
              pc_recv_store_has(s, "hall9-thief", ids[i]));
    CHECK(!pc_recv_store_has(s, "hall1-k02", ids[0]));
    pc_recv_store_close(s);
}

static pc_recv_claim claim(pc_recv_store *s, pc_recv_key *k, int64_t now, int *st, char **ans)
{
    *ans = NULL;
    return pc_recv_store_claim(s, k, now, 60, st, ans);
}

static void claim_life(fixture *f)
{
    pc_recv_store *s = fixture_store(f);
    int64_t now = (int64_t)time(NULL);
    int st = 0;
    char *ans = NULL, ids[3][PC_RECEIPT_ID_SIZE] = {{0}};
    pc_recv_key k = {"k1", "0123456789abcdef", "hash-a", ""}, other = k, same = k;
    other.body_hash = "hash-b";
    CHECK(claim(s, &k, now, &st, &ans) == PC_RECV_CLAIMED);
    CHECK(claim(s, &same, now + 1, &st, &ans) == PC_RECV_BUSY);
    CHECK(claim(s, &other, now + 1, &st, &ans) == PC_RECV_REUSED);
    pc_proto_batch b = batch_of("k1", ids, 3);
    char *first = pc_recv_store_batch(s, &k, "k1", &b, "http", NULL);
    CHECK(first && strstr(first, "\"stored_new\":3"));
    CHECK(claim(s, &same, now + 2, &st, &ans) == PC_RECV_REPLAY && st == 200);
    CHECK_STR(ans, first);
    free(ans);
    CHECK(claim(s, &other, now + 2, &st, &ans) == PC_RECV_REUSED);
    pc_recv_key fresh = {"k1", "fedcba9876543210", "hash-a", ""};
    CHECK(claim(s, &fresh, now, &st, &ans) == PC_RECV_CLAIMED);
    CHECK(pc_recv_store_release(s, &fresh));
    CHECK(claim(s, &fresh, now, &st, &ans) == PC_RECV_CLAIMED);
    pc_proto_batch_free(&b);
    free(first);
    pc_recv_store_close(s);
}

/* A claim whose instance died is taken over after its lease; if the first holder comes
 * back, its batch is refused whole and the new holder's stands. */
static void lapsed_lease(fixture *f)
{
    pc_recv_store *s = fixture_store(f);
    int64_t now = (int64_t)time(NULL);
    int st = 0;
    char *ans = NULL, ids[4][PC_RECEIPT_ID_SIZE] = {{0}};
    pc_recv_key a = {"k1", "lease-key-0000000", "h", ""}, b = a, c = a;
    CHECK(claim(s, &a, now - 120, &st, &ans) == PC_RECV_CLAIMED);
    CHECK(claim(s, &b, now - 100, &st, &ans) == PC_RECV_BUSY); /* lease still on */
    CHECK(claim(s, &b, now, &st, &ans) == PC_RECV_CLAIMED);    /* lapsed: taken over */
    CHECK(strcmp(a.token, b.token) != 0);
    pc_proto_batch batch = batch_of("k1", ids, 4);
    char *late = pc_recv_store_batch(s, &a, "k1", &batch, "http", NULL);
    CHECK(late == NULL && count(s) == 0);
    CHECK_STR(pc_recv_store_errmsg(s), "the claim on this key was taken over");
    CHECK(pc_recv_store_release(s, &a)); /* no longer a's: changes nothing */
    CHECK(claim(s, &c, now, &st, &ans) == PC_RECV_BUSY);
    char *text = pc_recv_store_batch(s, &b, "k1", &batch, "http", NULL);
    CHECK(text != NULL && count(s) == 4);
    free(text);
    pc_proto_batch_free(&batch);
    pc_recv_store_close(s);
}

static bool count_desk_row(void *ctx, const pc_recv_desk_row *row)
{
    (void)row;
    ++*(size_t *)ctx;
    return true;
}

/* The same for a desk's records (their own flow into the one transaction): the old
 * holder's records are refused whole, in words, and the new holder's stand. */
static void desk_lapsed_lease(fixture *f)
{
    pc_recv_store *s = fixture_store(f);
    int64_t now = (int64_t)time(NULL);
    int st = 0;
    size_t len = 0, rows = 0, fresh = 0;
    char *ans = NULL, id[PC_RECEIPT_ID_SIZE], scope[64], err[160];
    pc_receipt_id_new(id);
    pc_proto_desk_record rec = {.seq = 1,
                                .receipt_id = id,
                                .kiosk_id = "",
                                .action = "receive",
                                .clerk_id = "clerk1",
                                .at = now,
                                .reason = ""};
    char *body = pc_proto_desk_encode("hall1-desk1", &rec, 1, &len);
    pc_proto_desk_batch batch;
    if (!body || !pc_proto_desk_parse(body, len, "hall1-desk1", 10, &batch, err, sizeof err))
        die("desk batch", body ? err : "out of memory");
    CHECK(batch.n == 1 && !batch.items[0].reject);
    pc_recv_desk_scope("hall1-desk1", scope, sizeof scope);
    pc_recv_key a = {scope, "desk-lease-000000", "h", ""}, b = a;
    CHECK(claim(s, &a, now - 120, &st, &ans) == PC_RECV_CLAIMED);
    CHECK(claim(s, &b, now, &st, &ans) == PC_RECV_CLAIMED); /* lapsed: taken over */
    char *late = pc_recv_store_desk_batch(s, &a, "hall1-desk1", &batch, &fresh);
    CHECK(late == NULL && fresh == 0);
    CHECK_STR(pc_recv_store_errmsg(s), "the claim on this key was taken over");
    CHECK(pc_recv_store_desk_each(s, 0, count_desk_row, &rows) && rows == 0);
    char *text = pc_recv_store_desk_batch(s, &b, "hall1-desk1", &batch, &fresh);
    CHECK(text && strstr(text, "\"acknowledged\":[1],\"stored_new\":1") && fresh == 1);
    CHECK(pc_recv_store_desk_each(s, 0, count_desk_row, &rows) && rows == 1);
    CHECK(claim(s, &a, now, &st, &ans) == PC_RECV_REPLAY && st == 200);
    CHECK_STR(ans, text);
    free(ans);
    free(text);
    free(body);
    pc_proto_desk_batch_free(&batch);
    pc_recv_store_close(s);
}

/* Answers are kept PC_RECV_KEEP_DAYS_DEFAULT days, then swept; a key swept and sent
 * again stores nothing twice (submissions are deduplicated on their own). */
static void sweep_after_period(fixture *f)
{
    pc_recv_store *s = fixture_store(f);
    int64_t now = (int64_t)time(NULL);
    int st = 0;
    size_t n = 99;
    char *ans = NULL, ids[2][PC_RECEIPT_ID_SIZE] = {{0}};
    pc_recv_key k = {"k1", "sweep-key-0000000", "h", ""};
    CHECK(claim(s, &k, now, &st, &ans) == PC_RECV_CLAIMED);
    pc_proto_batch b = batch_of("k1", ids, 2);
    char *text = pc_recv_store_batch(s, &k, "k1", &b, "http", NULL);
    free(text);
    CHECK(pc_recv_store_sweep(s, now + 6 * DAY, 0, &n) && n == 0); /* within 7 days */
    CHECK(claim(s, &k, now + 6 * DAY, &st, &ans) == PC_RECV_REPLAY);
    free(ans);
    CHECK(pc_recv_store_sweep(s, now + 7 * DAY + 10, 0, &n) && n == 1);
    CHECK(claim(s, &k, now + 8 * DAY, &st, &ans) == PC_RECV_CLAIMED);
    text = pc_recv_store_batch(s, &k, "k1", &b, "http", NULL);
    CHECK(text && strstr(text, "\"stored_new\":0,\"already_present\":2"));
    CHECK(count(s) == 2);
    CHECK(pc_recv_store_sweep(s, now + 2 * DAY, 1, &n) && n == 1); /* --keep-days 1 */
    free(text);
    pc_proto_batch_free(&b);
    pc_recv_store_close(s);
}

/* ------------------------------------------------------------------ two connections */

typedef struct racer {
    const fixture *f;
    pthread_barrier_t *go;
    pc_recv_claim got;
    char (*ids)[PC_RECEIPT_ID_SIZE];
    size_t fresh;
} racer;

static void *race_claim(void *arg)
{
    racer *r = arg;
    pc_recv_store *s = fixture_store(r->f);
    pc_recv_key k = {"k1", "race-key-00000000", "h", ""};
    int st = 0;
    char *ans = NULL;
    pthread_barrier_wait(r->go);
    r->got = claim(s, &k, (int64_t)time(NULL), &st, &ans);
    free(ans);
    pc_proto_batch b = batch_of("k1", r->ids, 100);
    pthread_barrier_wait(r->go);
    free(pc_recv_store_batch(s, NULL, "k1", &b, "http", &r->fresh));
    pc_proto_batch_free(&b);
    pc_recv_store_close(s);
    return NULL;
}

static void two_connections_race(fixture *f)
{
    pthread_barrier_t go;
    pthread_barrier_init(&go, NULL, 2);
    char ids[100][PC_RECEIPT_ID_SIZE] = {{0}};
    for (int i = 0; i < 100; i++)
        pc_receipt_id_new(ids[i]);
    racer r[2] = {{f, &go, 0, ids, 0}, {f, &go, 0, ids, 0}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, race_claim, &r[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    CHECK((r[0].got == PC_RECV_CLAIMED) + (r[1].got == PC_RECV_CLAIMED) == 1);
    CHECK(r[0].got == PC_RECV_BUSY || r[1].got == PC_RECV_BUSY);
    CHECK(r[0].fresh + r[1].fresh == 100);
    pc_recv_store *s = fixture_store(f);
    CHECK(count(s) == 100);
    pc_recv_store_close(s);
    pthread_barrier_destroy(&go);
}

/* ------------------------------------------------------------------ opening */

static void missing_is_an_error(fixture *f)
{
    char path[400], err[512];
    pc_recv_store *s = NULL;
    if (fixture_pg()) {
        /* a database without the receiver's tables (template1 is never written here) */
        char uri[600];
        const char *at = strstr(f->recv_db, "/postgres?");
        CHECK(at != NULL);
        snprintf(uri, sizeof uri, "%.*s/template1?%s", (int)(at - f->recv_db), f->recv_db,
                 at + strlen("/postgres?"));
        CHECK(!pc_recv_store_open(uri, 0, &s, err, sizeof err) &&
              strstr(err, "no receiver tables"));
        return;
    }
    snprintf(path, sizeof path, "%s/mistyped.db", f->dir);
    CHECK(!pc_recv_store_open(path, 0, &s, err, sizeof err) && strstr(err, "no such database"));
    struct stat st;
    CHECK(stat(path, &st) != 0);
    mode_t old = umask(022);
    CHECK(pc_recv_store_open(path, PC_RECV_STORE_CREATE, &s, err, sizeof err));
    umask(old);
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
    pc_recv_store_close(s);
    snprintf(path, sizeof path, "%s/kiosk.db", f->dir); /* another program's database */
    CHECK(!pc_recv_store_open(path, PC_RECV_STORE_CREATE, &s, err, sizeof err) &&
          strstr(err, "not a receiver database"));
}

/* A database of the first receiver (receipt_id unique across kiosks) keeps its rows and
 * scopes ids by kiosk from then on. */
static void migrates_schema_1(fixture *f)
{
    if (fixture_pg())
        return;
    char path[400], err[512], ids[1][PC_RECEIPT_ID_SIZE] = {{0}};
    snprintf(path, sizeof path, "%s/old.db", f->dir);
    pc_receipt_id_new(ids[0]);
    sqlite3 *db = NULL;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "CREATE TABLE submission(seq INTEGER PRIMARY KEY, receipt_id TEXT NOT NULL UNIQUE,"
             " kiosk_id TEXT NOT NULL, received_at INTEGER NOT NULL, source TEXT NOT NULL,"
             " doc TEXT NOT NULL);"
             "CREATE TABLE idempotency(kiosk_id TEXT NOT NULL, key TEXT NOT NULL,"
             " body_hash TEXT NOT NULL, status INTEGER NOT NULL, answer TEXT NOT NULL,"
             " created_at INTEGER NOT NULL, PRIMARY KEY (kiosk_id, key));"
             "INSERT INTO submission VALUES (1, '%s', 'k1', 1, 'http', '{}');",
             ids[0]);
    CHECK(sqlite3_open(path, &db) == SQLITE_OK &&
          sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    pc_recv_store *s = NULL;
    CHECK(pc_recv_store_open(path, 0, &s, err, sizeof err));
    if (!s)
        return;
    CHECK(count(s) == 1 && pc_recv_store_has(s, "k1", ids[0]));
    CHECK(store(s, "k2", ids, 1) == 1 && count(s) == 2);
    pc_recv_store_close(s);
}

/* One submission of kiosk k1 made at `at` (the document's created_at_unix), stored as
 * a bundle; rows new. */
static size_t store_made_at(pc_recv_store *s, const char *id, int64_t at)
{
    json_t *root =
        json_pack("{s:i, s:s, s:[{s:s, s:s, s:I, s:s, s:{s:s}}]}", "protocol", 1, "kiosk_id", "k1",
                  "submissions", "receipt_id", id, "kiosk_id", "k1", "created_at_unix",
                  (json_int_t)at, "policy_id", "yunnan-sti", "result", "outcome", "exempt");
    pc_proto_batch b;
    char err[256];
    size_t fresh = 99;
    if (!pc_proto_batch_from_json(root, "k1", PC_PROTO_MAX_BATCH, &b, err, sizeof err))
        die("batch", err);
    char *answer = pc_recv_store_batch(s, NULL, "k1", &b, "bundle", &fresh);
    CHECK(answer != NULL);
    free(answer);
    pc_proto_batch_free(&b);
    return fresh;
}

static bool policy_of_desk_record(void *ctx, const pc_recv_desk_row *row)
{
    char(*out)[2][64] = ctx;
    snprintf(out[row->desk_seq - 1][0], 64, "%s", row->policy_id);
    snprintf(out[row->desk_seq - 1][1], 64, "%lld", (long long)row->receipt_created_at);
    return true;
}

static int64_t sql_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *q = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

/* A database of schema 5 (a submission held once per kiosk and receipt id) keeps every
 * row under its seq, learns each one's time from its document, and from then on holds
 * a submission once under (kiosk, time, receipt id): the kiosk's copy sent again is
 * already present. Desk records already held learn their receipt's time, so the
 * console's join still finds their pre-checks. */
static void migrates_schema_5(fixture *f)
{
    if (fixture_pg())
        return;
    char path[400], err[512], a[PC_RECEIPT_ID_SIZE], b[PC_RECEIPT_ID_SIZE], sql[2048];
    snprintf(path, sizeof path, "%s/v5.db", f->dir);
    pc_receipt_id_new(a);
    pc_receipt_id_new(b);
    pc_recv_store *s = NULL;
    CHECK(pc_recv_store_open(path, PC_RECV_STORE_CREATE, &s, err, sizeof err));
    pc_recv_store_close(s);
    snprintf(sql, sizeof sql,
             "DROP TABLE submission;"
             "CREATE TABLE submission(seq INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL,"
             " receipt_id TEXT NOT NULL, received_at INTEGER NOT NULL, source TEXT NOT NULL,"
             " doc TEXT NOT NULL, UNIQUE (kiosk_id, receipt_id));"
             "ALTER TABLE desk_record DROP COLUMN receipt_created_at;"
             "INSERT INTO submission VALUES (7, 'k1', '%s', 1, 'http',"
             " '{\"created_at_unix\":1795594888,\"policy_id\":\"yunnan-sti\"}');"
             "INSERT INTO submission VALUES (9, 'k1', '%s', 1, 'http', '{}');"
             "INSERT INTO desk_record(desk_id, desk_seq, receipt_id, kiosk_id, action, clerk_id,"
             " at, materials, reason, received_at) VALUES"
             " ('d1', 1, '%s', 'k1', 'receive', 'li', 1795595000, '[]', '', 1),"
             " ('d1', 2, 'NOTHELD', 'k1', 'receive', 'li', 1795595000, '[]', '', 1);"
             "PRAGMA user_version = 5;",
             a, b, a);
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK &&
          sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    s = NULL;
    CHECK(pc_recv_store_open(path, 0, &s, err, sizeof err));
    if (!s)
        return;
    CHECK(count(s) == 2 && pc_recv_store_has(s, "k1", a) && pc_recv_store_has(s, "k1", b));
    CHECK(store_made_at(s, a, 1795594888) == 0); /* the same submission again */
    CHECK(store_made_at(s, b, 0) == 0);
    char seen[2][2][64] = {{"", ""}, {"", ""}};
    CHECK(pc_recv_store_desk_each(s, 0, policy_of_desk_record, seen));
    CHECK_STR(seen[0][0], "yunnan-sti");
    CHECK_STR(seen[0][1], "1795594888");
    CHECK_STR(seen[1][0], ""); /* not at the department */
    pc_recv_store_close(s);
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sql_int(db, "PRAGMA user_version") == 7);
    snprintf(sql, sizeof sql,
             "SELECT seq * 10000000000 + created_at FROM submission"
             " WHERE receipt_id = '%s'",
             a);
    CHECK(sql_int(db, sql) == 7 * 10000000000LL + 1795594888);
    CHECK(sql_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                      " AND tbl_name = 'submission'") == 1);
    sqlite3_close(db);
}

typedef struct opener {
    const char *path;
    bool ok;
    char err[512];
} opener;

static void *open_in_thread(void *arg)
{
    opener *o = arg;
    pc_recv_store *s = NULL;
    o->ok = pc_recv_store_open(o->path, 0, &s, o->err, sizeof o->err);
    pc_recv_store_close(s);
    return NULL;
}

/* Two receivers open one file of schema 5 at once (50,000 rows: the copy takes a
 * while): one migrates it, the other waits and finds it done; both start, nothing is
 * lost or held twice. */
static void migration_race(fixture *f)
{
    if (fixture_pg())
        return;
    char path[400], err[512];
    snprintf(path, sizeof path, "%s/race.db", f->dir);
    pc_recv_store *s = NULL;
    CHECK(pc_recv_store_open(path, PC_RECV_STORE_CREATE, &s, err, sizeof err));
    pc_recv_store_close(s);
    sqlite3 *db = NULL;
    CHECK(
        sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_exec(db,
                     "DROP TABLE submission;"
                     "CREATE TABLE submission(seq INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL,"
                     " receipt_id TEXT NOT NULL, received_at INTEGER NOT NULL,"
                     " source TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE (kiosk_id, receipt_id));"
                     "ALTER TABLE desk_record DROP COLUMN receipt_created_at;"
                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                     " WHERE i < 50000) INSERT INTO submission SELECT i, 'k1', printf('R%06d', i),"
                     " 1, 'http', printf('{\"created_at_unix\":%d}', 1795000000 + i) FROM n;"
                     "PRAGMA user_version = 5;",
                     NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    opener a = {.path = path}, b = {.path = path};
    pthread_t ta, tb;
    bool started_a = pthread_create(&ta, NULL, open_in_thread, &a) == 0;
    bool started_b = pthread_create(&tb, NULL, open_in_thread, &b) == 0;
    CHECK(started_a && started_b);
    if (started_a)
        pthread_join(ta, NULL);
    if (started_b)
        pthread_join(tb, NULL);
    if (!a.ok || !b.ok)
        fprintf(stderr, "migration race: %s | %s\n", a.err, b.err);
    CHECK(a.ok && b.ok);
    CHECK(pc_recv_store_open(path, 0, &s, err, sizeof err));
    CHECK(s && count(s) == 50000);
    pc_recv_store_close(s);
}

static void list_and_export(fixture *f)
{
    pc_recv_store *s = fixture_store(f);
    char ids[3][PC_RECEIPT_ID_SIZE] = {{0}}, *text = NULL;
    size_t len = 0;
    store(s, "k1", ids, 3);
    FILE *out = open_memstream(&text, &len);
    CHECK(pc_recv_store_list(s, 0, out));
    fclose(out);
    CHECK(text && strstr(text, ids[0]) && strstr(text, ids[2]) && strstr(text, " k1 "));
    free(text);
    out = open_memstream(&text, &len);
    CHECK(pc_recv_store_export(s, 1, out)); /* after seq 1: two rows */
    fclose(out);
    CHECK(text && !strstr(text, ids[0]) && strstr(text, ids[1]) &&
          strstr(text, "\"policy_id\":\"yunnan-sti\"") && strstr(text, "\"source\":\"bundle\""));
    free(text);
    pc_recv_store_close(s);
}

/* 700 rows (PostgreSQL: three round trips of up to 256), 300 of them already held. */
static void large_batch(fixture *f)
{
    pc_recv_store *s = fixture_store(f);
    char(*ids)[PC_RECEIPT_ID_SIZE] = calloc(700, sizeof *ids);
    CHECK(ids != NULL);
    CHECK(store(s, "k1", ids + 200, 300) == 300);
    CHECK(store(s, "k1", ids, 700) == 400);
    CHECK(count(s) == 700);
    CHECK(pc_recv_store_has(s, "k1", ids[0]) && pc_recv_store_has(s, "k1", ids[699]));
    free(ids);
    pc_recv_store_close(s);
}

/* Item 300 of 600 carries a NUL character, which PostgreSQL's jsonb refuses (SQLite
 * keeps the text as it is): on PostgreSQL the whole batch is refused and the same
 * connection then stores the next batch. */
static void refused_mid_batch(fixture *f)
{
    pc_recv_store *s = fixture_store(f);
    char(*ids)[PC_RECEIPT_ID_SIZE] = calloc(600, sizeof *ids);
    CHECK(ids != NULL);
    pc_proto_batch b = batch_of("k1", ids, 600);
    json_object_set_new(b.items[300].doc, "contact", json_stringn("a\0b", 3));
    size_t fresh = 99;
    char *answer = pc_recv_store_batch(s, NULL, "k1", &b, "bundle", &fresh);
    pc_proto_batch_free(&b);
    if (fixture_pg()) {
        CHECK(answer == NULL && fresh == 0 && count(s) == 0);
        CHECK(strstr(pc_recv_store_errmsg(s), "insert") != NULL);
    } else {
        CHECK(answer != NULL && fresh == 600 && count(s) == 600);
    }
    free(answer);
    char more[3][PC_RECEIPT_ID_SIZE] = {{0}};
    CHECK(store(s, "k1", more, 3) == 3);
    CHECK(pc_recv_store_has(s, "k1", more[2]));
    free(ids);
    pc_recv_store_close(s);
}

/* SQLite: the claim alone is not fsynced; the batch stored under it is, and so is a
 * write that follows a claim on the same connection (the status). */
static void claim_not_fsynced(fixture *f)
{
    if (fixture_pg())
        return; /* the server's fsyncs are not this process's */
    pc_recv_store *s = fixture_store(f);
    int st = 0;
    char *ans = NULL, ids[2][PC_RECEIPT_ID_SIZE] = {{0}};
    pc_recv_key k = {"k1", "0123456789abcdef", "hash-a", ""};
    pc_recv_status_row row = {"k1", 1, 0, "{}"};
    CHECK(pc_recv_store_status_put(s, &row)); /* the log started (its header is synced) */
    int before = syncs;
    CHECK(claim(s, &k, (int64_t)time(NULL), &st, &ans) == PC_RECV_CLAIMED && syncs == before);
    pc_proto_batch b = batch_of("k1", ids, 2);
    char *text = pc_recv_store_batch(s, &k, "k1", &b, "http", NULL);
    CHECK(text && syncs > before);
    pc_recv_key k2 = {"k1", "fedcba9876543210", "hash-a", ""};
    CHECK(claim(s, &k2, (int64_t)time(NULL), &st, &ans) == PC_RECV_CLAIMED);
    before = syncs;
    row.received_at = 2; /* a change: the same row again writes nothing */
    CHECK(pc_recv_store_status_put(s, &row) && syncs > before);
    free(text);
    pc_proto_batch_free(&b);
    pc_recv_store_close(s);
}

int main(void)
{
    void (*cases[])(fixture *) = {stored_once,          ids_scoped_by_kiosk, claim_life,
                                  lapsed_lease,         desk_lapsed_lease,   sweep_after_period,
                                  two_connections_race, missing_is_an_error, migrates_schema_1,
                                  migrates_schema_5,    migration_race,      list_and_export,
                                  large_batch,          refused_mid_batch,   claim_not_fsynced};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fixture f;
        fixture_init(&f);
        cases[i](&f);
        fixture_done(&f);
    }
    fprintf(stderr, "store tests on %s\n", fixture_pg() ? "PostgreSQL" : "SQLite");
    return CHECK_DONE();
}
