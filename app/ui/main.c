/* main.c — the kiosk program: options, start-up, the event loop, shut-down.
 *
 * Start-up, shut-down and the event loop are the flow's (flow/start.c, flow/loop.c,
 * shared with the benches). Full screen under kmsdrm, X11 or Wayland; with --script it
 * runs a scripted journey under any driver (tests use SDL_VIDEODRIVER=dummy and the
 * software renderer) on a virtual clock.
 * Lockdown: no key, window-close, gesture or terminal signal (SIGINT, SIGHUP, SIGQUIT)
 * ends the program; only the staff screen (long press on the top-left corner, then the
 * PIN) and SIGTERM (systemd's stop) do, both closing the store cleanly. */
#include "flow/flow.h"
#include "script/script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <signal.h>
#include <sodium.h>

#include "pc_version.h"
#include "pin_policy.h"

typedef struct kiosk_opts {
    ui_opts ui;
    const char *script, *shots, *refs;
    bool hash_pin, help, version;
    const char *bad; /* the option that was not understood */
} kiosk_opts;

/* ---- static prototypes ---- */
static void kiosk_usage(FILE *to);
static bool kiosk_parse_args(int argc, char **argv, kiosk_opts *o);
static int kiosk_hash_pin(void);
static void kiosk_lockdown_signals(void);

/* ---- public functions ---- */

int main(int argc, char **argv)
{
    kiosk_opts o = {0};
    if (!kiosk_parse_args(argc, argv, &o)) {
        fprintf(stderr, "kiosk: %s: not an option, or its value is missing or wrong\n", o.bad);
        kiosk_usage(stderr);
        return 2;
    }
    if (o.help) {
        kiosk_usage(stdout);
        return 0;
    }
    if (o.version)
        return pc_version_print(argv[0]);
    if (o.hash_pin)
        return kiosk_hash_pin();
    kiosk_lockdown_signals();
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

static void kiosk_usage(FILE *to)
{
    fprintf(to,
            "Usage: kiosk [--config FILE] [--rules DIR] [--size WxH] [--today YYYY-MM-DD] "
            "[--build-date YYYY-MM-DD] [--script FILE [--screenshots DIR] [--ref DIR]]\n"
            "  or:  kiosk --hash-pin\n"
            "  or:  kiosk --help | --version\n"
            "--hash-pin reads a staff PIN (6 to 8 digits, not an easy one) on stdin and prints\n"
            "the staff_pin_hash line.\n"
            "The self-service pre-check kiosk: full screen, locked down (only the staff screen\n"
            "or SIGTERM ends it). --config: the YAML configuration (every key and its default:\n"
            "assets/kiosk.example.yaml); without staff_pin_hash there is no staff screen.\n"
            "--script runs a scripted journey on a virtual clock (tests, the demo).\n");
}

static bool kiosk_parse_args(int argc, char **argv, kiosk_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        o->bad = a;
        bool *flag = strcmp(a, "--hash-pin") == 0  ? &o->hash_pin
                     : strcmp(a, "--help") == 0    ? &o->help
                     : strcmp(a, "--version") == 0 ? &o->version
                                                   : NULL;
        if (flag) {
            *flag = true;
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
    const char *why = pc_pin_weakness(pin);
    if (why) {
        sodium_memzero(pin, sizeof pin);
        fprintf(
            stderr,
            "kiosk --hash-pin: 这个 PIN 不能使用：%s。请换一个 6 到 8 位、不易猜到的数字 PIN。\n",
            why);
        return 2;
    }
    bool made = pc_config_hash_pin(pin, out, sizeof out);
    sodium_memzero(pin, sizeof pin);
    if (!made)
        return 1;
    printf("staff_pin_hash: \"%s\"\n", out);
    return 0;
}

/* Lockdown: a terminal's Ctrl+C (SIGINT), a closed terminal (SIGHUP) or Ctrl+\\ (SIGQUIT)
 * do not end the kiosk. SIGTERM is left to SDL's own handler, which turns it into
 * SDL_QUIT: the only quit event the kiosk takes (window-close sends none, start.c), and
 * the loop then closes the store cleanly. Set before SDL starts, which leaves a signal
 * already ignored alone. */
static void kiosk_lockdown_signals(void)
{
    struct sigaction ignore = {.sa_handler = SIG_IGN};
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, NULL);
    sigaction(SIGHUP, &ignore, NULL);
    sigaction(SIGQUIT, &ignore, NULL);
}
