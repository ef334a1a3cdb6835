/* test_sync_faults.c — exactly-once delivery through an unreliable network.
 *
 * The receiver runs in this process with test faults (sync_faults.h): dropped
 * connections, 500 answers, answers lost after the batch was stored, answers delayed
 * past the client's timeout (so that retries meet the first request still in flight:
 * 409). On either backend (sync_test_util.h); with PCSYNC_INSTANCES=2 (the PostgreSQL
 * run, label postgres) two receivers share the database behind a round-robin
 * balancer, so a kiosk's retry lands on the other instance than its first try: the
 * 409, the replayed answer and exactly-once must then hold across instances.
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
    site *srv = fixture_site(&f, faults, 1500);
    fixture_point(&f, srv);
    int rc = sync_until_done(&f, 5);
    site_stop(srv);
    if (rc != PC_CLIENT_EXIT_OK || !fixture_all_delivered(&f, n))
        fprintf(stderr, "faults \"%s\": not all delivered exactly once (rc %d)\n", faults, rc);
    CHECK(rc == PC_CLIENT_EXIT_OK);
    CHECK(fixture_all_delivered(&f, n));
    /* a further run sends nothing and changes nothing */
    srv = fixture_site(&f, NULL, 0);
    fixture_point(&f, srv);
    pc_client_stats st;
    CHECK(pc_client_run(&f.cfg, f.store, &f.kiosk, &f.dept_ring, NULL, &st) ==
          PC_CLIENT_EXIT_OK);
    CHECK(st.sent == 0 && st.requests == 0);
    site_stop(srv);
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
    site *srv = fixture_site(&f, NULL, 0);
    fixture_point(&f, srv);
    site_stop(srv);               /* nobody listens on that port now */
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_TEMPFAIL);
    size_t pending = 0, synced = 0;
    pc_store_count(f.store, &pending, &synced);
    CHECK(pending == 120 && synced == 0);
    srv = fixture_site(&f, NULL, 0);
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_OK);
    site_stop(srv);
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
    site *srv = fixture_site(&f, "500", 0);    /* every request fails */
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_TEMPFAIL);
    site_stop(srv);
    size_t pending = 0, synced = 0;
    pc_store_count(f.store, &pending, &synced);
    CHECK(pending == 80 && synced == 0);
    f.cfg.budget_seconds = 120;
    srv = fixture_site(&f, NULL, 0);
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_OK);
    site_stop(srv);
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
    site *srv = fixture_site(&f, NULL, 0);
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_AUTH);
    site_stop(srv);
    pc_kiosk_key stranger;
    pc_kiosk_key_generate(&stranger, "hall9-k99", err, sizeof err);
    f.kiosk = stranger;                     /* an id the department never enrolled */
    srv = fixture_site(&f, NULL, 0);
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_AUTH);
    site_stop(srv);
    f.kiosk = mine;
    size_t pending = 0, synced = 0, held = 1;
    pc_store_count(f.store, &pending, &synced);
    CHECK(pending == 10 && synced == 0);
    pc_recv_store *db = fixture_store(&f);
    CHECK(pc_recv_store_count(db, &held) && held == 0);
    pc_recv_store_close(db);
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
    site *srv = fixture_site(&f, NULL, 0);
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_AUTH);
    site_stop(srv);
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
    site *srv = fixture_site(&f, NULL, 0);
    fixture_point(&f, srv);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_REJECTED);
    site_stop(srv);
    size_t pending = 0, synced = 0;
    pc_store_count(f.store, &pending, &synced);
    CHECK(pending == 1 && synced == 5);
    pc_submission s;
    CHECK(pc_store_get(f.store, "NOTANID", &s) == PC_STORE_OK && s.sync_state == PC_SYNC_PENDING);
    pc_submission_free(&s);
    fixture_done(&f);
}

/* Two instances on one database behind the balancer: the first try of a batch goes
 * to instance 0, the retry (a new connection) to instance 1. A batch stored by 0 whose
 * answer was lost is replayed by 1; a batch held by 0 is in flight (409) at 1. */
static void across_instances(const char *faults, const char *at_1)
{
    fixture f;
    fixture_init(&f);
    fixture_seed(&f, 40);
    f.cfg.batch_size = 40;
    site *s = fixture_site_logging(&f, faults, 1500);
    fixture_point(&f, s);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_OK);
    CHECK(site_logged(s, 0, "stored from hall1-k01: 40 submissions, 40 new"));
    CHECK(!site_logged(s, 1, "stored from"));
    CHECK(site_logged(s, 1, at_1));
    if (!site_logged(s, 1, at_1))
        fprintf(stderr, "instance 0:\n%s\ninstance 1:\n%s\n", s->text[0], s->text[1]);
    site_stop(s);
    CHECK(fixture_all_delivered(&f, 40));
    fixture_done(&f);
}

int main(void)
{
    if (getenv("PCSYNC_INSTANCES") && atoi(getenv("PCSYNC_INSTANCES")) >= 2) {
        across_instances("lose,ok", "replaying the stored answer for hall1-k01");
        across_instances("delay,ok", "in flight: 409 for hall1-k01");
    }
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
