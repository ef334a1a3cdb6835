/* recv_server.h — the department receiver's HTTP(S) server (libmicrohttpd).
 *
 * Why it exists: departments need a receiver to start from (sync/README.md). It checks
 * each request against the keyring of kiosks, hands authenticated batches to the intake
 * (recv_intake.h: deduplicated, durable before the answer, the first answer per
 * Idempotency-Key replayed, 409 while a key is in flight, on any instance sharing the
 * database), stores each kiosk's signed status (POST /v1/status, the latest per
 * kiosk) and the staff desks' records (POST /v1/desk-records, signed by a key of the
 * desks' own keyring: recv_desk.h), signs every answer with the department key, serves
 * the published store (/v1/manifest, /v1/files/<sha256>, /v1/packs/<name>: only what a
 * signed manifest names, recv_publish.h) and the operator console under /console
 * (recv_console.h). The only file of the sync that knows libmicrohttpd.
 *
 * Hardening: a request's headers are checked before any of its body is read (kiosk
 * enrolled, timestamp in the window, Content-Length within what max_batch submissions
 * may take, and the signature itself when the kiosk sends X-PC-Body-SHA256); refused
 * requests are answered at once and their bodies never buffered. Bodies held at once
 * are bounded in total (body_budget), connections per client address and in all, and
 * idle connections time out. The keyring can be replaced while serving (SIGHUP in the
 * receiver program).
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
#include "pack.h"
#include "recv_store.h"

/* Where a POST that passed authentication is: before the Idempotency-Key lookup,
 * before its batch is stored (key registered as in flight), after the batch and its
 * answer are committed, before the answer is sent. */
typedef enum { PC_RECV_AT_START, PC_RECV_AT_STORE, PC_RECV_AT_ANSWER } pc_recv_stage;

typedef enum {
    PC_RECV_GO_ON, /* carry on as usual */
    PC_RECV_CLOSE, /* close the connection without an answer */
    PC_RECV_ANSWER /* answer with the verdict's error instead */
} pc_recv_action;

typedef struct pc_recv_verdict {
    pc_recv_action action;
    unsigned status; /* PC_RECV_ANSWER: HTTP status, error code and message */
    const char *code, *message;
} pc_recv_verdict;

typedef struct pc_recv_tap {
    /* Called at each stage of each signed POST, from the server's threads; state is
     * one int per request, 0 at the start, for the tap to carry a decision along. */
    pc_recv_verdict (*at)(void *ctx, pc_recv_stage stage, const char *kiosk_id, const char *idem,
                          int *state);
    void *ctx;
} pc_recv_tap;

#define PC_RECV_ITEM_BYTES 8192            /* body bytes allowed per submission of a batch */
#define PC_RECV_PER_CLIENT_DEFAULT 16      /* connections from one address */
#define PC_RECV_CONNECTIONS_DEFAULT 256    /* connections in all */
#define PC_RECV_BUDGET_DEFAULT (64u << 20) /* body bytes held at once, all requests */
#define PC_RECV_IDLE_TIMEOUT 30            /* seconds a connection may sit idle */
#define PC_RECV_DB_CONNECTIONS_DEFAULT 4

typedef struct pc_recv_opts {
    const char *db;           /* SQLite file path or postgresql:// URI */
    bool create;              /* make the database when missing (else an error) */
    int db_connections;       /* store connections; 0: PC_RECV_DB_CONNECTIONS_DEFAULT */
    const pc_keyring *kiosks; /* kiosks allowed to send (copied at start) */
    const pc_keyring *desks;  /* staff desks allowed to send records (copied); NULL: none */
    const pc_kiosk_key *dept; /* signs answers (borrowed) */
    const char *listen_addr;  /* IPv4 address; NULL: 127.0.0.1 */
    uint16_t port;            /* 0: any free port (see pc_recv_server_port) */
    const char *tls_cert;     /* PEM files; both or neither: HTTPS */
    const char *tls_key;
    const char *packs_dir;    /* the published store (recv_publish.h): its latest manifest,
                                 files by hash and packs by name; NULL: none */
    int window_s;             /* accepted clock skew; 0: PC_PROTO_WINDOW_DEFAULT */
    int max_batch;            /* submissions a request; 0: PC_PROTO_MAX_BATCH. Bodies
                                       are refused above max_batch × PC_RECV_ITEM_BYTES */
    int max_per_client;       /* 0: PC_RECV_PER_CLIENT_DEFAULT */
    int max_connections;      /* 0: PC_RECV_CONNECTIONS_DEFAULT */
    size_t body_budget;       /* 0: PC_RECV_BUDGET_DEFAULT; over it: 503 */
    bool require_body_hash;   /* refuse requests without X-PC-Body-SHA256 */
    int lease_s;              /* in-flight claim lease; 0: PC_RECV_LEASE_DEFAULT */
    int keep_days;            /* stored answers kept; 0: PC_RECV_KEEP_DAYS_DEFAULT */
    const char *console_dir;  /* the operator console's files (/console); NULL: none */
    const pc_pack_set *packs; /* for the console: texts, titles, versions (borrowed) */
    int silent_hours;         /* console: a kiosk is silent after; 0: the default */
    int roll_seconds;         /* console: rollups brought up to date in the background this often
                         (recv_console.h; `serve`: PC_RECV_ROLL_EVERY); 0: as pages ask */
    FILE *log;                /* one line an event; NULL: quiet */
    const pc_recv_tap *tap;   /* tests only (borrowed); NULL: none */
} pc_recv_opts;

typedef struct pc_recv_server pc_recv_server;

/* Starts serving in background threads. False with err when an option is bad, the
 * database cannot be opened or the port cannot be bound. */
bool pc_recv_server_start(const pc_recv_opts *opts, pc_recv_server **out, char *err,
                          size_t errsize);
uint16_t pc_recv_server_port(const pc_recv_server *srv);
/* Replaces the keyring of kiosks (taken over: *ring is emptied) for the requests
 * that arrive from now on. */
void pc_recv_server_set_kiosks(pc_recv_server *srv, pc_keyring *ring);
/* Replaces the keyring of staff desks (taken over, as for kiosks). */
void pc_recv_server_set_desks(pc_recv_server *srv, pc_keyring *ring);
/* Stops (waits for requests in progress) and frees. */
void pc_recv_server_stop(pc_recv_server *srv);

#endif
