/* recv_store.c — the receiver's storage flow over either backend: choosing the
 * backend, the in-flight claim, a batch and its answer in one transaction, list and
 * export, the sweep (see recv_store.h). */
#include "recv_store.h"

#include "recv_report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

/* The acceptable items of a batch as text, and what the answer will say. */
typedef struct docs {
    pc_recv_batch_rows rows; /* their texts, and the answer's lists */
    pc_recv_doc *doc;
    const char *kiosk_id, *source;
} docs;

static bool docs_make(docs *d, const pc_proto_batch *batch);
static void docs_free(docs *d);
static bool docs_insert(pc_recv_store *s, void *ctx, int64_t now);
static bool print_row(void *ctx, const pc_recv_row *row);

bool pc_recv_store_is_pg(const char *where)
{
    return strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0;
}

bool pc_recv_store_open(const char *where, int flags, pc_recv_store **out, char *err,
                        size_t errsize)
{
    *out = NULL;
    const pc_recv_store_ops *ops =
        pc_recv_store_is_pg(where) ? pc_recv_store_pg_ops() : pc_recv_store_sqlite_ops();
    return ops->open(where, flags, out, err, errsize);
}

void pc_recv_store_close(pc_recv_store *s)
{
    if (s)
        s->ops->close(s);
}

const char *pc_recv_store_errmsg(const pc_recv_store *s)
{
    return s->errmsg;
}

void pc_recv_store_share_write_lock(pc_recv_store *s, pthread_mutex_t *lock)
{
    if (s->ops->share_write_lock)
        s->ops->share_write_lock(s, lock);
}

#ifndef PC_RECV_HAVE_PQ
static bool pg_missing(const char *where, int flags, pc_recv_store **out, char *err, size_t errsize)
{
    (void)where, (void)flags, (void)out;
    snprintf(err, errsize, "this receiver was built without PostgreSQL support (libpq-dev)");
    return false;
}

const pc_recv_store_ops *pc_recv_store_pg_ops(void)
{
    static const pc_recv_store_ops ops = {.name = "postgresql", .open = pg_missing};
    return &ops;
}
#endif

/* ------------------------------------------------------------------ the claim */

pc_recv_claim pc_recv_store_claim(pc_recv_store *s, pc_recv_key *k, int64_t now, int lease_s,
                                  int *status, char **answer)
{
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(k->token, sizeof k->token, raw, sizeof raw);
    *answer = NULL;
    bool claimed = false, found = false;
    int64_t until = now + (lease_s > 0 ? lease_s : PC_RECV_LEASE_DEFAULT);
    if (!s->ops->claim(s, k, now, until, &claimed))
        return PC_RECV_CLAIM_ERROR;
    if (claimed)
        return PC_RECV_CLAIMED;
    char hash[PC_PROTO_HASH_HEX] = "";
    int st = 0;
    char *text = NULL;
    if (!s->ops->lookup(s, k, &found, hash, &st, &text))
        return PC_RECV_CLAIM_ERROR;
    if (!found) /* released meanwhile: the kiosk's retry will claim it */
        return PC_RECV_BUSY;
    if (strcmp(hash, k->body_hash) != 0 || st == 0) {
        free(text);
        return strcmp(hash, k->body_hash) != 0 ? PC_RECV_REUSED : PC_RECV_BUSY;
    }
    if (!text)
        return PC_RECV_CLAIM_ERROR;
    *status = st;
    *answer = text;
    return PC_RECV_REPLAY;
}

bool pc_recv_store_release(pc_recv_store *s, const pc_recv_key *k)
{
    return s->ops->release(s, k);
}

/* ------------------------------------------------------------------ batches */

char *pc_recv_store_batch(pc_recv_store *s, const pc_recv_key *k, const char *kiosk_id,
                          const pc_proto_batch *batch, const char *source, size_t *n_new)
{
    docs d;
    bool made = docs_make(&d, batch);
    d.kiosk_id = kiosk_id;
    d.source = source;
    char *answer = pc_recv_store_answered(s, k, made ? &d.rows : NULL, n_new);
    docs_free(&d);
    return answer;
}

char *pc_recv_store_answered(pc_recv_store *s, const pc_recv_key *k, const pc_recv_batch_rows *b,
                             size_t *n_new)
{
    int64_t now = (int64_t)time(NULL);
    bool kept = true;
    if (n_new)
        *n_new = 0;
    if (!b)
        snprintf(s->errmsg, sizeof s->errmsg, "out of memory");
    if (!b || !s->ops->begin(s))
        return NULL;
    bool ok = b->insert(s, b->ctx, now);
    size_t fresh = 0;
    for (size_t i = 0; ok && i < b->n; i++)
        fresh += b->fresh[i];
    char *answer =
        ok ? pc_proto_answer_encode(k ? k->key : NULL, b->acked, b->rejected, fresh) : NULL;
    ok = answer && (!k || (s->ops->finish(s, k, 200, answer, now, &kept) && kept)) &&
         s->ops->commit(s);
    if (!ok) {
        if (!kept)
            snprintf(s->errmsg, sizeof s->errmsg, "the claim on this key was taken over");
        s->ops->rollback(s);
        free(answer);
        return NULL;
    }
    if (n_new)
        *n_new = fresh;
    return answer;
}

bool pc_recv_batch_rows_init(pc_recv_batch_rows *b, size_t cap)
{
    memset(b, 0, sizeof *b);
    b->fresh = calloc(cap, sizeof *b->fresh);
    b->text = calloc(cap, sizeof *b->text);
    b->acked = json_array();
    b->rejected = json_array();
    return b->fresh && b->text && b->acked && b->rejected;
}

void pc_recv_batch_rows_free(pc_recv_batch_rows *b)
{
    for (size_t i = 0; b->text && i < b->n; i++)
        free(b->text[i]);
    free(b->text);
    free(b->fresh);
    json_decref(b->acked);
    json_decref(b->rejected);
}

/* Stores d's submissions in pc_recv_store_answered's transaction. */
static bool docs_insert(pc_recv_store *s, void *ctx, int64_t now)
{
    docs *d = ctx;
    return s->ops->insert(s, d->kiosk_id, d->source, now, d->doc, d->rows.n, d->rows.fresh);
}

/* The acceptable items as rows (their text sorted, as stored), the others refused. */
static bool docs_make(docs *d, const pc_proto_batch *batch)
{
    memset(d, 0, sizeof *d);
    pc_recv_batch_rows *r = &d->rows;
    d->doc = calloc(batch->n + 1, sizeof *d->doc);
    if (!pc_recv_batch_rows_init(r, batch->n + 1) || !d->doc)
        return false;
    r->insert = docs_insert;
    r->ctx = d;
    for (size_t i = 0; i < batch->n; i++) {
        const pc_proto_item *it = &batch->items[i];
        if (it->reject) {
            json_array_append_new(r->rejected, json_pack("{s:s?, s:s}", "receipt_id",
                                                         it->receipt_id, "reason", it->reject));
            continue;
        }
        if (!(r->text[r->n] = json_dumps(it->doc, JSON_COMPACT | JSON_SORT_KEYS)))
            return false;
        json_t *created = json_object_get(it->doc, "created_at_unix");
        d->doc[r->n] = (pc_recv_doc){it->receipt_id, r->text[r->n],
                                     json_is_integer(created) ? json_integer_value(created) : 0};
        r->n++;
        json_array_append_new(r->acked, json_string(it->receipt_id));
    }
    return true;
}

static void docs_free(docs *d)
{
    free(d->doc);
    pc_recv_batch_rows_free(&d->rows);
}

/* ------------------------------------------------------------------ the rest */

bool pc_recv_store_count(pc_recv_store *s, size_t *n)
{
    return s->ops->count(s, n);
}

bool pc_recv_store_has(pc_recv_store *s, const char *kiosk_id, const char *receipt_id)
{
    bool found = false;
    return s->ops->has(s, kiosk_id, receipt_id, &found) && found;
}

bool pc_recv_store_list(pc_recv_store *s, int64_t after, FILE *out)
{
    return s->ops->each(s, after, print_row, out);
}

bool pc_recv_store_export(pc_recv_store *s, int64_t after, FILE *out)
{
    return pc_recv_export_json(s, after, out);
}

bool pc_recv_store_each(pc_recv_store *s, int64_t after, pc_recv_row_fn fn, void *ctx)
{
    return s->ops->each(s, after, fn, ctx);
}

bool pc_recv_store_status_put(pc_recv_store *s, const pc_recv_status_row *row)
{
    return s->ops->status_put(s, row);
}

bool pc_recv_store_status_each(pc_recv_store *s, pc_recv_status_fn fn, void *ctx)
{
    return s->ops->status_each(s, fn, ctx);
}

bool pc_recv_store_operator_put(pc_recv_store *s, const char *name, const char *pwhash, int64_t now)
{
    return s->ops->operator_put(s, name, pwhash, now);
}

bool pc_recv_store_operator_get(pc_recv_store *s, const char *name, char *pwhash, bool *found)
{
    *found = false;
    return s->ops->operator_get(s, name, pwhash, found);
}

bool pc_recv_store_sweep(pc_recv_store *s, int64_t now, int keep_days, size_t *n)
{
    int64_t days = keep_days > 0 ? keep_days : PC_RECV_KEEP_DAYS_DEFAULT;
    return s->ops->sweep(s, now - days * 86400, n);
}

static bool print_row(void *ctx, const pc_recv_row *row)
{
    return fprintf(ctx, "%lld %s %s %lld %s\n", (long long)row->seq, row->receipt_id, row->kiosk_id,
                   (long long)row->received_at, row->source) > 0;
}
