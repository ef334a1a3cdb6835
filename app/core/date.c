/* date.c — civil-date arithmetic and the working-day calendar (see date.h).
 *
 * Day numbers use Howard Hinnant's days-from-civil algorithm. The calendar keeps, per
 * year, a byte per day of year: 0 = normal (weekday works, weekend rests), 1 = holiday,
 * 2 = make-up working day, as published in the holiday-cn JSON files. */
#include "date.h"
#include "file_read.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { DAY_NORMAL = 0, DAY_OFF = 1, DAY_WORK = 2 };

/* ---- civil dates ---- */

pc_day pc_day_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void pc_day_to_ymd(pc_day day, int *y, int *m, int *d)
{
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : len[m - 1];
}

bool pc_day_parse(const char *text, pc_day *out)
{
    if (!text || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9'))
            return false;
    int y = atoi(text), m = atoi(text + 5), d = atoi(text + 8);
    if (y < PC_CAL_FIRST_YEAR || y > PC_CAL_LAST_YEAR || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return false;
    *out = pc_day_from_ymd(y, m, d);
    return true;
}

void pc_day_format(pc_day day, char *buf, size_t size)
{
    int y, m, d;
    pc_day_to_ymd(day, &y, &m, &d);
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

int pc_day_weekday(pc_day day)
{
    int w = (day + 4) % 7; /* 1970-01-01 was a Thursday */
    return w < 0 ? w + 7 : w;
}

pc_day pc_day_add_months(pc_day day, int months)
{
    int y, m, d;
    pc_day_to_ymd(day, &y, &m, &d);
    int total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    int last = days_in_month(y, m);
    return pc_day_from_ymd(y, m, d > last ? last : d);
}

pc_day pc_day_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return pc_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ---- calendar ---- */

static int year_slot(int y)
{
    return y - PC_CAL_FIRST_YEAR;
}

static bool year_in_range(int y)
{
    return y >= PC_CAL_FIRST_YEAR && y <= PC_CAL_LAST_YEAR;
}

static bool mark_day(pc_calendar *cal, int year, const char *date, bool off, char *err,
                     size_t errsize)
{
    pc_day day;
    int y, m, d;
    if (!pc_day_parse(date, &day)) {
        snprintf(err, errsize, "calendar %d: bad date \"%s\"", year, date);
        return false;
    }
    pc_day_to_ymd(day, &y, &m, &d);
    if (y < year - 1 || y > year + 1) { /* a notice may reach into the years either side */
        snprintf(err, errsize, "calendar %d: date %s is too far from the year", year, date);
        return false;
    }
    cal->special[year_slot(y)][day - pc_day_from_ymd(y, 1, 1)] = off ? DAY_OFF : DAY_WORK;
    return true;
}

static bool load_days(pc_calendar *cal, int year, json_t *days, char *err, size_t errsize)
{
    size_t i;
    json_t *entry;
    json_array_foreach(days, i, entry)
    {
        json_t *date = json_object_get(entry, "date");
        json_t *off = json_object_get(entry, "isOffDay");
        if (!json_is_string(date) || !json_is_boolean(off)) {
            snprintf(err, errsize, "calendar %d: day %zu lacks date or isOffDay", year, i);
            return false;
        }
        if (!mark_day(cal, year, json_string_value(date), json_is_true(off), err, errsize))
            return false;
    }
    return true;
}

static void note_known_year(pc_calendar *cal, int year)
{
    cal->year_known[year_slot(year)] = true;
    if (!cal->first_known || year < cal->first_known)
        cal->first_known = year;
    if (year > cal->last_known)
        cal->last_known = year;
}

bool pc_calendar_load_json(pc_calendar *cal, const char *text, size_t len, char *err,
                           size_t errsize)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        snprintf(err, errsize, "calendar: JSON error at line %d: %s", jerr.line, jerr.text);
        return false;
    }
    bool ok = false;
    json_t *year = json_object_get(root, "year");
    json_t *papers = json_object_get(root, "papers");
    json_t *days = json_object_get(root, "days");
    if (!json_is_integer(year) || !year_in_range((int)json_integer_value(year)) ||
        !json_is_array(papers) || !json_is_array(days)) {
        snprintf(err, errsize, "calendar: needs \"year\" (%d..%d), \"papers\" and \"days\"",
                 PC_CAL_FIRST_YEAR, PC_CAL_LAST_YEAR);
    } else {
        int y = (int)json_integer_value(year);
        ok = load_days(cal, y, days, err, errsize);
        if (ok && json_array_size(papers) > 0)
            note_known_year(cal, y);
    }
    json_decref(root);
    return ok;
}

static bool is_year_file(const char *name)
{
    return strlen(name) == 9 && strcmp(name + 4, ".json") == 0 && name[0] >= '0' && name[0] <= '9';
}

static bool load_file(pc_calendar *cal, const char *path, char *err, size_t errsize)
{
    size_t len;
    char inner[200];
    char *buf = pc_file_read(path, &len, err, errsize);
    if (!buf)
        return false;
    bool ok = pc_calendar_load_json(cal, buf, len, inner, sizeof inner);
    if (!ok)
        snprintf(err, errsize, "%s: %s", path, inner);
    free(buf);
    return ok;
}

bool pc_calendar_load_dir(pc_calendar *cal, const char *dir, char *err, size_t errsize)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errsize, "calendar directory %s: %s", dir, strerror(errno));
        return false;
    }
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL) {
        if (!is_year_file(e->d_name))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        ok = load_file(cal, path, err, errsize);
    }
    closedir(d);
    if (ok && !cal->last_known) {
        snprintf(err, errsize, "calendar directory %s holds no published year", dir);
        ok = false;
    }
    return ok;
}

bool pc_calendar_is_working_day(const pc_calendar *cal, pc_day day, bool *estimated)
{
    int y, m, d;
    pc_day_to_ymd(day, &y, &m, &d);
    int wd = pc_day_weekday(day);
    bool weekday = wd != 0 && wd != 6;
    if (!year_in_range(y) || !cal->year_known[year_slot(y)]) {
        if (estimated)
            *estimated = true;
        return weekday;
    }
    unsigned char kind = cal->special[year_slot(y)][day - pc_day_from_ymd(y, 1, 1)];
    return kind == DAY_WORK || (kind == DAY_NORMAL && weekday);
}

pc_day pc_calendar_add_working_days(const pc_calendar *cal, pc_day from, int n, bool *estimated)
{
    pc_day day = from;
    while (n > 0) {
        day++;
        if (pc_calendar_is_working_day(cal, day, estimated))
            n--;
    }
    return day;
}

int pc_calendar_working_days_between(const pc_calendar *cal, pc_day from, pc_day to,
                                     bool *estimated)
{
    int count = 0;
    for (pc_day day = from + 1; day <= to; day++)
        count += pc_calendar_is_working_day(cal, day, estimated);
    return count;
}
