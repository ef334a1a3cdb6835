/* desk_http.h — the desk's HTTP server (libmicrohttpd) and the request/response the
 * routes see.
 *
 * Why it exists: the routes (desk_routes.c) should be plain functions from a request
 * to a response, testable without sockets, and libmicrohttpd's callbacks, upload
 * accumulation and header plumbing belong in one place. The server runs one internal
 * polling thread, so the routes (and the SQLite handle behind them) are only ever
 * entered from that thread. Bodies over DESK_HTTP_MAX_BODY are refused with 413. */
#ifndef DESK_HTTP_H
#define DESK_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DESK_HTTP_MAX_BODY (64 * 1024)

struct MHD_Connection;

typedef struct desk_req {
    struct MHD_Connection *conn; /* for headers, cookies and query arguments */
    const char *method, *path;   /* "POST", "/api/scan" */
    const char *body;            /* NUL-terminated ("" when none) */
    size_t body_len;
} desk_req;

typedef struct desk_resp {
    unsigned status;  /* HTTP status */
    const char *type; /* Content-Type */
    char *body;       /* malloc'd (freed by the server), may be NULL */
    size_t len;
    char cookie[256]; /* Set-Cookie value, "" for none */
    bool cacheable;   /* static files; every API answer is no-store */
} desk_resp;

/* What a route handler is: fills resp from req. */
typedef void (*desk_handler)(void *ctx, const desk_req *req, desk_resp *resp);

typedef struct desk_server desk_server;

/* Listens on addr (IPv4 dotted quad) and port (0: any free port). */
bool desk_server_start(const char *addr, uint16_t port, desk_handler handler, void *ctx,
                       desk_server **out, char *err, size_t errsize);
uint16_t desk_server_port(const desk_server *srv);
void desk_server_stop(desk_server *srv);

const char *desk_req_header(const desk_req *req, const char *name);
const char *desk_req_cookie(const desk_req *req, const char *name);
const char *desk_req_arg(const desk_req *req, const char *name);

#endif
