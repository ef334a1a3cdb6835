/* rules_live.c — where the live rules are (see rules_live.h). */
#include "rules_live.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

void pc_rules_live_dir(const char *rules_dir, char *out, size_t size)
{
    char cur[4200];
    struct stat st;
    snprintf(cur, sizeof cur, "%s/" PC_RULES_CURRENT, rules_dir);
    if (stat(cur, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(out, size, "%s", cur);
    else
        snprintf(out, size, "%s", rules_dir);
}

void pc_rules_calendar_dir(const char *rules_dir, const char *fallback, char *out, size_t size)
{
    char cal[4200];
    struct stat st;
    snprintf(cal, sizeof cal, "%s/" PC_RULES_CURRENT "/calendar", rules_dir);
    if (stat(cal, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(out, size, "%s", cal);
    else
        snprintf(out, size, "%s", fallback);
}

void pc_rules_stamp(const char *rules_dir, char *out, size_t size)
{
    char cur[4200];
    snprintf(cur, sizeof cur, "%s/" PC_RULES_CURRENT, rules_dir);
    ssize_t n = size > 0 ? readlink(cur, out, size - 1) : -1;
    if (size > 0)
        out[n > 0 ? (size_t)n : 0] = '\0';
}
