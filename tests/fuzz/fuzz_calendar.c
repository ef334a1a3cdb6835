/* fuzz_calendar.c — the holiday-calendar JSON reader on arbitrary bytes, then a
 * working-day count over what it accepted. */
#include <stdint.h>
#include <stdlib.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_calendar *cal = calloc(1, sizeof *cal);
    char err[300];
    bool est = false;
    if (cal && pc_calendar_load_json(cal, (const char *)data, size, err, sizeof err))
        pc_calendar_add_working_days(cal, pc_day_from_ymd(2026, 12, 20), 30, &est);
    free(cal);
    return 0;
}
