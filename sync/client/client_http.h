/* client_http.h — kiosk-sync's HTTP(S) transport (libcurl).
 *
 * Why it exists: one place decides TLS (pinned CA, optional client certificate),
 * timeouts and keep-alive, and turns a request into a reply that the sync logic can
 * classify: a transport error (nothing known: retry), or a status with its body and
 * the department's signature headers. One connection is reused across batches. The
 * only file of the sync that knows libcurl. */
#ifndef PC_CLIENT_HTTP_H
#define PC_CLIENT_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "client_config.h"
#include "proto_wire.h"

typedef struct pc_client_http pc_client_http;

typedef struct pc_client_reply {
    bool transport_error; /* no HTTP answer at all (dropped, timed out, TLS) */
    char error[256];      /* what curl said, when transport_error */
    long status;          /* HTTP status */
    char *body;           /* NUL-terminated (malloc) */
    size_t len;
    char signer[PC_KIOSK_ID_MAX + 1]; /* X-PC-Signer, "" when absent */
    char signature[PC_PROTO_SIG_B64]; /* X-PC-Signature, "" when absent */
    int64_t timestamp;                /* X-PC-Timestamp, 0 when absent */
    int64_t date;                     /* the HTTP Date header (Unix seconds), 0: none */
} pc_client_reply;

bool pc_client_http_new(const pc_client_config *cfg, pc_client_http **out, char *err,
                        size_t errsize);
void pc_client_http_free(pc_client_http *h);

typedef struct pc_client_headers {
    const char *kiosk_id, *signature, *idem;
    int64_t timestamp;
    const char *body_hash; /* sent as X-PC-Body-SHA256 when not NULL */
} pc_client_headers;

/* POST body to url with the protocol's headers; timeout_ms bounds the whole request.
 * "Expect: 100-continue": a receiver that refuses on the headers (unknown kiosk, bad
 * signature, body too large) answers before the body is sent. */
void pc_client_http_post(pc_client_http *h, const char *url, const pc_client_headers *hd,
                         const char *body, size_t len, long timeout_ms, pc_client_reply *out);
void pc_client_http_get(pc_client_http *h, const char *url, long timeout_ms, pc_client_reply *out);
void pc_client_reply_free(pc_client_reply *r);

#endif
