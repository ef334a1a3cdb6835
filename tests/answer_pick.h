/* answer_pick.h — for tests, benches and fuzz targets: an answer of a question's own kind
 * chosen by a number, so that every kind (yes/no, choice, which-apply, number, date, and
 * 不确定 / 还没有发生) is exercised the same way everywhere. Header-only. */
#ifndef PC_TEST_ANSWER_PICK_H
#define PC_TEST_ANSWER_PICK_H

#include "eval.h"

/* seed % 4 == 3 gives 不确定 (and, for dates, every 8th seed 还没有发生). */
static inline pc_answer pc_test_answer_pick(const pc_question *q, unsigned seed)
{
    if (seed % 4 == 3)
        return (pc_answer){q->kind == PC_Q_DATE && seed % 8 == 7 ? PC_ANS_NOT_YET : PC_ANS_UNSURE, 0};
    switch (q->kind) {
    case PC_Q_NUMBER: {
        double span = q->max - q->min;
        return (pc_answer){PC_ANS_GIVEN, (int32_t)((q->min + span * (double)(seed % 101) / 100.0) * 100.0)};
    }
    case PC_Q_DATE:
        return (pc_answer){PC_ANS_GIVEN, pc_day_from_ymd(2017, 1, 1) + (int)(seed * 13u % 4000u)};
    case PC_Q_MULTI:
        return (pc_answer){PC_ANS_GIVEN, (int32_t)(seed % 5 == 0 ? 0u : 1u << (seed / 4 % q->n_options))};
    default:
        return (pc_answer){PC_ANS_GIVEN, (int32_t)(seed / 4 % q->n_options)};
    }
}

#endif
