/* fuzz_pack.c — the pack loader on arbitrary bytes: it must refuse or load, never crash,
 * leak or read out of bounds; a loaded pack is then evaluated and its questions walked. */
#include <stdint.h>
#include <stdlib.h>

#include "eval.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[300];
    pc_pack *pack = pc_pack_load_text("fuzz.yaml", (const char *)data, size, err, sizeof err);
    if (!pack)
        return 0;
    pc_facts facts;
    pc_result result;
    pc_answers answers;
    pc_facts_init(&facts);
    pc_answers_init(&answers);
    pc_evaluate(pack, NULL, &facts, pc_day_from_ymd(2026, 11, 22), &result);
    pc_next_question(pack, &answers, 0);
    free(pc_result_to_json(pack, &result, 0));
    pc_pack_free(pack);
    return 0;
}
