/* fuzz_facts.c — the facts JSON reader (outside input of `precheck eval`) on arbitrary
 * bytes, against a real pack with group citations; accepted facts are evaluated. */
#include <stdint.h>
#include <stdlib.h>

#include "eval.h"
#include "facts_json.h"

static pc_pack *fuzz_pack;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char err[300];
    /* the synthetic pack uses every schema-2 feature: numbers, dates, answers of each kind */
    fuzz_pack = pc_pack_load(PC_SOURCE_DIR "/tests/packs/synthetic-demo.yaml", err, sizeof err);
    if (!fuzz_pack)
        fuzz_pack = pc_pack_load(PC_SOURCE_DIR "/rules/sichuan-ftz.yaml", err, sizeof err);
    if (!fuzz_pack)
        fuzz_pack = pc_pack_load(PC_SOURCE_DIR "/rules/guangxi-sti.yaml", err, sizeof err);
    if (!fuzz_pack)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_facts facts;
    pc_result result;
    char err[300];
    if (pc_facts_read_json(fuzz_pack, (const char *)data, size, &facts, err, sizeof err))
        pc_evaluate(fuzz_pack, NULL, &facts, pc_day_from_ymd(2026, 11, 22), &result);
    return 0;
}
