/* scr_common.c — pieces every screen uses: text styles, the bottom bar, headings,
 * note panels, dates, numbers, periods and answers in words. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- static prototypes ---- */
static const char *common_multi_label(const kiosk_app *app, const pc_question *q, uint32_t ticked,
                                      char *buf, size_t size);

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

void ui_bottom_buttons(kiosk_app *app, int x, int w, const char *second_id, const char *second_label,
                       ui_btn_kind second_kind, ui_action second_action, const char *main_id,
                       const char *main_label, ui_btn_kind main_kind, ui_action main_action)
{
    int top = ui_bottom_bar(app) + ui_px(app, 28), bh = ui_bottom_bar_height(app) - ui_px(app, 56);
    int gap = ui_px(app, 24), backw = ui_px(app, 300), sw = second_id ? ui_px(app, app->large ? 300 : 280) : 0;
    ui_button(app, "back", (SDL_Rect){x, top, backw, bh}, ui_str(app, "common.back"), UI_BTN_SECONDARY, ACT_BACK, 0);
    int bx = x + backw + gap;
    if (second_id) {
        ui_button(app, second_id, (SDL_Rect){bx, top, sw, bh}, second_label, second_kind, second_action, -1);
        bx += sw + gap;
    }
    if (main_id)
        ui_button(app, main_id, (SDL_Rect){bx, top, x + w - bx, bh}, main_label, main_kind, main_action, 0);
}

int ui_heading(kiosk_app *app, const char *text, int x, int y, int w)
{
    ui_fill(app, (SDL_Rect){x, y + ui_px(app, 8), ui_px(app, 8), ui_text_px(app, UI_T_H2)}, UI_C_PRIMARY);
    int h = ui_text_draw(app, text, ui_st(app, UI_T_H2, true, UI_C_TEXT), x + ui_px(app, 28), y, w - ui_px(app, 28));
    return y + h + ui_px(app, 20);
}

int ui_note_height(kiosk_app *app, const char *text, int w)
{
    int pad = ui_px(app, 32), tw, th;
    ui_text_size(app, text, ui_st(app, UI_T_BODY, false, UI_C_TEXT), w - 2 * pad - ui_px(app, 10), &tw, &th);
    return th + 2 * pad;
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

void ui_format_date(const kiosk_app *app, pc_day day, char *buf, size_t size)
{
    int y, m, d;
    pc_day_to_ymd(day, &y, &m, &d);
    char ys[8], ms[4], ds[4];
    snprintf(ys, sizeof ys, "%d", y);
    snprintf(ms, sizeof ms, "%d", m);
    snprintf(ds, sizeof ds, "%d", d);
    const char *names[] = {"y", "m", "d"}, *values[] = {ys, ms, ds};
    pc_strings_format(buf, size, ui_str(app, "date.format"), names, values, 3);
}

void ui_format_day(const kiosk_app *app, pc_day day, char *buf, size_t size)
{
    char date[64], wk[16];
    ui_format_date(app, day, date, sizeof date);
    snprintf(wk, sizeof wk, "weekday.%d", pc_day_weekday(day));
    snprintf(buf, size, "%s %s", date, ui_str(app, wk));
}

void ui_format_number(int64_t value100, int decimals, char *buf, size_t size)
{
    int64_t a = llabs(value100), whole = a / 100, frac = a % 100;
    const char *sign = value100 < 0 ? "-" : "";
    if (decimals <= 0 || frac == 0) snprintf(buf, size, "%s%lld", sign, (long long)whole);
    else if (decimals == 1 || frac % 10 == 0) snprintf(buf, size, "%s%lld.%lld", sign, (long long)whole, (long long)(frac / 10));
    else snprintf(buf, size, "%s%lld.%02lld", sign, (long long)whole, (long long)frac);
}

void ui_fmt1(const kiosk_app *app, const char *key, const char *name, const char *value, char *buf, size_t size)
{
    const char *names[] = {name}, *values[] = {value};
    pc_strings_format(buf, size, ui_str(app, key), names, values, 1);
}

void ui_format_period(const kiosk_app *app, pc_period p, char *buf, size_t size)
{
    char n[16];
    snprintf(n, sizeof n, "%d", p.count);
    const char *key = p.kind == PC_PERIOD_MONTHS ? "result.period_months"
                    : p.kind == PC_PERIOD_DAYS ? "result.period_days" : "result.period_working_days";
    ui_fmt1(app, key, "n", n, buf, size);
}

const char *ui_answer_label(const kiosk_app *app, const pc_pack *pack, const pc_answers *a, size_t q,
                            char *buf, size_t size)
{
    const pc_question *qu = &pack->questions[q];
    const pc_answer *an = &a->a[q];
    char num[32];
    switch (an->state) {
    case PC_ANS_NONE: return "";
    case PC_ANS_UNSURE: return ui_str(app, qu->kind == PC_Q_DATE ? "answer.date_unsure" : "answer.unsure");
    case PC_ANS_NOT_YET: return qu->not_yet && qu->not_yet[0] ? qu->not_yet : ui_str(app, "answer.not_yet");
    default: break;
    }
    switch (qu->kind) {
    case PC_Q_YES_NO: return ui_str(app, an->value == 0 ? "answer.yes" : "answer.no");
    case PC_Q_CHOICE: return an->value >= 0 && (size_t)an->value < qu->n_options ? qu->options[an->value].label : "";
    case PC_Q_MULTI: return common_multi_label(app, qu, (uint32_t)an->value, buf, size);
    case PC_Q_NUMBER:
        ui_format_number(an->value, qu->decimals, num, sizeof num);
        snprintf(buf, size, "%s %s", num, pack->numbers[qu->value].unit);
        return buf;
    default:
        ui_format_day(app, an->value, buf, size);
        return buf;
    }
}

bool ui_answer_is_open(const pc_answers *a, size_t q)
{
    return a->a[q].state == PC_ANS_UNSURE;
}

/* ---- static functions ---- */

/* The ticked options' words, 、-separated; 以上都不是 when none is ticked. */
static const char *common_multi_label(const kiosk_app *app, const pc_question *q, uint32_t ticked,
                                      char *buf, size_t size)
{
    if (!ticked) return ui_str(app, "answer.none_of_these");
    size_t n = 0;
    buf[0] = '\0';
    for (size_t o = 0; o < q->n_options && n < size; o++) {
        if (!((ticked >> o) & 1u)) continue;
        int k = snprintf(buf + n, size - n, "%s%s", n ? ui_str(app, "common.list_sep") : "", q->options[o].label);
        n += k > 0 ? (size_t)k : 0;
    }
    return buf;
}
