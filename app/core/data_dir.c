/* data_dir.c — see data_dir.h. */
#include "data_dir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef PC_SOURCE_DIR
#define PC_SOURCE_DIR "."
#endif
#ifndef PC_INSTALL_DATA_DIR
#define PC_INSTALL_DATA_DIR "/usr/local/share/precheck-kiosk"
#endif

const char *pc_data_dir(void)
{
    struct stat st;
    const char *env = getenv("PRECHECK_DATA");
    if (env && env[0])
        return env;
    if (stat(PC_SOURCE_DIR "/rules/calendar", &st) == 0 && S_ISDIR(st.st_mode))
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
