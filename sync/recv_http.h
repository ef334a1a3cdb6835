/* recv_http.h — the reference receiver's HTTP(S) server (libmicrohttpd).
 *
 * Why it exists: departments need a receiver to start from, and the sync's tests need
 * one that can misbehave on purpose. It checks each request's Ed25519 signature
 * against the keyring of kiosks, stores batches through recv_db (deduplicated,
 * durable before the answer), replays the first answer for an Idempotency-Key, and
 * signs every answer with the department key. Test switches (faults) make it drop
 * connections, answer 500, delay, or store and then lose the answer. */
#ifndef PCS_RECV_HTTP_H
#define PCS_RECV_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "keys.h"

typedef struct recv_opts {
    const char *db_path;            /* the receiver's SQLite file */
    const pc_keyring *kiosks;       /* kiosks allowed to send (borrowed) */
    const pc_kiosk_key *dept;       /* signs answers (borrowed) */
    const char *listen_addr;        /* IPv4 address; NULL: 127.0.0.1 */
    uint16_t port;                  /* 0: any free port (see recv_server_port) */
    const char *tls_cert;           /* PEM files; both or neither: HTTPS */
    const char *tls_key;
    const char *packs_dir;          /* served under /v1/packs/; NULL: none */
    const char *faults;             /* "ok,drop,500,lose,delay", cycled per POST; NULL: none */
    int delay_ms;                   /* for the "delay" fault */
    int window_s;                   /* accepted clock skew; 0: PCS_WINDOW_DEFAULT */
    FILE *log;                      /* one line an event; NULL: quiet */
} recv_opts;

typedef struct recv_server recv_server;

/* Starts serving in background threads. False with err when an option is bad, the
 * database cannot be opened or the port cannot be bound. */
bool recv_server_start(const recv_opts *opts, recv_server **out, char *err, size_t errsize);
uint16_t recv_server_port(const recv_server *srv);
/* Stops (waits for requests in progress) and frees. */
void recv_server_stop(recv_server *srv);

/* Checks a fault list; false with the offending word in err. */
bool recv_faults_valid(const char *faults, char *err, size_t errsize);

#endif
