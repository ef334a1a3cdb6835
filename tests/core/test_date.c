/* test_date.c — civil dates and the working-day calendar against the published
 * holiday notices (rules/calendar), including make-up working days and the estimate
 * beyond the last published year. */
#include <stdlib.h>

#include "../check.h"
#include "date.h"

static pc_day day(const char *text)
{
    pc_day d = PC_NO_DAY;
    CHECK(pc_day_parse(text, &d));
    return d;
}

static void test_parse(void)
{
    pc_day d;
    char buf[16];
    CHECK(!pc_day_parse("2026-02-29", &d));
    CHECK(pc_day_parse("2024-02-29", &d));
    CHECK(!pc_day_parse("2026-13-01", &d));
    CHECK(!pc_day_parse("2026-1-01", &d));
    CHECK(!pc_day_parse("2026-01-01x", &d));
    CHECK(!pc_day_parse("", &d));
    CHECK(!pc_day_parse(NULL, &d));
    pc_day_format(day("2026-11-22"), buf, sizeof buf);
    CHECK_STR(buf, "2026-11-22");
    CHECK(pc_day_weekday(day("2026-11-22")) == 0); /* a Sunday */
    pc_day_format(pc_day_add_months(day("2026-01-31"), 1), buf, sizeof buf);
    CHECK_STR(buf, "2026-02-28");
    pc_day_format(pc_day_add_months(day("2026-11-30"), 3), buf, sizeof buf);
    CHECK_STR(buf, "2027-02-28");
}

static void test_calendar(const pc_calendar *cal)
{
    bool est = false;
    char buf[16];
    /* 2026-10-01..08 National Day; 2026-09-20 (Sun) and 2026-10-10 (Sat) are make-up days */
    CHECK(!pc_calendar_is_working_day(cal, day("2026-10-05"), &est));
    CHECK(pc_calendar_is_working_day(cal, day("2026-10-10"), &est));
    CHECK(!pc_calendar_is_working_day(cal, day("2026-11-22"), &est));
    CHECK(pc_calendar_is_working_day(cal, day("2026-11-23"), &est));
    CHECK(!est);
    /* day 1 is the next working day after the event */
    pc_day_format(pc_calendar_add_working_days(cal, day("2026-11-20"), 1, &est), buf, sizeof buf);
    CHECK_STR(buf, "2026-11-23");
    pc_day_format(pc_calendar_add_working_days(cal, day("2026-09-28"), 5, &est), buf, sizeof buf);
    CHECK_STR(buf, "2026-10-10");
    CHECK(!est);
    CHECK(pc_calendar_working_days_between(cal, day("2026-11-20"), day("2026-11-27"), &est) == 5);
    /* 2027 has no published notice: weekdays only, flagged */
    est = false;
    pc_day_format(pc_calendar_add_working_days(cal, day("2026-12-28"), 10, &est), buf, sizeof buf);
    CHECK_STR(buf, "2027-01-11");
    CHECK(est);
}

static void test_bad_calendar(void)
{
    pc_calendar *cal = calloc(1, sizeof *cal);
    char err[200];
    CHECK(!pc_calendar_load_json(cal, "{", 1, err, sizeof err));
    CHECK(strstr(err, "JSON") != NULL);
    const char *bad_day = "{\"year\":2026,\"papers\":[\"x\"],\"days\":[{\"name\":\"a\",\"date\":\"2026-02-30\",\"isOffDay\":true}]}";
    CHECK(!pc_calendar_load_json(cal, bad_day, strlen(bad_day), err, sizeof err));
    CHECK(strstr(err, "2026-02-30") != NULL);
    CHECK(!pc_calendar_load_dir(cal, "/nonexistent-dir", err, sizeof err));
    free(cal);
}

int main(void)
{
    pc_calendar *cal = calloc(1, sizeof *cal);
    char err[300];
    test_parse();
    CHECK(pc_calendar_load_dir(cal, PC_SOURCE_DIR "/rules/calendar", err, sizeof err));
    CHECK(cal->last_known == 2026);
    test_calendar(cal);
    test_bad_calendar();
    free(cal);
    return CHECK_DONE();
}
