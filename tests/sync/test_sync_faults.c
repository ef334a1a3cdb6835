/* test_sync_faults.c — exactly-once delivery through an unreliable network.
 *
 * The receiver runs in this process with test faults (sync_faults.h): dropped
 * connections, 500 answers, answers lost after the batch was stored, answers delayed
 * past the client's timeout (so that retries meet the first request still in flight:
 * 409).
 * After the runs every submission is at the receiver exactly once and every kiosk row
 * is marked synced. A run may stop early (exit 75) like a real night; the next run
 * resumes, as the timer would start it again. Also: the receiver down, a budget spent
 * on 500s, an unknown kiosk, answers not signed by the department, a refused item. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "client_run.h"
#include "sync_test_util.h"

static int sync_once(fixture *f)
{
    pc_client_stats st;
    return pc_client_run(&f->cfg, f->store, &f->kiosk, &f->dept_ring, NULL, &st);
}

/* Runs until a run reports 0, at most `runs` times; returns the last status. */
static int sync_until_done(fixture *f, int runs)
{
    int rc = -1;
    for (int i = 0; i < runs && rc != PC_CLIENT_EXIT_OK; i++) {
        rc = sync_once(f);
        CHECK(rc == PC_CLIENT_EXIT_OK || rc == PC_CLIENT_EXIT_TEMPFAIL);
    }
    return rc;
}

static void with_faults(const char *faults, size_t n, int batch)
{
    fixture f;
    fixture_init(&f);
    fixture_seed(&f, n);
    f.cfg.batch_size = batch;
    pc_recv_server *srv = fixture_receiver(&f, faults, 1500);
    fixture_point(&f, srv);
    int rc = sync_until_done(&f, 5);
    pc_recv_server_stop(srv);
    if (rc != PC_CLIENT_EXIT_OK || !fixture_all_delivered(&f, n))
        fprintf(stderr, "faults \"%s\": not all delivered exactly once (rc %d)\n", faults, rc);
    CHECK(rc == PC_CLIENT_EXIT_OK);
    CHECK(fixture_all_delivered(&f, n));
    /* a further run sends nothing and changes nothing */
    srv = fixture_receiver(&f, NULL, 0);
    fixture_point(&f, srv);
    pc_client_stats st;
    CHECK(pc_client_run(&f.cfg, f.store, &f.kiosk, &f.dept_ring, NULL, &st) ==
          PC_CLIENT_EXIT_OK);
    CHECK(st.sent == 0 && st.requests == 0);
    pc_recv_server_stop(srv);
    CHECK(fixture_all_delivered(&f, n));
    fixture_done(&f);
}

static void receiver_down_then_up(void)
{
    fixture f;
    fixture_init(&f);
    fixture_seed(&f, 120);
    f.cfg.batch_size = 50;
    f.cfg.max_attempts = 3;
    pc_recv_server *srv = fixture_receiver(&f, NULL, 0);
    fixture_point(&f, srv);
    pc_recv_server_stop(srv);               /* nobody listens on that port now */
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_TEMPFAIL);
    size_t pending = 0, synced = 0;
    pc_store_count(f.store, &pending, &synced);
    CHECK(pending == 120 && synced == 0);
    srv = fixture_receiver(&f, NULL, 0);
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_OK);
    pc_recv_server_stop(srv);
    CHECK(fixture_all_delivered(&f, 120));
    fixture_done(&f);
}

static void budget_spent_then_resume(void)
{
    fixture f;
    fixture_init(&f);
    fixture_seed(&f, 80);
    f.cfg.batch_size = 20;
    f.cfg.budget_seconds = 1;
    f.cfg.max_attempts = 100;
    pc_recv_server *srv = fixture_receiver(&f, "500", 0);    /* every request fails */
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_TEMPFAIL);
    pc_recv_server_stop(srv);
    size_t pending = 0, synced = 0;
    pc_store_count(f.store, &pending, &synced);
    CHECK(pending == 80 && synced == 0);
    f.cfg.budget_seconds = 120;
    srv = fixture_receiver(&f, NULL, 0);
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_OK);
    pc_recv_server_stop(srv);
    CHECK(fixture_all_delivered(&f, 80));
    fixture_done(&f);
}

static void unknown_kiosk_refused(void)
{
    fixture f;
    fixture_init(&f);
    fixture_seed(&f, 10);
    pc_kiosk_key other;
    char err[256];
    pc_kiosk_key_generate(&other, "hall1-k01", err, sizeof err);
    pc_kiosk_key mine = f.kiosk;
    f.kiosk = other;                        /* same id, key the department never saw */
    pc_recv_server *srv = fixture_receiver(&f, NULL, 0);
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_AUTH);
    pc_recv_server_stop(srv);
    pc_kiosk_key stranger;
    pc_kiosk_key_generate(&stranger, "hall9-k99", err, sizeof err);
    f.kiosk = stranger;                     /* an id the department never enrolled */
    srv = fixture_receiver(&f, NULL, 0);
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_AUTH);
    pc_recv_server_stop(srv);
    f.kiosk = mine;
    size_t pending = 0, synced = 0, held = 1;
    pc_store_count(f.store, &pending, &synced);
    CHECK(pending == 10 && synced == 0);
    pc_recv_db *db = NULL;
    CHECK(pc_recv_db_open(f.recv_db, &db, err, sizeof err) && pc_recv_db_count(db, &held) &&
          held == 0);
    pc_recv_db_close(db);
    fixture_done(&f);
}

static void forged_answers_ignored(void)
{
    fixture f;
    fixture_init(&f);
    fixture_seed(&f, 10);
    char err[256];
    pc_kiosk_key real = f.dept;
    pc_kiosk_key_generate(&f.dept, "department", err, sizeof err);  /* an impostor signs */
    pc_recv_server *srv = fixture_receiver(&f, NULL, 0);
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_AUTH);
    pc_recv_server_stop(srv);
    f.dept = real;
    size_t pending = 0, synced = 0;
    pc_store_count(f.store, &pending, &synced);
    CHECK(pending == 10 && synced == 0);    /* nothing marked on an unproven answer */
    fixture_done(&f);
}

static void refused_item_stays_pending(void)
{
    fixture f;
    fixture_init(&f);
    fixture_seed(&f, 5);
    pc_submission bad = {.created_at = 1, .receipt = NULL};
    snprintf(bad.receipt_id, sizeof bad.receipt_id, "NOTANID");
    snprintf(bad.kiosk_id, sizeof bad.kiosk_id, "%s", f.kiosk.kiosk_id);
    snprintf(bad.policy_id, sizeof bad.policy_id, "yunnan-sti");
    snprintf(bad.outcome, sizeof bad.outcome, "refer");
    bad.answers_json = "{}";
    bad.basis_json = "[]";
    CHECK(pc_store_insert(f.store, &bad) == PC_STORE_OK);
    pc_recv_server *srv = fixture_receiver(&f, NULL, 0);
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_REJECTED);
    pc_recv_server_stop(srv);
    size_t pending = 0, synced = 0;
    pc_store_count(f.store, &pending, &synced);
    CHECK(pending == 1 && synced == 5);
    pc_submission s;
    CHECK(pc_store_get(f.store, "NOTANID", &s) == PC_STORE_OK && s.sync_state == PC_SYNC_PENDING);
    pc_submission_free(&s);
    fixture_done(&f);
}

int main(void)
{
    with_faults(NULL, 1200, 100);
    with_faults("drop,ok", 300, 50);
    with_faults("500,ok", 300, 50);
    with_faults("lose,ok", 300, 50);
    with_faults("delay,ok,ok", 120, 40);
    with_faults("drop,lose,500,ok,lose,delay,drop,ok,ok", 400, 40);
    receiver_down_then_up();
    budget_spent_then_resume();
    unknown_kiosk_refused();
    forged_answers_ignored();
    refused_item_stays_pending();
    return CHECK_DONE();
}
