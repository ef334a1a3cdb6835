/* main.c — the kiosk program: options, start-up, the event loop, shut-down.
 *
 * Start-up, shut-down and the event loop are the flow's (flow/start.c, flow/loop.c,
 * shared with the benches). Full screen under kmsdrm, X11 or Wayland; with --script it
 * runs a scripted journey under any driver (tests use SDL_VIDEODRIVER=dummy and the
 * software renderer) on a virtual clock.
 * Lockdown: no key, window-close or gesture ends the program; only the staff screen
 * (long press on the top-left corner, then the PIN) can. */
#include "flow/flow.h"
#include "script/script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

typedef struct kiosk_opts {
    ui_opts ui;
    const char *script, *shots, *refs;
    bool hash_pin;
} kiosk_opts;

/* ---- static prototypes ---- */
static int kiosk_usage(void);
static bool kiosk_parse_args(int argc, char **argv, kiosk_opts *o);
static int kiosk_hash_pin(void);

/* ---- public functions ---- */

int main(int argc, char **argv)
{
    kiosk_opts o = {0};
    if (!kiosk_parse_args(argc, argv, &o))
        return kiosk_usage();
    if (o.hash_pin)
        return kiosk_hash_pin();
    static kiosk_app app; /* large (answers, widgets); one per process */
    if (o.script)
        return ui_script_main(&app, &o.ui, o.script, o.shots, o.refs);
    if (!ui_app_open(&app, &o.ui)) {
        ui_app_close(&app);
        return 1;
    }
    ui_loop_run(&app);
    ui_app_close(&app);
    return 0;
}

/* ---- static functions ---- */

static int kiosk_usage(void)
{
    fprintf(stderr, "usage: kiosk [--config FILE] [--rules DIR] [--size WxH] [--today YYYY-MM-DD] "
                    "[--build-date YYYY-MM-DD]\n"
                    "             [--script FILE [--screenshots DIR] [--ref DIR]]\n"
                    "       kiosk --hash-pin    (reads a PIN on stdin, prints staff_pin_hash)\n");
    return 2;
}

static bool kiosk_parse_args(int argc, char **argv, kiosk_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--hash-pin") == 0) {
            o->hash_pin = true;
            continue;
        }
        if (!v)
            return false;
        if (strcmp(a, "--config") == 0)
            o->ui.config = v;
        else if (strcmp(a, "--rules") == 0)
            o->ui.rules = v;
        else if (strcmp(a, "--script") == 0)
            o->script = v;
        else if (strcmp(a, "--screenshots") == 0)
            o->shots = v;
        else if (strcmp(a, "--ref") == 0)
            o->refs = v;
        else if (strcmp(a, "--today") == 0)
            o->ui.today = v;
        else if (strcmp(a, "--build-date") == 0)
            o->ui.build_date = v;
        else if (strcmp(a, "--size") == 0) {
            if (sscanf(v, "%dx%d", &o->ui.w, &o->ui.h) != 2 || o->ui.w < 320 || o->ui.h < 320)
                return false;
        } else
            return false;
        i++;
    }
    return true;
}

static int kiosk_hash_pin(void)
{
    char pin[64] = {0}, out[128];
    if (!fgets(pin, sizeof pin, stdin))
        return 2;
    pin[strcspn(pin, "\r\n")] = '\0';
    size_t n = strlen(pin);
    if (n < 4 || n > UI_PIN_MAX || strspn(pin, "0123456789") != n) {
        fprintf(stderr, "kiosk: a PIN is 4 to %d digits\n", UI_PIN_MAX);
        return 2;
    }
    if (!pc_config_hash_pin(pin, out, sizeof out))
        return 1;
    sodium_memzero(pin, sizeof pin);
    printf("staff_pin_hash: \"%s\"\n", out);
    return 0;
}
