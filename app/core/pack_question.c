/* pack_question.c — loads a pack's questions (rules/SCHEMA.md "questions"): yes/no,
 * choice, which-apply, number and date, each with the clause facts its answers set.
 * Part of the pack loader (pack_yaml.h). */
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "pack_yaml.h"

/* ---- static prototypes ---- */
static void load_question(pc_loader *ld, yaml_node_t *node, pc_question *q);
static void load_yes_no(pc_loader *ld, yaml_node_t *node, pc_question *q);
static void load_options(pc_loader *ld, yaml_node_t *node, pc_question *q);
static void load_value_question(pc_loader *ld, yaml_node_t *node, pc_question *q);
static pc_setting *load_settings(pc_loader *ld, yaml_node_t *map, size_t *n);
static pc_setting *settings_from_cites(pc_loader *ld, yaml_node_t *seq, pc_truth value, size_t *n);
static void add_cite(pc_loader *ld, pc_question *q, int clause);
static void collect_cites(pc_loader *ld, pc_question *q, yaml_node_t *node);
static bool operand_uses(const pc_operand *o, bool date, int index);
static bool expr_uses_value(const pc_expr *e, bool date, int index);
static bool parse_kind(const char *name, pc_question_kind *kind);

static const char *const kind_names[PC_Q_KIND_COUNT] = {"yes_no", "choice", "multi", "number",
                                                        "date"};

/* ---- public functions ---- */

void pl_load_questions(pc_loader *ld, yaml_node_t *root)
{
    yaml_node_t *seq = pl_seq(ld, root, "questions", true);
    size_t n = pl_seq_len(seq);
    if (n > PC_MAX_QUESTIONS) {
        pl_fail(ld, seq, "more than %d questions", PC_MAX_QUESTIONS);
        return;
    }
    ld->pack->questions = pl_calloc(ld, n, sizeof(pc_question));
    for (size_t i = 0; ld->pack->questions && i < n && !ld->failed; i++) {
        ld->pack->n_questions = i + 1;
        load_question(ld, pl_seq_item(ld, seq, i), &ld->pack->questions[i]);
    }
}

void pl_questions_free(pc_pack *p)
{
    for (size_t i = 0; i < p->n_questions; i++) {
        pc_question *q = &p->questions[i];
        for (size_t o = 0; o < q->n_options; o++)
            free(q->options[o].label), free(q->options[o].sets);
        free(q->options), free(q->not_yet);
        free(q->id), free(q->cites), free(q->ask), free(q->why), free(q->help);
    }
    free(p->questions);
}

const char *pc_question_kind_name(pc_question_kind kind)
{
    return kind < PC_Q_KIND_COUNT ? kind_names[kind] : "?";
}

/* ---- static functions ---- */

static void load_question(pc_loader *ld, yaml_node_t *node, pc_question *q)
{
    static const char *const keys[] = {"id",     "kind", "cites", "yes",      "no",   "options",
                                       "number", "min",  "max",   "decimals", "date", "not_yet",
                                       "ask",    "why",  "help",  NULL};
    pl_check_keys(ld, node, keys);
    q->line = pl_line(node);
    q->value = -1;
    q->id = pl_string(ld, node, "id", true);
    q->ask = pl_string(ld, node, "ask", true);
    q->why = pl_string(ld, node, "why", true);
    q->help = pl_string(ld, node, "help", false);
    q->not_yet = pl_string(ld, node, "not_yet", false);
    char *kind = pl_string(ld, node, "kind", false);
    if (kind[0] && !parse_kind(kind, &q->kind))
        pl_fail(ld, node, "question \"%s\": kind must be yes_no, choice, multi, number or date",
                q->id);
    free(kind);
    if (q->id && pc_pack_find_question(ld->pack, q->id) >= 0 &&
        &ld->pack->questions[pc_pack_find_question(ld->pack, q->id)] != q)
        pl_fail(ld, node, "question id \"%s\" appears twice", q->id);
    if (q->kind == PC_Q_YES_NO)
        load_yes_no(ld, node, q);
    else if (q->kind == PC_Q_CHOICE || q->kind == PC_Q_MULTI)
        load_options(ld, node, q);
    else
        load_value_question(ld, node, q);
    collect_cites(ld, q, node);
    if (!ld->failed && q->n_cites == 0 && q->kind != PC_Q_DATE)
        pl_fail(ld, node, "question \"%s\" maps onto no clause", q->id);
}

/* 是 and 否: from `cites` (是 → true, 否 → false) or from `yes` / `no` settings. */
static void load_yes_no(pc_loader *ld, yaml_node_t *node, pc_question *q)
{
    yaml_node_t *cites = pl_seq(ld, node, "cites", false);
    yaml_node_t *yes = pl_get(ld, node, "yes"), *no = pl_get(ld, node, "no");
    if (!cites == !(yes || no)) {
        pl_fail(ld, node, "question \"%s\": give either cites, or yes and no", q->id);
        return;
    }
    q->options = pl_calloc(ld, 2, sizeof(pc_option));
    if (!q->options)
        return;
    q->n_options = 2;
    q->options[0].label = pl_strdup(ld, "是");
    q->options[1].label = pl_strdup(ld, "否");
    if (cites) {
        q->options[0].sets = settings_from_cites(ld, cites, PC_TRUE, &q->options[0].n_sets);
        q->options[1].sets = settings_from_cites(ld, cites, PC_FALSE, &q->options[1].n_sets);
    } else {
        q->options[0].sets = load_settings(ld, yes, &q->options[0].n_sets);
        q->options[1].sets = load_settings(ld, no, &q->options[1].n_sets);
    }
}

static void load_options(pc_loader *ld, yaml_node_t *node, pc_question *q)
{
    static const char *const keys[] = {"label", "sets", "cites", NULL};
    yaml_node_t *seq = pl_seq(ld, node, "options", true);
    size_t n = pl_seq_len(seq);
    if (n < 2 || n > PC_MAX_OPTIONS) {
        pl_fail(ld, seq ? seq : node, "question \"%s\": 2 to %d options", q->id, PC_MAX_OPTIONS);
        return;
    }
    q->options = pl_calloc(ld, n, sizeof(pc_option));
    for (size_t i = 0; q->options && i < n && !ld->failed; i++) {
        yaml_node_t *o = pl_seq_item(ld, seq, i);
        pc_option *op = &q->options[i];
        q->n_options = i + 1;
        pl_check_keys(ld, o, keys);
        op->label = pl_string(ld, o, "label", true);
        if (q->kind == PC_Q_CHOICE)
            op->sets = load_settings(ld, pl_get(ld, o, "sets"), &op->n_sets);
        else
            op->sets = settings_from_cites(ld, pl_seq(ld, o, "cites", true), PC_TRUE, &op->n_sets);
        if (!ld->failed && q->kind == PC_Q_MULTI && op->n_sets == 0)
            pl_fail(ld, o, "question \"%s\": option \"%s\" sets no clause", q->id, op->label);
    }
}

static void load_value_question(pc_loader *ld, yaml_node_t *node, pc_question *q)
{
    bool date = q->kind == PC_Q_DATE;
    char *name = pl_string(ld, node, date ? "date" : "number", true);
    q->value = date ? pc_pack_find_date(ld->pack, name) : pc_pack_find_number(ld->pack, name);
    if (!ld->failed && q->value < 0)
        pl_fail(ld, node, "question \"%s\": \"%s\" is not among the pack's %s", q->id, name,
                date ? "dates" : "numbers");
    free(name);
    if (date) {
        if (!ld->failed && !q->not_yet[0])
            pl_fail(ld, node, "question \"%s\": a date question needs \"not_yet\"", q->id);
        return;
    }
    yaml_node_t *min = pl_get(ld, node, "min"), *max = pl_get(ld, node, "max");
    if (!pl_number(min, &q->min) || !pl_number(max, &q->max) || q->min > q->max)
        pl_fail(ld, node, "question \"%s\": a number question needs min ≤ max", q->id);
    q->decimals = pl_int(ld, node, "decimals");
    if (q->decimals > 2)
        pl_fail(ld, node, "question \"%s\": decimals must be 0, 1 or 2", q->id);
    if (q->max > 20000000.0 || q->min < -20000000.0)
        pl_fail(ld, node, "question \"%s\": bounds beyond ±20000000", q->id);
}

/* {"4.3": false, "4.4": true} */
static pc_setting *load_settings(pc_loader *ld, yaml_node_t *map, size_t *n)
{
    *n = 0;
    if (!map || map->type != YAML_MAPPING_NODE) {
        pl_fail(ld, map, "expected a mapping of citations to true or false");
        return NULL;
    }
    size_t len = pl_map_len(map);
    pc_setting *out = pl_calloc(ld, len, sizeof *out);
    for (size_t i = 0; out && i < len && !ld->failed; i++) {
        yaml_node_pair_t *p = &map->data.mapping.pairs.start[i];
        const char *v = pl_scalar(pl_node(ld, p->value));
        out[i].clause = pl_resolve_cite(ld, pl_node(ld, p->key));
        if (v && strcmp(v, "true") == 0)
            out[i].value = PC_TRUE;
        else if (v && strcmp(v, "false") == 0)
            out[i].value = PC_FALSE;
        else
            pl_fail(ld, pl_node(ld, p->value), "a setting is true or false");
        *n = i + 1;
    }
    return out;
}

static pc_setting *settings_from_cites(pc_loader *ld, yaml_node_t *seq, pc_truth value, size_t *n)
{
    int *cites = pl_cite_list(ld, seq, n);
    pc_setting *out = pl_calloc(ld, *n, sizeof *out);
    for (size_t i = 0; out && cites && i < *n; i++)
        out[i] = (pc_setting){cites[i], value};
    free(cites);
    return out;
}

static void add_cite(pc_loader *ld, pc_question *q, int clause)
{
    if (clause < 0)
        return;
    for (size_t i = 0; i < q->n_cites; i++)
        if (q->cites[i] == clause)
            return;
    int *grown = realloc(q->cites, (q->n_cites + 1) * sizeof *grown);
    if (!grown) {
        pl_fail(ld, NULL, "out of memory");
        return;
    }
    q->cites = grown;
    q->cites[q->n_cites++] = clause;
}

/* Every clause the answer can set: the options' settings, explicit `cites` on number and
 * date questions, and the clauses whose tests read the question's number or date. */
static void collect_cites(pc_loader *ld, pc_question *q, yaml_node_t *node)
{
    for (size_t o = 0; o < q->n_options; o++)
        for (size_t s = 0; s < q->options[o].n_sets; s++)
            add_cite(ld, q, q->options[o].sets[s].clause);
    if (q->kind != PC_Q_NUMBER && q->kind != PC_Q_DATE)
        return;
    size_t n;
    int *cites = pl_cite_list(ld, pl_seq(ld, node, "cites", false), &n);
    for (size_t i = 0; cites && i < n; i++)
        add_cite(ld, q, cites[i]);
    free(cites);
    for (size_t c = 0; c < ld->pack->n_clauses && q->value >= 0; c++)
        if (expr_uses_value(ld->pack->clauses[c].test, q->kind == PC_Q_DATE, q->value))
            add_cite(ld, q, (int)c);
}

static bool operand_uses(const pc_operand *o, bool date, int index)
{
    if (o->kind == PC_OPD_YEARS)
        return date && (o->from == index || o->to == index);
    return o->fact == index && o->kind == (date ? PC_OPD_DATE_FACT : PC_OPD_NUMBER_FACT);
}

static bool expr_uses_value(const pc_expr *e, bool date, int index)
{
    if (!e)
        return false;
    if (e->kind >= PC_EXPR_LT)
        return operand_uses(&e->lhs, date, index) || operand_uses(&e->rhs, date, index);
    for (size_t i = 0; i < e->n_kids; i++)
        if (expr_uses_value(e->kids[i], date, index))
            return true;
    return false;
}

static bool parse_kind(const char *name, pc_question_kind *kind)
{
    for (int i = 0; i < PC_Q_KIND_COUNT; i++)
        if (strcmp(name, kind_names[i]) == 0) {
            *kind = (pc_question_kind)i;
            return true;
        }
    return false;
}
