/* console_fill.c — pre-checks in bulk for the console's benches (see console_fill.h):
 * one submission's JSON as store.c writes it, and the filling in chunks of one
 * kiosk's rows. */
#include "console_fill.h"

#include <stdio.h>
#include <stdlib.h>

#define CHUNK 1000

/* One submission as a kiosk stores it (store.c's JSON), made at `at`. */
static void doc_make(char *out, size_t size, const pc_pack *p, size_t i, int64_t at)
{
    static const char *const outcomes[] = {"exempt", "mitigate",       "ineligible",
                                           "refer",  "not_applicable", "not_in_force"};
    char answers[1024] = "{";
    size_t len = 1;
    for (size_t q = 0; q < p->n_questions && q < 12 && len < sizeof answers - 80; q++)
        len += (size_t)snprintf(answers + len, sizeof answers - len, "%s\"%s\":\"%s\"",
                                q ? "," : "", p->questions[q].id,
                                (i + q) % 9 == 0 ? "unsure"
                                : (i + q) % 2    ? "yes"
                                                 : "no");
    snprintf(answers + len, sizeof answers - len, "}");
    snprintf(out, size,
             "{\"receipt_id\":\"R%09zu\",\"kiosk_id\":\"hall%zu-k%02zu\",\"created_at\":\"-\","
             "\"created_at_unix\":%lld,\"policy_id\":\"%s\",\"pack_version\":\"%s\","
             "\"answers\":%s,\"result\":{\"outcome\":\"%s\",\"basis\":[\"c1\",\"c2\"],"
             "\"deadline\":null},\"contact\":null,\"receipt\":null}",
             i, i % CONSOLE_FILL_KIOSKS / 5, i % 5, (long long)at, p->id, p->version, answers,
             outcomes[i / CONSOLE_FILL_KIOSKS % 6]);
}

static void fail(pc_recv_store *s, const char *what)
{
    fprintf(stderr, "console_fill: %s: %s\n", what, pc_recv_store_errmsg(s));
    exit(1);
}

/* One chunk of one kiosk's rows from `done`, stored; how many. */
static size_t fill_chunk(pc_recv_store *s, const pc_pack_set *packs, size_t first, size_t n,
                         size_t done, int64_t now, int64_t received, char (*text)[2048])
{
    char ids[CHUNK][32];
    pc_recv_doc docs[CHUNK];
    bool fresh[CHUNK];
    char kiosk[48];
    size_t per_kiosk = n / CONSOLE_FILL_KIOSKS + 1;
    size_t kiosk_no = (done - first) / per_kiosk;
    snprintf(kiosk, sizeof kiosk, "hall%zu-k%02zu", kiosk_no / 5, kiosk_no % 5);
    size_t k = 0;
    for (; k < CHUNK && done + k < first + n && (done + k - first) / per_kiosk == kiosk_no; k++) {
        size_t i = done + k;
        const pc_pack *p = packs->packs[i / 7 % packs->n_packs]; /* every day, every pack */
        int64_t at = now - (int64_t)(i % CONSOLE_FILL_DAYS) * 86400 - (int64_t)(i % 600);
        doc_make(text[k], sizeof text[k], p, i, at);
        snprintf(ids[k], sizeof ids[k], "R%09zu", i);
        docs[k] = (pc_recv_doc){ids[k], text[k], at};
    }
    if (!s->ops->insert(s, kiosk, "bench", received, docs, k, fresh))
        fail(s, "insert");
    return k;
}

void console_fill(pc_recv_store *s, const pc_pack_set *packs, size_t first, size_t n, int64_t now,
                  int64_t received)
{
    char(*text)[2048] = malloc(CHUNK * sizeof *text);
    if (!text) {
        fprintf(stderr, "console_fill: out of memory\n");
        exit(1);
    }
    if (!s->ops->begin(s))
        fail(s, "begin");
    for (size_t done = first; done < first + n;)
        done += fill_chunk(s, packs, first, n, done, now, received, text);
    if (!s->ops->commit(s))
        fail(s, "commit");
    free(text);
}
