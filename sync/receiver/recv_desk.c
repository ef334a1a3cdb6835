/* recv_desk.c — the staff desks' records at the receiver: claim, store and answer a
 * desk's batch, export, and the console's "pre-checks that became applications"
 * (see recv_desk.h). */
#include "recv_desk.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_PERIODS 400

/* The operators' words for the three columns; 退回 and 不予受理 count together. */
static const struct {
    const char *code, *label;
} groups[] = {{"receive", "收件"}, {"accept", "受理"}, {"returned", "退回/不予受理"}};

/* The acceptable records of a batch, and what the answer will say. */
typedef struct recs {
    pc_recv_batch_rows rows; /* their materials' texts, and the answer's lists */
    pc_recv_desk_row *row;
} recs;
static bool recs_make(recs *r, const char *desk_id, const pc_proto_desk_batch *b);
static void recs_free(recs *r);
static bool recs_insert(pc_recv_store *s, void *ctx, int64_t now);
static void answer_claim(FILE *log, const pc_recv_post *p, pc_recv_claim c, int status,
                         char *stored, pc_recv_reply *out);
static void store_claimed(pc_recv_pool *pool, FILE *log, const pc_recv_post *p,
                          const pc_recv_key *k, pc_recv_reply *out);
static void release(pc_recv_pool *pool, FILE *log, const pc_recv_key *k);
static bool export_row(void *ctx, const pc_recv_desk_row *row);
static bool report_row(void *ctx, const pc_recv_desk_row *row);
static json_t *report_build(json_t *acc, const pc_pack_set *packs, const pc_recv_filter *f,
                            bool weekly, int64_t lo, int64_t hi, size_t not_received);
static void day_text(int64_t day, char out[11]);

/* ------------------------------------------------------------------ the store's flow */

void pc_recv_desk_scope(const char *desk_id, char *out, size_t size)
{
    snprintf(out, size, "desk:%s", desk_id);
}

char *pc_recv_store_desk_batch(pc_recv_store *s, const pc_recv_key *k, const char *desk_id,
                               const pc_proto_desk_batch *batch, size_t *n_new)
{
    recs r;
    bool made = recs_make(&r, desk_id, batch);
    char *answer = pc_recv_store_answered(s, k, made ? &r.rows : NULL, n_new);
    recs_free(&r);
    return answer;
}

/* Stores r's rows in pc_recv_store_answered's transaction. */
static bool recs_insert(pc_recv_store *s, void *ctx, int64_t now)
{
    recs *r = ctx;
    return s->ops->desk_insert(s, now, r->row, r->rows.n, r->rows.fresh);
}

/* The acceptable records as rows (materials as JSON text), the others refused. */
static bool recs_make(recs *r, const char *desk_id, const pc_proto_desk_batch *b)
{
    memset(r, 0, sizeof *r);
    pc_recv_batch_rows *rows = &r->rows;
    r->row = calloc(b->n + 1, sizeof *r->row);
    if (!pc_recv_batch_rows_init(rows, b->n + 1) || !r->row)
        return false;
    rows->insert = recs_insert;
    rows->ctx = r;
    for (size_t i = 0; i < b->n; i++) {
        const pc_proto_desk_record *it = &b->items[i];
        if (it->reject) {
            json_array_append_new(
                rows->rejected,
                json_pack("{s:I, s:s}", "seq", (json_int_t)it->seq, "reason", it->reject));
            continue;
        }
        if (!(rows->text[rows->n] = json_dumps(it->materials, JSON_COMPACT)))
            return false;
        r->row[rows->n] = (pc_recv_desk_row){.desk_id = desk_id,
                                             .desk_seq = it->seq,
                                             .receipt_id = it->receipt_id,
                                             .kiosk_id = it->kiosk_id,
                                             .action = it->action,
                                             .clerk_id = it->clerk_id,
                                             .at = it->at,
                                             .materials = rows->text[rows->n],
                                             .reason = it->reason,
                                             .receipt_created_at = it->receipt_created_at};
        rows->n++;
        json_array_append_new(rows->acked, json_integer(it->seq));
    }
    return true;
}

static void recs_free(recs *r)
{
    free(r->row);
    pc_recv_batch_rows_free(&r->rows);
}

bool pc_recv_store_desk_each(pc_recv_store *s, int64_t after, pc_recv_desk_fn fn, void *ctx)
{
    return s->ops->desk_each(s, after, fn, ctx);
}

/* ------------------------------------------------------------------ the intake */

void pc_recv_desk_submit(pc_recv_pool *pool, FILE *log, int lease_s, const pc_recv_post *post,
                         pc_recv_reply *out)
{
    memset(out, 0, sizeof *out);
    char scope[PC_KIOSK_ID_MAX + 8];
    pc_recv_desk_scope(post->kiosk, scope, sizeof scope);
    pc_recv_key k = {.kiosk_id = scope, .key = post->idem, .body_hash = post->hash};
    int status = 0;
    char *stored = NULL;
    pc_recv_store *s = pc_recv_pool_take(pool);
    pc_recv_claim c = pc_recv_store_claim(s, &k, (int64_t)time(NULL), lease_s, &status, &stored);
    if (c == PC_RECV_CLAIM_ERROR)
        pc_recv_log(log, "database error: %s", pc_recv_store_errmsg(s));
    pc_recv_pool_give(pool, s);
    if (c == PC_RECV_CLAIMED)
        store_claimed(pool, log, post, &k, out);
    else
        answer_claim(log, post, c, status, stored, out);
}

static void answer_claim(FILE *log, const pc_recv_post *p, pc_recv_claim c, int status,
                         char *stored, pc_recv_reply *out)
{
    if (c == PC_RECV_REPLAY) {
        pc_recv_log(log, "replaying the stored answer for desk %s %s", p->kiosk, p->idem);
        *out = (pc_recv_reply){.status = (unsigned)status, .body = stored};
    } else if (c == PC_RECV_REUSED) {
        pc_recv_reply_error(out, 422, "idempotency_key_reused",
                            "this Idempotency-Key was used with a different body");
    } else if (c == PC_RECV_BUSY) {
        pc_recv_reply_error(out, 409, "in_flight",
                            "a request with this Idempotency-Key is in progress");
    } else {
        pc_recv_reply_error(out, 503, "database", "database error; retry later");
    }
}

static void store_claimed(pc_recv_pool *pool, FILE *log, const pc_recv_post *p,
                          const pc_recv_key *k, pc_recv_reply *out)
{
    pc_proto_desk_batch batch;
    char err[256];
    if (!pc_proto_desk_parse(p->body, p->len, p->kiosk, PC_PROTO_DESK_MAX_RECORDS, &batch, err,
                             sizeof err)) {
        pc_recv_reply_error(out, 400, "bad_request", err);
        release(pool, log, k);
        return;
    }
    size_t n_new = 0, n = batch.n;
    pc_recv_store *s = pc_recv_pool_take(pool);
    char *text = pc_recv_store_desk_batch(s, k, p->kiosk, &batch, &n_new);
    if (!text)
        pc_recv_log(log, "database error: %s", pc_recv_store_errmsg(s));
    pc_recv_pool_give(pool, s);
    pc_proto_desk_batch_free(&batch);
    if (!text) {
        pc_recv_reply_error(out, 503, "database", "database error; retry later");
        release(pool, log, k);
        return;
    }
    pc_recv_log(log, "stored from desk %s: %zu records, %zu new", p->kiosk, n, n_new);
    *out = (pc_recv_reply){.status = 200, .body = text};
}

static void release(pc_recv_pool *pool, FILE *log, const pc_recv_key *k)
{
    pc_recv_store *s = pc_recv_pool_take(pool);
    if (!pc_recv_store_release(s, k))
        pc_recv_log(log, "database error: %s (the claim will lapse)", pc_recv_store_errmsg(s));
    pc_recv_pool_give(pool, s);
}

/* ------------------------------------------------------------------ export */

bool pc_recv_store_desk_export(pc_recv_store *s, int64_t after, FILE *out)
{
    return pc_recv_store_desk_each(s, after, export_row, out) && !ferror(out);
}

static bool export_row(void *ctx, const pc_recv_desk_row *row)
{
    json_t *m = json_loads(row->materials, 0, NULL);
    pc_proto_desk_record r = {.seq = row->desk_seq,
                              .receipt_id = row->receipt_id,
                              .kiosk_id = row->kiosk_id,
                              .action = row->action,
                              .clerk_id = row->clerk_id,
                              .at = row->at,
                              .materials = m,
                              .reason = row->reason,
                              .receipt_created_at = row->receipt_created_at};
    json_t *line =
        json_pack("{s:I, s:I, s:o, s:s}", "seq", (json_int_t)row->seq, "received_at",
                  (json_int_t)row->received_at, "record",
                  pc_proto_desk_record_json(row->desk_id, &r), "policy_id", row->policy_id);
    json_decref(m);
    char *text = line ? json_dumps(line, JSON_COMPACT) : NULL;
    json_decref(line);
    bool ok = text && fprintf(ctx, "%s\n", text) > 0;
    free(text);
    return ok;
}

/* ------------------------------------------------------------------ the console */

typedef struct scan {
    const pc_recv_filter *f;
    bool weekly;
    json_t *acc;  /* {"policy\ngroup\nperiod": {"kiosk\nreceipt": true}} */
    json_t *lost; /* {"kiosk\nreceipt": true}: not at the department */
    int64_t lo, hi;
} scan;

json_t *pc_recv_report_desk(pc_recv_store *s, const pc_pack_set *packs, const pc_recv_filter *f,
                            bool weekly, char *err, size_t errsize)
{
    scan sc = {f, weekly, json_object(), json_object(), INT64_MAX, INT64_MIN};
    json_t *out = NULL;
    if (sc.acc && sc.lost && !pc_recv_store_desk_each(s, 0, report_row, &sc))
        snprintf(err, errsize, "%s", pc_recv_store_errmsg(s));
    else if (sc.acc && sc.lost &&
             !(out =
                   report_build(sc.acc, packs, f, weekly, sc.lo, sc.hi, json_object_size(sc.lost))))
        snprintf(err, errsize, "out of memory");
    else if (!sc.acc || !sc.lost)
        snprintf(err, errsize, "out of memory");
    json_decref(sc.acc);
    json_decref(sc.lost);
    return out;
}

static const char *group_of(const char *action)
{
    return strcmp(action, "receive") == 0  ? "receive"
           : strcmp(action, "accept") == 0 ? "accept"
                                           : "returned";
}

static bool report_row(void *ctx, const pc_recv_desk_row *row)
{
    scan *sc = ctx;
    const char *kiosk = row->precheck_kiosk[0] ? row->precheck_kiosk : row->kiosk_id;
    char hall[PC_RECV_HALL_MAX], key[PC_KIOSK_ID_MAX * 2 + 64];
    pc_recv_hall_of(kiosk[0] ? kiosk : row->desk_id, hall);
    int64_t day = pc_recv_cst_day(row->at);
    const pc_recv_filter *f = sc->f;
    if ((f->hall[0] && strcmp(hall, f->hall) != 0) ||
        (f->kiosk[0] && strcmp(kiosk, f->kiosk) != 0) || (f->has_from && day < f->from_day) ||
        (f->to_day && day > f->to_day))
        return true;
    snprintf(key, sizeof key, "%s\n%s", kiosk, row->receipt_id);
    if (!row->policy_id[0])
        return json_object_set_new(sc->lost, key, json_true()) == 0;
    int64_t p = sc->weekly ? day - ((day % 7 + 7 + 3) % 7) : day;
    char cell[PC_POLICY_ID_MAX + 64];
    snprintf(cell, sizeof cell, "%.*s\n%s\n%" PRId64, PC_POLICY_ID_MAX, row->policy_id,
             group_of(row->action), p);
    json_t *set = json_object_get(sc->acc, cell);
    if (!set)
        json_object_set_new(sc->acc, cell, set = json_object());
    json_object_set_new(set, key, json_true());
    sc->lo = p < sc->lo ? p : sc->lo;
    sc->hi = p > sc->hi ? p : sc->hi;
    return true;
}

/* Periods as the outcome charts have them: the filter's dates, else those seen. */
static json_t *report_build(json_t *acc, const pc_pack_set *packs, const pc_recv_filter *f,
                            bool weekly, int64_t lo, int64_t hi, size_t not_received)
{
    int64_t step = weekly ? 7 : 1;
    lo = f->has_from ? f->from_day - (weekly ? (f->from_day % 7 + 7 + 3) % 7 : 0) : lo;
    hi = f->to_day ? f->to_day : hi;
    if (json_object_size(acc) == 0 && (!f->has_from || !f->to_day))
        lo = 1, hi = 0;
    if (hi >= lo && (hi - lo) / step >= MAX_PERIODS)
        lo = hi - (MAX_PERIODS - 1) * step;
    json_t *periods = json_array(), *actions = json_array(), *by_policy = json_object();
    json_t *totals = json_object();
    for (int64_t p = lo; p <= hi; p += step) {
        char d[11];
        day_text(p, d);
        json_array_append_new(periods, json_string(d));
    }
    for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
        json_array_append_new(
            actions, json_pack("{s:s, s:s}", "code", groups[g].code, "label", groups[g].label));
        json_object_set_new(totals, groups[g].code, json_integer(0));
    }
    const char *cell;
    json_t *set;
    json_object_foreach(acc, cell, set)
    {
        char policy[PC_POLICY_ID_MAX + 1], group[16];
        int64_t p = 0;
        const char *nl = strchr(cell, '\n');
        if (!nl || sscanf(nl + 1, "%15[^\n]\n%" SCNd64, group, &p) != 2 || p < lo || p > hi)
            continue;
        snprintf(policy, sizeof policy, "%.*s", (int)(nl - cell), cell);
        json_t *pol = json_object_get(by_policy, policy);
        if (!pol) {
            json_t *counts = json_object(), *ptot = json_object();
            for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
                json_t *zeros = json_array();
                for (int64_t q = lo; q <= hi; q += step)
                    json_array_append_new(zeros, json_integer(0));
                json_object_set_new(counts, groups[g].code, zeros);
                json_object_set_new(ptot, groups[g].code, json_integer(0));
            }
            const pc_pack *pk = packs ? pc_pack_set_find(packs, policy) : NULL;
            pol = json_pack("{s:s, s:s, s:o, s:o}", "id", policy, "title",
                            pk && pk->title ? pk->title : "", "counts", counts, "totals", ptot);
            json_object_set_new(by_policy, policy, pol);
        }
        json_int_t n = (json_int_t)json_object_size(set);
        json_t *arr = json_object_get(json_object_get(pol, "counts"), group);
        json_t *ptot = json_object_get(pol, "totals");
        size_t i = (size_t)((p - lo) / step);
        json_array_set_new(arr, i, json_integer(json_integer_value(json_array_get(arr, i)) + n));
        json_object_set_new(ptot, group,
                            json_integer(json_integer_value(json_object_get(ptot, group)) + n));
        json_object_set_new(totals, group,
                            json_integer(json_integer_value(json_object_get(totals, group)) + n));
    }
    json_t *policies = json_array();
    const char *id;
    json_t *pol;
    json_object_foreach(by_policy, id, pol) json_array_append(policies, pol);
    json_decref(by_policy);
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:I}", "by", weekly ? "week" : "day", "periods",
                     periods, "actions", actions, "policies", policies, "totals", totals,
                     "not_received", (json_int_t)not_received);
}

static void day_text(int64_t day, char out[11])
{
    time_t t = (time_t)(day * 86400);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}
