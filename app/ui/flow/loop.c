/* loop.c — the event loop: it sleeps in SDL_WaitEventTimeout until an event or the next
 * timer, and draws only when something changed, so an idle kiosk costs no CPU. The
 * window's and renderer's own events (a new size, lost textures, exposure) are handled
 * here; touches go to input.c. Scripts and benches step the same handling without
 * waiting (ui_loop_pump). */
#include "flow/flow.h"

/* How often an idle kiosk looks at the clock for a new day. */
#define LOOP_DAY_CHECK_MS 30000

/* ---- static prototypes ---- */
static void loop_event(kiosk_app *app, const SDL_Event *ev);

/* ---- public functions ---- */

void ui_loop_run(kiosk_app *app)
{
    app->input.last_input_ms = ui_now(&app->ui);
    while (!app->flow.quit) {
        if (app->gfx.dirty) {
            app->gfx.dirty = false;
            ui_flow_render(app);
        }
        int timeout = ui_input_next_timer(app);
        if (timeout < 0 || timeout > LOOP_DAY_CHECK_MS)
            timeout = LOOP_DAY_CHECK_MS; /* the date follows the clock */
        SDL_Event ev;
        bool got = timeout < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, timeout);
        for (; got; got = SDL_PollEvent(&ev))
            loop_event(app, &ev);
        ui_input_tick(app);
        ui_day_tick(app);
        ui_pack_reload_tick(app); /* a new set of packs, at an idle moment */
    }
}

void ui_loop_pump(kiosk_app *app)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev))
        ui_input_event(app, &ev);
    ui_input_tick(app);
    ui_day_tick(app);
    ui_pack_reload_tick(app);
    for (int i = 0; i < 3 && app->gfx.dirty; i++) {
        app->gfx.dirty = false;
        ui_flow_render(app);
    }
}

/* ---- static functions ---- */

static void loop_event(kiosk_app *app, const SDL_Event *ev)
{
    bool window = ev->type == SDL_WINDOWEVENT;
    if (window && ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        ui_app_update_size(app);
        ui_text_flush(&app->ui);
    } else if (ev->type == SDL_RENDER_TARGETS_RESET || ev->type == SDL_RENDER_DEVICE_RESET) {
        ui_text_flush(&app->ui); /* the textures are gone */
        ui_draw_quit(&app->ui);
        ui_draw_init(&app->ui);
        app->gfx.dirty = true;
    } else if (window && ev->window.event == SDL_WINDOWEVENT_EXPOSED) {
        app->gfx.dirty = true;
    } else {
        ui_input_event(app, ev);
    }
}
