/* sync_client.h — the nightly run: send every pending submission, exactly once.
 *
 * Why it exists: the kiosk's queue (the store, a transactional outbox) must reach the
 * department whatever the network does. Pending rows go out in batches, oldest first;
 * each batch carries one Idempotency-Key kept across its retries; a row is marked
 * synced only when a department-signed answer acknowledges its receipt id. Retries use
 * exponential backoff with jitter inside a time budget; nothing is ever deleted. A run
 * that stops early simply leaves rows pending: the next run resumes with them. */
#ifndef PCS_SYNC_CLIENT_H
#define PCS_SYNC_CLIENT_H

#include <stddef.h>
#include <stdio.h>

#include "keys.h"
#include "store.h"
#include "sync_config.h"

/* Exit statuses (sysexits.h values where one fits); see sync/README.md. */
enum {
    PCS_EXIT_OK = 0,            /* every pending submission acknowledged */
    PCS_EXIT_FAILURE = 1,       /* anything else (out of memory, a bug) */
    PCS_EXIT_CONFIG = 2,        /* bad usage, configuration or key files */
    PCS_EXIT_REJECTED = 65,     /* EX_DATAERR: the receiver refused some submissions */
    PCS_EXIT_STORE = 74,        /* EX_IOERR: the local store failed */
    PCS_EXIT_TEMPFAIL = 75,     /* EX_TEMPFAIL: network, 5xx, budget: retry later */
    PCS_EXIT_AUTH = 77          /* EX_NOPERM: 401, or an answer not signed by the department */
};

typedef struct pcs_stats {
    size_t pending_start;       /* pending when the run began */
    size_t sent;                /* distinct submissions sent at least once */
    size_t acked;               /* marked synced by this run */
    size_t rejected;            /* refused by the receiver (stay pending) */
    size_t pending_end;         /* pending when the run ended */
    size_t requests;            /* HTTP requests made, retries included */
    size_t batches;
} pcs_stats;

/* One run. progress (may be NULL) gets a line a batch and a line a retry. Returns
 * an exit status above. */
int pcs_sync_run(const pcs_config *cfg, pc_store *store, const pc_kiosk_key *key,
                 const pc_keyring *dept, FILE *progress, pcs_stats *stats);
/* "sent N, acknowledged N, pending N, failed N" */
void pcs_stats_print(const pcs_stats *stats, FILE *out);

#endif
