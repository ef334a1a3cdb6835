/* test_sync_harden.c — the receiver under abuse. Requests are written by hand on raw
 * sockets (only their status line is read back) so that a test can stop before the
 * body: a body larger than the batch limit, an unsigned request, an unknown kiosk, a
 * wrong signature over X-PC-Body-SHA256, a request without Content-Length are all
 * answered before one byte of body is sent; uploads beyond the body budget are
 * refused (503) while one is held; a body that does not match its announced hash is
 * refused; --require-body-hash refuses requests without it and kiosk-sync still
 * syncs. More connections from one address than allowed are closed while a genuine
 * kiosk from another address syncs. Kiosk B posting kiosk A's unsynced ids blocks
 * nothing. A keyring replaced while serving admits a newly enrolled kiosk. Answers
 * older than the keep period are swept when the receiver starts, newer ones kept. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "client_run.h"
#include "sync_test_util.h"

#define BODY "{\"protocol\":1,\"kiosk_id\":\"hall1-k01\",\"submissions\":[]}"

/* A connection to the receiver from the given loopback address. */
static int dial(const char *from, uint16_t port)
{
    struct sockaddr_in src = {.sin_family = AF_INET};
    struct sockaddr_in dst = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, from, &src.sin_addr);
    inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&src, sizeof src) != 0 ||
        connect(fd, (struct sockaddr *)&dst, sizeof dst) != 0)
        die("dial", from);
    return fd;
}

/* The status of the first answer within ms: 100–599; 0 closed; -1 nothing yet. */
static int status_within(int fd, int ms)
{
    struct pollfd pf = {fd, POLLIN, 0};
    char buf[4096];
    if (poll(&pf, 1, ms) != 1)
        return -1;
    ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    return strncmp(buf, "HTTP/1.1 ", 9) == 0 ? atoi(buf + 9) : 0;
}

/* Sends the request head (and no body) with the given extra header lines. */
static void head(int fd, const char *extra, size_t length)
{
    char text[2048];
    int n = snprintf(text, sizeof text, "POST /v1/submissions HTTP/1.1\r\nHost: x\r\n"
                     "Content-Type: application/json\r\n%sContent-Length: %zu\r\n\r\n",
                     extra, length);
    if (send(fd, text, (size_t)n, MSG_NOSIGNAL) != n)
        die("send", NULL);
}

/* The protocol's headers, signed by key over a body with hash `hash`; with_hash adds
 * X-PC-Body-SHA256. */
static void signed_headers(const pc_kiosk_key *key, const char *hash, bool with_hash,
                           char *out, size_t size)
{
    char msg[PC_PROTO_MSG_MAX], sig[PC_PROTO_SIG_B64], idem[PC_PROTO_IDEM_MAX + 1];
    int64_t ts = (int64_t)time(NULL);
    pc_proto_idem_new(idem);
    pc_proto_request_message(msg, sizeof msg, "POST", PC_PROTO_PATH_SUBMIT, key->kiosk_id, ts,
                             idem, hash);
    pc_proto_sign(key->sk, msg, strlen(msg), sig);
    int n = snprintf(out, size, "X-PC-Kiosk: %s\r\nX-PC-Timestamp: %lld\r\n"
                     "X-PC-Signature: %s\r\nIdempotency-Key: %s\r\n", key->kiosk_id,
                     (long long)ts, sig, idem);
    if (with_hash)
        snprintf(out + n, size - (size_t)n, PC_PROTO_HDR_BODY_HASH ": %s\r\n", hash);
}

typedef struct refusal {
    const char *extra;          /* header lines */
    size_t length;              /* Content-Length announced (never sent) */
    int status;                 /* expected at once */
} refusal;

/* Answers that must come back before any body byte is sent. */
static void refused_before_body(fixture *f, uint16_t port)
{
    char hdr[1024], stranger[1024], forged[1024], err[256], hash[PC_PROTO_HASH_HEX];
    pc_kiosk_key other, wrong;
    pc_proto_body_hash("x", 1, hash);
    signed_headers(&f->kiosk, hash, false, hdr, sizeof hdr);
    pc_kiosk_key_generate(&other, "hall9-k99", err, sizeof err);             /* unknown */
    signed_headers(&other, hash, true, stranger, sizeof stranger);
    pc_kiosk_key_generate(&wrong, "hall1-k01", err, sizeof err);             /* wrong key */
    signed_headers(&wrong, hash, true, forged, sizeof forged);
    const refusal cases[5] = {
        {hdr, (size_t)PC_PROTO_MAX_BATCH * PC_RECV_ITEM_BYTES + 1, 413},
        {"X-PC-Kiosk: hall1-k01\r\n", 1000000, 400},                        /* unsigned */
        {stranger, 1000000, 401},
        {forged, 1000000, 401},
        {"X-PC-Kiosk: hall1-k01\r\n", 0, 400}};
    for (int i = 0; i < 5; i++) {
        int fd = dial("127.0.0.1", port);
        head(fd, cases[i].extra, cases[i].length);
        int st = status_within(fd, 2000);
        if (st != cases[i].status)
            fprintf(stderr, "case %d: status %d, expected %d\n", i, st, cases[i].status);
        CHECK(st == cases[i].status);
        close(fd);
    }
    /* no Content-Length at all (chunked): 411 */
    int fd = dial("127.0.0.1", port);
    signed_headers(&f->kiosk, hash, false, hdr, sizeof hdr);
    char text[2048];
    int n = snprintf(text, sizeof text, "POST /v1/submissions HTTP/1.1\r\nHost: x\r\n%s"
                     "Transfer-Encoding: chunked\r\n\r\n", hdr);
    CHECK(send(fd, text, (size_t)n, MSG_NOSIGNAL) == n);
    CHECK(status_within(fd, 2000) == 411);
    close(fd);
}

/* Bodies held at once are bounded: an admitted upload (100 Continue) reserves its
 * Content-Length; the next one that does not fit is refused at once. */
static void body_budget(fixture *f)
{
    pc_recv_opts o = {.body_budget = 100000};
    site *s = fixture_site_opts(f, o, 1, false);
    uint16_t port = pc_recv_server_port(s->srv[0]);
    char hdr[1024], hash[PC_PROTO_HASH_HEX], extra[1200];
    pc_proto_body_hash("x", 1, hash);
    signed_headers(&f->kiosk, hash, false, hdr, sizeof hdr);
    snprintf(extra, sizeof extra, "%sExpect: 100-continue\r\n", hdr);
    int held = dial("127.0.0.1", port);
    head(held, extra, 80000);
    CHECK(status_within(held, 2000) == 100);
    int next = dial("127.0.0.1", port);
    head(next, extra, 80000);
    CHECK(status_within(next, 2000) == 503);
    close(next);
    close(held);                        /* its reservation is returned */
    struct timespec pause = {0, 200 * 1000000L};
    nanosleep(&pause, NULL);
    next = dial("127.0.0.1", port);
    head(next, extra, 80000);
    CHECK(status_within(next, 2000) == 100);
    close(next);
    site_stop(s);
}

/* The hash announced and signed is checked against the body that arrives. */
static void body_must_match_hash(fixture *f, uint16_t port)
{
    char hdr[1024], hash[PC_PROTO_HASH_HEX], text[4096];
    pc_proto_body_hash(BODY, strlen(BODY), hash);
    signed_headers(&f->kiosk, hash, true, hdr, sizeof hdr);
    char other[] = BODY;
    other[2] = 'P';                     /* same length, another body */
    int fd = dial("127.0.0.1", port);
    int n = snprintf(text, sizeof text, "POST /v1/submissions HTTP/1.1\r\nHost: x\r\n%s"
                     "Content-Length: %zu\r\n\r\n%s", hdr, strlen(other), other);
    CHECK(send(fd, text, (size_t)n, MSG_NOSIGNAL) == n);
    CHECK(status_within(fd, 2000) == 400);
    close(fd);
    fd = dial("127.0.0.1", port);       /* the body signed: stored (an empty batch) */
    n = snprintf(text, sizeof text, "POST /v1/submissions HTTP/1.1\r\nHost: x\r\n%s"
                 "Content-Length: %zu\r\n\r\n%s", hdr, strlen(BODY), BODY);
    CHECK(send(fd, text, (size_t)n, MSG_NOSIGNAL) == n);
    CHECK(status_within(fd, 2000) == 200);
    close(fd);
}

static int sync_once(fixture *f)
{
    pc_client_stats st;
    return pc_client_run(&f->cfg, f->store, &f->kiosk, &f->dept_ring, NULL, &st);
}

static void headers_first(void)
{
    fixture f;
    fixture_init(&f);
    site *s = fixture_site(&f, NULL, 0);
    uint16_t port = pc_recv_server_port(s->srv[0]);
    refused_before_body(&f, port);
    body_must_match_hash(&f, port);
    site_stop(s);
    body_budget(&f);
    pc_recv_opts o = {.require_body_hash = true};
    s = fixture_site_opts(&f, o, 1, false);
    port = pc_recv_server_port(s->srv[0]);
    int fd = dial("127.0.0.1", port);
    char hdr[1024], hash[PC_PROTO_HASH_HEX];
    pc_proto_body_hash("x", 1, hash);
    signed_headers(&f.kiosk, hash, false, hdr, sizeof hdr);
    head(fd, hdr, 1);
    CHECK(status_within(fd, 2000) == 400);
    close(fd);
    fixture_seed(&f, 30);
    fixture_point(&f, s);
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_OK);      /* kiosk-sync sends the hash */
    site_stop(s);
    CHECK(fixture_all_delivered(&f, 30));
    fixture_done(&f);
}

/* 40 idle connections from 127.0.0.2 against a limit of 4: 36 are closed at once, and
 * a kiosk from 127.0.0.1 syncs while the 4 stay open. */
static void connections_per_client(void)
{
    fixture f;
    fixture_init(&f);
    fixture_seed(&f, 50);
    pc_recv_opts o = {.max_per_client = 4};
    site *s = fixture_site_opts(&f, o, 1, false);
    uint16_t port = pc_recv_server_port(s->srv[0]);
    int fds[40], closed = 0, open_ = 0;
    for (int i = 0; i < 40; i++)
        fds[i] = dial("127.0.0.2", port);
    for (int i = 0; i < 40; i++) {
        int st = status_within(fds[i], i < 4 ? 200 : 1000);
        closed += st == 0;
        open_ += st == -1;
    }
    CHECK(closed == 36 && open_ == 4);
    fixture_point(&f, s);
    f.cfg.max_attempts = 2;
    CHECK(sync_once(&f) == PC_CLIENT_EXIT_OK);
    for (int i = 0; i < 40; i++)
        close(fds[i]);
    site_stop(s);
    CHECK(fixture_all_delivered(&f, 50));
    fixture_done(&f);
}

/* Kiosk B (a stolen key) sends kiosk A's unsynced receipt ids first: A's still get in. */
static void ids_scoped_by_kiosk(void)
{
    fixture f;
    fixture_init(&f);
    sync_kiosk thief;
    fixture_kiosk(&f, "hall1-k02", &thief);
    fixture_seed(&f, 20);
    for (size_t i = 0; i < f.n_ids; i++) {
        pc_submission sub;
        CHECK(pc_store_get(f.store, f.ids[i], &sub) == PC_STORE_OK);
        snprintf(sub.kiosk_id, sizeof sub.kiosk_id, "hall1-k02");
        CHECK(pc_store_insert(thief.store, &sub) == PC_STORE_OK);
        pc_submission_free(&sub);
    }
    site *s = fixture_site(&f, NULL, 0);
    fixture_point_cfg(&thief.cfg, s);
    pc_client_stats st;
    CHECK(pc_client_run(&thief.cfg, thief.store, &thief.key, &f.dept_ring, NULL, &st) ==
          PC_CLIENT_EXIT_OK && st.acked == 20);
    fixture_point(&f, s);
    CHECK(pc_client_run(&f.cfg, f.store, &f.kiosk, &f.dept_ring, NULL, &st) ==
          PC_CLIENT_EXIT_OK && st.acked == 20);
    site_stop(s);
    pc_recv_store *db = fixture_store(&f);
    size_t held = 0;
    CHECK(pc_recv_store_count(db, &held) && held == 40);
    for (size_t i = 0; i < f.n_ids; i++)
        CHECK(pc_recv_store_has(db, "hall1-k01", f.ids[i]));
    pc_recv_store_close(db);
    sync_kiosk_done(&thief);
    fixture_done(&f);
}

/* A kiosk enrolled after the receiver started: refused, then admitted once the
 * receiver's keyring is replaced (what SIGHUP does in the program). */
static void keyring_replaced(void)
{
    fixture f;
    fixture_init(&f);
    site *s = fixture_site(&f, NULL, 0);
    sync_kiosk late;
    fixture_kiosk(&f, "hall2-k01", &late);
    sync_kiosk_seed(&late, 5);
    fixture_point_cfg(&late.cfg, s);
    pc_client_stats st;
    CHECK(pc_client_run(&late.cfg, late.store, &late.key, &f.dept_ring, NULL, &st) ==
          PC_CLIENT_EXIT_AUTH);
    pc_keyring ring;
    char err[256], path[300];
    snprintf(path, sizeof path, "%s/kiosks.keyring", f.dir);
    CHECK(pc_keyring_load(&ring, path, err, sizeof err));
    pc_recv_server_set_kiosks(s->srv[0], &ring);
    CHECK(ring.entries == NULL && ring.n == 0);
    CHECK(pc_client_run(&late.cfg, late.store, &late.key, &f.dept_ring, NULL, &st) ==
          PC_CLIENT_EXIT_OK && st.acked == 5);
    site_stop(s);
    sync_kiosk_done(&late);
    fixture_done(&f);
}

/* An answer (here a dead claim) 8 days old is swept when a receiver starts; one made
 * today is kept and replayed. */
static void swept_at_start(void)
{
    fixture f;
    fixture_init(&f);
    pc_recv_store *db = fixture_store(&f);
    int64_t now = (int64_t)time(NULL);
    int status = 0;
    char *answer = NULL;
    pc_recv_key old = {"hall1-k01", "old-key-000000000", "h1", ""};
    pc_recv_key today = {"hall1-k01", "new-key-000000000", "h1", ""};
    CHECK(pc_recv_store_claim(db, &old, now - 8 * 86400, 60, &status, &answer) ==
          PC_RECV_CLAIMED);
    CHECK(pc_recv_store_claim(db, &today, now, 60, &status, &answer) == PC_RECV_CLAIMED);
    pc_recv_store_close(db);
    site *s = fixture_site(&f, NULL, 0);
    site_stop(s);
    db = fixture_store(&f);
    old.body_hash = today.body_hash = "h2";     /* a row still there would say 422 */
    CHECK(pc_recv_store_claim(db, &old, now, 60, &status, &answer) == PC_RECV_CLAIMED);
    CHECK(pc_recv_store_claim(db, &today, now, 60, &status, &answer) == PC_RECV_REUSED);
    pc_recv_store_close(db);
    fixture_done(&f);
}

int main(void)
{
    headers_first();
    connections_per_client();
    ids_scoped_by_kiosk();
    keyring_replaced();
    swept_at_start();
    return CHECK_DONE();
}
