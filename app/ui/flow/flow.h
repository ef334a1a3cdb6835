/* flow.h — the top of the kiosk: the journey through the screens (the table of screens
 * and the only code that moves between them), touch and timers, the receipt, the PIN,
 * start-up and the event loop.
 *
 * Layers below (screens, drawing, base, the session) never include this; main.c and the
 * harnesses (script/, the bench) do. */
#ifndef UI_FLOW_H
#define UI_FLOW_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "screens/screens.h"

/* What a long time without a touch does on a screen. */
typedef enum {
    UI_IDLE_LARGE_OFF, /* the welcome screen: large-text mode goes back to normal */
    UI_IDLE_ASK,       /* an applicant's screen: a countdown, then the session is wiped */
    UI_IDLE_CLOSE      /* the staff's screens: closed at once, the session wiped */
} ui_idle_rule;

/* ---- flow.c: the journey ---- */
/* Carries out what a touch asks for, when the screen shown allows it. */
void ui_flow_act(kiosk_app *app, ui_action action, int arg);
/* The session ends: the applicant's answers, receipt, texts and settings are wiped, and
 * the welcome screen shows. */
void ui_flow_reset(kiosk_app *app);
/* Draws the screen shown (and the idle countdown over it) and presents the frame. */
void ui_flow_render(kiosk_app *app);
/* The screen's name for scripts and logs: "welcome", "question", … */
const char *ui_flow_screen_name(ui_screen screen);
ui_idle_rule ui_flow_idle_rule(ui_screen screen);

/* ---- input.c: fingers, mouse, the staff corner, the idle timer ---- */
void ui_input_event(kiosk_app *app, const SDL_Event *ev);
/* The timers: the staff corner's long press, the idle countdown and reset. */
void ui_input_tick(kiosk_app *app);
/* Milliseconds until the next timer is due, or -1 when none. */
int ui_input_next_timer(const kiosk_app *app);

/* ---- staff.c: the PIN pad ---- */
void ui_staff_pin_clear(kiosk_app *app);
void ui_staff_pin_digit(kiosk_app *app, int digit);
void ui_staff_pin_delete(kiosk_app *app);
/* 确定: true when the PIN is right (the staff screen may open). */
bool ui_staff_pin_check(kiosk_app *app);
/* At start, once the store is open: the wrong PINs and a lockout not yet over, as the
 * store kept them (a restart does not unlock the pad). */
void ui_staff_restore(kiosk_app *app);

/* ---- receipt.c: the store, the receipt, printing ---- */
void ui_receipt_open(kiosk_app *app);
void ui_receipt_close(kiosk_app *app);
/* Stores the submission (once per set of answers), then makes the QR. */
void ui_receipt_issue(kiosk_app *app);
void ui_receipt_print(kiosk_app *app);
/* The receipt's part of the wipe: its QR and every byte of its number and text. */
void ui_receipt_wipe(kiosk_app *app);

/* ---- day.c: the date follows the clock; packs offered, retention ---- */
/* At start: the date given (--today or the system's) against the clock; retention. */
void ui_day_start(kiosk_app *app);
/* The date again from the clock: when it changed, the packs offered are chosen again
 * and retention is applied (once a day). */
void ui_day_tick(kiosk_app *app);
/* The packs offered on setup.today, and whether the clock is plausible. */
void ui_day_offer_packs(kiosk_app *app);

/* ---- pack_reload.c: the packs, and a new set at the next idle moment ---- */
/* Loads the live set of rules_dir (app/core/rules_live.h) and its calendar (at start). */
bool ui_pack_load(kiosk_app *app);
/* On the welcome screen with no session: the set kiosk-sync switched in replaces the old. */
void ui_pack_reload_tick(kiosk_app *app);

/* ---- voice_play.c: 读给我听 ---- */
/* Opens the Mandarin voice and SDL's audio; without either the kiosk goes on (no
 * 读给我听 without a voice; speech made but not heard without a device). */
void ui_voice_open(kiosk_app *app);
void ui_voice_close(kiosk_app *app);
/* Reads the screen shown aloud: the question, or the result's headline, deadline and
 * materials, or the page's title and lead. */
void ui_voice_read(kiosk_app *app);
/* Stops reading (the next tap). */
void ui_voice_stop(kiosk_app *app);
/* Stops, and forgets what was read (the session's wipe). */
void ui_voice_wipe(kiosk_app *app);

/* ---- help_call.c: 请工作人员帮助 told to the hall's staff desk ---- */
/* Posts a signed help request to desk_url in a thread of its own (nothing without a
 * desk or a key, nothing again while one is in flight or just taken). */
void ui_help_call_send(kiosk_app *app);
/* The thread's answer (an SDL_USEREVENT): app->help.notified, and a redraw. */
void ui_help_call_event(kiosk_app *app, const SDL_Event *ev);
/* True while a request is in flight. */
bool ui_help_call_pending(const kiosk_app *app);
/* Shut-down: a request in flight gets its 3 s, then it is let go. */
void ui_help_call_close(kiosk_app *app);

/* ---- start.c: start-up and shut-down (shared with the bench) ---- */
typedef struct ui_opts {
    const char *config;     /* NULL: embedded defaults */
    const char *rules;      /* NULL: the configuration's rules_dir */
    const char *today;      /* YYYY-MM-DD, NULL: the system's date */
    const char *build_date; /* NULL: PC_BUILD_DATE */
    int w, h;               /* window size; 0: full screen */
    bool software;          /* software renderer (tests, benches) */
    ui_clock clock;         /* a harness's clock (script/, the bench); none: SDL's */
    ui_wall_clock wall;     /* a harness's date and time (script/); none: the system's */
} ui_opts;
bool ui_app_open(kiosk_app *app, const ui_opts *o);
void ui_app_close(kiosk_app *app);
void ui_app_update_size(kiosk_app *app);

/* ---- loop.c: the event loop ---- */
/* Runs until staff choose 退出: sleeps until an event or the next timer, draws only when
 * something changed. */
void ui_loop_run(kiosk_app *app);
/* Handles every queued event and the timers, and draws when something changed, without
 * waiting (scripts and benches drive the kiosk with it). */
void ui_loop_pump(kiosk_app *app);

#endif
