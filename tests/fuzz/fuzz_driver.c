/* fuzz_driver.c — runs a libFuzzer target without libFuzzer (gcc builds): first every
 * file named on the command line (the seed corpus), then N deterministic pseudo-random
 * inputs, each a mutation of a seed (byte flips, cuts, splices) or plain noise. The
 * sanitizer build catches what the inputs break; clang builds use real libFuzzer. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

typedef struct seed {
    uint8_t *data;
    size_t size;
} seed;

static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

static size_t load_dir(const char *dir, seed *seeds, size_t max)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && n < max && (e = readdir(d)) != NULL) {
        char path[4096];
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        seeds[n].data = malloc(1 << 20);
        seeds[n].size = fread(seeds[n].data, 1, 1 << 20, f);
        fclose(f);
        n++;
    }
    if (d)
        closedir(d);
    return n;
}

static size_t mutate(const seed *s, uint8_t *out, size_t cap, uint64_t *rng)
{
    size_t n = s->size < cap ? s->size : cap;
    memcpy(out, s->data, n);
    int edits = 1 + (int)(next_random(rng) % 8);
    for (int i = 0; i < edits && n > 0; i++) {
        size_t at = next_random(rng) % n;
        switch (next_random(rng) % 4) {
        case 0: out[at] ^= (uint8_t)(1u << (next_random(rng) % 8)); break;
        case 1: out[at] = (uint8_t)next_random(rng); break;
        case 2: n = at; break;                                   /* truncate */
        default: memmove(out + at, out + at + 1, n - at - 1); n--; break;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    long runs = argc > 1 ? atol(argv[1]) : 10000;
    static seed seeds[256];
    size_t n_seeds = argc > 2 ? load_dir(argv[2], seeds, 256) : 0;
    uint64_t rng = 0x9E3779B97F4A7C15ull;
    uint8_t *buf = malloc(1 << 20);
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (size_t i = 0; i < n_seeds; i++)
        LLVMFuzzerTestOneInput(seeds[i].data, seeds[i].size);
    for (long r = 0; r < runs; r++) {
        size_t size;
        if (n_seeds && r % 4 != 0) {
            size = mutate(&seeds[next_random(&rng) % n_seeds], buf, 1 << 20, &rng);
        } else {
            size = next_random(&rng) % 512;
            for (size_t i = 0; i < size; i++)
                buf[i] = (uint8_t)next_random(&rng);
        }
        LLVMFuzzerTestOneInput(buf, size);
    }
    printf("fuzz driver: %zu seeds, %ld generated inputs, no crash\n", n_seeds, runs);
    for (size_t i = 0; i < n_seeds; i++)
        free(seeds[i].data);
    free(buf);
    return 0;
}
