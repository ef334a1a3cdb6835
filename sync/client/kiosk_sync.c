/* kiosk_sync.c — the `kiosk-sync` program: nightly sync, offline export, policy packs.
 *
 * Why it exists: operators and the systemd timer need one command whose exit status
 * says what to do next (client_run.h lists them; sync/README.md explains them).
 * Usage: kiosk-sync [--config FILE] [--quiet] [run | status | export DIR |
 *        ack-import FILE | pack-import PACK SIG | pack-fetch URL | pack-rollback]
 * FILE defaults to /etc/precheck/sync.yaml (client_config.h). */
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "client_bundle.h"
#include "client_config.h"
#include "client_generation.h"
#include "client_http.h"
#include "client_manifest.h"
#include "client_pack.h"
#include "client_run.h"
#include "file_read.h"
#include "log.h"
#include "rules_live.h"
#include "pc_version.h"

typedef struct app {
    pc_client_config cfg; /* from the configuration file */
    pc_kiosk_key key;     /* this kiosk's signing key */
    pc_keyring dept;      /* the department's signing keys */
    pc_store *store;      /* opened by commands that need it */
    FILE *progress;       /* stderr, or NULL with --quiet */
} app;

typedef int (*command_fn)(app *a, int argc, char **argv);

static int usage(void);
static int usage_on(FILE *out);
static int setup(app *a, const char *config, bool need_store);
static void teardown(app *a);
static int cmd_run(app *a, int argc, char **argv);
static int cmd_status(app *a, int argc, char **argv);
static int cmd_export(app *a, int argc, char **argv);
static int cmd_ack_import(app *a, int argc, char **argv);
static int cmd_pack_import(app *a, int argc, char **argv);
static int cmd_pack_fetch(app *a, int argc, char **argv);
static int install_pack(app *a, const char *pack, size_t len, const char *sig);
static int cmd_pack_rollback(app *a, int argc, char **argv);
static void print_packs(const pc_client_config *cfg);

static const struct {
    const char *name;
    command_fn fn;
    int args;
    bool store;
} commands[] = {
    {"run", cmd_run, 0, true},
    {"status", cmd_status, 0, true},
    {"export", cmd_export, 1, true},
    {"ack-import", cmd_ack_import, 1, true},
    {"pack-import", cmd_pack_import, 2, false},
    {"pack-fetch", cmd_pack_fetch, 1, false},
    {"pack-rollback", cmd_pack_rollback, 0, false},
};

int main(int argc, char **argv)
{
    const char *config = getenv("KIOSK_SYNC_CONFIG");
    bool quiet = false;
    int i = 1;
    if (argc == 2 && strcmp(argv[1], "--help") == 0)
        return usage_on(stdout);
    if (argc == 2 && strcmp(argv[1], "--version") == 0)
        return pc_version_print(argv[0]);
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            config = argv[++i];
        else if (strcmp(argv[i], "--quiet") == 0)
            quiet = true;
        else
            return usage();
    }
    const char *name = i < argc ? argv[i++] : "run";
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
        if (strcmp(name, commands[c].name) != 0)
            continue;
        if (argc - i != commands[c].args)
            return usage();
        app a = {.progress = quiet ? NULL : stderr};
        int rc = setup(&a, config ? config : PC_CLIENT_CONFIG_DEFAULT, commands[c].store);
        if (rc == 0)
            rc = commands[c].fn(&a, argc - i, argv + i);
        teardown(&a);
        return rc;
    }
    return usage();
}

static int usage(void)
{
    return usage_on(stderr);
}

/* --help: the usage on stdout, what each command does and the exit statuses (the man
 * page is made from it); a wrong call: the usage on stderr, exit 2. */
static int usage_on(FILE *out)
{
    fprintf(out, "Usage: kiosk-sync [--config FILE] [--quiet] [run | status | export DIR]\n"
                 "  or:  kiosk-sync [--config FILE] [--quiet] ack-import FILE\n"
                 "  or:  kiosk-sync [--config FILE] [--quiet] pack-import PACK SIG\n"
                 "  or:  kiosk-sync [--config FILE] [--quiet] pack-fetch URL\n"
                 "  or:  kiosk-sync [--config FILE] [--quiet] pack-rollback\n"
                 "  or:  kiosk-sync --help | --version\n");
    if (out != stdout)
        return PC_CLIENT_EXIT_CONFIG;
    fprintf(out, "Sends the kiosk's pending submissions to the department's receiver, or\n"
                 "carries them on removable media, and installs signed policy packs.\n"
                 "  run              sync now, then apply the retention (the default)\n"
                 "  status           pending and synced counts (exit 75 while some are pending)\n"
                 "  export DIR       pending submissions to a signed bundle in DIR\n"
                 "  ack-import FILE  mark the submissions a department's answer names\n"
                 "  pack-import PACK SIG, pack-fetch URL   install a department-signed pack\n"
                 "  pack-rollback    go back to the previous set of packs\n"
                 "  --config FILE    the configuration, YAML (else $KIOSK_SYNC_CONFIG, else\n"
                 "                   " PC_CLIENT_CONFIG_DEFAULT ")\n"
                 "  --quiet          no progress lines on stderr\n"
                 "Exit status: 0 done; 2 bad usage or configuration; 65 refused by the\n"
                 "receiver; 74 local store error; 75 try again later; 77 not authorised.\n");
    return PC_CLIENT_EXIT_OK;
}

static int setup(app *a, const char *config, bool need_store)
{
    char err[512];
    if (sodium_init() < 0)
        return PC_CLIENT_EXIT_FAILURE;
    if (!pc_client_config_load(&a->cfg, config, err, sizeof err) ||
        !pc_kiosk_key_load(&a->key, a->cfg.kiosk_key, err, sizeof err) ||
        !pc_keyring_load(&a->dept, a->cfg.department_keys, err, sizeof err)) {
        pc_log_err("kiosk-sync: %s", err);
        return PC_CLIENT_EXIT_CONFIG;
    }
    if (!need_store)
        return 0;
    pc_store_status st = pc_store_open(a->cfg.database, &a->store, err, sizeof err);
    if (st != PC_STORE_OK) {
        pc_log_err("kiosk-sync: store %s: %s", pc_store_status_name(st), err);
        return PC_CLIENT_EXIT_STORE;
    }
    return 0;
}

static void teardown(app *a)
{
    pc_store_close(a->store);
    pc_keyring_free(&a->dept);
    pc_kiosk_key_wipe(&a->key);
}

/* After the sync, what the night is for: the retention the privacy notice promises (the
 * synced rows' personal data wiped, old synced rows deleted; pending rows never touched)
 * and the full integrity check the kiosk's quick start skips (app/core/store_mark.h). */
static int night_upkeep(app *a)
{
    size_t purged = 0, deleted = 0;
    pc_store_status st =
        pc_store_apply_retention(a->store, (int64_t)time(NULL), a->cfg.retention_days,
                                 a->cfg.delete_after_days, &purged, &deleted);
    if (st == PC_STORE_OK)
        st = pc_store_check(a->store);
    printf("retention: %zu wiped, %zu deleted; store check: %s\n", purged, deleted,
           pc_store_status_name(st));
    if (st == PC_STORE_OK)
        return 0;
    pc_log_err("kiosk-sync: store %s after the sync: %s", pc_store_status_name(st),
               pc_store_errmsg(a->store));
    return PC_CLIENT_EXIT_STORE;
}

static int cmd_run(app *a, int argc, char **argv)
{
    (void)argc, (void)argv;
    char err[256];
    if (!pc_client_config_check_run(&a->cfg, err, sizeof err)) {
        pc_log_err("kiosk-sync: %s", err);
        return PC_CLIENT_EXIT_CONFIG;
    }
    pc_client_stats st;
    int rc = pc_client_run(&a->cfg, a->store, &a->key, &a->dept, a->progress, &st);
    pc_client_stats_print(&st, stdout);
    if (st.packs[0])
        printf("kiosk-sync: %s\n", st.packs);
    int kept = night_upkeep(a);
    return rc ? rc : kept;
}

static int cmd_status(app *a, int argc, char **argv)
{
    (void)argc, (void)argv;
    size_t pending = 0, synced = 0;
    if (pc_store_count(a->store, &pending, &synced) != PC_STORE_OK) {
        pc_log_err("kiosk-sync: store: %s", pc_store_errmsg(a->store));
        return PC_CLIENT_EXIT_STORE;
    }
    printf("kiosk %s: pending %zu, synced %zu\n", a->key.kiosk_id, pending, synced);
    print_packs(&a->cfg);
    return pending ? PC_CLIENT_EXIT_TEMPFAIL : PC_CLIENT_EXIT_OK;
}

static int cmd_export(app *a, int argc, char **argv)
{
    (void)argc;
    char path[1100], err[512];
    size_t n = 0;
    if (!pc_client_bundle_export(a->store, &a->key, argv[0], path, sizeof path, &n, err,
                                 sizeof err)) {
        pc_log_err("kiosk-sync: export: %s", err);
        return PC_CLIENT_EXIT_STORE;
    }
    printf("kiosk-sync: exported %zu pending submissions to %s\n", n, path);
    return PC_CLIENT_EXIT_OK;
}

static int cmd_ack_import(app *a, int argc, char **argv)
{
    (void)argc;
    char err[512];
    size_t len = 0, marked = 0;
    char *text = pc_file_read(argv[0], &len, err, sizeof err);
    bool ok = text && pc_client_ack_apply(a->store, a->key.kiosk_id, &a->dept, text, len, &marked,
                                          err, sizeof err);
    free(text);
    if (!ok) {
        pc_log_err("kiosk-sync: ack-import: %s", err);
        return PC_CLIENT_EXIT_REJECTED;
    }
    printf("kiosk-sync: %zu submissions marked synced\n", marked);
    return PC_CLIENT_EXIT_OK;
}

static int cmd_pack_import(app *a, int argc, char **argv)
{
    (void)argc;
    char err[512];
    size_t len = 0, slen = 0;
    char *pack = pc_file_read(argv[0], &len, err, sizeof err);
    char *sig = pack ? pc_file_read(argv[1], &slen, err, sizeof err) : NULL;
    int rc = sig ? install_pack(a, pack, len, sig) : PC_CLIENT_EXIT_CONFIG;
    if (!sig)
        pc_log_err("kiosk-sync: pack-import: %s", err);
    free(pack);
    free(sig);
    return rc;
}

static int cmd_pack_fetch(app *a, int argc, char **argv)
{
    (void)argc;
    char err[256], url[PC_CLIENT_PATH_MAX + 8];
    pc_client_http *h = NULL;
    if (!pc_client_http_new(&a->cfg, &h, err, sizeof err)) {
        pc_log_err("kiosk-sync: %s", err);
        return PC_CLIENT_EXIT_FAILURE;
    }
    pc_client_reply pack, sig;
    long timeout = (long)a->cfg.timeout_seconds * 1000L;
    pc_client_http_get(h, argv[0], timeout, &pack);
    snprintf(url, sizeof url, "%s.sig", argv[0]);
    pc_client_http_get(h, url, timeout, &sig);
    pc_client_http_free(h);
    int rc = PC_CLIENT_EXIT_TEMPFAIL;
    if (pack.transport_error || sig.transport_error || pack.status != 200 || sig.status != 200)
        pc_log_err("kiosk-sync: pack-fetch: %s (HTTP %ld / %ld)",
                   pack.transport_error  ? pack.error
                   : sig.transport_error ? sig.error
                                         : "not found",
                   pack.status, sig.status);
    else
        rc = install_pack(a, pack.body, pack.len, sig.body);
    pc_client_reply_free(&pack);
    pc_client_reply_free(&sig);
    return rc;
}

static int install_pack(app *a, const char *pack, size_t len, const char *sig)
{
    char err[512], path[1100];
    pc_client_pack_status st = pc_client_pack_install(a->cfg.rules_dir, pack, len, sig, &a->dept,
                                                      stderr, path, sizeof path, err, sizeof err);
    if (st != PC_CLIENT_PACK_INSTALLED) {
        pc_log_warn("kiosk-sync: pack refused (%s): %s; the pack in place is kept",
                    pc_client_pack_status_name(st), err);
        return st == PC_CLIENT_PACK_IO ? PC_CLIENT_EXIT_STORE : PC_CLIENT_EXIT_REJECTED;
    }
    printf("kiosk-sync: pack installed: %s\n", path);
    return PC_CLIENT_EXIT_OK;
}

/* Back to the generation that was live before (client_generation.h): the operator's way
 * out at the kiosk when the department cannot publish at once. */
static int cmd_pack_rollback(app *a, int argc, char **argv)
{
    (void)argc, (void)argv;
    char err[512], name[128];
    if (!pc_client_generation_rollback(a->cfg.rules_dir, name, sizeof name, err, sizeof err)) {
        pc_log_err("kiosk-sync: pack-rollback: %s", err);
        return PC_CLIENT_EXIT_REJECTED;
    }
    printf("kiosk-sync: the packs of %s are live again\n", name);
    return PC_CLIENT_EXIT_OK;
}

/* Which set of packs is live: "packs: generations/3 (manifest 3; last accepted 3)". */
static void print_packs(const pc_client_config *cfg)
{
    char stamp[128];
    pc_client_generation_info info;
    pc_rules_stamp(cfg->rules_dir, stamp, sizeof stamp);
    long long accepted = (long long)pc_client_manifest_serial(cfg->rules_dir);
    if (!stamp[0])
        printf("packs: no set switched in yet (the packs installed or placed in %s)\n",
               cfg->rules_dir);
    else if (pc_client_generation_info_load(cfg->rules_dir, &info))
        printf("packs: %s (manifest %lld%s; last accepted %lld)\n", stamp, (long long)info.serial,
               strcmp(info.origin, "pack-import") == 0 ? " and a pack imported by hand" : "",
               accepted);
    else
        printf("packs: %s (last accepted manifest %lld)\n", stamp, accepted);
}
