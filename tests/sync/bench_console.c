/* bench_console.c — the operator console's overview with many stored pre-checks
 * (issue 11's figure: 1,000,000): the store is filled in bulk in one transaction (not
 * through HTTP: the figure is the console's, not the intake's) and the console's
 * rollups are made from nothing (timed: what the first console request after an
 * upgrade does once; the filler is console_fill.c, shared with console_bulk.c for
 * the same figure in chromium). Then a day's pre-checks arrive (N/100 received an hour
 * ago, N/1000 just now, within the rollups' lag), an operator signs in and the JSON
 * calls the page makes on load (me, counts, fleet, unsure, desk) are timed through the
 * console's handler: the first load (it rolls the day up) and a second one. Prints one
 * line a figure; asserts only that the counts add up to the rows stored, never a time.
 * Usage: bench_console [N] (default 1000000) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "console_fill.h"
#include "recv_console.h"
#include "recv_rollup.h"
#include "sync_test_util.h"

static double clock_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Rows first..first+n-1, received at `received` (console_fill.h). */
static void fill(fixture *f, const pc_pack_set *packs, size_t first, size_t n, int64_t now,
                 int64_t received)
{
    pc_recv_store *s = fixture_store(f);
    console_fill(s, packs, first, n, now, received);
    pc_recv_store_close(s);
}

static bool no_kiosks(void *ctx, pc_keyring *ring)
{
    (void)ctx;
    *ring = (pc_keyring){0};
    return true;
}

static pc_recv_console_reply call(pc_recv_console *c, const char *path, const char *cookie,
                                  const char *body, int64_t now)
{
    pc_recv_console_req rq = {.method = body ? "POST" : "GET",
                              .path = path,
                              .cookie = cookie,
                              .host = "127.0.0.1:1",
                              .content_type = "application/json",
                              .body = body,
                              .len = body ? strlen(body) : 0};
    pc_recv_console_reply rep;
    pc_recv_console_handle(c, &rq, now, &rep);
    return rep;
}

/* The page's calls on load, each timed; the total. */
static double overview(pc_recv_console *c, const char *cookie, int64_t now, const char *label,
                       json_int_t *total)
{
    static const char *const calls[] = {"/console/api/me", "/console/api/counts",
                                        "/console/api/fleet", "/console/api/unsure",
                                        "/console/api/desk"};
    double sum = 0;
    for (size_t i = 0; i < sizeof calls / sizeof *calls; i++) {
        double t0 = clock_s();
        pc_recv_console_reply r = call(c, calls[i], cookie, NULL, now);
        double t = clock_s() - t0;
        sum += t;
        CHECK(r.status == 200);
        if (i == 1) {
            json_t *j = json_loads(r.body, 0, NULL);
            *total = json_integer_value(json_object_get(j, "total"));
            json_decref(j);
        }
        printf("console_%s_%s_ms %.0f\n", label, strrchr(calls[i], '/') + 1, t * 1000);
        pc_recv_console_reply_free(&r);
    }
    printf("console_%s_overview_ms %.0f (the five calls one after another)\n", label, sum * 1000);
    return sum;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)atol(argv[1]) : 1000000;
    char err[512];
    pc_pack_set packs;
    if (sodium_init() < 0 || !pc_pack_set_load_dir(&packs, getenv("PC_RULES_DIR"), err, sizeof err))
        return 1;
    fixture f;
    fixture_init(&f);
    int64_t now = (int64_t)time(NULL);
    double t0 = clock_s();
    fill(&f, &packs, 0, n, now, now - 7200);
    printf("console_rows %zu\n", n);
    printf("console_fill_seconds %.1f (one transaction)\n", clock_s() - t0);
    pc_recv_store *db = fixture_store(&f);
    size_t added = 0;
    t0 = clock_s();
    CHECK(pc_recv_rollup_refresh(db, now, &added, err, sizeof err) && added == n);
    printf("console_rollup_from_nothing_ms %.0f (%zu rows, once)\n", (clock_s() - t0) * 1000, n);
    size_t day = n / 100, fresh = n / 1000;
    fill(&f, &packs, n, day, now, now - 3600);
    fill(&f, &packs, n + day, fresh, now, now);
    printf("console_day_rows %zu rolled up at the first load, %zu read one by one\n", day, fresh);

    pc_recv_store_close(db);
    fixture_add_operator(&f, "wang", "correct horse");
    pc_recv_pool *pool = NULL;
    CHECK(pc_recv_pool_open(f.recv_db, 0, 2, &pool, err, sizeof err));
    pc_recv_console_opts o = {
        .pool = pool, .packs = &packs, .static_dir = "/nonexistent", .enrolled = no_kiosks};
    pc_recv_console *c = pc_recv_console_new(&o);
    CHECK(c != NULL);
    pc_recv_console_reply r = call(c, "/console/api/login", NULL,
                                   "{\"name\":\"wang\",\"password\":\"correct horse\"}", now);
    char cookie[256];
    snprintf(cookie, sizeof cookie, "%.*s", (int)strcspn(r.set_cookie + 11, ";"),
             r.set_cookie + 11);
    CHECK(r.status == 200);
    pc_recv_console_reply_free(&r);
    json_int_t first = 0, second = 0;
    overview(c, cookie, now, "first", &first);
    overview(c, cookie, now, "again", &second);
    CHECK(first == (json_int_t)(n + day + fresh) && second == first);
    pc_recv_console_free(c);
    pc_recv_pool_close(pool);
    fixture_done(&f);
    pc_pack_set_free(&packs);
    return CHECK_DONE();
}
