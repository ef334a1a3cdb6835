/* recv_server.c — the department receiver's HTTP handling (see recv_server.h and
 * sync/PROTOCOL.md for what each answer means). */
#include "recv_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "file_read.h"
#include "proto_json.h"
#include "recv_db.h"

#define MAX_INFLIGHT 256

struct pc_recv_server {
    struct MHD_Daemon *daemon;      /* the libmicrohttpd server */
    pc_recv_db *db;                 /* guarded by lock */
    pthread_mutex_t lock;           /* db, inflight */
    pc_recv_opts opts;              /* as given (pointers borrowed) */
    char *inflight[MAX_INFLIGHT];   /* "kiosk key" of requests being processed */
    char *cert_pem, *key_pem;       /* TLS material, kept for the daemon's lifetime */
    uint16_t port;
};

typedef struct req {
    pc_proto_buffer body;           /* the upload so far */
    bool too_big;
} req;

typedef struct call {
    pc_recv_server *srv;
    struct MHD_Connection *conn;
    const char *kiosk, *sig, *idem; /* request headers (owned by MHD) */
    char hash[PC_PROTO_HASH_HEX];   /* of the request body */
    int tap_state;                  /* the tap's, for this request */
} call;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls);
static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe);
static enum MHD_Result submit(pc_recv_server *srv, struct MHD_Connection *conn, req *r);
static enum MHD_Result submit_checked(call *c, req *r);
static enum MHD_Result answer_seen(call *c, pc_recv_idem seen, int status, char *stored);
static enum MHD_Result store_and_answer(call *c, req *r);
static enum MHD_Result serve_pack(pc_recv_server *srv, struct MHD_Connection *conn,
                                  const char *name);
static enum MHD_Result answer(call *c, unsigned status, const char *body);
static enum MHD_Result answer_error(call *c, unsigned status, const char *code,
                                    const char *msg);
static const char *authenticate(call *c, unsigned *status);
static bool tapped(call *c, pc_recv_stage stage, enum MHD_Result *res);
static bool inflight_add(pc_recv_server *srv, const char *tag);
static void inflight_remove(pc_recv_server *srv, const char *tag);
static void logf_(pc_recv_server *srv, const char *fmt, const char *a, const char *b);
static bool load_tls(pc_recv_server *srv, char *err, size_t errsize);
static bool start_daemon(pc_recv_server *srv, char *err, size_t errsize);

/* ------------------------------------------------------------------ public */

bool pc_recv_server_start(const pc_recv_opts *opts, pc_recv_server **out, char *err,
                          size_t errsize)
{
    *out = NULL;
    pc_recv_server *srv = calloc(1, sizeof *srv);
    if (!srv) {
        snprintf(err, errsize, "out of memory");
        return false;
    }
    srv->opts = *opts;
    if (srv->opts.window_s <= 0)
        srv->opts.window_s = PC_PROTO_WINDOW_DEFAULT;
    pthread_mutex_init(&srv->lock, NULL);
    if (!pc_recv_db_open(opts->db_path, &srv->db, err, errsize) ||
        !load_tls(srv, err, errsize) || !start_daemon(srv, err, errsize)) {
        pc_recv_server_stop(srv);
        return false;
    }
    *out = srv;
    return true;
}

uint16_t pc_recv_server_port(const pc_recv_server *srv)
{
    return srv->port;
}

void pc_recv_server_stop(pc_recv_server *srv)
{
    if (!srv)
        return;
    if (srv->daemon)
        MHD_stop_daemon(srv->daemon);
    pc_recv_db_close(srv->db);
    for (size_t i = 0; i < MAX_INFLIGHT; i++)
        free(srv->inflight[i]);
    free(srv->cert_pem);
    free(srv->key_pem);
    pthread_mutex_destroy(&srv->lock);
    free(srv);
}

/* ------------------------------------------------------------------ setup */

static bool load_tls(pc_recv_server *srv, char *err, size_t errsize)
{
    const pc_recv_opts *o = &srv->opts;
    if (!o->tls_cert && !o->tls_key)
        return true;
    if (!o->tls_cert || !o->tls_key) {
        snprintf(err, errsize, "HTTPS needs both a certificate and a key file");
        return false;
    }
    size_t n;
    srv->cert_pem = pc_file_read(o->tls_cert, &n, err, errsize);
    srv->key_pem = srv->cert_pem ? pc_file_read(o->tls_key, &n, err, errsize) : NULL;
    return srv->key_pem != NULL;
}

static bool start_daemon(pc_recv_server *srv, char *err, size_t errsize)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(srv->opts.port)};
    const char *addr = srv->opts.listen_addr ? srv->opts.listen_addr : "127.0.0.1";
    if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) {
        snprintf(err, errsize, "listen address \"%s\" is not an IPv4 address", addr);
        return false;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION;
    if (srv->cert_pem)
        flags |= MHD_USE_TLS;
    srv->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
        srv->cert_pem ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, srv->cert_pem,
        MHD_OPTION_HTTPS_MEM_KEY, srv->key_pem, MHD_OPTION_END);
    if (!srv->daemon) {
        snprintf(err, errsize, "cannot listen on %s:%u%s", addr, (unsigned)srv->opts.port,
                 srv->cert_pem ? " (or the TLS certificate/key is not usable)" : "");
        return false;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon,
                                                           MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : srv->opts.port;
    return true;
}

/* ------------------------------------------------------------------ requests */

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    (void)version;
    pc_recv_server *srv = cls;
    req *r = *con_cls;
    if (!r) {
        *con_cls = r = calloc(1, sizeof *r);
        return r ? MHD_YES : MHD_NO;
    }
    if (*upload_size) {
        if (!r->too_big && !pc_proto_buffer_append(&r->body, upload, *upload_size))
            r->too_big = true;
        *upload_size = 0;
        return MHD_YES;
    }
    size_t packs = strlen(PC_PROTO_PATH_PACKS);
    if (strcmp(method, "GET") == 0 && strncmp(url, PC_PROTO_PATH_PACKS, packs) == 0)
        return serve_pack(srv, conn, url + packs);
    call c = {.srv = srv, .conn = conn};
    if (strcmp(url, PC_PROTO_PATH_SUBMIT) != 0)
        return answer_error(&c, MHD_HTTP_NOT_FOUND, "not_found", "no such path");
    if (strcmp(method, "POST") != 0)
        return answer_error(&c, MHD_HTTP_METHOD_NOT_ALLOWED, "method", "use POST");
    return submit(srv, conn, r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)conn, (void)toe;
    req *r = *con_cls;
    if (r)
        free(r->body.data);
    free(r);
    *con_cls = NULL;
}

static enum MHD_Result submit(pc_recv_server *srv, struct MHD_Connection *conn, req *r)
{
    call c = {.srv = srv, .conn = conn};
    c.kiosk = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, PC_PROTO_HDR_KIOSK);
    c.sig = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, PC_PROTO_HDR_SIG);
    c.idem = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, PC_PROTO_HDR_IDEM);
    if (r->too_big)
        return answer_error(&c, 413, "too_large", "request body too large");
    pc_proto_body_hash(r->body.data ? r->body.data : "", r->body.len, c.hash);
    unsigned status = 0;
    const char *why = authenticate(&c, &status);
    if (why) {
        logf_(srv, "refused %s: %s", c.kiosk ? c.kiosk : "-", why);
        return answer_error(&c, status, status == 400 ? "bad_request" : "unauthorized", why);
    }
    return submit_checked(&c, r);
}

/* NULL when the request is signed by a known kiosk within the window; else why. */
static const char *authenticate(call *c, unsigned *status)
{
    const char *ts_text = MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND,
                                                      PC_PROTO_HDR_TIME);
    int64_t ts = 0;
    *status = 400;
    if (!c->kiosk || !ts_text || !c->sig || !c->idem)
        return "headers " PC_PROTO_HDR_KIOSK ", " PC_PROTO_HDR_TIME ", " PC_PROTO_HDR_SIG
               " and " PC_PROTO_HDR_IDEM " are required";
    if (!pc_proto_idem_ok(c->idem))
        return "Idempotency-Key must be 16-64 of A-Z a-z 0-9 _ -";
    if (!pc_proto_timestamp_parse(ts_text, &ts))
        return "X-PC-Timestamp must be Unix seconds";
    *status = 401;
    const pc_keyring_entry *e = pc_keyring_find(c->srv->opts.kiosks, c->kiosk);
    if (!e)
        return "unknown kiosk";
    int64_t now = (int64_t)time(NULL);
    if (ts < now - c->srv->opts.window_s || ts > now + c->srv->opts.window_s)
        return "timestamp outside the replay window (check the kiosk's clock)";
    char msg[PC_PROTO_MSG_MAX];
    if (!pc_proto_request_message(msg, sizeof msg, "POST", PC_PROTO_PATH_SUBMIT, c->kiosk, ts,
                                  c->idem, c->hash) ||
        !pc_proto_verify(e->pk, msg, strlen(msg), c->sig))
        return "signature does not verify";
    return NULL;
}

/* An authenticated POST: replay, refuse, wait (409), or store and answer. */
static enum MHD_Result submit_checked(call *c, req *r)
{
    pc_recv_server *srv = c->srv;
    enum MHD_Result res;
    if (tapped(c, PC_RECV_AT_START, &res))
        return res;
    char tag[PC_KIOSK_ID_MAX + PC_PROTO_IDEM_MAX + 2];
    snprintf(tag, sizeof tag, "%s %s", c->kiosk, c->idem);
    int status = 0;
    char *stored = NULL;
    pthread_mutex_lock(&srv->lock);
    pc_recv_idem seen = pc_recv_db_idem_lookup(srv->db, c->kiosk, c->idem, c->hash, &status,
                                               &stored);
    bool busy = seen == PC_RECV_IDEM_NONE && !inflight_add(srv, tag);
    pthread_mutex_unlock(&srv->lock);
    if (seen != PC_RECV_IDEM_NONE || busy)
        return answer_seen(c, seen, status, stored);
    res = store_and_answer(c, r);
    pthread_mutex_lock(&srv->lock);
    inflight_remove(srv, tag);
    pthread_mutex_unlock(&srv->lock);
    return res;
}

/* The key was seen before (replay its answer, or refuse), or is in flight (409). */
static enum MHD_Result answer_seen(call *c, pc_recv_idem seen, int status, char *stored)
{
    if (seen == PC_RECV_IDEM_SAME) {
        logf_(c->srv, "replaying the stored answer for %s %s", c->kiosk, c->idem);
        enum MHD_Result res = answer(c, (unsigned)status, stored);
        free(stored);
        return res;
    }
    if (seen == PC_RECV_IDEM_CONFLICT)
        return answer_error(c, 422, "idempotency_key_reused",
                            "this Idempotency-Key was used with a different body");
    if (seen == PC_RECV_IDEM_ERROR)
        return answer_error(c, 503, "database", "database error; retry later");
    logf_(c->srv, "in flight: 409 for %s %s", c->kiosk, c->idem);
    return answer_error(c, 409, "in_flight",
                        "a request with this Idempotency-Key is in progress");
}

static enum MHD_Result store_and_answer(call *c, req *r)
{
    pc_recv_server *srv = c->srv;
    enum MHD_Result res;
    if (tapped(c, PC_RECV_AT_STORE, &res))
        return res;
    pc_proto_batch batch;
    char err[256];
    if (!pc_proto_batch_parse(r->body.data ? r->body.data : "", r->body.len, c->kiosk, &batch,
                              err, sizeof err))
        return answer_error(c, 400, "bad_request", err);
    size_t n_new = 0;
    pthread_mutex_lock(&srv->lock);
    char *text = pc_recv_db_store_batch(srv->db, c->kiosk, c->idem, c->hash, &batch, "http",
                                        &n_new);
    char dberr[256];
    snprintf(dberr, sizeof dberr, "%s", text ? "" : pc_recv_db_errmsg(srv->db));
    pthread_mutex_unlock(&srv->lock);
    if (!text)
        logf_(srv, "database error: %s%s", dberr, "");
    size_t n = batch.n;
    pc_proto_batch_free(&batch);
    if (!text)
        return answer_error(c, 503, "database", "database error; retry later");
    char line[160];
    snprintf(line, sizeof line, "%zu submissions, %zu new", n, n_new);
    logf_(srv, "stored from %s: %s", c->kiosk, line);
    if (!tapped(c, PC_RECV_AT_ANSWER, &res))
        res = answer(c, 200, text);
    free(text);
    return res;
}

static enum MHD_Result serve_pack(pc_recv_server *srv, struct MHD_Connection *conn,
                                  const char *name)
{
    call c = {.srv = srv, .conn = conn};
    size_t n = strlen(name);
    bool ok = srv->opts.packs_dir && n > 0 && n < 128 && name[0] != '.' &&
              strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
    char path[1024], err[256];
    size_t len = 0;
    char *data = NULL;
    if (ok) {
        snprintf(path, sizeof path, "%s/%s", srv->opts.packs_dir, name);
        data = pc_file_read(path, &len, err, sizeof err);
    }
    if (!data)
        return answer_error(&c, MHD_HTTP_NOT_FOUND, "not_found", "no such pack");
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, data,
                                                                MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(data);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "application/octet-stream");
    enum MHD_Result res = MHD_queue_response(conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return res;
}

/* ------------------------------------------------------------------ answers */

/* Every answer is signed: status, time, the request's signature, the body's hash. */
static enum MHD_Result answer(call *c, unsigned status, const char *body)
{
    size_t len = strlen(body);
    char hash[PC_PROTO_HASH_HEX], msg[PC_PROTO_MSG_MAX], sig[PC_PROTO_SIG_B64], ts[24];
    int64_t now = (int64_t)time(NULL);
    pc_proto_body_hash(body, len, hash);
    pc_proto_answer_message(msg, sizeof msg, (int)status, now, c->sig, hash);
    pc_proto_sign(c->srv->opts.dept->sk, msg, strlen(msg), sig);
    snprintf(ts, sizeof ts, "%lld", (long long)now);
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", "application/json");
    MHD_add_response_header(resp, PC_PROTO_HDR_SIGNER, c->srv->opts.dept->kiosk_id);
    MHD_add_response_header(resp, PC_PROTO_HDR_TIME, ts);
    MHD_add_response_header(resp, PC_PROTO_HDR_SIG, sig);
    enum MHD_Result res = MHD_queue_response(c->conn, status, resp);
    MHD_destroy_response(resp);
    return res;
}

static enum MHD_Result answer_error(call *c, unsigned status, const char *code,
                                    const char *msg)
{
    char *text = pc_proto_error_encode(code, msg);
    if (!text)
        return MHD_NO;
    enum MHD_Result res = answer(c, status, text);
    free(text);
    return res;
}

/* ------------------------------------------------------------------ helpers */

/* Asks the tap, when there is one; true when it takes over (*res is then the result). */
static bool tapped(call *c, pc_recv_stage stage, enum MHD_Result *res)
{
    const pc_recv_tap *tap = c->srv->opts.tap;
    if (!tap)
        return false;
    pc_recv_verdict v = tap->at(tap->ctx, stage, c->kiosk, c->idem, &c->tap_state);
    if (v.action == PC_RECV_GO_ON)
        return false;
    *res = v.action == PC_RECV_CLOSE ? MHD_NO : answer_error(c, v.status, v.code, v.message);
    return true;
}

static bool inflight_add(pc_recv_server *srv, const char *tag)
{
    int free_slot = -1;
    for (int i = 0; i < MAX_INFLIGHT; i++) {
        if (srv->inflight[i] && strcmp(srv->inflight[i], tag) == 0)
            return false;
        if (!srv->inflight[i] && free_slot < 0)
            free_slot = i;
    }
    if (free_slot < 0 || !(srv->inflight[free_slot] = strdup(tag)))
        return false;
    return true;
}

static void inflight_remove(pc_recv_server *srv, const char *tag)
{
    for (int i = 0; i < MAX_INFLIGHT; i++)
        if (srv->inflight[i] && strcmp(srv->inflight[i], tag) == 0) {
            free(srv->inflight[i]);
            srv->inflight[i] = NULL;
        }
}

static void logf_(pc_recv_server *srv, const char *fmt, const char *a, const char *b)
{
    if (!srv->opts.log)
        return;
    char text[512], line[540];
    snprintf(text, sizeof text, fmt, a, b);
    snprintf(line, sizeof line, "receiver: %s\n", text);
    fputs(line, srv->opts.log);     /* one call: stdio locks the stream */
    fflush(srv->opts.log);
}
