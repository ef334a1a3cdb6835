/* scr_pickers.c — the answers that are entered, not picked: a number on a big keypad
 * (0–9, 点 when the question allows decimals, 删除) above which the value shows with its
 * unit and the range that can be entered; and a date on a touch picker (▲▼ for year,
 * month and day, 今天) that starts with no date chosen — "请选择日期" until the applicant
 * moves it — and two answers for a date that cannot be given: the question's own words
 * for "not happened yet", and 发生了但记不清日期. 确定 is in the bottom bar. */
#include "ui.h"

#include <stdio.h>
#include <string.h>

/* ---- static prototypes ---- */
static int pickers_number_display(kiosk_app *app, const pc_question *q, int x, int y, int w);
static int pickers_keypad(kiosk_app *app, const pc_question *q, int x, int y, int w);
static int pickers_date_value(kiosk_app *app, int x, int y, int w, bool *today_below);
static int pickers_date_steppers(kiosk_app *app, int x, int y, int w);
static void pickers_stepper(kiosk_app *app, int which, const char *value, const char *unit, int x, int y, int w);

/* ---- public functions ---- */

int ui_answers_number(kiosk_app *app, const pc_question *q, int x, int y, int w)
{
    y = pickers_number_display(app, q, x, y, w) + ui_px(app, 16);
    return pickers_keypad(app, q, x, y, w);
}

/* The picker; in portrait the words for no date under it (in landscape they stand under
 * the question: scr_question.c). */
int ui_answers_date(kiosk_app *app, const pc_question *q, int x, int y, int w)
{
    bool today_below;
    y = pickers_date_value(app, x, y, w, &today_below) + ui_px(app, 20);
    y = pickers_date_steppers(app, x, y, w);
    if (today_below) {
        int bh = ui_px(app, app->large ? 110 : 100);
        ui_button(app, "date:today", (SDL_Rect){x, y + ui_px(app, 20), w, bh}, ui_str(app, "date.today"),
                  UI_BTN_SECONDARY, ACT_DATE_TODAY, 0);
        y += ui_px(app, 20) + bh;
    }
    return app->landscape ? y : ui_answers_date_words(app, q, x, y + ui_px(app, 32), w);
}

/* 没有具体日期的: the question's own words for "not happened yet", and 发生了但记不清日期,
 * as options (chosen when they were the answer), one under the other. */
int ui_answers_date_words(kiosk_app *app, const pc_question *q, int x, int y, int w)
{
    const pc_answer *a = &app->s.answers.a[app->s.question];
    int gap = ui_px(app, 20), min = ui_px(app, app->large ? 150 : 130);
    y += ui_text_draw(app, ui_str(app, "date.other"), ui_st(app, UI_T_SMALL, true, UI_C_MUTED), x, y, w);
    y += ui_px(app, 16);
    y += ui_option(app, "date:not_yet", (SDL_Rect){x, y, w, min}, q->not_yet, UI_MARK_RADIO,
                   a->state == PC_ANS_NOT_YET, ACT_DATE_NOT_YET, 0) + gap;
    return y + ui_option(app, "date:unsure", (SDL_Rect){x, y, w, min}, ui_str(app, "date.unsure"), UI_MARK_RADIO,
                         a->state == PC_ANS_UNSURE, ACT_DATE_UNSURE, 0);
}

/* ---- static functions ---- */

/* The value as typed, with its unit (or how to type it), and the range below. */
static int pickers_number_display(kiosk_app *app, const pc_question *q, int x, int y, int w)
{
    const pc_value_fact *nf = &ui_session_pack(app)->numbers[q->value];
    bool typed = app->s.number_text[0] != '\0';
    int h = ui_px(app, app->landscape ? 120 : 140) + (app->large ? ui_px(app, 24) : 0), pad = ui_px(app, 32), tw, th;
    ui_round_frame(app, (SDL_Rect){x, y, w, h}, ui_px(app, 16), ui_px(app, 4), UI_C_CARD,
                   typed ? UI_C_PRIMARY : UI_C_BORDER);
    ui_text_style vs = ui_st(app, typed ? 64 : UI_T_BODY, typed, typed ? UI_C_TEXT : UI_C_MUTED);
    const char *value = typed ? app->s.number_text : ui_str(app, "number.placeholder");
    ui_text_size(app, value, vs, w - 2 * pad, &tw, &th);
    ui_text_draw(app, value, vs, x + pad, y + (h - th) / 2, w - 2 * pad);
    if (typed && nf->unit[0]) {
        ui_text_style us = ui_st(app, UI_T_H2, true, UI_C_MUTED);
        int uw, uh;
        ui_text_size(app, nf->unit, us, 0, &uw, &uh);
        ui_text_draw(app, nf->unit, us, x + pad + tw + ui_px(app, 16), y + (h - uh) / 2, 0);
    }
    y += h + ui_px(app, 12);
    char lo[32], hi[32], text[256];
    ui_format_number((int64_t)(q->min * 100.0), q->decimals, lo, sizeof lo);
    ui_format_number((int64_t)(q->max * 100.0), q->decimals, hi, sizeof hi);
    const char *names[] = {"min", "max", "unit"}, *values[] = {lo, hi, nf->unit};
    pc_strings_format(text, sizeof text, ui_str(app, "number.range"), names, values, 3);
    return y + ui_text_draw(app, text, ui_st(app, UI_T_SMALL, false, UI_C_MUTED), x, y, w);
}

/* 1 2 3 / 4 5 6 / 7 8 9 / 点 0 删除, as on a telephone; 点 only when decimals are allowed. */
static int pickers_keypad(kiosk_app *app, const pc_question *q, int x, int y, int w)
{
    int gap = ui_px(app, 16), kh = ui_px(app, app->landscape ? UI_KEY_H_LANDSCAPE : UI_KEY_H), kw = (w - 2 * gap) / 3;
    for (int i = 0; i < 12; i++) {
        SDL_Rect r = {x + (i % 3) * (kw + gap), y + (i / 3) * (kh + gap), kw, kh};
        if (i == 9) {
            if (q->decimals > 0)
                ui_button_sized(app, "key:point", r, ui_str(app, "number.point"), UI_BTN_SECONDARY, ACT_KEY,
                                UI_KEY_POINT, ui_text_px(app, UI_T_BUTTON));
            continue;
        }
        if (i == 11) {
            ui_button(app, "key:del", r, ui_str(app, "number.del"), UI_BTN_SECONDARY, ACT_KEY, UI_KEY_DEL);
            continue;
        }
        int digit = i == 10 ? 0 : i + 1;
        char id[16], label[4];
        snprintf(id, sizeof id, "key:%d", digit);
        snprintf(label, sizeof label, "%d", digit);
        ui_button_sized(app, id, r, label, UI_BTN_SECONDARY, ACT_KEY, digit, ui_text_px(app, UI_T_ANSWER));
    }
    return y + 4 * kh + 3 * gap;
}

/* 您选择的日期, then the date (or 请选择日期) with 今天 beside it — or, where the date would
 * not fit beside it on one line, 今天 goes under the steppers (*today_below). */
static int pickers_date_value(kiosk_app *app, int x, int y, int w, bool *today_below)
{
    y += ui_text_draw(app, ui_str(app, "date.chosen"), ui_st(app, UI_T_SMALL, true, UI_C_MUTED), x, y, w);
    y += ui_px(app, 8);
    int bw = ui_px(app, app->large ? 260 : 220), bh = ui_px(app, app->large ? 110 : 100), gap = ui_px(app, 24);
    bool chosen = app->s.date_pick != PC_NO_DAY;
    char day[64], date[64];
    ui_format_day(app, chosen ? app->s.date_pick : app->today, day, sizeof day);
    ui_format_date(app, chosen ? app->s.date_pick : app->today, date, sizeof date);
    ui_text_style vs = ui_st(app, UI_T_H1, true, chosen ? UI_C_PRIMARY : UI_C_MUTED);
    int tw, th;
    ui_text_size(app, day, vs, 0, &tw, &th);                 /* the widest it can be */
    *today_below = app->landscape && tw > w - bw - gap;
    int vw = *today_below ? w : w - bw - gap, h;
    if (!chosen) h = ui_text_draw(app, ui_str(app, "date.pick"), vs, x, y, vw);
    else if (tw <= vw) h = ui_text_draw(app, day, vs, x, y, vw);
    else {                                                    /* the date, then its weekday */
        h = ui_text_draw(app, date, vs, x, y, vw);
        h += ui_text_draw(app, day + strlen(date) + 1, vs, x, y + h, vw);
    }
    if (*today_below) return y + h;
    if (h < bh) h = bh;
    ui_button(app, "date:today", (SDL_Rect){x + w - bw, y + (h - bh) / 2, bw, bh}, ui_str(app, "date.today"),
              UI_BTN_SECONDARY, ACT_DATE_TODAY, 0);
    return y + h;
}

static int pickers_date_steppers(kiosk_app *app, int x, int y, int w)
{
    int gap = ui_px(app, 24), cw = (w - 2 * gap) / 3, yy = 0, mm = 0, dd = 0;
    char ys[8] = "—", ms[8] = "—", ds[8] = "—";
    if (app->s.date_pick != PC_NO_DAY) {
        pc_day_to_ymd(app->s.date_pick, &yy, &mm, &dd);
        snprintf(ys, sizeof ys, "%d", yy);
        snprintf(ms, sizeof ms, "%d", mm);
        snprintf(ds, sizeof ds, "%d", dd);
    }
    pickers_stepper(app, 0, ys, ui_str(app, "date.year"), x, y, cw);
    pickers_stepper(app, 2, ms, ui_str(app, "date.month"), x + cw + gap, y, cw);
    pickers_stepper(app, 4, ds, ui_str(app, "date.day"), x + 2 * (cw + gap), y, cw);
    int bh = ui_px(app, app->large ? 120 : 108), mid = ui_px(app, app->large ? 180 : app->landscape ? 136 : 164);
    return y + 2 * bh + mid;
}

/* ▲ value unit ▼ : which is 0 year, 2 month, 4 day (+1 for the minus button). */
static void pickers_stepper(kiosk_app *app, int which, const char *value, const char *unit, int x, int y, int w)
{
    static const char *const ids[] = {"date:y+", "date:y-", "date:m+", "date:m-", "date:d+", "date:d-"};
    int bh = ui_px(app, app->large ? 120 : 108), mid = ui_px(app, app->large ? 180 : app->landscape ? 136 : 164);
    ui_button(app, ids[which], (SDL_Rect){x, y, w, bh}, "", UI_BTN_SECONDARY, ACT_DATE_STEP, which);
    ui_triangle(app, (float)(x + w / 2), (float)(y + bh / 2), (float)ui_px(app, 44), true, UI_C_PRIMARY);
    char text[32];
    snprintf(text, sizeof text, "%s %s", value, unit);
    ui_text_style st = ui_st(app, UI_T_H2, true, app->s.date_pick != PC_NO_DAY ? UI_C_TEXT : UI_C_MUTED);
    st.align = UI_ALIGN_CENTER;
    int tw, th;
    ui_text_size(app, text, st, w, &tw, &th);
    ui_text_draw(app, text, st, x, y + bh + (mid - th) / 2, w);
    int y2 = y + bh + mid;
    ui_button(app, ids[which + 1], (SDL_Rect){x, y2, w, bh}, "", UI_BTN_SECONDARY, ACT_DATE_STEP, which + 1);
    ui_triangle(app, (float)(x + w / 2), (float)(y2 + bh / 2), (float)ui_px(app, 44), false, UI_C_PRIMARY);
}
