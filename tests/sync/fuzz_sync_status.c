/* fuzz_sync_status.c — the receiver's status parser (pc_proto_status_parse) and the
 * kiosk's parser of its answer: any body must be refused or parsed without a crash, a
 * leak or undefined behaviour, and what is accepted must encode again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto_status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *doc = NULL;
    char err[256];
    int64_t at = 0;
    if (pc_proto_status_parse((const char *)data, size, "hall1-k01", &doc, err, sizeof err)) {
        char *text = json_dumps(doc, JSON_COMPACT);
        free(text);
        json_decref(doc);
    }
    pc_proto_status_answer_parse((const char *)data, size, &at, err, sizeof err);
    return 0;
}
