/* fuzz_sync_bundle.c — the envelope reader behind bundle and acknowledgement imports
 * (pc_proto_envelope_open): a file found on a USB stick must be refused or read
 * without a crash, a leak or undefined behaviour. The keyring holds one fixed key. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto_envelope.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static pc_keyring_entry entry = {.kiosk_id = "hall1-k01"};
    pc_keyring ring = {&entry, 1};
    char signer[PC_KIOSK_ID_MAX + 1], err[256];
    json_t *p = pc_proto_envelope_open((const char *)data, size, PC_PROTO_FORMAT_BUNDLE, &ring,
                                       signer, err, sizeof err);
    json_decref(p);
    return 0;
}
