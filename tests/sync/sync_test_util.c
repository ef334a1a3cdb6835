/* sync_test_util.c — scratch kiosks, department and receivers for the sync tests
 * (see sync_test_util.h). */
#define _XOPEN_SOURCE 700
#include "sync_test_util.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef PC_SYNC_HAVE_PQ
#include <libpq-fe.h>
#include <sodium.h>
#endif

#include "receipt.h"

static void make_key(pc_kiosk_key *k, const char *id, const char *secret, const char *ring);
static void make_recv_db(fixture *f);
static void seed(pc_store *store, const char *kiosk_id, size_t n,
                 char (**ids)[PC_RECEIPT_ID_SIZE], size_t *n_ids);

void die(const char *what, const char *detail)
{
    fprintf(stderr, "setup failed: %s: %s\n", what, detail ? detail : "");
    exit(99);
}

const char *fixture_pg(void)
{
    const char *db = getenv("PCSYNC_DB");
    return db && pc_recv_store_is_pg(db) ? db : NULL;
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
    f->cfg.timeout_seconds = 1;
    f->cfg.connect_timeout_seconds = 1;
    f->cfg.backoff_initial_ms = 10;
    f->cfg.backoff_max_ms = 200;
    f->cfg.max_attempts = 30;
    f->cfg.budget_seconds = 120;
    if (pc_store_open(f->cfg.database, &f->store, err, sizeof err) != PC_STORE_OK)
        die("store", err);
    const char *inst = getenv("PCSYNC_INSTANCES");
    f->instances = inst ? atoi(inst) : 1;
    if (f->instances < 1 || f->instances > SYNC_LB_MAX)
        die("PCSYNC_INSTANCES", inst);
    make_recv_db(f);
}

/* A new, empty receiver database: a file here, or the PostgreSQL database emptied. */
static void make_recv_db(fixture *f)
{
    const char *pg = fixture_pg();
    char err[512];
    if (!pg) {
        snprintf(f->recv_db, sizeof f->recv_db, "%s/receiver.db", f->dir);
    } else {
#ifdef PC_SYNC_HAVE_PQ
        snprintf(f->recv_db, sizeof f->recv_db, "%s", pg);
        PGconn *c = PQconnectdb(pg);
        PGresult *r = PQexec(c, "SET client_min_messages TO warning;"
                                "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            die("emptying the PostgreSQL database", PQerrorMessage(c));
        PQclear(r);
        PQfinish(c);
#else
        die("PCSYNC_DB", "these tests were built without libpq");
#endif
    }
    pc_recv_store *s = NULL;
    if (!pc_recv_store_open(f->recv_db, PC_RECV_STORE_CREATE, &s, err, sizeof err))
        die("receiver database", err);
    pc_recv_store_close(s);
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
    seed(f->store, f->kiosk.kiosk_id, n, &f->ids, &f->n_ids);
}

static void seed(pc_store *store, const char *kiosk_id, size_t n,
                 char (**ids)[PC_RECEIPT_ID_SIZE], size_t *n_ids)
{
    for (size_t i = 0; i < n; i++) {
        pc_submission s = {.created_at = (int64_t)time(NULL) - 3600};
        pc_receipt_id_new(s.receipt_id);
        snprintf(s.kiosk_id, sizeof s.kiosk_id, "%s", kiosk_id);
        snprintf(s.policy_id, sizeof s.policy_id, "yunnan-sti");
        snprintf(s.pack_version, sizeof s.pack_version, "2026.11.1");
        snprintf(s.outcome, sizeof s.outcome, "%s", i % 3 ? "exempt" : "refer");
        snprintf(s.deadline, sizeof s.deadline, "2026-12-%02zu", 1 + i % 28);
        s.answers_json = "{\"q1\":\"yes\",\"q2\":\"no\",\"q3\":\"unsure\",\"notified\":\"2026-11-02\"}";
        s.basis_json = "[\"4.1\",\"5.5\"]";
        s.contact = i % 2 ? "138 0000 0000" : NULL;
        s.receipt = "RC1ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        pc_store_status st = pc_store_insert(store, &s);
        if (st == PC_STORE_DUPLICATE) {
            i--;
            continue;
        }
        if (st != PC_STORE_OK)
            die("insert", pc_store_errmsg(store));
        char (*grown)[PC_RECEIPT_ID_SIZE] = realloc(*ids, (*n_ids + 1) * sizeof *grown);
        if (!grown)
            die("realloc", NULL);
        *ids = grown;
        memcpy((*ids)[(*n_ids)++], s.receipt_id, PC_RECEIPT_ID_SIZE);
    }
}

site *fixture_site(fixture *f, const char *faults, int delay_ms)
{
    char err[256];
    FILE *log = getenv("PCSYNC_VERBOSE") ? stderr : NULL;
    if (faults && !sync_faults_set(&f->faults, faults, delay_ms, log, err, sizeof err))
        die("faults", err);
    pc_recv_opts o = {.log = log, .tap = faults ? &f->faults.tap : NULL};
    return fixture_site_opts(f, o, (size_t)f->instances, false);
}

site *fixture_site_logging(fixture *f, const char *faults, int delay_ms)
{
    char err[256];
    if (faults && !sync_faults_set(&f->faults, faults, delay_ms, NULL, err, sizeof err))
        die("faults", err);
    pc_recv_opts o = {.tap = faults ? &f->faults.tap : NULL};
    return fixture_site_opts(f, o, (size_t)f->instances, true);
}

site *fixture_site_opts(fixture *f, pc_recv_opts o, size_t n, bool logging)
{
    site *s = calloc(1, sizeof *s);
    char err[512];
    uint16_t ports[SYNC_LB_MAX];
    if (!s || n < 1 || n > SYNC_LB_MAX)
        die("site", NULL);
    o.db = f->recv_db;
    o.kiosks = &f->kiosks;
    o.dept = &f->dept;
    for (s->n = 0; s->n < n; s->n++) {
        if (logging && !(o.log = s->log[s->n] = open_memstream(&s->text[s->n], &s->len[s->n])))
            die("open_memstream", NULL);
        if (!pc_recv_server_start(&o, &s->srv[s->n], err, sizeof err))
            die("receiver", err);
        ports[s->n] = pc_recv_server_port(s->srv[s->n]);
    }
    if (n > 1 && !(s->lb = sync_lb_start(ports, n)))
        die("balancer", NULL);
    return s;
}

size_t site_count(site *s, size_t i, const char *needle)
{
    size_t n = 0;
    if (i >= s->n || !s->log[i] || fflush(s->log[i]) != 0)
        return 0;
    for (const char *p = s->text[i]; p && (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

bool site_logged(site *s, size_t i, const char *needle)
{
    return site_count(s, i, needle) > 0;
}

void site_stop(site *s)
{
    sync_lb_stop(s->lb);
    for (size_t i = 0; i < s->n; i++) {
        pc_recv_server_stop(s->srv[i]);
        if (s->log[i])
            fclose(s->log[i]);
        free(s->text[i]);
    }
    free(s);
}

void fixture_point(fixture *f, const site *s)
{
    fixture_point_cfg(&f->cfg, s);
}

void fixture_point_cfg(pc_client_config *cfg, const site *s)
{
    unsigned port = s->lb ? sync_lb_port(s->lb) : pc_recv_server_port(s->srv[0]);
    snprintf(cfg->url, sizeof cfg->url, "http://127.0.0.1:%u", port);
}

pc_recv_store *fixture_store(const fixture *f)
{
    pc_recv_store *s = NULL;
    char err[512];
    if (!pc_recv_store_open(f->recv_db, 0, &s, err, sizeof err))
        die("receiver database", err);
    return s;
}

void fixture_add_operator(const fixture *f, const char *name, const char *password)
{
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_MIN,
                          crypto_pwhash_MEMLIMIT_MIN) != 0)
        die("operator", "out of memory hashing a password");
    pc_recv_store *db = fixture_store(f);
    if (!pc_recv_store_operator_put(db, name, hash, 1))
        die("operator", pc_recv_store_errmsg(db));
    pc_recv_store_close(db);
}

bool fixture_all_delivered(fixture *f, size_t n)
{
    size_t pending = 0, synced = 0, held = 0, missing = 0, unsynced = 0;
    pc_recv_store *db = fixture_store(f);
    if (pc_store_count(f->store, &pending, &synced) != PC_STORE_OK ||
        !pc_recv_store_count(db, &held))
        die("count", pc_recv_store_errmsg(db));
    for (size_t i = 0; i < f->n_ids; i++) {
        pc_submission s;
        if (pc_store_get(f->store, f->ids[i], &s) != PC_STORE_OK)
            die("get", f->ids[i]);
        unsynced += s.sync_state != PC_SYNC_SYNCED;
        pc_submission_free(&s);
        missing += !pc_recv_store_has(db, f->kiosk.kiosk_id, f->ids[i]);
    }
    pc_recv_store_close(db);
    bool ok = pending == 0 && synced == n && held == n && f->n_ids == n && !missing && !unsynced;
    if (!ok)
        fprintf(stderr, "kiosk: pending %zu synced %zu; receiver holds %zu, misses %zu; "
                "%zu seeded ids not synced; expected %zu\n", pending, synced, held, missing,
                unsynced, n);
    return ok;
}

void fixture_kiosk(fixture *f, const char *id, sync_kiosk *k)
{
    memset(k, 0, sizeof *k);
    char secret[320], ring[300], err[256];
    snprintf(secret, sizeof secret, "%s/%s.key", f->dir, id);
    snprintf(ring, sizeof ring, "%s/kiosks.keyring", f->dir);
    make_key(&k->key, id, secret, ring);
    pc_keyring_free(&f->kiosks);
    if (!pc_keyring_load(&f->kiosks, ring, err, sizeof err))
        die("keyring", err);
    k->cfg = f->cfg;
    snprintf(k->cfg.database, sizeof k->cfg.database, "%s/%s.db", f->dir, id);
    if (pc_store_open(k->cfg.database, &k->store, err, sizeof err) != PC_STORE_OK)
        die("store", err);
}

void sync_kiosk_seed(sync_kiosk *k, size_t n)
{
    seed(k->store, k->key.kiosk_id, n, &k->ids, &k->n_ids);
}

void sync_kiosk_done(sync_kiosk *k)
{
    pc_store_close(k->store);
    pc_kiosk_key_wipe(&k->key);
    free(k->ids);
}
