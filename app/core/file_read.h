/* file_read.h — reads a whole small file (packs, cases, calendar, sources) into memory,
 * NUL-terminated, with a one-line reason on failure. One place for it, not four. */
#ifndef PC_FILE_READ_H
#define PC_FILE_READ_H

#include <stddef.h>

/* Returns a malloc'd buffer (caller frees) and its length, or NULL with err set. */
char *pc_file_read(const char *path, size_t *len, char *err, size_t errsize);

#endif
