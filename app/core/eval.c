/* eval.c — three-valued evaluation of a pack's logic, the outcome precedence of
 * rules/SCHEMA.md, the citations that decided it, materials, the deadline, and the
 * kiosk's skip logic. Pure computation over caller-owned buffers: no allocation. */
#include "eval.h"

#include <stdlib.h>
#include <string.h>

typedef enum { MODE_LAX, MODE_SPECIFIC } eval_mode; /* SPECIFIC: a true catch-all is unknown */

typedef struct basis_list {
    int *items;
    size_t *count;
    size_t cap;
} basis_list;

/* ---- truth values ---- */

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

static pc_truth truth_not(pc_truth a)
{
    return a == PC_TRUE ? PC_FALSE : a == PC_FALSE ? PC_TRUE : PC_UNKNOWN;
}

static pc_truth leaf_value(const pc_pack *pack, const pc_facts *facts, int clause, eval_mode mode)
{
    pc_truth v = facts->truth[clause];
    if (mode == MODE_SPECIFIC && v == PC_TRUE && pack->is_catch_all[clause])
        return PC_UNKNOWN;
    return v;
}

static pc_truth expr_eval(const pc_pack *pack, const pc_expr *e, const pc_facts *facts,
                          eval_mode mode)
{
    if (!e)
        return PC_FALSE;
    switch (e->kind) {
    case PC_EXPR_CITE:
        return leaf_value(pack, facts, e->clause, mode);
    case PC_EXPR_NOT:
        return truth_not(expr_eval(pack, e->kids[0], facts, mode));
    case PC_EXPR_ALL: {
        pc_truth v = PC_TRUE;
        for (size_t i = 0; i < e->n_kids && v != PC_FALSE; i++)
            v = pc_truth_and(v, expr_eval(pack, e->kids[i], facts, mode));
        return v;
    }
    case PC_EXPR_ANY: {
        pc_truth v = PC_FALSE;
        for (size_t i = 0; i < e->n_kids && v != PC_TRUE; i++)
            v = pc_truth_or(v, expr_eval(pack, e->kids[i], facts, mode));
        return v;
    }
    }
    return PC_UNKNOWN;
}

/* ---- basis ---- */

static void basis_add(basis_list *b, int clause)
{
    for (size_t i = 0; i < *b->count; i++)
        if (b->items[i] == clause)
            return;
    if (*b->count < b->cap)
        b->items[(*b->count)++] = clause;
}

/* Adds the leaves that explain why e has the value `want`. */
static void expr_explain(const pc_pack *pack, const pc_expr *e, const pc_facts *facts,
                         eval_mode mode, pc_truth want, basis_list *b)
{
    if (!e)
        return;
    if (e->kind == PC_EXPR_CITE) {
        if (leaf_value(pack, facts, e->clause, mode) == want ||
            (want == PC_UNKNOWN && pack->is_catch_all[e->clause] &&
             facts->truth[e->clause] == PC_TRUE && mode == MODE_SPECIFIC))
            basis_add(b, e->clause);
        return;
    }
    if (e->kind == PC_EXPR_NOT) {
        expr_explain(pack, e->kids[0], facts, mode, truth_not(want), b);
        return;
    }
    for (size_t i = 0; i < e->n_kids; i++)
        if (expr_eval(pack, e->kids[i], facts, mode) == want)
            expr_explain(pack, e->kids[i], facts, mode, want, b);
}

/* ---- facts ---- */

void pc_facts_init(pc_facts *facts)
{
    memset(facts, 0, sizeof *facts);
    for (size_t i = 0; i < PC_MAX_DATES; i++)
        facts->dates[i] = PC_NO_DAY;
}

static void facts_set_index(pc_facts *facts, const pc_pack *pack, int clause, pc_truth value,
                            int depth)
{
    facts->truth[clause] = value;
    const pc_clause *c = &pack->clauses[clause];
    for (size_t i = 0; depth < 4 && i < c->n_group; i++)
        facts_set_index(facts, pack, c->group[i], value, depth + 1);
}

bool pc_facts_set(pc_facts *facts, const pc_pack *pack, const char *cite, pc_truth value)
{
    int clause = pc_pack_find_clause(pack, cite);
    if (clause < 0)
        return false;
    facts_set_index(facts, pack, clause, value, 0);
    return true;
}

bool pc_facts_set_date(pc_facts *facts, const char *name, pc_day day)
{
    size_t i = 0;
    while (i < facts->n_dates && strcmp(facts->date_names[i], name) != 0)
        i++;
    if (i == PC_MAX_DATES || strlen(name) >= sizeof facts->date_names[0])
        return false;
    if (i == facts->n_dates) {
        strcpy(facts->date_names[i], name);
        facts->n_dates++;
    }
    facts->dates[i] = day;
    return true;
}

pc_day pc_facts_get_date(const pc_facts *facts, const char *name)
{
    for (size_t i = 0; i < facts->n_dates; i++)
        if (strcmp(facts->date_names[i], name) == 0)
            return facts->dates[i];
    return PC_NO_DAY;
}

void pc_answers_init(pc_answers *answers)
{
    memset(answers, 0, sizeof *answers);
    for (size_t i = 0; i < PC_MAX_CLAUSES; i++)
        answers->date[i] = PC_NO_DAY;
}

static void and_into(pc_truth *slot, bool *seen, pc_truth v)
{
    *slot = *seen ? pc_truth_and(*slot, v) : v;
    *seen = true;
}

void pc_facts_from_answers(pc_facts *facts, const pc_pack *pack, const pc_answers *answers)
{
    bool seen[PC_MAX_CLAUSES] = {false};
    pc_facts_init(facts);
    for (size_t q = 0; q < pack->n_questions; q++) {
        const pc_question *qu = &pack->questions[q];
        if (qu->kind == PC_Q_DATE) {
            if (answers->answered[q] && answers->date[q] != PC_NO_DAY)
                pc_facts_set_date(facts, qu->date_name, answers->date[q]);
            continue;
        }
        pc_truth v = answers->answered[q] ? answers->truth[q] : PC_UNKNOWN;
        for (size_t i = 0; i < qu->n_cites; i++) {
            const pc_clause *c = &pack->clauses[qu->cites[i]];
            and_into(&facts->truth[qu->cites[i]], &seen[qu->cites[i]], v);
            for (size_t g = 0; g < c->n_group; g++)
                and_into(&facts->truth[c->group[g]], &seen[c->group[g]], v);
        }
    }
}

/* ---- outcome ---- */

pc_policy_status pc_policy_status_on(const pc_pack *pack, pc_day today)
{
    if (pack->in_force_from != PC_NO_DAY && today < pack->in_force_from)
        return PC_POLICY_NOT_YET;
    if (pack->in_force_until != PC_NO_DAY && today > pack->in_force_until)
        return PC_POLICY_EXPIRED;
    return pack->status == PC_STATUS_DRAFT ? PC_POLICY_DRAFT : PC_POLICY_IN_FORCE;
}

typedef struct verdicts {
    pc_truth applicability, necessary, necessary_specific, situations, situations_specific,
        mitigation;
} verdicts;

static verdicts judge(const pc_pack *pack, const pc_facts *facts)
{
    const pc_logic *lg = &pack->logic;
    verdicts v;
    v.applicability = expr_eval(pack, lg->applicability, facts, MODE_LAX);
    v.necessary = expr_eval(pack, lg->necessary, facts, MODE_LAX);
    v.necessary_specific = expr_eval(pack, lg->necessary, facts, MODE_SPECIFIC);
    v.situations = expr_eval(pack, lg->situations, facts, MODE_LAX);
    v.situations_specific = expr_eval(pack, lg->situations, facts, MODE_SPECIFIC);
    v.mitigation = lg->mitigation ? expr_eval(pack, lg->mitigation, facts, MODE_LAX) : PC_FALSE;
    return v;
}

static pc_outcome refuse_or_mitigate(const pc_pack *pack, const pc_facts *facts, const verdicts *v,
                                     const pc_expr *failed, basis_list *b)
{
    expr_explain(pack, failed, facts, MODE_LAX, PC_FALSE, b);
    if (v->mitigation == PC_FALSE)
        return PC_OUT_INELIGIBLE;
    /* lighter handling still open: the window decides, not the kiosk */
    expr_explain(pack, pack->logic.mitigation, facts, MODE_LAX, v->mitigation, b);
    return v->mitigation == PC_TRUE ? PC_OUT_MITIGATE : PC_OUT_REFER;
}

static pc_outcome decide(const pc_pack *pack, const pc_facts *facts, basis_list *b)
{
    const pc_logic *lg = &pack->logic;
    verdicts v = judge(pack, facts);
    if (v.applicability == PC_FALSE) {
        expr_explain(pack, lg->applicability, facts, MODE_LAX, PC_FALSE, b);
        return PC_OUT_NOT_APPLICABLE;
    }
    if (v.necessary == PC_FALSE)
        return refuse_or_mitigate(pack, facts, &v, lg->necessary, b);
    if (v.applicability == PC_TRUE && v.necessary_specific == PC_TRUE &&
        v.situations_specific == PC_TRUE) {
        expr_explain(pack, lg->necessary, facts, MODE_SPECIFIC, PC_TRUE, b);
        expr_explain(pack, lg->situations, facts, MODE_SPECIFIC, PC_TRUE, b);
        return PC_OUT_EXEMPT;
    }
    if (v.situations == PC_FALSE)
        return refuse_or_mitigate(pack, facts, &v, lg->situations, b);
    /* name only what is still open: a settled part of the logic is not the reason */
    if (v.applicability == PC_UNKNOWN)
        expr_explain(pack, lg->applicability, facts, MODE_LAX, PC_UNKNOWN, b);
    if (v.necessary_specific == PC_UNKNOWN)
        expr_explain(pack, lg->necessary, facts, MODE_SPECIFIC, PC_UNKNOWN, b);
    if (v.situations_specific == PC_UNKNOWN)
        expr_explain(pack, lg->situations, facts, MODE_SPECIFIC, PC_UNKNOWN, b);
    return PC_OUT_REFER;
}

static int compare_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void add_materials(const pc_pack *pack, const pc_facts *facts, pc_result *r)
{
    for (size_t i = 0; i < pack->n_materials && r->n_materials < 64; i++) {
        const pc_expr *when = pack->materials[i].when;
        if (!when || expr_eval(pack, when, facts, MODE_LAX) == PC_TRUE)
            r->materials[r->n_materials++] = (int)i;
    }
}

static void add_deadline(const pc_pack *pack, const pc_calendar *cal, const pc_facts *facts,
                         pc_result *r)
{
    if (!pack->deadline || !cal)
        return;
    pc_day from = pc_facts_get_date(facts, pack->deadline->from);
    if (from == PC_NO_DAY)
        return;
    bool estimated = false;
    r->has_deadline = true;
    r->deadline_day = pc_calendar_add_working_days(cal, from, pack->deadline->working_days, &estimated);
    r->deadline_passed = r->today > r->deadline_day;
    r->deadline_days_left = r->deadline_passed
                                ? 0
                                : pc_calendar_working_days_between(cal, r->today, r->deadline_day,
                                                                   &estimated);
    r->deadline_estimated = estimated;
}

void pc_evaluate(const pc_pack *pack, const pc_calendar *cal, const pc_facts *facts, pc_day today,
                 pc_result *r)
{
    memset(r, 0, sizeof *r);
    r->today = today;
    r->deadline_day = PC_NO_DAY;
    r->policy_status = pc_policy_status_on(pack, today);
    if (r->policy_status == PC_POLICY_EXPIRED || r->policy_status == PC_POLICY_NOT_YET) {
        r->outcome = PC_OUT_NOT_IN_FORCE;
        return;
    }
    basis_list b = {r->basis, &r->n_basis, PC_MAX_CLAUSES};
    r->outcome = decide(pack, facts, &b);
    qsort(r->basis, r->n_basis, sizeof r->basis[0], compare_int);
    if (r->outcome == PC_OUT_NOT_APPLICABLE)
        return;
    add_materials(pack, facts, r);
    add_deadline(pack, cal, facts, r);
}

/* ---- skip logic ---- */

/* Marks the leaves of e whose answer could still change e's value. */
static void expr_mark_live(const pc_pack *pack, const pc_expr *e, const pc_facts *facts,
                           eval_mode mode, bool *live)
{
    if (!e || expr_eval(pack, e, facts, mode) != PC_UNKNOWN)
        return;
    if (e->kind == PC_EXPR_CITE) {
        live[e->clause] = true;
        return;
    }
    for (size_t i = 0; i < e->n_kids; i++)
        expr_mark_live(pack, e->kids[i], facts, mode, live);
}

static void mark_live_clauses(const pc_pack *pack, const pc_facts *facts, bool *live,
                              bool *date_live)
{
    const pc_logic *lg = &pack->logic;
    verdicts v = judge(pack, facts);
    *date_live = false;
    if (v.applicability == PC_FALSE)
        return;
    expr_mark_live(pack, lg->applicability, facts, MODE_LAX, live);
    bool exempt_settled = v.applicability == PC_TRUE && v.necessary_specific == PC_TRUE &&
                          v.situations_specific == PC_TRUE;
    if (v.mitigation == PC_UNKNOWN && !exempt_settled)
        expr_mark_live(pack, lg->mitigation, facts, MODE_LAX, live);
    bool refused = v.necessary == PC_FALSE || v.situations == PC_FALSE;
    *date_live = !refused || v.mitigation != PC_FALSE;
    if (v.necessary == PC_FALSE)
        return;
    expr_mark_live(pack, lg->necessary, facts, MODE_SPECIFIC, live);
    expr_mark_live(pack, lg->situations, facts, MODE_SPECIFIC, live);
}

bool pc_question_relevant(const pc_pack *pack, const pc_answers *answers, size_t q)
{
    if (q >= pack->n_questions || answers->answered[q])
        return false;
    pc_facts facts;
    bool live[PC_MAX_CLAUSES] = {false}, date_live;
    pc_facts_from_answers(&facts, pack, answers);
    mark_live_clauses(pack, &facts, live, &date_live);
    const pc_question *qu = &pack->questions[q];
    if (qu->kind == PC_Q_DATE)
        return date_live && pack->deadline && strcmp(pack->deadline->from, qu->date_name) == 0;
    for (size_t i = 0; i < qu->n_cites; i++) {
        const pc_clause *c = &pack->clauses[qu->cites[i]];
        if (live[qu->cites[i]])
            return true;
        for (size_t g = 0; g < c->n_group; g++)
            if (live[c->group[g]])
                return true;
    }
    return false;
}

int pc_next_question(const pc_pack *pack, const pc_answers *answers, size_t from)
{
    for (size_t q = from; q < pack->n_questions; q++)
        if (pc_question_relevant(pack, answers, q))
            return (int)q;
    return -1;
}

/* ---- names ---- */

const char *pc_outcome_name(pc_outcome outcome)
{
    static const char *const names[PC_OUT_COUNT] = {"exempt", "mitigate", "ineligible",
                                                    "refer", "not_applicable", "not_in_force"};
    return outcome < PC_OUT_COUNT ? names[outcome] : "?";
}

const char *pc_policy_status_name(pc_policy_status status)
{
    static const char *const names[] = {"draft", "in_force", "expired", "not_yet_in_force"};
    return names[status];
}
