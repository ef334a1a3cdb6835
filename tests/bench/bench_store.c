/* bench_store.c — the submission store's open with a large queue (issue 12: start-up must
 * not grow with the store). Fills a store with N rows (default 1,000,000) through SQLite
 * in one transaction, then times pc_store_open three ways: an empty store, the full
 * store after a clean close (the clean mark lets it skip the full integrity_check), and
 * the full store after a crash (no mark: the full check runs). Prints one figure a line;
 * asserts nothing about time. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "store_mark.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double time_open(const char *path)
{
    char err[300];
    pc_store *s = NULL;
    double t0 = now_ms();
    pc_store_status st = pc_store_open(path, &s, err, sizeof err);
    double ms = now_ms() - t0;
    if (st != PC_STORE_OK) {
        fprintf(stderr, "open %s: %s\n", path, err);
        exit(1);
    }
    pc_store_close(s);
    return ms;
}

/* Rows as the kiosk writes them, straight through SQLite for speed. */
static void fill(const char *path, long n)
{
    sqlite3 *db;
    sqlite3_stmt *q;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        exit(1);
    sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN;", NULL, NULL, NULL);
    sqlite3_prepare_v2(
        db,
        "INSERT INTO submission(receipt_id, kiosk_id, created_at, policy_id, pack_version,"
        " answers_json, outcome, basis_json, deadline, sync_state, synced_at)"
        " VALUES(printf('R%011d', ?1), 'hall-1-k1', 1764000000 + ?1, 'sichuan-ftz',"
        " '2026.12.1', '{\"scope\":\"yes\",\"procedure\":0}', 'exempt', '[\"7.1\"]',"
        " '2026-12-20', ?1 % 2, CASE WHEN ?1 % 2 THEN 1764000000 + ?1 ELSE 0 END)",
        -1, &q, NULL);
    for (long i = 0; i < n; i++) {
        sqlite3_bind_int64(q, 1, i);
        sqlite3_step(q);
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    sqlite3_exec(db, "COMMIT;", NULL, NULL, NULL);
    sqlite3_close(db);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    char dir[] = "/tmp/bench_store_XXXXXX", empty[64], full[64];
    if (!mkdtemp(dir))
        return 1;
    snprintf(empty, sizeof empty, "%s/empty.sqlite", dir);
    snprintf(full, sizeof full, "%s/full.sqlite", dir);
    time_open(empty), time_open(full); /* create both, closed cleanly */
    fill(full, n);
    time_open(full); /* a clean open and close after the fill */
    double e = 0, c = 0, crash = 0;
    for (int i = 0; i < 3; i++)
        e += time_open(empty) / 3, c += time_open(full) / 3;
    pc_store_mark_clear(full); /* as after a crash: no clean mark */
    crash = time_open(full);
    printf("store_open_empty_ms %.2f\n", e);
    printf("store_open_%ld_rows_ms %.2f (clean close; %.2fx empty, target <= 1.2x)\n", n, c, c / e);
    printf("store_open_%ld_rows_after_crash_ms %.1f (full integrity_check)\n", n, crash);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : 1;
}
