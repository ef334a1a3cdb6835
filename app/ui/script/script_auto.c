/* script_auto.c — the scripted applicant of the flow tests and the demo (`auto`): for
 * each question shown it works out the answer (recorded in the case, or the one an
 * applicant with the case's facts would give: pc_answer_from_facts) and gives it the
 * way a person would, with the same touches: 是/否, an option, ticks and 下一步, digits on
 * the keypad and 确定, the date picker's ▲▼ and 确定, or the words for a date that
 * cannot be given. An answer that does not take is a failure, never a loop. */
#include "script/script_private.h"

#include <stdio.h>
#include <string.h>

#include "facts_json.h"

/* ---- static prototypes ---- */
static bool auto_give(script_ctx *c, const pc_question *q, pc_answer a);
static bool auto_multi(script_ctx *c, const pc_question *q, uint32_t ticked);
static bool auto_number(script_ctx *c, const pc_question *q, int32_t value100);
static bool auto_date(script_ctx *c, pc_day target);
static bool auto_tapf(script_ctx *c, const char *fmt, int n);

/* ---- public functions ---- */

bool script_auto(script_ctx *c)
{
    kiosk_app *app = c->app;
    const pc_pack *pack = app->session.pack;
    pc_facts f;
    pc_answers recorded;
    char err[256];
    if (!pack)
        return script_fail(c, "auto: no policy chosen%s%s", "", "");
    const char *text = c->facts ? c->facts : "{}";
    if (!pc_facts_and_answers_read_json(pack, text, strlen(text), &f, &recorded, err, sizeof err))
        return script_fail(c, "facts: %s%s", err, "");
    for (int guard = 0; app->flow.screen == SCR_QUESTION && guard < PC_MAX_QUESTIONS * 2; guard++) {
        size_t q = (size_t)app->session.question;
        pc_answer a =
            pc_answer_given(&recorded, q) ? recorded.a[q] : pc_answer_from_facts(pack, &f, q);
        if (!auto_give(c, &pack->questions[q], a))
            return false;
        if (app->flow.screen == SCR_QUESTION && (size_t)app->session.question == q &&
            !app->flow.source_open)
            return script_fail(c, "auto: the answer to %s did not take%s", pack->questions[q].id,
                               "");
    }
    return true;
}

void script_answer_text(const pc_pack *pack, const pc_answers *a, size_t q, char *buf, size_t size)
{
    const pc_question *qu = &pack->questions[q];
    const pc_answer *an = &a->a[q];
    static const char *const states[] = {"none", "unsure", "", "not_yet"};
    if (an->state != PC_ANS_GIVEN) {
        snprintf(buf, size, "%s", states[an->state & 3]);
        return;
    }
    switch (qu->kind) {
    case PC_Q_YES_NO:
        snprintf(buf, size, "%s", an->value == 0 ? "yes" : "no");
        return;
    case PC_Q_CHOICE:
        snprintf(buf, size, "%d", (int)an->value);
        return;
    case PC_Q_NUMBER:
        pc_entry_format_number(an->value, qu->decimals, buf, size);
        return;
    case PC_Q_DATE:
        pc_day_format(an->value, buf, size);
        return;
    default:
        break;
    }
    size_t n = (size_t)snprintf(buf, size, "[");
    for (size_t o = 0; o < qu->n_options && n < size; o++)
        if (((uint32_t)an->value >> o) & 1u)
            n += (size_t)snprintf(buf + n, size - n, n > 1 ? ",%zu" : "%zu", o);
    if (n < size)
        snprintf(buf + n, size - n, "]");
}

/* ---- static functions ---- */

static bool auto_give(script_ctx *c, const pc_question *q, pc_answer a)
{
    if (a.state == PC_ANS_NOT_YET)
        return script_tap_id(c, "date:not_yet", false);
    if (a.state != PC_ANS_GIVEN)
        return script_tap_id(c, q->kind == PC_Q_DATE ? "date:unsure" : "answer:unsure", false);
    switch (q->kind) {
    case PC_Q_YES_NO:
        return script_tap_id(c, a.value == 0 ? "answer:yes" : "answer:no", false);
    case PC_Q_CHOICE:
        return auto_tapf(c, "option:%d", (int)a.value);
    case PC_Q_MULTI:
        return auto_multi(c, q, (uint32_t)a.value);
    case PC_Q_NUMBER:
        return auto_number(c, q, a.value);
    default:
        return auto_date(c, (pc_day)a.value);
    }
}

/* Ticks what should be ticked (and unticks the rest), or 以上都不是; then 下一步. */
static bool auto_multi(script_ctx *c, const pc_question *q, uint32_t ticked)
{
    kiosk_app *app = c->app;
    if (!ticked && !app->session.entry.multi_none && !script_tap_id(c, "multi:none", false))
        return false;
    for (size_t o = 0; ticked && o < q->n_options; o++)
        if ((((app->session.entry.multi_pick ^ ticked) >> o) & 1u) &&
            !auto_tapf(c, "multi:%d", (int)o))
            return false;
    return script_tap_id(c, "multi:next", false);
}

/* Clears what is typed, types the number (点 for the point), then 确定. */
static bool auto_number(script_ctx *c, const pc_question *q, int32_t value100)
{
    char text[32];
    pc_entry_format_number(value100, q->decimals, text, sizeof text);
    for (int guard = 0; c->app->session.entry.number_text[0] && guard < 40; guard++)
        if (!script_tap_id(c, "key:del", false))
            return false;
    for (const char *p = text; *p; p++) {
        if (*p == '-')
            return script_fail(c, "auto: the keypad has no minus sign for %s%s", text, "");
        if (!(*p == '.' ? script_tap_id(c, "key:point", false) : auto_tapf(c, "key:%d", *p - '0')))
            return false;
    }
    return script_tap_id(c, "key:ok", false);
}

/* Steps the date picker to target with its ▲▼ buttons (from 今天 when no date is chosen
 * yet), then confirms. */
static bool auto_date(script_ctx *c, pc_day target)
{
    kiosk_app *app = c->app;
    int ty, tm, td, y, m, d;
    pc_day_to_ymd(target, &ty, &tm, &td);
    if (app->session.entry.date_pick == PC_NO_DAY && !script_tap_id(c, "date:today", false))
        return false;
    for (int guard = 0; guard < 600; guard++) {
        pc_day_to_ymd(app->session.entry.date_pick, &y, &m, &d);
        const char *id = y != ty   ? (y < ty ? "date:y+" : "date:y-")
                         : m != tm ? (m < tm ? "date:m+" : "date:m-")
                         : d != td ? (d < td ? "date:d+" : "date:d-")
                                   : NULL;
        if (!id)
            return script_tap_id(c, "date:confirm", false);
        pc_day before = app->session.entry.date_pick;
        if (!script_tap_id(c, id, false))
            return false;
        if (app->session.entry.date_pick == before)
            return script_fail(c, "the date picker does not move (%s)%s", id, "");
    }
    return script_fail(c, "cannot reach the date%s%s", "", "");
}

static bool auto_tapf(script_ctx *c, const char *fmt, int n)
{
    char id[48];
    snprintf(id, sizeof id, fmt, n);
    return script_tap_id(c, id, false);
}
