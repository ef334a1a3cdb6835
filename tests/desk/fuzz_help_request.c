/* fuzz_help_request.c — the desk's check of a kiosk's help request (outside input from
 * the hall's network: app/core/help_call.h) on arbitrary bytes: the signature header up to
 * the first newline, the body after it, against a keyring of one kiosk. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "help_call.h"

static pc_keyring fuzz_ring;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    pc_kiosk_key key;
    char err[200];
    fuzz_ring.entries = calloc(1, sizeof *fuzz_ring.entries);
    if (!fuzz_ring.entries || !pc_kiosk_key_generate(&key, "hall-1-k1", err, sizeof err))
        abort();
    fuzz_ring.n = 1;
    memcpy(fuzz_ring.entries[0].kiosk_id, "hall-1-k1", 10);
    memcpy(fuzz_ring.entries[0].pk, key.pk, sizeof key.pk);
    pc_kiosk_key_wipe(&key);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *nl = memchr(text, '\n', size);
    const char *sig = nl ? text : NULL, *body = nl ? nl + 1 : text;
    if (nl)
        *nl = '\0';
    pc_help_request r;
    pc_help_check(&fuzz_ring, body, size - (size_t)(body - text), sig, 1000000, &r);
    free(text);
    return 0;
}
