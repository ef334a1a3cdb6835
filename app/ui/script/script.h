/* script.h — the scripted test mode, a library of its own (pcscript): the kiosk driven
 * by a script of touches on a virtual clock, with screenshots compared against
 * references (tests/flow, the demo). The program links it only to offer --script;
 * nothing in the program's own code depends on it. */
#ifndef UI_SCRIPT_H
#define UI_SCRIPT_H

#include "flow/flow.h"

/* Opens the kiosk with o (on the script's virtual clock, software rendering), runs the
 * script at path, closes the kiosk. Screenshots go to shots_dir, references are read
 * from ref_dir (either NULL: none). Returns the exit status: 0 when every expectation
 * held, 1 when one failed or the kiosk did not open, 2 when the script cannot be read. */
int ui_script_main(kiosk_app *app, const ui_opts *o, const char *path, const char *shots_dir,
                   const char *ref_dir);

#endif
