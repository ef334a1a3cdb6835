/* flow_cases.c — turns a pack's own test cases (rules/<id>.cases.yaml) into kiosk
 * scripts, so that every policy is walked through the touch screens to every outcome
 * its experts listed: choose the policy, answer each question by tapping as the
 * case's facts say (date questions with the date picker), check the result, finish.
 * A case whose policy is not in force on its day must not be offered at all.
 * Usage: flow_cases PACK.yaml CASES.yaml OUTDIR  → prints "TODAY<TAB>SCRIPT" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "pack.h"
#include "yaml_json.h"

/* ---- static prototypes ---- */
static bool flow_write_case(const pc_pack *pack, json_t *c, size_t i, const char *dir, char *path, size_t size);
static void flow_write_expect(FILE *f, json_t *expect);

/* ---- public functions ---- */

int main(int argc, char **argv)
{
    if (argc != 4) { fprintf(stderr, "usage: flow_cases PACK.yaml CASES.yaml OUTDIR\n"); return 2; }
    char err[512];
    pc_pack *pack = pc_pack_load(argv[1], err, sizeof err);
    if (!pack) { fprintf(stderr, "flow_cases: %s\n", err); return 1; }
    json_t *root = pc_yaml_file_to_json(argv[2], err, sizeof err);
    json_t *cases = root ? json_object_get(root, "cases") : NULL;
    if (!json_is_array(cases)) { fprintf(stderr, "flow_cases: %s: %s\n", argv[2], root ? "no cases" : err); return 1; }
    int rc = 0;
    for (size_t i = 0; i < json_array_size(cases); i++) {
        json_t *c = json_array_get(cases, i);
        char path[1024];
        const char *today = json_string_value(json_object_get(c, "today"));
        if (!today || !flow_write_case(pack, c, i, argv[3], path, sizeof path)) { rc = 1; continue; }
        printf("%s\t%s\n", today, path);
    }
    json_decref(root);
    pc_pack_free(pack);
    return rc;
}

/* ---- static functions ---- */

static bool flow_write_case(const pc_pack *pack, json_t *c, size_t i, const char *dir, char *path, size_t size)
{
    snprintf(path, size, "%s/%s-%02zu.script", dir, pack->id, i + 1);
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); return false; }
    json_t *expect = json_object_get(c, "expect");
    const char *outcome = json_string_value(json_object_get(expect, "outcome"));
    fprintf(f, "# %s: %s\nexpect screen welcome\ntap start\nexpect screen policy\n", pack->id,
            json_string_value(json_object_get(c, "name")));
    if (outcome && strcmp(outcome, "not_in_force") == 0) {
        fprintf(f, "expect no-widget policy:%s\n", pack->id);
        fclose(f);
        return true;
    }
    json_t *facts = json_pack("{s:O?,s:O?}", "facts", json_object_get(c, "facts"), "dates", json_object_get(c, "dates"));
    if (json_is_null(json_object_get(facts, "facts"))) json_object_set_new(facts, "facts", json_object());
    if (json_is_null(json_object_get(facts, "dates"))) json_object_del(facts, "dates");
    char *ft = json_dumps(facts, JSON_COMPACT | JSON_ENSURE_ASCII);
    fprintf(f, "tap policy:%s\nfacts %s\nauto\n", pack->id, ft ? ft : "{}");
    free(ft);
    json_decref(facts);
    fprintf(f, "expect screen review\ntap review:result\nexpect screen result\n");
    flow_write_expect(f, expect);
    fprintf(f, "expect receipt\ntap result:done\nexpect screen welcome\nexpect cleared\n");
    fclose(f);
    return true;
}

static void flow_write_expect(FILE *f, json_t *expect)
{
    const char *outcome = json_string_value(json_object_get(expect, "outcome"));
    if (outcome) fprintf(f, "expect outcome %s\n", outcome);
    json_t *basis = json_object_get(expect, "basis"), *v;
    size_t i;
    json_array_foreach(basis, i, v) fprintf(f, "expect basis-if-asked %s\n", json_string_value(v));
    json_t *dl = json_object_get(expect, "deadline");
    if (json_is_null(dl)) fprintf(f, "expect deadline-if-asked none\n");
    else if (json_is_string(dl)) fprintf(f, "expect deadline-if-asked %s\n", json_string_value(dl));
}
