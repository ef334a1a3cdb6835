/* eval_expr.c — Kleene three-valued logic over a pack's conditions, comparisons of
 * numbers and dates (unknown when an operand is), and clause tests. */
#include "eval_expr.h"

/* ---- static prototypes ---- */
static bool operand_value(const pc_operand *o, const pc_facts *facts, double *out);
static pc_truth compare(const pc_expr *e, const pc_facts *facts);
static int whole_years(pc_day from, pc_day to);

/* ---- public functions ---- */

pc_truth pc_truth_and(pc_truth a, pc_truth b)
{
    if (a == PC_FALSE || b == PC_FALSE)
        return PC_FALSE;
    return a == PC_TRUE && b == PC_TRUE ? PC_TRUE : PC_UNKNOWN;
}

pc_truth pc_truth_or(pc_truth a, pc_truth b)
{
    if (a == PC_TRUE || b == PC_TRUE)
        return PC_TRUE;
    return a == PC_FALSE && b == PC_FALSE ? PC_FALSE : PC_UNKNOWN;
}

pc_truth pc_truth_not(pc_truth a)
{
    return a == PC_TRUE ? PC_FALSE : a == PC_FALSE ? PC_TRUE : PC_UNKNOWN;
}

pc_truth pc_expr_eval(const pc_pack *pack, const pc_expr *e, const pc_facts *facts,
                      pc_eval_mode mode)
{
    if (!e)
        return PC_FALSE;
    switch (e->kind) {
    case PC_EXPR_CITE: {
        pc_truth v = facts->truth[e->clause];
        return mode == MODE_SPECIFIC && v == PC_TRUE && pack->is_catch_all[e->clause] ? PC_UNKNOWN
                                                                                      : v;
    }
    case PC_EXPR_NOT:
        return pc_truth_not(pc_expr_eval(pack, e->kids[0], facts, mode));
    case PC_EXPR_ALL: {
        pc_truth v = PC_TRUE;
        for (size_t i = 0; i < e->n_kids && v != PC_FALSE; i++)
            v = pc_truth_and(v, pc_expr_eval(pack, e->kids[i], facts, mode));
        return v;
    }
    case PC_EXPR_ANY: {
        pc_truth v = PC_FALSE;
        for (size_t i = 0; i < e->n_kids && v != PC_TRUE; i++)
            v = pc_truth_or(v, pc_expr_eval(pack, e->kids[i], facts, mode));
        return v;
    }
    default:
        return compare(e, facts);
    }
}

void pc_facts_resolve_tests(const pc_pack *pack, pc_facts *facts)
{
    /* a test may read another tested clause: a few passes settle any order (lint refuses cycles) */
    for (int pass = 0; pass < 4; pass++)
        for (size_t c = 0; c < pack->n_clauses; c++)
            if (pack->clauses[c].test && !facts->given[c])
                facts->truth[c] = pc_expr_eval(pack, pack->clauses[c].test, facts, MODE_LAX);
}

/* ---- static functions ---- */

static pc_truth compare(const pc_expr *e, const pc_facts *facts)
{
    double a, b;
    if (!operand_value(&e->lhs, facts, &a) || !operand_value(&e->rhs, facts, &b))
        return PC_UNKNOWN;
    bool r = false;
    switch (e->kind) {
    case PC_EXPR_LT:
        r = a < b;
        break;
    case PC_EXPR_LE:
        r = a <= b;
        break;
    case PC_EXPR_GT:
        r = a > b;
        break;
    case PC_EXPR_GE:
        r = a >= b;
        break;
    default:
        r = a == b;
        break;
    }
    return r ? PC_TRUE : PC_FALSE;
}

static bool operand_value(const pc_operand *o, const pc_facts *facts, double *out)
{
    switch (o->kind) {
    case PC_OPD_NUMBER:
        *out = o->number;
        return true;
    case PC_OPD_DATE:
        *out = o->day;
        return true;
    case PC_OPD_NUMBER_FACT:
        *out = facts->numbers[o->fact];
        return facts->number_state[o->fact] == PC_VALUE_KNOWN;
    case PC_OPD_DATE_FACT:
        *out = facts->dates[o->fact];
        return facts->date_state[o->fact] == PC_VALUE_KNOWN;
    case PC_OPD_YEARS:
        if (facts->date_state[o->from] != PC_VALUE_KNOWN ||
            facts->date_state[o->to] != PC_VALUE_KNOWN)
            return false;
        *out = whole_years(facts->dates[o->from], facts->dates[o->to]);
        return true;
    }
    return false;
}

/* Whole years from one day to another: an age on a date (周岁). */
static int whole_years(pc_day from, pc_day to)
{
    int y1, m1, d1, y2, m2, d2;
    pc_day_to_ymd(from, &y1, &m1, &d1);
    pc_day_to_ymd(to, &y2, &m2, &d2);
    int years = y2 - y1;
    if (m2 < m1 || (m2 == m1 && d2 < d1))
        years--;
    return years;
}
