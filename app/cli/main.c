/* main.c — the `precheck` command: one entry point for staff, tests and the kiosk's
 * tooling. Each subcommand lives in its own file; this file only dispatches. */
#include <stdio.h>
#include <string.h>

#include "cli_common.h"
#include "commands.h"
#include "pc_version.h"
#if __has_include("commands_receipt.h")
#include "commands_receipt.h"
#define PC_HAVE_RECEIPT_COMMANDS 1
#endif

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
} command;

static const command commands[] = {
    {"eval", pc_cmd_eval, "eval --policy ID --facts FILE|- [--today YYYY-MM-DD] [--rules DIR]"},
    {"walk", pc_cmd_walk, "walk --policy ID --facts FILE|- [--today YYYY-MM-DD] [--rules DIR]"},
    {"lint", pc_cmd_lint, "lint [--rules DIR] [PACK.yaml ...]"},
    {"questions", pc_cmd_questions,
     "questions --policy ID [--json] [--lang zh-CN|en] [--rules DIR]"},
    {"test", pc_cmd_test, "test [--verbose] [--rules DIR]"},
#ifdef PC_HAVE_RECEIPT_COMMANDS
    PC_RECEIPT_COMMANDS
#endif
};

/* GNU's "Usage: … / or: …" lines, which help2man turns into the man page's synopsis. */
static int usage(FILE *out)
{
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "%s precheck %s\n", i ? "  or: " : "Usage:", commands[i].usage);
    fprintf(out, "  or:  precheck --help | --version\n");
    if (out == stderr)
        return PC_EXIT_BAD_INPUT;
    fprintf(out,
            "Evaluates, lints and tests the policy packs (the rules directory: --rules,\n"
            "else $PRECHECK_RULES, else the installed packs), verifies receipts for the staff\n"
            "and makes the kiosks' and the department's keys.\n"
            "Exit status: 0 done; 2 bad usage or input (one line on stderr); precheck verify:\n"
            "1 malformed, 3 changed, 4 forged, 5 unknown kiosk, 6 unknown pack version,\n"
            "7 answers sealed and no hall key.\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage(stderr);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0)
        return usage(stdout);
    if (strcmp(argv[1], "--version") == 0)
        return pc_version_print(argv[0]);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    pc_cli_fail("unknown command \"%s\" (try precheck --help)", argv[1]);
    return PC_EXIT_BAD_INPUT;
}
