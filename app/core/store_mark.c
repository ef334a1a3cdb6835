/* store_mark.c — the clean-close mark beside the database (see store_mark.h). */
#include "store_mark.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- static prototypes ---- */
static bool mark_path(const char *db_path, const char *suffix, char *out, size_t size);
static bool describe(const char *db_path, char *out, size_t size);

/* ---- public functions ---- */

bool pc_store_mark_matches(const char *db_path)
{
    char path[4200], want[160], got[160] = "";
    struct stat wal;
    if (!mark_path(db_path, "-wal", path, sizeof path) ||
        (stat(path, &wal) == 0 && wal.st_size > 0))
        return false; /* a log to replay: the file is not as it was left */
    if (!mark_path(db_path, ".clean", path, sizeof path) || !describe(db_path, want, sizeof want))
        return false;
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    bool read = fgets(got, sizeof got, f) != NULL;
    fclose(f);
    return read && strcmp(got, want) == 0;
}

void pc_store_mark_clear(const char *db_path)
{
    char path[4200];
    if (mark_path(db_path, ".clean", path, sizeof path))
        unlink(path);
}

void pc_store_mark_write(const char *db_path)
{
    char path[4200], line[160];
    if (!mark_path(db_path, ".clean", path, sizeof path) || !describe(db_path, line, sizeof line))
        return;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    bool ok = write(fd, line, strlen(line)) == (ssize_t)strlen(line) && fsync(fd) == 0;
    close(fd);
    if (!ok)
        unlink(path);
}

/* ---- static functions ---- */

static bool mark_path(const char *db_path, const char *suffix, char *out, size_t size)
{
    int n = snprintf(out, size, "%s%s", db_path, suffix);
    return n > 0 && (size_t)n < size;
}

/* Size, change and modification times to the nanosecond, device and inode. */
static bool describe(const char *db_path, char *out, size_t size)
{
    struct stat st;
    if (stat(db_path, &st) != 0)
        return false;
    int n = snprintf(out, size,
                     "v1 %" PRIdMAX " %" PRIdMAX ".%09ld %" PRIdMAX ".%09ld %" PRIuMAX " %" PRIuMAX
                     "\n",
                     (intmax_t)st.st_size, (intmax_t)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                     (intmax_t)st.st_ctim.tv_sec, st.st_ctim.tv_nsec, (uintmax_t)st.st_dev,
                     (uintmax_t)st.st_ino);
    return n > 0 && (size_t)n < size;
}
