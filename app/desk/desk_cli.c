/* desk_cli.c — clerk administration on the desk's store (see desk_cli.h). PINs come on
 * stdin (never on the command line, where ps and the shell's history would keep them)
 * and are hashed with libsodium; the list shows no hash. */
#include "desk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "config.h"
#include "desk_store.h"
#include "log.h"
#include "pin_policy.h"

#define EXIT_REFUSED 1
#define EXIT_USAGE 2
#define PIN_MAX 64 /* what is read; pc_pin_weakness says what may be used */

typedef int (*clerk_fn)(desk_store *store, const char *id);

static int clerk_add(desk_store *store, const char *id);
static int clerk_pin(desk_store *store, const char *id);
static int clerk_unlock(desk_store *store, const char *id);
static int clerk_remove(desk_store *store, const char *id);
static int clerk_list(desk_store *store);
static bool read_pin_hash(char *hash, size_t size, int *rc);
static int clerk_done(desk_store *store, const char *id, desk_status st, const char *what);
static int refused(desk_store *store, const char *id, desk_status st);
static void local_time(int64_t t, char *out, size_t size);

static const struct {
    const char *name;
    clerk_fn fn; /* NULL: clerk-list (no id) */
} commands[] = {{"clerk-add", clerk_add},
                {"clerk-pin", clerk_pin},
                {"clerk-unlock", clerk_unlock},
                {"clerk-remove", clerk_remove},
                {"clerk-list", NULL}};

bool desk_cli_is_clerk_command(const char *cmd)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, cmd) == 0)
            return true;
    return false;
}

int desk_cli_clerk(const char *cmd, const char *db, int argc, char **argv)
{
    size_t i = 0;
    while (strcmp(commands[i].name, cmd) != 0)
        i++;
    bool needs_id = commands[i].fn != NULL;
    if (!db || !db[0] || argc != (needs_id ? 1 : 0)) {
        pc_log_err("desk: usage: desk %s --db FILE%s", cmd, needs_id ? " CLERK_ID" : "");
        return EXIT_USAGE;
    }
    if (needs_id && !desk_clerk_id_valid(argv[0])) {
        pc_log_err("desk: clerk id \"%s\": use 1 to 32 of A-Z a-z 0-9 . _ -", argv[0]);
        return EXIT_USAGE;
    }
    desk_store *store = NULL;
    char err[600];
    if (!desk_store_open(db, &store, err, sizeof err)) {
        pc_log_err("desk: %s", err);
        return EXIT_REFUSED;
    }
    int rc = needs_id ? commands[i].fn(store, argv[0]) : clerk_list(store);
    desk_store_close(store);
    return rc;
}

/* ------------------------------------------------------------------ commands */

static int clerk_add(desk_store *store, const char *id)
{
    char hash[128];
    int rc;
    if (!read_pin_hash(hash, sizeof hash, &rc))
        return rc;
    return clerk_done(store, id, desk_clerk_add(store, id, hash, (int64_t)time(NULL)), "added");
}

static int clerk_pin(desk_store *store, const char *id)
{
    char hash[128];
    int rc;
    desk_clerk c;
    desk_status st = desk_clerk_get(store, id, &c);
    if (st != DESK_OK) /* before reading the PIN: a typo in the id is said at once */
        return refused(store, id, st);
    if (!read_pin_hash(hash, sizeof hash, &rc))
        return rc;
    return clerk_done(store, id, desk_clerk_set_pin(store, id, hash),
                      "has a new PIN; unlocked, signed out everywhere");
}

static int clerk_unlock(desk_store *store, const char *id)
{
    return clerk_done(store, id, desk_clerk_unlock(store, id), "unlocked");
}

static int clerk_remove(desk_store *store, const char *id)
{
    return clerk_done(store, id, desk_clerk_remove(store, id),
                      "removed and signed out; their records stay");
}

/* One line a clerk: id, locked (until when) or not, last sign-in. */
static int clerk_list(desk_store *store)
{
    json_t *list = desk_clerk_list_json(store);
    if (!list)
        return refused(store, "-", DESK_FAILED);
    int64_t now = (int64_t)time(NULL);
    size_t i;
    json_t *c;
    printf("%-32s  %-22s  %s\n", "clerk", "state", "last sign-in");
    json_array_foreach(list, i, c)
    {
        char until[32], state[48], last[32];
        int64_t locked = json_integer_value(json_object_get(c, "locked_until"));
        int64_t seen = json_integer_value(json_object_get(c, "last_sign_in"));
        local_time(locked, until, sizeof until);
        snprintf(state, sizeof state, locked > now ? "locked until %s" : "active", until);
        local_time(seen, last, sizeof last);
        printf("%-32s  %-22s  %s\n", json_string_value(json_object_get(c, "id")), state,
               seen ? last : "never");
    }
    json_decref(list);
    return 0;
}

/* ------------------------------------------------------------------ helpers */

/* One line on stdin, checked and hashed; the PIN itself is wiped. *rc: the exit status
 * on failure. */
static bool read_pin_hash(char *hash, size_t size, int *rc)
{
    char pin[PIN_MAX + 2];
    bool read = fgets(pin, (int)sizeof pin, stdin) != NULL;
    if (read)
        pin[strcspn(pin, "\r\n")] = '\0';
    const char *weak = read ? pc_pin_weakness(pin) : "没有读到 PIN（标准输入的一行）";
    bool hashed = !weak && pc_config_hash_pin(pin, hash, size);
    sodium_memzero(pin, sizeof pin);
    *rc = weak ? EXIT_USAGE : EXIT_REFUSED;
    if (weak)
        pc_log_err("desk: 这个 PIN 不能用：%s。请换一个 %d 到 %d 位的数字 PIN。", weak,
                   PC_PIN_MIN_DIGITS, PC_PIN_MAX_DIGITS);
    else if (!hashed)
        pc_log_err("desk: cannot hash the PIN (out of memory?)");
    return hashed;
}

/* The end of a clerk command: "desk: clerk <id> <what>", or why st refused it. */
static int clerk_done(desk_store *store, const char *id, desk_status st, const char *what)
{
    if (st != DESK_OK)
        return refused(store, id, st);
    printf("desk: clerk %s %s\n", id, what);
    return 0;
}

static int refused(desk_store *store, const char *id, desk_status st)
{
    pc_log_err("desk: clerk %s: %s", id,
               st == DESK_EXISTS      ? "already exists"
               : st == DESK_NOT_FOUND ? "no such clerk (desk clerk-list shows them)"
                                      : desk_store_errmsg(store));
    return EXIT_REFUSED;
}

static void local_time(int64_t t, char *out, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    out[0] = '\0';
    if (t > 0 && localtime_r(&tt, &tm))
        strftime(out, size, "%Y-%m-%d %H:%M", &tm);
}
