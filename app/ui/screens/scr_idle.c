/* scr_idle.c — the idle countdown over any applicant's screen: it hides the answers
 * (opaque), counts down, and asks whether to continue before the session is cleared. */
#include "screens/screens.h"

#include <stdio.h>

/* ---- public functions ---- */

/* 还在吗, the seconds left, what happens then, 继续 and 结束. */
void scr_idle_draw(ui_ctx *ui, const kiosk_app *app)
{
    char n[16], secs[32];
    snprintf(n, sizeof n, "%d",
             app->idle.seconds_left > 0 ? app->idle.seconds_left
                                        : app->setup.cfg.countdown_seconds);
    ui_str_fill(ui, "idle.seconds", "n", n, secs, sizeof secs);
    const ui_confirm c = {
        .title = ui_str(ui, "idle.title"),
        .title_size = UI_T_DISPLAY,
        .figure = secs,
        .lead = ui_str(ui, "idle.lead"),
        .yes = {"idle:continue", ui_str(ui, "idle.continue"), UI_BTN_PRIMARY, ACT_IDLE_CONTINUE, 0},
        .no = {"idle:end", ui_str(ui, "idle.end"), UI_BTN_SECONDARY, ACT_IDLE_END, 0},
        .yes_text_px = ui_text_px(ui, 60),
    };
    ui_confirm_card(ui, &c); /* opaque: the answers stay hidden */
}
