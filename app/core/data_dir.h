/* data_dir.h — where the programs find their read-only data (rules/, assets/, fonts/):
 * the source tree when run from the build tree, the installed share directory
 * otherwise (the packages' /usr/share/precheck, or `cmake --install`'s prefix), so that
 * one binary works in both places without flags. */
#ifndef PC_DATA_DIR_H
#define PC_DATA_DIR_H

#include <stddef.h>

/* The directory holding rules/, assets/ and fonts/: $PRECHECK_DATA if set, else the
 * source tree this was built from if this program runs from its build tree and the
 * tree still holds rules/, else the install prefix's share/precheck. */
const char *pc_data_dir(void);

/* The rules directory that kiosk-sync writes and the kiosk reads in the installed layout
 * (app/core/rules_live.h): state, not data. */
#define PC_STATE_RULES_DIR "/var/lib/precheck/rules"

/* The kiosk's default rules_dir: PC_STATE_RULES_DIR when installed (kiosk-sync's default
 * too; until its first switch it gives the installed packs), the data directory's rules/
 * from a build or with $PRECHECK_DATA, so that a build never reads a machine's state. */
void pc_rules_dir_default(char *out, size_t size);

#endif
