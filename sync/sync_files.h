/* sync_files.h — writing files so that a crash or power cut leaves either the old
 * file or the new one, never half of either: temp file in the same directory, fsync,
 * rename, fsync of the directory. Used for bundles, acknowledgement files and packs. */
#ifndef PCS_SYNC_FILES_H
#define PCS_SYNC_FILES_H

#include <stdbool.h>
#include <stddef.h>

bool pcs_write_atomic(const char *path, const void *data, size_t len, char *err, size_t errsize);
/* Writes data to a new temp file in dir (fsynced); its path goes to tmp_path. */
bool pcs_write_temp(const char *dir, const void *data, size_t len, char *tmp_path,
                    size_t tmp_size, char *err, size_t errsize);
/* rename(tmp, path) then fsync of path's directory. */
bool pcs_commit_temp(const char *tmp, const char *path, char *err, size_t errsize);

#endif
