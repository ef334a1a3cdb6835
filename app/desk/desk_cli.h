/* desk_cli.h — the desk's clerk administration commands (clerk-add, clerk-pin,
 * clerk-unlock, clerk-remove, clerk-list), run by an administrator on the window's PC.
 *
 * Why it exists: a clerk who forgot the PIN, locked themselves out or left the hall must
 * be handled without editing the SQLite file by hand; each command is one short call on
 * the desk's store with a clear line on stdout or stderr. Exit: 0 done, 1 refused (no
 * such clerk, already there, the store said no), 2 a bad command line or PIN. */
#ifndef DESK_CLI_H
#define DESK_CLI_H

#include <stdbool.h>

bool desk_cli_is_clerk_command(const char *cmd);
/* Runs cmd on the store at db with its arguments (argv: the clerk id, or nothing for
 * clerk-list); PINs are read from stdin, one line. */
int desk_cli_clerk(const char *cmd, const char *db, int argc, char **argv);

#endif
