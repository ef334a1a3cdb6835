/* start.c — opening and closing the kiosk: configuration, strings, packs, calendar,
 * receipts, then SDL video, fonts and shapes; and everything freed in reverse.
 *
 * Shared by the program (main.c) and the benches, so that what is measured is what
 * runs. Under kmsdrm there is no window manager: the window is the screen; touch comes
 * as finger events (input.c). SIGTERM is left to its default so systemd can stop us. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* ---- static prototypes ---- */
static bool start_load(kiosk_app *app, const ui_opts *o);
static bool start_video(kiosk_app *app, const ui_opts *o);

/* ---- public functions ---- */

bool ui_app_open(kiosk_app *app, const ui_opts *o)
{
#ifdef __GLIBC__
    /* Rendered texts are large short-lived blocks: keep them in mmap so that freeing
     * one gives the memory back (glibc would otherwise raise its threshold and keep
     * freed blocks in the heap, and the kiosk's memory would creep up all day). */
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024);
#endif
    if (!start_load(app, o) || !start_video(app, o)) return false;
    ui_session_wipe(app);
    app->last_input_ms = ui_now(app);
    return true;
}

/* The screen's size, and whether the configured orientation needs the picture turned:
 * a portrait kiosk whose display reports landscape (or the reverse) is drawn into a
 * texture of the configured shape and turned 90° when presented (input.c turns
 * touches back). */
void ui_app_update_size(kiosk_app *app)
{
    int ow, oh;
    SDL_GetRendererOutputSize(app->renderer, &ow, &oh);
    pc_orientation want = app->cfg.orientation;
    bool turn = (want == PC_ORIENT_PORTRAIT && ow > oh) || (want == PC_ORIENT_LANDSCAPE && oh > ow);
    if (app->turned) { SDL_DestroyTexture(app->turned); app->turned = NULL; }
    if (turn) {
        app->turned = SDL_CreateTexture(app->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, oh, ow);
        if (!app->turned) ui_log("kiosk: cannot turn the picture: %s", SDL_GetError());
    }
    app->out_w = ow;
    app->out_h = oh;
    app->w = app->turned ? oh : ow;
    app->h = app->turned ? ow : oh;
    int shorter = app->w < app->h ? app->w : app->h;
    app->scale = (float)shorter / 1080.0f;
    app->landscape = app->w > app->h;
    app->dirty = true;
}

void ui_app_close(kiosk_app *app)
{
    if (app->window) {
        sodium_memzero(&app->s, sizeof app->s);
        if (app->turned) SDL_DestroyTexture(app->turned);
        if (app->qr) SDL_DestroyTexture(app->qr);
        ui_text_quit(app);
        ui_draw_quit(app);
        if (app->renderer) SDL_DestroyRenderer(app->renderer);
        SDL_DestroyWindow(app->window);
    }
    SDL_Quit();
    ui_receipt_close(app);
    pc_pack_set_free(&app->packs);
    pc_strings_free(&app->strings);
    free(app->cal);
    app->cal = NULL;
    app->window = NULL;
    app->renderer = NULL;
}

/* ---- static functions ---- */

static bool start_load(kiosk_app *app, const ui_opts *o)
{
    char err[512];
    if (sodium_init() < 0) return false;
    if (o->config ? !pc_config_load(&app->cfg, o->config, err, sizeof err)
                  : (pc_config_defaults(&app->cfg), false)) {
        ui_log("kiosk: config: %s", err);
        return false;
    }
    if (o->rules) snprintf(app->cfg.rules_dir, sizeof app->cfg.rules_dir, "%s", o->rules);
    if (o->today ? !pc_day_parse(o->today, &app->today) : (app->today = pc_day_today(), false)) {
        ui_log("kiosk: --today: not a date: %s", o->today);
        return false;
    }
    if (!pc_day_parse(o->build_date ? o->build_date : PC_BUILD_DATE, &app->build_day)) app->build_day = 0;
    char path[700];
    snprintf(path, sizeof path, "%s/strings.%s.yaml", app->cfg.assets_dir, app->cfg.language);
    if (!pc_strings_load(&app->strings, path, err, sizeof err)) { ui_log("kiosk: strings: %s", err); return false; }
    if (!pc_pack_set_load_dir(&app->packs, app->cfg.rules_dir, err, sizeof err)) {
        ui_log("kiosk: packs: %s", err);
        return false;
    }
    app->cal = calloc(1, sizeof *app->cal);
    if (!app->cal || !pc_calendar_load_dir(app->cal, app->cfg.calendar_dir, err, sizeof err)) {
        ui_log("kiosk: calendar: %s", app->cal ? err : "out of memory");
        return false;
    }
    snprintf(app->font_path, sizeof app->font_path, "%s", app->cfg.font_path);
    app->virtual_clock = o->virtual_clock;
    ui_offer_packs(app);
    ui_receipt_open(app);
    ui_log("kiosk: %s: %zu packs loaded, %zu offered today", app->cfg.kiosk_id, app->packs.n_packs, app->n_offered);
    return true;
}

static bool start_video(kiosk_app *app, const ui_opts *o)
{
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");          /* SIGTERM stops us (systemd) */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");          /* one touch = one event */
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) { ui_log("kiosk: SDL_Init: %s", SDL_GetError()); return false; }
    bool windowed = o->w > 0;
    int w = windowed ? o->w : 1080, h = windowed ? o->h : 1920;
    Uint32 flags = windowed ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP;
    app->window = SDL_CreateWindow("precheck kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                                   flags | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!app->window) { ui_log("kiosk: window: %s", SDL_GetError()); return false; }
    const char *drv = SDL_GetCurrentVideoDriver();
    bool soft = o->software || (drv && strcmp(drv, "dummy") == 0);
    app->renderer = soft ? NULL : SDL_CreateRenderer(app->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!app->renderer) app->renderer = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_SOFTWARE);
    if (!app->renderer) { ui_log("kiosk: renderer: %s", SDL_GetError()); return false; }
    SDL_ShowCursor(drv && strcmp(drv, "kmsdrm") == 0 ? SDL_DISABLE : SDL_ENABLE);
    ui_app_update_size(app);
    if (!ui_draw_init(app) || !ui_text_init(app)) return false;
    ui_log("kiosk: video %s, %dx%d, %s", drv ? drv : "?", app->w, app->h, soft ? "software" : "accelerated");
    return true;
}
