/* pack.h — one policy's rule pack in memory.
 *
 * A pack (rules/<id>.yaml, format in rules/SCHEMA.md) is the whole policy as data:
 * metadata, clauses with their original text, the condition tree, the questions the
 * kiosk asks, materials, the application deadline and the steps that follow. Nothing
 * in C knows any policy by name. Clauses are referred to by their index in
 * pack->clauses everywhere after loading; citations are only looked up at the edges. */
#ifndef PC_PACK_H
#define PC_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"

typedef enum { PC_UNKNOWN = 0, PC_FALSE = 1, PC_TRUE = 2 } pc_truth;

typedef enum {
    PC_ROLE_APPLICABILITY,
    PC_ROLE_NECESSARY,
    PC_ROLE_KIND,
    PC_ROLE_SITUATION,
    PC_ROLE_CATCH_ALL,
    PC_ROLE_MITIGATION,
    PC_ROLE_PROCEDURE,
    PC_ROLE_MATERIAL,
    PC_ROLE_RESULT,
    PC_ROLE_GROUP,
    PC_ROLE_EXCLUSION,
    PC_ROLE_COUNT
} pc_role;

#define PC_MAX_VALUES 16 /* named number facts, and named date facts, per pack */

typedef enum {
    PC_EXPR_CITE,
    PC_EXPR_ALL,
    PC_EXPR_ANY,
    PC_EXPR_NOT,
    PC_EXPR_LT,
    PC_EXPR_LE,
    PC_EXPR_GT,
    PC_EXPR_GE,
    PC_EXPR_EQ /* comparisons of two operands */
} pc_expr_kind;

/* An operand of a comparison: a literal, a named number or date fact, or the whole years
 * from one date to another (an age: years from the birth date to the contract date). */
typedef enum {
    PC_OPD_NUMBER,
    PC_OPD_DATE,
    PC_OPD_NUMBER_FACT,
    PC_OPD_DATE_FACT,
    PC_OPD_YEARS
} pc_operand_kind;

typedef struct pc_operand {
    pc_operand_kind kind;
    double number; /* PC_OPD_NUMBER */
    pc_day day;    /* PC_OPD_DATE */
    int fact;      /* PC_OPD_*_FACT: index into pack->numbers / pack->dates */
    int from, to;  /* PC_OPD_YEARS: date fact indices */
} pc_operand;

typedef struct pc_expr {
    pc_expr_kind kind;
    int clause;            /* clause index, for PC_EXPR_CITE */
    struct pc_expr **kids; /* children, for ALL / ANY / NOT (one) */
    size_t n_kids;
    pc_operand lhs, rhs; /* for comparisons */
    int line;            /* 1-based line in the pack file */
} pc_expr;

/* A named number fact (an amount in 万元, an age) or date fact (an event, a contract date). */
typedef struct pc_value_fact {
    char *name;  /* [a-z0-9_]+ */
    char *unit;  /* numbers: 万元, 周岁; dates: "" */
    char *label; /* how the result names it: 项目金额, 收到通知的日期 */
} pc_value_fact;

typedef struct pc_clause {
    char *cite;  /* "4.1", "annex2.3" */
    char *label; /* 第四条第（一）项 */
    pc_role role;
    char *plain; /* plain Chinese, for the result screen */
    char *text;  /* verbatim from the source */
    int *group;  /* member clause indices when this cite names a group */
    size_t n_group;
    pc_expr *test; /* NULL, or the clause's truth from numbers and dates when
                                   no fact is given on it directly */
    int line;
} pc_clause;

typedef enum {
    PC_Q_YES_NO,
    PC_Q_CHOICE,
    PC_Q_MULTI,
    PC_Q_NUMBER,
    PC_Q_DATE,
    PC_Q_KIND_COUNT
} pc_question_kind;

/* One clause fact an answer sets. */
typedef struct pc_setting {
    int clause;
    pc_truth value;
} pc_setting;

/* One option of a yes/no (是 = 0, 否 = 1), choice or which-apply question. */
typedef struct pc_option {
    char *label;      /* the button's words */
    pc_setting *sets; /* choice and yes/no: the facts this option sets;
                                   which-apply: the clauses set true when ticked, false when not */
    size_t n_sets;
} pc_option;

#define PC_MAX_OPTIONS 24

typedef struct pc_question {
    char *id;
    pc_question_kind kind;
    pc_option *options; /* yes/no: 是 and 否; choice; which-apply */
    size_t n_options;
    int value;       /* number / date questions: index into pack->numbers / ->dates */
    double min, max; /* number questions: bounds, inclusive */
    int decimals;    /* number questions: digits after the point, 0..2 */
    char *not_yet;   /* date questions: the words for "this has not happened yet" */
    int *cites;      /* every clause the answer can set (查看原文 shows these) */
    size_t n_cites;
    char *ask, *why, *help; /* help may be "" */
    int line;
} pc_question;

typedef struct pc_material {
    char *name;
    int cite;       /* clause index */
    pc_expr *when;  /* NULL: always required */
    bool when_open; /* also required while `when` is still unknown */
    int line;
} pc_material;

typedef enum { PC_PERIOD_WORKING_DAYS, PC_PERIOD_DAYS, PC_PERIOD_MONTHS } pc_period_kind;

/* A length of time as a policy states it: 20 个工作日, 30 日, 1 个月. */
typedef struct pc_period {
    pc_period_kind kind;
    int count; /* 0: none */
} pc_period;

typedef struct pc_deadline {
    int cite;
    char *what; /* 向科学技术行政部门提出书面申请 */
    int *from;  /* date fact indices: the events it may count from; the
                                   earliest that has happened counts */
    size_t n_from;
    char *event; /* how the text names the event: 科学技术行政部门启动追责程序 */
    pc_period period;
    char *note; /* may be "" */
    int line;
} pc_deadline;

/* A relief within a favourable outcome (免除责任 / 从轻 / 减轻 / 限期整改). */
typedef struct pc_tier {
    int cite;
    char *name;       /* 免除责任 */
    int outcome;      /* pc_outcome: exempt or mitigate */
    pc_expr *when;    /* NULL: always, for that outcome */
    char *obligation; /* "" or what the applicant must do, e.g. 限期整改 */
    pc_period obligation_within;
    int line;
} pc_tier;

typedef struct pc_step {
    int cite;
    char *what;
    int working_days, months, days; /* at most one is non-zero */
    int extension_working_days, extension_months;
    char *note;     /* may be "" */
    bool applicant; /* a step the applicant takes part in (申辩, 异议) */
    int line;
} pc_step;

typedef struct pc_logic {
    pc_expr *applicability; /* never NULL after a successful load */
    pc_expr *exclusions;    /* NULL: none; true: never exempt or mitigate */
    pc_expr *necessary;
    pc_expr *situations;
    pc_expr *mitigation; /* NULL: no lighter handling */
    int *catch_all;      /* clause indices */
    size_t n_catch_all;
    pc_tier *tiers; /* reliefs within exempt / mitigate, in order */
    size_t n_tiers;
} pc_logic;

typedef enum { PC_STATUS_DRAFT, PC_STATUS_ISSUED } pc_pack_status;
typedef enum { PC_VALID_ON_TODAY, PC_VALID_ON_CONDUCT } pc_valid_on;

typedef struct pc_pack {
    char *path; /* the file it came from */
    char *id, *version, *source_path;
    char *title, *short_title, *issuer, *number, *covers, *relief, *mitigation_relief;
    pc_pack_status status;
    pc_day issued_on, in_force_from, in_force_until; /* PC_NO_DAY when null */
    pc_valid_on valid_on; /* in force on today's date, or on the date of the conduct */
    int conduct_date;     /* PC_VALID_ON_CONDUCT: the date fact index of the conduct */
    char *superseded_by;  /* "" or the id of the pack that replaces this one */
    pc_value_fact numbers[PC_MAX_VALUES];
    size_t n_numbers;
    pc_value_fact dates[PC_MAX_VALUES];
    size_t n_dates;
    pc_clause *clauses;
    size_t n_clauses;
    pc_logic logic;
    pc_question *questions;
    size_t n_questions;
    pc_material *materials;
    size_t n_materials;
    pc_deadline *deadline; /* NULL when the policy sets none */
    char *warning;         /* "" or what the text says of false or malicious applications */
    pc_step *steps;
    size_t n_steps;
    bool *is_catch_all; /* per clause */
} pc_pack;

/* Loads and structurally checks a pack file. On failure returns NULL and writes
 * "file:line: reason" into err. */
pc_pack *pc_pack_load(const char *path, char *err, size_t errsize);
/* Same, from memory (name is used in messages and for resolving `source`). */
pc_pack *pc_pack_load_text(const char *name, const char *text, size_t len, char *err,
                           size_t errsize);
void pc_pack_free(pc_pack *pack);

/* Clause index for a citation, or -1. */
int pc_pack_find_clause(const pc_pack *pack, const char *cite);
int pc_pack_find_question(const pc_pack *pack, const char *id);
int pc_pack_find_number(const pc_pack *pack, const char *name);
int pc_pack_find_date(const pc_pack *pack, const char *name);
const char *pc_question_kind_name(pc_question_kind kind);
const char *pc_role_name(pc_role role);

/* A set of loaded packs (every pack file of a rules directory), sorted by id. */
typedef struct pc_pack_set {
    pc_pack **packs;
    size_t n_packs;
} pc_pack_set;

/* Loads every "*.yaml" that is not "*.cases.yaml" in dir. Returns false on the first
 * pack that fails (err says which); the set then holds nothing. */
bool pc_pack_set_load_dir(pc_pack_set *set, const char *dir, char *err, size_t errsize);
const pc_pack *pc_pack_set_find(const pc_pack_set *set, const char *id);
/* The pack that replaces `pack` (its superseded_by) when the set holds it and it is in
 * force on `day`; NULL otherwise. A replaced policy is not offered beside its successor. */
const pc_pack *pc_pack_set_successor(const pc_pack_set *set, const pc_pack *pack, pc_day day);
void pc_pack_set_free(pc_pack_set *set);

#endif
