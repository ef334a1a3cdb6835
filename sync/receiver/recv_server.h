/* recv_server.h — the department receiver's HTTP(S) server (libmicrohttpd).
 *
 * Why it exists: departments need a receiver to start from (sync/README.md). It checks
 * each request's Ed25519 signature against the keyring of kiosks, stores batches
 * through recv_db (deduplicated, durable before the answer), replays the first answer
 * for an Idempotency-Key (409 while that key is in flight), signs every answer with
 * the department key, and serves signed packs under /v1/packs/. The only file of the
 * sync that knows libmicrohttpd.
 *
 * The tap: the sync's tests need a receiver that misbehaves on purpose (drops the
 * connection, answers 500, holds a request, stores and then loses the answer). The
 * server itself has no such behaviour; it only lets an optional tap (pc_recv_opts.tap,
 * NULL in the receiver program) look at each signed POST at three points and say
 * what to do there. The faults live with the tests (tests/sync/sync_faults.h). */
#ifndef PC_RECV_SERVER_H
#define PC_RECV_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "keys.h"

/* Where a POST that passed authentication is: before the Idempotency-Key lookup,
 * before its batch is stored (key registered as in flight), after the batch and its
 * answer are committed, before the answer is sent. */
typedef enum { PC_RECV_AT_START, PC_RECV_AT_STORE, PC_RECV_AT_ANSWER } pc_recv_stage;

typedef enum {
    PC_RECV_GO_ON,              /* carry on as usual */
    PC_RECV_CLOSE,              /* close the connection without an answer */
    PC_RECV_ANSWER              /* answer with the verdict's error instead */
} pc_recv_action;

typedef struct pc_recv_verdict {
    pc_recv_action action;
    unsigned status;            /* PC_RECV_ANSWER: HTTP status, error code and message */
    const char *code, *message;
} pc_recv_verdict;

typedef struct pc_recv_tap {
    /* Called at each stage of each signed POST, from the server's threads; state is
     * one int per request, 0 at the start, for the tap to carry a decision along. */
    pc_recv_verdict (*at)(void *ctx, pc_recv_stage stage, const char *kiosk_id,
                          const char *idem, int *state);
    void *ctx;
} pc_recv_tap;

typedef struct pc_recv_opts {
    const char *db_path;            /* the receiver's SQLite file */
    const pc_keyring *kiosks;       /* kiosks allowed to send (borrowed) */
    const pc_kiosk_key *dept;       /* signs answers (borrowed) */
    const char *listen_addr;        /* IPv4 address; NULL: 127.0.0.1 */
    uint16_t port;                  /* 0: any free port (see pc_recv_server_port) */
    const char *tls_cert;           /* PEM files; both or neither: HTTPS */
    const char *tls_key;
    const char *packs_dir;          /* served under /v1/packs/; NULL: none */
    int window_s;                   /* accepted clock skew; 0: PC_PROTO_WINDOW_DEFAULT */
    FILE *log;                      /* one line an event; NULL: quiet */
    const pc_recv_tap *tap;         /* tests only (borrowed); NULL: none */
} pc_recv_opts;

typedef struct pc_recv_server pc_recv_server;

/* Starts serving in background threads. False with err when an option is bad, the
 * database cannot be opened or the port cannot be bound. */
bool pc_recv_server_start(const pc_recv_opts *opts, pc_recv_server **out, char *err,
                          size_t errsize);
uint16_t pc_recv_server_port(const pc_recv_server *srv);
/* Stops (waits for requests in progress) and frees. */
void pc_recv_server_stop(pc_recv_server *srv);

#endif
