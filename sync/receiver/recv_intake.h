/* recv_intake.h — what the receiver does with an authenticated batch: claim its
 * Idempotency-Key in the database, replay or refuse (422, 409), or store it and its
 * answer in one transaction; and the periodic sweep of old stored answers.
 *
 * Why it exists: this is the protocol's exactly-once logic (sync/PROTOCOL.md), kept
 * apart from HTTP (recv_server.c, the one file that knows libmicrohttpd) so that it
 * reads as the protocol does. Every decision is the database's (recv_store.h), so it
 * holds across receiver instances sharing one PostgreSQL database. The tests' tap
 * (recv_server.h) is asked at its three points. */
#ifndef PC_RECV_INTAKE_H
#define PC_RECV_INTAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "recv_pool.h"
#include "recv_server.h"

typedef struct pc_recv_intake pc_recv_intake;

typedef struct pc_recv_intake_opts {
    pc_recv_pool *pool;     /* borrowed */
    const pc_recv_tap *tap; /* NULL: none */
    FILE *log;              /* NULL: quiet */
    size_t max_batch;       /* submissions a request */
    int lease_s;            /* claim lease; 0: PC_RECV_LEASE_DEFAULT */
    int keep_days;          /* stored answers kept; 0: PC_RECV_KEEP_DAYS_DEFAULT */
} pc_recv_intake_opts;

/* An authenticated POST. */
typedef struct pc_recv_post {
    const char *kiosk, *idem, *hash;
    const char *body;
    size_t len;
} pc_recv_post;

/* What to answer (the server signs and sends it), or close without answering. */
typedef struct pc_recv_reply {
    bool close;
    unsigned status;
    char *body; /* malloc'd JSON; NULL when close or out of memory */
} pc_recv_reply;

pc_recv_intake *pc_recv_intake_new(const pc_recv_intake_opts *opts);
void pc_recv_intake_free(pc_recv_intake *in);
void pc_recv_intake_submit(pc_recv_intake *in, const pc_recv_post *post, pc_recv_reply *out);
/* Sweeps now when the last sweep is an hour old (the first call always does). */
void pc_recv_intake_sweep(pc_recv_intake *in);

/* An error answer's reply. */
void pc_recv_reply_error(pc_recv_reply *out, unsigned status, const char *code,
                         const char *message);
/* One line "receiver: …" to log (when not NULL), written in one call, with its journald
 * priority (log.h; chosen from its words: an error, a refusal or information). */
void pc_recv_log(FILE *log, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
