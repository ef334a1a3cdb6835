/* cli_common.h — what the `precheck` subcommands share: the rules directory, loading
 * the packs, the calendar and the string table of the staff-facing text, and the
 * one-line error convention (exit 2, one line on stderr naming the offending value,
 * nothing on stdout). Error lines on stderr stay in English, in C. */
#ifndef PC_CLI_COMMON_H
#define PC_CLI_COMMON_H

#include <stdbool.h>

#include "eval.h"
#include "strings.h"

#define PC_EXIT_BAD_INPUT 2

typedef struct pc_path {
    char text[4096];
} pc_path;

/* The rules directory: --rules DIR if given, else $PRECHECK_RULES, else the data
 * directory's rules/ (written into *buf, which must outlive the answer). */
const char *pc_cli_rules_dir(const char *given, pc_path *buf);
/* Loads the calendar under RULES/calendar; prints the reason and returns NULL on failure. */
pc_calendar *pc_cli_load_calendar(const char *rules_dir);
/* Loads <data dir>/assets/strings.<lang>.yaml (data_dir.h). lang: given (--lang),
 * else $PRECHECK_LANG, else zh-CN; zh-CN or en. Prints the reason and returns false
 * on failure (the table is then empty). */
bool pc_cli_load_strings(pc_strings *tab, const char *given);
/* Prints the text of key with its "{name}"s filled in, then a newline. */
void pc_cli_say(const pc_strings *tab, const char *key, const char *const *names,
                const char *const *values, size_t n);
/* Appends item to *list (malloc'd; NULL before the first item), after the table's
 * list separator ("common.list_sep": "、") unless it is the first. False when out of
 * memory (*list is kept). */
bool pc_cli_list_add(const pc_strings *tab, char **list, const char *item);
/* Prints "precheck: <message>" to stderr as an error (log.h: with journald's priority
 * when stderr is the journal) and returns PC_EXIT_BAD_INPUT. */
int pc_cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
