/* scr_pickers.c — the answers that are entered, not picked: a number on a big keypad
 * (0–9, 点 when the question allows decimals, 删除) above which the value shows with its
 * unit and the range that can be entered; and a date on a touch picker (▲▼ for year,
 * month and day, 今天) that starts with no date chosen — "请选择日期" until the applicant
 * moves it — and two answers for a date that cannot be given: the question's own words
 * for "not happened yet", and 记不清日期 (in the bottom bar, with 确定). */
#include "screens/screens.h"

#include <stdio.h>
#include <string.h>

/* ---- static prototypes ---- */
static void pickers_number_display(ui_ctx *ui, const kiosk_app *app, const pc_question *q,
                                   ui_layout *l);
static void pickers_keypad(ui_ctx *ui, const pc_question *q, ui_layout *l);
static bool pickers_date_value(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void pickers_date_steppers(ui_ctx *ui, const kiosk_app *app, ui_layout *l);
static void pickers_stepper(ui_ctx *ui, const kiosk_app *app, pc_date_step up, const char *value,
                            const char *unit, SDL_Rect r);
static void pickers_stepper_sizes(const ui_ctx *ui, int *button_h, int *value_h);

/* ---- public functions ---- */

void scr_pickers_number(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l)
{
    pickers_number_display(ui, app, q, l);
    ui_layout_space(ui, l, UI_SPACE_4);
    pickers_keypad(ui, q, l);
}

/* The picker; in portrait the words for no date under it (in landscape they stand under
 * the question: scr_question.c). */
void scr_pickers_date(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l)
{
    bool today_below = pickers_date_value(ui, app, l);
    int gap = ui->landscape ? UI_SPACE_3 : UI_SPACE_5;
    ui_layout_space(ui, l, gap);
    pickers_date_steppers(ui, app, l);
    if (today_below) {
        ui_layout_space(ui, l, gap);
        ui_button(ui, "date:today", ui_layout_next(l, ui_px(ui, ui->large ? 110 : 100)),
                  ui_str(ui, "date.today"), UI_BTN_SECONDARY, ACT_DATE_TODAY, 0);
    }
    if (ui->landscape)
        return;
    ui_layout_space(ui, l, UI_SPACE_8);
    scr_pickers_date_words(ui, app, q, l);
}

/* 没有具体日期的: the question's own words for "not happened yet", as an option (chosen
 * when it was the answer). 发生了但记不清日期 is in the bottom bar (记不清日期), as 不确定
 * is for the other entered kinds, so that everything fits the screen. */
void scr_pickers_date_words(ui_ctx *ui, const kiosk_app *app, const pc_question *q, ui_layout *l)
{
    const pc_answer *a = &app->session.answers.a[app->session.question];
    int min_h = ui_px(ui, ui->large ? 150 : 130);
    ui_layout_text(ui, l, ui_str(ui, "date.other"), ui_st(ui, UI_T_SMALL, true, UI_C_MUTED));
    ui_layout_space(ui, l, UI_SPACE_4);
    ui_option(ui, l, "date:not_yet", min_h, q->not_yet, UI_MARK_RADIO, a->state == PC_ANS_NOT_YET,
              ACT_DATE_NOT_YET, 0);
}

bool scr_pickers_date_words_fit(ui_ctx *ui, const pc_question *q, const ui_layout *l)
{
    ui_layout m = ui_layout_measure(l->x, l->y, l->w);
    ui_layout_text(ui, &m, ui_str(ui, "date.other"), ui_st(ui, UI_T_SMALL, true, UI_C_MUTED));
    ui_layout_space(ui, &m, UI_SPACE_4);
    ui_layout_next(&m, ui_option_height(ui, q->not_yet, l->w, ui_px(ui, ui->large ? 150 : 130)));
    const SDL_Rect *view = &ui->gfx->scroll_view;
    return m.y + ui->gfx->scroll <= view->y + view->h; /* where they end when not scrolled */
}

/* ---- static functions ---- */

/* The value as typed, with its unit (or how to type it), and the range below. */
static void pickers_number_display(ui_ctx *ui, const kiosk_app *app, const pc_question *q,
                                   ui_layout *l)
{
    const pc_value_fact *nf = &app->session.pack->numbers[q->value];
    bool typed = app->session.entry.number_text[0] != '\0';
    int pad = ui_px(ui, 32), tw, th;
    SDL_Rect box =
        ui_layout_next(l, ui_px(ui, ui->landscape ? 120 : 140) + (ui->large ? ui_px(ui, 24) : 0));
    ui_round_frame(ui, box, ui_px(ui, 16), ui_px(ui, 4), UI_C_CARD,
                   typed ? UI_C_PRIMARY : UI_C_BORDER);
    ui_text_style vs = ui_st(ui, typed ? 64 : UI_T_BODY, typed, typed ? UI_C_TEXT : UI_C_MUTED);
    const char *value = typed ? app->session.entry.number_text : ui_str(ui, "number.placeholder");
    ui_text_size(ui, value, vs, box.w - 2 * pad, &tw, &th);
    ui_text_draw(ui, value, vs, box.x + pad, box.y + (box.h - th) / 2, box.w - 2 * pad);
    if (typed && nf->unit[0]) {
        ui_text_style us = ui_st(ui, UI_T_H2, true, UI_C_MUTED);
        int uw, uh;
        ui_text_size(ui, nf->unit, us, 0, &uw, &uh);
        ui_text_draw(ui, nf->unit, us, box.x + pad + tw + ui_px(ui, 16), box.y + (box.h - uh) / 2,
                     0);
    }
    ui_layout_space(ui, l, UI_SPACE_3);
    char lo[32], hi[32], text[256];
    pc_entry_format_number((int64_t)(q->min * 100.0), q->decimals, lo, sizeof lo);
    pc_entry_format_number((int64_t)(q->max * 100.0), q->decimals, hi, sizeof hi);
    const char *names[] = {"min", "max", "unit"}, *values[] = {lo, hi, nf->unit};
    pc_strings_format(text, sizeof text, ui_str(ui, "number.range"), names, values, 3);
    ui_layout_text(ui, l, text, ui_st(ui, UI_T_SMALL, false, UI_C_MUTED));
}

/* 1 2 3 / 4 5 6 / 7 8 9 / 点 0 删除, as on a telephone; 点 only when decimals are allowed. */
static void pickers_keypad(ui_ctx *ui, const pc_question *q, ui_layout *l)
{
    const ui_key point = {q->decimals > 0 ? "key:point" : NULL, ui_str(ui, "number.point"),
                          UI_BTN_SECONDARY, ACT_KEY, PC_ENTRY_KEY_POINT};
    const ui_key del = {"key:del", ui_str(ui, "number.del"), UI_BTN_SECONDARY, ACT_KEY,
                        PC_ENTRY_KEY_DEL};
    int key_h = !ui->landscape ? UI_KEY_H
                : ui->large    ? UI_KEY_H_LANDSCAPE_LARGE
                               : UI_KEY_H_LANDSCAPE;
    ui_layout_row(l, 3, (int[]){0, 0, 0}, ui_px(ui, key_h), ui_px(ui, 16));
    int key_text = key_h == UI_KEY_H_LANDSCAPE_LARGE ? ui_px(ui, 44) : ui_text_px(ui, UI_T_ANSWER);
    ui_keypad(ui, l, "key", ACT_KEY, key_text, &point, &del); /* the digits inside the keys */
}

/* 您选择的日期, then the date (or 请选择日期) with 今天 beside it — or, where the date would
 * not fit beside it on one line, 今天 goes under the steppers: then true. */
static bool pickers_date_value(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    ui_layout_text(ui, l, ui_str(ui, "date.chosen"), ui_st(ui, UI_T_SMALL, true, UI_C_MUTED));
    ui_layout_space(ui, l, UI_SPACE_2);
    int bw = ui_px(ui, ui->large ? 260 : 220), bh = ui_px(ui, ui->large ? 110 : 100),
        gap = ui_px(ui, 24);
    pc_day pick = app->session.entry.date_pick;
    bool chosen = pick != PC_NO_DAY;
    char day[64], date[64];
    ui_words_day(ui, chosen ? pick : app->setup.today, day, sizeof day);
    ui_words_date(ui, chosen ? pick : app->setup.today, date, sizeof date);
    ui_text_style vs = /* in landscape one line, so that the picker fits beside the question */
        ui_st(ui, ui->landscape ? UI_T_H2 : UI_T_H1, true, chosen ? UI_C_PRIMARY : UI_C_MUTED);
    int tw, th;
    ui_text_size(ui, day, vs, 0, &tw, &th); /* the widest it can be */
    bool today_below = ui->landscape && tw > l->w - bw - gap;
    ui_layout value = ui_layout_column(l->x, l->y, today_below ? l->w : l->w - bw - gap);
    if (!chosen)
        ui_layout_text(ui, &value, ui_str(ui, "date.pick"), vs);
    else if (tw <= value.w)
        ui_layout_text(ui, &value, day, vs);
    else { /* the date, then its weekday */
        ui_layout_text(ui, &value, date, vs);
        ui_layout_text(ui, &value, day + strlen(date) + 1, vs);
    }
    int h = value.y - l->y;
    if (!today_below) {
        if (h < bh)
            h = bh;
        ui_button(ui, "date:today", (SDL_Rect){l->x + l->w - bw, l->y + (h - bh) / 2, bw, bh},
                  ui_str(ui, "date.today"), UI_BTN_SECONDARY, ACT_DATE_TODAY, 0);
    }
    l->y += h;
    return today_below;
}

/* Year, month and day side by side, each with its ▲ and ▼. */
static void pickers_date_steppers(ui_ctx *ui, const kiosk_app *app, ui_layout *l)
{
    int yy = 0, mm = 0, dd = 0, bh, mid;
    char ys[8] = "—", ms[8] = "—", ds[8] = "—";
    if (app->session.entry.date_pick != PC_NO_DAY) {
        pc_day_to_ymd(app->session.entry.date_pick, &yy, &mm, &dd);
        snprintf(ys, sizeof ys, "%d", yy);
        snprintf(ms, sizeof ms, "%d", mm);
        snprintf(ds, sizeof ds, "%d", dd);
    }
    pickers_stepper_sizes(ui, &bh, &mid);
    ui_layout_row(l, 3, (int[]){0, 0, 0}, 2 * bh + mid, ui_px(ui, 24));
    pickers_stepper(ui, app, PC_DATE_YEAR_UP, ys, ui_str(ui, "date.year"), ui_layout_cell(l));
    pickers_stepper(ui, app, PC_DATE_MONTH_UP, ms, ui_str(ui, "date.month"), ui_layout_cell(l));
    pickers_stepper(ui, app, PC_DATE_DAY_UP, ds, ui_str(ui, "date.day"), ui_layout_cell(l));
    ui_layout_row_end(l);
}

/* ▲, the value and its unit, ▼ in r: up is the step of the ▲; the ▼'s comes right after it. */
static void pickers_stepper(ui_ctx *ui, const kiosk_app *app, pc_date_step up, const char *value,
                            const char *unit, SDL_Rect r)
{
    static const char *const ids[] = {
        [PC_DATE_YEAR_UP] = "date:y+",  [PC_DATE_YEAR_DOWN] = "date:y-",
        [PC_DATE_MONTH_UP] = "date:m+", [PC_DATE_MONTH_DOWN] = "date:m-",
        [PC_DATE_DAY_UP] = "date:d+",   [PC_DATE_DAY_DOWN] = "date:d-"};
    pc_date_step down = up + 1;
    int bh, mid, tw, th;
    pickers_stepper_sizes(ui, &bh, &mid);
    ui_button(ui, ids[up], (SDL_Rect){r.x, r.y, r.w, bh}, "", UI_BTN_SECONDARY, ACT_DATE_STEP, up);
    ui_triangle(ui, (float)(r.x + r.w / 2), (float)(r.y + bh / 2), (float)ui_px(ui, 44), true,
                UI_C_PRIMARY);
    char text[32];
    snprintf(text, sizeof text, "%s %s", value, unit);
    ui_text_style st = ui_st(ui, UI_T_H2, true,
                             app->session.entry.date_pick != PC_NO_DAY ? UI_C_TEXT : UI_C_MUTED);
    st.align = UI_ALIGN_CENTER;
    ui_text_size(ui, text, st, r.w, &tw, &th);
    ui_text_draw(ui, text, st, r.x, r.y + bh + (mid - th) / 2, r.w);
    int y2 = r.y + bh + mid;
    ui_button(ui, ids[down], (SDL_Rect){r.x, y2, r.w, bh}, "", UI_BTN_SECONDARY, ACT_DATE_STEP,
              down);
    ui_triangle(ui, (float)(r.x + r.w / 2), (float)(y2 + bh / 2), (float)ui_px(ui, 44), false,
                UI_C_PRIMARY);
}

/* A stepper's ▲ / ▼ height, and the height between them for the value. */
static void pickers_stepper_sizes(const ui_ctx *ui, int *button_h, int *value_h)
{
    bool large_landscape = ui->large && ui->landscape;
    *button_h = ui_px(ui, large_landscape ? 96 : ui->large ? 120 : 108);
    *value_h = ui_px(ui, ui->landscape ? (ui->large ? 96 : 112) : (ui->large ? 180 : 164));
}
