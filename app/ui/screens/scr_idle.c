/* scr_idle.c — the idle countdown over any applicant's screen: it hides the answers
 * (opaque), counts down, and asks whether to continue before the session is cleared. */
#include "screens/screens.h"

#include <stdio.h>

/* ---- static prototypes ---- */
static void idle_card(ui_ctx *ui, const kiosk_app *app, ui_layout *l);

/* ---- public functions ---- */

void scr_idle_draw(ui_ctx *ui, const kiosk_app *app)
{
    ui_fill(ui, (SDL_Rect){0, 0, ui->w, ui->h}, UI_C_BAR); /* opaque: the answers stay hidden */
    ui_widgets_begin(ui);
    int x, w, pad = ui_px(ui, 56);
    ui_column(ui, &x, &w);
    ui_layout in = ui_layout_measure(x + pad, 0, w - 2 * pad);
    idle_card(ui, app, &in);
    int h = pad + in.y + pad, y = (ui->h - h) / 2;
    ui_round(ui, (SDL_Rect){x, y, w, h}, ui_px(ui, UI_RADIUS), UI_C_CARD);
    in = ui_layout_column(x + pad, y + pad, w - 2 * pad);
    idle_card(ui, app, &in);
}

/* ---- static functions ---- */

/* 还在吗, the seconds left, what happens then, 继续 and 结束. */
static void idle_card(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    ui_text_style ts = ui_st(ui, UI_T_DISPLAY, true, UI_C_TEXT),
                  ns = ui_st(ui, 150, true, UI_C_PRIMARY),
                  ls = ui_st(ui, UI_T_BODY, false, UI_C_TEXT);
    ts.align = ns.align = ls.align = UI_ALIGN_CENTER;
    char n[16], secs[32];
    snprintf(n, sizeof n, "%d",
             app->idle.seconds_left > 0 ? app->idle.seconds_left
                                        : app->setup.cfg.countdown_seconds);
    ui_str_fill(ui, "idle.seconds", "n", n, secs, sizeof secs);
    int bh = ui_px(ui, ui->large ? 170 : 150);
    ui_layout_text(ui, l, ui_str(ui, "idle.title"), ts);
    ui_layout_space(ui, l, UI_SPACE_7);
    ui_layout_text(ui, l, secs, ns);
    ui_layout_space(ui, l, UI_SPACE_7);
    ui_layout_text(ui, l, ui_str(ui, "idle.lead"), ls);
    ui_layout_space(ui, l, UI_SPACE_7);
    ui_layout_space(ui, l, UI_SPACE_7);
    SDL_Rect go_on = ui_layout_next(l, bh);
    ui_layout_space(ui, l, UI_SPACE_7);
    SDL_Rect end = ui_layout_next(l, bh);
    if (l->measure)
        return;
    ui_button_sized(ui, "idle:continue", go_on, ui_str(ui, "idle.continue"), UI_BTN_PRIMARY,
                    ACT_IDLE_CONTINUE, 0, ui_text_px(ui, 60));
    ui_button(ui, "idle:end", end, ui_str(ui, "idle.end"), UI_BTN_SECONDARY, ACT_IDLE_END, 0);
}
