/* sync_test_util.h — what the sync tests share: a scratch directory with a kiosk's
 * keys, store and configuration, the department's keys, the receiver's database, and
 * receivers started in the same process (a "site": one receiver, or several on one
 * database behind a round-robin balancer), with test faults when asked
 * (sync_faults.h). Both ends of the sync meet here, as they do nowhere in sync/.
 *
 * The backend comes from the environment, so that the same tests run on both:
 * PCSYNC_DB unset → a SQLite file in the scratch directory; PCSYNC_DB=postgresql://…
 * (set by pg_cluster.sh) → that database, emptied for each fixture. PCSYNC_INSTANCES
 * (default 1) is how many receivers a site runs. Every helper aborts the test on a
 * setup failure (a test that cannot set up must not pass). */
#ifndef PC_SYNC_TEST_UTIL_H
#define PC_SYNC_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "client_config.h"
#include "keys.h"
#include "recv_server.h"
#include "recv_store.h"
#include "store.h"
#include "sync_faults.h"
#include "sync_lb.h"

/* A kiosk: its key, its store of submissions and its kiosk-sync configuration. */
typedef struct sync_kiosk {
    pc_kiosk_key key;
    pc_store *store;
    pc_client_config cfg;
    char (*ids)[PC_RECEIPT_ID_SIZE];    /* receipt ids seeded, in order */
    size_t n_ids;
} sync_kiosk;

typedef struct fixture {
    char dir[256];              /* scratch directory, removed by fixture_done */
    pc_kiosk_key kiosk;         /* kiosk "hall1-k01" */
    pc_kiosk_key dept;          /* department signing key "department" */
    pc_keyring kiosks;          /* the department's keyring of kiosks (dir/kiosks.keyring) */
    pc_keyring dept_ring;       /* the kiosk's keyring of department keys */
    pc_store *store;            /* the kiosk's store (dir/kiosk.db) */
    pc_client_config cfg;       /* kiosk-sync configuration pointing at the above */
    char recv_db[512];          /* the receiver's database, made by fixture_init */
    int instances;              /* receivers a site runs */
    char (*ids)[PC_RECEIPT_ID_SIZE];    /* receipt ids seeded, in order */
    size_t n_ids;
    sync_faults faults;         /* of the site running, when it has any */
} fixture;

/* Receivers on the fixture's database; srv[0] alone, or all behind lb. */
typedef struct site {
    pc_recv_server *srv[SYNC_LB_MAX];
    size_t n;
    sync_lb *lb;
    FILE *log[SYNC_LB_MAX];         /* each receiver's log, when kept (site_logged) */
    char *text[SYNC_LB_MAX];
    size_t len[SYNC_LB_MAX];
} site;

void fixture_init(fixture *f);
void fixture_done(fixture *f);
/* Inserts n pending submissions with fresh receipt ids. */
void fixture_seed(fixture *f, size_t n);
/* Starts f->instances receivers with the given faults, shared by all of them
 * (sync_faults.h; NULL: none, receivers as in production). One site at a time. */
site *fixture_site(fixture *f, const char *faults, int delay_ms);
/* n receivers with the options given (db, kiosks and dept are filled in); logging:
 * each logs to memory, for site_logged. */
site *fixture_site_opts(fixture *f, pc_recv_opts o, size_t n, bool logging);
/* fixture_site whose receivers each log to memory, for site_logged. */
site *fixture_site_logging(fixture *f, const char *faults, int delay_ms);
/* How often receiver i logged needle; whether it did. */
size_t site_count(site *s, size_t i, const char *needle);
bool site_logged(site *s, size_t i, const char *needle);
void site_stop(site *s);
/* Points cfg.url at the site (its balancer, or its one receiver). */
void fixture_point(fixture *f, const site *s);
void fixture_point_cfg(pc_client_config *cfg, const site *s);
/* The receiver's database, opened (close with pc_recv_store_close). */
pc_recv_store *fixture_store(const fixture *f);
/* A console operator in the receiver's database (hashed at libsodium's least cost:
 * tests sign in often). */
void fixture_add_operator(const fixture *f, const char *name, const char *password);
/* Every submission of the kiosk is synced and at the receiver, and the receiver holds
 * exactly n rows. */
bool fixture_all_delivered(fixture *f, size_t n);

/* Another kiosk, enrolled in the fixture's keyring (file and f->kiosks), with its
 * own store in the scratch directory and f->cfg's settings. Enrol before starting a
 * site, or the site will not know it. */
void fixture_kiosk(fixture *f, const char *id, sync_kiosk *k);
void sync_kiosk_seed(sync_kiosk *k, size_t n);
void sync_kiosk_done(sync_kiosk *k);

/* The PostgreSQL URI under test, or NULL when the backend is SQLite. */
const char *fixture_pg(void);
void die(const char *what, const char *detail);

#endif
