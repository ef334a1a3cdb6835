/* entry.c — the answer being entered on a question screen, before it counts.
 *
 * 是 / 否 and a choice count at the tap. The other kinds are entered first and confirmed:
 * which-apply ticks (or 以上都不是) and then 下一步; a number typed on the keypad and then
 * 确定, refused politely outside the question's range; a date moved on the picker, which
 * starts with no date at all, and then 确定 — or one of the two words for a date that
 * cannot be given (not happened yet, happened but not remembered). A touch that cannot
 * act yet (下一步 with nothing ticked) says why in a hint instead of doing nothing. */
#include "ui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- static prototypes ---- */
static void entry_confirm(kiosk_app *app, pc_answer_state state, int32_t value);
static int entry_int_digits(double max);
static bool entry_number_parse(const char *text, int64_t *value100);

/* ---- public functions ---- */

const pc_question *ui_entry_question(const kiosk_app *app)
{
    const pc_pack *pack = ui_session_pack(app);
    if (!pack || app->s.question < 0 || (size_t)app->s.question >= pack->n_questions) return NULL;
    return &pack->questions[app->s.question];
}

/* Shows the question with its answer so far, or nothing entered. */
void ui_entry_load(kiosk_app *app, const pc_question *q, const pc_answer *a)
{
    bool given = a->state == PC_ANS_GIVEN;
    app->s.hint = UI_HINT_NONE;
    app->s.date_pick = q->kind == PC_Q_DATE && given ? (pc_day)a->value : PC_NO_DAY;
    app->s.multi_pick = q->kind == PC_Q_MULTI && given ? (uint32_t)a->value : 0;
    app->s.multi_none = q->kind == PC_Q_MULTI && given && a->value == 0;
    app->s.number_text[0] = '\0';
    if (q->kind == PC_Q_NUMBER && given)
        ui_format_number(a->value, q->decimals, app->s.number_text, sizeof app->s.number_text);
}

void ui_entry_option(kiosk_app *app, int option)
{
    const pc_question *q = ui_entry_question(app);
    if (!q) return;
    if (option < 0) entry_confirm(app, PC_ANS_UNSURE, 0);
    else if ((size_t)option < q->n_options && q->kind != PC_Q_MULTI) entry_confirm(app, PC_ANS_GIVEN, option);
}

void ui_entry_answer_state(kiosk_app *app, pc_answer_state state)
{
    if (ui_entry_question(app)) entry_confirm(app, state, 0);
}

void ui_entry_multi_toggle(kiosk_app *app, int option)
{
    const pc_question *q = ui_entry_question(app);
    if (!q || q->kind != PC_Q_MULTI || option < 0 || (size_t)option >= q->n_options) return;
    app->s.multi_pick ^= 1u << option;
    app->s.multi_none = false;
    app->s.hint = UI_HINT_NONE;
}

/* 以上都不是: clears the ticks; tapped again, it is taken back. */
void ui_entry_multi_none(kiosk_app *app)
{
    app->s.multi_none = !app->s.multi_none;
    app->s.multi_pick = 0;
    app->s.hint = UI_HINT_NONE;
}

void ui_entry_multi_next(kiosk_app *app)
{
    const pc_question *q = ui_entry_question(app);
    if (!q || q->kind != PC_Q_MULTI) return;
    if (!app->s.multi_pick && !app->s.multi_none) { app->s.hint = UI_HINT_MULTI_PICK; return; }
    entry_confirm(app, PC_ANS_GIVEN, (int32_t)app->s.multi_pick);
}

/* A keypad key: a digit, 点 or 删除. Never more digits than the range can hold. */
void ui_entry_key(kiosk_app *app, int key)
{
    const pc_question *q = ui_entry_question(app);
    if (!q || q->kind != PC_Q_NUMBER) return;
    char *t = app->s.number_text;
    size_t n = strlen(t);
    const char *point = strchr(t, '.');
    app->s.hint = UI_HINT_NONE;
    if (key == UI_KEY_DEL) { if (n) t[n - 1] = '\0'; return; }
    if (key == UI_KEY_POINT) {
        if (q->decimals <= 0 || point) return;
        snprintf(t + n, sizeof app->s.number_text - n, "%s", n ? "." : "0.");
        return;
    }
    if (key < 0 || key > 9) return;
    bool full = point ? (int)strlen(point + 1) >= q->decimals : (int)n >= entry_int_digits(q->max);
    if (full || n >= UI_NUMBER_MAX) { app->s.hint = UI_HINT_NUMBER_FULL; return; }
    if (n == 1 && t[0] == '0') n = 0;           /* "0" then "5" is 5 */
    t[n] = (char)('0' + key);
    t[n + 1] = '\0';
}

void ui_entry_number_ok(kiosk_app *app)
{
    const pc_question *q = ui_entry_question(app);
    int64_t v;
    if (!q || q->kind != PC_Q_NUMBER) return;
    if (!entry_number_parse(app->s.number_text, &v)) { app->s.hint = UI_HINT_NUMBER_EMPTY; return; }
    if ((double)v < q->min * 100.0 - 0.5 || (double)v > q->max * 100.0 + 0.5) {
        app->s.hint = UI_HINT_NUMBER_RANGE;
        return;
    }
    entry_confirm(app, PC_ANS_GIVEN, (int32_t)v);
}

/* 0/1 year ±, 2/3 month ±, 4/5 day ±; from today when no date is chosen yet; never past
 * today (the hint says why it stopped). */
void ui_entry_date_step(kiosk_app *app, int which)
{
    pc_day d = app->s.date_pick == PC_NO_DAY ? app->today : app->s.date_pick;
    int sign = which % 2 == 0 ? 1 : -1;
    if (which / 2 == 0) d = pc_day_add_months(d, 12 * sign);
    else if (which / 2 == 1) d = pc_day_add_months(d, sign);
    else d += sign;
    app->s.hint = d > app->today ? UI_HINT_DATE_FUTURE : UI_HINT_NONE;
    if (d > app->today) d = app->today;
    pc_day floor = pc_day_from_ymd(PC_CAL_FIRST_YEAR, 1, 1);
    app->s.date_pick = d < floor ? floor : d;
}

void ui_entry_date_today(kiosk_app *app)
{
    app->s.date_pick = app->today;
    app->s.hint = UI_HINT_NONE;
}

void ui_entry_date_confirm(kiosk_app *app)
{
    const pc_question *q = ui_entry_question(app);
    if (!q || q->kind != PC_Q_DATE) return;
    if (app->s.date_pick == PC_NO_DAY) { app->s.hint = UI_HINT_DATE_PICK; return; }
    entry_confirm(app, PC_ANS_GIVEN, app->s.date_pick);
}

/* ---- static functions ---- */

static void entry_confirm(kiosk_app *app, pc_answer_state state, int32_t value)
{
    app->s.hint = UI_HINT_NONE;
    ui_session_answer(app, (pc_answer){(uint8_t)state, state == PC_ANS_GIVEN ? value : 0});
}

/* Digits before the point that a number up to max can have. */
static int entry_int_digits(double max)
{
    int n = 1;
    for (double m = fabs(max); m >= 10.0 && n < 9; m /= 10.0) n++;
    return n;
}

/* "480.5" → 48050 (hundredths); false when nothing was typed. */
static bool entry_number_parse(const char *text, int64_t *value100)
{
    if (!text[0]) return false;
    int64_t whole = 0, frac = 0;
    int fd = 0;
    const char *p = text;
    for (; *p >= '0' && *p <= '9'; p++) whole = whole * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9' && fd < 2; p++, fd++) frac = frac * 10 + (*p - '0');
    for (; fd < 2; fd++) frac *= 10;
    *value100 = whole * 100 + frac;
    return true;
}
