/* sync_faults.h — fault injection for the sync tests: a receiver that misbehaves on
 * purpose, so that exactly-once delivery is tested through an unreliable network.
 *
 * Why it exists, and why here: the production receiver must have no test switches,
 * so the faults plug into its server through the tap (sync/receiver/recv_server.h)
 * and only the tests build them. A fault list ("ok,drop,500,lose,delay", at most 64)
 * is cycled over the signed POSTs the receiver gets (all of a site's receivers share
 * one list and take turns in it): ok does nothing; drop closes
 * the connection before anything is stored; 500 answers an injected server error;
 * lose stores and commits the batch, then closes without answering; delay holds the
 * request delay_ms before storing it (retries meanwhile meet it in flight: 409). */
#ifndef PC_SYNC_FAULTS_H
#define PC_SYNC_FAULTS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "recv_server.h"

#define SYNC_FAULTS_MAX 64

typedef enum { FAULT_OK, FAULT_DROP, FAULT_500, FAULT_LOSE, FAULT_DELAY } sync_fault;

typedef struct sync_faults {
    sync_fault list[SYNC_FAULTS_MAX];   /* cycled over POSTs */
    size_t n;
    atomic_size_t next;                 /* the next POST's place in list */
    int delay_ms;                       /* for FAULT_DELAY */
    FILE *log;                          /* one line a fault injected; NULL: quiet */
    pc_recv_tap tap;                    /* for pc_recv_opts.tap; points at this */
} sync_faults;

/* Sets the list up from its text; false with the offending word in err. Set it up
 * before the receiver that uses it starts, and keep it until that receiver stops. */
bool sync_faults_set(sync_faults *f, const char *list, int delay_ms, FILE *log, char *err,
                     size_t errsize);

#endif
