/* pack_reload.c — the packs and calendar the kiosk runs on, loaded at start and again
 * when kiosk-sync switches the rules directory (app/core/rules_live.h), without a
 * restart.
 *
 * A new set is taken only at an idle moment: the welcome screen, no policy chosen, no
 * overlay open. An applicant in the middle of a session keeps the set they started
 * with to the end (their receipt carries that version); the next one gets the new set.
 * The check is one readlink(2) of the `current` link, at most every few seconds and
 * only on the welcome screen. A set that does not load leaves the one in use as it was
 * (kiosk-sync has already checked it, so this is only a second guard). */
#include "flow/flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_live.h"
#include "log.h"

/* How often the welcome screen looks at the rules directory. */
#define RELOAD_CHECK_MS 5000

/* ---- static prototypes ---- */
static bool reload_load(kiosk_app *app, char *err, size_t errsize);

/* ---- public functions ---- */

bool ui_pack_load(kiosk_app *app)
{
    char err[512], live[PC_CONFIG_PATH_MAX + 16];
    const char *rules = app->setup.cfg.rules_dir;
    pc_rules_live_dir(rules, live, sizeof live);
    if (strncmp(live, rules, strlen(rules)) != 0) /* rules_live.h: the installed packs */
        pc_log_info("kiosk: nothing switched into %s yet: the packs installed in %s", rules, live);
    if (reload_load(app, err, sizeof err))
        return true;
    pc_log_err("kiosk: %s", err);
    return false;
}

void ui_pack_reload_tick(kiosk_app *app)
{
    ui_setup *su = &app->setup;
    uint64_t now = ui_now(&app->ui);
    if (app->flow.screen != SCR_WELCOME || app->session.pack || app->flow.help_open ||
        now - su->rules_checked_ms < RELOAD_CHECK_MS)
        return;
    su->rules_checked_ms = now;
    char stamp[sizeof su->rules_stamp], err[512];
    pc_rules_stamp(su->cfg.rules_dir, stamp, sizeof stamp);
    if (strcmp(stamp, su->rules_stamp) == 0)
        return;
    if (!reload_load(app, err, sizeof err)) {
        snprintf(su->rules_stamp, sizeof su->rules_stamp, "%s", stamp); /* not again */
        pc_log_warn("kiosk: packs not reloaded (%s); the packs in use stay", err);
        return;
    }
    ui_day_offer_packs(app);
    app->gfx.dirty = true;
    pc_log_info("kiosk: packs reloaded from %s: %zu packs, %zu offered today",
                su->rules_stamp[0] ? su->rules_stamp : su->cfg.rules_dir, su->packs.n_packs,
                su->n_offered);
}

/* ---- static functions ---- */

/* The live set and its calendar (the generation's, else calendar_dir), into setup only
 * when both load. The stamp is read first: a switch during the load is seen next time. */
static bool reload_load(kiosk_app *app, char *err, size_t errsize)
{
    ui_setup *su = &app->setup;
    char stamp[sizeof su->rules_stamp], live[PC_CONFIG_PATH_MAX + 16],
        cal_dir[PC_CONFIG_PATH_MAX + 16], why[400];
    pc_rules_stamp(su->cfg.rules_dir, stamp, sizeof stamp);
    pc_rules_live_dir(su->cfg.rules_dir, live, sizeof live);
    pc_rules_calendar_dir(su->cfg.rules_dir, su->cfg.calendar_dir, cal_dir, sizeof cal_dir);
    pc_pack_set packs;
    if (!pc_pack_set_load_dir(&packs, live, why, sizeof why)) {
        snprintf(err, errsize, "packs: %s", why);
        return false;
    }
    pc_calendar *cal = calloc(1, sizeof *cal);
    if (!cal || !pc_calendar_load_dir(cal, cal_dir, why, sizeof why)) {
        snprintf(err, errsize, "calendar: %s", cal ? why : "out of memory");
        free(cal);
        pc_pack_set_free(&packs);
        return false;
    }
    su->n_offered = 0; /* pointed into the old set */
    pc_pack_set_free(&su->packs);
    free(su->cal);
    su->packs = packs;
    su->cal = cal;
    snprintf(su->rules_stamp, sizeof su->rules_stamp, "%s", stamp);
    return true;
}
