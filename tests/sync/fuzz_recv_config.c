/* fuzz_recv_config.c — the receiver's configuration reader (sync/receiver/recv_config.h,
 * a file a technician writes) on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "recv_config.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_recv_config c;
    char err[PC_RECV_CONFIG_TEXT_MAX + 400];
    pc_recv_config_init(&c);
    pc_recv_config_load_text(&c, "fuzz.yaml", (const char *)data, size, err, sizeof err);
    return 0;
}
