/* bench_eval.c — in-process evaluations per second over every bundled pack (design.md
 * target: ≥ 50,000/s), with facts varied per run so that no branch is cached, and the
 * cost of walking a whole questionnaire with the skip logic. Prints one line a figure. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "eval.h"
#include "../answer_pick.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void vary_facts(const pc_pack *pack, pc_facts *facts, unsigned seed)
{
    pc_facts_init(facts);
    for (size_t c = 0; c < pack->n_clauses; c++)
        facts->truth[c] = (pc_truth)((seed >> (c % 16)) % 3 ? PC_TRUE : (seed + c) % 3);
    for (size_t d = 0; d < pack->n_dates; d++)
        pc_facts_set_date(facts, pack, pack->dates[d].name, PC_VALUE_KNOWN,
                          pc_day_from_ymd(2026, 9, 1) + (int)(seed % 120));
    for (size_t n = 0; n < pack->n_numbers; n++)
        pc_facts_set_number(facts, pack, pack->numbers[n].name, (double)(seed % 300));
}

static double bench_evaluations(const pc_pack_set *set, const pc_calendar *cal, long n)
{
    pc_facts facts;
    pc_result r;
    long exempt = 0;
    double t0 = now_seconds();
    for (long i = 0; i < n; i++) {
        const pc_pack *pack = set->packs[i % set->n_packs];
        vary_facts(pack, &facts, (unsigned)i * 2654435761u);
        pc_evaluate(pack, cal, &facts, pc_day_from_ymd(2026, 11, 22), &r);
        exempt += r.outcome == PC_OUT_EXEMPT;
    }
    double elapsed = now_seconds() - t0;
    fprintf(stderr, "(%ld of %ld came out exempt)\n", exempt, n);
    return (double)n / elapsed;
}

static double bench_walks(const pc_pack_set *set, long n)
{
    double t0 = now_seconds();
    for (long i = 0; i < n; i++) {
        const pc_pack *pack = set->packs[i % set->n_packs];
        pc_answers a;
        pc_answers_init(&a);
        for (int q = pc_next_question(pack, &a, 0); q >= 0; q = pc_next_question(pack, &a, (size_t)q + 1)) {
            a.a[q] = pc_test_answer_pick(&pack->questions[q], (unsigned)(q + i) * 4u);
        }
    }
    return (now_seconds() - t0) / (double)n * 1e3;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 500000;
    char err[300];
    pc_pack_set set;
    pc_calendar *cal = calloc(1, sizeof *cal);
    if (!pc_pack_set_load_dir(&set, PC_SOURCE_DIR "/rules", err, sizeof err) ||
        !pc_calendar_load_dir(cal, PC_SOURCE_DIR "/rules/calendar", err, sizeof err)) {
        fprintf(stderr, "bench_eval: %s\n", err);
        return 1;
    }
    double t0 = now_seconds();
    pc_pack_set s2;
    pc_pack_set_load_dir(&s2, PC_SOURCE_DIR "/rules", err, sizeof err);
    double load_ms = (now_seconds() - t0) * 1e3;
    pc_pack_set_free(&s2);
    printf("eval_per_second %.0f (target >= 50000)\n", bench_evaluations(&set, cal, n));
    printf("questionnaire_walk_ms %.3f (whole questionnaire with skip logic, per applicant)\n",
           bench_walks(&set, n / 500 + 1));
    printf("pack_set_load_ms %.2f (%zu packs)\n", load_ms, set.n_packs);
    pc_pack_set_free(&set);
    free(cal);
    return 0;
}
