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
    int64_t wall_shift; /* seconds the script's `clock` jumped the date and time by */
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

/* ---- script_more.c: the date, the store, the voice ---- */
/* The virtual date and time: 09:00 local on a fixed day, moved by the virtual clock and
 * the `clock` command; the kiosk keeps --today's date against it (flow/day.c). */
int64_t script_wall(void *ctx);
/* `clock +S|-S`: the wall clock jumps (the virtual clock does not). */
bool script_clock_jump(script_ctx *c, const char *arg);
/* The expectations of script_more.c (today, receipt-prefix, printer-state, …): true
 * when what is one of them, with *ok saying whether it held. */
bool script_expect_more(script_ctx *c, const char *what, const char *arg, bool *ok);

/* ---- shot.c ---- */
bool ui_shot_save(kiosk_app *app, const char *path);
/* Compares the current frame with a reference PNG; writes <ref>_err.png on mismatch.
 * Creates the reference when missing or when PC_UPDATE_SCREENSHOTS=1. */
bool ui_shot_check(kiosk_app *app, const char *ref_path, const char *err_path, char *msg,
                   size_t msgsize);

#endif
