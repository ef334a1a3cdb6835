/* eval_expr.h — three-valued evaluation of one condition (internal to app/core).
 *
 * Shared by the evaluator (eval.c), the skip logic (skip.c) and the facts readers
 * (answers.c). In MODE_SPECIFIC a true catch-all counts as unknown: a catch-all alone
 * never makes a favourable outcome. */
#ifndef PC_EVAL_EXPR_H
#define PC_EVAL_EXPR_H

#include "eval.h"

typedef enum { MODE_LAX, MODE_SPECIFIC } pc_eval_mode;

pc_truth pc_expr_eval(const pc_pack *pack, const pc_expr *e, const pc_facts *facts,
                      pc_eval_mode mode);
pc_truth pc_truth_not(pc_truth a);

#endif
