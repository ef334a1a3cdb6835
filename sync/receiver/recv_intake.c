/* recv_intake.c — claim, replay or store an authenticated batch (see recv_intake.h). */
#include "recv_intake.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

#define SWEEP_EVERY_S 3600

struct pc_recv_intake {
    pc_recv_intake_opts o;
    atomic_llong last_sweep; /* Unix seconds; 0: never */
};

/* One POST on its way through: the tap's state and the claimed key. */
typedef struct flow {
    pc_recv_intake *in;
    const pc_recv_post *post;
    pc_recv_key key;
    int tap_state;
} flow;

static void answer_claim(flow *f, pc_recv_claim c, int status, char *stored, pc_recv_reply *out);
static void store_claimed(flow *f, pc_recv_reply *out);
static void release(flow *f);
static bool tapped(flow *f, pc_recv_stage stage, pc_recv_reply *out);

pc_recv_intake *pc_recv_intake_new(const pc_recv_intake_opts *opts)
{
    pc_recv_intake *in = calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->o = *opts;
    atomic_init(&in->last_sweep, 0);
    return in;
}

void pc_recv_intake_free(pc_recv_intake *in)
{
    free(in);
}

void pc_recv_intake_submit(pc_recv_intake *in, const pc_recv_post *post, pc_recv_reply *out)
{
    memset(out, 0, sizeof *out);
    flow f = {.in = in,
              .post = post,
              .key = {.kiosk_id = post->kiosk, .key = post->idem, .body_hash = post->hash}};
    if (tapped(&f, PC_RECV_AT_START, out))
        return;
    pc_recv_intake_sweep(in);
    int status = 0;
    char *stored = NULL;
    pc_recv_store *s = pc_recv_pool_take(in->o.pool);
    pc_recv_claim c =
        pc_recv_store_claim(s, &f.key, (int64_t)time(NULL), in->o.lease_s, &status, &stored);
    if (c == PC_RECV_CLAIM_ERROR)
        pc_recv_log(in->o.log, "database error: %s", pc_recv_store_errmsg(s));
    pc_recv_pool_give(in->o.pool, s);
    if (c == PC_RECV_CLAIMED)
        store_claimed(&f, out);
    else
        answer_claim(&f, c, status, stored, out);
}

/* The key was answered before (replay it), reused, in flight (409), or the database
 * failed. */
static void answer_claim(flow *f, pc_recv_claim c, int status, char *stored, pc_recv_reply *out)
{
    const pc_recv_post *p = f->post;
    FILE *log = f->in->o.log;
    if (c == PC_RECV_REPLAY) {
        pc_recv_log(log, "replaying the stored answer for %s %s", p->kiosk, p->idem);
        *out = (pc_recv_reply){.status = (unsigned)status, .body = stored};
    } else if (c == PC_RECV_REUSED) {
        pc_recv_reply_error(out, 422, "idempotency_key_reused",
                            "this Idempotency-Key was used with a different body");
    } else if (c == PC_RECV_BUSY) {
        pc_recv_log(log, "in flight: 409 for %s %s", p->kiosk, p->idem);
        pc_recv_reply_error(out, 409, "in_flight",
                            "a request with this Idempotency-Key is in progress");
    } else {
        pc_recv_reply_error(out, 503, "database", "database error; retry later");
    }
}

/* The key is ours: parse, store with the answer, answer; any failure gives it up. */
static void store_claimed(flow *f, pc_recv_reply *out)
{
    const pc_recv_post *p = f->post;
    pc_recv_intake *in = f->in;
    if (tapped(f, PC_RECV_AT_STORE, out)) {
        release(f);
        return;
    }
    pc_proto_batch batch;
    char err[256];
    json_error_t je;
    json_t *root = json_loadb(p->body, p->len, JSON_REJECT_DUPLICATES, &je);
    if (!pc_proto_batch_from_json(root, p->kiosk, in->o.max_batch, &batch, err, sizeof err)) {
        pc_recv_reply_error(out, 400, "bad_request", err);
        release(f);
        return;
    }
    size_t n_new = 0, n = batch.n;
    pc_recv_store *s = pc_recv_pool_take(in->o.pool);
    char *text = pc_recv_store_batch(s, &f->key, p->kiosk, &batch, "http", &n_new);
    if (!text)
        pc_recv_log(in->o.log, "database error: %s", pc_recv_store_errmsg(s));
    pc_recv_pool_give(in->o.pool, s);
    pc_proto_batch_free(&batch);
    if (!text) {
        pc_recv_reply_error(out, 503, "database", "database error; retry later");
        release(f);
        return;
    }
    pc_recv_log(in->o.log, "stored from %s: %zu submissions, %zu new", p->kiosk, n, n_new);
    if (tapped(f, PC_RECV_AT_ANSWER, out))
        free(text);
    else
        *out = (pc_recv_reply){.status = 200, .body = text};
}

static void release(flow *f)
{
    pc_recv_store *s = pc_recv_pool_take(f->in->o.pool);
    if (!pc_recv_store_release(s, &f->key))
        pc_recv_log(f->in->o.log, "database error: %s (the claim will lapse)",
                    pc_recv_store_errmsg(s));
    pc_recv_pool_give(f->in->o.pool, s);
}

void pc_recv_intake_sweep(pc_recv_intake *in)
{
    long long now = (long long)time(NULL), last = atomic_load(&in->last_sweep);
    if ((last && now - last < SWEEP_EVERY_S) ||
        !atomic_compare_exchange_strong(&in->last_sweep, &last, now))
        return;
    size_t n = 0;
    pc_recv_store *s = pc_recv_pool_take(in->o.pool);
    if (pc_recv_store_sweep(s, now, in->o.keep_days, &n))
        pc_recv_log(in->o.log, "swept %zu stored answers older than %d days", n,
                    in->o.keep_days > 0 ? in->o.keep_days : PC_RECV_KEEP_DAYS_DEFAULT);
    else
        pc_recv_log(in->o.log, "sweep failed: %s", pc_recv_store_errmsg(s));
    pc_recv_pool_give(in->o.pool, s);
}

/* Asks the tap, when there is one; true when it takes over (*out is then set). */
static bool tapped(flow *f, pc_recv_stage stage, pc_recv_reply *out)
{
    const pc_recv_tap *tap = f->in->o.tap;
    if (!tap)
        return false;
    pc_recv_verdict v = tap->at(tap->ctx, stage, f->post->kiosk, f->post->idem, &f->tap_state);
    if (v.action == PC_RECV_GO_ON)
        return false;
    if (v.action == PC_RECV_CLOSE)
        *out = (pc_recv_reply){.close = true};
    else
        pc_recv_reply_error(out, v.status, v.code, v.message);
    return true;
}

void pc_recv_reply_error(pc_recv_reply *out, unsigned status, const char *code, const char *message)
{
    *out = (pc_recv_reply){.status = status, .body = pc_proto_error_encode(code, message)};
}

/* The line's journald priority from its words: a database or a task that failed is an
 * error (a person must look), a refusal of a request a warning, the rest information. */
static pc_log_level recv_log_level(const char *text)
{
    if (strncmp(text, "database error", 14) == 0 || strstr(text, " failed"))
        return PC_LOG_ERR;
    if (strstr(text, "refused"))
        return PC_LOG_WARNING;
    return PC_LOG_INFO;
}

void pc_recv_log(FILE *log, const char *fmt, ...)
{
    if (!log)
        return;
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    pc_log_to(log, recv_log_level(text), "receiver: %s", text); /* one write a line */
}
