/* test_sync_inflight.c — kiosk-sync with several requests in flight (requests_in_flight).
 *
 * Why it exists: the receiver is the sync's critical path, so kiosk-sync keeps up to
 * requests_in_flight batches on the wire at once; that is only worth anything if the
 * receiver really serves them side by side, and only allowed if every promise of the
 * sync still holds. A tap in the receiver (recv_server.h) holds each signed POST before
 * its batch is stored until as many others are inside as the client may send at once
 * (or two seconds have passed), and records how many were ever inside together: with the
 * default 2 (and with 4, under the receiver's default per-client connection limit) that
 * many are; with 1 never more than one. Then the stops: a 401 while another batch is on
 * the wire, and the kiosk's store failing while one is — the run stops with its exit
 * status, every row the kiosk marked synced is at the receiver, the rest stay pending,
 * and the next run delivers everything exactly once. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "client_run.h"
#include "sync_test_util.h"

typedef struct meet {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int want;            /* requests to wait for inside together */
    int inside, most;    /* signed POSTs between storing and answering; the most at once */
    int posts;           /* signed POSTs seen */
    int refuse_post;     /* this POST (1, 2, …) is answered 401; 0: none */
    const char *lock_db; /* the kiosk's store, write-locked at the first answer; NULL: not */
    sqlite3 *locker;
} meet;

static void lock_kiosk_store(meet *m)
{
    if (m->locker || !m->lock_db)
        return;
    if (sqlite3_open(m->lock_db, &m->locker) != SQLITE_OK ||
        sqlite3_exec(m->locker, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        die("locking the kiosk's store", sqlite3_errmsg(m->locker));
}

static void wait_for_peers(meet *m)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 2;
    while (m->inside < m->want && pthread_cond_timedwait(&m->changed, &m->lock, &until) == 0)
        ;
}

static pc_recv_verdict at(void *ctx, pc_recv_stage stage, const char *kiosk_id, const char *idem,
                          int *state)
{
    (void)kiosk_id, (void)idem, (void)state;
    meet *m = ctx;
    pc_recv_verdict go_on = {.action = PC_RECV_GO_ON};
    pthread_mutex_lock(&m->lock);
    if (stage == PC_RECV_AT_START && ++m->posts == m->refuse_post) {
        pthread_mutex_unlock(&m->lock);
        return (pc_recv_verdict){PC_RECV_ANSWER, 401, "unauthorized", "refused by the test"};
    }
    if (stage == PC_RECV_AT_STORE) {
        if (++m->inside > m->most)
            m->most = m->inside;
        pthread_cond_broadcast(&m->changed);
        wait_for_peers(m);
    }
    if (stage == PC_RECV_AT_ANSWER) {
        m->inside--;
        lock_kiosk_store(m);
    }
    pthread_mutex_unlock(&m->lock);
    return go_on;
}

typedef struct run_result {
    int rc;
    int most;
    pc_client_stats stats;
} run_result;

/* One run of kiosk-sync against a receiver with the meeting tap. */
static run_result run_met(fixture *f, meet *m)
{
    pthread_mutex_init(&m->lock, NULL);
    pthread_cond_init(&m->changed, NULL);
    pc_recv_tap tap = {at, m};
    site *s = fixture_site_opts(f, (pc_recv_opts){.tap = &tap}, 1, false);
    fixture_point(f, s);
    run_result res;
    res.rc = pc_client_run(&f->cfg, f->store, &f->kiosk, &f->dept_ring, NULL, &res.stats);
    site_stop(s);
    if (m->locker)
        sqlite3_close(m->locker); /* the open transaction is rolled back */
    res.most = m->most;
    pthread_cond_destroy(&m->changed);
    pthread_mutex_destroy(&m->lock);
    return res;
}

static void setup(fixture *f, size_t n, int batch, int in_flight)
{
    fixture_init(f);
    fixture_seed(f, n);
    f->cfg.batch_size = batch;
    f->cfg.requests_in_flight = in_flight;
    f->cfg.timeout_seconds = 10; /* the tap holds requests up to two seconds */
}

/* Every row the kiosk marked synced is at the receiver; returns how many are. */
static size_t synced_are_held(fixture *f)
{
    pc_recv_store *db = fixture_store(f);
    size_t synced = 0, wrong = 0;
    for (size_t i = 0; i < f->n_ids; i++) {
        pc_submission s;
        if (pc_store_get(f->store, f->ids[i], &s) != PC_STORE_OK)
            die("get", f->ids[i]);
        if (s.sync_state == PC_SYNC_SYNCED) {
            synced++;
            wrong += !pc_recv_store_has(db, f->kiosk.kiosk_id, f->ids[i]);
        }
        pc_submission_free(&s);
    }
    pc_recv_store_close(db);
    CHECK(wrong == 0);
    return synced;
}

/* A plain second run delivers the rest, nothing twice. */
static void finish(fixture *f, size_t n)
{
    meet m = {.want = 1};
    run_result res = run_met(f, &m);
    CHECK(res.rc == PC_CLIENT_EXIT_OK);
    CHECK(fixture_all_delivered(f, n));
}

static void served_together(int in_flight, int batches)
{
    fixture f;
    setup(&f, (size_t)batches * 25, 25, in_flight);
    meet m = {.want = in_flight < 2 ? 2 : in_flight};
    run_result res = run_met(&f, &m);
    if (res.most != in_flight)
        fprintf(stderr, "requests_in_flight %d: at most %d at once at the receiver\n", in_flight,
                res.most);
    CHECK(res.rc == PC_CLIENT_EXIT_OK);
    CHECK(res.most == in_flight);
    CHECK(res.stats.batches == (size_t)batches && res.stats.requests == (size_t)batches);
    CHECK(res.stats.acked == (size_t)batches * 25);
    CHECK(fixture_all_delivered(&f, (size_t)batches * 25));
    fixture_done(&f);
}

static void refused_while_another_in_flight(void)
{
    fixture f;
    setup(&f, 150, 25, 2);
    meet m = {.want = 2, .refuse_post = 3};
    run_result res = run_met(&f, &m);
    CHECK(res.rc == PC_CLIENT_EXIT_AUTH);
    size_t pending = 0, synced = 0;
    pc_store_count(f.store, &pending, &synced);
    CHECK(synced_are_held(&f) == synced);
    CHECK(synced == res.stats.acked);
    CHECK(synced >= 50 && pending >= 25 && synced + pending == 150); /* 1 and 2 answered */
    CHECK(res.stats.batches < 6);                                    /* posting stopped */
    finish(&f, 150);
    fixture_done(&f);
}

static void store_fails_while_another_in_flight(void)
{
    fixture f;
    setup(&f, 100, 25, 2);
    pc_store_set_busy_timeout(f.store, 0);
    meet m = {.want = 2, .lock_db = f.cfg.database};
    run_result res = run_met(&f, &m);
    CHECK(res.rc == PC_CLIENT_EXIT_STORE);
    size_t pending = 0, synced = 0;
    pc_store_count(f.store, &pending, &synced);
    CHECK(synced == 0 && pending == 100 && res.stats.acked == 0);
    CHECK(synced_are_held(&f) == 0);
    CHECK(res.stats.batches < 4); /* posting stopped */
    pc_store_set_busy_timeout(f.store, 2000);
    finish(&f, 100);
    fixture_done(&f);
}

int main(void)
{
    served_together(2, 6);
    served_together(4, 8);
    served_together(1, 2);
    refused_while_another_in_flight();
    store_fails_while_another_in_flight();
    return CHECK_DONE();
}
