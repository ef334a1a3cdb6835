/* main.c — the kiosk program: options, start-up, the event loop, shut-down.
 *
 * Full screen under kmsdrm, X11 or Wayland; with --script it runs a scripted journey
 * under any driver (tests use SDL_VIDEODRIVER=dummy and the software renderer) on a
 * virtual clock. The loop sleeps in SDL_WaitEventTimeout until an event or the next
 * timer, and draws only when something changed, so an idle kiosk costs no CPU.
 * Lockdown: no key, window-close or gesture ends the program; only the staff screen
 * (long press on the top-left corner, then the PIN) can. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

typedef struct kiosk_opts {
    const char *config, *script, *shots, *refs, *today, *build_date;
    int w, h;
    bool hash_pin;
} kiosk_opts;

/* ---- static prototypes ---- */
static int kiosk_usage(void);
static bool kiosk_parse_args(int argc, char **argv, kiosk_opts *o);
static bool kiosk_load(kiosk_app *app, const kiosk_opts *o);
static bool kiosk_video(kiosk_app *app, const kiosk_opts *o);
static void kiosk_update_size(kiosk_app *app);
static void kiosk_loop(kiosk_app *app);
static void kiosk_quit(kiosk_app *app);
static int kiosk_hash_pin(void);

/* ---- public functions ---- */

int main(int argc, char **argv)
{
    kiosk_opts o = {0};
    if (!kiosk_parse_args(argc, argv, &o)) return kiosk_usage();
    if (o.hash_pin) return kiosk_hash_pin();
    static kiosk_app app;       /* large (answers, widgets); one per process */
    if (!kiosk_load(&app, &o)) { kiosk_quit(&app); return 1; }
    if (!kiosk_video(&app, &o)) { kiosk_quit(&app); return 1; }
    ui_session_wipe(&app);
    int rc = 0;
    if (o.script) rc = ui_script_run(&app, o.script, o.shots, o.refs);
    else kiosk_loop(&app);
    kiosk_quit(&app);
    return rc;
}

/* ---- static functions ---- */

static int kiosk_usage(void)
{
    fprintf(stderr,
            "usage: kiosk [--config FILE] [--size WxH] [--today YYYY-MM-DD] [--build-date YYYY-MM-DD]\n"
            "             [--script FILE [--screenshots DIR] [--ref DIR]]\n"
            "       kiosk --hash-pin    (reads a PIN on stdin, prints staff_pin_hash)\n");
    return 2;
}

static bool kiosk_parse_args(int argc, char **argv, kiosk_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--hash-pin") == 0) { o->hash_pin = true; continue; }
        if (!v) return false;
        if (strcmp(a, "--config") == 0) o->config = v;
        else if (strcmp(a, "--script") == 0) o->script = v;
        else if (strcmp(a, "--screenshots") == 0) o->shots = v;
        else if (strcmp(a, "--ref") == 0) o->refs = v;
        else if (strcmp(a, "--today") == 0) o->today = v;
        else if (strcmp(a, "--build-date") == 0) o->build_date = v;
        else if (strcmp(a, "--size") == 0) {
            if (sscanf(v, "%dx%d", &o->w, &o->h) != 2 || o->w < 320 || o->h < 320) return false;
        } else return false;
        i++;
    }
    return true;
}

static bool kiosk_load(kiosk_app *app, const kiosk_opts *o)
{
    char err[512];
    if (sodium_init() < 0) return false;
    if (o->config ? !pc_config_load(&app->cfg, o->config, err, sizeof err)
                  : (pc_config_defaults(&app->cfg), false)) {
        ui_log("kiosk: config: %s", err);
        return false;
    }
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
    app->virtual_clock = o->script != NULL;
    ui_offer_packs(app);
    ui_receipt_open(app);
    ui_log("kiosk: %s: %zu packs loaded, %zu offered today", app->cfg.kiosk_id, app->packs.n_packs, app->n_offered);
    return true;
}

static bool kiosk_video(kiosk_app *app, const kiosk_opts *o)
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
    bool soft = o->script || (drv && strcmp(drv, "dummy") == 0);
    app->renderer = soft ? NULL : SDL_CreateRenderer(app->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!app->renderer) app->renderer = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_SOFTWARE);
    if (!app->renderer) { ui_log("kiosk: renderer: %s", SDL_GetError()); return false; }
    SDL_ShowCursor(drv && strcmp(drv, "kmsdrm") == 0 ? SDL_DISABLE : SDL_ENABLE);
    kiosk_update_size(app);
    if (!ui_draw_init(app) || !ui_text_init(app)) return false;
    ui_log("kiosk: video %s, %dx%d, %s", drv ? drv : "?", app->w, app->h, soft ? "software" : "accelerated");
    return true;
}

static void kiosk_update_size(kiosk_app *app)
{
    SDL_GetRendererOutputSize(app->renderer, &app->w, &app->h);
    int shorter = app->w < app->h ? app->w : app->h;
    app->scale = (float)shorter / 1080.0f;
    app->landscape = app->w > app->h;
    app->dirty = true;
}

static void kiosk_loop(kiosk_app *app)
{
    app->last_input_ms = ui_now(app);
    while (!app->quit) {
        if (app->dirty) { app->dirty = false; ui_render(app); }
        int timeout = ui_input_next_timer(app);
        SDL_Event ev;
        bool got = timeout < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, timeout);
        while (got) {
            if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                kiosk_update_size(app);
                ui_text_flush(app);
            } else if (ev.type == SDL_RENDER_TARGETS_RESET || ev.type == SDL_RENDER_DEVICE_RESET) {
                ui_text_flush(app);
                ui_draw_quit(app);
                ui_draw_init(app);
                app->dirty = true;
            } else if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_EXPOSED) {
                app->dirty = true;
            } else {
                ui_input_event(app, &ev);
            }
            got = SDL_PollEvent(&ev);
        }
        ui_input_tick(app);
    }
}

static void kiosk_quit(kiosk_app *app)
{
    if (app->window) {
        sodium_memzero(&app->s, sizeof app->s);
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
}

static int kiosk_hash_pin(void)
{
    char pin[64] = {0}, out[128];
    if (!fgets(pin, sizeof pin, stdin)) return 2;
    pin[strcspn(pin, "\r\n")] = '\0';
    size_t n = strlen(pin);
    if (n < 4 || n > UI_PIN_MAX || strspn(pin, "0123456789") != n) {
        fprintf(stderr, "kiosk: a PIN is 4 to %d digits\n", UI_PIN_MAX);
        return 2;
    }
    if (!pc_config_hash_pin(pin, out, sizeof out)) return 1;
    sodium_memzero(pin, sizeof pin);
    printf("staff_pin_hash: \"%s\"\n", out);
    return 0;
}
