/* receiver.c — the `receiver` program: the department's reference intake for kiosk
 * sync, and the operator's tools around it.
 *
 * Why it exists: departments need something that works on day one and shows what
 * their real intake must do (sync/README.md). It has no test switches: the sync's
 * tests inject faults into the server in their own process (recv_server.h, the tap).
 * DB is a SQLite file path or a postgresql:// URI (recv_store.h); it must exist
 * unless --create is given (or `init` makes it). SIGHUP reloads the kiosks' keyring
 * (and the staff desks', --desks: a keyring of its own, so that a kiosk's key never
 * signs a desk's records nor a desk's key a receipt). The commands that open the
 * database read --config FILE first (default /etc/precheck/receiver.yaml when it exists;
 * recv_config.h), then their flags over it.
 * Usage:
 *   receiver keygen --secret FILE --public FILE [--id ID]
 *   receiver init --db DB
 *   receiver serve [--config FILE] --db DB [--create] --kiosks KEYRING --key SECRET [--listen ADDR]
 *            [--port N] [--port-file FILE] [--tls-cert PEM --tls-key PEM] [--store DIR]
 *            [--window SECONDS] [--max-batch N] [--max-per-client N]
 *            [--max-connections N] [--db-connections N] [--keep-days N]
 *            [--require-body-hash]
 *            [--rules DIR] [--console DIR] [--silent-hours N] [--desks KEYRING]
 *   receiver list --db DB [--after SEQ]
 *   receiver export --db DB [--since SEQ] [--csv] [--rules DIR]
 *   receiver export --desk --db DB [--since SEQ]
 *   receiver operator-add --db DB NAME        (the password on stdin)
 *   receiver operator-unlock --db DB NAME|ADDRESS   (clears its failed sign-ins)
 *   receiver sweep --db DB [--keep-days N]
 *   receiver import --db DB [--create] --kiosks KEYRING [--ack OUT --key SECRET] BUNDLE
 *   receiver pack-sign --key SECRET PACK SIG_OUT
 *   receiver publish --key SECRET --packs DIR --store DIR   (recv_publish.h)
 *   receiver rollback --key SECRET --to SERIAL --store DIR */
#include <arpa/inet.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "data_dir.h"
#include "file_read.h"
#include "log.h"
#include "pack.h"
#include "pc_version.h"
#include "proto_envelope.h"
#include "proto_files.h"
#include "proto_wire.h"
#include "recv_bundle.h"
#include "recv_config.h"
#include "recv_console.h"
#include "recv_publish.h"
#include "recv_report.h"
#include "recv_server.h"
#include "recv_store.h"

typedef struct opts {
    const char *db, *kiosks, *key, *secret, *public_, *id, *port_file, *ack, *rules;
    const char *console_dir, *desks, *config;
    const char *packs, *store; /* publish: the directory published; the published store */
    bool create, csv, desk;
    long after, to;
    pc_recv_opts serve;
} opts;

static int usage(void);
static int usage_on(FILE *out);
static bool parse(int argc, char **argv, opts *o);
static int cmd_keygen(opts *o, int argc, char **argv);
static int cmd_serve(opts *o, int argc, char **argv);
static int cmd_list(opts *o, bool export_);
static int cmd_init(opts *o, int argc, char **argv);
static int cmd_sweep(opts *o, int argc, char **argv);
static bool open_store(const opts *o, int flags, pc_recv_store **out);
static void reload_kiosks(pc_recv_server *srv, const char *path);
static bool parse_number(int c, const char *arg, opts *o);
static bool number(const char *text, long max, long *out);
static int cmd_import(opts *o, int argc, char **argv);
static int cmd_pack_sign(opts *o, int argc, char **argv);
static int serve_until_signal(const pc_recv_opts *ro, const char *port_file, const char *kiosks,
                              const char *desks);
static void reload_desks(pc_recv_server *srv, const char *path);
static bool write_ack(const opts *o, const pc_recv_import *imp);
static int cmd_operator_add(opts *o, int argc, char **argv);
static int cmd_operator_unlock(opts *o, int argc, char **argv);
static int cmd_publish(opts *o, bool rollback, int argc);
static bool load_packs(const opts *o, pc_pack_set *packs);
static void rules_default(const opts *o, char *out, size_t size);
static bool reads_config(const char *cmd);
static bool configure(const char *cmd, int argc, char **argv, pc_recv_config *cfg, opts *o);
static void config_to_opts(const pc_recv_config *cfg, opts *o);

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--help") == 0)
        return usage_on(stdout);
    if (argc == 2 && strcmp(argv[1], "--version") == 0)
        return pc_version_print(argv[0]);
    if (argc < 2 || sodium_init() < 0)
        return usage();
    const char *cmd = argv[1];
    opts o = {.id = "department"};
    pc_recv_config cfg;
    if (!parse(argc - 1, argv + 1, &o))
        return usage();
    if (!configure(cmd, argc - 1, argv + 1, &cfg, &o))
        return 2;
    int rest = argc - 1 - optind;
    char **args = argv + 1 + optind;
    if (strcmp(cmd, "keygen") == 0)
        return cmd_keygen(&o, rest, args);
    if (strcmp(cmd, "serve") == 0)
        return cmd_serve(&o, rest, args);
    if (strcmp(cmd, "list") == 0 || strcmp(cmd, "export") == 0)
        return rest == 0 ? cmd_list(&o, strcmp(cmd, "export") == 0) : usage();
    if (strcmp(cmd, "import") == 0)
        return cmd_import(&o, rest, args);
    if (strcmp(cmd, "init") == 0)
        return cmd_init(&o, rest, args);
    if (strcmp(cmd, "sweep") == 0)
        return cmd_sweep(&o, rest, args);
    if (strcmp(cmd, "pack-sign") == 0)
        return cmd_pack_sign(&o, rest, args);
    if (strcmp(cmd, "operator-add") == 0)
        return cmd_operator_add(&o, rest, args);
    if (strcmp(cmd, "operator-unlock") == 0)
        return cmd_operator_unlock(&o, rest, args);
    if (strcmp(cmd, "publish") == 0 || strcmp(cmd, "rollback") == 0)
        return cmd_publish(&o, strcmp(cmd, "rollback") == 0, rest);
    return usage();
}

static int usage(void)
{
    return usage_on(stderr);
}

/* --help: on stdout, exit 0 (the man page is made from it: help2man takes the "Usage:"
 * and "or:" lines as its synopsis, the indented options as its list); a wrong call: the
 * usage lines on stderr, exit 2. */
static int usage_on(FILE *out)
{
    fprintf(
        out,
        "Usage: receiver serve [--config FILE] --db DB --kiosks KEYRING --key SECRET [OPTION]...\n"
        "  or:  receiver init [--config FILE] --db DB\n"
        "  or:  receiver list [--config FILE] --db DB [--after SEQ]\n"
        "  or:  receiver export [--config FILE] --db DB [--since SEQ] [--csv] [--rules DIR]\n"
        "  or:  receiver export --desk [--config FILE] --db DB [--since SEQ]\n"
        "  or:  receiver operator-add [--config FILE] --db DB NAME   (password on stdin)\n"
        "  or:  receiver operator-unlock [--config FILE] --db DB NAME|ADDRESS\n"
        "  or:  receiver sweep [--config FILE] --db DB [--keep-days N]\n"
        "  or:  receiver import [--config FILE] --db DB [--create] --kiosks KEYRING [--ack OUT "
        "--key SECRET] BUNDLE\n"
        "  or:  receiver keygen --secret FILE --public FILE [--id ID]\n"
        "  or:  receiver pack-sign --key SECRET PACK SIG_OUT\n"
        "  or:  receiver publish --key SECRET --packs DIR --store DIR\n"
        "  or:  receiver rollback --key SECRET --to SERIAL --store DIR\n"
        "  or:  receiver --help | --version\n");
    if (out != stdout)
        return 2;
    fprintf(out,
            "The department's intake of the kiosks' nightly syncs (sync/PROTOCOL.md): serve\n"
            "takes signed batches over HTTPS, stores each once, answers with signed\n"
            "acknowledgements, serves signed packs and the operators' console (/console);\n"
            "SIGHUP re-reads the kiosks' keyring. The other commands make keys and the\n"
            "database, read it out, add and unlock operators and import offline bundles.\n"
            "\n"
            "The console refuses an operator name for 30 s after 5 failed sign-ins in a row\n"
            "(a client address after 20), twice as long after each further failure, up to\n"
            "15 min; operator-unlock clears the failures of a name or an address at once.\n"
            "\n"
            "serve, init, list, export, sweep, import, operator-add and operator-unlock read\n"
            "--config FILE (YAML; default %s when it exists);\n"
            "the options given win over it. Its keys are serve's options with _ for -\n"
            "(db, kiosks, key, listen ...).\n"
            "\n"
            "Options of serve:\n"
            "  --config FILE        the configuration (YAML)\n"
            "  --db DB              a SQLite file (it must exist unless --create) or a\n"
            "                       postgresql:// URI\n"
            "  --create             make the database when it is missing\n"
            "  --kiosks KEYRING     the kiosks' public keys (SIGHUP re-reads them)\n"
            "  --desks KEYRING      the staff desks' public keys\n"
            "  --key SECRET         the department's signing key\n"
            "  --listen ADDR        the IPv4 address to listen on (default 127.0.0.1)\n"
            "  --port N             the port (0: any free port)\n"
            "  --port-file FILE     write the port taken to FILE\n"
            "  --tls-cert PEM, --tls-key PEM   serve HTTPS with this certificate and key\n"
            "  --store DIR          the published packs (receiver publish) served to kiosks\n"
            "  --rules DIR, --console DIR      the console's packs and files\n"
            "  --silent-hours N     the console flags a kiosk silent longer than N hours\n"
            "  --window SECONDS     the clock difference accepted from a kiosk\n"
            "  --max-batch N        submissions a request (at most 1000)\n"
            "  --max-per-client N   connections at once from one address\n"
            "  --max-connections N  connections at once, in all\n"
            "  --db-connections N   connections to the database\n"
            "  --keep-days N        days the answers sent are kept for a kiosk's retry\n"
            "  --require-body-hash  refuse requests without X-PC-Body-SHA256\n"
            "\n"
            "Exit status: 0 done; 2 bad options, configuration, keys or database; 1 anything\n"
            "else.\n",
            PC_RECV_CONFIG_DEFAULT);
    return 0;
}

static bool parse(int argc, char **argv, opts *o)
{
    static const struct option longs[] = {{"db", 1, 0, 'd'},
                                          {"kiosks", 1, 0, 'k'},
                                          {"key", 1, 0, 'K'},
                                          {"secret", 1, 0, 's'},
                                          {"public", 1, 0, 'p'},
                                          {"id", 1, 0, 'i'},
                                          {"listen", 1, 0, 'l'},
                                          {"port", 1, 0, 'P'},
                                          {"port-file", 1, 0, 'f'},
                                          {"tls-cert", 1, 0, 'c'},
                                          {"tls-key", 1, 0, 't'},
                                          {"packs", 1, 0, 'r'},
                                          {"window", 1, 0, 'w'},
                                          {"ack", 1, 0, 'a'},
                                          {"create", 0, 0, 'C'},
                                          {"require-body-hash", 0, 0, 'H'},
                                          {"after", 1, 0, 'A'},
                                          {"max-batch", 1, 0, 'b'},
                                          {"max-per-client", 1, 0, 'm'},
                                          {"max-connections", 1, 0, 'M'},
                                          {"db-connections", 1, 0, 'D'},
                                          {"keep-days", 1, 0, 'e'},
                                          {"since", 1, 0, 'A'},
                                          {"csv", 0, 0, 'v'},
                                          {"rules", 1, 0, 'R'},
                                          {"console", 1, 0, 'o'},
                                          {"silent-hours", 1, 0, 'S'},
                                          {"desks", 1, 0, 'j'},
                                          {"desk", 0, 0, 'J'},
                                          {"store", 1, 0, 'T'},
                                          {"to", 1, 0, 'U'},
                                          {"config", 1, 0, 'g'},
                                          {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
        switch (c) {
        case 'd':
            o->db = optarg;
            break;
        case 'k':
            o->kiosks = optarg;
            break;
        case 'K':
            o->key = optarg;
            break;
        case 's':
            o->secret = optarg;
            break;
        case 'p':
            o->public_ = optarg;
            break;
        case 'i':
            o->id = optarg;
            break;
        case 'l':
            o->serve.listen_addr = optarg;
            break;
        case 'f':
            o->port_file = optarg;
            break;
        case 'c':
            o->serve.tls_cert = optarg;
            break;
        case 't':
            o->serve.tls_key = optarg;
            break;
        case 'r':
            o->packs = optarg;
            break;
        case 'T':
            o->store = optarg;
            break;
        case 'a':
            o->ack = optarg;
            break;
        case 'C':
            o->create = true;
            break;
        case 'j':
            o->desks = optarg;
            break;
        case 'J':
            o->desk = true;
            break;
        case 'v':
            o->csv = true;
            break;
        case 'R':
            o->rules = optarg;
            break;
        case 'o':
            o->console_dir = optarg;
            break;
        case 'g':
            o->config = optarg;
            break;
        case 'H':
            o->serve.require_body_hash = true;
            break;
        case '?':
            return false;
        default:
            if (!parse_number(c, optarg, o))
                return false;
            break;
        }
    }
    return true;
}

/* The options that take a number. */
static bool parse_number(int c, const char *arg, opts *o)
{
    long v = 0;
    long max = c == 'P'               ? 65535
               : c == 'w' || c == 'D' ? 86400
               : c == 'A' || c == 'U' ? LONG_MAX
               : c == 'b'             ? PC_PROTO_MAX_BATCH
                                      : 100000;
    if (!number(arg, max, &v))
        return false;
    switch (c) {
    case 'P':
        o->serve.port = (uint16_t)v;
        break;
    case 'w':
        o->serve.window_s = (int)v;
        break;
    case 'A':
        o->after = v;
        break;
    case 'b':
        o->serve.max_batch = (int)v;
        break;
    case 'm':
        o->serve.max_per_client = (int)v;
        break;
    case 'M':
        o->serve.max_connections = (int)v;
        break;
    case 'D':
        o->serve.db_connections = (int)v;
        break;
    case 'e':
        o->serve.keep_days = (int)v;
        break;
    case 'S':
        o->serve.silent_hours = (int)v;
        break;
    case 'U':
        o->to = v;
        break;
    default:
        return false;
    }
    return true;
}

/* The commands that open the database: the others take keys and directories only. */
static bool reads_config(const char *cmd)
{
    static const char *const cmds[] = {"serve", "init",   "list",         "export",
                                       "sweep", "import", "operator-add", "operator-unlock"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (strcmp(cmd, cmds[i]) == 0)
            return true;
    return false;
}

/* The file (--config, else the default when it exists), then the flags again over it:
 * o is rebuilt so that a flag wins whatever its place. False (reported): the file is
 * refused, or --config on a command that reads none. */
static bool configure(const char *cmd, int argc, char **argv, pc_recv_config *cfg, opts *o)
{
    char err[PC_RECV_CONFIG_TEXT_MAX + 400];
    if (!reads_config(cmd)) {
        if (o->config)
            pc_log_err("receiver: %s takes no --config", cmd);
        return !o->config;
    }
    const char *path = o->config;
    if (!path && access(PC_RECV_CONFIG_DEFAULT, F_OK) == 0)
        path = PC_RECV_CONFIG_DEFAULT;
    if (!path)
        return true;
    pc_recv_config_init(cfg);
    if (!pc_recv_config_load(cfg, path, err, sizeof err)) {
        pc_log_err("receiver: %s; nothing started", err);
        return false;
    }
    *o = (opts){.id = "department"};
    config_to_opts(cfg, o);
    return parse(argc, argv, o);
}

static void config_to_opts(const pc_recv_config *cfg, opts *o)
{
    const struct {
        const char *value;
        const char **slot;
    } texts[] = {{cfg->db, &o->db},
                 {cfg->kiosks, &o->kiosks},
                 {cfg->desks, &o->desks},
                 {cfg->key, &o->key},
                 {cfg->listen, &o->serve.listen_addr},
                 {cfg->tls_cert, &o->serve.tls_cert},
                 {cfg->tls_key, &o->serve.tls_key},
                 {cfg->store, &o->store},
                 {cfg->console, &o->console_dir},
                 {cfg->rules, &o->rules}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (texts[i].value[0])
            *texts[i].slot = texts[i].value;
    const struct {
        int value;
        int *slot;
    } numbers[] = {{cfg->silent_hours, &o->serve.silent_hours},
                   {cfg->window, &o->serve.window_s},
                   {cfg->max_batch, &o->serve.max_batch},
                   {cfg->max_per_client, &o->serve.max_per_client},
                   {cfg->max_connections, &o->serve.max_connections},
                   {cfg->db_connections, &o->serve.db_connections},
                   {cfg->keep_days, &o->serve.keep_days}};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        if (numbers[i].value >= 0)
            *numbers[i].slot = numbers[i].value;
    if (cfg->port >= 0)
        o->serve.port = (uint16_t)cfg->port;
    o->serve.require_body_hash = cfg->require_body_hash;
}

/* A whole decimal number from 0 to max. */
static bool number(const char *text, long max, long *out)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (!*text || *end || v < 0 || v > max) {
        pc_log_err("receiver: \"%s\" is not a number from 0 to %ld", text, max);
        return false;
    }
    *out = v;
    return true;
}

static int cmd_keygen(opts *o, int argc, char **argv)
{
    (void)argv;
    char err[512];
    pc_kiosk_key k;
    if (argc != 0 || !o->secret || !o->public_)
        return usage();
    bool ok = pc_kiosk_key_generate(&k, o->id, err, sizeof err) &&
              pc_kiosk_key_save(&k, o->secret, err, sizeof err) &&
              pc_keyring_append(o->public_, k.kiosk_id, k.pk, err, sizeof err);
    pc_kiosk_key_wipe(&k);
    if (!ok) {
        pc_log_err("receiver: keygen: %s", err);
        return 1;
    }
    printf("receiver: signing key \"%s\" written to %s, public half added to %s\n", o->id,
           o->secret, o->public_);
    return 0;
}

static int cmd_serve(opts *o, int argc, char **argv)
{
    (void)argv;
    if (argc != 0)
        return usage();
    if (!o->db || !o->kiosks || !o->key) {
        pc_log_err("receiver: serve needs --db, --kiosks and --key (or db:, kiosks: and key: in "
                   "the configuration)");
        return 2;
    }
    if (o->packs) { /* it served any file of a directory: now only signed manifests' */
        pc_log_err("receiver: serve --packs is gone: publish the packs (receiver publish "
                   "--packs DIR --store STORE) and serve --store STORE");
        return 2;
    }
    o->serve.packs_dir = o->store;
    char err[512];
    pc_keyring ring, desks = {0};
    pc_kiosk_key dept;
    if (!pc_keyring_load(&ring, o->kiosks, err, sizeof err) ||
        (o->desks && !pc_keyring_load(&desks, o->desks, err, sizeof err))) {
        pc_log_err("receiver: %s", err);
        pc_keyring_free(&ring);
        return 2;
    }
    int rc = 2;
    pc_pack_set packs = {0};
    char console_dir[1024];
    snprintf(console_dir, sizeof console_dir, "%s/assets/console", pc_data_dir());
    if (!pc_kiosk_key_load(&dept, o->key, err, sizeof err)) {
        pc_log_err("receiver: %s", err);
    } else if (load_packs(o, &packs)) {
        o->serve.packs = &packs;
        o->serve.console_dir = o->console_dir ? o->console_dir : console_dir;
        o->serve.roll_seconds = PC_RECV_ROLL_EVERY; /* no operator waits for the rollups */
        o->serve.db = o->db;
        o->serve.create = o->create;
        o->serve.kiosks = &ring;
        o->serve.desks = &desks;
        o->serve.dept = &dept;
        o->serve.log = stderr;
        rc = serve_until_signal(&o->serve, o->port_file, o->kiosks, o->desks);
    }
    pc_keyring_free(&desks);
    pc_pack_set_free(&packs);
    pc_kiosk_key_wipe(&dept);
    pc_keyring_free(&ring);
    return rc;
}

/* SIGINT/SIGTERM/SIGHUP are blocked in every thread and taken with sigwait: no
 * handler. SIGHUP reloads the keyring of kiosks; the others stop. */
static int serve_until_signal(const pc_recv_opts *ro, const char *port_file, const char *kiosks,
                              const char *desks)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    char err[512];
    pc_recv_server *srv = NULL;
    if (!pc_recv_server_start(ro, &srv, err, sizeof err)) {
        pc_log_err("receiver: %s", err);
        return 2;
    }
    char line[32];
    int n = snprintf(line, sizeof line, "%u\n", (unsigned)pc_recv_server_port(srv));
    pc_log_info("receiver: %s database, listening on port %s",
                pc_recv_store_is_pg(ro->db) ? "PostgreSQL" : "SQLite", line);
    if (port_file && !pc_proto_write_atomic(port_file, line, (size_t)n, err, sizeof err))
        pc_log_warn("receiver: %s", err);
    int sig = 0;
    while (sigwait(&set, &sig) == 0 && sig == SIGHUP) {
        reload_kiosks(srv, kiosks);
        reload_desks(srv, desks);
    }
    pc_log_info("receiver: stopping (signal %d)", sig);
    pc_recv_server_stop(srv);
    return 0;
}

/* A keyring that does not load leaves the one in use as it was. */
static void reload_kiosks(pc_recv_server *srv, const char *path)
{
    char err[512];
    pc_keyring ring;
    if (!pc_keyring_load(&ring, path, err, sizeof err)) {
        pc_log_warn("receiver: keyring not reloaded (%s); the previous one stays", err);
        return;
    }
    size_t n = ring.n;
    pc_recv_server_set_kiosks(srv, &ring);
    pc_log_info("receiver: keyring reloaded from %s: %zu kiosks", path, n);
}

/* The staff desks' keyring, as the kiosks' (none given: none to reload). */
static void reload_desks(pc_recv_server *srv, const char *path)
{
    char err[512];
    pc_keyring ring;
    if (!path)
        return;
    if (!pc_keyring_load(&ring, path, err, sizeof err)) {
        pc_log_warn("receiver: desks' keyring not reloaded (%s); the previous one stays", err);
        return;
    }
    size_t n = ring.n;
    pc_recv_server_set_desks(srv, &ring);
    pc_log_info("receiver: desks' keyring reloaded from %s: %zu desks", path, n);
}

static bool open_store(const opts *o, int flags, pc_recv_store **out)
{
    char err[512];
    if (pc_recv_store_open(o->db, flags, out, err, sizeof err))
        return true;
    pc_log_err("receiver: %s", err);
    return false;
}

static int cmd_list(opts *o, bool export_)
{
    pc_recv_store *db = NULL;
    if (!o->db)
        return usage();
    if (!open_store(o, 0, &db))
        return 1;
    pc_pack_set packs = {0};
    bool ok = !export_  ? pc_recv_store_list(db, o->after, stdout)
              : o->desk ? pc_recv_store_desk_export(db, o->after, stdout)
              : !o->csv ? pc_recv_export_json(db, o->after, stdout)
                        : load_packs(o, &packs) && pc_recv_export_csv(db, &packs, o->after, stdout);
    pc_pack_set_free(&packs);
    if (!ok)
        pc_log_err("receiver: %s", pc_recv_store_errmsg(db));
    pc_recv_store_close(db);
    return ok ? 0 : 1;
}

/* The packs the console and the CSV take their words from: --rules, else the bundled
 * rules/ of the data directory. */
static bool load_packs(const opts *o, pc_pack_set *packs)
{
    char dir[1024], err[512];
    rules_default(o, dir, sizeof dir);
    if (pc_pack_set_load_dir(packs, dir, err, sizeof err))
        return true;
    pc_log_err("receiver: --rules %s: %s", dir, err);
    return false;
}

static void rules_default(const opts *o, char *out, size_t size)
{
    if (o->rules)
        snprintf(out, size, "%s", o->rules);
    else
        snprintf(out, size, "%s/rules", pc_data_dir());
}

/* The password is the first line of stdin (so that it never shows in ps or the
 * shell's history); at least 8 characters. */
static int cmd_operator_add(opts *o, int argc, char **argv)
{
    if (argc != 1 || !o->db)
        return usage();
    if (!pc_recv_operator_name_ok(argv[0])) {
        pc_log_err("receiver: operator name must be 1-32 of A-Z a-z 0-9 . _ -");
        return 2;
    }
    char pw[256], hash[crypto_pwhash_STRBYTES];
    if (!fgets(pw, sizeof pw, stdin))
        pw[0] = '\0';
    pw[strcspn(pw, "\r\n")] = '\0';
    int rc = 2;
    pc_recv_store *db = NULL;
    if (strlen(pw) < 8)
        pc_log_err("receiver: the password (one line on stdin) needs 8 characters or more");
    else if (crypto_pwhash_str(hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        pc_log_err("receiver: out of memory hashing the password"), rc = 1;
    else if (open_store(o, 0, &db))
        rc = pc_recv_store_operator_put(db, argv[0], hash, (int64_t)time(NULL)) ? 0 : 1;
    if (db && rc)
        pc_log_err("receiver: %s", pc_recv_store_errmsg(db));
    if (!rc)
        printf("receiver: operator %s can sign in at /console\n", argv[0]);
    sodium_memzero(pw, sizeof pw);
    pc_recv_store_close(db);
    return rc;
}

/* For an administrator: the name (or client address) may sign in at once again. */
static int cmd_operator_unlock(opts *o, int argc, char **argv)
{
    if (argc != 1 || !o->db)
        return usage();
    unsigned char ip[16];
    if (!pc_recv_operator_name_ok(argv[0]) && inet_pton(AF_INET6, argv[0], ip) != 1) {
        pc_log_err("receiver: operator-unlock takes an operator name (1-32 of A-Z a-z 0-9 . _ -) "
                   "or a client address");
        return 2;
    }
    pc_recv_store *db = NULL;
    bool cleared = false;
    if (!open_store(o, 0, &db))
        return 1;
    bool ok = pc_recv_console_unlock(db, argv[0], &cleared);
    if (!ok)
        pc_log_err("receiver: %s", pc_recv_store_errmsg(db));
    else if (cleared)
        printf("receiver: %s may sign in again (its failed sign-ins cleared)\n", argv[0]);
    else
        printf("receiver: %s had no failed sign-ins held\n", argv[0]);
    pc_recv_store_close(db);
    return ok ? 0 : 1;
}

static int cmd_init(opts *o, int argc, char **argv)
{
    (void)argv;
    pc_recv_store *db = NULL;
    if (argc != 0 || !o->db)
        return usage();
    if (!open_store(o, PC_RECV_STORE_CREATE, &db))
        return 1;
    size_t n = 0;
    pc_recv_store_count(db, &n);
    printf("receiver: database ready (%zu submissions held)\n", n);
    pc_recv_store_close(db);
    return 0;
}

static int cmd_sweep(opts *o, int argc, char **argv)
{
    (void)argv;
    pc_recv_store *db = NULL;
    size_t n = 0;
    if (argc != 0 || !o->db)
        return usage();
    if (!open_store(o, 0, &db))
        return 1;
    bool ok = pc_recv_store_sweep(db, (int64_t)time(NULL), o->serve.keep_days, &n);
    if (ok)
        printf("receiver: swept %zu stored answers\n", n);
    else
        pc_log_err("receiver: %s", pc_recv_store_errmsg(db));
    pc_recv_store_close(db);
    return ok ? 0 : 1;
}

static int cmd_import(opts *o, int argc, char **argv)
{
    if (argc != 1 || !o->db || !o->kiosks || (o->ack && !o->key))
        return usage();
    char err[512];
    pc_keyring ring;
    pc_recv_store *db = NULL;
    size_t len = 0;
    if (!pc_keyring_load(&ring, o->kiosks, err, sizeof err)) {
        pc_log_err("receiver: %s", err);
        return 2;
    }
    char *text = pc_file_read(argv[0], &len, err, sizeof err);
    pc_recv_import imp = {0};
    bool opened = text && open_store(o, o->create ? PC_RECV_STORE_CREATE : 0, &db);
    bool ok = opened && pc_recv_bundle_import(db, &ring, text, len, &imp, err, sizeof err);
    if (ok)
        printf("receiver: bundle from %s: %zu submissions, %zu new, %zu already present, "
               "%zu refused\n",
               imp.kiosk_id, imp.n, imp.n_new, imp.n_already, imp.n_rejected);
    else if (!text || opened)
        pc_log_warn("receiver: import refused: %s", err);
    if (ok && o->ack)
        ok = write_ack(o, &imp);
    pc_recv_import_free(&imp);
    free(text);
    pc_recv_store_close(db);
    pc_keyring_free(&ring);
    return ok ? 0 : 1;
}

static bool write_ack(const opts *o, const pc_recv_import *imp)
{
    char err[512];
    pc_kiosk_key dept;
    char *text = NULL;
    bool ok = pc_kiosk_key_load(&dept, o->key, err, sizeof err) &&
              (text = pc_proto_ack_seal(&dept, imp->kiosk_id, imp->acked)) != NULL &&
              pc_proto_write_atomic(o->ack, text, strlen(text), err, sizeof err);
    if (!ok)
        pc_log_err("receiver: acknowledgement: %s", text ? err : err[0] ? err : "failed");
    else
        printf("receiver: acknowledgement for %s written to %s\n", imp->kiosk_id, o->ack);
    free(text);
    pc_kiosk_key_wipe(&dept);
    return ok;
}

static int cmd_pack_sign(opts *o, int argc, char **argv)
{
    if (argc != 2 || !o->key)
        return usage();
    char err[512], sig[PC_PROTO_SIG_B64 + 2];
    pc_kiosk_key dept;
    size_t len = 0;
    char *pack = NULL;
    bool ok = pc_kiosk_key_load(&dept, o->key, err, sizeof err) &&
              (pack = pc_file_read(argv[0], &len, err, sizeof err)) != NULL;
    if (ok) {
        pc_proto_pack_sign(&dept, pack, len, sig, sizeof sig);
        ok = pc_proto_write_atomic(argv[1], sig, strlen(sig), err, sizeof err);
    }
    if (!ok)
        pc_log_err("receiver: pack-sign: %s", err);
    free(pack);
    pc_kiosk_key_wipe(&dept);
    return ok ? 0 : 1;
}

/* publish: the directory as the next manifest; rollback: manifest --to as the next. */
static int cmd_publish(opts *o, bool rollback, int argc)
{
    if (argc != 0 || !o->key || !o->store || (rollback ? o->to <= 0 : !o->packs))
        return usage();
    char err[512];
    pc_kiosk_key dept;
    int64_t serial = 0;
    bool ok =
        pc_kiosk_key_load(&dept, o->key, err, sizeof err) &&
        (rollback ? pc_recv_rollback(o->store, o->to, &dept, &serial, err, sizeof err)
                  : pc_recv_publish(o->store, o->packs, &dept, stderr, &serial, err, sizeof err));
    pc_kiosk_key_wipe(&dept);
    if (!ok) {
        pc_log_err("receiver: %s: %s; nothing published", rollback ? "rollback" : "publish", err);
        return 1;
    }
    if (rollback)
        printf("receiver: manifest %lld published: the content of manifest %ld again\n",
               (long long)serial, o->to);
    else
        printf("receiver: manifest %lld published from %s\n", (long long)serial, o->packs);
    return 0;
}
