/* cmd_questions.c — `precheck questions --policy ID [--json]`: the questionnaire in the
 * order the kiosk asks it, each question with the clauses it maps onto and why it is
 * asked. Staff and policy editors read it to check the wording. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "commands.h"

static void print_text(const pc_pack *pack)
{
    printf("%s（%s）\n%s\n\n", pack->title, pack->version, pack->covers);
    for (size_t i = 0; i < pack->n_questions; i++) {
        const pc_question *q = &pack->questions[i];
        printf("%zu. [%s] %s\n   %s\n   依据：", i + 1, q->id, q->ask, q->why);
        for (size_t k = 0; k < q->n_cites; k++)
            printf("%s%s（%s）", k ? "、" : "", pack->clauses[q->cites[k]].label,
                   pack->clauses[q->cites[k]].cite);
        printf("\n   回答：%s\n\n", q->kind == PC_Q_DATE ? "日期" : "是 / 否 / 不确定");
    }
}

static void print_json(const pc_pack *pack)
{
    json_t *list = json_array();
    for (size_t i = 0; i < pack->n_questions; i++) {
        const pc_question *q = &pack->questions[i];
        json_t *cites = json_array();
        for (size_t k = 0; k < q->n_cites; k++)
            json_array_append_new(cites, json_string(pack->clauses[q->cites[k]].cite));
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", q->id, "kind",
                                              q->kind == PC_Q_DATE ? "date" : "yes_no", "ask",
                                              q->ask, "why", q->why, "cites", cites));
    }
    json_t *root = json_pack("{s:s, s:s, s:o}", "policy", pack->id, "pack_version", pack->version,
                             "questions", list);
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    puts(text ? text : "{}");
    free(text);
    json_decref(root);
}

int pc_cmd_questions(int argc, char **argv)
{
    const char *policy = NULL, *rules = NULL;
    bool as_json = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc)
            policy = argv[++i];
        else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
            rules = argv[++i];
        else if (strcmp(argv[i], "--json") == 0)
            as_json = true;
        else
            return pc_cli_fail("questions: unexpected argument \"%s\"", argv[i]);
    }
    if (!policy)
        return pc_cli_fail("questions: --policy ID is required");
    pc_pack_set set;
    char err[400];
    pc_path rules_buf;
    if (!pc_pack_set_load_dir(&set, pc_cli_rules_dir(rules, &rules_buf), err, sizeof err))
        return pc_cli_fail("%s", err);
    const pc_pack *pack = pc_pack_set_find(&set, policy);
    if (pack && as_json)
        print_json(pack);
    else if (pack)
        print_text(pack);
    pc_pack_set_free(&set);
    return pack ? 0 : pc_cli_fail("unknown policy \"%s\"", policy);
}
