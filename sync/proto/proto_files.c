/* proto_files.c — atomic file replacement (see proto_files.h). */
#include "proto_files.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool write_all(int fd, const void *data, size_t len);
static bool fsync_dir_of(const char *path);

bool pc_proto_write_temp(const char *dir, const void *data, size_t len, char *tmp_path,
                         size_t tmp_size, char *err, size_t errsize)
{
    int n = snprintf(tmp_path, tmp_size, "%s/.kiosk-sync-XXXXXX", dir);
    if (n < 0 || (size_t)n >= tmp_size) {
        snprintf(err, errsize, "%s: path too long", dir);
        return false;
    }
    int fd = mkstemp(tmp_path);
    if (fd < 0) {
        snprintf(err, errsize, "%s: %s", dir, strerror(errno));
        return false;
    }
    bool ok = fchmod(fd, 0644) == 0 && write_all(fd, data, len) && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (!ok) {
        snprintf(err, errsize, "%s: %s", tmp_path, strerror(saved ? saved : errno));
        unlink(tmp_path);
    }
    return ok;
}

bool pc_proto_commit_temp(const char *tmp, const char *path, char *err, size_t errsize)
{
    if (rename(tmp, path) != 0) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        unlink(tmp);
        return false;
    }
    if (!fsync_dir_of(path)) {
        snprintf(err, errsize, "%s: directory fsync: %s", path, strerror(errno));
        return false;
    }
    return true;
}

bool pc_proto_write_atomic(const char *path, const void *data, size_t len, char *err,
                           size_t errsize)
{
    char dir[1024], tmp[1100];
    snprintf(dir, sizeof dir, "%s", path);
    char *d = dirname(dir);
    return pc_proto_write_temp(d, data, len, tmp, sizeof tmp, err, errsize) &&
           pc_proto_commit_temp(tmp, path, err, errsize);
}

static bool write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

static bool fsync_dir_of(const char *path)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    int fd = open(dirname(dir), O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}
