/* date.h — calendar days and the working-day calendar.
 *
 * Deadlines in the policies count working days under the State Council's holiday
 * notices (holidays and make-up working days), day 1 being the day after the event.
 * Days are plain integers (days since 1970-01-01) so that arithmetic is trivial; the
 * calendar is data (rules/calendar/YYYY.json, holiday-cn format) read with jansson.
 * A year with no published notice is counted as weekdays only and flagged estimated. */
#ifndef PC_DATE_H
#define PC_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef int pc_day; /* days since 1970-01-01; PC_NO_DAY when absent */
#define PC_NO_DAY (-2147483647 - 1)

#define PC_CAL_FIRST_YEAR 1990
#define PC_CAL_LAST_YEAR 2100

typedef struct pc_calendar {
    unsigned char special[PC_CAL_LAST_YEAR - PC_CAL_FIRST_YEAR + 1]
                         [366];                                /* 0 normal, 1 off, 2 make-up work */
    bool year_known[PC_CAL_LAST_YEAR - PC_CAL_FIRST_YEAR + 1]; /* a notice was published */
    int first_known, last_known;                               /* 0 when none */
} pc_calendar;

/* Parses "YYYY-MM-DD" strictly (a real date, 1990..2100). Returns false on anything else. */
bool pc_day_parse(const char *text, pc_day *out);
/* Writes "YYYY-MM-DD" into buf (at least 11 bytes). */
void pc_day_format(pc_day day, char *buf, size_t size);
pc_day pc_day_from_ymd(int y, int m, int d);
void pc_day_to_ymd(pc_day day, int *y, int *m, int *d);
int pc_day_weekday(pc_day day); /* 0 = Sunday … 6 = Saturday */
/* The same day N calendar months later (clamped to the month's end). */
pc_day pc_day_add_months(pc_day day, int months);
/* Today in local time. */
pc_day pc_day_today(void);

/* Loads every YYYY.json in dir. On failure returns false and writes a one-line
 * reason into err. The calendar must be zeroed (or fresh from calloc) before. */
bool pc_calendar_load_dir(pc_calendar *cal, const char *dir, char *err, size_t errsize);
/* Loads one holiday-cn JSON text (for tests and fuzzing). */
bool pc_calendar_load_json(pc_calendar *cal, const char *json, size_t len, char *err,
                           size_t errsize);
bool pc_calendar_is_working_day(const pc_calendar *cal, pc_day day, bool *estimated);
/* The day on which N working days after `from` end (day 1 = the next working day after
 * from). *estimated is set when any day counted lies in a year without a notice. */
pc_day pc_calendar_add_working_days(const pc_calendar *cal, pc_day from, int n, bool *estimated);
/* Working days from `from` (exclusive) to `to` (inclusive); 0 if to <= from. */
int pc_calendar_working_days_between(const pc_calendar *cal, pc_day from, pc_day to,
                                     bool *estimated);

#endif
