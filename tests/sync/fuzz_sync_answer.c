/* fuzz_sync_answer.c — the client's answer parser (pc_proto_answer_parse): whatever
 * comes back over the network, before or after its signature is checked, must be
 * refused or parsed without a crash, a leak or undefined behaviour. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_proto_answer a;
    char err[256];
    if (pc_proto_answer_parse((const char *)data, size, &a, err, sizeof err)) {
        for (size_t i = 0; i < a.n_acked; i++)
            if (strlen(a.acked[i]) != PC_RECEIPT_ID_LEN)
                abort();
        pc_proto_answer_free(&a);
    }
    return 0;
}
