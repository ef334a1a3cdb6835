/* deadline.c — when the application deadline falls: from the earliest of its events
 * that has happened, counted in working days on the calendar, or in natural days or
 * months as 民法典 第二百零一至二百零三条 count them, never past the policy's last day in
 * force; and its state when no day can be given (none set, not started, unknown). */
#include "eval.h"

/* ---- static prototypes ---- */
static pc_deadline_state start_of(const pc_deadline *d, const pc_facts *facts, pc_day *from);
static pc_day period_end(const pc_calendar *cal, pc_period p, pc_day from, bool *estimated);
static pc_day next_working_day(const pc_calendar *cal, pc_day day, bool *estimated);

/* ---- public functions ---- */

void pc_deadline_compute(const pc_pack *pack, const pc_calendar *cal, const pc_facts *facts,
                         pc_result *r)
{
    const pc_deadline *d = pack->deadline;
    pc_day from = PC_NO_DAY;
    r->deadline_state = d ? start_of(d, facts, &from) : PC_DL_NONE;
    if (r->deadline_state != PC_DL_RUNNING || !cal) {
        if (r->deadline_state == PC_DL_RUNNING)
            r->deadline_state = PC_DL_UNKNOWN; /* no calendar: no day to give */
        return;
    }
    bool estimated = false;
    pc_day end = period_end(cal, d->period, from, &estimated);
    if (pack->in_force_until != PC_NO_DAY && end > pack->in_force_until) {
        end = pack->in_force_until;
        r->deadline_capped = true;
    }
    r->has_deadline = true;
    r->deadline_day = end;
    r->deadline_passed = r->today > end;
    r->deadline_state = r->deadline_passed ? PC_DL_PASSED : PC_DL_RUNNING;
    r->deadline_days_left =
        r->deadline_passed ? 0 : pc_calendar_working_days_between(cal, r->today, end, &estimated);
    r->deadline_estimated = estimated;
}

const char *pc_deadline_state_name(pc_deadline_state state)
{
    static const char *const names[] = {"none", "not_started", "unknown", "running", "passed"};
    return state <= PC_DL_PASSED ? names[state] : "?";
}

/* ---- static functions ---- */

/* RUNNING with *from set when an event has a known day (the earliest counts); UNKNOWN when
 * none has, but one may have happened; NOT_STARTED when none has happened yet. */
static pc_deadline_state start_of(const pc_deadline *d, const pc_facts *facts, pc_day *from)
{
    bool maybe = false;
    for (size_t i = 0; i < d->n_from; i++) {
        pc_value_state st = facts->date_state[d->from[i]];
        if (st == PC_VALUE_KNOWN && (*from == PC_NO_DAY || facts->dates[d->from[i]] < *from))
            *from = facts->dates[d->from[i]];
        maybe = maybe || st == PC_VALUE_UNKNOWN;
    }
    if (*from != PC_NO_DAY)
        return PC_DL_RUNNING;
    return maybe ? PC_DL_UNKNOWN : PC_DL_NOT_STARTED;
}

static pc_day period_end(const pc_calendar *cal, pc_period p, pc_day from, bool *estimated)
{
    switch (p.kind) {
    case PC_PERIOD_WORKING_DAYS:
        return pc_calendar_add_working_days(cal, from, p.count, estimated);
    case PC_PERIOD_DAYS: /* 第二百零一条: day 1 is the next day */
        return next_working_day(cal, from + p.count, estimated);
    case PC_PERIOD_MONTHS: /* 第二百零二条: the corresponding day, or the month's end */
        return next_working_day(cal, pc_day_add_months(from, p.count), estimated);
    }
    return from;
}

/* 第二百零三条: a last day that is a rest day moves to the next working day. */
static pc_day next_working_day(const pc_calendar *cal, pc_day day, bool *estimated)
{
    for (int i = 0; i < 40 && !pc_calendar_is_working_day(cal, day, estimated); i++)
        day++;
    return day;
}
