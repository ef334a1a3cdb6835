/* sync_http.h — kiosk-sync's HTTP(S) transport (libcurl).
 *
 * Why it exists: one place decides TLS (pinned CA, optional client certificate),
 * timeouts and keep-alive, and turns a request into a reply that the sync logic can
 * classify: a transport error (nothing known: retry), or a status with its body and
 * the department's signature headers. One connection is reused across batches. */
#ifndef PCS_SYNC_HTTP_H
#define PCS_SYNC_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sync_config.h"
#include "sync_wire.h"

typedef struct pcs_http pcs_http;

typedef struct pcs_reply {
    bool transport_error;               /* no HTTP answer at all (dropped, timed out, TLS) */
    char error[256];                    /* what curl said, when transport_error */
    long status;                        /* HTTP status */
    char *body;                         /* NUL-terminated (malloc) */
    size_t len;
    char signer[PC_KIOSK_ID_MAX + 1];   /* X-PC-Signer, "" when absent */
    char signature[PCS_SIG_B64];        /* X-PC-Signature, "" when absent */
    int64_t timestamp;                  /* X-PC-Timestamp, 0 when absent */
} pcs_reply;

bool pcs_http_new(const pcs_config *cfg, pcs_http **out, char *err, size_t errsize);
void pcs_http_free(pcs_http *h);

typedef struct pcs_request_headers {
    const char *kiosk_id, *signature, *idem;
    int64_t timestamp;
} pcs_request_headers;

/* POST body to url with the protocol's headers; timeout_ms bounds the whole request. */
void pcs_http_post(pcs_http *h, const char *url, const pcs_request_headers *hd,
                   const char *body, size_t len, long timeout_ms, pcs_reply *out);
void pcs_http_get(pcs_http *h, const char *url, long timeout_ms, pcs_reply *out);
void pcs_reply_free(pcs_reply *r);

#endif
