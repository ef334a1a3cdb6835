/* bench_desk_sync.c — a staff desk's records to a loopback receiver: N pre-checks
 * delivered by kiosk-sync's run, a desk that recorded 收件 / 受理 / 退回 / 不予受理 for
 * part of them (console_desk_seed.h), then the real `desk sync` (default batch size)
 * and the console's "pre-checks that became applications" over them. The receiver
 * runs in this process with its database durable, as in production. Prints one line a
 * figure; asserts only that every record arrived exactly once, never a time.
 * Usage: bench_desk_sync [N [no-kiosk-ids]] */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "client_run.h"
#include "console_desk_seed.h"
#include "recv_desk.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool count_row(void *ctx, const pc_recv_desk_row *row)
{
    (void)row;
    ++*(size_t *)ctx;
    return true;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)atol(argv[1]) : 3000, held = 0;
    fixture f;
    fixture_init(&f);
    fixture_seed(&f, n);
    site *s = fixture_site(&f, NULL, 0);
    fixture_point(&f, s);
    pc_client_stats st;
    bool ok = pc_client_run(&f.cfg, f.store, &f.kiosk, &f.dept_ring, NULL, &st) == 0;
    site_stop(s);
    desk_seed ds;
    double t0 = now();
    const pc_kiosk_key *keys[] = {&f.kiosk};
    desk_seed_make(&f, keys, argc > 2 ? 0 : 1, &ds); /* any 2nd argument: no kiosk ids */
    double t1 = now();
    pc_recv_opts o = {.desks = &ds.ring};
    s = fixture_site_opts(&f, o, 1, false);
    ok = ok && desk_seed_sync(&f, s, &ds);
    double t2 = now();
    site_stop(s);
    pc_recv_store *db = fixture_store(&f);
    pc_recv_filter all;
    char err[256];
    pc_recv_filter_parse(&all, NULL, NULL, NULL, NULL, err, sizeof err);
    double t3 = now();
    json_t *rep = pc_recv_report_desk(db, NULL, &all, false, err, sizeof err);
    double t4 = now();
    ok = ok && rep && pc_recv_store_desk_each(db, 0, count_row, &held) && held == ds.records;
    json_decref(rep);
    pc_recv_store_close(db);
    printf("desk_prechecks %zu\n", n);
    printf("desk_records %zu (held %zu)\n", ds.records, held);
    printf("desk_sync_seconds %.3f\n", t2 - t1);
    printf("desk_sync_records_per_second %.0f\n", (double)ds.records / (t2 - t1));
    printf("desk_report_ms %.1f (the console's counts over every record, joined)\n",
           (t4 - t3) * 1000.0);
    printf("desk_seed_seconds %.3f (one fsynced commit a record, as the desk does)\n", t1 - t0);
    desk_seed_done(&ds);
    fixture_done(&f);
    return ok ? 0 : 1;
}
