/* desk.c — the `desk` program: the staff desk a window's PC runs locally, opened in any
 * browser on that PC (http://127.0.0.1:PORT/), offline.
 *
 * Why it exists: window staff work in a browser with the barcode scanner typing into a
 * focused field; `precheck verify` is a terminal command for scripts. The desk serves
 * a page for signing in, scanning, recording and printing, and the JSON API the page
 * uses, on the same code path as `precheck verify` (app/core/check.h). Configuration:
 * the file (--config, default /etc/precheck/desk.yaml when it exists; desk_config.h),
 * over $PRECHECK_RULES / $PRECHECK_KEYRING / $PRECHECK_LANG as `precheck` reads them,
 * under the flags; the data directory as every program finds it (data_dir.h); every
 * bad value is refused at start with one line naming it (exit 2).
 *
 *   desk clerk-add|clerk-pin --db FILE CLERK_ID    PIN on stdin (one line)
 *   desk clerk-remove|clerk-unlock --db FILE CLERK_ID
 *   desk clerk-list --db FILE
 *   desk serve [--config FILE] --db FILE --keyring FILE --listen ADDR:PORT [--rules DIR]
 *              [--hall-key FILE] [--hall NAME] [--lang zh-CN|en] [--port-file FILE]
 *   desk sync [--config FILE] [--db FILE] [--url URL] [--key DESK_SECRET] …  (desk_sync.h) */
#include <arpa/inet.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "data_dir.h"
#include "desk_app.h"
#include "desk_cli.h"
#include "desk_packs.h"
#include "desk_sync.h"
#include "log.h"
#include "pc_version.h"
#include "proto_files.h"

#define EXIT_USAGE 2
#define RETENTION_EVERY (24 * 3600) /* seconds between two runs of the retention */

/* The command line as given: each NULL when absent. */
typedef struct desk_opts {
    const char *config, *db, *keyring, *listen, *rules, *hall_key, *dept_key, *hall, *lang,
        *port_file;
} desk_opts;

static int usage(FILE *out);
static int fail(const char *fmt, const char *a, const char *b);
static bool parse(int argc, char **argv, desk_opts *o);
static bool configure(const desk_opts *o, desk_config *cfg);
static bool apply_flags(const desk_opts *o, desk_config *cfg, char *err, size_t errsize);
static int cmd_serve(desk_config *cfg);
static bool load_app(desk_app *app, const desk_config *cfg);
static bool load_words(desk_app *app, const desk_config *cfg);
static bool load_packs(desk_app *app, const desk_config *cfg, const char *rules);
static void free_app(desk_app *app);
static void run_retention(desk_store *store, int days);
static int serve_until_signal(desk_app *app, const desk_config *cfg);

int main(int argc, char **argv)
{
    desk_opts o = {0};
    if (argc < 2 || sodium_init() < 0)
        return usage(stderr);
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0)
        return usage(stdout);
    if (strcmp(cmd, "--version") == 0)
        return pc_version_print(argv[0]);
    if (strcmp(cmd, "sync") == 0)
        return desk_sync_main(argc - 1, argv + 1);
    if (!parse(argc - 1, argv + 1, &o))
        return usage(stderr);
    int rest = argc - 1 - optind;
    char **args = argv + 1 + optind;
    bool clerk = desk_cli_is_clerk_command(cmd), serve = strcmp(cmd, "serve") == 0 && rest == 0;
    if (!clerk && !serve)
        return usage(stderr);
    desk_config cfg;
    desk_config_defaults(&cfg);
    int rc = EXIT_USAGE;
    if (configure(&o, &cfg))
        rc = clerk ? desk_cli_clerk(cmd, cfg.db, rest, args) : cmd_serve(&cfg);
    desk_config_free(&cfg);
    return rc;
}

/* --help prints to stdout and succeeds; a wrong call prints to stderr and fails. */
static int usage(FILE *out)
{
    fprintf(out,
            "Usage: desk serve --db FILE --keyring FILE --listen ADDR:PORT [--rules DIR] "
            "[--hall-key FILE] [--hall NAME] [--lang zh-CN|en] [--port-file FILE]\n"
            "  or:  desk clerk-add --db FILE CLERK_ID\n"
            "  or:  desk clerk-pin --db FILE CLERK_ID\n"
            "  or:  desk clerk-unlock --db FILE CLERK_ID\n"
            "  or:  desk clerk-remove --db FILE CLERK_ID\n"
            "  or:  desk clerk-list --db FILE\n"
            "  or:  desk sync [--config FILE] [--db FILE] [--url URL] [--key FILE] ...\n"
            "  or:  desk --help | --version\n"
            "The staff desk at the window: desk serve is its web page, the clerks sign in there.\n"
            "\nCommands:\n"
            "  clerk-add        a new clerk (the PIN on stdin)\n"
            "  clerk-pin        a new PIN (on stdin), unlocks\n"
            "  clerk-unlock     clears a lockout after wrong PINs\n"
            "  clerk-remove     removes a clerk, ends their sessions\n"
            "  clerk-list       clerks, locked or not, last sign-in\n"
            "  sync             sends the desk's records to the department (desk sync --help)\n"
            "Every command takes --config FILE (default %s when it exists);\n"
            "its flags override the file. Exit: 0 done, 1 refused (no such clerk, the\n"
            "store said no), 2 a bad command line or configuration.\n",
            DESK_CONFIG_DEFAULT);
    return out == stdout ? 0 : EXIT_USAGE;
}

static int fail(const char *fmt, const char *a, const char *b)
{
    char text[2048];
    snprintf(text, sizeof text, fmt, a, b);
    pc_log_err("desk: %s", text);
    return EXIT_USAGE;
}

static bool parse(int argc, char **argv, desk_opts *o)
{
    static const struct option longs[] = {{"db", 1, 0, 'd'},
                                          {"keyring", 1, 0, 'k'},
                                          {"listen", 1, 0, 'l'},
                                          {"rules", 1, 0, 'r'},
                                          {"hall-key", 1, 0, 'H'},
                                          {"dept-key", 1, 0, 'K'},
                                          {"hall", 1, 0, 'h'},
                                          {"lang", 1, 0, 'L'},
                                          {"port-file", 1, 0, 'p'},
                                          {"config", 1, 0, 'c'},
                                          {0, 0, 0, 0}};
    const char **slot[128] = {0};
    slot['d'] = &o->db, slot['k'] = &o->keyring, slot['l'] = &o->listen, slot['r'] = &o->rules;
    slot['H'] = &o->hall_key, slot['K'] = &o->dept_key, slot['h'] = &o->hall, slot['L'] = &o->lang;
    slot['p'] = &o->port_file, slot['c'] = &o->config;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
        if (c <= 0 || c >= 128 || !slot[c]) {
            fail("unknown or incomplete option \"%s\"%s", argv[optind - 1], "");
            return false;
        }
        *slot[c] = optarg;
    }
    return true;
}

/* Defaults, the environment, the file, the flags: each over the one before. */
static bool configure(const desk_opts *o, desk_config *cfg)
{
    char err[DESK_PATH_MAX + 400];
    const char *env[][2] = {{"keyring", "PRECHECK_KEYRING"},
                            {"rules", "PRECHECK_RULES"},
                            {"language", "PRECHECK_LANG"}};
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof env / sizeof env[0]; i++) {
        const char *v = getenv(env[i][1]);
        char where[64];
        snprintf(where, sizeof where, "$%s", env[i][1]);
        ok = !v || !*v || desk_config_set(cfg, env[i][0], v, where, err, sizeof err);
    }
    const char *path = o->config;
    if (!path && access(DESK_CONFIG_DEFAULT, F_OK) == 0)
        path = DESK_CONFIG_DEFAULT;
    ok = ok && (!path || desk_config_load(cfg, path, err, sizeof err));
    ok = ok && apply_flags(o, cfg, err, sizeof err);
    if (!ok)
        fail("%s%s", err, "");
    if (ok && o->dept_key)
        pc_log_warn("desk: --dept-key is now --hall-key (the hall's key, made by precheck "
                    "keygen hall); --dept-key will be removed in the next version");
    return ok;
}

static bool apply_flags(const desk_opts *o, desk_config *cfg, char *err, size_t errsize)
{
    const struct {
        const char *value, *key, *flag;
    } flags[] = {{o->db, "db", "--db"},
                 {o->keyring, "keyring", "--keyring"},
                 {o->listen, "listen", "--listen"},
                 {o->rules, "rules", "--rules"},
                 {o->dept_key, "hall_key", "--dept-key"},
                 {o->hall_key, "hall_key", "--hall-key"},
                 {o->hall, "hall", "--hall"},
                 {o->lang, "language", "--lang"},
                 {o->port_file, "port_file", "--port-file"}};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (flags[i].value &&
            !desk_config_set(cfg, flags[i].key, flags[i].value, flags[i].flag, err, errsize))
            return false;
    return true;
}

/* ------------------------------------------------------------------ serve */

static int cmd_serve(desk_config *cfg)
{
    if (!cfg->db[0] || !cfg->keyring[0])
        return fail("serve needs --db FILE and --keyring FILE (or db: and keyring: in %s)%s",
                    DESK_CONFIG_DEFAULT, "");
    if (!cfg->have_listen)
        return fail("serve needs --listen ADDR:PORT (or listen: in the file), e.g. "
                    "127.0.0.1:8780%s%s",
                    "", "");
    desk_app *app = calloc(1, sizeof *app);
    if (!app)
        return fail("out of memory%s%s", "", "");
    int rc = load_app(app, cfg) ? serve_until_signal(app, cfg) : EXIT_USAGE;
    free_app(app);
    free(app);
    return rc;
}

static bool load_app(desk_app *app, const desk_config *cfg)
{
    char err[600], rules_buf[4096];
    const char *rules = cfg->rules;
    if (!rules[0]) {
        snprintf(rules_buf, sizeof rules_buf, "%s/rules", pc_data_dir());
        rules = rules_buf;
    }
    app->cfg = cfg;
    app->limits = (desk_limits){2 * 3600, 12 * 3600, 5, 15 * 60};
    snprintf(app->static_dir, sizeof app->static_dir, "%s/assets/desk", pc_data_dir());
    if (!load_words(app, cfg))
        return false;
    if (!pc_keyring_load(&app->ring, cfg->keyring, err, sizeof err) ||
        (cfg->hall_key[0] &&
         !pc_dept_key_load_secret(&app->hall_key, cfg->hall_key, err, sizeof err)) ||
        !desk_store_open(cfg->db, &app->store, err, sizeof err)) {
        fail("%s%s", err, "");
        return false;
    }
    return load_packs(app, cfg, rules);
}

/* The staff words, and the hall's name for printed documents. */
static bool load_words(desk_app *app, const desk_config *cfg)
{
    char path[4200], err[600];
    snprintf(path, sizeof path, "%s/assets/strings.%s.yaml", pc_data_dir(), cfg->lang);
    if (!pc_strings_load(&app->strings, path, err, sizeof err)) {
        fail("%s%s", err, "");
        return false;
    }
    const char *hall =
        cfg->hall[0] ? cfg->hall : pc_strings_get(&app->strings, "desk.hall_default");
    snprintf(app->hall, sizeof app->hall, "%s", hall);
    return true;
}

/* Every pack version kept beside the database, seeded from the rules directory, and
 * the working-day calendar of the rules directory. */
static bool load_packs(desk_app *app, const desk_config *cfg, const char *rules)
{
    char dir[4200], cal_dir[4200], err[600];
    size_t added = 0;
    desk_packs_dir(cfg->db, dir, sizeof dir);
    snprintf(cal_dir, sizeof cal_dir, "%s/calendar", rules);
    app->cal = calloc(1, sizeof *app->cal);
    if (!app->cal || !desk_packs_load(dir, rules, &app->packs, &added, err, sizeof err) ||
        !pc_calendar_load_dir(app->cal, cal_dir, err, sizeof err)) {
        fail("%s%s", app->cal ? err : "out of memory", "");
        return false;
    }
    pc_log_info("desk: %zu pack versions in %s (%zu new from %s)", app->packs.n_packs, dir, added,
                rules);
    app->ctx = (pc_verify_ctx){&app->ring, cfg->hall_key[0] ? &app->hall_key : NULL, &app->packs,
                               app->cal};
    return true;
}

static void free_app(desk_app *app)
{
    desk_store_close(app->store);
    pc_pack_set_free(&app->packs);
    pc_keyring_free(&app->ring);
    pc_dept_key_wipe(&app->hall_key);
    pc_strings_free(&app->strings);
    free(app->cal);
}

/* The retention on store (one handle, one thread): logged, never fatal. */
static void run_retention(desk_store *store, int days)
{
    size_t receipts = 0, reasons = 0;
    if (desk_store_apply_retention(store, (int64_t)time(NULL), days, &receipts, &reasons) !=
        DESK_OK)
        pc_log_err("desk: retention: %s", desk_store_errmsg(store));
    else if (receipts || reasons)
        pc_log_info("desk: retention (%d days): answers of %zu receipts and %zu reasons wiped",
                    days, receipts, reasons);
}

/* SIGINT/SIGTERM are blocked in every thread and taken with sigtimedwait: no handler.
 * Between signals, once a day, the retention runs on a handle of this thread's own (the
 * server's thread has the other). */
static int serve_until_signal(desk_app *app, const desk_config *cfg)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    char err[600], line[32];
    run_retention(app->store, cfg->retention_days);
    desk_server *srv = NULL;
    if (!desk_server_start(cfg->addr, cfg->port, desk_route, app, &srv, err, sizeof err))
        return fail("%s%s", err, "");
    int n = snprintf(line, sizeof line, "%u\n", (unsigned)desk_server_port(srv));
    pc_log_info("desk: open http://%s:%s", cfg->addr, line);
    if (cfg->port_file[0] &&
        !pc_proto_write_atomic(cfg->port_file, line, (size_t)n, err, sizeof err))
        pc_log_warn("desk: %s", err);
    int sig = -1;
    time_t last = time(NULL);
    while (sig < 0) {
        struct timespec hour = {3600, 0};
        sig = sigtimedwait(&set, NULL, &hour);
        desk_store *own = NULL;
        if (sig < 0 && time(NULL) - last >= RETENTION_EVERY &&
            desk_store_open(cfg->db, &own, err, sizeof err)) {
            run_retention(own, cfg->retention_days);
            desk_store_close(own);
            last = time(NULL);
        }
    }
    pc_log_info("desk: stopping (signal %d)", sig);
    desk_server_stop(srv);
    return 0;
}
