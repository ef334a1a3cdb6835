/* cli_common.h — what the `precheck` subcommands share: the rules directory, loading
 * the packs and the calendar, and the one-line error convention (exit 2, one line on
 * stderr naming the offending value, nothing on stdout). */
#ifndef PC_CLI_COMMON_H
#define PC_CLI_COMMON_H

#include "eval.h"

#define PC_EXIT_BAD_INPUT 2

typedef struct pc_path {
    char text[4096];
} pc_path;

/* The rules directory: --rules DIR if given, else $PRECHECK_RULES, else the data
 * directory's rules/ (written into *buf, which must outlive the answer). */
const char *pc_cli_rules_dir(const char *given, pc_path *buf);
/* Loads the calendar under RULES/calendar; prints the reason and returns NULL on failure. */
pc_calendar *pc_cli_load_calendar(const char *rules_dir);
/* Prints "precheck: <message>" to stderr and returns PC_EXIT_BAD_INPUT. */
int pc_cli_fail(const char *fmt, ...);

#endif
