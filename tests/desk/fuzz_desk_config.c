/* fuzz_desk_config.c — the staff desk's configuration reader (app/desk/desk_config.h, a
 * file an administrator writes) on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "desk_config.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    desk_config c;
    char err[600];
    desk_config_defaults(&c);
    desk_config_load_text(&c, "fuzz.yaml", (const char *)data, size, err, sizeof err);
    desk_config_free(&c);
    return 0;
}
