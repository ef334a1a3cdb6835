/* scr_assist.c — what the assist strip opens over a screen: 请工作人员帮助 (where the
 * staff are, from the configuration's help_place, help_hours, help_phone; the answers
 * stay) and 回首页's question, "结束并清除您的回答？" (结束并清除 | 继续填写). Both dim
 * the screen and take every touch until closed (ui_card_overlay, card.c). */
#include "screens/screens.h"

#include <stdio.h>

/* ---- static prototypes ---- */
static void assist_help(ui_ctx *ui, const void *app, ui_layout *l);
static void assist_home(ui_ctx *ui, const void *app, ui_layout *l);
static void assist_line(ui_ctx *ui, ui_layout *l, const char *key, const char *name,
                        const char *value);

/* ---- public functions ---- */

void scr_help_draw(ui_ctx *ui, const kiosk_app *app)
{
    ui_card_overlay(ui, false, assist_help, app);
}

void scr_home_draw(ui_ctx *ui, const kiosk_app *app)
{
    ui_card_overlay(ui, false, assist_home, app);
}

/* ---- static functions ---- */

/* Where the staff are, when, and a number to call; 关闭. */
static void assist_help(ui_ctx *ui, const void *app, ui_layout *l)
{
    const kiosk_app *kiosk = app;
    const pc_config *cfg = &kiosk->setup.cfg;
    ui_layout_text(ui, l, ui_str(ui, "help.title"), ui_st(ui, UI_T_H1, true, UI_C_TEXT));
    ui_layout_space(ui, l, UI_SPACE_6);
    ui_layout_text(ui, l, ui_str(ui, "help.lead"), ui_st(ui, UI_T_BODY, false, UI_C_TEXT));
    ui_layout_space(ui, l, UI_SPACE_6);
    if (kiosk->help.notified) { /* the staff desk has been told (flow/help_call.c) */
        ui_layout_text(ui, l, ui_str(ui, "help.notified"), ui_st(ui, UI_T_H2, true, UI_C_TEXT));
        ui_layout_space(ui, l, UI_SPACE_6);
    }
    assist_line(ui, l, "help.place", "place", cfg->help_place);
    assist_line(ui, l, "help.hours", "hours", cfg->help_hours);
    assist_line(ui, l, "help.phone", "phone", cfg->help_phone);
    ui_layout_space(ui, l, UI_SPACE_6);
    SDL_Rect close = ui_layout_next(l, ui_px(ui, ui->large ? 150 : 130));
    if (!l->measure)
        ui_button(ui, "help:close", close, ui_str(ui, "help.close"), UI_BTN_PRIMARY, ACT_HELP_CLOSE,
                  0);
}

/* 结束并清除您的回答？ and what it means; 结束并清除 | 继续填写. */
static void assist_home(ui_ctx *ui, const void *app, ui_layout *l)
{
    (void)app;
    int bh = ui_px(ui, ui->large ? 150 : 130);
    ui_layout_text(ui, l, ui_str(ui, "home.ask"), ui_st(ui, UI_T_H1, true, UI_C_TEXT));
    ui_layout_space(ui, l, UI_SPACE_6);
    ui_layout_text(ui, l, ui_str(ui, "home.lead"), ui_st(ui, UI_T_BODY, false, UI_C_TEXT));
    ui_layout_space(ui, l, UI_SPACE_9);
    SDL_Rect no = ui_layout_next(l, bh);
    ui_layout_space(ui, l, UI_SPACE_6);
    SDL_Rect yes = ui_layout_next(l, bh);
    if (l->measure)
        return;
    ui_button(ui, "home:no", no, ui_str(ui, "home.no"), UI_BTN_PRIMARY, ACT_HOME_NO, 0);
    ui_button(ui, "home:yes", yes, ui_str(ui, "home.yes"), UI_BTN_SECONDARY, ACT_HOME_YES, 0);
}

/* One line of the help card, left out when the configuration leaves it empty. */
static void assist_line(ui_ctx *ui, ui_layout *l, const char *key, const char *name,
                        const char *value)
{
    char buf[256];
    if (!value || !value[0])
        return;
    ui_str_fill(ui, key, name, value, buf, sizeof buf);
    ui_layout_text(ui, l, buf, ui_st(ui, UI_T_H2, true, UI_C_TEXT));
    ui_layout_space(ui, l, UI_SPACE_3);
}
