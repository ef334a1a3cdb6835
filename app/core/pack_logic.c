/* pack_logic.c — the conditions of a pack: expressions over citations, numbers and
 * dates (rules/SCHEMA.md "Conditions"), the logic block with its exclusions and relief
 * tiers, clause tests, the named number and date facts, and periods (20 个工作日, 30 日,
 * 1 个月). Part of the pack loader (pack_yaml.h). */
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "pack_yaml.h"

/* ---- static prototypes ---- */
static pc_expr *new_expr(pc_loader *ld, pc_expr_kind kind, yaml_node_t *node);
static pc_expr *load_expr_list(pc_loader *ld, pc_expr_kind kind, yaml_node_t *node,
                               yaml_node_t *list, int depth);
static pc_expr *load_comparison(pc_loader *ld, pc_expr_kind kind, yaml_node_t *node,
                                yaml_node_t *args);
static void load_operand(pc_loader *ld, yaml_node_t *node, pc_operand *o);
static void load_value_list(pc_loader *ld, yaml_node_t *root, const char *key, pc_value_fact *out,
                            size_t *n);
static void load_tier(pc_loader *ld, yaml_node_t *node, pc_tier *t);
static void load_tiers(pc_loader *ld, yaml_node_t *logic);
static int operand_date(pc_loader *ld, yaml_node_t *args, size_t i);
static bool valid_name(const char *s);

static const struct {
    const char *op;
    pc_expr_kind kind;
} comparisons[] = {{"lt", PC_EXPR_LT},
                   {"le", PC_EXPR_LE},
                   {"gt", PC_EXPR_GT},
                   {"ge", PC_EXPR_GE},
                   {"eq", PC_EXPR_EQ}};

/* ---- public functions ---- */

pc_expr *pl_expr(pc_loader *ld, yaml_node_t *node, int depth)
{
    if (ld->failed)
        return NULL;
    if (depth > 32) {
        pl_fail(ld, node, "condition nested deeper than 32 levels");
        return NULL;
    }
    if (node && node->type == YAML_SCALAR_NODE && !pl_is_null(node)) {
        pc_expr *e = new_expr(ld, PC_EXPR_CITE, node);
        if (e)
            e->clause = pl_resolve_cite(ld, node);
        return e;
    }
    if (pl_map_len(node) != 1) {
        pl_fail(ld, node,
                "a condition is a citation or one of {all: […]}, {any: […]}, {not: …}, "
                "{lt|le|gt|ge|eq: [a, b]}");
        return NULL;
    }
    yaml_node_pair_t *p = node->data.mapping.pairs.start;
    const char *op = pl_scalar(pl_node(ld, p->key));
    yaml_node_t *arg = pl_node(ld, p->value);
    if (op && strcmp(op, "not") == 0)
        return load_expr_list(ld, PC_EXPR_NOT, node, arg, depth);
    for (size_t i = 0; op && i < sizeof comparisons / sizeof *comparisons; i++)
        if (strcmp(op, comparisons[i].op) == 0)
            return load_comparison(ld, comparisons[i].kind, node, arg);
    bool all = op && strcmp(op, "all") == 0, any = op && strcmp(op, "any") == 0;
    if ((!all && !any) || !arg || arg->type != YAML_SEQUENCE_NODE) {
        pl_fail(ld, node, "unknown condition \"%s\" (all, any, not, lt, le, gt, ge, eq)",
                op ? op : "?");
        return NULL;
    }
    return load_expr_list(ld, all ? PC_EXPR_ALL : PC_EXPR_ANY, node, arg, depth);
}

pc_expr *pl_optional_expr(pc_loader *ld, yaml_node_t *map, const char *key, bool required)
{
    yaml_node_t *node = pl_get(ld, map, key);
    if (!node || pl_is_null(node)) {
        if (required)
            pl_fail(ld, node ? node : map, "missing condition \"%s\"", key);
        return NULL;
    }
    return pl_expr(ld, node, 0);
}

bool pl_period(pc_loader *ld, yaml_node_t *map, pc_period *out)
{
    static const struct {
        const char *key;
        pc_period_kind kind;
    } kinds[] = {{"working_days", PC_PERIOD_WORKING_DAYS},
                 {"days", PC_PERIOD_DAYS},
                 {"months", PC_PERIOD_MONTHS}};
    int given = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        int n = pl_int(ld, map, kinds[i].key);
        if (n > 0) {
            out->kind = kinds[i].kind;
            out->count = n;
            given++;
        }
    }
    if (given > 1)
        pl_fail(ld, map, "give one of working_days, days, months");
    return given == 1;
}

void pl_load_values(pc_loader *ld, yaml_node_t *root)
{
    load_value_list(ld, root, "numbers", ld->pack->numbers, &ld->pack->n_numbers);
    load_value_list(ld, root, "dates", ld->pack->dates, &ld->pack->n_dates);
    for (size_t i = 0; i < ld->pack->n_numbers && !ld->failed; i++)
        if (pc_pack_find_date(ld->pack, ld->pack->numbers[i].name) >= 0)
            pl_fail(ld, root, "\"%s\" is both a number and a date", ld->pack->numbers[i].name);
}

/* Clause tests may name numbers and dates: read after the values, before the logic. */
void pl_load_clause_tests(pc_loader *ld, yaml_node_t *clauses)
{
    for (size_t i = 0; i < ld->pack->n_clauses && !ld->failed; i++)
        ld->pack->clauses[i].test =
            pl_optional_expr(ld, pl_seq_item(ld, clauses, i), "test", false);
}

void pl_load_logic(pc_loader *ld, yaml_node_t *root)
{
    static const char *const keys[] = {"applicability", "exclusions", "necessary", "situations",
                                       "catch_all",     "mitigation", "tiers",     NULL};
    yaml_node_t *node = pl_get(ld, root, "logic");
    if (!node) {
        pl_fail(ld, root, "missing \"logic\"");
        return;
    }
    pl_check_keys(ld, node, keys);
    pc_logic *lg = &ld->pack->logic;
    lg->applicability = pl_optional_expr(ld, node, "applicability", true);
    lg->exclusions = pl_optional_expr(ld, node, "exclusions", false);
    lg->necessary = pl_optional_expr(ld, node, "necessary", true);
    lg->situations = pl_optional_expr(ld, node, "situations", true);
    lg->mitigation = pl_optional_expr(ld, node, "mitigation", false);
    yaml_node_t *catch_all = pl_seq(ld, node, "catch_all", false);
    lg->catch_all = pl_cite_list(ld, catch_all, &lg->n_catch_all);
    ld->pack->is_catch_all = pl_calloc(ld, ld->pack->n_clauses, sizeof(bool));
    for (size_t i = 0; ld->pack->is_catch_all && i < lg->n_catch_all; i++)
        if (lg->catch_all[i] >= 0)
            ld->pack->is_catch_all[lg->catch_all[i]] = true;
    load_tiers(ld, node);
}

void pl_expr_free(pc_expr *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n_kids; i++)
        pl_expr_free(e->kids[i]);
    free(e->kids);
    free(e);
}

void pl_logic_free(pc_logic *lg)
{
    pl_expr_free(lg->applicability), pl_expr_free(lg->exclusions), pl_expr_free(lg->necessary);
    pl_expr_free(lg->situations), pl_expr_free(lg->mitigation);
    free(lg->catch_all);
    for (size_t i = 0; i < lg->n_tiers; i++) {
        free(lg->tiers[i].name), free(lg->tiers[i].obligation);
        pl_expr_free(lg->tiers[i].when);
    }
    free(lg->tiers);
}

/* ---- static functions ---- */

static pc_expr *new_expr(pc_loader *ld, pc_expr_kind kind, yaml_node_t *node)
{
    pc_expr *e = pl_calloc(ld, 1, sizeof *e);
    if (e) {
        e->kind = kind;
        e->clause = -1;
        e->line = pl_line(node);
    }
    return e;
}

static pc_expr *load_expr_list(pc_loader *ld, pc_expr_kind kind, yaml_node_t *node,
                               yaml_node_t *list, int depth)
{
    pc_expr *e = new_expr(ld, kind, node);
    if (!e)
        return NULL;
    size_t n = kind == PC_EXPR_NOT ? 1 : pl_seq_len(list);
    if (kind != PC_EXPR_NOT && n == 0) {
        pl_fail(ld, node, "an all/any needs a non-empty list");
        return e;
    }
    e->kids = pl_calloc(ld, n, sizeof *e->kids);
    for (size_t i = 0; e->kids && i < n && !ld->failed; i++) {
        e->kids[i] = pl_expr(ld, kind == PC_EXPR_NOT ? list : pl_seq_item(ld, list, i), depth + 1);
        e->n_kids = i + 1;
    }
    return e;
}

static pc_expr *load_comparison(pc_loader *ld, pc_expr_kind kind, yaml_node_t *node,
                                yaml_node_t *args)
{
    if (pl_seq_len(args) != 2) {
        pl_fail(ld, node, "a comparison takes a list of two operands");
        return NULL;
    }
    pc_expr *e = new_expr(ld, kind, node);
    if (!e)
        return NULL;
    load_operand(ld, pl_seq_item(ld, args, 0), &e->lhs);
    load_operand(ld, pl_seq_item(ld, args, 1), &e->rhs);
    bool lhs_date = e->lhs.kind == PC_OPD_DATE || e->lhs.kind == PC_OPD_DATE_FACT;
    bool rhs_date = e->rhs.kind == PC_OPD_DATE || e->rhs.kind == PC_OPD_DATE_FACT;
    if (lhs_date != rhs_date)
        pl_fail(ld, node, "a comparison needs two numbers or two dates");
    return e;
}

/* A number, a date, a number or date fact's name, or {years: [from, to]}. */
static void load_operand(pc_loader *ld, yaml_node_t *node, pc_operand *o)
{
    memset(o, 0, sizeof *o);
    if (pl_map_len(node) == 1) {
        yaml_node_pair_t *p = node->data.mapping.pairs.start;
        const char *op = pl_scalar(pl_node(ld, p->key));
        yaml_node_t *args = pl_node(ld, p->value);
        int from = operand_date(ld, args, 0), to = operand_date(ld, args, 1);
        if (!op || strcmp(op, "years") != 0 || from < 0 || to < 0) {
            pl_fail(ld, node, "an operand map is {years: [date, date]} over declared dates");
            return;
        }
        o->kind = PC_OPD_YEARS, o->from = from, o->to = to;
        return;
    }
    const char *s = pl_scalar(node);
    if (!s) {
        pl_fail(ld, node, "an operand is a number, a date, or a declared number or date");
        return;
    }
    if ((o->fact = pc_pack_find_number(ld->pack, s)) >= 0)
        o->kind = PC_OPD_NUMBER_FACT;
    else if ((o->fact = pc_pack_find_date(ld->pack, s)) >= 0)
        o->kind = PC_OPD_DATE_FACT;
    else if (pc_day_parse(s, &o->day))
        o->kind = PC_OPD_DATE;
    else if (pl_number(node, &o->number))
        o->kind = PC_OPD_NUMBER;
    else
        pl_fail(ld, node, "\"%s\" is not a number, a date, or a declared number or date", s);
}

static void load_value_list(pc_loader *ld, yaml_node_t *root, const char *key, pc_value_fact *out,
                            size_t *n)
{
    static const char *const keys[] = {"name", "unit", "label", NULL};
    yaml_node_t *seq = pl_seq(ld, root, key, false);
    if (pl_seq_len(seq) > PC_MAX_VALUES) {
        pl_fail(ld, seq, "more than %d %s", PC_MAX_VALUES, key);
        return;
    }
    for (size_t i = 0; i < pl_seq_len(seq) && !ld->failed; i++) {
        yaml_node_t *node = pl_seq_item(ld, seq, i);
        pc_value_fact *v = &out[i];
        *n = i + 1;
        pl_check_keys(ld, node, keys);
        v->name = pl_string(ld, node, "name", true);
        v->unit = pl_string(ld, node, "unit", false);
        v->label = pl_string(ld, node, "label", true);
        if (!valid_name(v->name))
            pl_fail(ld, node, "%s name \"%s\" must be [a-z0-9_]+", key, v->name);
        for (size_t j = 0; j < i && !ld->failed; j++)
            if (strcmp(out[j].name, v->name) == 0)
                pl_fail(ld, node, "%s name \"%s\" appears twice", key, v->name);
    }
}

static void load_tier(pc_loader *ld, yaml_node_t *node, pc_tier *t)
{
    static const char *const keys[] = {"cite",       "name",   "outcome", "when",
                                       "obligation", "within", NULL};
    pl_check_keys(ld, node, keys);
    t->line = pl_line(node);
    t->cite = pl_get_cite(ld, node, "cite");
    t->name = pl_string(ld, node, "name", true);
    t->obligation = pl_string(ld, node, "obligation", false);
    char *outcome = pl_string(ld, node, "outcome", true);
    t->outcome = pc_outcome_from_name(outcome);
    if (t->outcome != PC_OUT_EXEMPT && t->outcome != PC_OUT_MITIGATE)
        pl_fail(ld, node, "tier \"%s\": outcome must be exempt or mitigate", t->name);
    free(outcome);
    t->when = pl_optional_expr(ld, node, "when", false);
    yaml_node_t *within = pl_get(ld, node, "within");
    if (within && !pl_is_null(within) && !pl_period(ld, within, &t->obligation_within))
        pl_fail(ld, within, "tier \"%s\": within needs working_days, days or months", t->name);
}

static void load_tiers(pc_loader *ld, yaml_node_t *logic)
{
    yaml_node_t *seq = pl_seq(ld, logic, "tiers", false);
    size_t n = pl_seq_len(seq);
    ld->pack->logic.tiers = pl_calloc(ld, n, sizeof(pc_tier));
    for (size_t i = 0; ld->pack->logic.tiers && i < n && !ld->failed; i++) {
        ld->pack->logic.n_tiers = i + 1;
        load_tier(ld, pl_seq_item(ld, seq, i), &ld->pack->logic.tiers[i]);
    }
}

/* The i-th of two date names in a {years: [from, to]} operand, or -1. */
static int operand_date(pc_loader *ld, yaml_node_t *args, size_t i)
{
    if (pl_seq_len(args) != 2)
        return -1;
    const char *name = pl_scalar(pl_seq_item(ld, args, i));
    return name ? pc_pack_find_date(ld->pack, name) : -1;
}

static bool valid_name(const char *s)
{
    if (!s || !s[0])
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}
