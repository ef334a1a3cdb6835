/* data_dir.h — where the programs find their read-only data (rules/, assets/, fonts/):
 * the source tree when run from the build tree, the installed share directory
 * otherwise (the packages' /usr/share/precheck, or `cmake --install`'s prefix), so that
 * one binary works in both places without flags. */
#ifndef PC_DATA_DIR_H
#define PC_DATA_DIR_H

/* The directory holding rules/, assets/ and fonts/: $PRECHECK_DATA if set, else the
 * source tree this was built from if this program runs from its build tree and the
 * tree still holds rules/, else the install prefix's share/precheck. */
const char *pc_data_dir(void);

#endif
