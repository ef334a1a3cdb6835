/* input.c — touch, mouse and timers: taps, drags, the staff corner's long press, the
 * idle countdown and reset.
 *
 * Under kmsdrm touches arrive only as SDL_FINGER* events with 0..1 coordinates and no
 * mouse events are made from them (field-notes.md), so fingers are handled directly;
 * the mouse (and X11/Wayland touch turned into mouse) is handled too, with SDL's own
 * touch↔mouse translation switched off so one touch is one event. A tap acts on
 * release over the widget it began on, and never twice within the debounce time; what
 * it does is the flow's (ui_flow_act). Keys and window-close requests are ignored:
 * that is the kiosk's lockdown. */
#include "flow/flow.h"
#include "log.h"

#include <stdlib.h>

#define INPUT_DEBOUNCE_MS 250
#define INPUT_LONG_PRESS_MS 3000
#define INPUT_DRAG_PX 24

/* ---- static prototypes ---- */
static void input_finger(kiosk_app *app, const SDL_TouchFingerEvent *f);
static void input_mouse(kiosk_app *app, const SDL_Event *ev);
static void input_press(kiosk_app *app, int x, int y, bool mouse, SDL_FingerID finger);
static void input_move(kiosk_app *app, int x, int y);
static void input_release(kiosk_app *app, int x, int y);
static void input_finger_xy(const kiosk_app *app, float fx, float fy, int *x, int *y);
static void input_mouse_xy(const kiosk_app *app, int wx, int wy, int *x, int *y);
static bool input_long_press(kiosk_app *app, uint64_t now);
static void input_idle(kiosk_app *app, uint64_t now);

/* ---- public functions ---- */

void ui_input_event(kiosk_app *app, const SDL_Event *ev)
{
    switch (ev->type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        input_finger(app, &ev->tfinger);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEMOTION:
    case SDL_MOUSEBUTTONUP:
        input_mouse(app, ev);
        break;
    case SDL_MOUSEWHEEL:
        app->gfx.scroll -= ev->wheel.y * ui_px(&app->ui, 120);
        app->input.last_input_ms = ui_now(&app->ui);
        app->gfx.dirty = true;
        break;
    case SDL_QUIT: /* only SIGTERM sends it (start.c): systemd stops the kiosk */
        pc_log_info("kiosk: SIGTERM: closing");
        app->flow.quit = true;
        break;
    case SDL_USEREVENT: /* the staff desk's answer to 请工作人员帮助 */
        ui_help_call_event(app, ev);
        break;
    default: /* keys and everything else: ignored on purpose */
        break;
    }
}

void ui_input_tick(kiosk_app *app)
{
    uint64_t now = ui_now(&app->ui);
    if (!input_long_press(app, now))
        input_idle(app, now);
}

int ui_input_next_timer(const kiosk_app *app)
{
    const ui_pointer *p = &app->input.ptr;
    uint64_t now = ui_now(&app->ui), due = UINT64_MAX;
    if (p->down && p->corner)
        due = p->t0 + INPUT_LONG_PRESS_MS;
    bool timed = ui_flow_idle_rule(app->flow.screen) != UI_IDLE_LARGE_OFF || app->ui.large ||
                 app->flow.help_open;
    if (timed && !p->down) {
        uint64_t idle_at = app->input.last_input_ms + (uint64_t)app->setup.cfg.idle_seconds * 1000u;
        if (app->idle.shown)
            idle_at = now + 1000 - (now - app->idle.since_ms) % 1000;
        if (idle_at < due)
            due = idle_at;
    }
    if (due == UINT64_MAX)
        return -1;
    return due <= now ? 0 : (int)(due - now);
}

/* ---- static functions ---- */

/* A finger: down starts a touch (one at a time); moving and lifting count only for the
 * finger that started it. */
static void input_finger(kiosk_app *app, const SDL_TouchFingerEvent *f)
{
    const ui_pointer *p = &app->input.ptr;
    int x, y;
    input_finger_xy(app, f->x, f->y, &x, &y);
    if (f->type == SDL_FINGERDOWN)
        input_press(app, x, y, false, f->fingerId);
    else if (!p->down || p->is_mouse || p->finger != f->fingerId)
        return;
    else if (f->type == SDL_FINGERUP)
        input_release(app, x, y);
    else
        input_move(app, x, y);
}

/* The left mouse button, handled as a finger; the mouse events SDL makes from touches
 * are not (one touch is one event). */
static void input_mouse(kiosk_app *app, const SDL_Event *ev)
{
    const ui_pointer *p = &app->input.ptr;
    bool motion = ev->type == SDL_MOUSEMOTION;
    int x, y;
    if ((motion ? ev->motion.which : ev->button.which) == SDL_TOUCH_MOUSEID)
        return;
    if (ev->type == SDL_MOUSEBUTTONDOWN) {
        if (ev->button.button != SDL_BUTTON_LEFT)
            return;
        input_mouse_xy(app, ev->button.x, ev->button.y, &x, &y);
        input_press(app, x, y, true, 0);
        return;
    }
    if (!p->down || !p->is_mouse)
        return;
    input_mouse_xy(app, motion ? ev->motion.x : ev->button.x, motion ? ev->motion.y : ev->button.y,
                   &x, &y);
    if (motion)
        input_move(app, x, y);
    else
        input_release(app, x, y);
}

static void input_press(kiosk_app *app, int x, int y, bool mouse, SDL_FingerID finger)
{
    ui_pointer *p = &app->input.ptr;
    if (p->down)
        return; /* one finger at a time */
    uint64_t now = ui_now(&app->ui);
    app->input.last_input_ms = now;
    *p = (ui_pointer){.down = true,
                      .finger = finger,
                      .is_mouse = mouse,
                      .x0 = x,
                      .y0 = y,
                      .x = x,
                      .y = y,
                      .scroll0 = app->gfx.scroll,
                      .t0 = now};
    p->widget = ui_widget_at(&app->ui, x, y);
    int corner = ui_px(&app->ui, UI_BAR_H);
    p->corner = x < corner && y < corner && p->widget < 0;
    app->gfx.dirty = true;
}

static void input_move(kiosk_app *app, int x, int y)
{
    ui_pointer *p = &app->input.ptr;
    ui_gfx *g = &app->gfx;
    p->x = x;
    p->y = y;
    app->input.last_input_ms = ui_now(&app->ui);
    int dy = y - p->y0, dx = x - p->x0, far = ui_px(&app->ui, INPUT_DRAG_PX);
    if (abs(dx) > far || abs(dy) > far)
        p->corner = false;
    SDL_Point p0 = {p->x0, p->y0};
    if (!p->scrolling && abs(dy) > far && g->scroll_max > 0 &&
        SDL_PointInRect(&p0, &g->scroll_view)) {
        p->scrolling = true;
        g->dirty = true;
    }
    if (p->scrolling) {
        int s = p->scroll0 - dy;
        g->scroll = s < 0 ? 0 : s > g->scroll_max ? g->scroll_max : s;
        g->dirty = true;
    }
}

static void input_release(kiosk_app *app, int x, int y)
{
    ui_pointer *p = &app->input.ptr;
    uint64_t now = ui_now(&app->ui);
    app->input.last_input_ms = now;
    p->down = false;
    app->gfx.dirty = true;
    if (p->scrolling)
        return;
    int w = ui_widget_at(&app->ui, x, y);
    if (w < 0 || w != p->widget)
        return;
    if (app->input.last_action_ms && now - app->input.last_action_ms < INPUT_DEBOUNCE_MS)
        return;
    app->input.last_action_ms = now;
    ui_flow_act(app, (ui_action)app->gfx.widgets[w].action, app->gfx.widgets[w].arg);
}

/* Finger coordinates are 0..1 of the screen; turned back when the picture is turned
 * 90° clockwise (screen (xo, yo) shows drawing (yo, h - xo)). */
static void input_finger_xy(const kiosk_app *app, float fx, float fy, int *x, int *y)
{
    float sx = fx * (float)app->video.out_w, sy = fy * (float)app->video.out_h;
    if (app->video.turned) {
        float ox = (float)(app->video.out_w - app->ui.h) / 2,
              oy = (float)(app->video.out_h - app->ui.w) / 2;
        *x = (int)(sy - oy);
        *y = app->ui.h - 1 - (int)(sx - ox);
        return;
    }
    *x = (int)sx;
    *y = (int)sy;
}

/* Mouse coordinates are in window points; the output may have more pixels (HiDPI). */
static void input_mouse_xy(const kiosk_app *app, int wx, int wy, int *x, int *y)
{
    int ww, wh;
    SDL_GetWindowSize(app->video.window, &ww, &wh);
    input_finger_xy(app, ww > 0 ? (float)wx / (float)ww : 0.f, wh > 0 ? (float)wy / (float)wh : 0.f,
                    x, y);
}

/* The staff corner held long enough opens the PIN pad; true when it did. */
static bool input_long_press(kiosk_app *app, uint64_t now)
{
    ui_pointer *p = &app->input.ptr;
    if (!p->down || !p->corner || now - p->t0 < INPUT_LONG_PRESS_MS)
        return false;
    p->down = false;
    app->input.last_input_ms = now;
    ui_flow_act(app, ACT_STAFF_CORNER, 0);
    return true;
}

/* No touch for idle_seconds: what the screen's idle rule says (flow.c's table). */
static void input_idle(kiosk_app *app, uint64_t now)
{
    uint64_t idle_ms = (uint64_t)app->setup.cfg.idle_seconds * 1000u;
    bool idle = !app->input.ptr.down && now - app->input.last_input_ms >= idle_ms;
    switch (ui_flow_idle_rule(app->flow.screen)) {
    case UI_IDLE_LARGE_OFF: /* and 请工作人员帮助 closes */
        if (idle && (app->ui.large || app->flow.help_open)) {
            app->ui.large = false;
            app->flow.help_open = false;
            app->gfx.dirty = true;
        }
        return;
    case UI_IDLE_CLOSE:
        if (idle)
            ui_flow_reset(app);
        return;
    case UI_IDLE_ASK:
        break;
    }
    if (!idle)
        return;
    if (!app->idle.shown) {
        app->idle.shown = true;
        app->idle.since_ms = now;
        app->gfx.dirty = true;
        pc_log_info("kiosk: idle, asking to continue");
    }
    uint64_t cd_ms = (uint64_t)app->setup.cfg.countdown_seconds * 1000u,
             gone = now - app->idle.since_ms;
    if (gone >= cd_ms) {
        pc_log_info("kiosk: idle reset");
        ui_flow_reset(app);
        return;
    }
    int left = (int)((cd_ms - gone + 999) / 1000);
    if (left != app->idle.seconds_left) {
        app->idle.seconds_left = left;
        app->gfx.dirty = true;
    }
}
