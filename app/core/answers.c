/* answers.c — facts and answers: setting facts by citation and by name, turning the
 * kiosk's answers into facts (several questions on one clause are ANDed; a ticked
 * which-apply option is true, an unticked one false), and the reverse: the answer an
 * applicant with given facts would give (precheck walk, the flow tests). */
#include <math.h>
#include <string.h>

#include "eval_expr.h"

/* ---- static prototypes ---- */
static void facts_set_index(pc_facts *facts, const pc_pack *pack, int clause, pc_truth value,
                            int depth);
static void and_into(pc_facts *facts, const pc_pack *pack, bool *seen, int clause, pc_truth v,
                     int depth);
static void apply_answer(pc_facts *facts, const pc_pack *pack, const pc_question *qu,
                         const pc_answer *a, bool *seen);
static pc_truth clause_truth_deep(const pc_pack *pack, const pc_facts *facts, int clause,
                                  pc_truth want, bool *contradicts);
static int best_option(const pc_pack *pack, const pc_facts *facts, const pc_question *qu);
static pc_answer multi_from_facts(const pc_pack *pack, const pc_facts *facts,
                                  const pc_question *qu);

/* ---- public functions ---- */

void pc_facts_init(pc_facts *facts)
{
    memset(facts, 0, sizeof *facts);
}

bool pc_facts_set(pc_facts *facts, const pc_pack *pack, const char *cite, pc_truth value)
{
    int clause = pc_pack_find_clause(pack, cite);
    if (clause < 0)
        return false;
    facts_set_index(facts, pack, clause, value, 0);
    return true;
}

bool pc_facts_set_date(pc_facts *facts, const pc_pack *pack, const char *name, pc_value_state state,
                       pc_day day)
{
    int i = pc_pack_find_date(pack, name);
    if (i < 0)
        return false;
    facts->date_state[i] = state;
    facts->dates[i] = state == PC_VALUE_KNOWN ? day : 0;
    return true;
}

bool pc_facts_set_number(pc_facts *facts, const pc_pack *pack, const char *name, double value)
{
    int i = pc_pack_find_number(pack, name);
    if (i < 0 || !isfinite(value))
        return false;
    facts->number_state[i] = PC_VALUE_KNOWN;
    facts->numbers[i] = value;
    return true;
}

pc_day pc_facts_get_date(const pc_facts *facts, const pc_pack *pack, const char *name)
{
    int i = pc_pack_find_date(pack, name);
    return i >= 0 && facts->date_state[i] == PC_VALUE_KNOWN ? facts->dates[i] : PC_NO_DAY;
}

void pc_answers_init(pc_answers *answers)
{
    memset(answers, 0, sizeof *answers);
}

bool pc_answer_given(const pc_answers *answers, size_t q)
{
    return q < PC_MAX_QUESTIONS && answers->a[q].state != PC_ANS_NONE;
}

void pc_facts_from_answers(pc_facts *facts, const pc_pack *pack, const pc_answers *answers)
{
    bool seen[PC_MAX_CLAUSES] = {false};
    pc_facts_init(facts);
    for (size_t q = 0; q < pack->n_questions && q < PC_MAX_QUESTIONS; q++)
        apply_answer(facts, pack, &pack->questions[q], &answers->a[q], seen);
}

pc_answer pc_answer_from_facts(const pc_pack *pack, const pc_facts *facts, size_t q)
{
    pc_answer a = {PC_ANS_UNSURE, 0};
    const pc_question *qu = &pack->questions[q];
    if (qu->kind == PC_Q_NUMBER) {
        if (facts->number_state[qu->value] == PC_VALUE_KNOWN)
            a = (pc_answer){PC_ANS_GIVEN, (int32_t)lround(facts->numbers[qu->value] * 100.0)};
    } else if (qu->kind == PC_Q_DATE) {
        pc_value_state st = facts->date_state[qu->value];
        if (st == PC_VALUE_KNOWN)
            a = (pc_answer){PC_ANS_GIVEN, facts->dates[qu->value]};
        else if (st == PC_VALUE_NOT_YET)
            a.state = PC_ANS_NOT_YET;
    } else if (qu->kind == PC_Q_MULTI) {
        a = multi_from_facts(pack, facts, qu);
    } else {
        int o = best_option(pack, facts, qu);
        if (o >= 0)
            a = (pc_answer){PC_ANS_GIVEN, o};
    }
    return a;
}

size_t pc_result_deciding_questions(const pc_pack *pack, const pc_answers *answers,
                                    const pc_result *r, int *out, size_t cap)
{
    pc_facts all, own;
    size_t n = 0;
    pc_facts_from_answers(&all, pack, answers);
    pc_facts_resolve_tests(pack, &all);
    for (size_t q = 0; q < pack->n_questions && q < PC_MAX_QUESTIONS && n < cap; q++) {
        if (!pc_answer_given(answers, q))
            continue;
        bool seen[PC_MAX_CLAUSES] = {false};
        pc_facts_init(&own);
        apply_answer(&own, pack, &pack->questions[q], &answers->a[q], seen);
        pc_facts_resolve_tests(pack, &own);
        bool decided = false;
        for (size_t b = 0; b < r->n_basis && !decided; b++) {
            int c = r->basis[b];
            decided = own.given[c] && own.truth[c] == all.truth[c];
        }
        if (decided)
            out[n++] = (int)q;
    }
    return n;
}

/* ---- static functions ---- */

static void facts_set_index(pc_facts *facts, const pc_pack *pack, int clause, pc_truth value,
                            int depth)
{
    facts->truth[clause] = value;
    facts->given[clause] = true;
    const pc_clause *c = &pack->clauses[clause];
    for (size_t i = 0; depth < 4 && i < c->n_group; i++)
        facts_set_index(facts, pack, c->group[i], value, depth + 1);
}

static void and_into(pc_facts *facts, const pc_pack *pack, bool *seen, int clause, pc_truth v,
                     int depth)
{
    facts->truth[clause] = seen[clause] ? pc_truth_and(facts->truth[clause], v) : v;
    seen[clause] = facts->given[clause] = true;
    const pc_clause *c = &pack->clauses[clause];
    for (size_t g = 0; depth < 4 && g < c->n_group; g++)
        and_into(facts, pack, seen, c->group[g], v, depth + 1);
}

static void apply_answer(pc_facts *facts, const pc_pack *pack, const pc_question *qu,
                         const pc_answer *a, bool *seen)
{
    if (qu->kind == PC_Q_NUMBER || qu->kind == PC_Q_DATE) {
        bool date = qu->kind == PC_Q_DATE;
        pc_value_state st = a->state == PC_ANS_GIVEN             ? PC_VALUE_KNOWN
                            : a->state == PC_ANS_NOT_YET && date ? PC_VALUE_NOT_YET
                                                                 : PC_VALUE_UNKNOWN;
        if (date)
            facts->date_state[qu->value] = st,
            facts->dates[qu->value] = st == PC_VALUE_KNOWN ? a->value : 0;
        else
            facts->number_state[qu->value] = st, facts->numbers[qu->value] = a->value / 100.0;
        return;
    }
    bool given = a->state == PC_ANS_GIVEN;
    if (!given) {
        for (size_t i = 0; i < qu->n_cites; i++)
            and_into(facts, pack, seen, qu->cites[i], PC_UNKNOWN, 0);
        return;
    }
    for (size_t o = 0; o < qu->n_options; o++) {
        const pc_option *op = &qu->options[o];
        bool ticked =
            qu->kind == PC_Q_MULTI ? ((uint32_t)a->value >> o) & 1u : (int32_t)o == a->value;
        if (qu->kind != PC_Q_MULTI && !ticked)
            continue;
        for (size_t s = 0; s < op->n_sets; s++)
            and_into(facts, pack, seen, op->sets[s].clause,
                     qu->kind == PC_Q_MULTI ? (ticked ? PC_TRUE : PC_FALSE) : op->sets[s].value, 0);
    }
}

/* The clause's truth as the facts tell it, looking into a group's members: a group is
 * true when a member is, false when all are. *contradicts: the facts say !want. */
static pc_truth clause_truth_deep(const pc_pack *pack, const pc_facts *facts, int clause,
                                  pc_truth want, bool *contradicts)
{
    const pc_clause *c = &pack->clauses[clause];
    pc_truth v = facts->truth[clause];
    if (c->n_group > 0 && !facts->given[clause]) {
        pc_truth any = PC_FALSE;
        for (size_t g = 0; g < c->n_group; g++)
            any = pc_truth_or(any, facts->truth[c->group[g]]);
        v = any;
    }
    *contradicts = v != PC_UNKNOWN && v != want;
    return v;
}

/* The option whose settings the facts agree with most and contradict nowhere; with no
 * agreement at all, the only option not contradicted. -1: the facts do not tell. */
static int best_option(const pc_pack *pack, const pc_facts *facts, const pc_question *qu)
{
    int best = -1, best_agree = 0, candidates = 0, only = -1;
    for (size_t o = 0; o < qu->n_options; o++) {
        const pc_option *op = &qu->options[o];
        int agree = 0;
        bool contradicted = false;
        for (size_t s = 0; s < op->n_sets && !contradicted; s++) {
            bool c;
            pc_truth v = clause_truth_deep(pack, facts, op->sets[s].clause, op->sets[s].value, &c);
            contradicted = c;
            agree += v == op->sets[s].value;
        }
        if (contradicted)
            continue;
        candidates++, only = (int)o;
        if (agree > best_agree)
            best = (int)o, best_agree = agree;
    }
    return best >= 0 ? best : candidates == 1 ? only : -1;
}

static pc_answer multi_from_facts(const pc_pack *pack, const pc_facts *facts, const pc_question *qu)
{
    uint32_t ticked = 0;
    bool all_false = true;
    for (size_t o = 0; o < qu->n_options; o++) {
        pc_truth v = PC_FALSE;
        for (size_t s = 0; s < qu->options[o].n_sets; s++) {
            bool c;
            v = pc_truth_or(
                v, clause_truth_deep(pack, facts, qu->options[o].sets[s].clause, PC_TRUE, &c));
        }
        if (v == PC_TRUE)
            ticked |= 1u << o;
        all_false = all_false && v == PC_FALSE;
    }
    if (ticked || all_false)
        return (pc_answer){PC_ANS_GIVEN, (int32_t)ticked};
    return (pc_answer){PC_ANS_UNSURE, 0};
}
