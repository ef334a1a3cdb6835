/* bench_sync.c — 10,000 queued submissions synced to a loopback receiver (design.md
 * target: ≤ 5 s on the 2-core dev machine). The receiver runs in this process on
 * 127.0.0.1 with its database durable (synchronous=FULL) as in production; the
 * client uses the default batch size unless one is given. Prints one line a figure;
 * asserts only that everything arrived exactly once, never a time.
 * Usage: bench_sync [N] [BATCH] */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "client_run.h"
#include "sync_test_util.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)atol(argv[1]) : 10000;
    fixture f;
    fixture_init(&f);
    if (argc > 2)
        f.cfg.batch_size = atoi(argv[2]);
    f.cfg.timeout_seconds = 30;
    double t0 = now();
    fixture_seed(&f, n);
    double t1 = now();
    site *srv = fixture_site(&f, NULL, 0);
    fixture_point(&f, srv);
    pc_client_stats st;
    double t2 = now();
    int rc = pc_client_run(&f.cfg, f.store, &f.kiosk, &f.dept_ring, NULL, &st);
    double t3 = now();
    site_stop(srv);
    bool ok = rc == PC_CLIENT_EXIT_OK && fixture_all_delivered(&f, n);
    printf("sync_submissions %zu\n", n);
    printf("sync_batch_size %d\n", f.cfg.batch_size);
    printf("sync_requests %zu\n", st.requests);
    printf("sync_seconds %.3f\n", t3 - t2);
    printf("sync_submissions_per_second %.0f\n", (double)n / (t3 - t2));
    printf("seed_seconds %.3f (one fsynced commit a submission, as the kiosk does)\n", t1 - t0);
    fixture_done(&f);
    return ok ? 0 : 1;
}
