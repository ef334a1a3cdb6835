/* client_run.c — batches, retries, acknowledgements (see client_run.h and
 * sync/PROTOCOL.md, "What the client does with each answer").
 *
 * Up to `requests_in_flight` batches are on the wire at once, each posted (with its
 * retries) by a helper thread on its own HTTP connection, so that the receiver works on
 * them on as many cores; meanwhile the main thread marks the answered ones synced and
 * reads and encodes the next. Only the main thread touches the store; a helper touches
 * only its batch and its slot's HTTP handle, and the request count, the last error and
 * the clock offset under the run's lock. A batch is still marked only from its own
 * department-signed answer, in whatever order the answers come. */
#include "client_run.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client_http.h"
#include "client_manifest.h"
#include "client_status.h"
#include "log.h"
#include "proto_json.h"

typedef enum { B_ACKED, B_TEMP, B_AUTH, B_REJECTED, B_STORE } batch_result;
typedef enum { R_DONE, R_RETRY, R_AUTH, R_REJECTED, R_STORE } reply_class;

typedef struct run {
    const pc_client_config *cfg;
    pc_store *store;
    const pc_kiosk_key *key;
    const pc_keyring *dept;
    FILE *progress;
    pc_client_stats *stats;
    pc_client_http *http[PC_CLIENT_IN_FLIGHT_MAX]; /* one a slot; [0] also for the rest */
    size_t slots;                                  /* requests_in_flight */
    pthread_mutex_t lock; /* requests, last_error, clock_*: the posters write them */
    char url[PC_CLIENT_PATH_MAX + 32];
    double deadline; /* monotonic seconds */
    bool rejected_any;
    size_t unanswered;    /* sent, neither acknowledged nor rejected by a 200 */
    char last_error[256]; /* the run's latest failure, for the status */
    bool clock_known;     /* clock_offset measured from an answer's Date */
    int64_t clock_offset; /* kiosk minus receiver, seconds */
} run;

typedef struct batch {
    run *r;
    char (*read)[PC_RECEIPT_ID_SIZE]; /* receipt ids read from the store, in order (owned) */
    char *body;                       /* request body */
    size_t len;
    const char **ids; /* receipt ids sent, sorted (into read) */
    size_t n;
    size_t no; /* 1, 2, … in this run, for the progress lines */
    char idem[PC_PROTO_IDEM_MAX + 1];
    pc_client_http *http; /* its slot's connection (borrowed) */
    pthread_t thread;
    bool threaded;          /* posted on `thread` (else done when post_start returned) */
    batch_result posted;    /* how posting ended; B_ACKED: answer holds the answer */
    pc_proto_answer answer; /* the department-signed 200 answer, parsed */
} batch;

/* The batches on the wire, oldest first, and the one read ahead of them. */
typedef struct flight {
    batch slot[PC_CLIENT_IN_FLIGHT_MAX]; /* a ring: the oldest at head */
    size_t head, count;
    batch ready;       /* read and encoded, not yet posted; ready.n 0: nothing left */
    int64_t after;     /* the store's cursor */
    bool stop;         /* nothing more is posted */
    bool store_failed; /* nothing more is marked either */
    batch_result worst;
} flight;

static batch_result run_batches(run *r);
static int exit_status(const run *r, batch_result res);
static int report_status(run *r, int rc);
static int update_packs(run *r, int rc);
static void note_error(run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool http_open(run *r, char *err, size_t errsize);
static void http_close(run *r);
static bool batch_read(run *r, int64_t *after, batch *b);
static void post_ready(run *r, flight *f);
static void stop_with(flight *f, batch_result res);
static void post_start(run *r, batch *b);
static void *post_batch(void *arg);
static batch_result settle(run *r, batch *b);
static reply_class attempt(run *r, batch *b, int n);
static reply_class classify(run *r, batch *b, const pc_client_reply *rep, const char *sig);
static reply_class take_answer(run *r, batch *b, const pc_client_reply *rep);
static pc_store_status mark_mine(run *r, const batch *b, const pc_proto_answer *a, size_t *n);
static bool backoff(run *r, int attempt_no);
static bool batch_init(batch *b, const char *kiosk_id, const char *subs, size_t len);
static void batch_free(batch *b);
static double now_mono(void);
static double remaining(const run *r);
static int cmp_str(const void *a, const void *b);

int pc_client_run(const pc_client_config *cfg, pc_store *store, const pc_kiosk_key *key,
                  const pc_keyring *dept, FILE *progress, pc_client_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    run r = {.cfg = cfg,
             .store = store,
             .key = key,
             .dept = dept,
             .progress = progress,
             .stats = stats,
             .deadline = now_mono() + cfg->budget_seconds};
    size_t synced = 0;
    if (pc_store_count(store, &stats->pending_start, &synced) != PC_STORE_OK)
        return PC_CLIENT_EXIT_STORE;
    snprintf(r.url, sizeof r.url, "%s%s", cfg->url, PC_PROTO_PATH_SUBMIT);
    char err[256];
    if (!http_open(&r, err, sizeof err)) {
        if (progress)
            pc_log_to(progress, PC_LOG_ERR, "kiosk-sync: %s", err);
        return PC_CLIENT_EXIT_FAILURE;
    }
    batch_result res = run_batches(&r);
    int rc = exit_status(&r, res);
    rc = update_packs(&r, rc);
    if (pc_store_count(store, &stats->pending_end, &synced) != PC_STORE_OK)
        rc = PC_CLIENT_EXIT_STORE;
    rc = report_status(&r, rc);
    http_close(&r);
    return rc;
}

/* One connection a slot (a libcurl handle is used by one thread at a time). */
static bool http_open(run *r, char *err, size_t errsize)
{
    int n = r->cfg->requests_in_flight;
    r->slots = n < 1 ? 1 : n > PC_CLIENT_IN_FLIGHT_MAX ? PC_CLIENT_IN_FLIGHT_MAX : (size_t)n;
    pthread_mutex_init(&r->lock, NULL);
    for (size_t i = 0; i < r->slots; i++)
        if (!pc_client_http_new(r->cfg, &r->http[i], err, errsize)) {
            http_close(r);
            return false;
        }
    return true;
}

static void http_close(run *r)
{
    for (size_t i = 0; i < r->slots; i++)
        pc_client_http_free(r->http[i]); /* NULL: not opened */
    pthread_mutex_destroy(&r->lock);
    memset(r->http, 0, sizeof r->http);
}

static int exit_status(const run *r, batch_result res)
{
    return res == B_STORE                   ? PC_CLIENT_EXIT_STORE
           : res == B_AUTH                  ? PC_CLIENT_EXIT_AUTH
           : r->rejected_any                ? PC_CLIENT_EXIT_REJECTED
           : res == B_TEMP || r->unanswered ? PC_CLIENT_EXIT_TEMPFAIL
                                            : PC_CLIENT_EXIT_OK;
}

/* Every run ends with the kiosk's status, whatever happened before (client_status.h);
 * this run's failure goes into it as the last error. A status that cannot be sent turns
 * a clean run into 75 (77 when refused as unauthorised) so that it is tried again. */
static int report_status(run *r, int rc)
{
    pc_client_state st;
    pc_client_state_load(r->cfg, &st);
    if (rc != PC_CLIENT_EXIT_OK) {
        snprintf(st.last_error, sizeof st.last_error, "exit %d: %s", rc,
                 r->last_error[0] ? r->last_error : "the store could not be read");
        st.last_error_at = (int64_t)time(NULL);
    }
    if (r->clock_known) {
        st.clock_known = true;
        st.clock_offset_s = r->clock_offset;
    }
    char why[PC_CLIENT_PATH_MAX];
    pc_client_status_result res =
        pc_client_status_send(r->cfg, r->store, r->key, r->dept, r->http[0], &st, why, sizeof why);
    r->stats->status_sent = res == PC_CLIENT_STATUS_SENT;
    if (res != PC_CLIENT_STATUS_SENT && rc == PC_CLIENT_EXIT_OK) { /* else the run's */
        snprintf(st.last_error, sizeof st.last_error, "%s", why);
        st.last_error_at = (int64_t)time(NULL);
    }
    if (r->progress)
        pc_log_to(r->progress, res == PC_CLIENT_STATUS_SENT ? PC_LOG_INFO : PC_LOG_WARNING,
                  "kiosk-sync: %s", res == PC_CLIENT_STATUS_SENT ? "status sent" : why);
    if (!pc_client_state_save(r->cfg, &st) && r->progress)
        pc_log_to(r->progress, PC_LOG_WARNING,
                  "kiosk-sync: the state file beside the store could not be written");
    if (rc != PC_CLIENT_EXIT_OK)
        return rc;
    return res == PC_CLIENT_STATUS_TEMP    ? PC_CLIENT_EXIT_TEMPFAIL
           : res == PC_CLIENT_STATUS_AUTH  ? PC_CLIENT_EXIT_AUTH
           : res == PC_CLIENT_STATUS_LOCAL ? PC_CLIENT_EXIT_STORE
                                           : PC_CLIENT_EXIT_OK;
}

static void note_error(run *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pthread_mutex_lock(&r->lock);
    vsnprintf(r->last_error, sizeof r->last_error, fmt, ap);
    pthread_mutex_unlock(&r->lock);
    va_end(ap);
}

void pc_client_stats_print(const pc_client_stats *s, FILE *out)
{
    fprintf(out,
            "kiosk-sync: sent %zu, acknowledged %zu, pending %zu, failed %zu "
            "(%zu batches, %zu requests)\n",
            s->sent, s->acked, s->pending_end, s->rejected, s->batches, s->requests);
}

/* Oldest first; a batch that is refused is skipped (it stays pending); one that gives up
 * (network, budget, authorisation) or a store failure stops the posting. The batches
 * already on the wire are then still waited for and, unless the store failed, marked
 * from their own answers: every row sent is acknowledged or stays pending. */
static batch_result run_batches(run *r)
{
    flight f = {.worst = B_ACKED};
    if (!batch_read(r, &f.after, &f.ready))
        return B_STORE;
    post_ready(r, &f);
    while (f.count) {
        batch *oldest = &f.slot[f.head];
        if (oldest->threaded)
            pthread_join(oldest->thread, NULL);
        batch done = *oldest; /* its slot is free for the next batch */
        memset(oldest, 0, sizeof *oldest);
        f.head = (f.head + 1) % r->slots;
        f.count--;
        if (done.posted != B_ACKED && done.posted != B_REJECTED)
            stop_with(&f, done.posted);
        post_ready(r, &f); /* on the wire again before `done` is marked */
        batch_result res = f.store_failed ? B_STORE : settle(r, &done);
        batch_free(&done); /* not marked after a store failure: sent again next run */
        if (res == B_REJECTED)
            r->rejected_any = true;
        if (res == B_STORE && !f.store_failed) {
            f.store_failed = true;
            stop_with(&f, B_STORE);
        }
    }
    batch_free(&f.ready);
    return f.worst;
}

/* The worst way the run ended: the store, then authorisation, then giving up. */
static void stop_with(flight *f, batch_result res)
{
    static const int rank[] = {
        [B_ACKED] = 0, [B_REJECTED] = 0, [B_TEMP] = 1, [B_AUTH] = 2, [B_STORE] = 3};
    f->stop = true;
    if (rank[res] > rank[f->worst])
        f->worst = res;
}

/* Puts read batches on the wire while slots are free, reading the next after each. */
static void post_ready(run *r, flight *f)
{
    while (!f->stop && f->ready.n && f->count < r->slots) {
        size_t i = (f->head + f->count) % r->slots;
        f->slot[i] = f->ready;
        f->slot[i].http = r->http[i];
        f->count++;
        post_start(r, &f->slot[i]);
        if (!batch_read(r, &f->after, &f->ready)) /* while the others are on the wire */
            stop_with(f, B_STORE);
    }
}

/* The next pending submissions after *after, as the JSON text the store makes of them,
 * encoded; b->n 0 when there are none. */
static bool batch_read(run *r, int64_t *after, batch *b)
{
    char *subs = NULL;
    size_t len = 0;
    int64_t last = *after;
    memset(b, 0, sizeof *b);
    b->r = r;
    if (pc_store_list_unsynced_text(r->store, *after, (size_t)r->cfg->batch_size, &subs, &len,
                                    &b->read, &b->n, &last) != PC_STORE_OK)
        return false;
    *after = last;
    bool ok = !b->n || batch_init(b, r->key->kiosk_id, subs, len);
    free(subs);
    return ok;
}

/* Counts the batch and puts it on the wire on a helper thread, or here and now when no
 * thread can be started (then it is done on return). */
static void post_start(run *r, batch *b)
{
    b->no = ++r->stats->batches;
    r->stats->sent += b->n;
    b->threaded = pthread_create(&b->thread, NULL, post_batch, b) == 0;
    if (!b->threaded)
        post_batch(b);
}

/* The helper thread: attempts with backoff until the batch is answered, refused, or
 * the attempts or the budget run out. */
static void *post_batch(void *arg)
{
    batch *b = arg;
    run *r = b->r;
    b->posted = B_TEMP;
    for (int n = 0; n < r->cfg->max_attempts; n++) {
        if (n > 0 && !backoff(r, n))
            break;
        reply_class c = attempt(r, b, n);
        if (c != R_RETRY) {
            b->posted = c == R_DONE ? B_ACKED : c == R_AUTH ? B_AUTH : B_REJECTED;
            break;
        }
    }
    return NULL;
}

/* Main thread, once posted: marks synced what the answer acknowledged of this batch. */
static batch_result settle(run *r, batch *b)
{
    if (b->posted != B_ACKED)
        return b->posted;
    pc_proto_answer *a = &b->answer;
    size_t n = 0;
    pc_store_status st = mark_mine(r, b, a, &n);
    r->stats->rejected += a->head.n_rejected;
    if (r->progress)
        pc_log_to(r->progress, PC_LOG_INFO,
                  "kiosk-sync: batch %zu: %zu sent, %zu acknowledged (%lld new, "
                  "%lld already there), %zu refused",
                  b->no, b->n, n, (long long)a->head.stored_new, (long long)a->head.already_present,
                  a->head.n_rejected);
    if (b->n > n + a->head.n_rejected)
        r->unanswered += b->n - n - a->head.n_rejected; /* left pending: next run sends them */
    return st != PC_STORE_OK ? B_STORE : a->head.n_rejected > 0 ? B_REJECTED : B_ACKED;
}

static reply_class attempt(run *r, batch *b, int n)
{
    if (remaining(r) <= 0)
        return R_RETRY;
    char hash[PC_PROTO_HASH_HEX], msg[PC_PROTO_MSG_MAX], sig[PC_PROTO_SIG_B64];
    int64_t ts = (int64_t)time(NULL);
    pc_proto_body_hash(b->body, b->len, hash);
    pc_proto_request_message(msg, sizeof msg, "POST", PC_PROTO_PATH_SUBMIT, r->key->kiosk_id, ts,
                             b->idem, hash);
    pc_proto_sign(r->key->sk, msg, strlen(msg), sig);
    pc_client_headers hd = {r->key->kiosk_id, sig, b->idem, ts, hash};
    double budget_ms = remaining(r) * 1000.0;
    long timeout = (long)r->cfg->timeout_seconds * 1000L;
    if (budget_ms < (double)timeout)
        timeout = (long)budget_ms + 1;
    pc_client_reply rep;
    pthread_mutex_lock(&r->lock);
    r->stats->requests++;
    pthread_mutex_unlock(&r->lock);
    pc_client_http_post(b->http, r->url, &hd, b->body, b->len, timeout, &rep);
    reply_class c = classify(r, b, &rep, sig);
    if (!rep.transport_error && rep.date > 0) {
        pthread_mutex_lock(&r->lock);
        r->clock_known = true;
        r->clock_offset = (int64_t)time(NULL) - rep.date;
        pthread_mutex_unlock(&r->lock);
    }
    if (c == R_RETRY && rep.transport_error)
        note_error(r, "batch %zu: %s", b->no, rep.error);
    else if (c == R_RETRY)
        note_error(r, "batch %zu: HTTP %ld", b->no, rep.status);
    if (c == R_RETRY && r->progress && rep.transport_error)
        pc_log_to(r->progress, PC_LOG_WARNING, "kiosk-sync: batch %zu attempt %d: %s", b->no, n + 1,
                  rep.error);
    else if (c == R_RETRY && r->progress)
        pc_log_to(r->progress, PC_LOG_WARNING, "kiosk-sync: batch %zu attempt %d: HTTP %ld%s",
                  b->no, n + 1, rep.status, rep.status == 409 ? " (in flight)" : "");
    pc_client_reply_free(&rep);
    return c;
}

/* What to do with an answer (PROTOCOL.md): only a department-signed 200 marks rows. */
static reply_class classify(run *r, batch *b, const pc_client_reply *rep, const char *sig)
{
    if (rep->transport_error)
        return R_RETRY;
    long st = rep->status;
    if (st == 409 || st == 429 || st == 408 || st >= 500)
        return R_RETRY;
    if (st >= 400)
        note_error(r, "batch %zu refused (%ld): %.160s", b->no, st, rep->body);
    if (st == 401 || st == 403) {
        if (r->progress)
            pc_log_to(r->progress, PC_LOG_ERR, "kiosk-sync: refused (%ld): %s", st, rep->body);
        return R_AUTH;
    }
    if (st != 200) {
        if (r->progress)
            pc_log_to(r->progress, PC_LOG_WARNING, "kiosk-sync: batch refused (%ld): %s", st,
                      rep->body);
        return R_REJECTED;
    }
    char hash[PC_PROTO_HASH_HEX], msg[PC_PROTO_MSG_MAX];
    pc_proto_body_hash(rep->body, rep->len, hash);
    pc_proto_answer_message(msg, sizeof msg, (int)st, rep->timestamp, sig, hash);
    const pc_keyring_entry *e = pc_keyring_find(r->dept, rep->signer);
    if (!e || !pc_proto_verify(e->pk, msg, strlen(msg), rep->signature)) {
        if (r->progress)
            pc_log_to(r->progress, PC_LOG_ERR,
                      "kiosk-sync: answer not signed by a department key: ignored");
        note_error(r, "an answer not signed by a department key");
        return R_AUTH;
    }
    return take_answer(r, b, rep);
}

/* A signed 200 for this batch's key: kept for the main thread to mark. */
static reply_class take_answer(run *r, batch *b, const pc_client_reply *rep)
{
    pc_proto_answer a;
    char err[160];
    if (!pc_proto_answer_parse(rep->body, rep->len, &a, err, sizeof err) ||
        strcmp(a.head.idem, b->idem) != 0) {
        if (r->progress)
            pc_log_to(r->progress, PC_LOG_WARNING, "kiosk-sync: unusable answer: %s",
                      a.head.root ? "for another Idempotency-Key" : err);
        pc_proto_answer_free(&a);
        return R_RETRY;
    }
    b->answer = a;
    return R_DONE;
}

/* Marks synced exactly the acknowledged ids that this batch sent; *n counts them. */
static pc_store_status mark_mine(run *r, const batch *b, const pc_proto_answer *a, size_t *n)
{
    const char **mine = calloc(a->n_acked ? a->n_acked : 1, sizeof *mine);
    for (size_t i = 0; mine && i < a->n_acked; i++)
        if (bsearch(&a->acked[i], b->ids, b->n, sizeof *b->ids, cmp_str))
            mine[(*n)++] = a->acked[i];
    size_t marked = 0;
    pc_store_status st =
        mine ? pc_store_mark_synced(r->store, mine, *n, (int64_t)time(NULL), &marked)
             : PC_STORE_ERROR;
    r->stats->acked += marked;
    free(mine);
    return st;
}

/* Exponential backoff with equal jitter, cut short by the budget. */
static bool backoff(run *r, int attempt_no)
{
    double ms = r->cfg->backoff_initial_ms;
    for (int i = 1; i < attempt_no && ms < r->cfg->backoff_max_ms; i++)
        ms *= 2;
    if (ms > r->cfg->backoff_max_ms)
        ms = r->cfg->backoff_max_ms;
    ms = ms / 2 + (double)randombytes_uniform((uint32_t)(ms / 2) + 1);
    double left = remaining(r) * 1000.0;
    if (left <= 0)
        return false;
    if (ms > left)
        ms = left;
    struct timespec ts = {(time_t)(ms / 1000), (long)((long long)ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    return remaining(r) > 0;
}

static bool batch_init(batch *b, const char *kiosk_id, const char *subs, size_t len)
{
    b->body = pc_proto_batch_encode_text(kiosk_id, subs, len, &b->len);
    b->ids = calloc(b->n, sizeof *b->ids);
    if (!b->body || !b->ids) {
        batch_free(b);
        return false;
    }
    for (size_t i = 0; i < b->n; i++)
        b->ids[i] = b->read[i];
    qsort(b->ids, b->n, sizeof *b->ids, cmp_str);
    pc_proto_idem_new(b->idem);
    return true;
}

static void batch_free(batch *b)
{
    free(b->body);
    free(b->ids);
    free(b->read);
    pc_proto_answer_free(&b->answer);
    memset(b, 0, sizeof *b);
}

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double remaining(const run *r)
{
    return r->deadline - now_mono();
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* After the submissions (which it never touches), the department's manifest: a new set
 * of packs switched in, or the reason why not (client_manifest.h). A refused manifest
 * makes a clean run 65, an unreachable one 75; a receiver that publishes none is fine. */
static int update_packs(run *r, int rc)
{
    pc_client_manifest_stats ms;
    char why[PC_CLIENT_PATH_MAX];
    pc_client_manifest_result res =
        pc_client_manifest_update(r->cfg, r->dept, r->http[0], r->progress, &ms, why, sizeof why);
    pc_client_stats *s = r->stats;
    if (res == PC_CLIENT_MANIFEST_SWITCHED)
        snprintf(s->packs, sizeof s->packs,
                 "packs: manifest %lld switched in as %s (files: %zu fetched, %zu kept)",
                 (long long)ms.serial, ms.generation, ms.fetched, ms.reused);
    else if (res == PC_CLIENT_MANIFEST_CURRENT)
        snprintf(s->packs, sizeof s->packs, "packs: manifest %lld already in place",
                 (long long)ms.serial);
    else
        snprintf(s->packs, sizeof s->packs, "packs: %s; the packs in place are kept", why);
    if (rc == PC_CLIENT_EXIT_OK &&
        (res == PC_CLIENT_MANIFEST_TEMP || res == PC_CLIENT_MANIFEST_REFUSED ||
         res == PC_CLIENT_MANIFEST_IO))
        note_error(r, "%s", why);
    if (r->progress)
        pc_log_to(r->progress, PC_LOG_INFO, "kiosk-sync: %s", s->packs);
    if (rc != PC_CLIENT_EXIT_OK)
        return rc;
    return res == PC_CLIENT_MANIFEST_TEMP      ? PC_CLIENT_EXIT_TEMPFAIL
           : res == PC_CLIENT_MANIFEST_REFUSED ? PC_CLIENT_EXIT_REJECTED
           : res == PC_CLIENT_MANIFEST_IO      ? PC_CLIENT_EXIT_STORE
                                               : PC_CLIENT_EXIT_OK;
}
