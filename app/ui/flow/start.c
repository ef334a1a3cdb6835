/* start.c — opening and closing the kiosk: configuration, strings, packs, calendar,
 * receipts, then SDL video, fonts and shapes; and everything freed in reverse.
 *
 * Shared by the program (main.c) and the benches, so that what is measured is what
 * runs. Under kmsdrm there is no window manager: the window is the screen; touch comes
 * as finger events (input.c). SIGTERM comes as SDL_QUIT from SDL's own handler (main.c
 * ignores SIGINT, SIGHUP and SIGQUIT before), and closing the window sends none. */
#include "flow/flow.h"
#include "log.h"

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
static SDL_Rect start_window_rect(const ui_opts *o);

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
    app->ui.gfx = &app->gfx;
    app->ui.clock = o->clock;
    app->ui.wall = o->wall;
    if (!start_load(app, o) || !start_video(app, o))
        return false;
    ui_voice_open(app);
    ui_flow_reset(app);
    app->input.last_input_ms = ui_now(&app->ui);
    return true;
}

/* The screen's size, and whether the configured orientation needs the picture turned:
 * a portrait kiosk whose display reports landscape (or the reverse) is drawn into a
 * texture of the configured shape and turned 90° when presented (input.c turns
 * touches back). */
void ui_app_update_size(kiosk_app *app)
{
    int ow, oh;
    SDL_GetRendererOutputSize(app->gfx.renderer, &ow, &oh);
    pc_orientation want = app->setup.cfg.orientation;
    bool turn = (want == PC_ORIENT_PORTRAIT && ow > oh) || (want == PC_ORIENT_LANDSCAPE && oh > ow);
    if (app->video.turned) {
        SDL_DestroyTexture(app->video.turned);
        app->video.turned = NULL;
    }
    if (turn) {
        app->video.turned = SDL_CreateTexture(app->gfx.renderer, SDL_PIXELFORMAT_ARGB8888,
                                              SDL_TEXTUREACCESS_TARGET, oh, ow);
        if (!app->video.turned)
            pc_log_warn("kiosk: cannot turn the picture: %s", SDL_GetError());
    }
    app->video.out_w = ow;
    app->video.out_h = oh;
    app->ui.w = app->video.turned ? oh : ow;
    app->ui.h = app->video.turned ? ow : oh;
    int shorter = app->ui.w < app->ui.h ? app->ui.w : app->ui.h;
    app->ui.scale = (float)shorter / 1080.0f;
    app->ui.landscape = app->ui.w > app->ui.h;
    app->gfx.dirty = true;
}

void ui_app_close(kiosk_app *app)
{
    ui_help_call_close(app);
    ui_voice_close(app);
    if (app->video.window) {
        if (app->video.turned)
            SDL_DestroyTexture(app->video.turned);
        ui_receipt_wipe(app);
        pc_session_clear(&app->session);
        ui_text_quit(&app->ui);
        ui_draw_quit(&app->ui);
        if (app->gfx.renderer)
            SDL_DestroyRenderer(app->gfx.renderer);
        SDL_DestroyWindow(app->video.window);
    }
    SDL_Quit();
    ui_receipt_close(app);
    pc_pack_set_free(&app->setup.packs);
    pc_strings_free(&app->ui.strings);
    free(app->setup.cal);
    app->setup.cal = NULL;
    app->video.window = NULL;
    app->gfx.renderer = NULL;
}

/* ---- static functions ---- */

static bool start_load(kiosk_app *app, const ui_opts *o)
{
    char err[512];
    if (sodium_init() < 0)
        return false;
    if (o->config ? !pc_config_load(&app->setup.cfg, o->config, err, sizeof err)
                  : (pc_config_defaults(&app->setup.cfg), false)) {
        pc_log_err("kiosk: config: %s", err);
        return false;
    }
    if (!app->setup.cfg.staff_pin_hash[0])
        pc_log_warn(
            "kiosk: no staff_pin_hash: no staff screen until one is set (kiosk --hash-pin)");
    if (o->rules)
        snprintf(app->setup.cfg.rules_dir, sizeof app->setup.cfg.rules_dir, "%s", o->rules);
    if (o->today ? !pc_day_parse(o->today, &app->setup.today)
                 : (app->setup.today = pc_day_today(), false)) {
        pc_log_err("kiosk: --today: not a date: %s", o->today);
        return false;
    }
    if (!pc_day_parse(o->build_date ? o->build_date : PC_BUILD_DATE, &app->setup.build_day))
        app->setup.build_day = 0;
    char path[700];
    snprintf(path, sizeof path, "%s/strings.%s.yaml", app->setup.cfg.assets_dir,
             app->setup.cfg.language);
    if (!pc_strings_load(&app->ui.strings, path, err, sizeof err)) {
        pc_log_err("kiosk: strings: %s", err);
        return false;
    }
    if (!ui_pack_load(app)) /* the live set of rules_dir and its calendar (pack_reload.c) */
        return false;
    ui_receipt_open(app);
    ui_staff_restore(app);
    ui_day_start(app);
    pc_log_info("kiosk: %s: %zu packs loaded, %zu offered today", app->setup.cfg.kiosk_id,
                app->setup.packs.n_packs, app->setup.n_offered);
    return true;
}

/* Where the window goes: --size centred; full screen on X11 or Wayland the display's
 * own size and position (without a window manager nothing resizes a window to the
 * screen, and a 1080x1920 window on a 1920x1080 display takes taps off-screen);
 * elsewhere (kmsdrm, dummy) a portrait 1080x1920 that the driver fits. */
static SDL_Rect start_window_rect(const ui_opts *o)
{
    SDL_Rect r = {SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1080, 1920};
    const char *drv = SDL_GetCurrentVideoDriver();
    if (o->w > 0)
        return (SDL_Rect){r.x, r.y, o->w, o->h};
    bool desktop = drv && (strcmp(drv, "x11") == 0 || strcmp(drv, "wayland") == 0);
    SDL_Rect b;
    if (desktop && SDL_GetDisplayBounds(0, &b) == 0 && b.w > 0 && b.h > 0)
        r = b;
    return r;
}

static bool start_video(kiosk_app *app, const ui_opts *o)
{
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "0");        /* SIGTERM: SDL_QUIT (systemd) */
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0"); /* window-close: no SDL_QUIT */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");        /* one touch = one event */
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        pc_log_err("kiosk: SDL_Init: %s", SDL_GetError());
        return false;
    }
    bool windowed = o->w > 0;
    SDL_Rect at = start_window_rect(o);
    Uint32 flags = windowed ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    app->video.window = SDL_CreateWindow("precheck kiosk", at.x, at.y, at.w, at.h,
                                         flags | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!app->video.window) {
        pc_log_err("kiosk: window: %s", SDL_GetError());
        return false;
    }
    const char *drv = SDL_GetCurrentVideoDriver();
    bool soft = o->software || (drv && strcmp(drv, "dummy") == 0);
    app->gfx.renderer =
        soft ? NULL
             : SDL_CreateRenderer(app->video.window, -1,
                                  SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!app->gfx.renderer)
        app->gfx.renderer = SDL_CreateRenderer(app->video.window, -1, SDL_RENDERER_SOFTWARE);
    if (!app->gfx.renderer) {
        pc_log_err("kiosk: renderer: %s", SDL_GetError());
        return false;
    }
    SDL_ShowCursor(drv && strcmp(drv, "kmsdrm") == 0 ? SDL_DISABLE : SDL_ENABLE);
    ui_app_update_size(app);
    if (!ui_draw_init(&app->ui) || !ui_text_init(&app->ui, app->setup.cfg.font_path))
        return false;
    pc_log_info("kiosk: video %s, %dx%d, %s", drv ? drv : "?", app->ui.w, app->ui.h,
                soft ? "software" : "accelerated");
    return true;
}
