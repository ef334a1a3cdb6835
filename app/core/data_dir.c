/* data_dir.c — see data_dir.h. */
#include "data_dir.h"

#include <stdlib.h>
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
