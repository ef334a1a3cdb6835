/* console_bulk.c — fills a receiver's SQLite database in bulk for the console's bench
 * in chromium (browser/bench_console.sh): `fill` stores N pre-checks of 50 kiosks
 * over 120 days (console_fill.c, the filler bench_console.c uses) and the latest
 * status of each kiosk (encoded and checked by proto_status.h, as the receiver
 * stores it: printers ok but a few near the end of their paper and one out, one
 * kiosk silent for two days, one a pack behind); `more` adds a day's rows to the
 * same database while the receiver serves it. Prints the seconds taken.
 * Usage: console_bulk fill|more DB RULES_DIR FIRST N AGE_S
 *   (rows FIRST…FIRST+N-1, received AGE_S seconds ago) */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "console_fill.h"
#include "pc_version.h"
#include "proto_status.h"

static double clock_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *printer_of(size_t k)
{
    return k == 7 ? "out" : k % 11 == 3 ? "paper_near_end" : "ok";
}

/* Kiosk k's status: encoded as the kiosk sends it, checked as the receiver does. */
static bool status_put(pc_recv_store *s, const pc_pack_set *packs, size_t k, int64_t now)
{
    pc_proto_pack_version v[PC_PROTO_STATUS_MAX_PACKS];
    size_t n = 0;
    for (; n < packs->n_packs && n < PC_PROTO_STATUS_MAX_PACKS; n++)
        v[n] = (pc_proto_pack_version){packs->packs[n]->id,
                                       k == 12 && n == 0 ? "2026.6.1" : packs->packs[n]->version};
    int64_t seen = k == 23 ? now - 2 * 86400 : now - (int64_t)(k % 40) * 60;
    char id[32];
    snprintf(id, sizeof id, "hall%zu-k%02zu", k / 5, k % 5);
    pc_proto_status st = {.kiosk_id = id,
                          .sent_at = seen,
                          .queue_depth = (int64_t)(k % 4),
                          .synced_total = 20000,
                          .last_sync_at = seen,
                          .printer = printer_of(k),
                          .printer_at = seen,
                          .packs = v,
                          .n_packs = n,
                          .program_version = PC_VERSION,
                          .clock_known = true,
                          .clock_offset_s = (int64_t)(k % 3),
                          .free_disk_bytes = (int64_t)(20 + k) << 30};
    size_t len = 0;
    char *body = pc_proto_status_encode(&st, &len), err[256];
    json_t *doc = NULL;
    bool ok = body && pc_proto_status_parse(body, len, id, &doc, err, sizeof err);
    char *text = ok ? json_dumps(doc, JSON_COMPACT) : NULL;
    pc_recv_status_row row = {id, seen, 0, text};
    ok = ok && text && pc_recv_store_status_put(s, &row);
    if (!ok)
        fprintf(stderr, "console_bulk: status of %s: %s\n", id, body ? err : "no memory");
    free(text);
    json_decref(doc);
    free(body);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc != 7 || (strcmp(argv[1], "fill") && strcmp(argv[1], "more"))) {
        fprintf(stderr, "usage: console_bulk fill|more DB RULES_DIR FIRST N AGE_S\n");
        return 2;
    }
    char err[512];
    pc_pack_set packs;
    pc_recv_store *s = NULL;
    if (!pc_pack_set_load_dir(&packs, argv[3], err, sizeof err)) {
        fprintf(stderr, "console_bulk: %s\n", err);
        return 1;
    }
    if (!pc_recv_store_open(argv[2], 0, &s, err, sizeof err)) {
        fprintf(stderr, "console_bulk: %s\n", err);
        pc_pack_set_free(&packs);
        return 1;
    }
    int64_t now = (int64_t)time(NULL);
    double t0 = clock_s();
    console_fill(s, &packs, (size_t)atol(argv[4]), (size_t)atol(argv[5]), now, now - atol(argv[6]));
    bool ok = true;
    for (size_t k = 0; !strcmp(argv[1], "fill") && ok && k < CONSOLE_FILL_KIOSKS; k++)
        ok = status_put(s, &packs, k, now);
    printf("%.1f\n", clock_s() - t0);
    pc_recv_store_close(s);
    pc_pack_set_free(&packs);
    return ok ? 0 : 1;
}
