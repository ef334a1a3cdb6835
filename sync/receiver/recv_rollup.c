/* recv_rollup.c — the console's rollups: brought up to date from the watermark, read
 * with the rows after it (see recv_rollup.h). */
#include "recv_rollup.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "recv_report.h"

/* A refresh under way: the sums gathered, keyed "kind\tday\tkiosk\tpolicy\titem". */
typedef struct gather {
    json_t *acc; /* {key: [a, b]} */
    int64_t cutoff, mark;
    size_t added;
    bool stopped, oom;
} gather;

static bool gather_row(void *ctx, const pc_recv_row *row);
static void gather_add(gather *g, char kind, int64_t day, const char *kiosk, const char *policy,
                       const char *item, int64_t a, int64_t b);
static bool gather_put(pc_recv_store *s, gather *g);

/* The rows are read and summed outside any transaction (no lock held while they are
 * parsed); the sums are written in a transaction that holds the watermark's lock, only
 * when the watermark is still where the reading began (else another instance has just
 * added the same rows: nothing is written). */
bool pc_recv_rollup_refresh(pc_recv_store *s, int64_t now, size_t *added, char *err, size_t errsize)
{
    gather g = {.acc = json_object(), .cutoff = now - PC_RECV_ROLL_LAG};
    int64_t from = 0, held = 0;
    bool ok = g.acc && s->ops->roll_mark(s, false, &from);
    g.mark = from;
    if (ok && !pc_recv_store_each(s, from, gather_row, &g) && !g.stopped)
        ok = false;
    ok = ok && !g.oom;
    bool write = ok && g.mark != from;
    if (write) {
        ok = s->ops->begin(s) && s->ops->roll_mark(s, true, &held);
        if (ok && held != from)
            g.added = 0;
        ok = ok && (held != from || gather_put(s, &g)) && s->ops->commit(s);
    }
    if (!ok) {
        snprintf(err, errsize, "rollups: %s", g.oom ? "out of memory" : pc_recv_store_errmsg(s));
        if (write)
            s->ops->rollback(s);
    }
    if (added)
        *added = ok ? g.added : 0;
    json_decref(g.acc);
    return ok;
}

/* In seq order; stops at the first row received after the cutoff. */
static bool gather_row(void *ctx, const pc_recv_row *row)
{
    gather *g = ctx;
    if (row->received_at >= g->cutoff) {
        g->stopped = true;
        return false;
    }
    g->mark = row->seq;
    g->added++;
    gather_add(g, 'k', 0, row->kiosk_id, "", "", 1, row->received_at);
    pc_recv_facts r;
    if (!pc_recv_facts_read(row, &r))
        return !g->oom;
    gather_add(g, 'o', r.day, r.kiosk, r.policy, r.outcome, 1, 0);
    const char *q;
    json_t *a;
    if (json_is_object(r.answers))
        json_object_foreach(r.answers, q, a)
        {
            bool unsure = json_is_string(a) && strcmp(json_string_value(a), "unsure") == 0;
            gather_add(g, 'q', r.day, r.kiosk, r.policy, q, unsure, 1);
        }
    json_decref(r.doc);
    return !g->oom;
}

static void gather_add(gather *g, char kind, int64_t day, const char *kiosk, const char *policy,
                       const char *item, int64_t a, int64_t b)
{
    if (strchr(kiosk, '\t') || strchr(policy, '\t') || strchr(item, '\t'))
        return;      /* never in ids; a key must split back */
    char small[256]; /* ids are short: the heap only for a long one */
    size_t size = strlen(kiosk) + strlen(policy) + strlen(item) + 32;
    char *key = size <= sizeof small ? small : malloc(size);
    if (!key) {
        g->oom = true;
        return;
    }
    snprintf(key, size, "%c\t%" PRId64 "\t%s\t%s\t%s", kind, day, kiosk, policy, item);
    json_t *v = json_object_get(g->acc, key);
    if (!v && json_object_set_new(g->acc, key,
                                  v = json_pack("[I, I]", (json_int_t)0, (json_int_t)0)) != 0) {
        g->oom = true;
        if (key != small)
            free(key);
        return;
    }
    json_int_t old_b = json_integer_value(json_array_get(v, 1));
    json_integer_set(json_array_get(v, 0), json_integer_value(json_array_get(v, 0)) + a);
    json_integer_set(json_array_get(v, 1),
                     kind == 'k' ? (b > old_b ? b : old_b) : old_b + (json_int_t)b);
    if (key != small)
        free(key);
}

/* The gathered sums as rollup rows, and the new watermark. */
static bool gather_put(pc_recv_store *s, gather *g)
{
    size_t n = json_object_size(g->acc), i = 0;
    pc_recv_roll_row *rows = calloc(n ? n : 1, sizeof *rows);
    char **keys = calloc(n ? n : 1, sizeof *keys);
    bool ok = rows && keys;
    const char *key;
    json_t *v;
    json_object_foreach(g->acc, key, v)
    {
        if (!ok || !(keys[i] = strdup(key))) {
            ok = false;
            break;
        }
        char *f[5] = {keys[i]};
        for (int k = 1; k < 5; k++)
            *(f[k] = strchr(f[k - 1], '\t')) = '\0', f[k]++;
        rows[i] = (pc_recv_roll_row){f[0][0],
                                     strtoll(f[1], NULL, 10),
                                     f[2],
                                     f[3],
                                     f[4],
                                     json_integer_value(json_array_get(v, 0)),
                                     json_integer_value(json_array_get(v, 1))};
        i++;
    }
    if (!ok)
        snprintf(s->errmsg, sizeof s->errmsg, "out of memory");
    ok = ok && s->ops->roll_put(s, rows, n, g->mark);
    for (size_t k = 0; keys && k < n; k++)
        free(keys[k]);
    free(keys);
    free(rows);
    return ok;
}

bool pc_recv_rollup_read(pc_recv_store *s, bool recount, char kind, pc_recv_roll_fn roll,
                         pc_recv_row_fn row, void *ctx)
{
    if (recount)
        return pc_recv_store_each(s, 0, row, ctx);
    int64_t mark = 0;
    bool ok = s->ops->read_begin(s) && s->ops->roll_mark(s, false, &mark) &&
              s->ops->roll_each(s, kind, roll, ctx) && pc_recv_store_each(s, mark, row, ctx);
    if (ok)
        ok = s->ops->commit(s);
    else
        s->ops->rollback(s);
    return ok;
}
