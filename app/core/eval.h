/* eval.h — facts and the three-valued evaluation of a pack.
 *
 * Facts are one truth value per clause plus named dates. The evaluator applies the
 * outcome precedence of rules/SCHEMA.md and reports the citations that decided it,
 * the materials, the application deadline on the working-day calendar, and which
 * questions can still change the outcome (the kiosk's skip logic). No allocation:
 * the caller owns every buffer. */
#ifndef PC_EVAL_H
#define PC_EVAL_H

#include "pack.h"

#define PC_MAX_CLAUSES 512
#define PC_MAX_DATES 4

typedef enum {
    PC_OUT_EXEMPT, PC_OUT_MITIGATE, PC_OUT_INELIGIBLE, PC_OUT_REFER,
    PC_OUT_NOT_APPLICABLE, PC_OUT_NOT_IN_FORCE, PC_OUT_COUNT
} pc_outcome;

typedef enum {
    PC_POLICY_DRAFT, PC_POLICY_IN_FORCE, PC_POLICY_EXPIRED, PC_POLICY_NOT_YET
} pc_policy_status;

typedef struct pc_facts {
    pc_truth truth[PC_MAX_CLAUSES];     /* by clause index; groups already expanded */
    char date_names[PC_MAX_DATES][24];
    pc_day dates[PC_MAX_DATES];
    size_t n_dates;
} pc_facts;

/* The kiosk's answers: one per question. */
typedef struct pc_answers {
    pc_truth truth[PC_MAX_CLAUSES];     /* by question index (PC_UNKNOWN also = unanswered) */
    bool answered[PC_MAX_CLAUSES];      /* by question index */
    pc_day date[PC_MAX_CLAUSES];        /* for date questions; PC_NO_DAY = not given */
} pc_answers;

typedef struct pc_result {
    pc_outcome outcome;
    pc_policy_status policy_status;
    pc_day today;
    int basis[PC_MAX_CLAUSES];          /* clause indices, in pack order */
    size_t n_basis;
    int materials[64];                  /* material indices */
    size_t n_materials;
    bool has_deadline;                  /* a deadline applies and its start date is known */
    pc_day deadline_day;
    bool deadline_passed, deadline_estimated;
    int deadline_days_left;             /* working days after today up to the deadline */
} pc_result;

void pc_facts_init(pc_facts *facts);
/* Sets a citation's fact, expanding groups onto their members; set group citations
 * before members so that a member's own fact wins (facts_json.c does). Returns false
 * for an unknown cite. */
bool pc_facts_set(pc_facts *facts, const pc_pack *pack, const char *cite, pc_truth value);
bool pc_facts_set_date(pc_facts *facts, const char *name, pc_day day);
pc_day pc_facts_get_date(const pc_facts *facts, const char *name);

void pc_answers_init(pc_answers *answers);
/* Facts from the kiosk's answers (several questions on one clause are ANDed). */
void pc_facts_from_answers(pc_facts *facts, const pc_pack *pack, const pc_answers *answers);

void pc_evaluate(const pc_pack *pack, const pc_calendar *cal, const pc_facts *facts,
                 pc_day today, pc_result *result);
pc_policy_status pc_policy_status_on(const pc_pack *pack, pc_day today);

/* True if answering question q (not yet answered) could still change the outcome,
 * given the answers so far. Date questions are relevant while a deadline could apply. */
bool pc_question_relevant(const pc_pack *pack, const pc_answers *answers, size_t q);
/* Next relevant unanswered question at or after `from`, or -1 when none is left. */
int pc_next_question(const pc_pack *pack, const pc_answers *answers, size_t from);

const char *pc_outcome_name(pc_outcome outcome);      /* "exempt" … */
const char *pc_policy_status_name(pc_policy_status status);
pc_truth pc_truth_and(pc_truth a, pc_truth b);
pc_truth pc_truth_or(pc_truth a, pc_truth b);

/* The result as the JSON object of the `precheck eval` contract (malloc'd string). */
char *pc_result_to_json(const pc_pack *pack, const pc_result *result, int indent);

#endif
