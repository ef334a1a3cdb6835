/* fuzz_sync_desk.c — the receiver's parser of desk records (pc_proto_desk_parse) and
 * the desk's parser of its answer: any body must be refused or parsed without a crash,
 * a leak or undefined behaviour, and every record accepted must encode again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto_desk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_proto_desk_batch b;
    pc_proto_desk_answer a;
    char err[256];
    if (pc_proto_desk_parse((const char *)data, size, "hall1-desk1", PC_PROTO_DESK_MAX_RECORDS, &b,
                            err, sizeof err)) {
        for (size_t i = 0; i < b.n; i++)
            if (!b.items[i].reject)
                json_decref(pc_proto_desk_record_json("hall1-desk1", &b.items[i]));
        pc_proto_desk_batch_free(&b);
    }
    if (pc_proto_desk_answer_parse((const char *)data, size, &a, err, sizeof err))
        pc_proto_desk_answer_free(&a);
    return 0;
}
