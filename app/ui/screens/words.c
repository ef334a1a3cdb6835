/* words.c — things the screens say in words: dates (with or without the weekday),
 * periods, and each answer given. */
#include "screens/screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- static prototypes ---- */
static const char *words_multi(const ui_ctx *ui, const pc_question *q, uint32_t ticked, char *buf,
                               size_t size);

/* ---- public functions ---- */

void ui_words_date(const ui_ctx *ui, pc_day day, char *buf, size_t size)
{
    int y, m, d;
    pc_day_to_ymd(day, &y, &m, &d);
    char ys[8], ms[4], ds[4];
    snprintf(ys, sizeof ys, "%d", y);
    snprintf(ms, sizeof ms, "%d", m);
    snprintf(ds, sizeof ds, "%d", d);
    const char *names[] = {"y", "m", "d"}, *values[] = {ys, ms, ds};
    pc_strings_format(buf, size, ui_str(ui, "date.format"), names, values, 3);
}

void ui_words_day(const ui_ctx *ui, pc_day day, char *buf, size_t size)
{
    char date[64], wk[16];
    ui_words_date(ui, day, date, sizeof date);
    snprintf(wk, sizeof wk, "weekday.%d", pc_day_weekday(day));
    snprintf(buf, size, "%s %s", date, ui_str(ui, wk));
}

void ui_words_period(const ui_ctx *ui, pc_period p, char *buf, size_t size)
{
    char n[16];
    snprintf(n, sizeof n, "%d", p.count);
    const char *key = p.kind == PC_PERIOD_MONTHS ? "result.period_months"
                      : p.kind == PC_PERIOD_DAYS ? "result.period_days"
                                                 : "result.period_working_days";
    ui_str_fill(ui, key, "n", n, buf, size);
}

const char *ui_words_answer(const ui_ctx *ui, const pc_pack *pack, const pc_answers *a, size_t q,
                            char *buf, size_t size)
{
    const pc_question *qu = &pack->questions[q];
    const pc_answer *an = &a->a[q];
    char num[32];
    switch (an->state) {
    case PC_ANS_NONE:
        return "";
    case PC_ANS_UNSURE:
        return ui_str(ui, qu->kind == PC_Q_DATE ? "answer.date_unsure" : "answer.unsure");
    case PC_ANS_NOT_YET:
        return qu->not_yet && qu->not_yet[0] ? qu->not_yet : ui_str(ui, "answer.not_yet");
    default:
        break;
    }
    switch (qu->kind) {
    case PC_Q_YES_NO:
        return ui_str(ui, an->value == 0 ? "answer.yes" : "answer.no");
    case PC_Q_CHOICE:
        return an->value >= 0 && (size_t)an->value < qu->n_options ? qu->options[an->value].label
                                                                   : "";
    case PC_Q_MULTI:
        return words_multi(ui, qu, (uint32_t)an->value, buf, size);
    case PC_Q_NUMBER:
        pc_entry_format_number(an->value, qu->decimals, num, sizeof num);
        snprintf(buf, size, "%s %s", num, pack->numbers[qu->value].unit);
        return buf;
    default:
        ui_words_day(ui, an->value, buf, size);
        return buf;
    }
}

/* ---- static functions ---- */

/* The ticked options' words, 、-separated; 以上都不是 when none is ticked. */
static const char *words_multi(const ui_ctx *ui, const pc_question *q, uint32_t ticked, char *buf,
                               size_t size)
{
    if (!ticked)
        return ui_str(ui, "answer.none_of_these");
    size_t n = 0;
    buf[0] = '\0';
    for (size_t o = 0; o < q->n_options && n < size; o++) {
        if (!((ticked >> o) & 1u))
            continue;
        int k = snprintf(buf + n, size - n, "%s%s", n ? ui_str(ui, "common.list_sep") : "",
                         q->options[o].label);
        n += k > 0 ? (size_t)k : 0;
    }
    return buf;
}
