/* file_read.c — see file_read.h. */
#include "file_read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PC_FILE_MAX (64L * 1024 * 1024)

char *pc_file_read(const char *path, size_t *len, char *err, size_t errsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        return NULL;
    }
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    char *buf = NULL;
    if (size >= 0 && size <= PC_FILE_MAX && fseek(f, 0, SEEK_SET) == 0)
        buf = malloc((size_t)size + 1);
    size_t got = buf ? fread(buf, 1, (size_t)size, f) : 0;
    fclose(f);
    if (!buf || got != (size_t)size) {
        snprintf(err, errsize,
                 "%s: cannot read the file (not a regular file, too large, or unreadable)", path);
        free(buf);
        return NULL;
    }
    buf[got] = '\0';
    if (len)
        *len = got;
    return buf;
}
