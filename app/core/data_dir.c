/* data_dir.c — see data_dir.h. */
#include "data_dir.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PC_SOURCE_DIR
#define PC_SOURCE_DIR "."
#endif
#ifndef PC_INSTALL_DATA_DIR
#define PC_INSTALL_DATA_DIR "/usr/share/precheck"
#endif

/* True when this program's file lies under the build tree it was built in: a package
 * built from that tree and installed on the same machine must not read the sources. */
static bool run_from_build_tree(void)
{
#ifdef PC_BINARY_DIR
    char exe[PATH_MAX], build[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || !realpath(PC_BINARY_DIR, build))
        return false;
    exe[n] = '\0';
    size_t len = strlen(build);
    return strncmp(exe, build, len) == 0 && exe[len] == '/';
#else
    return true;
#endif
}

const char *pc_data_dir(void)
{
    struct stat st;
    const char *env = getenv("PRECHECK_DATA");
    if (env && env[0])
        return env;
    if (run_from_build_tree() && stat(PC_SOURCE_DIR "/rules/calendar", &st) == 0 &&
        S_ISDIR(st.st_mode))
        return PC_SOURCE_DIR;
    return PC_INSTALL_DATA_DIR;
}

void pc_rules_dir_default(char *out, size_t size)
{
    const char *data = pc_data_dir();
    if (strcmp(data, PC_INSTALL_DATA_DIR) == 0)
        snprintf(out, size, "%s", PC_STATE_RULES_DIR);
    else
        snprintf(out, size, "%s/rules", data);
}
