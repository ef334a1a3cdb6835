/* pack.c — loads a rule pack from YAML (rules/SCHEMA.md) into a pc_pack.
 *
 * libyaml builds the document tree (with line numbers); this file only walks it.
 * Every problem is reported as "file:line: what is wrong" and the pack is refused as a
 * whole: a half-loaded policy must never reach the kiosk. Semantic checks that need the
 * whole pack (reachability, verbatim text) live in lint.c. */
#include "pack.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "eval.h"
#include "file_read.h"

typedef struct loader {
    yaml_document_t doc;
    const char *name;       /* file name for messages */
    char *err;
    size_t errsize;
    bool failed;
    pc_pack *pack;
} loader;

static const char *const role_names[PC_ROLE_COUNT] = {
    "applicability", "necessary", "kind", "situation", "catch_all",
    "mitigation", "procedure", "material", "result", "group"};

/* ---- errors and memory ---- */

static void fail_at(loader *ld, const yaml_node_t *node, const char *fmt, ...)
{
    if (ld->failed)
        return;
    ld->failed = true;
    int line = node ? (int)node->start_mark.line + 1 : 0;
    int used = snprintf(ld->err, ld->errsize, "%s:%d: ", ld->name, line);
    if (used < 0 || (size_t)used >= ld->errsize)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ld->err + used, ld->errsize - (size_t)used, fmt, ap);
    va_end(ap);
}

static void *xcalloc(loader *ld, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        fail_at(ld, NULL, "out of memory");
    return p;
}

static char *xstrdup(loader *ld, const char *s)
{
    char *p = strdup(s);
    if (!p)
        fail_at(ld, NULL, "out of memory");
    return p;
}

static int line_of(const yaml_node_t *node)
{
    return (int)node->start_mark.line + 1;
}

/* ---- tree access ---- */

static yaml_node_t *node_at(loader *ld, int index)
{
    return yaml_document_get_node(&ld->doc, index);
}

static const char *scalar_text(const yaml_node_t *node)
{
    return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

static bool scalar_is_null(const yaml_node_t *node)
{
    const char *s = scalar_text(node);
    return s && node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           (strcmp(s, "null") == 0 || strcmp(s, "~") == 0 || s[0] == '\0');
}

static yaml_node_t *map_get(loader *ld, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const char *k = scalar_text(node_at(ld, p->key));
        if (k && strcmp(k, key) == 0)
            return node_at(ld, p->value);
    }
    return NULL;
}

/* Refuses keys that the schema does not know (a typo must not silently drop a rule). */
static void check_keys(loader *ld, yaml_node_t *map, const char *const *allowed)
{
    if (!map || map->type != YAML_MAPPING_NODE) {
        fail_at(ld, map, "expected a mapping");
        return;
    }
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *keynode = node_at(ld, p->key);
        const char *k = scalar_text(keynode);
        bool known = false;
        for (size_t i = 0; k && allowed[i]; i++)
            known = known || strcmp(k, allowed[i]) == 0;
        if (!known)
            fail_at(ld, keynode, "unknown key \"%s\"", k ? k : "?");
    }
}

static char *get_string(loader *ld, yaml_node_t *map, const char *key, bool required)
{
    yaml_node_t *node = map_get(ld, map, key);
    const char *s = scalar_text(node);
    if (!node || scalar_is_null(node)) {
        if (required)
            fail_at(ld, node ? node : map, "missing \"%s\"", key);
        return xstrdup(ld, "");
    }
    if (!s) {
        fail_at(ld, node, "\"%s\" must be text", key);
        return xstrdup(ld, "");
    }
    return xstrdup(ld, s);
}

static int get_int(loader *ld, yaml_node_t *map, const char *key)
{
    yaml_node_t *node = map_get(ld, map, key);
    if (!node || scalar_is_null(node))
        return 0;
    const char *s = scalar_text(node);
    char *end = NULL;
    long v = s ? strtol(s, &end, 10) : -1;
    if (!s || *end || end == s || v < 0 || v > 3650) {
        fail_at(ld, node, "\"%s\" must be a whole number 0..3650", key);
        return 0;
    }
    return (int)v;
}

static pc_day get_day(loader *ld, yaml_node_t *map, const char *key)
{
    yaml_node_t *node = map_get(ld, map, key);
    if (!node || scalar_is_null(node))
        return PC_NO_DAY;
    pc_day day;
    if (!pc_day_parse(scalar_text(node), &day)) {
        fail_at(ld, node, "\"%s\" must be a date YYYY-MM-DD or null", key);
        return PC_NO_DAY;
    }
    return day;
}

static size_t seq_len(yaml_node_t *node)
{
    return node && node->type == YAML_SEQUENCE_NODE
               ? (size_t)(node->data.sequence.items.top - node->data.sequence.items.start)
               : 0;
}

static yaml_node_t *seq_item(loader *ld, yaml_node_t *node, size_t i)
{
    return node_at(ld, node->data.sequence.items.start[i]);
}

static yaml_node_t *get_seq(loader *ld, yaml_node_t *map, const char *key, bool required)
{
    yaml_node_t *node = map_get(ld, map, key);
    if (!node || scalar_is_null(node)) {
        if (required)
            fail_at(ld, map, "missing list \"%s\"", key);
        return NULL;
    }
    if (node->type != YAML_SEQUENCE_NODE) {
        fail_at(ld, node, "\"%s\" must be a list", key);
        return NULL;
    }
    return node;
}

/* ---- citations ---- */

static int resolve_cite(loader *ld, yaml_node_t *node)
{
    const char *cite = scalar_text(node);
    if (!cite) {
        fail_at(ld, node, "expected a citation");
        return -1;
    }
    int idx = pc_pack_find_clause(ld->pack, cite);
    if (idx < 0)
        fail_at(ld, node, "citation \"%s\" is not among the clauses", cite);
    return idx;
}

static int get_cite(loader *ld, yaml_node_t *map, const char *key)
{
    yaml_node_t *node = map_get(ld, map, key);
    if (!node) {
        fail_at(ld, map, "missing \"%s\"", key);
        return -1;
    }
    return resolve_cite(ld, node);
}

static int *get_cite_list(loader *ld, yaml_node_t *seq, size_t *count)
{
    *count = seq_len(seq);
    int *out = xcalloc(ld, *count, sizeof *out);
    for (size_t i = 0; out && i < *count; i++)
        out[i] = resolve_cite(ld, seq_item(ld, seq, i));
    return out;
}

/* ---- clauses ---- */

static bool parse_role(const char *name, pc_role *role)
{
    for (int i = 0; i < PC_ROLE_COUNT; i++)
        if (name && strcmp(name, role_names[i]) == 0) {
            *role = (pc_role)i;
            return true;
        }
    return false;
}

static void load_clause_text(loader *ld, yaml_node_t *node, pc_clause *c)
{
    static const char *const keys[] = {"cite", "label", "role", "plain", "text", "group", NULL};
    check_keys(ld, node, keys);
    c->line = line_of(node);
    c->cite = get_string(ld, node, "cite", true);
    c->label = get_string(ld, node, "label", true);
    c->plain = get_string(ld, node, "plain", true);
    c->text = get_string(ld, node, "text", true);
    yaml_node_t *role = map_get(ld, node, "role");
    if (!parse_role(scalar_text(role), &c->role))
        fail_at(ld, role ? role : node, "clause \"%s\": unknown role", c->cite);
    if (c->cite && pc_pack_find_clause(ld->pack, c->cite) >= 0)
        fail_at(ld, node, "citation \"%s\" appears twice", c->cite);
}

static void load_clauses(loader *ld, yaml_node_t *root)
{
    yaml_node_t *seq = get_seq(ld, root, "clauses", true);
    size_t n = seq_len(seq);
    if (n > PC_MAX_CLAUSES) {
        fail_at(ld, seq, "more than %d clauses", PC_MAX_CLAUSES);
        return;
    }
    ld->pack->clauses = xcalloc(ld, n, sizeof(pc_clause));
    for (size_t i = 0; ld->pack->clauses && i < n && !ld->failed; i++) {
        load_clause_text(ld, seq_item(ld, seq, i), &ld->pack->clauses[i]);
        ld->pack->n_clauses = i + 1;
    }
    /* groups refer to clauses that may come later: a second pass */
    for (size_t i = 0; i < ld->pack->n_clauses && !ld->failed; i++) {
        yaml_node_t *group = get_seq(ld, seq_item(ld, seq, i), "group", false);
        pc_clause *c = &ld->pack->clauses[i];
        if (group)
            c->group = get_cite_list(ld, group, &c->n_group);
    }
}

/* ---- expressions ---- */

static pc_expr *load_expr(loader *ld, yaml_node_t *node, int depth);

static pc_expr *new_expr(loader *ld, pc_expr_kind kind, yaml_node_t *node)
{
    pc_expr *e = xcalloc(ld, 1, sizeof *e);
    if (e) {
        e->kind = kind;
        e->clause = -1;
        e->line = line_of(node);
    }
    return e;
}

static pc_expr *load_expr_list(loader *ld, pc_expr_kind kind, yaml_node_t *node,
                               yaml_node_t *list, int depth)
{
    pc_expr *e = new_expr(ld, kind, node);
    if (!e)
        return NULL;
    size_t n = kind == PC_EXPR_NOT ? 1 : seq_len(list);
    if (kind != PC_EXPR_NOT && n == 0) {
        fail_at(ld, node, "an all/any needs a non-empty list");
        return e;
    }
    e->kids = xcalloc(ld, n, sizeof *e->kids);
    for (size_t i = 0; e->kids && i < n && !ld->failed; i++) {
        e->kids[i] = load_expr(ld, kind == PC_EXPR_NOT ? list : seq_item(ld, list, i), depth + 1);
        e->n_kids = i + 1;
    }
    return e;
}

static pc_expr *load_expr(loader *ld, yaml_node_t *node, int depth)
{
    if (ld->failed)
        return NULL;
    if (depth > 32) {
        fail_at(ld, node, "condition nested deeper than 32 levels");
        return NULL;
    }
    if (node && node->type == YAML_SCALAR_NODE && !scalar_is_null(node)) {
        pc_expr *e = new_expr(ld, PC_EXPR_CITE, node);
        if (e)
            e->clause = resolve_cite(ld, node);
        return e;
    }
    if (!node || node->type != YAML_MAPPING_NODE ||
        node->data.mapping.pairs.top - node->data.mapping.pairs.start != 1) {
        fail_at(ld, node, "a condition is a citation or one of {all: […]}, {any: […]}, {not: …}");
        return NULL;
    }
    yaml_node_pair_t *p = node->data.mapping.pairs.start;
    const char *op = scalar_text(node_at(ld, p->key));
    yaml_node_t *arg = node_at(ld, p->value);
    if (op && strcmp(op, "not") == 0)
        return load_expr_list(ld, PC_EXPR_NOT, node, arg, depth);
    bool all = op && strcmp(op, "all") == 0, any = op && strcmp(op, "any") == 0;
    if ((!all && !any) || !arg || arg->type != YAML_SEQUENCE_NODE) {
        fail_at(ld, node, "unknown condition \"%s\" (all, any or not, with a list)", op ? op : "?");
        return NULL;
    }
    return load_expr_list(ld, all ? PC_EXPR_ALL : PC_EXPR_ANY, node, arg, depth);
}

static pc_expr *load_optional_expr(loader *ld, yaml_node_t *map, const char *key, bool required)
{
    yaml_node_t *node = map_get(ld, map, key);
    if (!node || scalar_is_null(node)) {
        if (required)
            fail_at(ld, node ? node : map, "missing condition \"%s\"", key);
        return NULL;
    }
    return load_expr(ld, node, 0);
}

static void load_logic(loader *ld, yaml_node_t *root)
{
    static const char *const keys[] = {"applicability", "necessary", "situations",
                                       "catch_all", "mitigation", NULL};
    yaml_node_t *node = map_get(ld, root, "logic");
    if (!node) {
        fail_at(ld, root, "missing \"logic\"");
        return;
    }
    check_keys(ld, node, keys);
    pc_logic *lg = &ld->pack->logic;
    lg->applicability = load_optional_expr(ld, node, "applicability", true);
    lg->necessary = load_optional_expr(ld, node, "necessary", true);
    lg->situations = load_optional_expr(ld, node, "situations", true);
    lg->mitigation = load_optional_expr(ld, node, "mitigation", false);
    yaml_node_t *catch_all = get_seq(ld, node, "catch_all", false);
    lg->catch_all = get_cite_list(ld, catch_all, &lg->n_catch_all);
    ld->pack->is_catch_all = xcalloc(ld, ld->pack->n_clauses, sizeof(bool));
    for (size_t i = 0; ld->pack->is_catch_all && i < lg->n_catch_all; i++)
        if (lg->catch_all[i] >= 0)
            ld->pack->is_catch_all[lg->catch_all[i]] = true;
}

/* ---- questions, materials, deadline, steps ---- */

static void load_question(loader *ld, yaml_node_t *node, pc_question *q)
{
    static const char *const keys[] = {"id", "kind", "date", "cites", "ask", "why", "help", NULL};
    check_keys(ld, node, keys);
    q->line = line_of(node);
    q->id = get_string(ld, node, "id", true);
    q->ask = get_string(ld, node, "ask", true);
    q->why = get_string(ld, node, "why", true);
    q->help = get_string(ld, node, "help", false);
    q->date_name = get_string(ld, node, "date", false);
    char *kind = get_string(ld, node, "kind", false);
    if (kind && strcmp(kind, "date") == 0)
        q->kind = PC_Q_DATE;
    else if (kind && kind[0] && strcmp(kind, "yes_no") != 0)
        fail_at(ld, node, "question \"%s\": kind must be yes_no or date", q->id);
    free(kind);
    if (q->kind == PC_Q_DATE && (!q->date_name || !q->date_name[0]))
        fail_at(ld, node, "question \"%s\": a date question needs \"date\"", q->id);
    if (q->id && pc_pack_find_question(ld->pack, q->id) >= 0)
        fail_at(ld, node, "question id \"%s\" appears twice", q->id);
    q->cites = get_cite_list(ld, get_seq(ld, node, "cites", true), &q->n_cites);
    if (q->n_cites == 0)
        fail_at(ld, node, "question \"%s\" maps onto no clause", q->id);
}

static void load_questions(loader *ld, yaml_node_t *root)
{
    yaml_node_t *seq = get_seq(ld, root, "questions", true);
    size_t n = seq_len(seq);
    if (n > PC_MAX_CLAUSES) {
        fail_at(ld, seq, "more than %d questions", PC_MAX_CLAUSES);
        return;
    }
    ld->pack->questions = xcalloc(ld, n, sizeof(pc_question));
    for (size_t i = 0; ld->pack->questions && i < n && !ld->failed; i++) {
        load_question(ld, seq_item(ld, seq, i), &ld->pack->questions[i]);
        ld->pack->n_questions = i + 1;
    }
}

static void load_materials(loader *ld, yaml_node_t *root)
{
    static const char *const keys[] = {"name", "cite", "when", NULL};
    yaml_node_t *seq = get_seq(ld, root, "materials", true);
    size_t n = seq_len(seq);
    if (n > 64) {
        fail_at(ld, seq, "more than 64 materials");
        return;
    }
    ld->pack->materials = xcalloc(ld, n, sizeof(pc_material));
    for (size_t i = 0; ld->pack->materials && i < n && !ld->failed; i++) {
        yaml_node_t *node = seq_item(ld, seq, i);
        pc_material *m = &ld->pack->materials[i];
        ld->pack->n_materials = i + 1;
        check_keys(ld, node, keys);
        m->line = line_of(node);
        m->name = get_string(ld, node, "name", true);
        m->cite = get_cite(ld, node, "cite");
        m->when = load_optional_expr(ld, node, "when", false);
    }
}

static void load_deadline(loader *ld, yaml_node_t *root)
{
    static const char *const keys[] = {"cite", "what", "from", "working_days", "note", NULL};
    yaml_node_t *node = map_get(ld, root, "deadline");
    if (!node || scalar_is_null(node))
        return;
    check_keys(ld, node, keys);
    pc_deadline *d = ld->pack->deadline = xcalloc(ld, 1, sizeof *d);
    if (!d)
        return;
    d->line = line_of(node);
    d->cite = get_cite(ld, node, "cite");
    d->what = get_string(ld, node, "what", true);
    d->from = get_string(ld, node, "from", true);
    d->note = get_string(ld, node, "note", false);
    d->working_days = get_int(ld, node, "working_days");
    if (d->working_days <= 0)
        fail_at(ld, node, "deadline: \"working_days\" must be positive");
}

static void load_step(loader *ld, yaml_node_t *node, pc_step *s)
{
    static const char *const keys[] = {"cite", "what", "working_days", "months", "days",
                                       "extension_working_days", "extension_months", "note", NULL};
    check_keys(ld, node, keys);
    s->line = line_of(node);
    s->cite = get_cite(ld, node, "cite");
    s->what = get_string(ld, node, "what", true);
    s->note = get_string(ld, node, "note", false);
    s->working_days = get_int(ld, node, "working_days");
    s->months = get_int(ld, node, "months");
    s->days = get_int(ld, node, "days");
    s->extension_working_days = get_int(ld, node, "extension_working_days");
    s->extension_months = get_int(ld, node, "extension_months");
    if ((s->working_days > 0) + (s->months > 0) + (s->days > 0) > 1)
        fail_at(ld, node, "step \"%s\": give one of working_days, months, days", s->what);
}

static void load_steps(loader *ld, yaml_node_t *root)
{
    yaml_node_t *seq = get_seq(ld, root, "steps", true);
    size_t n = seq_len(seq);
    ld->pack->steps = xcalloc(ld, n, sizeof(pc_step));
    for (size_t i = 0; ld->pack->steps && i < n && !ld->failed; i++) {
        load_step(ld, seq_item(ld, seq, i), &ld->pack->steps[i]);
        ld->pack->n_steps = i + 1;
    }
}

/* ---- metadata ---- */

static void load_status(loader *ld, yaml_node_t *root)
{
    yaml_node_t *node = map_get(ld, root, "status");
    const char *s = scalar_text(node);
    if (s && strcmp(s, "draft") == 0)
        ld->pack->status = PC_STATUS_DRAFT;
    else if (s && strcmp(s, "issued") == 0)
        ld->pack->status = PC_STATUS_ISSUED;
    else
        fail_at(ld, node ? node : root, "\"status\" must be draft or issued");
}

static void load_metadata(loader *ld, yaml_node_t *root)
{
    static const char *const keys[] = {
        "schema", "id", "version", "source", "title", "short_title", "issuer", "number",
        "issued_on", "status", "in_force_from", "in_force_until", "covers", "relief",
        "mitigation_relief", "clauses", "logic", "questions", "materials", "deadline",
        "steps", NULL};
    pc_pack *p = ld->pack;
    check_keys(ld, root, keys);
    if (get_int(ld, root, "schema") != 1)
        fail_at(ld, map_get(ld, root, "schema") ? map_get(ld, root, "schema") : root,
                "\"schema\" must be 1");
    p->id = get_string(ld, root, "id", true);
    p->version = get_string(ld, root, "version", true);
    p->source_path = get_string(ld, root, "source", true);
    p->title = get_string(ld, root, "title", true);
    p->short_title = get_string(ld, root, "short_title", true);
    p->issuer = get_string(ld, root, "issuer", true);
    p->number = get_string(ld, root, "number", false);
    p->covers = get_string(ld, root, "covers", true);
    p->relief = get_string(ld, root, "relief", true);
    p->mitigation_relief = get_string(ld, root, "mitigation_relief", false);
    p->issued_on = get_day(ld, root, "issued_on");
    p->in_force_from = get_day(ld, root, "in_force_from");
    p->in_force_until = get_day(ld, root, "in_force_until");
    load_status(ld, root);
    if (p->status == PC_STATUS_ISSUED && p->in_force_from == PC_NO_DAY)
        fail_at(ld, root, "an issued policy needs \"in_force_from\"");
}

/* ---- public ---- */

static void load_all(loader *ld, yaml_node_t *root)
{
    if (!root || root->type != YAML_MAPPING_NODE) {
        fail_at(ld, root, "a pack is a YAML mapping");
        return;
    }
    load_metadata(ld, root);
    if (!ld->failed)
        load_clauses(ld, root);
    if (!ld->failed)
        load_logic(ld, root);
    if (!ld->failed)
        load_questions(ld, root);
    if (!ld->failed)
        load_materials(ld, root);
    if (!ld->failed)
        load_deadline(ld, root);
    if (!ld->failed)
        load_steps(ld, root);
}

pc_pack *pc_pack_load_text(const char *name, const char *text, size_t len, char *err,
                           size_t errsize)
{
    loader ld = {.name = name, .err = err, .errsize = errsize};
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &ld.doc)) {
        snprintf(err, errsize, "%s:%d: YAML error: %s", name, (int)parser.problem_mark.line + 1,
                 parser.problem ? parser.problem : "unreadable");
        yaml_parser_delete(&parser);
        return NULL;
    }
    yaml_parser_delete(&parser);
    ld.pack = xcalloc(&ld, 1, sizeof(pc_pack));
    if (ld.pack) {
        ld.pack->path = xstrdup(&ld, name);
        load_all(&ld, yaml_document_get_root_node(&ld.doc));
    }
    yaml_document_delete(&ld.doc);
    if (ld.failed) {
        pc_pack_free(ld.pack);
        return NULL;
    }
    return ld.pack;
}

pc_pack *pc_pack_load(const char *path, char *err, size_t errsize)
{
    size_t len;
    char *buf = pc_file_read(path, &len, err, errsize);
    if (!buf)
        return NULL;
    pc_pack *pack = pc_pack_load_text(path, buf, len, err, errsize);
    free(buf);
    return pack;
}

static void expr_free(pc_expr *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n_kids; i++)
        expr_free(e->kids[i]);
    free(e->kids);
    free(e);
}

static void clauses_free(pc_pack *p)
{
    for (size_t i = 0; i < p->n_clauses; i++) {
        pc_clause *c = &p->clauses[i];
        free(c->cite), free(c->label), free(c->plain), free(c->text), free(c->group);
    }
    free(p->clauses);
}

static void questions_free(pc_pack *p)
{
    for (size_t i = 0; i < p->n_questions; i++) {
        pc_question *q = &p->questions[i];
        free(q->id), free(q->date_name), free(q->cites), free(q->ask), free(q->why), free(q->help);
    }
    free(p->questions);
}

static void rest_free(pc_pack *p)
{
    for (size_t i = 0; i < p->n_materials; i++) {
        free(p->materials[i].name);
        expr_free(p->materials[i].when);
    }
    free(p->materials);
    for (size_t i = 0; i < p->n_steps; i++)
        free(p->steps[i].what), free(p->steps[i].note);
    free(p->steps);
    if (p->deadline)
        free(p->deadline->what), free(p->deadline->from), free(p->deadline->note);
    free(p->deadline);
    expr_free(p->logic.applicability), expr_free(p->logic.necessary);
    expr_free(p->logic.situations), expr_free(p->logic.mitigation);
    free(p->logic.catch_all);
    free(p->is_catch_all);
}

void pc_pack_free(pc_pack *p)
{
    if (!p)
        return;
    clauses_free(p);
    questions_free(p);
    rest_free(p);
    char *strings[] = {p->path, p->id, p->version, p->source_path, p->title, p->short_title,
                       p->issuer, p->number, p->covers, p->relief, p->mitigation_relief};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        free(strings[i]);
    free(p);
}

int pc_pack_find_clause(const pc_pack *pack, const char *cite)
{
    for (size_t i = 0; i < pack->n_clauses; i++)
        if (pack->clauses[i].cite && strcmp(pack->clauses[i].cite, cite) == 0)
            return (int)i;
    return -1;
}

int pc_pack_find_question(const pc_pack *pack, const char *id)
{
    for (size_t i = 0; i < pack->n_questions; i++)
        if (pack->questions[i].id && strcmp(pack->questions[i].id, id) == 0)
            return (int)i;
    return -1;
}

const char *pc_role_name(pc_role role)
{
    return role < PC_ROLE_COUNT ? role_names[role] : "?";
}

/* ---- pack sets ---- */

static bool is_pack_file(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".yaml") == 0 &&
           !(n > 11 && strcmp(name + n - 11, ".cases.yaml") == 0) && name[0] != '.';
}

static int compare_packs(const void *a, const void *b)
{
    return strcmp((*(pc_pack *const *)a)->id, (*(pc_pack *const *)b)->id);
}

bool pc_pack_set_load_dir(pc_pack_set *set, const char *dir, char *err, size_t errsize)
{
    memset(set, 0, sizeof *set);
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errsize, "rules directory %s: %s", dir, strerror(errno));
        return false;
    }
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL) {
        if (!is_pack_file(e->d_name))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        pc_pack **grown = realloc(set->packs, (set->n_packs + 1) * sizeof *grown);
        pc_pack *pack = grown ? pc_pack_load(path, err, errsize) : NULL;
        if (grown)
            set->packs = grown;
        if (!pack)
            ok = false;
        else
            set->packs[set->n_packs++] = pack;
    }
    closedir(d);
    if (ok && set->n_packs == 0) {
        snprintf(err, errsize, "rules directory %s holds no pack", dir);
        ok = false;
    }
    if (!ok)
        pc_pack_set_free(set);
    else
        qsort(set->packs, set->n_packs, sizeof *set->packs, compare_packs);
    return ok;
}

const pc_pack *pc_pack_set_find(const pc_pack_set *set, const char *id)
{
    for (size_t i = 0; i < set->n_packs; i++)
        if (strcmp(set->packs[i]->id, id) == 0)
            return set->packs[i];
    return NULL;
}

void pc_pack_set_free(pc_pack_set *set)
{
    for (size_t i = 0; i < set->n_packs; i++)
        pc_pack_free(set->packs[i]);
    free(set->packs);
    memset(set, 0, sizeof *set);
}
