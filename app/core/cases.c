/* cases.c — the pack case runner (see cases.h). */
#include "cases.h"

#include <string.h>

#include "facts_json.h"
#include "yaml_json.h"

typedef struct case_ctx {
    const pc_pack *pack;
    FILE *out;
    const char *name;
    int problems;
} case_ctx;

static void mismatch(case_ctx *c, const char *what, const char *want, const char *got)
{
    fprintf(c->out, "FAIL %s: %s: %s: expected %s, got %s\n", c->pack->id, c->name, what, want, got);
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
    if (want && !json_is_null(want) && (!json_is_string(want) || strcmp(json_string_value(want), got)))
        mismatch(c, "deadline", json_is_string(want) ? json_string_value(want) : "?", got);
    if (want && json_is_null(want) && r->has_deadline)
        mismatch(c, "deadline", "null", got);
    json_t *est = json_object_get(expect, "estimated");
    if (json_is_boolean(est) && json_is_true(est) != r->deadline_estimated)
        mismatch(c, "estimated", bool_text(json_is_true(est)), bool_text(r->deadline_estimated));
    json_t *passed = json_object_get(expect, "passed");
    if (json_is_boolean(passed) && json_is_true(passed) != r->deadline_passed)
        mismatch(c, "passed", bool_text(json_is_true(passed)), bool_text(r->deadline_passed));
}

static void check_expect(case_ctx *c, json_t *expect, const pc_result *r)
{
    const char *want = json_string_value(json_object_get(expect, "outcome"));
    if (!want || strcmp(want, pc_outcome_name(r->outcome)) != 0)
        mismatch(c, "outcome", want ? want : "(missing)", pc_outcome_name(r->outcome));
    size_t i;
    json_t *cite;
    json_array_foreach(json_object_get(expect, "basis"), i, cite) {
        if (!json_is_string(cite) || !in_basis(c->pack, r, json_string_value(cite)))
            mismatch(c, "basis", json_is_string(cite) ? json_string_value(cite) : "?", "absent");
    }
    json_t *materials = json_object_get(expect, "materials");
    if (json_is_string(materials)) {
        char got[16];
        snprintf(got, sizeof got, "%zu", r->n_materials);
        if (strcmp(got, json_string_value(materials)) != 0)
            mismatch(c, "materials", json_string_value(materials), got);
    }
    check_deadline(c, expect, r);
}

static bool run_one(case_ctx *c, const pc_calendar *cal, json_t *item, pc_result *r)
{
    char err[300];
    pc_day today;
    pc_facts facts;
    const char *today_text = json_string_value(json_object_get(item, "today"));
    json_t *input = json_object();
    json_t *given_facts = json_object_get(item, "facts"), *given_dates = json_object_get(item, "dates");
    if (given_facts)
        json_object_set(input, "facts", given_facts);
    if (given_dates)
        json_object_set(input, "dates", given_dates);
    bool ok = today_text && pc_day_parse(today_text, &today);
    if (!ok)
        mismatch(c, "today", "YYYY-MM-DD", today_text ? today_text : "(missing)");
    else if (!(ok = pc_facts_from_json(c->pack, input, &facts, err, sizeof err)))
        mismatch(c, "facts", "valid facts", err);
    json_decref(input);
    if (ok)
        pc_evaluate(c->pack, cal, &facts, today, r);
    return ok;
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
    json_array_foreach(cases, i, item) {
        pc_result r;
        const char *name = json_string_value(json_object_get(item, "name"));
        case_ctx c = {pack, out, name ? name : "(unnamed)", 0};
        if (run_one(&c, cal, item, &r)) {
            tally->outcomes_seen[r.outcome] = true;
            check_expect(&c, json_object_get(item, "expect"), &r);
        }
        tally->run++;
        tally->failed += c.problems > 0;
        if (verbose && !c.problems)
            fprintf(out, "ok   %s: %s\n", pack->id, c.name);
    }
    json_decref(root);
    return true;
}
