/* flow_cases.c — turns a pack's own test cases (rules/<id>.cases.yaml) into kiosk
 * scripts, so that every policy is walked through the touch screens to every outcome
 * its experts listed: choose the policy, answer each question by tapping — as the
 * case records it (`answers:`), else as its facts, numbers and dates say — with the
 * screen of its kind (options, ticks, the keypad, the date picker), check the result
 * (outcome, basis, deadline and its state, tier, exclusions), finish.
 * A case whose policy is not in force on its day must not be offered at all; one that
 * is not in force only for its conduct date (valid_on: conduct) is walked to that.
 * Usage: flow_cases PACK.yaml CASES.yaml OUTDIR  → prints "TODAY<TAB>SCRIPT" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "eval.h"
#include "pack.h"
#include "yaml_json.h"

/* ---- static prototypes ---- */
static bool flow_write_case(const pc_pack *pack, json_t *c, size_t i, const char *dir, char *path,
                            size_t size);
static void flow_write_facts(FILE *f, json_t *c);
static void flow_write_expect(FILE *f, json_t *expect);
static bool flow_offered(const pc_pack *pack, const char *today);

/* ---- public functions ---- */

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: flow_cases PACK.yaml CASES.yaml OUTDIR\n");
        return 2;
    }
    char err[512];
    pc_pack *pack = pc_pack_load(argv[1], err, sizeof err);
    if (!pack) {
        fprintf(stderr, "flow_cases: %s\n", err);
        return 1;
    }
    json_t *root = pc_yaml_file_to_json(argv[2], err, sizeof err);
    json_t *cases = root ? json_object_get(root, "cases") : NULL;
    if (!json_is_array(cases)) {
        fprintf(stderr, "flow_cases: %s: %s\n", argv[2], root ? "no cases" : err);
        return 1;
    }
    int rc = 0;
    for (size_t i = 0; i < json_array_size(cases); i++) {
        json_t *c = json_array_get(cases, i);
        char path[1024];
        const char *today = json_string_value(json_object_get(c, "today"));
        if (!today || !flow_write_case(pack, c, i, argv[3], path, sizeof path)) {
            rc = 1;
            continue;
        }
        printf("%s\t%s\n", today, path);
    }
    json_decref(root);
    pc_pack_free(pack);
    return rc;
}

/* ---- static functions ---- */

static bool flow_write_case(const pc_pack *pack, json_t *c, size_t i, const char *dir, char *path,
                            size_t size)
{
    snprintf(path, size, "%s/%s-%02zu.script", dir, pack->id, i + 1);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return false;
    }
    json_t *expect = json_object_get(c, "expect");
    const char *outcome = json_string_value(json_object_get(expect, "outcome"));
    fprintf(f,
            "# %s: %s\nexpect screen welcome\ntap start\nexpect screen notice\ntap "
            "notice:go\nexpect screen policy\n",
            pack->id, json_string_value(json_object_get(c, "name")));
    if (!flow_offered(pack, json_string_value(json_object_get(c, "today")))) {
        bool nif = outcome && strcmp(outcome, "not_in_force") == 0; /* else: fails, saying why */
        fprintf(f, "expect %s policy:%s\n", nif ? "no-widget" : "widget", pack->id);
        fclose(f);
        return true;
    }
    fprintf(f, "tap policy:%s\n", pack->id);
    flow_write_facts(f, c);
    fprintf(f, "auto\nexpect screen review\ntap review:result\nexpect screen result\n");
    flow_write_expect(f, expect);
    fprintf(f, "expect receipt\ntap result:done\nexpect screen welcome\nexpect cleared\n");
    fclose(f);
    return true;
}

/* The case's facts, numbers, dates and recorded answers, as the facts file of `auto`. */
static void flow_write_facts(FILE *f, json_t *c)
{
    static const char *const keys[] = {"facts", "numbers", "dates", "answers"};
    json_t *facts = json_object();
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        if (json_object_get(c, keys[k]))
            json_object_set(facts, keys[k], json_object_get(c, keys[k]));
    char *ft = json_dumps(facts, JSON_COMPACT | JSON_ENSURE_ASCII);
    fprintf(f, "facts %s\n", ft ? ft : "{}");
    free(ft);
    json_decref(facts);
}

/* Is the pack offered on the case's day (in force, or a draft)? */
static bool flow_offered(const pc_pack *pack, const char *today)
{
    pc_day day;
    if (!today || !pc_day_parse(today, &day))
        return false;
    pc_policy_status st = pc_policy_status_on(pack, day);
    return st == PC_POLICY_IN_FORCE || st == PC_POLICY_DRAFT;
}

static void flow_write_expect(FILE *f, json_t *expect)
{
    const char *outcome = json_string_value(json_object_get(expect, "outcome"));
    if (outcome)
        fprintf(f, "expect outcome %s\n", outcome);
    json_t *basis = json_object_get(expect, "basis"), *v;
    size_t i;
    json_array_foreach(basis, i, v) fprintf(f, "expect basis-if-asked %s\n", json_string_value(v));
    json_array_foreach(json_object_get(expect, "exclusions"), i, v)
        fprintf(f, "expect exclusion-if-asked %s\n", json_string_value(v));
    json_t *dl = json_object_get(expect, "deadline"), *tier = json_object_get(expect, "tier");
    if (json_is_null(dl))
        fprintf(f, "expect deadline-if-asked none\n");
    else if (json_is_string(dl))
        fprintf(f, "expect deadline-if-asked %s\n", json_string_value(dl));
    const char *state = json_string_value(json_object_get(expect, "deadline_state"));
    if (state)
        fprintf(f, "expect deadline-state-if-asked %s\n", state);
    json_t *capped = json_object_get(expect, "capped");
    if (json_is_boolean(capped))
        fprintf(f, "expect capped-if-asked %s\n", json_is_true(capped) ? "true" : "false");
    if (json_is_null(tier))
        fprintf(f, "expect tier null\n");
    else if (json_is_string(tier))
        fprintf(f, "expect tier %s\n", json_string_value(tier));
}
