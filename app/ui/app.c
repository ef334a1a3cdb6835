/* app.c — the kiosk's state changes that every screen shares: clock, strings, scale,
 * screen switches, the packs offered today, one frame, and the session wipe.
 *
 * The wipe is the privacy promise of the kiosk: when a session ends or times out, the
 * answers, the result, the half-made receipt and every rendered text are destroyed. */
#include "ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

/* ---- public functions ---- */

uint64_t ui_now(const kiosk_app *app)
{
    return app->virtual_clock ? app->vclock_ms : SDL_GetTicks64();
}

const char *ui_str(const kiosk_app *app, const char *key)
{
    return pc_strings_get(&app->strings, key);
}

int ui_px(const kiosk_app *app, int logical)
{
    return (int)((float)logical * app->scale + 0.5f);
}

int ui_text_px(const kiosk_app *app, int logical)
{
    int l = app->large ? logical * UI_LARGE_NUM / UI_LARGE_DEN : logical;
    return ui_px(app, l);
}

void ui_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void ui_set_screen(kiosk_app *app, ui_screen screen)
{
    app->screen = screen;
    app->scroll = 0;
    app->s.show_source = false;
    app->dirty = true;
}

void ui_session_wipe(kiosk_app *app)
{
    ui_receipt_forget(app);
    sodium_memzero(&app->s, sizeof app->s);
    app->s.pack = -1;
    app->s.question = -1;
    sodium_memzero(app->pin, sizeof app->pin);
    app->pin_wrong = false;
    if (app->qr) { SDL_DestroyTexture(app->qr); app->qr = NULL; }
    ui_text_flush(app);
    app->large = false;
    app->idle_overlay = false;
    app->ptr.down = false;
    ui_set_screen(app, SCR_WELCOME);
    ui_log("kiosk: session cleared");
}

void ui_offer_packs(kiosk_app *app)
{
    app->n_offered = 0;
    pc_day newest = PC_NO_DAY;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < app->packs.n_packs && app->n_offered < UI_MAX_OFFERED; i++) {
            const pc_pack *p = app->packs.packs[i];
            if (!pc_config_policy_enabled(&app->cfg, p->id)) continue;
            if (pc_pack_set_successor(&app->packs, p, app->today)) continue;   /* replaced */
            if (pass == 0 && p->issued_on != PC_NO_DAY && (newest == PC_NO_DAY || p->issued_on > newest))
                newest = p->issued_on;
            pc_policy_status st = pc_policy_status_on(p, app->today);
            if (pass == 0 && st == PC_POLICY_IN_FORCE) app->offered[app->n_offered++] = p;
            if (pass == 1 && st == PC_POLICY_DRAFT && app->cfg.allow_drafts) app->offered[app->n_offered++] = p;
        }
    app->clock_bad = (newest != PC_NO_DAY && app->today < newest) || app->today < app->build_day;
    if (app->clock_bad) ui_log("kiosk: warning: the kiosk's date is earlier than its newest pack or its build");
}

void ui_render(kiosk_app *app)
{
    app->text.frame = ++app->frames;
    if (app->turned) SDL_SetRenderTarget(app->renderer, app->turned);
    SDL_SetRenderDrawColor(app->renderer, UI_C_BG.r, UI_C_BG.g, UI_C_BG.b, 255);
    SDL_RenderClear(app->renderer);
    ui_widgets_begin(app);
    app->shot_mask = (SDL_Rect){0, 0, 0, 0};
    switch (app->screen) {
    case SCR_WELCOME: ui_screen_welcome(app); break;
    case SCR_POLICY: ui_screen_policy(app); break;
    case SCR_QUESTION: ui_screen_question(app); break;
    case SCR_REVIEW: ui_screen_review(app); break;
    case SCR_RESULT: ui_screen_result(app); break;
    case SCR_PIN: ui_screen_pin(app); break;
    case SCR_STAFF: ui_screen_staff(app); break;
    case SCR_COUNT: break;
    }
    if (app->s.show_source && app->screen == SCR_QUESTION) ui_overlay_source(app);
    if (app->idle_overlay) ui_overlay_idle(app);
    if (app->turned) {
        SDL_SetRenderTarget(app->renderer, NULL);
        SDL_Rect dst = {(app->out_w - app->w) / 2, (app->out_h - app->h) / 2, app->w, app->h};
        SDL_RenderCopyEx(app->renderer, app->turned, NULL, &dst, 90.0, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(app->renderer);
    if (app->on_present) app->on_present(app);
}
