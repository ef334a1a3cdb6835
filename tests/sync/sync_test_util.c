/* sync_test_util.c — scratch kiosk, department and receiver for the sync tests
 * (see sync_test_util.h). */
#define _XOPEN_SOURCE 700
#include "sync_test_util.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "receipt.h"

static void make_key(pc_kiosk_key *k, const char *id, const char *secret, const char *ring);

void die(const char *what, const char *detail)
{
    fprintf(stderr, "setup failed: %s: %s\n", what, detail ? detail : "");
    exit(99);
}

void fixture_init(fixture *f)
{
    memset(f, 0, sizeof *f);
    if (sodium_init() < 0)
        die("sodium_init", NULL);
    snprintf(f->dir, sizeof f->dir, "/tmp/pcsync-test-XXXXXX");
    if (!mkdtemp(f->dir))
        die("mkdtemp", f->dir);
    char a[300], b[300], err[256];
    snprintf(a, sizeof a, "%s/kiosk.key", f->dir);
    snprintf(b, sizeof b, "%s/kiosks.keyring", f->dir);
    make_key(&f->kiosk, "hall1-k01", a, b);
    snprintf(a, sizeof a, "%s/dept.key", f->dir);
    snprintf(b, sizeof b, "%s/dept.keyring", f->dir);
    make_key(&f->dept, "department", a, b);
    snprintf(a, sizeof a, "%s/kiosks.keyring", f->dir);
    if (!pc_keyring_load(&f->kiosks, a, err, sizeof err) ||
        !pc_keyring_load(&f->dept_ring, b, err, sizeof err))
        die("keyring", err);
    pc_client_config_defaults(&f->cfg);
    snprintf(f->cfg.database, sizeof f->cfg.database, "%s/kiosk.db", f->dir);
    snprintf(f->cfg.rules_dir, sizeof f->cfg.rules_dir, "%s", f->dir);
    snprintf(f->recv_db, sizeof f->recv_db, "%s/receiver.db", f->dir);
    f->cfg.timeout_seconds = 1;
    f->cfg.connect_timeout_seconds = 1;
    f->cfg.backoff_initial_ms = 10;
    f->cfg.backoff_max_ms = 200;
    f->cfg.max_attempts = 30;
    f->cfg.budget_seconds = 120;
    if (pc_store_open(f->cfg.database, &f->store, err, sizeof err) != PC_STORE_OK)
        die("store", err);
}

static void make_key(pc_kiosk_key *k, const char *id, const char *secret, const char *ring)
{
    char err[256];
    if (!pc_kiosk_key_generate(k, id, err, sizeof err) ||
        !pc_kiosk_key_save(k, secret, err, sizeof err) ||
        !pc_keyring_append(ring, id, k->pk, err, sizeof err))
        die("key", err);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

void fixture_done(fixture *f)
{
    pc_store_close(f->store);
    pc_keyring_free(&f->kiosks);
    pc_keyring_free(&f->dept_ring);
    pc_kiosk_key_wipe(&f->kiosk);
    pc_kiosk_key_wipe(&f->dept);
    free(f->ids);
    if (!getenv("PCSYNC_KEEP"))
        nftw(f->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

void fixture_seed(fixture *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        pc_submission s = {.created_at = (int64_t)time(NULL) - 3600};
        pc_receipt_id_new(s.receipt_id);
        snprintf(s.kiosk_id, sizeof s.kiosk_id, "%s", f->kiosk.kiosk_id);
        snprintf(s.policy_id, sizeof s.policy_id, "yunnan-sti");
        snprintf(s.pack_version, sizeof s.pack_version, "2026.11.1");
        snprintf(s.outcome, sizeof s.outcome, "%s", i % 3 ? "exempt" : "refer");
        snprintf(s.deadline, sizeof s.deadline, "2026-12-%02zu", 1 + i % 28);
        s.answers_json = "{\"q1\":\"yes\",\"q2\":\"no\",\"q3\":\"unsure\",\"notified\":\"2026-11-02\"}";
        s.basis_json = "[\"4.1\",\"5.5\"]";
        s.contact = i % 2 ? "138 0000 0000" : NULL;
        s.receipt = "RC1ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        pc_store_status st = pc_store_insert(f->store, &s);
        if (st == PC_STORE_DUPLICATE) {
            i--;
            continue;
        }
        if (st != PC_STORE_OK)
            die("insert", pc_store_errmsg(f->store));
        char (*grown)[PC_RECEIPT_ID_SIZE] = realloc(f->ids, (f->n_ids + 1) * sizeof *grown);
        if (!grown)
            die("realloc", NULL);
        f->ids = grown;
        memcpy(f->ids[f->n_ids++], s.receipt_id, PC_RECEIPT_ID_SIZE);
    }
}

pc_recv_server *fixture_receiver(fixture *f, const char *faults, int delay_ms)
{
    FILE *log = getenv("PCSYNC_VERBOSE") ? stderr : NULL;
    pc_recv_opts o = {.db_path = f->recv_db, .kiosks = &f->kiosks, .dept = &f->dept,
                      .log = log};
    pc_recv_server *srv = NULL;
    char err[256];
    if (faults && !sync_faults_set(&f->faults, faults, delay_ms, log, err, sizeof err))
        die("faults", err);
    if (faults)
        o.tap = &f->faults.tap;
    if (!pc_recv_server_start(&o, &srv, err, sizeof err))
        die("receiver", err);
    return srv;
}

void fixture_point(fixture *f, const pc_recv_server *srv)
{
    snprintf(f->cfg.url, sizeof f->cfg.url, "http://127.0.0.1:%u",
             (unsigned)pc_recv_server_port(srv));
}

bool fixture_all_delivered(fixture *f, size_t n)
{
    size_t pending = 0, synced = 0, held = 0, missing = 0, unsynced = 0;
    char err[256] = "";
    pc_recv_db *db = NULL;
    if (pc_store_count(f->store, &pending, &synced) != PC_STORE_OK ||
        !pc_recv_db_open(f->recv_db, &db, err, sizeof err) || !pc_recv_db_count(db, &held))
        die("count", err);
    for (size_t i = 0; i < f->n_ids; i++) {
        pc_submission s;
        if (pc_store_get(f->store, f->ids[i], &s) != PC_STORE_OK)
            die("get", f->ids[i]);
        unsynced += s.sync_state != PC_SYNC_SYNCED;
        pc_submission_free(&s);
        missing += !pc_recv_db_has(db, f->ids[i]);
    }
    pc_recv_db_close(db);
    bool ok = pending == 0 && synced == n && held == n && f->n_ids == n && !missing && !unsynced;
    if (!ok)
        fprintf(stderr, "kiosk: pending %zu synced %zu; receiver holds %zu, misses %zu; "
                "%zu seeded ids not synced; expected %zu\n", pending, synced, held, missing,
                unsynced, n);
    return ok;
}
