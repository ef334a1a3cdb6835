/* commands.h — the `precheck` subcommands dispatched by main.c. */
#ifndef PC_COMMANDS_H
#define PC_COMMANDS_H

int pc_cmd_eval(int argc, char **argv);
int pc_cmd_lint(int argc, char **argv);
int pc_cmd_questions(int argc, char **argv);
int pc_cmd_test(int argc, char **argv);
int pc_cmd_walk(int argc, char **argv);

#endif
