/* eval.c — the outcome of a pack for a set of facts, in the order of rules/SCHEMA.md
 * ("logic"), the citations that decided it, exclusions, the relief tier, materials and
 * the application deadline (deadline.c). Pure computation over caller-owned buffers:
 * no allocation. The skip logic is in skip.c. */
#include "eval.h"

#include <stdlib.h>
#include <string.h>

#include "eval_expr.h"

/* ---- types ---- */
typedef struct basis_list {
    int *items;    /* the result's basis array */
    size_t *count; /* its count */
    size_t cap;
} basis_list;

typedef struct verdicts {
    pc_truth applicability, exclusions, necessary, necessary_specific, situations,
        situations_specific, mitigation;
} verdicts;

/* ---- static prototypes ---- */
static void basis_add(basis_list *b, int clause);
static void expr_explain(const pc_pack *pack, const pc_expr *e, const pc_facts *facts,
                         pc_eval_mode mode, pc_truth want, basis_list *b);
static verdicts judge(const pc_pack *pack, const pc_facts *facts);
static pc_outcome decide(const pc_pack *pack, const pc_facts *facts, basis_list *b, pc_result *r);
static pc_outcome refuse_or_mitigate(const pc_pack *pack, const pc_facts *facts, const verdicts *v,
                                     const pc_expr *failed, basis_list *b);
static void add_exclusions(const pc_pack *pack, const pc_facts *facts, pc_result *r);
static void choose_tier(const pc_pack *pack, const pc_facts *facts, pc_result *r);
static void add_materials(const pc_pack *pack, const pc_facts *facts, pc_result *r);
static int compare_int(const void *a, const void *b);

/* ---- public functions ---- */

pc_policy_status pc_policy_status_on(const pc_pack *pack, pc_day day)
{
    if (pack->in_force_from != PC_NO_DAY && day < pack->in_force_from)
        return PC_POLICY_NOT_YET;
    if (pack->in_force_until != PC_NO_DAY && day > pack->in_force_until)
        return PC_POLICY_EXPIRED;
    return pack->status == PC_STATUS_DRAFT ? PC_POLICY_DRAFT : PC_POLICY_IN_FORCE;
}

void pc_evaluate(const pc_pack *pack, const pc_calendar *cal, const pc_facts *given, pc_day today,
                 pc_result *r)
{
    pc_facts facts = *given;
    pc_facts_resolve_tests(pack, &facts);
    memset(r, 0, sizeof *r);
    r->today = today;
    r->tier = -1;
    r->deadline_day = PC_NO_DAY;
    pc_day valid_day = today;
    if (pack->valid_on == PC_VALID_ON_CONDUCT &&
        facts.date_state[pack->conduct_date] == PC_VALUE_KNOWN)
        valid_day = facts.dates[pack->conduct_date];
    r->policy_status = pc_policy_status_on(pack, valid_day);
    if (r->policy_status == PC_POLICY_EXPIRED || r->policy_status == PC_POLICY_NOT_YET) {
        r->outcome = PC_OUT_NOT_IN_FORCE;
        return;
    }
    basis_list b = {r->basis, &r->n_basis, PC_MAX_CLAUSES};
    r->outcome = decide(pack, &facts, &b, r);
    qsort(r->basis, r->n_basis, sizeof r->basis[0], compare_int);
    if (r->outcome == PC_OUT_NOT_APPLICABLE)
        return;
    choose_tier(pack, &facts, r);
    add_materials(pack, &facts, r);
    pc_deadline_compute(pack, cal, &facts, r);
}

const char *pc_outcome_name(pc_outcome outcome)
{
    static const char *const names[PC_OUT_COUNT] = {"exempt", "mitigate",       "ineligible",
                                                    "refer",  "not_applicable", "not_in_force"};
    return outcome < PC_OUT_COUNT ? names[outcome] : "?";
}

int pc_outcome_from_name(const char *name)
{
    for (int i = 0; name && i < PC_OUT_COUNT; i++)
        if (strcmp(name, pc_outcome_name((pc_outcome)i)) == 0)
            return i;
    return -1;
}

const char *pc_policy_status_name(pc_policy_status status)
{
    static const char *const names[] = {"draft", "in_force", "expired", "not_yet_in_force"};
    return names[status];
}

/* ---- static functions ---- */

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
                         pc_eval_mode mode, pc_truth want, basis_list *b)
{
    if (!e)
        return;
    if (e->kind == PC_EXPR_CITE) {
        bool open_catch_all = want == PC_UNKNOWN && mode == MODE_SPECIFIC &&
                              pack->is_catch_all[e->clause] && facts->truth[e->clause] == PC_TRUE;
        if (pc_expr_eval(pack, e, facts, mode) == want || open_catch_all)
            basis_add(b, e->clause);
        return;
    }
    if (e->kind == PC_EXPR_NOT) {
        expr_explain(pack, e->kids[0], facts, mode, pc_truth_not(want), b);
        return;
    }
    for (size_t i = 0; i < e->n_kids; i++)
        if (pc_expr_eval(pack, e->kids[i], facts, mode) == want)
            expr_explain(pack, e->kids[i], facts, mode, want, b);
}

static verdicts judge(const pc_pack *pack, const pc_facts *facts)
{
    const pc_logic *lg = &pack->logic;
    verdicts v;
    v.applicability = pc_expr_eval(pack, lg->applicability, facts, MODE_LAX);
    v.exclusions = lg->exclusions ? pc_expr_eval(pack, lg->exclusions, facts, MODE_LAX) : PC_FALSE;
    v.necessary = pc_expr_eval(pack, lg->necessary, facts, MODE_LAX);
    v.necessary_specific = pc_expr_eval(pack, lg->necessary, facts, MODE_SPECIFIC);
    v.situations = pc_expr_eval(pack, lg->situations, facts, MODE_LAX);
    v.situations_specific = pc_expr_eval(pack, lg->situations, facts, MODE_SPECIFIC);
    v.mitigation = lg->mitigation ? pc_expr_eval(pack, lg->mitigation, facts, MODE_LAX) : PC_FALSE;
    return v;
}

static pc_outcome decide(const pc_pack *pack, const pc_facts *facts, basis_list *b, pc_result *r)
{
    const pc_logic *lg = &pack->logic;
    verdicts v = judge(pack, facts);
    if (v.applicability == PC_FALSE) {
        expr_explain(pack, lg->applicability, facts, MODE_LAX, PC_FALSE, b);
        return PC_OUT_NOT_APPLICABLE;
    }
    if (v.exclusions == PC_TRUE) {
        expr_explain(pack, lg->exclusions, facts, MODE_LAX, PC_TRUE, b);
        add_exclusions(pack, facts, r);
        return PC_OUT_INELIGIBLE;
    }
    if (v.applicability == PC_UNKNOWN) { /* the policy may not cover them at all */
        expr_explain(pack, lg->applicability, facts, MODE_LAX, PC_UNKNOWN, b);
        return PC_OUT_REFER;
    }
    if (v.necessary == PC_FALSE)
        return refuse_or_mitigate(pack, facts, &v, lg->necessary, b);
    if (v.necessary_specific == PC_TRUE && v.situations_specific == PC_TRUE &&
        v.exclusions == PC_FALSE) {
        expr_explain(pack, lg->necessary, facts, MODE_SPECIFIC, PC_TRUE, b);
        expr_explain(pack, lg->situations, facts, MODE_SPECIFIC, PC_TRUE, b);
        return PC_OUT_EXEMPT;
    }
    if (v.situations == PC_FALSE)
        return refuse_or_mitigate(pack, facts, &v, lg->situations, b);
    /* name only what is still open: a settled part of the logic is not the reason */
    if (v.exclusions == PC_UNKNOWN)
        expr_explain(pack, lg->exclusions, facts, MODE_LAX, PC_UNKNOWN, b);
    if (v.necessary_specific == PC_UNKNOWN)
        expr_explain(pack, lg->necessary, facts, MODE_SPECIFIC, PC_UNKNOWN, b);
    if (v.situations_specific == PC_UNKNOWN)
        expr_explain(pack, lg->situations, facts, MODE_SPECIFIC, PC_UNKNOWN, b);
    return PC_OUT_REFER;
}

static pc_outcome refuse_or_mitigate(const pc_pack *pack, const pc_facts *facts, const verdicts *v,
                                     const pc_expr *failed, basis_list *b)
{
    expr_explain(pack, failed, facts, MODE_LAX, PC_FALSE, b);
    if (v->mitigation == PC_FALSE)
        return PC_OUT_INELIGIBLE;
    /* lighter handling still open, or an exclusion not yet ruled out: the window decides */
    expr_explain(pack, pack->logic.mitigation, facts, MODE_LAX, v->mitigation, b);
    if (v->mitigation == PC_TRUE && v->exclusions == PC_UNKNOWN)
        expr_explain(pack, pack->logic.exclusions, facts, MODE_LAX, PC_UNKNOWN, b);
    return v->mitigation == PC_TRUE && v->exclusions == PC_FALSE ? PC_OUT_MITIGATE : PC_OUT_REFER;
}

static void add_exclusions(const pc_pack *pack, const pc_facts *facts, pc_result *r)
{
    for (size_t c = 0; c < pack->n_clauses && r->n_exclusions < 16; c++)
        if (pack->clauses[c].role == PC_ROLE_EXCLUSION && facts->truth[c] == PC_TRUE)
            r->exclusions[r->n_exclusions++] = (int)c;
}

/* The first tier of the outcome whose condition holds; none while an earlier one is open. */
static void choose_tier(const pc_pack *pack, const pc_facts *facts, pc_result *r)
{
    for (size_t i = 0; i < pack->logic.n_tiers; i++) {
        const pc_tier *t = &pack->logic.tiers[i];
        if (t->outcome != (int)r->outcome)
            continue;
        pc_truth v = t->when ? pc_expr_eval(pack, t->when, facts, MODE_LAX) : PC_TRUE;
        if (v == PC_UNKNOWN)
            return;
        if (v == PC_TRUE) {
            r->tier = (int)i;
            return;
        }
    }
}

static void add_materials(const pc_pack *pack, const pc_facts *facts, pc_result *r)
{
    for (size_t i = 0; i < pack->n_materials && r->n_materials < 64; i++) {
        const pc_material *m = &pack->materials[i];
        pc_truth v = m->when ? pc_expr_eval(pack, m->when, facts, MODE_LAX) : PC_TRUE;
        if (v == PC_TRUE || (v == PC_UNKNOWN && m->when_open))
            r->materials[r->n_materials++] = (int)i;
    }
}

static int compare_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}
