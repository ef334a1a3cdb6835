/* skip.c — which questions are still worth asking: a question is relevant while its
 * answer could change the outcome, the relief tier, or the deadline, given the answers so
 * far. A clause is "open" while some unanswered question can set it; a part of the logic
 * that is unknown and has no open clause is settled as unknown (the applicant said
 * 不确定), so nothing that depends on it coming out true is asked. Catch-alls are asked only
 * while they can still turn a refusal into "ask at the window": once one is true, the
 * others can change nothing. */
#include <string.h>

#include "eval_expr.h"

/* ---- types ---- */
typedef struct liveness {
    const pc_pack *pack;
    const pc_facts *facts;
    const bool *open;          /* per clause: an unanswered question can still set it */
    const bool *pinned;        /* per clause: answered 不确定, so it can no longer be true */
    bool live[PC_MAX_CLAUSES]; /* per clause: its answer could change something */
    bool dates_live;           /* the deadline still matters */
} liveness;

/* ---- static prototypes ---- */
static bool mark(liveness *lv, const pc_expr *e, pc_eval_mode mode, int catch_alls, bool in_any);
static bool mark_part(liveness *lv, const pc_expr *e);
static void mark_all(liveness *lv);
static void open_clauses(const pc_pack *pack, const pc_answers *answers, bool *open, bool *pinned);
static void set_index(const pc_pack *pack, bool *flags, int clause, int depth);

/* ---- public functions ---- */

bool pc_question_relevant(const pc_pack *pack, const pc_answers *answers, size_t q)
{
    if (q >= pack->n_questions || q >= PC_MAX_QUESTIONS || pc_answer_given(answers, q))
        return false;
    pc_facts facts;
    bool open[PC_MAX_CLAUSES] = {false}, pinned[PC_MAX_CLAUSES] = {false};
    pc_facts_from_answers(&facts, pack, answers);
    pc_facts_resolve_tests(pack, &facts);
    open_clauses(pack, answers, open, pinned);
    liveness lv = {.pack = pack, .facts = &facts, .open = open, .pinned = pinned};
    mark_all(&lv);
    const pc_question *qu = &pack->questions[q];
    if (qu->kind == PC_Q_DATE && lv.dates_live && pack->deadline)
        for (size_t i = 0; i < pack->deadline->n_from; i++)
            if (pack->deadline->from[i] == qu->value)
                return true;
    for (size_t i = 0; i < qu->n_cites; i++) {
        const pc_clause *c = &pack->clauses[qu->cites[i]];
        if (lv.live[qu->cites[i]])
            return true;
        for (size_t g = 0; g < c->n_group; g++)
            if (lv.live[c->group[g]])
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

/* ---- static functions ---- */

/* Follows the outcome order of rules/SCHEMA.md, marking what each step still depends on. */
static void mark_all(liveness *lv)
{
    const pc_pack *pack = lv->pack;
    const pc_logic *lg = &pack->logic;
    const pc_facts *f = lv->facts;
    pc_truth app = pc_expr_eval(pack, lg->applicability, f, MODE_LAX);
    if (app == PC_FALSE || (app == PC_UNKNOWN && !mark_part(lv, lg->applicability)))
        return; /* not covered, or settled as unknown: refer */
    pc_truth excl = lg->exclusions ? pc_expr_eval(pack, lg->exclusions, f, MODE_LAX) : PC_FALSE;
    if (excl == PC_TRUE)
        return;
    mark_part(lv, lg->exclusions);
    pc_truth nec = pc_expr_eval(pack, lg->necessary, f, MODE_LAX);
    pc_truth mit = lg->mitigation ? pc_expr_eval(pack, lg->mitigation, f, MODE_LAX) : PC_FALSE;
    bool exempt = pc_expr_eval(pack, lg->necessary, f, MODE_SPECIFIC) == PC_TRUE &&
                  pc_expr_eval(pack, lg->situations, f, MODE_SPECIFIC) == PC_TRUE;
    pc_truth sit = pc_expr_eval(pack, lg->situations, f, MODE_LAX);
    bool refused = nec == PC_FALSE || sit == PC_FALSE;
    if (!exempt && mit == PC_UNKNOWN)
        mark_part(lv, lg->mitigation);
    for (size_t i = 0; i < lg->n_tiers; i++) /* the relief within a favourable outcome */
        mark_part(lv, lg->tiers[i].when);
    lv->dates_live = !refused || mit != PC_FALSE;
    if (nec == PC_FALSE || exempt)
        return;
    mark(lv, lg->necessary, MODE_SPECIFIC, 0, false), mark(lv, lg->necessary, MODE_LAX, 1, false);
    if (sit != PC_FALSE)
        mark(lv, lg->situations, MODE_SPECIFIC, 0, false),
            mark(lv, lg->situations, MODE_LAX, 1, false);
}

/* Marks a part's open leaves if it is unknown; false when nothing open can settle it. */
static bool mark_part(liveness *lv, const pc_expr *e)
{
    return e && pc_expr_eval(lv->pack, e, lv->facts, MODE_LAX) == PC_UNKNOWN &&
           mark(lv, e, MODE_LAX, -1, false);
}

/* Marks the open leaves of e whose answer could change e's value in `mode`.
 * catch_alls: 0 skips catch-all leaves, 1 marks only them, -1 marks every leaf. Among
 * alternatives (in_any), a clause already answered 不确定 is not worth a follow-up: it can
 * only turn false, which settles nothing while its siblings are open, and leaves at worst
 * "ask at the window" where a longer walk might have said ineligible.
 * Returns whether any leaf was marked. */
static bool mark(liveness *lv, const pc_expr *e, pc_eval_mode mode, int catch_alls, bool in_any)
{
    if (!e || pc_expr_eval(lv->pack, e, lv->facts, mode) != PC_UNKNOWN)
        return false;
    if (e->kind == PC_EXPR_CITE) {
        bool ca = lv->pack->is_catch_all[e->clause];
        if (!lv->open[e->clause] || (catch_alls == 0 && ca) || (catch_alls == 1 && !ca) ||
            (in_any && lv->pinned[e->clause]))
            return false;
        lv->live[e->clause] = true;
        return true;
    }
    bool any = false;
    for (size_t i = 0; i < e->n_kids; i++)
        any = mark(lv, e->kids[i], mode, catch_alls, e->kind == PC_EXPR_ANY) || any;
    return any;
}

/* open: some unanswered question sets the clause; pinned: one answered 不确定 did. */
static void open_clauses(const pc_pack *pack, const pc_answers *answers, bool *open, bool *pinned)
{
    for (size_t q = 0; q < pack->n_questions && q < PC_MAX_QUESTIONS; q++) {
        const pc_question *qu = &pack->questions[q];
        bool *flags = !pc_answer_given(answers, q) ? open
                      : answers->a[q].state == PC_ANS_UNSURE && qu->kind != PC_Q_NUMBER &&
                              qu->kind != PC_Q_DATE
                          ? pinned
                          : NULL;
        for (size_t i = 0; flags && i < qu->n_cites; i++)
            set_index(pack, flags, qu->cites[i], 0);
    }
}

static void set_index(const pc_pack *pack, bool *flags, int clause, int depth)
{
    flags[clause] = true;
    const pc_clause *c = &pack->clauses[clause];
    for (size_t g = 0; depth < 4 && g < c->n_group; g++)
        set_index(pack, flags, c->group[g], depth + 1);
}
