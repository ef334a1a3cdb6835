/* entry.c — the answer being entered, before it counts (see entry.h). */
#include "session/entry.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- static prototypes ---- */
static bool entry_confirm(pc_entry *e, pc_answer_state state, int32_t value, pc_answer *out);
static int entry_int_digits(double max);
static bool entry_number_parse(const char *text, int64_t *value100);

/* ---- public functions ---- */

void pc_entry_load(pc_entry *e, const pc_question *q, const pc_answer *a)
{
    bool given = a->state == PC_ANS_GIVEN;
    e->hint = PC_HINT_NONE;
    e->date_pick = q->kind == PC_Q_DATE && given ? (pc_day)a->value : PC_NO_DAY;
    e->multi_pick = q->kind == PC_Q_MULTI && given ? (uint32_t)a->value : 0;
    e->multi_none = q->kind == PC_Q_MULTI && given && a->value == 0;
    e->number_text[0] = '\0';
    if (q->kind == PC_Q_NUMBER && given)
        pc_entry_format_number(a->value, q->decimals, e->number_text, sizeof e->number_text);
}

bool pc_entry_option(pc_entry *e, const pc_question *q, int option, pc_answer *out)
{
    if (!q)
        return false;
    if (option < 0)
        return entry_confirm(e, PC_ANS_UNSURE, 0, out);
    if ((size_t)option < q->n_options && q->kind != PC_Q_MULTI)
        return entry_confirm(e, PC_ANS_GIVEN, option, out);
    return false;
}

bool pc_entry_state(pc_entry *e, const pc_question *q, pc_answer_state state, pc_answer *out)
{
    return q && entry_confirm(e, state, 0, out);
}

void pc_entry_multi_toggle(pc_entry *e, const pc_question *q, int option)
{
    if (!q || q->kind != PC_Q_MULTI || option < 0 || (size_t)option >= q->n_options)
        return;
    e->multi_pick ^= 1u << option;
    e->multi_none = false;
    e->hint = PC_HINT_NONE;
}

void pc_entry_multi_none(pc_entry *e)
{
    e->multi_none = !e->multi_none;
    e->multi_pick = 0;
    e->hint = PC_HINT_NONE;
}

bool pc_entry_multi_next(pc_entry *e, const pc_question *q, pc_answer *out)
{
    if (!q || q->kind != PC_Q_MULTI)
        return false;
    if (!e->multi_pick && !e->multi_none) {
        e->hint = PC_HINT_MULTI_PICK;
        return false;
    }
    return entry_confirm(e, PC_ANS_GIVEN, (int32_t)e->multi_pick, out);
}

/* Never more digits than the range can hold. */
void pc_entry_key(pc_entry *e, const pc_question *q, int key)
{
    if (!q || q->kind != PC_Q_NUMBER)
        return;
    char *t = e->number_text;
    size_t n = strlen(t);
    const char *point = strchr(t, '.');
    e->hint = PC_HINT_NONE;
    if (key == PC_ENTRY_KEY_DEL) {
        if (n)
            t[n - 1] = '\0';
        return;
    }
    if (key == PC_ENTRY_KEY_POINT) {
        if (q->decimals <= 0 || point)
            return;
        snprintf(t + n, sizeof e->number_text - n, "%s", n ? "." : "0.");
        return;
    }
    if (key < 0 || key > 9)
        return;
    bool full = point ? (int)strlen(point + 1) >= q->decimals : (int)n >= entry_int_digits(q->max);
    if (full || n >= PC_ENTRY_NUMBER_MAX) {
        e->hint = PC_HINT_NUMBER_FULL;
        return;
    }
    if (n == 1 && t[0] == '0')
        n = 0; /* "0" then "5" is 5 */
    t[n] = (char)('0' + key);
    t[n + 1] = '\0';
}

bool pc_entry_number_ok(pc_entry *e, const pc_question *q, pc_answer *out)
{
    int64_t v;
    if (!q || q->kind != PC_Q_NUMBER)
        return false;
    if (!entry_number_parse(e->number_text, &v)) {
        e->hint = PC_HINT_NUMBER_EMPTY;
        return false;
    }
    if ((double)v < q->min * 100.0 - 0.5 || (double)v > q->max * 100.0 + 0.5) {
        e->hint = PC_HINT_NUMBER_RANGE;
        return false;
    }
    return entry_confirm(e, PC_ANS_GIVEN, (int32_t)v, out);
}

void pc_entry_date_step(pc_entry *e, pc_date_step step, pc_day today)
{
    static const struct {
        int months, days;
    } by[] = {[PC_DATE_YEAR_UP] = {12, 0}, [PC_DATE_YEAR_DOWN] = {-12, 0},
              [PC_DATE_MONTH_UP] = {1, 0}, [PC_DATE_MONTH_DOWN] = {-1, 0},
              [PC_DATE_DAY_UP] = {0, 1},   [PC_DATE_DAY_DOWN] = {0, -1}};
    pc_day d = e->date_pick == PC_NO_DAY ? today : e->date_pick;
    if ((unsigned)step < sizeof by / sizeof by[0])
        d = by[step].months ? pc_day_add_months(d, by[step].months) : d + by[step].days;
    e->hint = d > today ? PC_HINT_DATE_FUTURE : PC_HINT_NONE;
    if (d > today)
        d = today;
    pc_day floor = pc_day_from_ymd(PC_CAL_FIRST_YEAR, 1, 1);
    e->date_pick = d < floor ? floor : d;
}

void pc_entry_date_today(pc_entry *e, pc_day today)
{
    e->date_pick = today;
    e->hint = PC_HINT_NONE;
}

bool pc_entry_date_confirm(pc_entry *e, const pc_question *q, pc_answer *out)
{
    if (!q || q->kind != PC_Q_DATE)
        return false;
    if (e->date_pick == PC_NO_DAY) {
        e->hint = PC_HINT_DATE_PICK;
        return false;
    }
    return entry_confirm(e, PC_ANS_GIVEN, e->date_pick, out);
}

void pc_entry_format_number(int64_t value100, int decimals, char *buf, size_t size)
{
    int64_t a = llabs(value100), whole = a / 100, frac = a % 100;
    bool tenths = decimals == 1 || frac % 10 == 0; /* one digit after the point is enough */
    char point[8] = "";
    if (decimals > 0 && frac != 0)
        snprintf(point, sizeof point, tenths ? ".%lld" : ".%02lld",
                 (long long)(tenths ? frac / 10 : frac));
    snprintf(buf, size, "%s%lld%s", value100 < 0 ? "-" : "", (long long)whole, point);
}

/* ---- static functions ---- */

static bool entry_confirm(pc_entry *e, pc_answer_state state, int32_t value, pc_answer *out)
{
    e->hint = PC_HINT_NONE;
    *out = (pc_answer){(uint8_t)state, state == PC_ANS_GIVEN ? value : 0};
    return true;
}

/* Digits before the point that a number up to max can have. */
static int entry_int_digits(double max)
{
    int n = 1;
    for (double m = fabs(max); m >= 10.0 && n < 9; m /= 10.0)
        n++;
    return n;
}

/* "480.5" → 48050 (hundredths); false when nothing was typed. */
static bool entry_number_parse(const char *text, int64_t *value100)
{
    if (!text[0])
        return false;
    int64_t whole = 0, frac = 0;
    int fd = 0;
    const char *p = text;
    for (; *p >= '0' && *p <= '9'; p++)
        whole = whole * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9' && fd < 2; p++, fd++)
            frac = frac * 10 + (*p - '0');
    for (; fd < 2; fd++)
        frac *= 10;
    *value100 = whole * 100 + frac;
    return true;
}
