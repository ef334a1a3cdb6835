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

#include <stdint.h>

#define PC_MAX_CLAUSES 512
#define PC_MAX_QUESTIONS 128

typedef enum {
    PC_OUT_EXEMPT,
    PC_OUT_MITIGATE,
    PC_OUT_INELIGIBLE,
    PC_OUT_REFER,
    PC_OUT_NOT_APPLICABLE,
    PC_OUT_NOT_IN_FORCE,
    PC_OUT_COUNT
} pc_outcome;

typedef enum {
    PC_POLICY_DRAFT,
    PC_POLICY_IN_FORCE,
    PC_POLICY_EXPIRED,
    PC_POLICY_NOT_YET
} pc_policy_status;

typedef enum {
    PC_DL_NONE,        /* the policy sets no application deadline */
    PC_DL_NOT_STARTED, /* the event it counts from has not happened */
    PC_DL_UNKNOWN,     /* the event happened (or may have): its date is not known */
    PC_DL_RUNNING,     /* deadline_day is the last day */
    PC_DL_PASSED       /* deadline_day has passed */
} pc_deadline_state;

/* What is known of a named number or date fact. */
typedef enum {
    PC_VALUE_UNKNOWN = 0, /* not given, or 不确定 / 记不清日期 */
    PC_VALUE_KNOWN,       /* the value is given */
    PC_VALUE_NOT_YET      /* dates: the event has not happened (yet) */
} pc_value_state;

typedef struct pc_facts {
    pc_truth truth[PC_MAX_CLAUSES]; /* by clause index; groups already expanded */
    bool given[PC_MAX_CLAUSES];     /* a fact was given on the clause (a `test` is not used) */
    pc_value_state number_state[PC_MAX_VALUES];
    double numbers[PC_MAX_VALUES]; /* by pack->numbers index */
    pc_value_state date_state[PC_MAX_VALUES];
    pc_day dates[PC_MAX_VALUES]; /* by pack->dates index */
} pc_facts;

typedef enum {
    PC_ANS_NONE = 0, /* not answered */
    PC_ANS_UNSURE,   /* 不确定; for dates: it happened, the day is not remembered */
    PC_ANS_GIVEN,    /* `value` holds the answer */
    PC_ANS_NOT_YET   /* dates: it has not happened yet */
} pc_answer_state;

/* One answer. `value` by kind: yes/no 0 = 是, 1 = 否 (the option index); choice: the option
 * index; which-apply: a bit per ticked option (0: 以上都不是); number: the value times 100;
 * date: the pc_day. */
typedef struct pc_answer {
    uint8_t state; /* pc_answer_state */
    int32_t value;
} pc_answer;

/* The kiosk's answers: one per question. */
typedef struct pc_answers {
    pc_answer a[PC_MAX_QUESTIONS];
} pc_answers;

typedef struct pc_result {
    pc_outcome outcome;
    pc_policy_status policy_status;
    pc_day today;
    int basis[PC_MAX_CLAUSES]; /* clause indices, in pack order */
    size_t n_basis;
    int materials[64]; /* material indices */
    size_t n_materials;
    int exclusions[16]; /* clause indices of exclusions that hold (ineligible) */
    size_t n_exclusions;
    int tier; /* index into logic.tiers, -1 when none or not yet known */
    pc_deadline_state deadline_state;
    bool has_deadline; /* deadline_state is PC_DL_RUNNING or PC_DL_PASSED */
    pc_day deadline_day;
    bool deadline_passed, deadline_estimated;
    bool deadline_capped;   /* the deadline is the policy's last day in force */
    int deadline_days_left; /* working days after today up to the deadline */
} pc_result;

void pc_facts_init(pc_facts *facts);
/* Sets a citation's fact, expanding groups onto their members; set group citations
 * before members so that a member's own fact wins (facts_json.c does). Returns false
 * for an unknown cite. */
bool pc_facts_set(pc_facts *facts, const pc_pack *pack, const char *cite, pc_truth value);
/* Named values; false for a name the pack does not declare. */
bool pc_facts_set_date(pc_facts *facts, const pc_pack *pack, const char *name, pc_value_state state,
                       pc_day day);
bool pc_facts_set_number(pc_facts *facts, const pc_pack *pack, const char *name, double value);
pc_day pc_facts_get_date(const pc_facts *facts, const pc_pack *pack, const char *name);

/* Sets the truth of every clause with a `test` (numbers, dates) on which no fact was
 * given; pc_evaluate does this on its own copy. */
void pc_facts_resolve_tests(const pc_pack *pack, pc_facts *facts);

void pc_answers_init(pc_answers *answers);
bool pc_answer_given(const pc_answers *answers, size_t q); /* answered at all (不确定 too) */
/* Facts from the kiosk's answers (several questions on one clause are ANDed). */
void pc_facts_from_answers(pc_facts *facts, const pc_pack *pack, const pc_answers *answers);
/* The answer the applicant would give to question q, read off the facts (precheck walk and
 * the flow tests' automatic answers). */
pc_answer pc_answer_from_facts(const pc_pack *pack, const pc_facts *facts, size_t q);

void pc_evaluate(const pc_pack *pack, const pc_calendar *cal, const pc_facts *facts, pc_day today,
                 pc_result *result);
pc_policy_status pc_policy_status_on(const pc_pack *pack, pc_day today);

/* The answered questions that decided the result, in the words the applicant saw: for
 * each clause of the basis, the questions whose own answer gave it the value that
 * decided (the 否 among five questions on one clause, not the four 是). Writes at most
 * cap question indices to out, in question order; returns how many. */
size_t pc_result_deciding_questions(const pc_pack *pack, const pc_answers *answers,
                                    const pc_result *r, int *out, size_t cap);

/* Fills the result's deadline (state, day, capping, days left) from the facts. */
void pc_deadline_compute(const pc_pack *pack, const pc_calendar *cal, const pc_facts *facts,
                         pc_result *r);

/* True if answering question q (not yet answered) could still change the outcome,
 * given the answers so far. Date questions are relevant while a deadline could apply or a
 * condition still depends on the date. */
bool pc_question_relevant(const pc_pack *pack, const pc_answers *answers, size_t q);
/* Next relevant unanswered question at or after `from`, or -1 when none is left. */
int pc_next_question(const pc_pack *pack, const pc_answers *answers, size_t from);

const char *pc_outcome_name(pc_outcome outcome); /* "exempt" … */
const char *pc_policy_status_name(pc_policy_status status);
const char *pc_deadline_state_name(pc_deadline_state state);
/* "exempt" / "mitigate" → outcome, or -1. */
int pc_outcome_from_name(const char *name);
pc_truth pc_truth_and(pc_truth a, pc_truth b);
pc_truth pc_truth_or(pc_truth a, pc_truth b);

/* The result as the JSON object of the `precheck eval` contract (malloc'd string). */
char *pc_result_to_json(const pc_pack *pack, const pc_result *result, int indent);

#endif
