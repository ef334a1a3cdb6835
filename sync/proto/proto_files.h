/* proto_files.h — writing files so that a crash or power cut leaves either the old
 * file or the new one, never half of either: temp file in the same directory, fsync,
 * rename, fsync of the directory.
 *
 * Why it exists, and why here: both sides write the protocol's files — the kiosk its
 * bundles and the packs it switches in, the department its acknowledgement files, pack
 * signatures and the receiver's port file — and both need the same guarantee, so the
 * one implementation lives with the code they share. Temp files are named
 * ".kiosk-sync-XXXXXX" in the target's directory. */
#ifndef PC_PROTO_FILES_H
#define PC_PROTO_FILES_H

#include <stdbool.h>
#include <stddef.h>

bool pc_proto_write_atomic(const char *path, const void *data, size_t len, char *err,
                           size_t errsize);
/* Writes data to a new temp file in dir (fsynced); its path goes to tmp_path. */
bool pc_proto_write_temp(const char *dir, const void *data, size_t len, char *tmp_path,
                         size_t tmp_size, char *err, size_t errsize);
/* rename(tmp, path) then fsync of path's directory. */
bool pc_proto_commit_temp(const char *tmp, const char *path, char *err, size_t errsize);

#endif
