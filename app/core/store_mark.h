/* store_mark.h — "this file is as the store left it" (internal to app/core).
 *
 * A full PRAGMA integrity_check reads every page: 3.3 s at start with a million rows.
 * The store runs it only when the file may have changed behind its back: after a crash,
 * or when the file's size, times or inode differ from what a clean close wrote in
 * "<db>.clean", or a write-ahead log is left over. A clean close writes the mark; every
 * open removes it first, so a crash afterwards always means a full check next time. The
 * full check still runs at night (pc_store_check), for damage the disk does on its own. */
#ifndef PC_STORE_MARK_H
#define PC_STORE_MARK_H

#include <stdbool.h>

/* True when db_path carries a mark that matches the file as it is now. */
bool pc_store_mark_matches(const char *db_path);
void pc_store_mark_clear(const char *db_path);
/* After a clean close: records the file as it is (0600). */
void pc_store_mark_write(const char *db_path);

#endif
