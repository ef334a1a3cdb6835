/* cases.c — the pack case runner (see cases.h). */
#include "cases.h"

#include <string.h>

#include "facts_json.h"
#include "walk.h"
#include "yaml_json.h"

typedef struct case_ctx {
    const pc_pack *pack;
    FILE *out;
    const char *name;
    int problems;
} case_ctx;

static void mismatch(case_ctx *c, const char *what, const char *want, const char *got)
{
    fprintf(c->out, "FAIL %s: %s: %s: expected %s, got %s\n", c->pack->id, c->name, what, want,
            got);
    c->problems++;
}

static const char *bool_text(bool b)
{
    return b ? "true" : "false";
}

static bool in_basis(const pc_pack *pack, const pc_result *r, const char *cite)
{
    for (size_t i = 0; i < r->n_basis; i++)
        if (strcmp(pack->clauses[r->basis[i]].cite, cite) == 0)
            return true;
    return false;
}

static void check_deadline(case_ctx *c, json_t *expect, const pc_result *r)
{
    char got[16] = "null";
    if (r->has_deadline)
        pc_day_format(r->deadline_day, got, sizeof got);
    json_t *want = json_object_get(expect, "deadline");
    if (want && !json_is_null(want) &&
        (!json_is_string(want) || strcmp(json_string_value(want), got)))
        mismatch(c, "deadline", json_is_string(want) ? json_string_value(want) : "?", got);
    if (want && json_is_null(want) && r->has_deadline)
        mismatch(c, "deadline", "null", got);
    json_t *est = json_object_get(expect, "estimated");
    if (json_is_boolean(est) && json_is_true(est) != r->deadline_estimated)
        mismatch(c, "estimated", bool_text(json_is_true(est)), bool_text(r->deadline_estimated));
    json_t *passed = json_object_get(expect, "passed");
    if (json_is_boolean(passed) && json_is_true(passed) != r->deadline_passed)
        mismatch(c, "passed", bool_text(json_is_true(passed)), bool_text(r->deadline_passed));
    json_t *capped = json_object_get(expect, "capped");
    if (json_is_boolean(capped) && json_is_true(capped) != r->deadline_capped)
        mismatch(c, "capped", bool_text(json_is_true(capped)), bool_text(r->deadline_capped));
    const char *state = json_string_value(json_object_get(expect, "deadline_state"));
    if (state && strcmp(state, pc_deadline_state_name(r->deadline_state)) != 0)
        mismatch(c, "deadline_state", state, pc_deadline_state_name(r->deadline_state));
}

static void check_tier(case_ctx *c, json_t *expect, const pc_result *r)
{
    const char *got = r->tier >= 0 ? c->pack->logic.tiers[r->tier].name : "null";
    json_t *want = json_object_get(expect, "tier");
    if (want && strcmp(json_is_string(want) ? json_string_value(want) : "null", got) != 0)
        mismatch(c, "tier", json_is_string(want) ? json_string_value(want) : "null", got);
    size_t i;
    json_t *cite;
    json_array_foreach(json_object_get(expect, "exclusions"), i, cite)
    {
        bool found = false;
        for (size_t k = 0; k < r->n_exclusions; k++)
            found = found ||
                    (json_is_string(cite) &&
                     strcmp(c->pack->clauses[r->exclusions[k]].cite, json_string_value(cite)) == 0);
        if (!found)
            mismatch(c, "exclusions", json_is_string(cite) ? json_string_value(cite) : "?",
                     "absent");
    }
}

/* Each expected basis citation must be in r's basis; with asked (the walk), only those
 * the questions shown could set (a clause the kiosk had no need to ask is not expected). */
static void check_basis(case_ctx *c, json_t *expect, const pc_result *r, const char *what,
                        const bool *asked)
{
    size_t i;
    json_t *cite;
    json_array_foreach(json_object_get(expect, "basis"), i, cite)
    {
        int clause =
            json_is_string(cite) ? pc_pack_find_clause(c->pack, json_string_value(cite)) : -1;
        if (asked && clause >= 0 && !asked[clause])
            continue;
        if (!json_is_string(cite) || !in_basis(c->pack, r, json_string_value(cite)))
            mismatch(c, what, json_is_string(cite) ? json_string_value(cite) : "?", "absent");
    }
}

static void check_expect(case_ctx *c, json_t *expect, const pc_result *r)
{
    const char *want = json_string_value(json_object_get(expect, "outcome"));
    if (!want || strcmp(want, pc_outcome_name(r->outcome)) != 0)
        mismatch(c, "outcome", want ? want : "(missing)", pc_outcome_name(r->outcome));
    check_basis(c, expect, r, "basis", NULL);
    json_t *materials = json_object_get(expect, "materials");
    if (json_is_integer(materials) && (size_t)json_integer_value(materials) != r->n_materials) {
        char want[24], got[24];
        snprintf(want, sizeof want, "%lld", (long long)json_integer_value(materials));
        snprintf(got, sizeof got, "%zu", r->n_materials);
        mismatch(c, "materials", want, got);
    }
    check_deadline(c, expect, r);
    check_tier(c, expect, r);
}

/* The same facts through the kiosk's questions: same outcome, and few screens. */
static void check_walk(case_ctx *c, const pc_calendar *cal, const pc_facts *facts,
                       const pc_answers *recorded, pc_day today, const pc_result *r, json_t *expect,
                       pc_case_tally *tally)
{
    pc_walk walk;
    pc_facts answered;
    pc_result wr;
    pc_walk_play(c->pack, facts, recorded, &walk);
    pc_facts_from_answers(&answered, c->pack, &walk.answers);
    pc_evaluate(c->pack, cal, &answered, today, &wr);
    if (wr.outcome != r->outcome)
        mismatch(c, "outcome when walked through the questions", pc_outcome_name(r->outcome),
                 pc_outcome_name(wr.outcome));
    bool asked[PC_MAX_CLAUSES] = {false};
    for (size_t i = 0; i < walk.n_screens; i++) {
        const pc_question *q = &c->pack->questions[walk.screens[i]];
        for (size_t k = 0; k < q->n_cites; k++) {
            const pc_clause *cl = &c->pack->clauses[q->cites[k]];
            asked[q->cites[k]] = true;
            for (size_t g = 0; g < cl->n_group; g++)
                asked[cl->group[g]] = true;
        }
    }
    check_basis(c, expect, &wr, "basis when walked through the questions", asked);
    if (r->outcome != PC_OUT_EXEMPT)
        return;
    double seconds = pc_walk_seconds(c->pack, &walk, &wr);
    if (walk.n_screens > tally->most_screens_exempt)
        tally->most_screens_exempt = walk.n_screens;
    if (seconds > tally->most_seconds_exempt)
        tally->most_seconds_exempt = seconds;
    if (tally->least_seconds_exempt == 0 || seconds < tally->least_seconds_exempt)
        tally->least_seconds_exempt = seconds;
    if (walk.n_screens > PC_SCREENS_TYPICAL) {
        char want[16], got[16];
        snprintf(want, sizeof want, "<= %d", PC_SCREENS_TYPICAL);
        snprintf(got, sizeof got, "%zu", walk.n_screens);
        mismatch(c, "screens to an exempt result", want, got);
    }
}

static bool run_one(case_ctx *c, const pc_calendar *cal, json_t *item, pc_result *r,
                    pc_case_tally *tally)
{
    char err[300];
    pc_day today;
    pc_facts facts;
    pc_answers recorded;
    const char *today_text = json_string_value(json_object_get(item, "today"));
    json_t *input = json_object();
    static const char *const keys[] = {"facts", "numbers", "dates", "answers"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        if (json_object_get(item, keys[k]))
            json_object_set(input, keys[k], json_object_get(item, keys[k]));
    bool ok = today_text && pc_day_parse(today_text, &today);
    if (!ok)
        mismatch(c, "today", "YYYY-MM-DD", today_text ? today_text : "(missing)");
    else if (!(ok = pc_facts_and_answers_from_json(c->pack, input, &facts, &recorded, err,
                                                   sizeof err)))
        mismatch(c, "facts", "valid facts", err);
    json_decref(input);
    if (ok) {
        pc_evaluate(c->pack, cal, &facts, today, r);
        check_walk(c, cal, &facts, &recorded, today, r, json_object_get(item, "expect"), tally);
    }
    return ok;
}

static void mark_leaves(const pc_expr *e, bool *leaf)
{
    if (e && e->kind == PC_EXPR_CITE)
        leaf[e->clause] = true;
    for (size_t i = 0; e && i < e->n_kids; i++)
        mark_leaves(e->kids[i], leaf);
}

/* Screens when every answer is 不确定 — or, with covered, when the applicant is covered
 * (every scope question answered so) and everything else is 不确定. */
static size_t walk_unsure(const pc_pack *pack, bool covered)
{
    bool leaf[PC_MAX_CLAUSES] = {false};
    pc_facts scope;
    pc_facts_init(&scope);
    mark_leaves(pack->logic.applicability, leaf);
    for (size_t c = 0; c < pack->n_clauses; c++)
        scope.truth[c] = leaf[c] ? PC_TRUE : PC_UNKNOWN, scope.given[c] = leaf[c];
    pc_answers a;
    pc_answers_init(&a);
    size_t n = 0;
    for (int q = pc_next_question(pack, &a, 0); q >= 0;
         q = pc_next_question(pack, &a, (size_t)q + 1)) {
        a.a[q] =
            covered ? pc_answer_from_facts(pack, &scope, (size_t)q) : (pc_answer){PC_ANS_UNSURE, 0};
        n++;
    }
    return n;
}

static void check_all_unsure(const pc_pack *pack, FILE *out, pc_case_tally *tally)
{
    size_t n = walk_unsure(pack, false), covered = walk_unsure(pack, true);
    tally->screens_all_unsure = n > covered ? n : covered;
    if (tally->screens_all_unsure > PC_SCREENS_ALL_UNSURE) {
        fprintf(out,
                "FAIL %s: answering everything 不确定 takes %zu screens (%zu when covered; at most "
                "%d)\n",
                pack->id, n, covered, PC_SCREENS_ALL_UNSURE);
        tally->failed++;
    }
}

bool pc_cases_run(const pc_pack *pack, const pc_calendar *cal, const char *cases_path, FILE *out,
                  bool verbose, pc_case_tally *tally)
{
    char err[300];
    json_t *root = pc_yaml_file_to_json(cases_path, err, sizeof err);
    json_t *cases = json_object_get(root, "cases");
    if (!json_is_array(cases)) {
        fprintf(out, "FAIL %s: %s\n", pack->id, root ? "the file has no \"cases\" list" : err);
        json_decref(root);
        return false;
    }
    size_t i;
    json_t *item;
    json_array_foreach(cases, i, item)
    {
        pc_result r;
        const char *name = json_string_value(json_object_get(item, "name"));
        case_ctx c = {pack, out, name ? name : "(unnamed)", 0};
        if (run_one(&c, cal, item, &r, tally)) {
            tally->outcomes_seen[r.outcome] = true;
            check_expect(&c, json_object_get(item, "expect"), &r);
        }
        tally->run++;
        tally->failed += c.problems > 0;
        if (verbose && !c.problems)
            fprintf(out, "ok   %s: %s\n", pack->id, c.name);
    }
    json_decref(root);
    check_all_unsure(pack, out, tally);
    return true;
}
