/* desk.c — the `desk` program: the staff desk a window's PC runs locally, opened in any
 * browser on that PC (http://127.0.0.1:PORT/), offline.
 *
 * Why it exists: window staff work in a browser with the barcode scanner typing into a
 * focused field; `precheck verify` is a terminal command for scripts. The desk serves
 * a page for signing in, scanning, recording and printing, and the JSON API the page
 * uses, on the same code path as `precheck verify` (app/core/check.h). Configuration
 * follows the other programs: flags, $PRECHECK_RULES / $PRECHECK_KEYRING /
 * $PRECHECK_LANG as `precheck` reads them, the data directory as every program finds
 * it (data_dir.h); every bad value is refused at start with one line naming it (exit 2).
 *
 *   desk clerk-add --db FILE CLERK_ID            PIN on stdin (one line)
 *   desk serve --db FILE --keyring FILE --listen ADDR:PORT [--rules DIR]
 *              [--dept-key FILE] [--hall NAME] [--lang zh-CN|en] [--port-file FILE] */
#include <arpa/inet.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "config.h"
#include "data_dir.h"
#include "desk_app.h"
#include "desk_packs.h"
#include "pc_version.h"
#include "proto_files.h"

#define EXIT_USAGE 2
#define PIN_MIN 4
#define PIN_MAX 64

typedef struct desk_opts {
    const char *db, *keyring, *listen, *rules, *dept_key, *hall, *lang, *port_file;
    char addr[64];
    uint16_t port;
} desk_opts;

static int usage(FILE *out);
static int fail(const char *fmt, const char *a, const char *b);
static bool parse(int argc, char **argv, desk_opts *o);
static bool parse_listen(desk_opts *o);
static int cmd_clerk_add(const desk_opts *o, int argc, char **argv);
static bool read_pin(char *pin, size_t size);
static int cmd_serve(desk_opts *o);
static bool load_app(desk_app *app, const desk_opts *o);
static bool load_words(desk_app *app, const desk_opts *o);
static bool load_packs(desk_app *app, const desk_opts *o, const char *rules);
static void free_app(desk_app *app);
static int serve_until_signal(desk_app *app, const desk_opts *o);

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
    if (!parse(argc - 1, argv + 1, &o))
        return usage(stderr);
    int rest = argc - 1 - optind;
    char **args = argv + 1 + optind;
    if (strcmp(cmd, "clerk-add") == 0)
        return cmd_clerk_add(&o, rest, args);
    if (strcmp(cmd, "serve") == 0 && rest == 0)
        return cmd_serve(&o);
    return usage(stderr);
}

/* --help prints to stdout and succeeds; a wrong call prints to stderr and fails. */
static int usage(FILE *out)
{
    fprintf(out, "usage: desk clerk-add --db FILE CLERK_ID   (the PIN on stdin)\n"
                 "       desk serve --db FILE --keyring FILE --listen ADDR:PORT [--rules DIR]\n"
                 "                  [--dept-key FILE] [--hall NAME] [--lang zh-CN|en]\n"
                 "                  [--port-file FILE]\n"
                 "       desk --help | --version\n");
    return out == stdout ? 0 : EXIT_USAGE;
}

static int fail(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "desk: ");
    fprintf(stderr, fmt, a, b);
    fprintf(stderr, "\n");
    return EXIT_USAGE;
}

static bool parse(int argc, char **argv, desk_opts *o)
{
    static const struct option longs[] = {
        {"db", 1, 0, 'd'},    {"keyring", 1, 0, 'k'},   {"listen", 1, 0, 'l'},
        {"rules", 1, 0, 'r'}, {"dept-key", 1, 0, 'K'},  {"hall", 1, 0, 'h'},
        {"lang", 1, 0, 'L'},  {"port-file", 1, 0, 'p'}, {0, 0, 0, 0}};
    const char **slot[128] = {0};
    slot['d'] = &o->db, slot['k'] = &o->keyring, slot['l'] = &o->listen, slot['r'] = &o->rules;
    slot['K'] = &o->dept_key, slot['h'] = &o->hall, slot['L'] = &o->lang;
    slot['p'] = &o->port_file;
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
    if (!o->keyring)
        o->keyring = getenv("PRECHECK_KEYRING");
    if (!o->rules)
        o->rules = getenv("PRECHECK_RULES");
    if (!o->lang)
        o->lang = getenv("PRECHECK_LANG");
    return true;
}

/* "127.0.0.1:8780" → addr and port (0: any free port, see --port-file). */
static bool parse_listen(desk_opts *o)
{
    const char *colon = o->listen ? strrchr(o->listen, ':') : NULL;
    char *end = NULL;
    long port = colon ? strtol(colon + 1, &end, 10) : -1;
    if (!colon || colon == o->listen || (size_t)(colon - o->listen) >= sizeof o->addr ||
        !colon[1] || *end || port < 0 || port > 65535) {
        fail("--listen \"%s\": give ADDR:PORT, e.g. 127.0.0.1:8780%s", o->listen ? o->listen : "",
             "");
        return false;
    }
    snprintf(o->addr, sizeof o->addr, "%.*s", (int)(colon - o->listen), o->listen);
    o->port = (uint16_t)port;
    struct in_addr ip;
    if (inet_pton(AF_INET, o->addr, &ip) != 1) {
        fail("--listen \"%s\": \"%s\" is not an IPv4 address", o->listen, o->addr);
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ clerk-add */

static int cmd_clerk_add(const desk_opts *o, int argc, char **argv)
{
    if (argc != 1 || !o->db)
        return usage(stderr);
    if (!desk_clerk_id_valid(argv[0]))
        return fail("clerk id \"%s\": use 1 to 32 of A-Z a-z 0-9 . _ -%s", argv[0], "");
    char pin[PIN_MAX + 2], hash[128], err[512];
    bool pin_good = read_pin(pin, sizeof pin);
    bool hashed = pin_good && pc_config_hash_pin(pin, hash, sizeof hash);
    sodium_memzero(pin, sizeof pin);
    if (!pin_good)
        return fail("the PIN (one line on stdin) must be %s to %s characters, no spaces", "4",
                    "64");
    desk_store *store = NULL;
    if (!hashed || !desk_store_open(o->db, &store, err, sizeof err))
        return fail("%s%s", hashed ? err : "cannot hash the PIN", "");
    desk_status st = desk_clerk_add(store, argv[0], hash, (int64_t)time(NULL));
    if (st == DESK_OK)
        printf("desk: clerk %s added to %s\n", argv[0], o->db);
    else
        fprintf(stderr, "desk: clerk %s: %s\n", argv[0],
                st == DESK_EXISTS ? "already exists" : desk_store_errmsg(store));
    desk_store_close(store);
    return st == DESK_OK ? 0 : 1;
}

static bool read_pin(char *pin, size_t size)
{
    if (!fgets(pin, (int)size, stdin))
        return false;
    pin[strcspn(pin, "\r\n")] = '\0';
    size_t n = strlen(pin);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)pin[i] <= ' ')
            return false;
    return n >= PIN_MIN && n <= PIN_MAX;
}

/* ------------------------------------------------------------------ serve */

static int cmd_serve(desk_opts *o)
{
    if (!o->db || !o->keyring)
        return fail("serve needs --db FILE and --keyring FILE (or PRECHECK_KEYRING)%s%s", "", "");
    if (!parse_listen(o))
        return EXIT_USAGE;
    desk_app *app = calloc(1, sizeof *app);
    if (!app)
        return fail("out of memory%s%s", "", "");
    int rc = load_app(app, o) ? serve_until_signal(app, o) : EXIT_USAGE;
    free_app(app);
    free(app);
    return rc;
}

static bool load_app(desk_app *app, const desk_opts *o)
{
    char err[600], rules_buf[4096];
    const char *rules = o->rules;
    if (!rules) {
        snprintf(rules_buf, sizeof rules_buf, "%s/rules", pc_data_dir());
        rules = rules_buf;
    }
    app->limits = (desk_limits){2 * 3600, 12 * 3600, 5, 15 * 60};
    snprintf(app->static_dir, sizeof app->static_dir, "%s/assets/desk", pc_data_dir());
    if (!load_words(app, o))
        return false;
    if (!pc_keyring_load(&app->ring, o->keyring, err, sizeof err) ||
        (o->dept_key && !pc_dept_key_load_secret(&app->dept, o->dept_key, err, sizeof err)) ||
        !desk_store_open(o->db, &app->store, err, sizeof err)) {
        fail("%s%s", err, "");
        return false;
    }
    return load_packs(app, o, rules);
}

/* The staff words, and the hall's name for printed documents. */
static bool load_words(desk_app *app, const desk_opts *o)
{
    char path[4200], err[600];
    const char *lang = o->lang ? o->lang : "zh-CN";
    if (strcmp(lang, "zh-CN") != 0 && strcmp(lang, "en") != 0) {
        fail("--lang \"%s\": zh-CN or en%s", lang, "");
        return false;
    }
    snprintf(path, sizeof path, "%s/assets/strings.%s.yaml", pc_data_dir(), lang);
    if (!pc_strings_load(&app->strings, path, err, sizeof err)) {
        fail("%s%s", err, "");
        return false;
    }
    const char *hall = o->hall ? o->hall : pc_strings_get(&app->strings, "desk.hall_default");
    if (strlen(hall) >= sizeof app->hall) {
        fail("--hall \"%s\": at most %s bytes", hall, "127");
        return false;
    }
    snprintf(app->hall, sizeof app->hall, "%s", hall);
    return true;
}

/* Every pack version kept beside the database, seeded from the rules directory, and
 * the working-day calendar of the rules directory. */
static bool load_packs(desk_app *app, const desk_opts *o, const char *rules)
{
    char dir[4200], cal_dir[4200], err[600];
    size_t added = 0;
    desk_packs_dir(o->db, dir, sizeof dir);
    snprintf(cal_dir, sizeof cal_dir, "%s/calendar", rules);
    app->cal = calloc(1, sizeof *app->cal);
    if (!app->cal || !desk_packs_load(dir, rules, &app->packs, &added, err, sizeof err) ||
        !pc_calendar_load_dir(app->cal, cal_dir, err, sizeof err)) {
        fail("%s%s", app->cal ? err : "out of memory", "");
        return false;
    }
    fprintf(stderr, "desk: %zu pack versions in %s (%zu new from %s)\n", app->packs.n_packs, dir,
            added, rules);
    app->ctx = (pc_verify_ctx){&app->ring, o->dept_key ? &app->dept : NULL, &app->packs, app->cal};
    return true;
}

static void free_app(desk_app *app)
{
    desk_store_close(app->store);
    pc_pack_set_free(&app->packs);
    pc_keyring_free(&app->ring);
    pc_dept_key_wipe(&app->dept);
    pc_strings_free(&app->strings);
    free(app->cal);
}

/* SIGINT/SIGTERM are blocked in every thread and taken with sigwait: no handler. */
static int serve_until_signal(desk_app *app, const desk_opts *o)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    char err[600], line[32];
    desk_server *srv = NULL;
    if (!desk_server_start(o->addr, o->port, desk_route, app, &srv, err, sizeof err))
        return fail("%s%s", err, "");
    int n = snprintf(line, sizeof line, "%u\n", (unsigned)desk_server_port(srv));
    fprintf(stderr, "desk: open http://%s:%s", o->addr, line);
    if (o->port_file && !pc_proto_write_atomic(o->port_file, line, (size_t)n, err, sizeof err))
        fprintf(stderr, "desk: %s\n", err);
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "desk: stopping (signal %d)\n", sig);
    desk_server_stop(srv);
    return 0;
}
