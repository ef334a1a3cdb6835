/* cli_common.c — see cli_common.h. */
#include "cli_common.h"

#include "data_dir.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>


const char *pc_cli_rules_dir(const char *given, pc_path *buf)
{
    if (given)
        return given;
    const char *env = getenv("PRECHECK_RULES");
    if (env && env[0])
        return env;
    snprintf(buf->text, sizeof buf->text, "%s/rules", pc_data_dir());
    return buf->text;
}

pc_calendar *pc_cli_load_calendar(const char *rules_dir)
{
    char dir[4096], err[300];
    snprintf(dir, sizeof dir, "%s/calendar", rules_dir);
    pc_calendar *cal = calloc(1, sizeof *cal);
    if (!cal || !pc_calendar_load_dir(cal, dir, err, sizeof err)) {
        pc_cli_fail("%s", cal ? err : "out of memory");
        free(cal);
        return NULL;
    }
    return cal;
}

int pc_cli_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("precheck: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return PC_EXIT_BAD_INPUT;
}
