/* bench_sync_pg.c — many kiosks at once to two receivers sharing one PostgreSQL
 * database (the design note of sync/README.md): K kiosks (default 50), each with N
 * queued submissions (default 200), all start their kiosk-sync run at the same moment
 * against a round-robin balancer in front of two receiver instances. Run under
 * pg_cluster.sh with PCSYNC_PG_FSYNC=on, so that every commit is durable as in
 * production. Prints the figures (submissions/s, requests, batches per instance);
 * asserts only that every run ended 0 and every submission is held exactly once,
 * never a time. Seeding the kiosks' stores is done first and not counted.
 * Usage: bench_sync_pg [KIOSKS] [PER_KIOSK] [DB_CONNECTIONS] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client_run.h"
#include "sync_test_util.h"

#define MAX_KIOSKS 200

typedef struct runner {
    sync_kiosk k;
    const fixture *f;
    pthread_barrier_t *go;
    size_t seed;
    int rc;
    pc_client_stats st;
} runner;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *seed_one(void *arg)
{
    runner *r = arg;
    sync_kiosk_seed(&r->k, r->seed);
    return NULL;
}

static void *run_one(void *arg)
{
    runner *r = arg;
    pthread_barrier_wait(r->go);
    r->rc = pc_client_run(&r->k.cfg, r->k.store, &r->k.key, &r->f->dept_ring, NULL, &r->st);
    return NULL;
}

/* Starts one thread per kiosk on fn and waits for them all. */
static void each_thread(runner *r, size_t n, void *(*fn)(void *))
{
    pthread_t t[MAX_KIOSKS];
    for (size_t i = 0; i < n; i++)
        if (pthread_create(&t[i], NULL, fn, &r[i]) != 0)
            die("pthread_create", NULL);
    for (size_t i = 0; i < n; i++)
        pthread_join(t[i], NULL);
}

/* Every kiosk's runs ended 0, its rows are synced and held; the total is exact. */
static bool all_once(const fixture *f, runner *r, size_t n, size_t per)
{
    pc_recv_store *db = fixture_store(f);
    size_t held = 0, bad = 0;
    for (size_t i = 0; i < n; i++) {
        size_t pending = 0, synced = 0;
        pc_store_count(r[i].k.store, &pending, &synced);
        bad += r[i].rc != PC_CLIENT_EXIT_OK || pending != 0 || synced != per;
        for (size_t j = 0; j < r[i].k.n_ids; j++)
            bad += !pc_recv_store_has(db, r[i].k.key.kiosk_id, r[i].k.ids[j]);
    }
    bool ok = pc_recv_store_count(db, &held) && held == n * per && bad == 0;
    if (!ok)
        fprintf(stderr, "held %zu of %zu, %zu problems\n", held, n * per, bad);
    pc_recv_store_close(db);
    return ok;
}

/* K kiosks enrolled in the fixture's keyring, each with its own store and config. */
static runner *enrol(fixture *f, size_t kiosks, size_t per, pthread_barrier_t *go)
{
    runner *r = calloc(kiosks, sizeof *r);
    if (!r)
        die("calloc", NULL);
    for (size_t i = 0; i < kiosks; i++) {
        char id[32];
        snprintf(id, sizeof id, "bench-k%03zu", i);
        fixture_kiosk(f, id, &r[i].k);
        r[i] = (runner){r[i].k, f, go, per, -1, {0}};
        r[i].k.cfg.timeout_seconds = 30;
    }
    return r;
}

static void report(runner *r, size_t kiosks, size_t per, int conns, double secs,
                   const size_t batches[2], bool ok)
{
    size_t requests = 0;
    for (size_t i = 0; i < kiosks; i++)
        requests += r[i].st.requests;
    printf("pg_kiosks %zu\npg_submissions %zu\npg_receivers 2\npg_db_connections_each %d\n",
           kiosks, kiosks * per, conns);
    printf("pg_requests %zu\npg_seconds %.3f\npg_submissions_per_second %.0f\n", requests,
           secs, (double)(kiosks * per) / secs);
    printf("pg_batches_stored_per_receiver %zu %zu\n", batches[0], batches[1]);
    printf("pg_all_delivered_once %s\n", ok ? "yes" : "NO");
}

int main(int argc, char **argv)
{
    size_t kiosks = argc > 1 ? (size_t)atol(argv[1]) : 50;
    size_t per = argc > 2 ? (size_t)atol(argv[2]) : 200;
    int conns = argc > 3 ? atoi(argv[3]) : 8;
    if (!fixture_pg() || kiosks < 1 || kiosks > MAX_KIOSKS)
        die("usage", "pg_cluster.sh bench_sync_pg [KIOSKS 1-200] [PER_KIOSK] [DB_CONNECTIONS]");
    fixture f;
    fixture_init(&f);
    pthread_barrier_t go;
    pthread_barrier_init(&go, NULL, (unsigned)kiosks);
    runner *r = enrol(&f, kiosks, per, &go);
    double t0 = now();
    each_thread(r, kiosks, seed_one);
    double t1 = now();
    /* every kiosk comes through the balancer, from one address: as behind a real
     * balancer or NAT, the per-client limit is raised to the connections of all the
     * kiosks (requests_in_flight each) */
    pc_recv_opts o = {.db_connections = conns,
                      .max_per_client = (int)kiosks * r[0].k.cfg.requests_in_flight};
    site *s = fixture_site_opts(&f, o, 2, true);
    for (size_t i = 0; i < kiosks; i++)
        fixture_point_cfg(&r[i].k.cfg, s);
    double t2 = now();
    each_thread(r, kiosks, run_one);
    double t3 = now();
    size_t batches[2] = {site_count(s, 0, "stored from"), site_count(s, 1, "stored from")};
    site_stop(s);
    bool ok = all_once(&f, r, kiosks, per);
    report(r, kiosks, per, conns, t3 - t2, batches, ok);
    printf("seed_seconds %.3f (kiosk stores, not counted)\n", t1 - t0);
    for (size_t i = 0; i < kiosks; i++)
        sync_kiosk_done(&r[i].k);
    free(r);
    pthread_barrier_destroy(&go);
    fixture_done(&f);
    return ok ? 0 : 1;
}
