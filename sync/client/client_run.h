/* client_run.h — the nightly run: send every pending submission, exactly once.
 *
 * Why it exists: the kiosk's queue (the store, a transactional outbox) must reach the
 * department whatever the network does. Pending rows go out in batches, oldest first;
 * each batch carries one Idempotency-Key kept across its retries; a row is marked
 * synced only when a department-signed answer acknowledges its receipt id. Retries use
 * exponential backoff with jitter inside a time budget; nothing is ever deleted. A run
 * that stops early simply leaves rows pending: the next run resumes with them. */
#ifndef PC_CLIENT_RUN_H
#define PC_CLIENT_RUN_H

#include <stddef.h>
#include <stdio.h>

#include "client_config.h"
#include "keys.h"
#include "store.h"

/* Exit statuses (sysexits.h values where one fits); see sync/README.md. */
enum {
    PC_CLIENT_EXIT_OK = 0,        /* every pending submission acknowledged */
    PC_CLIENT_EXIT_FAILURE = 1,   /* anything else (out of memory, a bug) */
    PC_CLIENT_EXIT_CONFIG = 2,    /* bad usage, configuration or key files */
    PC_CLIENT_EXIT_REJECTED = 65, /* EX_DATAERR: the receiver refused some submissions */
    PC_CLIENT_EXIT_STORE = 74,    /* EX_IOERR: the local store failed */
    PC_CLIENT_EXIT_TEMPFAIL = 75, /* EX_TEMPFAIL: network, 5xx, budget: retry later */
    PC_CLIENT_EXIT_AUTH = 77      /* EX_NOPERM: 401, or an answer not the department's */
};

typedef struct pc_client_stats {
    size_t pending_start; /* pending when the run began */
    size_t sent;          /* distinct submissions sent at least once */
    size_t acked;         /* marked synced by this run */
    size_t rejected;      /* refused by the receiver (stay pending) */
    size_t pending_end;   /* pending when the run ended */
    size_t requests;      /* HTTP requests made, retries included */
    size_t batches;
    bool status_sent; /* the kiosk's status was stored by the receiver */
    char packs[600];  /* what the pack manifest did, one line (client_manifest.h) */
} pc_client_stats;

/* One run. progress (may be NULL) gets a line a batch and a line a retry. Returns
 * an exit status above. */
int pc_client_run(const pc_client_config *cfg, pc_store *store, const pc_kiosk_key *key,
                  const pc_keyring *dept, FILE *progress, pc_client_stats *stats);
/* "sent N, acknowledged N, pending N, failed N" */
void pc_client_stats_print(const pc_client_stats *stats, FILE *out);

#endif
