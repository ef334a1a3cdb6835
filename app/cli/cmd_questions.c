/* cmd_questions.c — `precheck questions --policy ID [--json] [--lang L]`: the
 * questionnaire in the order the kiosk asks it, each question with the clauses it maps
 * onto and why it is asked. Staff and policy editors read it to check the wording.
 * The text's own words are the string table's ("questions.*", in the language of
 * --lang or $PRECHECK_LANG, zh-CN by default); --json needs no table. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "commands.h"

/* "第三条（3）、第四条（4）": the clauses question q maps onto; NULL when it has none. */
static char *question_cites(const pc_strings *t, const pc_pack *pack, const pc_question *q)
{
    char *cites = NULL;
    for (size_t k = 0; k < q->n_cites; k++) {
        const pc_clause *c = &pack->clauses[q->cites[k]];
        char *one = pc_strings_fill(t, "questions.cite", (const char *const[]){"label", "cite"},
                                    (const char *const[]){c->label, c->cite}, 2);
        if (one)
            pc_cli_list_add(t, &cites, one);
        free(one);
    }
    return cites;
}

static void print_text(const pc_strings *t, const pc_pack *pack)
{
    pc_cli_say(t, "questions.title", (const char *const[]){"title", "version"},
               (const char *const[]){pack->title, pack->version}, 2);
    printf("%s\n\n", pack->covers);
    for (size_t i = 0; i < pack->n_questions; i++) {
        const pc_question *q = &pack->questions[i];
        printf("%zu. [%s] %s\n   %s\n   ", i + 1, q->id, q->ask, q->why);
        char *cites = question_cites(t, pack, q);
        pc_cli_say(t, "questions.cites", (const char *const[]){"cites"},
                   (const char *const[]){cites ? cites : ""}, 1);
        free(cites);
        if (q->kind == PC_Q_CHOICE || q->kind == PC_Q_MULTI)
            for (size_t o = 0; o < q->n_options; o++)
                printf("   %c %s\n", q->kind == PC_Q_MULTI ? '+' : '-', q->options[o].label);
        else if (q->kind == PC_Q_NUMBER)
            printf("   %s\n", pack->numbers[q->value].unit);
        else
            printf("   %s\n", pc_strings_get(t, q->kind == PC_Q_DATE ? "questions.answer_date"
                                                                     : "questions.answer_yes_no"));
        putchar('\n');
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
        json_t *options = json_array();
        for (size_t o = 0; o < q->n_options; o++)
            json_array_append_new(options, json_string(q->options[o].label));
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "id", q->id, "kind",
                                              pc_question_kind_name(q->kind), "ask", q->ask, "why",
                                              q->why, "cites", cites, "options", options));
    }
    json_t *root = json_pack("{s:s, s:s, s:o}", "policy", pack->id, "pack_version", pack->version,
                             "questions", list);
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    puts(text ? text : "{}");
    free(text);
    json_decref(root);
}

/* Prints the questionnaire as text in the table's language; false when the table
 * cannot be loaded (the reason is printed). */
static bool print_text_in(const char *lang, const pc_pack *pack)
{
    pc_strings strings;
    if (!pc_cli_load_strings(&strings, lang))
        return false;
    print_text(&strings, pack);
    pc_strings_free(&strings);
    return true;
}

int pc_cmd_questions(int argc, char **argv)
{
    const char *policy = NULL, *rules = NULL, *lang = NULL;
    bool as_json = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc)
            policy = argv[++i];
        else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
            rules = argv[++i];
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            lang = argv[++i];
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
    bool shown = pack && as_json;
    if (shown)
        print_json(pack);
    else if (pack)
        shown = print_text_in(lang, pack);
    pc_pack_set_free(&set);
    if (!pack)
        return pc_cli_fail("unknown policy \"%s\"", policy);
    return shown ? 0 : PC_EXIT_BAD_INPUT;
}
