/* pack.c — loads a rule pack from YAML (rules/SCHEMA.md) into a pc_pack.
 *
 * libyaml builds the document tree (with line numbers); this file only walks it.
 * Every problem is reported as "file:line: what is wrong" and the pack is refused as a
 * whole: a half-loaded policy must never reach the kiosk. Semantic checks that need the
 * whole pack (reachability, verbatim text) live in lint.c. */
#include "pack.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "file_read.h"
#include "pack_yaml.h"
#include "yaml_safe.h"

static const char *const role_names[PC_ROLE_COUNT] = {
    "applicability", "necessary", "kind",   "situation", "catch_all", "mitigation",
    "procedure",     "material",  "result", "group",     "exclusion"};

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

static void load_clause_text(pc_loader *ld, yaml_node_t *node, pc_clause *c)
{
    static const char *const keys[] = {"cite", "label", "role", "plain",
                                       "text", "group", "test", NULL};
    pl_check_keys(ld, node, keys);
    c->line = pl_line(node);
    c->cite = pl_string(ld, node, "cite", true);
    c->label = pl_string(ld, node, "label", true);
    c->plain = pl_string(ld, node, "plain", true);
    c->text = pl_string(ld, node, "text", true);
    yaml_node_t *role = pl_get(ld, node, "role");
    if (!parse_role(pl_scalar(role), &c->role))
        pl_fail(ld, role ? role : node, "clause \"%s\": unknown role", c->cite);
    if (c->cite && pc_pack_find_clause(ld->pack, c->cite) >= 0)
        pl_fail(ld, node, "citation \"%s\" appears twice", c->cite);
}

static void load_clauses(pc_loader *ld, yaml_node_t *root)
{
    yaml_node_t *seq = pl_seq(ld, root, "clauses", true);
    size_t n = pl_seq_len(seq);
    if (n > PC_MAX_CLAUSES) {
        pl_fail(ld, seq, "more than %d clauses", PC_MAX_CLAUSES);
        return;
    }
    ld->pack->clauses = pl_calloc(ld, n, sizeof(pc_clause));
    for (size_t i = 0; ld->pack->clauses && i < n && !ld->failed; i++) {
        load_clause_text(ld, pl_seq_item(ld, seq, i), &ld->pack->clauses[i]);
        ld->pack->n_clauses = i + 1;
    }
    /* groups refer to clauses that may come later: a second pass */
    for (size_t i = 0; i < ld->pack->n_clauses && !ld->failed; i++) {
        yaml_node_t *group = pl_seq(ld, pl_seq_item(ld, seq, i), "group", false);
        pc_clause *c = &ld->pack->clauses[i];
        if (group)
            c->group = pl_cite_list(ld, group, &c->n_group);
    }
}

/* ---- questions, materials, deadline, steps ---- */

static void load_materials(pc_loader *ld, yaml_node_t *root)
{
    static const char *const keys[] = {"name", "cite", "when", "when_open", NULL};
    yaml_node_t *seq = pl_seq(ld, root, "materials", true);
    size_t n = pl_seq_len(seq);
    if (n > 64) {
        pl_fail(ld, seq, "more than 64 materials");
        return;
    }
    ld->pack->materials = pl_calloc(ld, n, sizeof(pc_material));
    for (size_t i = 0; ld->pack->materials && i < n && !ld->failed; i++) {
        yaml_node_t *node = pl_seq_item(ld, seq, i);
        pc_material *m = &ld->pack->materials[i];
        ld->pack->n_materials = i + 1;
        pl_check_keys(ld, node, keys);
        m->line = pl_line(node);
        m->name = pl_string(ld, node, "name", true);
        m->cite = pl_get_cite(ld, node, "cite");
        m->when = pl_optional_expr(ld, node, "when", false);
        m->when_open = pl_flag(ld, node, "when_open");
        if (m->when_open && !m->when)
            pl_fail(ld, node, "material \"%s\": when_open needs a when", m->name);
    }
}

static void load_deadline_from(pc_loader *ld, yaml_node_t *node, pc_deadline *d)
{
    yaml_node_t *from = pl_get(ld, node, "from");
    size_t n = from && from->type == YAML_SEQUENCE_NODE ? pl_seq_len(from) : 1;
    d->from = pl_calloc(ld, n, sizeof *d->from);
    for (size_t i = 0; d->from && i < n && !ld->failed; i++) {
        yaml_node_t *item =
            from && from->type == YAML_SEQUENCE_NODE ? pl_seq_item(ld, from, i) : from;
        const char *name = pl_scalar(item);
        d->from[i] = name ? pc_pack_find_date(ld->pack, name) : -1;
        d->n_from = i + 1;
        if (d->from[i] < 0)
            pl_fail(ld, item ? item : node, "deadline: \"from\" must name dates of the pack");
    }
}

static void load_deadline(pc_loader *ld, yaml_node_t *root)
{
    static const char *const keys[] = {"cite", "what",   "from", "event", "working_days",
                                       "days", "months", "note", NULL};
    yaml_node_t *node = pl_get(ld, root, "deadline");
    const char *word = pl_scalar(node);
    if (word && strcmp(word, "none") == 0)
        return;
    if (!node || node->type != YAML_MAPPING_NODE) {
        pl_fail(ld, node ? node : root,
                "\"deadline\" must be a mapping, or none when the policy sets none");
        return;
    }
    pl_check_keys(ld, node, keys);
    pc_deadline *d = ld->pack->deadline = pl_calloc(ld, 1, sizeof *d);
    if (!d)
        return;
    d->line = pl_line(node);
    d->cite = pl_get_cite(ld, node, "cite");
    d->what = pl_string(ld, node, "what", true);
    d->event = pl_string(ld, node, "event", true);
    d->note = pl_string(ld, node, "note", false);
    load_deadline_from(ld, node, d);
    if (!pl_period(ld, node, &d->period))
        pl_fail(ld, node, "deadline: give working_days, days or months");
}

static void load_step(pc_loader *ld, yaml_node_t *node, pc_step *s)
{
    static const char *const keys[] = {"cite",
                                       "what",
                                       "working_days",
                                       "months",
                                       "days",
                                       "extension_working_days",
                                       "extension_months",
                                       "note",
                                       "applicant",
                                       NULL};
    pl_check_keys(ld, node, keys);
    s->line = pl_line(node);
    s->cite = pl_get_cite(ld, node, "cite");
    s->what = pl_string(ld, node, "what", true);
    s->note = pl_string(ld, node, "note", false);
    s->working_days = pl_int(ld, node, "working_days");
    s->months = pl_int(ld, node, "months");
    s->days = pl_int(ld, node, "days");
    s->extension_working_days = pl_int(ld, node, "extension_working_days");
    s->extension_months = pl_int(ld, node, "extension_months");
    s->applicant = pl_flag(ld, node, "applicant");
    if ((s->working_days > 0) + (s->months > 0) + (s->days > 0) > 1)
        pl_fail(ld, node, "step \"%s\": give one of working_days, months, days", s->what);
}

static void load_steps(pc_loader *ld, yaml_node_t *root)
{
    yaml_node_t *seq = pl_seq(ld, root, "steps", true);
    size_t n = pl_seq_len(seq);
    ld->pack->steps = pl_calloc(ld, n, sizeof(pc_step));
    for (size_t i = 0; ld->pack->steps && i < n && !ld->failed; i++) {
        load_step(ld, pl_seq_item(ld, seq, i), &ld->pack->steps[i]);
        ld->pack->n_steps = i + 1;
    }
}

/* ---- metadata ---- */

static void load_status(pc_loader *ld, yaml_node_t *root)
{
    yaml_node_t *node = pl_get(ld, root, "status");
    const char *s = pl_scalar(node);
    if (s && strcmp(s, "draft") == 0)
        ld->pack->status = PC_STATUS_DRAFT;
    else if (s && strcmp(s, "issued") == 0)
        ld->pack->status = PC_STATUS_ISSUED;
    else
        pl_fail(ld, node ? node : root, "\"status\" must be draft or issued");
}

static void load_valid_on(pc_loader *ld, yaml_node_t *root)
{
    char *on = pl_string(ld, root, "valid_on", false);
    char *conduct = pl_string(ld, root, "conduct_date", false);
    ld->pack->conduct_date = -1;
    if (strcmp(on, "conduct") == 0) {
        ld->pack->valid_on = PC_VALID_ON_CONDUCT;
        ld->pack->conduct_date = pc_pack_find_date(ld->pack, conduct);
        if (ld->pack->conduct_date < 0)
            pl_fail(ld, root, "valid_on: conduct needs \"conduct_date\", one of the pack's dates");
    } else if (on[0] && strcmp(on, "today") != 0) {
        pl_fail(ld, pl_get(ld, root, "valid_on"), "\"valid_on\" must be today or conduct");
    }
    free(on), free(conduct);
}

static void load_metadata(pc_loader *ld, yaml_node_t *root)
{
    static const char *const keys[] = {"schema",
                                       "id",
                                       "version",
                                       "source",
                                       "title",
                                       "short_title",
                                       "issuer",
                                       "number",
                                       "issued_on",
                                       "status",
                                       "in_force_from",
                                       "in_force_until",
                                       "covers",
                                       "relief",
                                       "mitigation_relief",
                                       "clauses",
                                       "logic",
                                       "questions",
                                       "materials",
                                       "deadline",
                                       "steps",
                                       "valid_on",
                                       "conduct_date",
                                       "superseded_by",
                                       "warning",
                                       "numbers",
                                       "dates",
                                       NULL};
    pc_pack *p = ld->pack;
    pl_check_keys(ld, root, keys);
    if (pl_int(ld, root, "schema") != 2)
        pl_fail(ld, pl_get(ld, root, "schema") ? pl_get(ld, root, "schema") : root,
                "\"schema\" must be 2 (rules/SCHEMA.md)");
    p->id = pl_string(ld, root, "id", true);
    p->version = pl_string(ld, root, "version", true);
    p->source_path = pl_string(ld, root, "source", true);
    p->title = pl_string(ld, root, "title", true);
    p->short_title = pl_string(ld, root, "short_title", true);
    p->issuer = pl_string(ld, root, "issuer", true);
    p->number = pl_string(ld, root, "number", false);
    p->covers = pl_string(ld, root, "covers", true);
    p->relief = pl_string(ld, root, "relief", true);
    p->mitigation_relief = pl_string(ld, root, "mitigation_relief", false);
    p->superseded_by = pl_string(ld, root, "superseded_by", false);
    p->warning = pl_string(ld, root, "warning", false);
    p->issued_on = pl_day(ld, root, "issued_on");
    p->in_force_from = pl_day(ld, root, "in_force_from");
    p->in_force_until = pl_day(ld, root, "in_force_until");
    load_status(ld, root);
    pl_load_values(ld, root);
    load_valid_on(ld, root);
    if (p->status == PC_STATUS_ISSUED && p->in_force_from == PC_NO_DAY)
        pl_fail(ld, root, "an issued policy needs \"in_force_from\"");
}

/* ---- public ---- */

static void load_all(pc_loader *ld, yaml_node_t *root)
{
    if (!root || root->type != YAML_MAPPING_NODE) {
        pl_fail(ld, root, "a pack is a YAML mapping");
        return;
    }
    load_metadata(ld, root);
    if (!ld->failed)
        load_clauses(ld, root);
    if (!ld->failed)
        pl_load_clause_tests(ld, pl_seq(ld, root, "clauses", true));
    if (!ld->failed)
        pl_load_logic(ld, root);
    if (!ld->failed)
        pl_load_questions(ld, root);
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
    pc_loader ld = {.name = name, .err = err, .errsize = errsize};
    if (!pc_yaml_load_safe(name, text, len, &ld.doc, err, errsize))
        return NULL;
    ld.pack = pl_calloc(&ld, 1, sizeof(pc_pack));
    if (ld.pack) {
        ld.pack->path = pl_strdup(&ld, name);
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

static void clauses_free(pc_pack *p)
{
    for (size_t i = 0; i < p->n_clauses; i++) {
        pc_clause *c = &p->clauses[i];
        free(c->cite), free(c->label), free(c->plain), free(c->text), free(c->group);
        pl_expr_free(c->test);
    }
    free(p->clauses);
}

static void rest_free(pc_pack *p)
{
    for (size_t i = 0; i < p->n_materials; i++) {
        free(p->materials[i].name);
        pl_expr_free(p->materials[i].when);
    }
    free(p->materials);
    for (size_t i = 0; i < p->n_steps; i++)
        free(p->steps[i].what), free(p->steps[i].note);
    free(p->steps);
    if (p->deadline)
        free(p->deadline->what), free(p->deadline->from), free(p->deadline->event),
            free(p->deadline->note);
    free(p->deadline);
    pl_logic_free(&p->logic);
    free(p->is_catch_all);
    for (size_t i = 0; i < p->n_numbers; i++)
        free(p->numbers[i].name), free(p->numbers[i].unit), free(p->numbers[i].label);
    for (size_t i = 0; i < p->n_dates; i++)
        free(p->dates[i].name), free(p->dates[i].unit), free(p->dates[i].label);
}

void pc_pack_free(pc_pack *p)
{
    if (!p)
        return;
    clauses_free(p);
    pl_questions_free(p);
    rest_free(p);
    char *strings[] = {p->path,
                       p->id,
                       p->version,
                       p->source_path,
                       p->title,
                       p->short_title,
                       p->issuer,
                       p->number,
                       p->covers,
                       p->relief,
                       p->mitigation_relief,
                       p->superseded_by,
                       p->warning};
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

static int find_value(const pc_value_fact *values, size_t n, const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (values[i].name && strcmp(values[i].name, name) == 0)
            return (int)i;
    return -1;
}

int pc_pack_find_number(const pc_pack *pack, const char *name)
{
    return find_value(pack->numbers, pack->n_numbers, name);
}

int pc_pack_find_date(const pc_pack *pack, const char *name)
{
    return find_value(pack->dates, pack->n_dates, name);
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

const pc_pack *pc_pack_set_successor(const pc_pack_set *set, const pc_pack *pack, pc_day day)
{
    const pc_pack *next =
        pack->superseded_by[0] ? pc_pack_set_find(set, pack->superseded_by) : NULL;
    bool in_force = next && next->status == PC_STATUS_ISSUED &&
                    (next->in_force_from == PC_NO_DAY || day >= next->in_force_from) &&
                    (next->in_force_until == PC_NO_DAY || day <= next->in_force_until);
    return in_force ? next : NULL;
}

void pc_pack_set_free(pc_pack_set *set)
{
    for (size_t i = 0; i < set->n_packs; i++)
        pc_pack_free(set->packs[i]);
    free(set->packs);
    memset(set, 0, sizeof *set);
}
