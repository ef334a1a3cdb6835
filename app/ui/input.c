/* input.c — touch, mouse and timers: taps, drags, the staff long press, the idle reset.
 *
 * Under kmsdrm touches arrive only as SDL_FINGER* events with 0..1 coordinates and no
 * mouse events are made from them (field-notes.md), so fingers are handled directly;
 * the mouse (and X11/Wayland touch turned into mouse) is handled too, with SDL's own
 * touch↔mouse translation switched off so one touch is one event. A tap acts on
 * release over the widget it began on, and never twice within the debounce time.
 * Keys and window-close requests are ignored: that is the kiosk's lockdown. */
#include "ui.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#define INPUT_DEBOUNCE_MS 250
#define INPUT_LONG_PRESS_MS 3000
#define INPUT_DRAG_PX 24
#define INPUT_PIN_TRIES 5
#define INPUT_PIN_LOCK_MS 60000

/* ---- static prototypes ---- */
static void input_press(kiosk_app *app, int x, int y, bool mouse, SDL_FingerID finger);
static void input_move(kiosk_app *app, int x, int y);
static void input_release(kiosk_app *app, int x, int y);
static void input_mouse_xy(const kiosk_app *app, int wx, int wy, int *x, int *y);
static bool input_idle_applies(const kiosk_app *app);
static void input_pin_ok(kiosk_app *app);
static void input_back(kiosk_app *app);
static void input_finger_xy(const kiosk_app *app, float fx, float fy, int *x, int *y);

/* ---- public functions ---- */

void ui_input_event(kiosk_app *app, const SDL_Event *ev)
{
    int x, y;
    switch (ev->type) {
    case SDL_FINGERDOWN:
        input_finger_xy(app, ev->tfinger.x, ev->tfinger.y, &x, &y);
        input_press(app, x, y, false, ev->tfinger.fingerId);
        break;
    case SDL_FINGERMOTION:
        input_finger_xy(app, ev->tfinger.x, ev->tfinger.y, &x, &y);
        if (app->ptr.down && !app->ptr.is_mouse && app->ptr.finger == ev->tfinger.fingerId) input_move(app, x, y);
        break;
    case SDL_FINGERUP:
        input_finger_xy(app, ev->tfinger.x, ev->tfinger.y, &x, &y);
        if (app->ptr.down && !app->ptr.is_mouse && app->ptr.finger == ev->tfinger.fingerId) input_release(app, x, y);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT) break;
        input_mouse_xy(app, ev->button.x, ev->button.y, &x, &y);
        input_press(app, x, y, true, 0);
        break;
    case SDL_MOUSEMOTION:
        if (ev->motion.which == SDL_TOUCH_MOUSEID || !app->ptr.down || !app->ptr.is_mouse) break;
        input_mouse_xy(app, ev->motion.x, ev->motion.y, &x, &y);
        input_move(app, x, y);
        break;
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which == SDL_TOUCH_MOUSEID || !app->ptr.down || !app->ptr.is_mouse) break;
        input_mouse_xy(app, ev->button.x, ev->button.y, &x, &y);
        input_release(app, x, y);
        break;
    case SDL_MOUSEWHEEL:
        app->scroll -= ev->wheel.y * ui_px(app, 120);
        app->last_input_ms = ui_now(app);
        app->dirty = true;
        break;
    case SDL_QUIT:
        ui_log("kiosk: quit request ignored (lockdown; use the staff screen)");
        break;
    default:
        break;              /* keys and everything else: ignored on purpose */
    }
}

void ui_input_tick(kiosk_app *app)
{
    uint64_t now = ui_now(app);
    if (app->ptr.down && app->ptr.corner && now - app->ptr.t0 >= INPUT_LONG_PRESS_MS) {
        app->ptr.down = false;
        app->pin_return = app->screen;
        memset(app->pin, 0, sizeof app->pin);
        app->pin_wrong = false;
        app->idle_overlay = false;
        app->last_input_ms = now;
        ui_set_screen(app, SCR_PIN);
        ui_log("kiosk: staff PIN pad opened");
        return;
    }
    uint64_t idle_ms = (uint64_t)app->cfg.idle_seconds * 1000u;
    if (app->screen == SCR_WELCOME) {
        if (app->large && !app->ptr.down && now - app->last_input_ms >= idle_ms) { app->large = false; app->dirty = true; }
        return;
    }
    if (app->ptr.down || now - app->last_input_ms < idle_ms) return;
    if (!input_idle_applies(app)) { ui_session_wipe(app); return; }
    if (!app->idle_overlay) {
        app->idle_overlay = true;
        app->idle_since_ms = now;
        app->dirty = true;
        ui_log("kiosk: idle, asking to continue");
    }
    uint64_t cd_ms = (uint64_t)app->cfg.countdown_seconds * 1000u, gone = now - app->idle_since_ms;
    if (gone >= cd_ms) { ui_log("kiosk: idle reset"); ui_session_wipe(app); return; }
    int left = (int)((cd_ms - gone + 999) / 1000);
    if (left != app->idle_left) { app->idle_left = left; app->dirty = true; }
}

int ui_input_next_timer(const kiosk_app *app)
{
    uint64_t now = ui_now(app), due = UINT64_MAX;
    if (app->ptr.down && app->ptr.corner) due = app->ptr.t0 + INPUT_LONG_PRESS_MS;
    bool timed = app->screen != SCR_WELCOME || app->large;
    if (timed && !app->ptr.down) {
        uint64_t idle_at = app->last_input_ms + (uint64_t)app->cfg.idle_seconds * 1000u;
        if (app->idle_overlay) idle_at = now + 1000 - (now - app->idle_since_ms) % 1000;
        if (idle_at < due) due = idle_at;
    }
    if (due == UINT64_MAX) return -1;
    return due <= now ? 0 : (int)(due - now);
}

void ui_do_action(kiosk_app *app, ui_action action, int arg)
{
    app->dirty = true;
    switch (action) {
    case ACT_START: ui_set_screen(app, SCR_POLICY); break;
    case ACT_LARGE: app->large = !app->large; break;
    case ACT_BACK: input_back(app); break;
    case ACT_POLICY: ui_session_choose(app, arg); break;
    case ACT_ANSWER: ui_entry_option(app, arg); break;
    case ACT_MULTI_TOGGLE: ui_entry_multi_toggle(app, arg); break;
    case ACT_MULTI_NONE: ui_entry_multi_none(app); break;
    case ACT_MULTI_NEXT: ui_entry_multi_next(app); break;
    case ACT_KEY: ui_entry_key(app, arg); break;
    case ACT_NUMBER_OK: ui_entry_number_ok(app); break;
    case ACT_SOURCE_OPEN: app->s.show_source = true; break;
    case ACT_SOURCE_CLOSE: app->s.show_source = false; break;
    case ACT_SCROLL_MORE: app->scroll += app->scroll_view.h * 2 / 3; break;     /* clamped when drawn */
    case ACT_DATE_STEP: ui_entry_date_step(app, arg); break;
    case ACT_DATE_TODAY: ui_entry_date_today(app); break;
    case ACT_DATE_CONFIRM: ui_entry_date_confirm(app); break;
    case ACT_DATE_NOT_YET: ui_entry_answer_state(app, PC_ANS_NOT_YET); break;
    case ACT_DATE_UNSURE: ui_entry_answer_state(app, PC_ANS_UNSURE); break;
    case ACT_REVIEW_CHANGE: ui_session_change(app, arg); break;
    case ACT_REVIEW_RESULT: ui_session_finish(app); break;
    case ACT_RESULT_DONE: ui_session_wipe(app); break;
    case ACT_RESULT_CHANGE: ui_set_screen(app, SCR_REVIEW); break;
    case ACT_RESULT_PRINT: ui_receipt_print(app); break;
    case ACT_IDLE_CONTINUE: app->idle_overlay = false; app->idle_left = 0; break;
    case ACT_IDLE_END: ui_session_wipe(app); break;
    case ACT_PIN_DIGIT: {
        size_t n = strlen(app->pin);
        if (n < UI_PIN_MAX) { app->pin[n] = (char)('0' + arg); app->pin[n + 1] = '\0'; }
        app->pin_wrong = false;
        break;
    }
    case ACT_PIN_DEL: { size_t n = strlen(app->pin); if (n) app->pin[n - 1] = '\0'; break; }
    case ACT_PIN_OK: input_pin_ok(app); break;
    case ACT_PIN_CANCEL:
        sodium_memzero(app->pin, sizeof app->pin);
        ui_set_screen(app, app->pin_return);
        break;
    case ACT_STAFF_EXIT: ui_log("kiosk: exit by staff"); app->quit = true; break;
    case ACT_STAFF_BACK: ui_session_wipe(app); break;
    case ACT_NONE: break;
    }
}

/* ---- static functions ---- */

static void input_press(kiosk_app *app, int x, int y, bool mouse, SDL_FingerID finger)
{
    if (app->ptr.down) return;              /* one finger at a time */
    uint64_t now = ui_now(app);
    app->last_input_ms = now;
    app->ptr = (ui_pointer){.down = true, .finger = finger, .is_mouse = mouse, .x0 = x, .y0 = y,
                            .x = x, .y = y, .scroll0 = app->scroll, .t0 = now};
    app->ptr.widget = ui_widget_at(app, x, y);
    int corner = ui_px(app, UI_BAR_H);
    app->ptr.corner = x < corner && y < corner && app->ptr.widget < 0;
    app->dirty = true;
}

static void input_move(kiosk_app *app, int x, int y)
{
    app->ptr.x = x;
    app->ptr.y = y;
    app->last_input_ms = ui_now(app);
    int dy = y - app->ptr.y0, dx = x - app->ptr.x0, far = ui_px(app, INPUT_DRAG_PX);
    if (abs(dx) > far || abs(dy) > far) app->ptr.corner = false;
    SDL_Point p0 = {app->ptr.x0, app->ptr.y0};
    if (!app->ptr.scrolling && abs(dy) > far && app->scroll_max > 0 && SDL_PointInRect(&p0, &app->scroll_view)) {
        app->ptr.scrolling = true;
        app->dirty = true;
    }
    if (app->ptr.scrolling) {
        int s = app->ptr.scroll0 - dy;
        app->scroll = s < 0 ? 0 : s > app->scroll_max ? app->scroll_max : s;
        app->dirty = true;
    }
}

static void input_release(kiosk_app *app, int x, int y)
{
    uint64_t now = ui_now(app);
    app->last_input_ms = now;
    app->ptr.down = false;
    app->dirty = true;
    if (app->ptr.scrolling) return;
    int w = ui_widget_at(app, x, y);
    if (w < 0 || w != app->ptr.widget) return;
    if (app->last_action_ms && now - app->last_action_ms < INPUT_DEBOUNCE_MS) return;
    app->last_action_ms = now;
    ui_do_action(app, app->widgets[w].action, app->widgets[w].arg);
}

/* Finger coordinates are 0..1 of the screen; turned back when the picture is turned
 * 90° clockwise (screen (xo, yo) shows drawing (yo, h - xo)). */
static void input_finger_xy(const kiosk_app *app, float fx, float fy, int *x, int *y)
{
    float sx = fx * (float)app->out_w, sy = fy * (float)app->out_h;
    if (app->turned) {
        float ox = (float)(app->out_w - app->h) / 2, oy = (float)(app->out_h - app->w) / 2;
        *x = (int)(sy - oy);
        *y = app->h - 1 - (int)(sx - ox);
        return;
    }
    *x = (int)sx;
    *y = (int)sy;
}

/* Mouse coordinates are in window points; the output may have more pixels (HiDPI). */
static void input_mouse_xy(const kiosk_app *app, int wx, int wy, int *x, int *y)
{
    int ww, wh;
    SDL_GetWindowSize(app->window, &ww, &wh);
    input_finger_xy(app, ww > 0 ? (float)wx / (float)ww : 0.f, wh > 0 ? (float)wy / (float)wh : 0.f, x, y);
}

/* The applicant's screens ask before clearing; the staff screens simply close. */
static bool input_idle_applies(const kiosk_app *app)
{
    return app->screen != SCR_PIN && app->screen != SCR_STAFF;
}

static void input_pin_ok(kiosk_app *app)
{
    uint64_t now = ui_now(app);
    if (now < app->pin_locked_until || strlen(app->pin) < 4) { app->pin_wrong = true; return; }
    bool ok = pc_config_check_pin(&app->cfg, app->pin);
    sodium_memzero(app->pin, sizeof app->pin);
    if (ok) {
        app->pin_fails = 0;
        ui_log("kiosk: staff screen opened");
        ui_set_screen(app, SCR_STAFF);
        return;
    }
    app->pin_wrong = true;
    ui_log("kiosk: wrong staff PIN");
    if (++app->pin_fails >= INPUT_PIN_TRIES) { app->pin_locked_until = now + INPUT_PIN_LOCK_MS; app->pin_fails = 0; }
}

static void input_back(kiosk_app *app)
{
    switch (app->screen) {
    case SCR_POLICY: ui_set_screen(app, SCR_WELCOME); break;
    case SCR_QUESTION: ui_session_back(app); break;
    case SCR_REVIEW:
        if (app->s.question >= 0) ui_set_screen(app, SCR_QUESTION);
        else ui_set_screen(app, SCR_POLICY);
        break;
    case SCR_RESULT: ui_set_screen(app, SCR_REVIEW); break;
    default: ui_set_screen(app, SCR_WELCOME); break;
    }
}
