/* test_console_rollup.c — the console's rollups (recv_rollup.h) say what a full
 * recount of the stored rows says: random batches of pre-checks (kiosks in two halls,
 * every outcome, answers with 不确定, some rows without an outcome, received now or
 * long ago), rolled up at random moments, and after each the counts (by day and week,
 * filtered by hall, kiosk and dates), the 不确定 questions and the fleet equal the
 * recount; two stores refreshing in turn never add a row twice; a console that rolls
 * up in the background (`receiver serve`'s) does so with no page asking, and stops at
 * once when freed. On PostgreSQL (pg_cluster.sh) also a row committed after a row with
 * a higher seq: not lost. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "recv_console.h"
#include "recv_report.h"
#include "recv_rollup.h"
#include "sync_test_util.h"

static const char *const kiosks[] = {"hall1-k01", "hall1-k02", "hall2-k01", "hall2-k02"};
static const char *const outcomes[] = {"exempt", "mitigate", "ineligible", "refer",
                                       "not_applicable"};

static void doc_make(char *out, size_t size, const pc_pack_set *packs, int64_t created)
{
    const pc_pack *p = packs->packs[rand() % (int)packs->n_packs];
    char answers[512] = "{";
    size_t len = 1;
    for (size_t q = 0; q < p->n_questions && q < 5; q++)
        len +=
            (size_t)snprintf(answers + len, sizeof answers - len, "%s\"%s\":\"%s\"", q ? "," : "",
                             p->questions[q].id, rand() % 3 == 0 ? "unsure" : "yes");
    snprintf(answers + len, sizeof answers - len, "}");
    if (rand() % 20 == 0) /* no outcome: the figures skip it, the fleet counts it */
        snprintf(out, size, "{\"policy_id\":\"%s\",\"created_at_unix\":%lld}", p->id,
                 (long long)created);
    else
        snprintf(out, size,
                 "{\"policy_id\":\"%s\",\"created_at_unix\":%lld,\"answers\":%s,"
                 "\"result\":{\"outcome\":\"%s\"}}",
                 p->id, (long long)created, answers, outcomes[rand() % 5]);
}

/* n rows of one kiosk in one transaction, received at `received`. */
static void insert(pc_recv_store *s, const pc_pack_set *packs, size_t n, int64_t received,
                   int64_t now, size_t *serial)
{
    char text[64][1024], ids[64][32];
    pc_recv_doc docs[64];
    bool fresh[64];
    CHECK(n <= 64 && s->ops->begin(s));
    for (size_t i = 0; i < n; i++) {
        int64_t at = now - (rand() % 20) * 86400 - rand() % 86400;
        doc_make(text[i], sizeof text[i], packs, at);
        snprintf(ids[i], sizeof ids[i], "R%06zu", (*serial)++);
        docs[i] = (pc_recv_doc){ids[i], text[i], at};
    }
    CHECK(s->ops->insert(s, kiosks[rand() % 4], "http", received, docs, n, fresh));
    CHECK(s->ops->commit(s));
}

static bool no_kiosks(pc_keyring *ring)
{
    *ring = (pc_keyring){0};
    return true;
}

/* The rollups' answer and the recount's, for one filter, equal. */
static void same(pc_recv_store *s, const pc_pack_set *packs, const char *hall, const char *kiosk,
                 const char *from, const char *to, int64_t now)
{
    pc_recv_filter f, g;
    char err[256];
    pc_keyring ring;
    no_kiosks(&ring);
    CHECK(pc_recv_filter_parse(&f, hall, kiosk, from, to, err, sizeof err));
    g = f;
    g.recount = true;
    for (int weekly = 0; weekly < 2; weekly++) {
        json_t *a = pc_recv_report_counts(s, packs, &f, weekly, err, sizeof err);
        json_t *b = pc_recv_report_counts(s, packs, &g, weekly, err, sizeof err);
        CHECK(a && b && json_equal(a, b));
        json_decref(a);
        json_decref(b);
    }
    json_t *a = pc_recv_report_unsure(s, packs, &f, 50, err, sizeof err);
    json_t *b = pc_recv_report_unsure(s, packs, &g, 50, err, sizeof err);
    CHECK(a && b && json_equal(a, b));
    json_decref(a);
    json_decref(b);
    a = pc_recv_report_fleet(s, packs, &ring, &f, now, 36, err, sizeof err);
    b = pc_recv_report_fleet(s, packs, &ring, &g, now, 36, err, sizeof err);
    CHECK(a && b && json_equal(a, b));
    json_decref(a);
    json_decref(b);
}

static void same_all(pc_recv_store *s, const pc_pack_set *packs, int64_t now)
{
    char from[11], to[11];
    time_t t0 = (time_t)(now + 8 * 3600 - 9 * 86400), t1 = (time_t)(now + 8 * 3600 - 3 * 86400);
    strftime(from, sizeof from, "%Y-%m-%d", gmtime(&t0));
    strftime(to, sizeof to, "%Y-%m-%d", gmtime(&t1));
    same(s, packs, NULL, NULL, NULL, NULL, now);
    same(s, packs, "hall1", NULL, NULL, NULL, now);
    same(s, packs, NULL, "hall2-k01", NULL, NULL, now);
    same(s, packs, NULL, NULL, from, to, now);
    same(s, packs, "hall2", NULL, from, NULL, now);
}

static int64_t count_total(pc_recv_store *s, const pc_pack_set *packs)
{
    pc_recv_filter f;
    char err[256];
    CHECK(pc_recv_filter_parse(&f, NULL, NULL, NULL, NULL, err, sizeof err));
    json_t *j = pc_recv_report_counts(s, packs, &f, false, err, sizeof err);
    int64_t n = json_integer_value(json_object_get(j, "total"));
    json_decref(j);
    return n;
}

static void test_random(fixture *f, const pc_pack_set *packs, int64_t now)
{
    pc_recv_store *x = fixture_store(f), *y = fixture_store(f);
    size_t serial = 0, rolled = 0, added = 0;
    char err[256];
    int64_t at = now;
    for (int round = 0; round < 30; round++) {
        size_t batches = 1 + (size_t)(rand() % 4);
        for (size_t b = 0; b < batches; b++) /* received at the moment, or long ago */
            insert(rand() % 2 ? x : y, packs, 1 + (size_t)(rand() % 40),
                   rand() % 3 && round > 0 ? at : at - 3 * PC_RECV_ROLL_LAG, now, &serial);
        at += rand() % (PC_RECV_ROLL_LAG / 2);
        if (round == 0 || rand() % 3) {
            CHECK(pc_recv_rollup_refresh(rand() % 2 ? x : y, at, &added, err, sizeof err));
            rolled += added;
        }
        same_all(rand() % 2 ? x : y, packs, at);
    }
    insert(x, packs, 5, at, now, &serial); /* rows read one by one, beside the rollups */
    same_all(y, packs, at);
    CHECK(rolled > 0 && rolled < serial); /* both paths were taken */
    CHECK(pc_recv_rollup_refresh(x, at + 2 * PC_RECV_ROLL_LAG, &added, err, sizeof err));
    CHECK(rolled + added == serial);
    CHECK(pc_recv_rollup_refresh(y, at + 2 * PC_RECV_ROLL_LAG, &added, err, sizeof err) &&
          added == 0);
    int64_t mark = 0;
    CHECK(x->ops->roll_mark(x, false, &mark) && mark > 0);
    same_all(y, packs, at);
    pc_recv_store_close(x);
    pc_recv_store_close(y);
}

/* PostgreSQL: seq 1 is taken by a transaction still open while seq 2 commits; the
 * refresh in between must not step over seq 1. */
static void test_out_of_order(fixture *f, const pc_pack_set *packs, int64_t now)
{
    pc_recv_store *x = fixture_store(f), *y = fixture_store(f);
    char text[1024], err[256];
    bool fresh;
    size_t serial = 900000, added = 0;
    int64_t before = count_total(x, packs);
    doc_make(text, sizeof text, packs, now);
    while (!strstr(text, "outcome"))
        doc_make(text, sizeof text, packs, now);
    pc_recv_doc late = {"LATE-1", text, now};
    CHECK(y->ops->begin(y) && y->ops->insert(y, "hall1-k01", "http", now, &late, 1, &fresh));
    insert(x, packs, 3, now, now, &serial); /* higher seqs, committed first */
    CHECK(pc_recv_rollup_refresh(x, now + 1, &added, err, sizeof err) && added == 0);
    CHECK(y->ops->commit(y));
    CHECK(pc_recv_rollup_refresh(x, now + PC_RECV_ROLL_LAG + 1, &added, err, sizeof err) &&
          added == 4);
    CHECK(count_total(x, packs) >= before + 2); /* the late row among them */
    same_all(x, packs, now);
    pc_recv_store_close(x);
    pc_recv_store_close(y);
}

/* Rows received long ago wait past the watermark; a console made with roll_seconds
 * rolls them up by itself (polled: up to 30 s), after which a page's refresh finds
 * nothing to add. A console whose next roll-up is an hour away is freed at once (the
 * thread is woken, not waited out: a hang would time the test out). */
static void test_background(fixture *f, const pc_pack_set *packs)
{
    int64_t now = (int64_t)time(NULL), before = 0, mark = 0;
    pc_recv_store *x = fixture_store(f);
    size_t serial = 700000, added = 99;
    char err[512];
    insert(x, packs, 20, now - 2 * PC_RECV_ROLL_LAG, now, &serial);
    CHECK(x->ops->roll_mark(x, false, &before));
    pc_recv_pool *pool = NULL;
    CHECK(pc_recv_pool_open(f->recv_db, 0, 1, &pool, err, sizeof err));
    pc_recv_console_opts o = {.pool = pool,
                              .packs = packs,
                              .static_dir = "/nonexistent",
                              .roll_seconds = 1,
                              .log = stderr};
    pc_recv_console *c = pc_recv_console_new(&o);
    CHECK(c != NULL);
    mark = before;
    for (int i = 0; i < 300 && mark == before; i++) {
        struct timespec tenth = {0, 100000000};
        nanosleep(&tenth, NULL);
        CHECK(x->ops->roll_mark(x, false, &mark));
    }
    CHECK(mark > before);
    CHECK(pc_recv_rollup_refresh(x, now, &added, err, sizeof err) && added == 0);
    pc_recv_console_free(c);
    o.roll_seconds = 3600;
    c = pc_recv_console_new(&o);
    CHECK(c != NULL);
    pc_recv_console_free(c);
    pc_recv_pool_close(pool);
    pc_recv_store_close(x);
}

int main(void)
{
    char err[512];
    pc_pack_set packs;
    CHECK(pc_pack_set_load_dir(&packs, getenv("PC_RULES_DIR"), err, sizeof err));
    unsigned seed =
        getenv("PC_TEST_SEED") ? (unsigned)atol(getenv("PC_TEST_SEED")) : (unsigned)time(NULL);
    printf("seed %u\n", seed);
    srand(seed);
    fixture f;
    fixture_init(&f);
    int64_t now = (int64_t)time(NULL);
    test_random(&f, &packs, now);
    test_background(&f, &packs);
    const char *db = getenv("PCSYNC_DB");
    if (db && pc_recv_store_is_pg(db))
        test_out_of_order(&f, &packs, now + 100 * PC_RECV_ROLL_LAG);
    fixture_done(&f);
    pc_pack_set_free(&packs);
    return CHECK_DONE();
}
