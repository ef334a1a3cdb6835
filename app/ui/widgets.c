/* widgets.c — touch targets, buttons, options (a mark and left-aligned words, as tall
 * as the words need), the top bar, the content column and the scrolling area.
 *
 * Each frame a screen registers its targets as it draws them; the input code hit-tests
 * the last frame's list and scripts find targets by id in it. Buttons are never
 * smaller than the minimum target (44 px, 60 px in large-text mode). A chosen button or
 * option carries a ✓, never colour alone; a disabled-looking one stays a target so that
 * a tap can say what is missing. */
#include "ui.h"

#include <stdio.h>
#include <string.h>

/* ---- static prototypes ---- */
static void widgets_box(kiosk_app *app, SDL_Rect b, bool on);
static void widgets_radio(kiosk_app *app, int cx, int cy, int r, bool on);

/* ---- public functions ---- */

void ui_widgets_begin(kiosk_app *app)
{
    app->n_widgets = 0;
    app->in_scroll = false;
}

int ui_widget_add(kiosk_app *app, const char *id, SDL_Rect r, ui_action action, int arg)
{
    if (app->n_widgets == UI_MAX_WIDGETS) return -1;
    ui_widget *w = &app->widgets[app->n_widgets];
    snprintf(w->id, sizeof w->id, "%s", id);
    w->r = r;
    w->action = action;
    w->arg = arg;
    w->scrolls = app->in_scroll;
    return (int)app->n_widgets++;
}

/* The topmost widget under (x, y); scrolled ones only inside the scrolling area. */
int ui_widget_at(const kiosk_app *app, int x, int y)
{
    SDL_Point p = {x, y};
    for (size_t i = app->n_widgets; i-- > 0;) {
        const ui_widget *w = &app->widgets[i];
        if (!SDL_PointInRect(&p, &w->r)) continue;
        if (w->scrolls && !SDL_PointInRect(&p, &app->scroll_view)) continue;
        return (int)i;
    }
    return -1;
}

int ui_widget_find(const kiosk_app *app, const char *id)
{
    for (size_t i = 0; i < app->n_widgets; i++)
        if (strcmp(app->widgets[i].id, id) == 0) return (int)i;
    return -1;
}

int ui_min_target(const kiosk_app *app)
{
    return ui_px(app, app->large ? UI_MIN_TARGET_LARGE : UI_MIN_TARGET);
}

void ui_button(kiosk_app *app, const char *id, SDL_Rect r, const char *label, ui_btn_kind kind,
               ui_action action, int arg)
{
    ui_button_sized(app, id, r, label, kind, action, arg, ui_text_px(app, UI_T_BUTTON));
}

void ui_button_sized(kiosk_app *app, const char *id, SDL_Rect r, const char *label, ui_btn_kind kind,
                     ui_action action, int arg, int text_px)
{
    int min = ui_min_target(app);
    if (r.h < min) r.h = min;
    if (r.w < min) r.w = min;
    int idx = ui_widget_add(app, id, r, action, arg);
    bool pressed = app->ptr.down && !app->ptr.scrolling && idx >= 0 && app->ptr.widget == idx;
    int rad = ui_px(app, UI_RADIUS), line = ui_px(app, 4);
    ui_rgb fg = UI_C_ON_DARK;
    int size = text_px;
    switch (kind) {
    case UI_BTN_PRIMARY:
        ui_round(app, r, rad, pressed ? UI_C_PRIMARY_DOWN : UI_C_PRIMARY);
        break;
    case UI_BTN_SELECTED:
        ui_round(app, r, rad, pressed ? UI_C_PRIMARY_DOWN : UI_C_SELECTED);
        ui_icon_draw(app, UI_ICON_CHECK, r.x + ui_px(app, 24) + r.h / 5, r.y + r.h / 2, r.h / 5, UI_C_SELECTED,
                     UI_C_ON_DARK);
        break;
    case UI_BTN_SECONDARY:
        ui_round_frame(app, r, rad, line, pressed ? UI_C_SOFT : UI_C_CARD, UI_C_PRIMARY);
        fg = UI_C_LINK;
        break;
    case UI_BTN_BAR:
        ui_round_frame(app, r, rad, ui_px(app, 3), pressed ? UI_C_PRIMARY : UI_C_BAR, UI_C_ON_DARK);
        size = ui_px(app, 40);
        break;
    case UI_BTN_DISABLED:           /* still a target: a tap says what is missing */
        ui_round_frame(app, r, rad, ui_px(app, 3), UI_C_SOFT, UI_C_BORDER);
        fg = UI_C_MUTED;
        break;
    }
    ui_text_style st = {size, true, fg, UI_ALIGN_CENTER};
    int tw, th, left = ui_px(app, 16), right = left;
    if (kind == UI_BTN_SELECTED) {          /* the words never run over the ✓ */
        int icon = ui_px(app, 24) + 2 * (r.h / 5) + ui_px(app, 12);
        ui_text_size(app, label, st, 0, &tw, &th);
        left = right = icon;
        if (tw > r.w - 2 * icon) right = ui_px(app, 16);  /* too narrow to stay centred */
    }
    ui_text_size(app, label, st, r.w - left - right, &tw, &th);
    ui_text_draw(app, label, st, r.x + left, r.y + (r.h - th) / 2, r.w - left - right);
}

int ui_option_height(kiosk_app *app, const char *label, int w, int min_h)
{
    int pad = ui_px(app, 28), mark = ui_text_px(app, 44), tw, th;
    ui_text_style st = {ui_text_px(app, UI_T_OPTION), true, UI_C_LINK, UI_ALIGN_LEFT};
    ui_text_size(app, label, st, w - 3 * pad - mark, &tw, &th);
    int h = th + 2 * pad;
    return h > min_h ? h : min_h;
}

int ui_option(kiosk_app *app, const char *id, SDL_Rect r, const char *label, ui_mark mark, bool on,
              ui_action action, int arg)
{
    int pad = ui_px(app, 28), m = mark == UI_MARK_NONE ? 0 : ui_text_px(app, 44), tw, th;
    r.h = ui_option_height(app, label, r.w, r.h);
    int idx = ui_widget_add(app, id, r, action, arg);
    bool pressed = app->ptr.down && !app->ptr.scrolling && idx >= 0 && app->ptr.widget == idx;
    int rad = ui_px(app, UI_RADIUS);
    if (on) ui_round(app, r, rad, pressed ? UI_C_PRIMARY_DOWN : UI_C_SELECTED);
    else ui_round_frame(app, r, rad, ui_px(app, 4), pressed ? UI_C_SOFT : UI_C_CARD, UI_C_PRIMARY);
    int mx = r.x + pad, my = r.y + (r.h - m) / 2;
    if (mark == UI_MARK_BOX) widgets_box(app, (SDL_Rect){mx, my, m, m}, on);
    else if (mark == UI_MARK_RADIO) widgets_radio(app, mx + m / 2, my + m / 2, m / 2, on);
    ui_text_style st = {ui_text_px(app, UI_T_OPTION), true, on ? UI_C_ON_DARK : UI_C_LINK, UI_ALIGN_LEFT};
    int lx = r.x + pad + (m ? m + pad : 0), lw = r.x + r.w - pad - lx;
    ui_text_size(app, label, st, lw, &tw, &th);
    ui_text_draw(app, label, st, lx, r.y + (r.h - th) / 2, lw);
    return r.h;
}

int ui_top_bar(kiosk_app *app, const char *title)
{
    int h = ui_px(app, UI_BAR_H), pad = ui_px(app, 40);
    ui_fill(app, (SDL_Rect){0, 0, app->w, h}, UI_C_BAR);
    /* emblem in the staff corner (a long press there opens the PIN pad) */
    ui_disc(app, pad + ui_px(app, 26), h / 2, ui_px(app, 26), UI_C_ON_DARK);
    ui_disc(app, pad + ui_px(app, 26), h / 2, ui_px(app, 17), UI_C_BAR);
    ui_disc(app, pad + ui_px(app, 26), h / 2, ui_px(app, 9), UI_C_ON_DARK);
    int bw = ui_px(app, 232), bh = ui_px(app, 92);
    SDL_Rect sw = {app->w - pad - bw, (h - bh) / 2, bw, bh};
    ui_text_style st = {ui_px(app, 40), true, UI_C_ON_DARK, UI_ALIGN_LEFT};
    int tx = pad + ui_px(app, 80), tw, th;
    ui_text_size(app, title, st, 0, &tw, &th);
    if (tw <= sw.x - tx - pad) ui_text_draw(app, title, st, tx, (h - th) / 2, 0);
    else {
        st.size = ui_px(app, 32);
        ui_text_size(app, title, st, sw.x - tx - pad, &tw, &th);
        ui_text_draw(app, title, st, tx, (h - th) / 2, sw.x - tx - pad);
    }
    ui_button(app, "large", sw, ui_str(app, app->large ? "common.large_off" : "common.large_on"),
              UI_BTN_BAR, ACT_LARGE, 0);
    return h;
}

void ui_column(const kiosk_app *app, int *x, int *w)
{
    int m = ui_px(app, UI_MARGIN);
    int cw = app->w - 2 * m, max = ui_px(app, UI_COLUMN_MAX);
    if (app->landscape && cw > max) cw = max;
    *x = (app->w - cw) / 2;
    *w = cw;
}

/* Two-column screens (welcome, question) may use more of a landscape screen. */
void ui_column_wide(const kiosk_app *app, int *x, int *w)
{
    int m = ui_px(app, UI_MARGIN);
    int cw = app->w - 2 * m, max = ui_px(app, UI_COLUMN_WIDE_MAX);
    if (cw > max) cw = max;
    *x = (app->w - cw) / 2;
    *w = cw;
}

void ui_scroll_begin(kiosk_app *app, int top, int bottom)
{
    app->scroll_view = (SDL_Rect){0, top, app->w, bottom - top};
    SDL_RenderSetClipRect(app->renderer, &app->scroll_view);
    app->in_scroll = true;
}

void ui_scroll_end(kiosk_app *app, int content_bottom)
{
    SDL_RenderSetClipRect(app->renderer, NULL);
    app->in_scroll = false;
    int content_h = content_bottom - app->scroll_view.y;
    app->scroll_max = content_h > app->scroll_view.h ? content_h - app->scroll_view.h : 0;
    if (app->scroll > app->scroll_max) { app->scroll = app->scroll_max; app->dirty = true; }
    if (app->scroll < 0) { app->scroll = 0; app->dirty = true; }
}

/* A thin bar on the right when the content scrolls, and fades at the edges. */
void ui_scrollbar(kiosk_app *app)
{
    if (app->scroll_max <= 0) return;
    SDL_Rect v = app->scroll_view;
    int track = v.h - ui_px(app, 24), thumb = track * v.h / (v.h + app->scroll_max);
    if (thumb < ui_px(app, 60)) thumb = ui_px(app, 60);
    int y = v.y + ui_px(app, 12) + (track - thumb) * app->scroll / app->scroll_max;
    ui_round(app, (SDL_Rect){app->w - ui_px(app, 22), v.y + ui_px(app, 12), ui_px(app, 10), track},
             ui_px(app, 5), UI_C_BORDER);
    ui_round(app, (SDL_Rect){app->w - ui_px(app, 22), y, ui_px(app, 10), thumb}, ui_px(app, 5), UI_C_MUTED);
}

/* ---- static functions ---- */

/* A tick box: empty, or white with a ✓ drawn in it (ticked is never colour alone). */
static void widgets_box(kiosk_app *app, SDL_Rect b, bool on)
{
    int rad = ui_px(app, 8);
    ui_round_frame(app, b, rad, ui_px(app, 4), UI_C_CARD, on ? UI_C_CARD : UI_C_PRIMARY);
    if (!on) return;
    float x = (float)b.x, y = (float)b.y, s = (float)b.w, w = s * 0.14f;
    ui_line(app, x + s * 0.2f, y + s * 0.52f, x + s * 0.42f, y + s * 0.74f, w, UI_C_SELECTED);
    ui_line(app, x + s * 0.42f, y + s * 0.74f, x + s * 0.82f, y + s * 0.28f, w, UI_C_SELECTED);
}

/* A round mark: a ring, or a white disc with a ✓ when chosen. */
static void widgets_radio(kiosk_app *app, int cx, int cy, int r, bool on)
{
    if (on) { ui_icon_draw(app, UI_ICON_CHECK, cx, cy, r, UI_C_SELECTED, UI_C_ON_DARK); return; }
    ui_disc(app, cx, cy, r, UI_C_PRIMARY);
    ui_disc(app, cx, cy, r - ui_px(app, 4), UI_C_CARD);
}
