/* script_more.c — the script's date and time, and the expectations about what the kiosk
 * keeps beyond the screen: the date it evaluates on, the receipt's kind, the printer's
 * state in the store, the packs offered.
 *
 *   clock +S | clock -S          the wall clock jumps S seconds (the idle timers do not)
 *   expect today YYYY-MM-DD | retained-on YYYY-MM-DD (the store's retention applied)
 *          receipt-prefix TEXT | printer-state STATE | offered N
 *          spoken TEXT        读给我听 last read words that start with TEXT
 *          voice-not-silent   … and the speech made of them is not silence
 *          voice-playing | voice-stopped   speech is (not) queued on the audio device
 *          help-call notified|failed|none  请工作人员帮助's call to the staff desk
 *          in-view ID         the widget is wholly in view, on top, as the screen is shown
 *                             now: a tap reaches it without scrolling
 *          all-in-view        … every widget of the screen is */
#include "script/script_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- static prototypes ---- */
static int64_t more_wall_start(void);
static bool more_expect_today(script_ctx *c, const char *arg);
static bool more_expect_printer(script_ctx *c, const char *arg);
static bool more_in_view(script_ctx *c, size_t i);
static bool more_expect_voice(script_ctx *c, const char *what, const char *arg, bool *ok);
static bool more_expect_help(script_ctx *c, const char *arg);

/* ---- public functions ---- */

int64_t script_wall(void *ctx)
{
    const script_ctx *c = ctx;
    return more_wall_start() + (int64_t)(c->vclock_ms / 1000) + c->wall_shift;
}

bool script_clock_jump(script_ctx *c, const char *arg)
{
    char *end;
    long long s = strtoll(arg, &end, 10);
    if (end == arg || *end != '\0' || (arg[0] != '+' && arg[0] != '-'))
        return script_fail(c, "clock: expected +SECONDS or -SECONDS, got %s%s", arg, "");
    c->wall_shift += s;
    ui_loop_pump(c->app);
    return true;
}

bool script_expect_more(script_ctx *c, const char *what, const char *arg, bool *ok)
{
    const kiosk_app *app = c->app;
    char n[16];
    if (strcmp(what, "today") == 0) {
        *ok = more_expect_today(c, arg);
    } else if (strcmp(what, "retained-on") == 0) {
        pc_day_format(app->setup.retained_on, n, sizeof n);
        *ok = strcmp(n, arg) == 0 || script_fail(c, "retention last applied on %s, not %s", n, arg);
    } else if (strcmp(what, "receipt-prefix") == 0) {
        *ok = (app->receipt.state == UI_RECEIPT_ISSUED &&
               strncmp(app->receipt.text, arg, strlen(arg)) == 0) ||
              script_fail(c, "expected a receipt starting %s, got %.8s", arg, app->receipt.text);
    } else if (strcmp(what, "printer-state") == 0) {
        *ok = more_expect_printer(c, arg);
    } else if (strcmp(what, "help-call") == 0) {
        *ok = more_expect_help(c, arg);
    } else if (strcmp(what, "in-view") == 0) {
        int i = ui_widget_find(&app->ui, arg);
        *ok = i < 0 ? script_fail(c, "no widget \"%s\"%s", arg, "") : more_in_view(c, (size_t)i);
    } else if (strcmp(what, "all-in-view") == 0) {
        *ok = true;
        for (size_t i = 0; i < app->gfx.n_widgets; i++)
            *ok = more_in_view(c, i) && *ok;
    } else if (strcmp(what, "offered") == 0) {
        snprintf(n, sizeof n, "%zu", app->setup.n_offered);
        *ok = strcmp(n, arg) == 0 || script_fail(c, "expected %s packs offered, got %s", arg, n);
    } else {
        return more_expect_voice(c, what, arg, ok);
    }
    return true;
}

/* ---- static functions ---- */

/* 请工作人员帮助's call to the staff desk: its thread works in real time, so this waits
 * (up to 5 s, the kiosk drawing meanwhile) until it has answered, then compares. */
static bool more_expect_help(script_ctx *c, const char *arg)
{
    for (int waited = 0; ui_help_call_pending(c->app) && waited < 5000; waited += 10) {
        SDL_Delay(10);
        ui_loop_pump(c->app);
    }
    ui_loop_pump(c->app);
    const char *got = ui_help_call_pending(c->app) ? "pending"
                      : c->app->help.notified      ? "notified"
                      : c->app->help.job           ? "failed"
                                                   : "none";
    return strcmp(got, arg) == 0 || script_fail(c, "expected the help call %s, got %s", arg, got);
}

/* 09:00 local time on 2026-01-05: only its time of day matters (the date is --today's). */
static int64_t more_wall_start(void)
{
    struct tm tm = {.tm_year = 126, .tm_mon = 0, .tm_mday = 5, .tm_hour = 9, .tm_isdst = -1};
    return (int64_t)mktime(&tm);
}

static bool more_expect_today(script_ctx *c, const char *arg)
{
    char got[16];
    pc_day_format(c->app->setup.today, got, sizeof got);
    return strcmp(got, arg) == 0 || script_fail(c, "expected the date %s, got %s", arg, got);
}

static bool more_expect_printer(script_ctx *c, const char *arg)
{
    char got[64] = "";
    if (!c->app->queue.store)
        return script_fail(c, "no store for printer-state %s%s", arg, "");
    pc_store_get_state(c->app->queue.store, "printer", got, sizeof got, NULL);
    return strcmp(got, arg) == 0 || script_fail(c, "expected the printer %s, got %s", arg, got);
}

/* Wholly on screen, inside the scrolling area when it scrolls, and the widget a tap at
 * its centre reaches (nothing drawn over it). */
static bool more_in_view(script_ctx *c, size_t i)
{
    const kiosk_app *app = c->app;
    const ui_widget *w = &app->gfx.widgets[i];
    SDL_Rect v = w->scrolls ? app->gfx.scroll_view : (SDL_Rect){0, 0, app->ui.w, app->ui.h};
    bool inside = w->r.x >= v.x && w->r.y >= v.y && w->r.x + w->r.w <= v.x + v.w &&
                  w->r.y + w->r.h <= v.y + v.h;
    char where[64];
    snprintf(where, sizeof where, "at y %d..%d, view %d..%d", w->r.y, w->r.y + w->r.h, v.y,
             v.y + v.h);
    if (!inside)
        return script_fail(c, "\"%s\" is not wholly in view without scrolling (%s)", w->id, where);
    int at = ui_widget_at(&app->ui, w->r.x + w->r.w / 2, w->r.y + w->r.h / 2);
    return at == (int)i || script_fail(c, "\"%s\" is covered (%s)", w->id, where);
}

/* What 读给我听 read last, how loud, and whether it is still playing. */
static bool more_expect_voice(script_ctx *c, const char *what, const char *arg, bool *ok)
{
    const ui_voice *v = &c->app->voice;
    char rms[32];
    snprintf(rms, sizeof rms, "%.1f", v->rms);
    Uint32 queued = v->dev ? SDL_GetQueuedAudioSize(v->dev) : 0;
    if (strcmp(what, "spoken") == 0)
        *ok = strncmp(v->spoken, arg, strlen(arg)) == 0 ||
              script_fail(c, "expected speech starting %s, got %s", arg, v->spoken);
    else if (strcmp(what, "voice-not-silent") == 0)
        *ok = (v->spoken[0] && v->rms > 100.0) ||
              script_fail(c, "the speech is silent (rms %s)%s", rms, "");
    else if (strcmp(what, "voice-playing") == 0)
        *ok = queued > 0 || script_fail(c, "no speech is playing%s%s", "", "");
    else if (strcmp(what, "voice-stopped") == 0)
        *ok = queued == 0 || script_fail(c, "speech is still playing%s%s", "", "");
    else
        return false;
    return true;
}
