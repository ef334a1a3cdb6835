/* sync_seed.c — test helper for sync_cli.sh: puts N pending submissions (made-up
 * answers, fresh receipt ids) into a kiosk store, as the kiosk would after N
 * applicants. Usage: sync_seed DB KIOSK_ID N */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "receipt.h"
#include "store.h"

int main(int argc, char **argv)
{
    if (argc != 4 || sodium_init() < 0) {
        fprintf(stderr, "usage: sync_seed DB KIOSK_ID N\n");
        return 2;
    }
    char err[256];
    pc_store *store = NULL;
    if (pc_store_open(argv[1], &store, err, sizeof err) != PC_STORE_OK) {
        fprintf(stderr, "sync_seed: %s\n", err);
        return 1;
    }
    long n = atol(argv[3]);
    for (long i = 0; i < n; i++) {
        pc_submission s = {.created_at = (int64_t)time(NULL)};
        pc_receipt_id_new(s.receipt_id);
        snprintf(s.kiosk_id, sizeof s.kiosk_id, "%s", argv[2]);
        snprintf(s.policy_id, sizeof s.policy_id, "yunnan-sti");
        snprintf(s.pack_version, sizeof s.pack_version, "2026.11.1");
        snprintf(s.outcome, sizeof s.outcome, i % 2 ? "exempt" : "refer");
        s.answers_json = "{\"q1\":\"yes\"}";
        s.basis_json = "[\"4.1\"]";
        pc_store_status st = pc_store_insert(store, &s);
        if (st != PC_STORE_OK && st != PC_STORE_DUPLICATE) {
            fprintf(stderr, "sync_seed: %s\n", pc_store_errmsg(store));
            pc_store_close(store);
            return 1;
        }
        i -= st == PC_STORE_DUPLICATE;
    }
    pc_store_close(store);
    return 0;
}
