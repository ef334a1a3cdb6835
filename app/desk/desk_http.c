/* desk_http.c — libmicrohttpd plumbing for the desk (see desk_http.h): accumulate the
 * upload, hand the request to the handler once, send its response with the headers
 * every answer carries (no caching of API answers, no framing, no sniffing, a strict
 * content security policy: the page loads only its own files). */
#include "desk_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

struct desk_server {
    struct MHD_Daemon *daemon; /* libmicrohttpd, one internal polling thread */
    desk_handler handler;      /* the routes */
    void *ctx;                 /* the handler's context (the desk) */
    uint16_t port;             /* the port actually bound */
};

/* One request's upload so far. */
typedef struct upload {
    char *data;
    size_t len;
    bool too_big;
} upload;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *data_size, void **con_cls);
static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe);
static bool append(upload *u, const char *data, size_t n);
static enum MHD_Result send_resp(struct MHD_Connection *conn, desk_resp *resp);

/* ------------------------------------------------------------------ public */

bool desk_server_start(const char *addr, uint16_t port, desk_handler handler, void *ctx,
                       desk_server **out, char *err, size_t errsize)
{
    *out = NULL;
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port)};
    if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) {
        snprintf(err, errsize, "listen address \"%s\" is not an IPv4 address", addr);
        return false;
    }
    desk_server *srv = calloc(1, sizeof *srv);
    if (!srv) {
        snprintf(err, errsize, "out of memory");
        return false;
    }
    srv->handler = handler;
    srv->ctx = ctx;
    srv->daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, 0, NULL, NULL,
                                   on_request, srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                                   MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
                                   MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120, MHD_OPTION_END);
    if (!srv->daemon) {
        snprintf(err, errsize, "cannot listen on %s:%u", addr, (unsigned)port);
        free(srv);
        return false;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : port;
    *out = srv;
    return true;
}

uint16_t desk_server_port(const desk_server *srv)
{
    return srv->port;
}

void desk_server_stop(desk_server *srv)
{
    if (!srv)
        return;
    MHD_stop_daemon(srv->daemon);
    free(srv);
}

const char *desk_req_header(const desk_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *desk_req_cookie(const desk_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

const char *desk_req_arg(const desk_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

/* ------------------------------------------------------------------ requests */

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *data_size, void **con_cls)
{
    (void)version;
    desk_server *srv = cls;
    upload *u = *con_cls;
    if (!u) {
        *con_cls = u = calloc(1, sizeof *u);
        return u ? MHD_YES : MHD_NO;
    }
    if (*data_size) {
        if (!u->too_big && !append(u, data, *data_size))
            u->too_big = true;
        *data_size = 0;
        return MHD_YES;
    }
    desk_resp resp = {.status = 413, .type = "text/plain; charset=utf-8"};
    if (!u->too_big) {
        desk_req req = {conn, method, url, u->data ? u->data : "", u->len};
        resp.status = 500;
        srv->handler(srv->ctx, &req, &resp);
    }
    return send_resp(conn, &resp);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)conn, (void)toe;
    upload *u = *con_cls;
    if (u)
        free(u->data);
    free(u);
    *con_cls = NULL;
}

static bool append(upload *u, const char *data, size_t n)
{
    if (u->len + n > DESK_HTTP_MAX_BODY)
        return false;
    char *grown = realloc(u->data, u->len + n + 1);
    if (!grown)
        return false;
    memcpy(grown + u->len, data, n);
    u->data = grown;
    u->len += n;
    u->data[u->len] = '\0';
    return true;
}

static enum MHD_Result send_resp(struct MHD_Connection *conn, desk_resp *resp)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        resp->len, resp->body ? resp->body : (char *)"",
        resp->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(resp->body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", resp->type ? resp->type : "text/plain");
    MHD_add_response_header(r, "Cache-Control", resp->cacheable ? "max-age=60" : "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                            "form-action 'self'; base-uri 'none'");
    if (resp->cookie[0])
        MHD_add_response_header(r, "Set-Cookie", resp->cookie);
    enum MHD_Result ret = MHD_queue_response(conn, resp->status, r);
    MHD_destroy_response(r);
    return ret;
}
