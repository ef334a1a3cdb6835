/* scr_common.c — pieces every screen uses: text styles, the bottom bar, headings,
 * note panels, dates and answers in words. */
#include "ui.h"

#include <stdio.h>
#include <string.h>

/* ---- public functions ---- */

ui_text_style ui_st(const kiosk_app *app, int logical, bool bold, ui_rgb color)
{
    return (ui_text_style){ui_text_px(app, logical), bold, color, UI_ALIGN_LEFT};
}

int ui_bottom_bar_height(const kiosk_app *app)
{
    return ui_px(app, app->large ? 196 : 176);
}

int ui_bottom_bar(kiosk_app *app)
{
    int h = ui_bottom_bar_height(app), top = app->h - h;
    ui_fill(app, (SDL_Rect){0, top, app->w, h}, UI_C_CARD);
    ui_fill(app, (SDL_Rect){0, top, app->w, ui_px(app, 2)}, UI_C_BORDER);
    return top;
}

int ui_heading(kiosk_app *app, const char *text, int x, int y, int w)
{
    ui_fill(app, (SDL_Rect){x, y + ui_px(app, 8), ui_px(app, 8), ui_text_px(app, UI_T_H2)}, UI_C_PRIMARY);
    int h = ui_text_draw(app, text, ui_st(app, UI_T_H2, true, UI_C_TEXT), x + ui_px(app, 28), y, w - ui_px(app, 28));
    return y + h + ui_px(app, 20);
}

int ui_note(kiosk_app *app, const char *text, int x, int y, int w, ui_rgb bg, ui_rgb line)
{
    int pad = ui_px(app, 32), tw, th;
    ui_text_style st = ui_st(app, UI_T_BODY, false, UI_C_TEXT);
    ui_text_size(app, text, st, w - 2 * pad - ui_px(app, 10), &tw, &th);
    int h = th + 2 * pad;
    ui_round(app, (SDL_Rect){x, y, w, h}, ui_px(app, 16), bg);
    ui_fill(app, (SDL_Rect){x, y + ui_px(app, 8), ui_px(app, 10), h - ui_px(app, 16)}, line);
    ui_text_draw(app, text, st, x + pad + ui_px(app, 10), y + pad, w - 2 * pad - ui_px(app, 10));
    return h;
}

void ui_dim(kiosk_app *app)
{
    SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(app->renderer, 10, 20, 35, 170);
    SDL_RenderFillRect(app->renderer, NULL);
    SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_NONE);
}

void ui_format_day(const kiosk_app *app, pc_day day, char *buf, size_t size)
{
    int y, m, d;
    pc_day_to_ymd(day, &y, &m, &d);
    char ys[8], ms[4], ds[4], wk[16];
    snprintf(ys, sizeof ys, "%d", y);
    snprintf(ms, sizeof ms, "%d", m);
    snprintf(ds, sizeof ds, "%d", d);
    snprintf(wk, sizeof wk, "weekday.%d", pc_day_weekday(day));
    const char *names[] = {"y", "m", "d"}, *values[] = {ys, ms, ds};
    char date[64];
    pc_strings_format(date, sizeof date, ui_str(app, "date.format"), names, values, 3);
    snprintf(buf, size, "%s %s", date, ui_str(app, wk));
}

const char *ui_answer_label(const kiosk_app *app, const pc_pack *pack, const pc_answers *a, size_t q,
                            char *buf, size_t size)
{
    if (pack->questions[q].kind == PC_Q_DATE) {
        if (a->date[q] == PC_NO_DAY) return ui_str(app, "answer.date_unknown");
        ui_format_day(app, a->date[q], buf, size);
        return buf;
    }
    return ui_str(app, a->truth[q] == PC_TRUE ? "answer.yes" : a->truth[q] == PC_FALSE ? "answer.no"
                                                                                       : "answer.unsure");
}
