/* recv_server.c — the department receiver's HTTP handling (see recv_server.h and
 * sync/PROTOCOL.md for what each answer means). */
#include "recv_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "file_read.h"
#include "proto_json.h"
#include "proto_status.h"
#include "recv_console.h"
#include "recv_desk.h"
#include "recv_intake.h"
#include "recv_publish.h"
#include "proto_manifest.h"

struct pc_recv_server {
    struct MHD_Daemon *daemon;  /* the libmicrohttpd server */
    pc_recv_pool *pool;         /* store connections */
    pc_recv_intake *intake;     /* what authenticated batches go to */
    pc_recv_console *console;   /* the operator console; NULL: not served */
    pc_recv_opts opts;          /* as given, defaults filled in (pointers borrowed) */
    pthread_rwlock_t ring_lock; /* ring */
    pc_keyring ring;            /* kiosks allowed (owned) */
    pc_keyring desks;           /* staff desks allowed (owned; under ring_lock) */
    atomic_size_t held;         /* body bytes reserved by requests in progress */
    size_t max_body;            /* max_batch × PC_RECV_ITEM_BYTES */
    char *cert_pem, *key_pem;   /* TLS material, kept for the daemon's lifetime */
    uint16_t port;
};

/* What a request is, known from its method and path. */
typedef enum { K_OTHER, K_SUBMIT, K_STATUS, K_CONSOLE_POST, K_DESK } req_kind;

/* One request: its body, admitted (Content-Length reserved) before any of it is read. */
typedef struct req {
    char *body; /* cap + 1 bytes once admitted; NULL otherwise */
    size_t len, cap;
    bool presigned; /* the signature was verified on X-PC-Body-SHA256 */
    req_kind kind;
} req;

typedef struct call {
    pc_recv_server *srv;
    struct MHD_Connection *conn;
    const char *path; /* the signed path: submissions or status */
    const char *kiosk, *sig, *idem, *ts, *length, *claimed; /* headers (owned by MHD) */
    char hash[PC_PROTO_HASH_HEX];                           /* of the request body */
} call;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls);
static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe);
static req_kind kind_of(const char *url, const char *method);
static enum MHD_Result admit(pc_recv_server *srv, struct MHD_Connection *conn, req *r);
static enum MHD_Result admit_console(pc_recv_server *srv, struct MHD_Connection *conn, req *r);
static enum MHD_Result route(pc_recv_server *srv, struct MHD_Connection *conn, const char *url,
                             const char *method, req *r);
static enum MHD_Result status_post(pc_recv_server *srv, struct MHD_Connection *conn, req *r);
static enum MHD_Result console(pc_recv_server *srv, struct MHD_Connection *conn, const char *url,
                               const char *method, req *r);
static bool console_start(pc_recv_server *srv);
static bool enrolled_copy(void *ctx, pc_keyring *ring);
static const char *precheck(call *c, unsigned *status, size_t *len, bool *presigned);
static bool kiosk_pk(pc_recv_server *srv, const char *kiosk,
                     unsigned char pk[crypto_sign_PUBLICKEYBYTES]);
static bool signer_pk(const call *c, unsigned char pk[crypto_sign_PUBLICKEYBYTES]);
static bool signature_ok(call *c, const char *hash);
static const char *body_refusal(req *r, call *c);
static enum MHD_Result refuse_body(const req *r, call *c, const char *why);
static void swap_ring(pc_recv_server *srv, pc_keyring *held, pc_keyring *ring);
typedef void (*take_fn)(pc_recv_server *srv, const pc_recv_post *post, pc_recv_reply *rep);
static enum MHD_Result signed_post(pc_recv_server *srv, struct MHD_Connection *conn, req *r,
                                   const char *who, take_fn take);
static void take_batch(pc_recv_server *srv, const pc_recv_post *post, pc_recv_reply *rep);
static void take_desk(pc_recv_server *srv, const pc_recv_post *post, pc_recv_reply *rep);
static enum MHD_Result serve_published(pc_recv_server *srv, struct MHD_Connection *conn,
                                       const char *url);
static enum MHD_Result answer(call *c, unsigned status, const char *body);
static enum MHD_Result answer_error(call *c, unsigned status, const char *code, const char *msg);
static call headers(pc_recv_server *srv, struct MHD_Connection *conn, req_kind kind);
static void fill_defaults(pc_recv_opts *o);
static bool copy_ring(pc_keyring *to, const pc_keyring *from);
static bool load_tls(pc_recv_server *srv, char *err, size_t errsize);
static bool start_daemon(pc_recv_server *srv, char *err, size_t errsize);

/* ------------------------------------------------------------------ public */

bool pc_recv_server_start(const pc_recv_opts *opts, pc_recv_server **out, char *err, size_t errsize)
{
    *out = NULL;
    err[0] = '\0';
    pc_recv_server *srv = calloc(1, sizeof *srv);
    if (!srv) {
        snprintf(err, errsize, "out of memory");
        return false;
    }
    srv->opts = *opts;
    fill_defaults(&srv->opts);
    srv->max_body = (size_t)srv->opts.max_batch * PC_RECV_ITEM_BYTES;
    atomic_init(&srv->held, 0);
    pthread_rwlock_init(&srv->ring_lock, NULL);
    const pc_recv_opts *o = &srv->opts;
    bool ok = copy_ring(&srv->ring, o->kiosks) && copy_ring(&srv->desks, o->desks) &&
              pc_recv_pool_open(o->db, o->create ? PC_RECV_STORE_CREATE : 0,
                                (size_t)o->db_connections, &srv->pool, err, errsize);
    pc_recv_intake_opts io = {.pool = srv->pool,
                              .tap = o->tap,
                              .log = o->log,
                              .max_batch = (size_t)o->max_batch,
                              .lease_s = o->lease_s,
                              .keep_days = o->keep_days};
    ok = ok && (srv->intake = pc_recv_intake_new(&io)) != NULL && console_start(srv) &&
         load_tls(srv, err, errsize) && start_daemon(srv, err, errsize);
    if (!ok) {
        if (!err[0])
            snprintf(err, errsize, "out of memory");
        pc_recv_server_stop(srv);
        return false;
    }
    pc_recv_intake_sweep(srv->intake);
    *out = srv;
    return true;
}

uint16_t pc_recv_server_port(const pc_recv_server *srv)
{
    return srv->port;
}

void pc_recv_server_set_kiosks(pc_recv_server *srv, pc_keyring *ring)
{
    swap_ring(srv, &srv->ring, ring);
}

void pc_recv_server_set_desks(pc_recv_server *srv, pc_keyring *ring)
{
    swap_ring(srv, &srv->desks, ring);
}

/* Puts ring (taken over, left empty) in place of held, under the rings' lock. */
static void swap_ring(pc_recv_server *srv, pc_keyring *held, pc_keyring *ring)
{
    pthread_rwlock_wrlock(&srv->ring_lock);
    pc_keyring old = *held;
    *held = *ring;
    pthread_rwlock_unlock(&srv->ring_lock);
    *ring = (pc_keyring){0};
    pc_keyring_free(&old);
}

void pc_recv_server_stop(pc_recv_server *srv)
{
    if (!srv)
        return;
    if (srv->daemon)
        MHD_stop_daemon(srv->daemon);
    pc_recv_intake_free(srv->intake);
    pc_recv_console_free(srv->console);
    pc_recv_pool_close(srv->pool);
    pc_keyring_free(&srv->ring);
    pc_keyring_free(&srv->desks);
    free(srv->cert_pem);
    free(srv->key_pem);
    pthread_rwlock_destroy(&srv->ring_lock);
    free(srv);
}

/* ------------------------------------------------------------------ setup */

static void fill_defaults(pc_recv_opts *o)
{
    if (o->window_s <= 0)
        o->window_s = PC_PROTO_WINDOW_DEFAULT;
    if (o->max_batch <= 0 || o->max_batch > PC_PROTO_MAX_BATCH)
        o->max_batch = PC_PROTO_MAX_BATCH;
    if (o->max_per_client <= 0)
        o->max_per_client = PC_RECV_PER_CLIENT_DEFAULT;
    if (o->max_connections <= 0)
        o->max_connections = PC_RECV_CONNECTIONS_DEFAULT;
    if (o->body_budget == 0)
        o->body_budget = PC_RECV_BUDGET_DEFAULT;
    if (o->db_connections <= 0)
        o->db_connections = PC_RECV_DB_CONNECTIONS_DEFAULT;
}

static bool copy_ring(pc_keyring *to, const pc_keyring *from)
{
    *to = (pc_keyring){0};
    if (!from || from->n == 0)
        return true;
    to->entries = malloc(from->n * sizeof *to->entries);
    if (!to->entries)
        return false;
    memcpy(to->entries, from->entries, from->n * sizeof *to->entries);
    to->n = from->n;
    return true;
}

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

/* Thread per connection over poll (no FD_SETSIZE ceiling), connections bounded per
 * client address and in all, idle ones closed after PC_RECV_IDLE_TIMEOUT. */
static bool start_daemon(pc_recv_server *srv, char *err, size_t errsize)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(srv->opts.port)};
    const char *addr = srv->opts.listen_addr ? srv->opts.listen_addr : "127.0.0.1";
    if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) {
        snprintf(err, errsize, "listen address \"%s\" is not an IPv4 address", addr);
        return false;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL;
    if (srv->cert_pem)
        flags |= MHD_USE_TLS;
    srv->daemon =
        MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR,
                         (struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)PC_RECV_IDLE_TIMEOUT,
                         MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)srv->opts.max_per_client,
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned)srv->opts.max_connections,
                         srv->cert_pem ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, srv->cert_pem,
                         MHD_OPTION_HTTPS_MEM_KEY, srv->key_pem, MHD_OPTION_END);
    if (!srv->daemon) {
        snprintf(err, errsize, "cannot listen on %s:%u%s", addr, (unsigned)srv->opts.port,
                 srv->cert_pem ? " (or the TLS certificate/key is not usable)" : "");
        return false;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
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
    if (!r) { /* headers only, so far */
        *con_cls = r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        r->kind = kind_of(url, method);
        return r->kind == K_SUBMIT || r->kind == K_STATUS || r->kind == K_DESK ? admit(srv, conn, r)
               : r->kind == K_CONSOLE_POST && srv->console ? admit_console(srv, conn, r)
                                                           : MHD_YES;
    }
    if (*upload_size) { /* only an admitted body is kept, never past its cap */
        size_t n = r->body && *upload_size <= r->cap - r->len ? *upload_size : 0;
        if (n)
            memcpy(r->body + r->len, upload, n);
        r->len += n;
        *upload_size = 0;
        return MHD_YES;
    }
    return route(srv, conn, url, method, r);
}

static req_kind kind_of(const char *url, const char *method)
{
    bool post = strcmp(method, "POST") == 0;
    size_t n = strlen(PC_RECV_CONSOLE_PREFIX);
    return post && strcmp(url, PC_PROTO_PATH_SUBMIT) == 0   ? K_SUBMIT
           : post && strcmp(url, PC_PROTO_PATH_STATUS) == 0 ? K_STATUS
           : post && strcmp(url, PC_PROTO_PATH_DESK) == 0   ? K_DESK
           : post && strncmp(url, PC_RECV_CONSOLE_PREFIX, n) == 0 &&
                   (url[n] == '/' || url[n] == '\0')
               ? K_CONSOLE_POST
               : K_OTHER;
}

/* The whole request is in: answer it. */
static enum MHD_Result route(pc_recv_server *srv, struct MHD_Connection *conn, const char *url,
                             const char *method, req *r)
{
    size_t packs = strlen(PC_PROTO_PATH_PACKS), cons = strlen(PC_RECV_CONSOLE_PREFIX);
    size_t files = strlen(PC_PROTO_PATH_FILES);
    if (strcmp(method, "GET") == 0 &&
        (strncmp(url, PC_PROTO_PATH_PACKS, packs) == 0 ||
         strncmp(url, PC_PROTO_PATH_FILES, files) == 0 || strcmp(url, PC_PROTO_PATH_MANIFEST) == 0))
        return serve_published(srv, conn, url);
    if (srv->console && strncmp(url, PC_RECV_CONSOLE_PREFIX, cons) == 0 &&
        (url[cons] == '/' || url[cons] == '\0'))
        return r->kind != K_CONSOLE_POST || r->body ? console(srv, conn, url, method, r)
                                                    : MHD_YES; /* else refused in admit */
    call c = {.srv = srv, .conn = conn};
    if (strcmp(url, PC_PROTO_PATH_DESK) == 0)
        return r->kind != K_DESK
                   ? answer_error(&c, MHD_HTTP_METHOD_NOT_ALLOWED, "method", "use POST")
               : r->body ? signed_post(srv, conn, r, "desk ", take_desk)
                         : MHD_YES; /* refused in admit */
    if (strcmp(url, PC_PROTO_PATH_SUBMIT) != 0 && strcmp(url, PC_PROTO_PATH_STATUS) != 0)
        return answer_error(&c, MHD_HTTP_NOT_FOUND, "not_found", "no such path");
    if (r->kind != K_SUBMIT && r->kind != K_STATUS)
        return answer_error(&c, MHD_HTTP_METHOD_NOT_ALLOWED, "method", "use POST");
    if (!r->body)
        return MHD_YES; /* refused in admit */
    return r->kind == K_SUBMIT ? signed_post(srv, conn, r, "", take_batch)
                               : status_post(srv, conn, r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)conn, (void)toe;
    pc_recv_server *srv = cls;
    req *r = *con_cls;
    if (r && r->body)
        atomic_fetch_sub(&srv->held, r->cap);
    if (r)
        free(r->body);
    free(r);
    *con_cls = NULL;
}

/* Before any byte of the body: refuse at once (the body is never read), or reserve
 * room for exactly Content-Length bytes. */
static enum MHD_Result admit(pc_recv_server *srv, struct MHD_Connection *conn, req *r)
{
    call c = headers(srv, conn, r->kind);
    unsigned status = 0;
    size_t len = 0;
    const char *why = precheck(&c, &status, &len, &r->presigned);
    if (!why && atomic_fetch_add(&srv->held, len) + len > srv->opts.body_budget) {
        atomic_fetch_sub(&srv->held, len);
        status = 503;
        why = "too many uploads at once; retry later";
    }
    if (!why && !(r->body = malloc(len + 1))) {
        atomic_fetch_sub(&srv->held, len);
        status = 503;
        why = "out of memory; retry later";
    }
    if (!why) {
        r->cap = len;
        return MHD_YES;
    }
    pc_recv_log(srv->opts.log, "refused %s before its body: %s", c.kiosk ? c.kiosk : "-", why);
    const char *code = status == 400   ? "bad_request"
                       : status == 401 ? "unauthorized"
                       : status == 411 ? "length_required"
                       : status == 413 ? "too_large"
                                       : "busy";
    return answer_error(&c, status, code, why);
}

/* NULL when the headers admit the request; else why, with the status to answer. */
static const char *precheck(call *c, unsigned *status, size_t *len, bool *presigned)
{
    const pc_recv_opts *o = &c->srv->opts;
    int64_t ts = 0;
    char *end = NULL;
    *status = 400;
    if (!c->kiosk || !c->ts || !c->sig || !c->idem)
        return "headers " PC_PROTO_HDR_KIOSK ", " PC_PROTO_HDR_TIME ", " PC_PROTO_HDR_SIG
               " and " PC_PROTO_HDR_IDEM " are required";
    if (!pc_proto_idem_ok(c->idem))
        return "Idempotency-Key must be 16-64 of A-Z a-z 0-9 _ -";
    if (!pc_proto_timestamp_parse(c->ts, &ts))
        return "X-PC-Timestamp must be Unix seconds";
    if (o->require_body_hash && !c->claimed)
        return "header " PC_PROTO_HDR_BODY_HASH " is required by this receiver";
    *status = 401;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    if (!signer_pk(c, pk))
        return strcmp(c->path, PC_PROTO_PATH_DESK) == 0 ? "unknown desk" : "unknown kiosk";
    int64_t now = (int64_t)time(NULL);
    if (ts < now - o->window_s || ts > now + o->window_s)
        return "timestamp outside the replay window (check the kiosk's clock)";
    if (c->claimed && !signature_ok(c, c->claimed))
        return "signature does not verify";
    *status = 411;
    unsigned long long n =
        c->length && *c->length >= '0' && *c->length <= '9' ? strtoull(c->length, &end, 10) : 0;
    if (!end || *end)
        return "Content-Length is required";
    *status = 413;
    if (n > (strcmp(c->path, PC_PROTO_PATH_STATUS) == 0 ? PC_PROTO_STATUS_MAX_BODY
             : strcmp(c->path, PC_PROTO_PATH_DESK) == 0 ? PC_PROTO_DESK_MAX_BODY
                                                        : c->srv->max_body))
        return "request body too large for the batch limit";
    *len = (size_t)n;
    *presigned = c->claimed != NULL;
    return NULL;
}

/* The kiosk's public key from the current ring; false when it is not enrolled. */
static bool kiosk_pk(pc_recv_server *srv, const char *kiosk,
                     unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
    pthread_rwlock_rdlock(&srv->ring_lock);
    const pc_keyring_entry *e = pc_keyring_find(&srv->ring, kiosk);
    if (e)
        memcpy(pk, e->pk, crypto_sign_PUBLICKEYBYTES);
    pthread_rwlock_unlock(&srv->ring_lock);
    return e != NULL;
}

/* The signer's public key: from the desks' keyring for desk records, else the kiosks'
 * (a kiosk's key never passes as a desk's, nor a desk's as a kiosk's). */
static bool signer_pk(const call *c, unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
    if (strcmp(c->path, PC_PROTO_PATH_DESK) != 0)
        return kiosk_pk(c->srv, c->kiosk, pk);
    pthread_rwlock_rdlock(&c->srv->ring_lock);
    const pc_keyring_entry *e = pc_keyring_find(&c->srv->desks, c->kiosk);
    if (e)
        memcpy(pk, e->pk, crypto_sign_PUBLICKEYBYTES);
    pthread_rwlock_unlock(&c->srv->ring_lock);
    return e != NULL;
}

/* True when the kiosk signed this request over a body with that hash. */
static bool signature_ok(call *c, const char *hash)
{
    char msg[PC_PROTO_MSG_MAX];
    int64_t ts = 0;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    return signer_pk(c, pk) && pc_proto_timestamp_parse(c->ts, &ts) &&
           pc_proto_request_message(msg, sizeof msg, "POST", c->path, c->kiosk, ts, c->idem,
                                    hash) &&
           pc_proto_verify(pk, msg, strlen(msg), c->sig);
}

/* The whole body is in: NULL when it matches the hash its headers were checked with (a
 * presigned request) or its signature verifies, else why not (hashes it into c->hash). */
static const char *body_refusal(req *r, call *c)
{
    r->body[r->len] = '\0';
    pc_proto_body_hash(r->body, r->len, c->hash);
    return r->presigned
               ? (strcmp(c->hash, c->claimed) ? "body does not match " PC_PROTO_HDR_BODY_HASH
                                              : NULL)
           : !signature_ok(c, c->hash) ? "signature does not verify"
                                       : NULL;
}

/* The answer to a body refused by body_refusal: 400 when it does not match its presigned
 * hash, 401 when its signature does not verify. */
static enum MHD_Result refuse_body(const req *r, call *c, const char *why)
{
    return answer_error(c, r->presigned ? 400 : 401, r->presigned ? "bad_request" : "unauthorized",
                        why);
}

/* A signed body that has all come in (a kiosk's batch, a desk's records): checked
 * against its signature, then handed to take (claimed, stored and answered there);
 * who names the sender in the log ("", "desk "). */
static enum MHD_Result signed_post(pc_recv_server *srv, struct MHD_Connection *conn, req *r,
                                   const char *who, take_fn take)
{
    call c = headers(srv, conn, r->kind);
    const char *why = body_refusal(r, &c);
    if (why) {
        pc_recv_log(srv->opts.log, "refused %s%s: %s", who, c.kiosk, why);
        return refuse_body(r, &c, why);
    }
    pc_recv_post post = {c.kiosk, c.idem, c.hash, r->body, r->len};
    pc_recv_reply rep;
    take(srv, &post, &rep);
    enum MHD_Result res = rep.close ? MHD_NO : rep.body ? answer(&c, rep.status, rep.body) : MHD_NO;
    free(rep.body);
    return res;
}

/* A kiosk's batch: to the intake (its queue, its claims). */
static void take_batch(pc_recv_server *srv, const pc_recv_post *post, pc_recv_reply *rep)
{
    pc_recv_intake_submit(srv->intake, post, rep);
}

/* A desk's records: checked against the desks' keyring (headers), then claimed, stored
 * and answered by recv_desk.c. */
static void take_desk(pc_recv_server *srv, const pc_recv_post *post, pc_recv_reply *rep)
{
    pc_recv_desk_submit(srv->pool, srv->opts.log, srv->opts.lease_s, post, rep);
}

/* A kiosk's status: checked like a batch, then the latest per kiosk replaces the one
 * held (no Idempotency-Key claim: storing it twice changes nothing). */
static enum MHD_Result status_post(pc_recv_server *srv, struct MHD_Connection *conn, req *r)
{
    call c = headers(srv, conn, r->kind);
    char err[160];
    json_t *doc = NULL;
    int64_t now = (int64_t)time(NULL), ts = 0;
    const char *why = body_refusal(r, &c);
    unsigned status = why ? (r->presigned ? 400 : 401) : 400;
    if (!why && !pc_proto_status_parse(r->body, r->len, c.kiosk, &doc, err, sizeof err))
        why = err;
    char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(doc);
    pc_proto_timestamp_parse(c.ts, &ts);
    pc_recv_status_row row = {c.kiosk, now, now - ts, text};
    pc_recv_store *s = text ? pc_recv_pool_take(srv->pool) : NULL;
    if (!why && (!s || !pc_recv_store_status_put(s, &row))) {
        status = 503;
        snprintf(err, sizeof err, "%s", s ? pc_recv_store_errmsg(s) : "out of memory");
        why = err;
    }
    if (s)
        pc_recv_pool_give(srv->pool, s);
    free(text);
    pc_recv_log(srv->opts.log, "status %s %s%s", c.kiosk, why ? "refused: " : "stored",
                why ? why : "");
    if (why)
        return answer_error(&c, status,
                            status == 401   ? "unauthorized"
                            : status == 503 ? "database"
                                            : "bad_request",
                            why);
    char *body = pc_proto_status_answer_encode(now);
    enum MHD_Result res = body ? answer(&c, 200, body) : MHD_NO;
    free(body);
    return res;
}

/* ------------------------------------------------------------------ the console */

static bool console_start(pc_recv_server *srv)
{
    if (!srv->opts.console_dir)
        return true;
    pc_recv_console_opts co = {.pool = srv->pool,
                               .packs = srv->opts.packs,
                               .published = srv->opts.packs_dir,
                               .static_dir = srv->opts.console_dir,
                               .silent_hours = srv->opts.silent_hours,
                               .roll_seconds = srv->opts.roll_seconds,
                               .https = srv->opts.tls_cert != NULL,
                               .log = srv->opts.log,
                               .enrolled = enrolled_copy,
                               .ctx = srv};
    return (srv->console = pc_recv_console_new(&co)) != NULL;
}

static bool enrolled_copy(void *ctx, pc_keyring *ring)
{
    pc_recv_server *srv = ctx;
    pthread_rwlock_rdlock(&srv->ring_lock);
    bool ok = copy_ring(ring, &srv->ring);
    pthread_rwlock_unlock(&srv->ring_lock);
    return ok;
}

/* A console POST: a small body, no signature (the console checks the session). */
static enum MHD_Result admit_console(pc_recv_server *srv, struct MHD_Connection *conn, req *r)
{
    const char *cl =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    char *end = NULL;
    unsigned long long n = cl && *cl >= '0' && *cl <= '9' ? strtoull(cl, &end, 10) : 0;
    call c = {.srv = srv, .conn = conn};
    if (!end || *end || n > PC_RECV_CONSOLE_MAX_BODY)
        return answer_error(&c, n > PC_RECV_CONSOLE_MAX_BODY ? 413 : 411, "bad_request",
                            "a small body with Content-Length");
    if (!(r->body = malloc((size_t)n + 1)))
        return MHD_NO;
    r->cap = (size_t)n;
    atomic_fetch_add(&srv->held, r->cap);
    return MHD_YES;
}

static const char *arg(struct MHD_Connection *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, name);
}

/* The peer's address as text ("" when unknown): the console counts failed sign-ins by it. */
static void client_address(struct MHD_Connection *conn, char *out, size_t size)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    out[0] = '\0';
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)size);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)size);
}

static enum MHD_Result console(pc_recv_server *srv, struct MHD_Connection *conn, const char *url,
                               const char *method, req *r)
{
    char client[INET6_ADDRSTRLEN];
    client_address(conn, client, sizeof client);
    if (r->body)
        r->body[r->len] = '\0';
    pc_recv_console_req rq = {
        .method = method,
        .path = url,
        .body = r->body,
        .len = r->len,
        .cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, PC_RECV_CONSOLE_COOKIE),
        .csrf = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, PC_RECV_CONSOLE_CSRF_HDR),
        .origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin"),
        .host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
        .content_type =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        .by = arg(conn, "by"),
        .hall = arg(conn, "hall"),
        .kiosk = arg(conn, "kiosk"),
        .from = arg(conn, "from"),
        .to = arg(conn, "to"),
        .silent = arg(conn, "silent_hours"),
        .client = client};
    pc_recv_console_reply rep;
    pc_recv_console_handle(srv->console, &rq, (int64_t)time(NULL), &rep);
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        rep.len, rep.body ? rep.body : (void *)"", MHD_RESPMEM_MUST_COPY);
    pc_recv_console_reply_free(&rep);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", rep.content_type);
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control", rep.no_store ? "no-store" : "no-cache");
    if (rep.set_cookie[0])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, rep.set_cookie);
    char retry[24];
    snprintf(retry, sizeof retry, "%lld", (long long)rep.retry_after);
    if (rep.retry_after > 0)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, retry);
    enum MHD_Result res = MHD_queue_response(conn, rep.status, resp);
    MHD_destroy_response(resp);
    return res;
}

/* The published store (recv_publish.h): only what a signed manifest names. */
static enum MHD_Result serve_published(pc_recv_server *srv, struct MHD_Connection *conn,
                                       const char *url)
{
    call c = {.srv = srv, .conn = conn};
    const char *store = srv->opts.packs_dir;
    size_t len = 0, np = strlen(PC_PROTO_PATH_PACKS), nf = strlen(PC_PROTO_PATH_FILES);
    char *data = !store ? NULL
                 : strcmp(url, PC_PROTO_PATH_MANIFEST) == 0
                     ? pc_recv_published_manifest(store, &len)
                 : strncmp(url, PC_PROTO_PATH_FILES, nf) == 0
                     ? pc_recv_published_file(store, url + nf, &len)
                     : pc_recv_published_pack(store, url + np, &len);
    if (!data)
        return answer_error(&c, MHD_HTTP_NOT_FOUND, "not_found", "not published");
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(data);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "application/octet-stream");
    MHD_add_response_header(resp, "Cache-Control", "no-cache");
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

static enum MHD_Result answer_error(call *c, unsigned status, const char *code, const char *msg)
{
    char *text = pc_proto_error_encode(code, msg);
    if (!text)
        return MHD_NO;
    enum MHD_Result res = answer(c, status, text);
    free(text);
    return res;
}

static call headers(pc_recv_server *srv, struct MHD_Connection *conn, req_kind kind)
{
    call c = {.srv = srv,
              .conn = conn,
              .path = kind == K_STATUS ? PC_PROTO_PATH_STATUS
                      : kind == K_DESK ? PC_PROTO_PATH_DESK
                                       : PC_PROTO_PATH_SUBMIT};
    c.kiosk = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, PC_PROTO_HDR_KIOSK);
    c.sig = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, PC_PROTO_HDR_SIG);
    c.idem = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, PC_PROTO_HDR_IDEM);
    c.ts = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, PC_PROTO_HDR_TIME);
    c.claimed = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, PC_PROTO_HDR_BODY_HASH);
    c.length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    return c;
}
