/* fuzz_driver.c — runs fuzz_receipt.c without libFuzzer (gcc builds, PC_FUZZ off):
 * a fixed number of deterministic pseudo-random inputs (argv[1], default 3000) in each
 * of the target's four modes, so ctest exercises the decoder under the sanitizers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

int main(int argc, char **argv)
{
    long runs = argc > 1 ? strtol(argv[1], NULL, 10) : 3000;
    uint64_t rng = 0x243f6a8885a308d3ull;
    uint8_t buf[600];
    for (long i = 0; i < runs; i++) {
        size_t size = 1 + next_random(&rng) % (sizeof buf - 1);
        for (size_t k = 0; k < size; k++)
            buf[k] = (uint8_t)next_random(&rng);
        buf[0] = (uint8_t)(i % 4);
        if (i % 4 == 0)                         /* text mode: mostly Base32-looking */
            for (size_t k = 1; k < size; k++)
                buf[k] = (uint8_t)("RC1ABCDEFGHIJKLMNOPQRSTUVWXYZ234567rs \r\n"[buf[k] % 40]);
        if (i % 4 == 3)                         /* few edits on the genuine receipt */
            size = 1 + next_random(&rng) % 6;
        LLVMFuzzerTestOneInput(buf, size);
    }
    printf("fuzz_receipt: %ld inputs, no crash\n", runs);
    return 0;
}
