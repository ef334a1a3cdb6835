/* cmd_eval.c — `precheck eval`, the design.md contract, and `precheck walk`, the same
 * facts played through the kiosk's questions (which are asked, with which answers, and
 * the result those answers give). One JSON object on stdout; on bad input exit 2 with one
 * line on stderr naming the offending value, stdout empty. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "commands.h"
#include "facts_json.h"
#include "file_read.h"
#include "walk.h"

typedef struct eval_args {
    const char *policy, *facts_path, *today, *rules;
} eval_args;

static int parse_args(int argc, char **argv, eval_args *a, const char *cmd)
{
    static const struct option opts[] = {{"policy", required_argument, 0, 'p'},
                                         {"facts", required_argument, 0, 'f'},
                                         {"today", required_argument, 0, 't'},
                                         {"rules", required_argument, 0, 'r'},
                                         {0, 0, 0, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'p')
            a->policy = optarg;
        else if (c == 'f')
            a->facts_path = optarg;
        else if (c == 't')
            a->today = optarg;
        else if (c == 'r')
            a->rules = optarg;
        else
            return pc_cli_fail("%s: unknown or incomplete option \"%s\"", cmd, argv[optind - 1]);
    }
    if (optind < argc)
        return pc_cli_fail("%s: unexpected argument \"%s\"", cmd, argv[optind]);
    if (!a->policy || !a->facts_path)
        return pc_cli_fail("%s: --policy and --facts are required", cmd);
    return 0;
}

static char *read_facts_text(const char *path, size_t *len)
{
    char err[300];
    if (strcmp(path, "-") != 0) {
        char *text = pc_file_read(path, len, err, sizeof err);
        if (!text)
            pc_cli_fail("cannot read facts file: %s", err);
        return text;
    }
    size_t cap = 4096, used = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + used, 1, cap - used - 1, stdin)) > 0) {
        used += got;
        if (used + 1 == cap) {
            char *grown = cap < (1 << 24) ? realloc(buf, cap * 2) : NULL;
            if (!grown) {
                free(buf);
                pc_cli_fail("facts on stdin are larger than 16 MB");
                return NULL;
            }
            buf = grown;
            cap *= 2;
        }
    }
    if (buf)
        buf[used] = '\0';
    *len = used;
    return buf;
}

/* {"screens": [{"question": id, "answer": …}, …], "result": {…as eval…}} */
static char *walk_json(const pc_pack *pack, const pc_calendar *cal, const pc_facts *facts,
                       const pc_answers *recorded, pc_day today)
{
    pc_walk walk;
    pc_facts answered;
    pc_result result;
    pc_walk_play(pack, facts, recorded, &walk);
    pc_facts_from_answers(&answered, pack, &walk.answers);
    pc_evaluate(pack, cal, &answered, today, &result);
    char *result_text = pc_result_to_json(pack, &result, 0);
    json_t *screens = json_array();
    for (size_t i = 0; i < walk.n_screens; i++) {
        const pc_question *q = &pack->questions[walk.screens[i]];
        json_array_append_new(screens,
                              json_pack("{s:s, s:s, s:o}", "question", q->id, "kind",
                                        pc_question_kind_name(q->kind), "answer",
                                        pc_answer_to_json(q, &walk.answers.a[walk.screens[i]])));
    }
    int deciding[PC_MAX_QUESTIONS];
    size_t n =
        pc_result_deciding_questions(pack, &walk.answers, &result, deciding, PC_MAX_QUESTIONS);
    json_t *ids = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(ids, json_string(pack->questions[deciding[i]].id));
    json_t *root = json_pack("{s:o, s:o, s:o}", "screens", screens, "deciding", ids, "result",
                             result_text ? json_loads(result_text, 0, NULL) : json_null());
    free(result_text);
    char *text = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    return text;
}

static int evaluate_and_print(const pc_pack *pack, const pc_calendar *cal, const char *facts_text,
                              size_t len, pc_day today, bool walk)
{
    char err[300];
    pc_facts facts;
    pc_answers recorded;
    pc_result result;
    if (!pc_facts_and_answers_read_json(pack, facts_text, len, &facts, &recorded, err, sizeof err))
        return pc_cli_fail("%s", err);
    pc_evaluate(pack, cal, &facts, today, &result);
    char *json =
        walk ? walk_json(pack, cal, &facts, &recorded, today) : pc_result_to_json(pack, &result, 2);
    if (!json)
        return pc_cli_fail("out of memory");
    puts(json);
    free(json);
    return 0;
}

static int eval_or_walk(int argc, char **argv, bool walk)
{
    eval_args a = {0};
    int rc = parse_args(argc, argv, &a, walk ? "walk" : "eval");
    pc_day today = pc_day_today();
    if (rc)
        return rc;
    if (a.today && !pc_day_parse(a.today, &today))
        return pc_cli_fail("--today \"%s\" is not a real date YYYY-MM-DD", a.today);
    char err[300], path[4096];
    pc_path rules_buf;
    const char *rules = pc_cli_rules_dir(a.rules, &rules_buf);
    if (strspn(a.policy, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(a.policy))
        return pc_cli_fail("unknown policy \"%s\"", a.policy);
    snprintf(path, sizeof path, "%s/%s.yaml", rules, a.policy);
    pc_pack *pack = pc_pack_load(path, err, sizeof err);
    if (!pack)
        return pc_cli_fail("unknown policy \"%s\" (%s)", a.policy, err);
    pc_calendar *cal = pc_cli_load_calendar(rules);
    size_t len = 0;
    char *text = cal ? read_facts_text(a.facts_path, &len) : NULL;
    rc = text ? evaluate_and_print(pack, cal, text, len, today, walk) : PC_EXIT_BAD_INPUT;
    free(text);
    free(cal);
    pc_pack_free(pack);
    return rc;
}

int pc_cmd_eval(int argc, char **argv)
{
    return eval_or_walk(argc, argv, false);
}

int pc_cmd_walk(int argc, char **argv)
{
    return eval_or_walk(argc, argv, true);
}
