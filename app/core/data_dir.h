/* data_dir.h — where the programs find their read-only data (rules/, assets/, fonts/):
 * the source tree when run from a build, the installed share directory otherwise
 * (`cmake --install`), so that one binary works in both places without flags. */
#ifndef PC_DATA_DIR_H
#define PC_DATA_DIR_H

/* The directory holding rules/, assets/ and fonts/: $PRECHECK_DATA if set, else the
 * source tree this was built from if it still holds rules/, else the install prefix's
 * share/precheck-kiosk. */
const char *pc_data_dir(void);

#endif
