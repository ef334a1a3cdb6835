/* script.h — what the script runner (script.c) and the scripted applicant (script_auto.c)
 * share: the runner's state and the touch and failure helpers. Private to app/ui. */
#ifndef UI_SCRIPT_H
#define UI_SCRIPT_H

#include "ui.h"

typedef struct script_ctx {
    kiosk_app *app;
    const char *shots, *refs;
    const char *file;
    int line, failures;
    char *facts;            /* JSON text for `auto` */
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

#endif
