/* client_status.h — the kiosk's status report, sent at the end of every run, even
 * when nothing is pending (sync/PROTOCOL.md, "Kiosk status").
 *
 * Why it exists: the department must see a kiosk that stopped syncing, ran out of
 * paper or fell behind on packs without someone walking to the hall. The facts come
 * from the kiosk's own places: queue depth and last sync from the store, the printer's
 * last known state from the store's state table (key "printer", written by the kiosk),
 * pack versions from rules_dir, free disk from the store's file system, the program
 * version (PC_VERSION), the clock offset measured from the receiver's Date header, and
 * kiosk-sync's own last failure, kept in a small state file beside the store
 * (<database>.sync-state.json, written atomically). The request is signed like a
 * batch; the answer must be signed by a department key. One attempt a run: a status
 * that does not arrive is sent again by the next run. */
#ifndef PC_CLIENT_STATUS_H
#define PC_CLIENT_STATUS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "client_config.h"
#include "client_http.h"
#include "keys.h"
#include "store.h"

/* kiosk-sync's memory between runs (the state file). */
typedef struct pc_client_state {
    char last_error[PC_CLIENT_PATH_MAX]; /* "" when none yet */
    int64_t last_error_at;
    bool clock_known;
    int64_t clock_offset_s; /* kiosk minus receiver, last measured */
} pc_client_state;

/* The state file for a store path: "<database>.sync-state.json". */
void pc_client_state_path(const pc_client_config *cfg, char *out, size_t size);
/* Missing or unreadable: an empty state (never an error: it is only a report). */
void pc_client_state_load(const pc_client_config *cfg, pc_client_state *st);
bool pc_client_state_save(const pc_client_config *cfg, const pc_client_state *st);

typedef enum {
    PC_CLIENT_STATUS_SENT,    /* stored by the receiver, answer verified */
    PC_CLIENT_STATUS_TEMP,    /* no answer, 5xx, 408/429: next run */
    PC_CLIENT_STATUS_AUTH,    /* 401, or an answer not the department's */
    PC_CLIENT_STATUS_REFUSED, /* 400/404 (a receiver without /v1/status) … */
    PC_CLIENT_STATUS_LOCAL    /* the store could not be read, out of memory */
} pc_client_status_result;

/* Gathers and sends the status over http; st supplies last error and clock offset
 * (the caller's fresher measurement when clock_known) and gets the offset measured
 * from this answer. why (may be NULL) says what failed. */
pc_client_status_result pc_client_status_send(const pc_client_config *cfg, pc_store *store,
                                              const pc_kiosk_key *key, const pc_keyring *dept,
                                              pc_client_http *http, pc_client_state *st, char *why,
                                              size_t whysize);

#endif
