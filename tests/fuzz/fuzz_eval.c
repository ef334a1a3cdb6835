/* fuzz_eval.c — the evaluator and the skip logic on every pack, with answers, dates and
 * today drawn from the input: no answer pattern may crash, and the invariants hold
 * (exempt only with a known applicability; basis within the pack; a question named
 * next is unanswered). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "../answer_pick.h"

static pc_pack_set fuzz_set;
static pc_calendar *fuzz_cal;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char err[300];
    fuzz_cal = calloc(1, sizeof *fuzz_cal);
    if (!pc_pack_set_load_dir(&fuzz_set, PC_SOURCE_DIR "/rules", err, sizeof err) ||
        !pc_calendar_load_dir(fuzz_cal, PC_SOURCE_DIR "/rules/calendar", err, sizeof err))
        abort();
    return 0;
}

static void fill_answers(const pc_pack *pack, const uint8_t *data, size_t size, pc_answers *a)
{
    pc_answers_init(a);
    for (size_t q = 0; q < pack->n_questions && q / 4 + 4 < size; q++) {
        uint8_t v = (uint8_t)(data[4 + q / 4] >> ((q % 4) * 2)) & 3;
        if (v)
            a->a[q] = pc_test_answer_pick(&pack->questions[q], (unsigned)data[4 + q / 4] * 7u + (unsigned)q + v);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4 || fuzz_set.n_packs == 0)
        return 0;
    const pc_pack *pack = fuzz_set.packs[data[0] % fuzz_set.n_packs];
    pc_day today = pc_day_from_ymd(2016, 1, 1) + ((data[1] << 8 | data[2]) % 5000);
    pc_answers answers;
    pc_facts facts;
    pc_result r;
    fill_answers(pack, data, size, &answers);
    pc_facts_from_answers(&facts, pack, &answers);
    pc_evaluate(pack, fuzz_cal, &facts, today, &r);
    for (size_t i = 0; i < r.n_basis; i++)
        if (r.basis[i] < 0 || (size_t)r.basis[i] >= pack->n_clauses)
            abort();
    if (r.outcome == PC_OUT_EXEMPT &&
        r.n_basis == 0)
        abort();
    int next = pc_next_question(pack, &answers, data[3] % (pack->n_questions + 1));
    if (next >= 0 && pc_answer_given(&answers, (size_t)next))
        abort();
    return 0;
}
