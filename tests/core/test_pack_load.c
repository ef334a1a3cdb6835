/* test_pack_load.c — the pack loader refuses every malformed pack with "file:line:" and
 * a reason naming what is wrong, and loads the bundled rules directory whole. */
#include <stdlib.h>

#include "../check.h"
#include "lint.h"
#include "pack.h"

#define HEAD                                                                                  \
    "schema: 2\nid: x\nversion: '1'\nsource: s.txt\ntitle: T\nshort_title: T\nissuer: I\n"      \
    "status: issued\nin_force_from: 2020-01-01\ncovers: C\nrelief: R\n"
#define CLAUSES "clauses:\n  - {cite: '1', label: a, role: necessary, plain: p, text: t}\n"
#define LOGIC "logic: {applicability: '1', necessary: '1', situations: '1'}\n"
#define QUESTIONS "questions:\n  - {id: q, cites: ['1'], ask: a, why: w}\n"
#define TAIL "materials: []\ndeadline: none\nsteps: []\n"
#define DATES "dates:\n  - {name: d, label: L}\nnumbers:\n  - {name: n, unit: 万元, label: L}\n"

static void expect_refused(const char *yaml, const char *needle)
{
    char err[300] = "";
    pc_pack *p = pc_pack_load_text("x.yaml", yaml, strlen(yaml), err, sizeof err);
    CHECK(p == NULL);
    if (!strstr(err, needle) || strncmp(err, "x.yaml:", 7) != 0) {
        fprintf(stderr, "expected \"%s\" in: %s\n", needle, err);
        check_failures++;
    }
    pc_pack_free(p);
}

static void test_refusals(void)
{
    expect_refused(HEAD CLAUSES LOGIC QUESTIONS TAIL "extra: 1\n", "unknown key \"extra\"");
    expect_refused(HEAD CLAUSES "  - {cite: '1', label: a, role: necessary, plain: p, text: t}\n" LOGIC
                       QUESTIONS TAIL, "\"1\" appears twice");
    expect_refused(HEAD CLAUSES "logic: {applicability: '2', necessary: '1', situations: '1'}\n"
                       QUESTIONS TAIL, "citation \"2\" is not among the clauses");
    expect_refused(HEAD CLAUSES "logic: {applicability: {some: ['1']}, necessary: '1', situations: '1'}\n"
                       QUESTIONS TAIL, "unknown condition \"some\"");
    expect_refused(HEAD CLAUSES "logic: {applicability: {all: []}, necessary: '1', situations: '1'}\n"
                       QUESTIONS TAIL, "non-empty");
    expect_refused(HEAD CLAUSES LOGIC "questions:\n  - {id: q, cites: [], ask: a, why: w}\n" TAIL,
                   "maps onto no clause");
    expect_refused(HEAD "clauses:\n  - {cite: '1', label: a, role: boss, plain: p, text: t}\n" LOGIC
                       QUESTIONS TAIL, "unknown role");
    expect_refused("schema: 2\nid: [\n", "YAML error");
    expect_refused(HEAD DATES CLAUSES LOGIC QUESTIONS "materials: []\nsteps: []\n"
                   "deadline: {cite: '1', what: w, event: e, from: [d], working_days: -3}\n", "working_days");
    expect_refused(HEAD DATES CLAUSES LOGIC QUESTIONS "materials: []\nsteps: []\n"
                   "deadline: {cite: '1', what: w, event: e, from: [nope], days: 3}\n", "from");
    expect_refused(HEAD CLAUSES LOGIC QUESTIONS "materials: []\nsteps: []\n", "deadline");
    expect_refused("schema: 1\n", "\"schema\" must be 2");
    /* schema 2: questions of every kind, comparisons, tiers, validity */
    expect_refused(HEAD DATES CLAUSES LOGIC "questions:\n  - {id: q, kind: number, number: n, min: 5, max: 1, ask: a, why: w}\n" TAIL,
                   "min");
    expect_refused(HEAD DATES CLAUSES LOGIC "questions:\n  - {id: q, kind: date, date: d, ask: a, why: w}\n" TAIL,
                   "not_yet");
    expect_refused(HEAD DATES CLAUSES LOGIC "questions:\n  - {id: q, kind: date, date: zz, not_yet: n, ask: a, why: w}\n" TAIL,
                   "zz");
    expect_refused(HEAD DATES CLAUSES LOGIC "questions:\n  - {id: q, kind: choice, options: [{label: x, sets: {'1': true}}], ask: a, why: w}\n" TAIL,
                   "options");
    expect_refused(HEAD DATES CLAUSES LOGIC "questions:\n  - {id: q, kind: multi, options: [{label: x, cites: ['1']}, {label: y, cites: ['9']}], ask: a, why: w}\n" TAIL,
                   "\"9\"");
    expect_refused(HEAD DATES CLAUSES LOGIC "questions:\n  - {id: q, kind: list, cites: ['1'], ask: a, why: w}\n" TAIL,
                   "kind");
    expect_refused(HEAD DATES CLAUSES LOGIC "questions:\n  - {id: q, yes: {'1': maybe}, no: {'1': false}, ask: a, why: w}\n" TAIL,
                   "true or false");
    expect_refused(HEAD DATES "clauses:\n  - {cite: '1', label: a, role: necessary, plain: p, text: t, test: {le: [n, '2020-01-01']}}\n"
                   LOGIC QUESTIONS TAIL, "two numbers or two dates");
    expect_refused(HEAD DATES "clauses:\n  - {cite: '1', label: a, role: necessary, plain: p, text: t, test: {le: [amount, 3]}}\n"
                   LOGIC QUESTIONS TAIL, "amount");
    expect_refused(HEAD DATES CLAUSES "logic: {applicability: '1', necessary: '1', situations: '1', "
                   "tiers: [{cite: '1', name: x, outcome: refer}]}\n" QUESTIONS TAIL, "exempt or mitigate");
    expect_refused(HEAD DATES "valid_on: conduct\n" CLAUSES LOGIC QUESTIONS TAIL, "conduct_date");
    expect_refused(HEAD DATES CLAUSES LOGIC QUESTIONS "materials:\n  - {name: m, cite: '1', when_open: true}\n"
                   "deadline: none\nsteps: []\n", "when_open");
    /* YAML a reviewer cannot see (issue 12): aliases, keys written twice, a second
       document, nesting without end */
    expect_refused(HEAD CLAUSES LOGIC QUESTIONS TAIL "x: &a [1]\ny: *a\n", "aliases");
    expect_refused(HEAD "status: draft\n" CLAUSES LOGIC QUESTIONS TAIL, "appears twice");
    expect_refused(HEAD CLAUSES LOGIC QUESTIONS TAIL "---\nschema: 2\n", "more than one YAML document");
    char deep[600] = "";
    for (int i = 0; i < 70; i++)
        strcat(deep, "[");
    for (int i = 0; i < 70; i++)
        strcat(deep, "]");
    char *nested = malloc(strlen(HEAD CLAUSES LOGIC QUESTIONS TAIL) + 700);
    sprintf(nested, "%s%sx: %s\n", HEAD CLAUSES LOGIC QUESTIONS, TAIL, deep);
    expect_refused(nested, "deeper than");
    free(nested);
    expect_refused(HEAD CLAUSES LOGIC QUESTIONS "materials: []\ndeadline: none\n", "missing list \"steps\"");
    char *issued_without_date = strdup(HEAD CLAUSES LOGIC QUESTIONS TAIL);
    char *p = strstr(issued_without_date, "in_force_from: 2020-01-01");
    memcpy(p, "in_force_from: 2020-02-30", 25);
    expect_refused(issued_without_date, "in_force_from");
    free(issued_without_date);
}

static void test_minimal_loads(void)
{
    char err[300];
    const char *yaml = HEAD CLAUSES LOGIC QUESTIONS TAIL;
    pc_pack *p = pc_pack_load_text("x.yaml", yaml, strlen(yaml), err, sizeof err);
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->id, "x");
        CHECK(p->n_clauses == 1 && p->n_questions == 1 && p->deadline == NULL);
        CHECK(p->clauses[0].role == PC_ROLE_NECESSARY && p->clauses[0].line == 13);
    }
    pc_pack_free(p);
}

/* A pack that names its successor is not offered once the successor is in force. */
static void test_successor(void)
{
    char err[300];
    const char *old_yaml = HEAD "superseded_by: y\n" CLAUSES LOGIC QUESTIONS TAIL;
    char *new_yaml = strdup(HEAD CLAUSES LOGIC QUESTIONS TAIL);
    memcpy(strstr(new_yaml, "id: x"), "id: y", 5);
    memcpy(strstr(new_yaml, "in_force_from: 2020-01-01"), "in_force_from: 2025-01-01", 25);
    pc_pack *packs[2] = {pc_pack_load_text("x.yaml", old_yaml, strlen(old_yaml), err, sizeof err),
                         pc_pack_load_text("y.yaml", new_yaml, strlen(new_yaml), err, sizeof err)};
    CHECK(packs[0] && packs[1]);
    if (packs[0] && packs[1]) {
        pc_pack_set set = {packs, 2};
        CHECK(pc_pack_set_successor(&set, packs[0], pc_day_from_ymd(2024, 12, 31)) == NULL);
        CHECK(pc_pack_set_successor(&set, packs[0], pc_day_from_ymd(2025, 1, 1)) == packs[1]);
        CHECK(pc_pack_set_successor(&set, packs[1], pc_day_from_ymd(2025, 1, 1)) == NULL);
    }
    pc_pack_free(packs[0]), pc_pack_free(packs[1]);
    free(new_yaml);
}

static void test_bundled_set(void)
{
    pc_pack_set set;
    char err[300];
    CHECK(pc_pack_set_load_dir(&set, PC_SOURCE_DIR "/rules", err, sizeof err));
    CHECK(set.n_packs >= 3);
    for (size_t i = 1; i < set.n_packs; i++)
        CHECK(strcmp(set.packs[i - 1]->id, set.packs[i]->id) < 0);
    for (size_t i = 0; i < set.n_packs; i++)
        CHECK(pc_pack_lint(set.packs[i], stderr) == 0);
    pc_pack_set_free(&set);
    CHECK(!pc_pack_set_load_dir(&set, "/nonexistent", err, sizeof err));
}

static void test_normalize(void)
{
    char s[] = "## 一、 原则\n（一）坚持\u3000干事 **创业**~~x~~\n---\n";
    CHECK_STR(pc_text_normalize(s), "一、原则（一）坚持干事创业x");
}

int main(void)
{
    test_refusals();
    test_minimal_loads();
    test_successor();
    test_bundled_set();
    test_normalize();
    return CHECK_DONE();
}
