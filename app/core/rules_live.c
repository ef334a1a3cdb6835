/* rules_live.c — where the live rules are (see rules_live.h). */
#include "rules_live.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data_dir.h"

static bool holds_pack(const char *dir);

void pc_rules_live_dir(const char *rules_dir, char *out, size_t size)
{
    char cur[4200];
    struct stat st;
    snprintf(cur, sizeof cur, "%s/" PC_RULES_CURRENT, rules_dir);
    if (stat(cur, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(out, size, "%s", cur);
    else if (holds_pack(rules_dir))
        snprintf(out, size, "%s", rules_dir);
    else /* nothing switched in yet (a new kiosk): the packs it was installed with */
        snprintf(out, size, "%s/rules", pc_data_dir());
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

/* A pack file ("*.yaml", not a case file, not hidden) directly in dir. */
static bool holds_pack(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    bool found = false;
    while (d && !found && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        found = n > 5 && e->d_name[0] != '.' && strcmp(e->d_name + n - 5, ".yaml") == 0 &&
                !(n > 11 && strcmp(e->d_name + n - 11, ".cases.yaml") == 0);
    }
    if (d)
        closedir(d);
    return found;
}
