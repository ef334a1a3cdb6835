/* sync_console_seed.h — a small fleet for the console's tests: four enrolled kiosks
 * in two halls (hall1-k01 is the fixture's own), three of which have taken
 * pre-checks on each of the last ten days (every outcome, the bundled packs' first
 * questions, some answered 不确定) and recorded a printer state (ok, paper near end,
 * out); one (hall2-k02) never reports. hall1-k01 and hall1-k02 have the packs in place
 * (rules_dir), hall2-k01 only the made-up pack of tests/packs (beside rules_dir), so
 * that it is behind on every pack. console_seed_sync sends all of it through the real
 * sync, statuses included, to a running site. */
#ifndef SYNC_CONSOLE_SEED_H
#define SYNC_CONSOLE_SEED_H

#include "pack.h"
#include "sync_test_util.h"

#define CONSOLE_SEED_KIOSKS 3

typedef struct console_seed {
    sync_kiosk extra[CONSOLE_SEED_KIOSKS];  /* hall1-k02, hall2-k01, hall2-k02 */
    size_t submissions;                     /* inserted in all */
    size_t unsure_first;                    /* 不确定 answers to each pack's first question */
} console_seed;

/* Enrols the extra kiosks and fills the stores (before the site starts). */
void console_seed_make(fixture *f, const pc_pack_set *packs, const char *rules_dir,
                       console_seed *cs);
/* Runs kiosk-sync's run for every kiosk but hall2-k02; true when each exits 0. */
bool console_seed_sync(fixture *f, const site *s, console_seed *cs);
void console_seed_done(console_seed *cs);

#endif
