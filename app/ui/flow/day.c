/* day.c — the kiosk's date, which follows the clock: --today (or the system's date)
 * sets it at start, and the wall clock (ui_wall: the system's, or the script's virtual
 * one) moves it on, across midnight and through jumps either way. When the date
 * changes, the packs offered are chosen again (one whose last day in force was
 * yesterday is no longer offered) and, once a day and at start, the store's retention
 * is applied (retention_days, delete_after_days of the configuration). */
#include "flow/flow.h"
#include "log.h"

#include <time.h>

/* ---- static prototypes ---- */
static pc_day day_local(int64_t wall);
static void day_retention(kiosk_app *app);

/* ---- public functions ---- */

void ui_day_start(kiosk_app *app)
{
    app->setup.day_offset = app->setup.today - day_local(ui_wall(&app->ui));
    ui_day_offer_packs(app);
    day_retention(app);
}

void ui_day_tick(kiosk_app *app)
{
    ui_setup *su = &app->setup;
    pc_day now = day_local(ui_wall(&app->ui)) + su->day_offset;
    if (now == su->today)
        return;
    char was[16], is[16];
    pc_day_format(su->today, was, sizeof was);
    pc_day_format(now, is, sizeof is);
    pc_log_info("kiosk: the date is now %s (was %s)", is, was);
    su->today = now;
    ui_day_offer_packs(app);
    if (su->retained_on != now)
        day_retention(app);
    app->gfx.dirty = true;
}

/* The packs offered today, in force first and then drafts (where allowed), each only
 * while no successor is in force; and whether the clock is plausible. */
void ui_day_offer_packs(kiosk_app *app)
{
    ui_setup *su = &app->setup;
    pc_day newest = PC_NO_DAY;
    su->n_offered = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < su->packs.n_packs && su->n_offered < UI_MAX_OFFERED; i++) {
            const pc_pack *p = su->packs.packs[i];
            if (!pc_config_policy_enabled(&su->cfg, p->id))
                continue;
            if (pc_pack_set_successor(&su->packs, p, su->today))
                continue; /* replaced */
            if (pass == 0 && p->issued_on != PC_NO_DAY &&
                (newest == PC_NO_DAY || p->issued_on > newest))
                newest = p->issued_on;
            pc_policy_status st = pc_policy_status_on(p, su->today);
            if (pass == 0 && st == PC_POLICY_IN_FORCE)
                su->offered[su->n_offered++] = p;
            if (pass == 1 && st == PC_POLICY_DRAFT && su->cfg.allow_drafts)
                su->offered[su->n_offered++] = p;
        }
    /* too early (before the newest pack or the build), or too late: from 2106 a receipt's
       time no longer fits its 32 bits, and no kiosk will still run on this clock honestly */
    su->clock_bad = (newest != PC_NO_DAY && su->today < newest) || su->today < su->build_day ||
                    su->today > pc_day_from_ymd(2105, 12, 31);
    if (su->clock_bad)
        pc_log_warn(
            "kiosk: warning: the kiosk's date is before its newest pack or its build, or after "
            "2105");
}

/* ---- static functions ---- */

/* The local calendar day of a wall-clock time. */
static pc_day day_local(int64_t wall)
{
    time_t t = (time_t)wall;
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return (pc_day)(wall / 86400);
    return pc_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Personal data of synced submissions wiped after retention_days, rows deleted after
 * delete_after_days (pending ones are never touched). */
static void day_retention(kiosk_app *app)
{
    const pc_config *cfg = &app->setup.cfg;
    size_t purged = 0, deleted = 0;
    app->setup.retained_on = app->setup.today;
    if (!app->queue.store)
        return;
    pc_store_status st =
        pc_store_apply_retention(app->queue.store, ui_wall(&app->ui), cfg->retention_days,
                                 cfg->delete_after_days, &purged, &deleted);
    if (st != PC_STORE_OK)
        pc_log_warn("kiosk: retention: %s: %s", pc_store_status_name(st),
                    pc_store_errmsg(app->queue.store));
    else
        pc_log_info("kiosk: retention applied: %zu purged, %zu deleted", purged, deleted);
}
