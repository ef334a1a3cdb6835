/* sync_test_util.h — what the sync tests share: a scratch directory with a kiosk's
 * keys, store and configuration, the department's keys, and a receiver started in the
 * same process, with test faults when asked (sync_faults.h). Both ends of the sync
 * meet here, as they do nowhere in sync/. Every helper aborts the test on a setup
 * failure (a test that cannot set up must not pass). */
#ifndef PC_SYNC_TEST_UTIL_H
#define PC_SYNC_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "client_config.h"
#include "keys.h"
#include "recv_db.h"
#include "recv_server.h"
#include "store.h"
#include "sync_faults.h"

typedef struct fixture {
    char dir[256];              /* scratch directory, removed by fixture_done */
    pc_kiosk_key kiosk;         /* kiosk "hall1-k01" */
    pc_kiosk_key dept;          /* department signing key "department" */
    pc_keyring kiosks;          /* the department's keyring of kiosks */
    pc_keyring dept_ring;       /* the kiosk's keyring of department keys */
    pc_store *store;            /* the kiosk's store (dir/kiosk.db) */
    pc_client_config cfg;             /* kiosk-sync configuration pointing at the above */
    char recv_db[300];          /* the receiver's database path */
    char (*ids)[PC_RECEIPT_ID_SIZE];    /* receipt ids seeded, in order */
    size_t n_ids;
    sync_faults faults;         /* of the receiver running, when it has any */
} fixture;

void fixture_init(fixture *f);
void fixture_done(fixture *f);
/* Inserts n pending submissions with fresh receipt ids. */
void fixture_seed(fixture *f, size_t n);
/* Starts a receiver on the fixture's database with the given faults (sync_faults.h;
 * NULL: none, the receiver as in production). One receiver at a time. */
pc_recv_server *fixture_receiver(fixture *f, const char *faults, int delay_ms);
/* Points cfg.url at the receiver. */
void fixture_point(fixture *f, const pc_recv_server *srv);
/* Every submission of the kiosk is synced and at the receiver, and the receiver holds
 * exactly n rows. */
bool fixture_all_delivered(fixture *f, size_t n);
void die(const char *what, const char *detail);

#endif
