/* ui_base.c — sizes, words, the clock and the log (see ui_base.h). */
#include "base/ui_base.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include <SDL.h>

/* ---- public functions ---- */

uint64_t ui_now(const ui_ctx *ui)
{
    return ui->clock.now ? ui->clock.now(ui->clock.ctx) : SDL_GetTicks64();
}

int64_t ui_wall(const ui_ctx *ui)
{
    return ui->wall.now ? ui->wall.now(ui->wall.ctx) : (int64_t)time(NULL);
}

int ui_px(const ui_ctx *ui, int logical)
{
    return (int)((float)logical * ui->scale + 0.5f);
}

int ui_text_px(const ui_ctx *ui, int logical)
{
    int l = ui->large ? logical * UI_LARGE_NUM / UI_LARGE_DEN : logical;
    return ui_px(ui, l);
}

const char *ui_str(const ui_ctx *ui, const char *key)
{
    return pc_strings_get(&ui->strings, key);
}

void ui_str_fill(const ui_ctx *ui, const char *key, const char *name, const char *value, char *buf,
                 size_t size)
{
    const char *names[] = {name}, *values[] = {value};
    pc_strings_format(buf, size, ui_str(ui, key), names, values, 1);
}
