/* fuzz_sync_request.c — the receiver's request parser (pc_proto_batch_parse): any
 * body a kiosk, or anyone who stole a kiosk's key, can send must be refused or parsed
 * without a crash, a leak or undefined behaviour. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_proto_batch b;
    char err[256];
    if (pc_proto_batch_parse((const char *)data, size, "hall1-k01", &b, err, sizeof err)) {
        size_t ok = 0;
        for (size_t i = 0; i < b.n; i++)
            ok += b.items[i].reject == NULL && strlen(b.items[i].receipt_id) == PC_RECEIPT_ID_LEN;
        (void)ok;
        pc_proto_batch_free(&b);
    }
    return 0;
}
