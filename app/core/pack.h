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
    PC_ROLE_APPLICABILITY, PC_ROLE_NECESSARY, PC_ROLE_KIND, PC_ROLE_SITUATION,
    PC_ROLE_CATCH_ALL, PC_ROLE_MITIGATION, PC_ROLE_PROCEDURE, PC_ROLE_MATERIAL,
    PC_ROLE_RESULT, PC_ROLE_GROUP, PC_ROLE_COUNT
} pc_role;

typedef enum { PC_EXPR_CITE, PC_EXPR_ALL, PC_EXPR_ANY, PC_EXPR_NOT } pc_expr_kind;

typedef struct pc_expr {
    pc_expr_kind kind;
    int clause;                 /* clause index, for PC_EXPR_CITE */
    struct pc_expr **kids;      /* children, for ALL / ANY / NOT (one) */
    size_t n_kids;
    int line;                   /* 1-based line in the pack file */
} pc_expr;

typedef struct pc_clause {
    char *cite;                 /* "4.1", "annex2.3" */
    char *label;                /* 第四条第（一）项 */
    pc_role role;
    char *plain;                /* plain Chinese, for the result screen */
    char *text;                 /* verbatim from the source */
    int *group;                 /* member clause indices when this cite names a group */
    size_t n_group;
    int line;
} pc_clause;

typedef enum { PC_Q_YES_NO, PC_Q_DATE } pc_question_kind;

typedef struct pc_question {
    char *id;
    pc_question_kind kind;
    char *date_name;            /* for PC_Q_DATE: the date fact it sets ("notified_on") */
    int *cites;                 /* clause indices the answer sets */
    size_t n_cites;
    char *ask, *why, *help;     /* help may be "" */
    int line;
} pc_question;

typedef struct pc_material {
    char *name;
    int cite;                   /* clause index */
    pc_expr *when;              /* NULL: always required */
    int line;
} pc_material;

typedef struct pc_deadline {
    int cite;
    char *what;
    char *from;                 /* date fact name */
    int working_days;
    char *note;                 /* may be "" */
    int line;
} pc_deadline;

typedef struct pc_step {
    int cite;
    char *what;
    int working_days, months, days;             /* at most one is non-zero */
    int extension_working_days, extension_months;
    char *note;                 /* may be "" */
    int line;
} pc_step;

typedef struct pc_logic {
    pc_expr *applicability;     /* never NULL after a successful load */
    pc_expr *necessary;
    pc_expr *situations;
    pc_expr *mitigation;        /* NULL: no lighter handling */
    int *catch_all;             /* clause indices */
    size_t n_catch_all;
} pc_logic;

typedef enum { PC_STATUS_DRAFT, PC_STATUS_ISSUED } pc_pack_status;

typedef struct pc_pack {
    char *path;                 /* the file it came from */
    char *id, *version, *source_path;
    char *title, *short_title, *issuer, *number, *covers, *relief, *mitigation_relief;
    pc_pack_status status;
    pc_day issued_on, in_force_from, in_force_until;   /* PC_NO_DAY when null */
    pc_clause *clauses; size_t n_clauses;
    pc_logic logic;
    pc_question *questions; size_t n_questions;
    pc_material *materials; size_t n_materials;
    pc_deadline *deadline;      /* NULL when the policy sets none */
    pc_step *steps; size_t n_steps;
    bool *is_catch_all;         /* per clause */
} pc_pack;

/* Loads and structurally checks a pack file. On failure returns NULL and writes
 * "file:line: reason" into err. */
pc_pack *pc_pack_load(const char *path, char *err, size_t errsize);
/* Same, from memory (name is used in messages and for resolving `source`). */
pc_pack *pc_pack_load_text(const char *name, const char *text, size_t len, char *err, size_t errsize);
void pc_pack_free(pc_pack *pack);

/* Clause index for a citation, or -1. */
int pc_pack_find_clause(const pc_pack *pack, const char *cite);
int pc_pack_find_question(const pc_pack *pack, const char *id);
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
void pc_pack_set_free(pc_pack_set *set);

#endif
