/* script_private.h — what the script runner (script.c), the scripted applicant
 * (script_auto.c) and the screenshots (shot.c) share inside the script library: the
 * runner's state, the touch and failure helpers. Not for the program. */
#ifndef UI_SCRIPT_PRIVATE_H
#define UI_SCRIPT_PRIVATE_H

#include "script/script.h"

typedef struct script_ctx {
    kiosk_app *app;
    const char *shots, *refs;
    const char *file;
    int line, failures;
    char *facts;        /* JSON text for `auto` */
    uint64_t vclock_ms; /* the virtual clock: it moves only when the script says so */
} script_ctx;

/* Prints "FILE:LINE: message" (fmt takes two strings) and counts a failure; false. */
bool script_fail(script_ctx *c, const char *fmt, const char *a, const char *b);
/* Taps a widget by id (finger, or mouse), scrolling it into view first. */
bool script_tap_id(script_ctx *c, const char *id, bool mouse);

/* ---- script_auto.c ---- */
/* Answers every question shown, by tapping, as the facts JSON (c->facts) says: a
 * question its "answers" record gets that answer, any other the one the facts give. */
bool script_auto(script_ctx *c);
/* The answer to question q as the scripts and cases write it: none, yes, no, unsure,
 * not_yet, an option index, [0,2], 480.5, YYYY-MM-DD. */
void script_answer_text(const pc_pack *pack, const pc_answers *a, size_t q, char *buf, size_t size);

/* ---- shot.c ---- */
bool ui_shot_save(kiosk_app *app, const char *path);
/* Compares the current frame with a reference PNG; writes <ref>_err.png on mismatch.
 * Creates the reference when missing or when PC_UPDATE_SCREENSHOTS=1. */
bool ui_shot_check(kiosk_app *app, const char *ref_path, const char *err_path, char *msg,
                   size_t msgsize);

#endif
