/* bench_sync.c — sync cost as the queue grows (issue 12, design.md: 10,000 queued
 * submissions in ≤ 5 s to a loopback receiver, 100,000 in ≤ 11× that, ≥ 30,000
 * submissions/s). For each size (default 10,000 then 100,000) a fresh kiosk store is
 * filled and synced to a fresh receiver running in this process on 127.0.0.1 with its
 * database durable (synchronous=FULL) as in production; the client uses the default
 * batch size unless one is given. The store is filled in one transaction straight
 * through SQLite (rows as the kiosk writes them, real receipt ids, each made a minute
 * after the one before, as a kiosk's queue grows: 100,000 is ten weeks of a busy
 * kiosk's pre-checks): filling it one fsynced commit a row, as the kiosk does, would
 * take minutes at 100,000 and is not what is measured. Prints one line a figure and the ratio of the largest size to the
 * smallest; asserts only that everything arrived exactly once, never a time (checked
 * with one join across the two SQLite files, so that checking 100,000 rows does not
 * take longer than syncing them).
 * requests_in_flight is the default unless one is given.
 * Usage: bench_sync [N …] [--batch B] [--in-flight K] */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "client_run.h"
#include "receipt.h"
#include "sync_test_util.h"

#define MAX_SIZES 8

typedef struct figure {
    size_t n, requests;
    double seconds, cpu; /* wall; user + system of the process (both ends) */
    bool ok;
} figure;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of this process, both ends of the sync (on a busy machine the wall time
 * grows with the others' load; this much less). */
static double cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static sqlite3_stmt *fill_statement(sqlite3 *db)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(
            db,
            "INSERT INTO submission(receipt_id, kiosk_id, created_at, policy_id, pack_version,"
            " answers_json, outcome, basis_json, deadline, contact, receipt)"
            " VALUES (?1, ?2, ?3, 'yunnan-sti', '2026.11.1',"
            " '{\"q1\":\"yes\",\"q2\":\"no\",\"q3\":\"unsure\",\"notified\":\"2026-11-02\"}',"
            " ?4, '[\"4.1\",\"5.5\"]', printf('2026-12-%02d', 1 + ?5 % 28), ?6,"
            " 'RC1ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')",
            -1, &q, NULL) != SQLITE_OK)
        die("fill: prepare", sqlite3_errmsg(db));
    return q;
}

/* Pending row i of n, made (n - i) minutes ago, with a fresh receipt id (a clash with an
 * earlier id: another id). */
static void fill_one(sqlite3 *db, sqlite3_stmt *q, const char *kiosk_id, size_t i, size_t n,
                     char id[PC_RECEIPT_ID_SIZE])
{
    int rc;
    do {
        pc_receipt_id_new(id);
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, kiosk_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, (sqlite3_int64)time(NULL) - 60 * (sqlite3_int64)(n - i));
        sqlite3_bind_text(q, 4, i % 3 ? "exempt" : "refer", -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 5, (sqlite3_int64)i);
        if (i % 2)
            sqlite3_bind_text(q, 6, "138 0000 0000", -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(q, 6);
        rc = sqlite3_step(q);
    } while (rc == SQLITE_CONSTRAINT);
    if (rc != SQLITE_DONE)
        die("fill: insert", sqlite3_errmsg(db));
}

/* n pending submissions in the fixture's (closed, then reopened) store; f->ids kept. */
static void fill(fixture *f, size_t n)
{
    char err[256];
    pc_store_close(f->store);
    sqlite3 *db = NULL;
    if (sqlite3_open(f->cfg.database, &db) != SQLITE_OK)
        die("fill: open", f->cfg.database);
    f->ids = calloc(n ? n : 1, sizeof *f->ids);
    if (!f->ids)
        die("fill", "out of memory");
    sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN;", NULL, NULL, NULL);
    sqlite3_stmt *q = fill_statement(db);
    for (f->n_ids = 0; f->n_ids < n; f->n_ids++)
        fill_one(db, q, f->kiosk.kiosk_id, f->n_ids, n, f->ids[f->n_ids]);
    sqlite3_finalize(q);
    if (sqlite3_exec(db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
        die("fill: commit", sqlite3_errmsg(db));
    sqlite3_close(db);
    if (pc_store_open(f->cfg.database, &f->store, err, sizeof err) != PC_STORE_OK)
        die("fill: reopen", err);
}

/* Exactly once: nothing pending, n synced at the kiosk; the receiver holds n rows, and
 * each of the kiosk's synced rows is among them. */
static bool delivered_once(fixture *f, size_t n)
{
    size_t pending = 0, synced = 0;
    if (pc_store_count(f->store, &pending, &synced) != PC_STORE_OK)
        die("count", pc_store_errmsg(f->store));
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    char attach[700];
    snprintf(attach, sizeof attach, "ATTACH 'file:%s?mode=ro' AS kiosk", f->cfg.database);
    if (sqlite3_open_v2(f->recv_db, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) !=
            SQLITE_OK ||
        sqlite3_exec(db, attach, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT (SELECT count(*) FROM main.submission),"
                           " (SELECT count(*) FROM kiosk.submission k JOIN main.submission r"
                           "  ON r.kiosk_id = k.kiosk_id AND r.created_at = k.created_at"
                           "  AND r.receipt_id = k.receipt_id"
                           "  WHERE k.sync_state = 1)",
                           -1, &q, NULL) != SQLITE_OK ||
        sqlite3_step(q) != SQLITE_ROW)
        die("delivered_once", sqlite3_errmsg(db));
    size_t held = (size_t)sqlite3_column_int64(q, 0), matched = (size_t)sqlite3_column_int64(q, 1);
    sqlite3_finalize(q);
    sqlite3_close(db);
    bool ok = pending == 0 && synced == n && held == n && matched == n;
    if (!ok)
        fprintf(stderr,
                "kiosk: pending %zu synced %zu; receiver holds %zu, %zu of them the "
                "kiosk's synced rows; expected %zu\n",
                pending, synced, held, matched, n);
    return ok;
}

/* A fresh kiosk and receiver; n submissions synced, timed from the first request to
 * the last acknowledgement marked (pc_client_run, status report included). */
static figure measure(size_t n, int batch, int in_flight)
{
    fixture f;
    fixture_init(&f);
    if (batch > 0)
        f.cfg.batch_size = batch;
    if (in_flight > 0)
        f.cfg.requests_in_flight = in_flight;
    f.cfg.timeout_seconds = 30;
    fill(&f, n);
    site *srv = fixture_site(&f, NULL, 0);
    fixture_point(&f, srv);
    pc_client_stats st;
    double t0 = now(), c0 = cpu();
    int rc = pc_client_run(&f.cfg, f.store, &f.kiosk, &f.dept_ring, NULL, &st);
    double t1 = now(), c1 = cpu();
    site_stop(srv);
    figure fig = {n, st.requests, t1 - t0, c1 - c0,
                  rc == PC_CLIENT_EXIT_OK && delivered_once(&f, n)};
    if (!fig.ok)
        fprintf(stderr, "bench_sync: %zu submissions: run ended %d, or not all delivered once\n", n,
                rc);
    printf("sync_%zu_batch_size %d\n", n, f.cfg.batch_size);
    printf("sync_%zu_requests_in_flight %d\n", n, f.cfg.requests_in_flight);
    printf("sync_%zu_requests %zu\n", n, fig.requests);
    printf("sync_%zu_seconds %.3f\n", n, fig.seconds);
    printf("sync_%zu_submissions_per_second %.0f (target >= 30000)\n", n, (double)n / fig.seconds);
    printf("sync_%zu_cpu_seconds %.3f (both ends)\n", n, fig.cpu);
    fflush(stdout);
    fixture_done(&f);
    return fig;
}

int main(int argc, char **argv)
{
    size_t sizes[MAX_SIZES], n_sizes = 0;
    int batch = 0, in_flight = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc)
            batch = atoi(argv[++i]);
        else if (strcmp(argv[i], "--in-flight") == 0 && i + 1 < argc)
            in_flight = atoi(argv[++i]);
        else if (n_sizes < MAX_SIZES && atol(argv[i]) > 0)
            sizes[n_sizes++] = (size_t)atol(argv[i]);
        else
            die("usage", "bench_sync [N …] [--batch B] [--in-flight K]");
    }
    if (n_sizes == 0) {
        sizes[n_sizes++] = 10000;
        sizes[n_sizes++] = 100000;
    }
    figure fig[MAX_SIZES];
    bool ok = true;
    for (size_t i = 0; i < n_sizes; i++) {
        fig[i] = measure(sizes[i], batch, in_flight);
        ok = ok && fig[i].ok;
    }
    if (n_sizes > 1) {
        const figure *a = &fig[0], *b = &fig[n_sizes - 1];
        printf("sync_%zu_over_%zu_time_ratio %.2f (%.1fx the submissions; target <= 11)\n", b->n,
               a->n, b->seconds / a->seconds, (double)b->n / (double)a->n);
        printf("sync_%zu_over_%zu_cpu_ratio %.2f\n", b->n, a->n, b->cpu / a->cpu);
    }
    printf("sync_all_delivered_once %s\n", ok ? "yes" : "NO");
    return ok ? 0 : 1;
}
