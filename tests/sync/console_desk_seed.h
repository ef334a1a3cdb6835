/* console_desk_seed.h — a staff desk's records for the console's tests: a desk
 * (hall1-desk1, its key in dir/desks.keyring) whose clerks took in some of the seeded
 * pre-checks (收件 with materials, then 受理, or 退回 / 不予受理 with a reason) an hour
 * after each was made, sent to a running site by the real `desk sync`. */
#ifndef CONSOLE_DESK_SEED_H
#define CONSOLE_DESK_SEED_H

#include "sync_test_util.h"

typedef struct desk_seed {
    pc_kiosk_key key;
    pc_keyring ring; /* the desks' keyring, for the site's --desks */
    char db[600];    /* the desk's store */
    size_t records;  /* recorded in all */
} desk_seed;

/* Makes the desk's key and keyring, and records actions for the pre-checks already at
 * the receiver (read from its database); the receipts of the kiosks in keys are scanned
 * first (the desk then knows their kiosk id), the others' not. */
void desk_seed_make(fixture *f, const pc_kiosk_key *const *keys, size_t n_keys, desk_seed *ds);
/* Runs `desk sync` to the site; true when it exits 0. */
bool desk_seed_sync(fixture *f, const site *s, desk_seed *ds);
void desk_seed_done(desk_seed *ds);

#endif
