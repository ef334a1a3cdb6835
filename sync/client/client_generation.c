/* client_generation.c — a generation written, checked and switched in (see
 * client_generation.h). */
#define _XOPEN_SOURCE 700
#include "client_generation.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "date.h"
#include "file_read.h"
#include "lint.h"
#include "pack.h"
#include "proto_manifest.h"
#include "rules_live.h"

#define TMP_PREFIX ".tmp-"
#define LINK_TMP ".current-new"

static bool write_file(const char *path, const void *data, size_t len);
static bool fsync_path(const char *path);
static bool make_dir(const char *path);
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw);
static void remove_tree(const char *path);
static bool copy_dir(pc_client_generation *g, const char *sub, const char *skip, char *err,
                     size_t errsize);
static bool is_pack_name(const char *name);
static long generation_number(const char *name);
static long next_number(const char *gens);
static void prune(const char *gens, long keep, const char *previous);
static bool switch_current(const char *rules_dir, const char *target, char *err, size_t errsize);
static bool lint_set(const pc_pack_set *set, FILE *log, char *err, size_t errsize);

void pc_client_generation_clean(const char *rules_dir, size_t *removed)
{
    char path[PC_CLIENT_PATH_MAX + 300];
    size_t n = 0;
    DIR *d = opendir(rules_dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strncmp(e->d_name, ".kiosk-sync-", 12) == 0 || strcmp(e->d_name, LINK_TMP) == 0) {
            snprintf(path, sizeof path, "%s/%s", rules_dir, e->d_name);
            n += unlink(path) == 0;
        }
    if (d)
        closedir(d);
    snprintf(path, sizeof path, "%s/" PC_RULES_GENERATIONS, rules_dir);
    d = opendir(path);
    while (d && (e = readdir(d)) != NULL)
        if (strncmp(e->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) == 0) {
            char sub[PC_CLIENT_PATH_MAX + 600];
            snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
            remove_tree(sub);
            n++;
        }
    if (d)
        closedir(d);
    if (removed)
        *removed = n;
}

bool pc_client_generation_begin(pc_client_generation *g, const char *rules_dir, char *err,
                                size_t errsize)
{
    memset(g, 0, sizeof *g);
    snprintf(g->rules_dir, sizeof g->rules_dir, "%s", rules_dir);
    pc_client_generation_clean(rules_dir, NULL);
    pc_rules_live_dir(rules_dir, g->live, sizeof g->live);
    char stamp[128], gens[PC_CLIENT_PATH_MAX + 32];
    pc_rules_stamp(rules_dir, stamp, sizeof stamp);
    const char *slash = strrchr(stamp, '/');
    snprintf(g->previous, sizeof g->previous, "%.63s", slash ? slash + 1 : stamp);
    snprintf(gens, sizeof gens, "%s/" PC_RULES_GENERATIONS, rules_dir);
    snprintf(g->tmp, sizeof g->tmp, "%s/" TMP_PREFIX "XXXXXX", gens);
    char sub[sizeof g->tmp + 16];
    const char *at = rules_dir; /* what failed, for the message */
    bool ok = make_dir(rules_dir) && make_dir(at = gens) && (at = g->tmp, mkdtemp(g->tmp)) &&
              chmod(g->tmp, 0755) == 0;
    for (int i = 0; ok && i < 2; i++) {
        snprintf(sub, sizeof sub, "%s/%s", g->tmp, i ? "calendar" : "sources");
        ok = mkdir(sub, 0755) == 0;
    }
    if (!ok) {
        snprintf(err, errsize, "%s: %s", at, strerror(errno));
        pc_client_generation_abort(g);
    }
    return ok;
}

bool pc_client_generation_put(pc_client_generation *g, const char *path, const void *data,
                              size_t len, char *err, size_t errsize)
{
    char full[sizeof g->tmp + 300];
    snprintf(full, sizeof full, "%s/%s", g->tmp, path);
    if (write_file(full, data, len))
        return true;
    snprintf(err, errsize, "%s: %s", full, strerror(errno));
    return false;
}

char *pc_client_generation_live_read(const pc_client_generation *g, const char *path, size_t *len)
{
    char full[sizeof g->live + 300], err[256];
    snprintf(full, sizeof full, "%s/%s", g->live, path);
    return pc_file_read(full, len, err, sizeof err);
}

bool pc_client_generation_copy_live(pc_client_generation *g, const char *skip_pack, char *err,
                                    size_t errsize)
{
    return copy_dir(g, "", skip_pack, err, errsize) && copy_dir(g, "sources", NULL, err, errsize) &&
           copy_dir(g, "calendar", NULL, err, errsize);
}

bool pc_client_generation_check(pc_client_generation *g, FILE *log, char *err, size_t errsize)
{
    pc_pack_set set;
    if (!pc_pack_set_load_dir(&set, g->tmp, err, errsize))
        return false;
    bool ok = lint_set(&set, log, err, errsize);
    pc_pack_set_free(&set);
    char cal_dir[sizeof g->tmp + 16];
    snprintf(cal_dir, sizeof cal_dir, "%s/calendar", g->tmp);
    if (ok && rmdir(cal_dir) != 0) { /* an empty calendar/ goes: the kiosk's own is used */
        pc_calendar *cal = calloc(1, sizeof *cal);
        ok = cal && pc_calendar_load_dir(cal, cal_dir, err, errsize);
        if (!cal)
            snprintf(err, errsize, "out of memory");
        free(cal);
    }
    return ok;
}

bool pc_client_generation_commit(pc_client_generation *g, const pc_client_generation_info *info,
                                 char *name, size_t name_size, char *err, size_t errsize)
{
    json_t *j = json_pack("{s:I, s:s, s:s?}", "serial", (json_int_t)info->serial, "origin",
                          info->origin, "previous", g->previous[0] ? g->previous : NULL);
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    bool ok = text && pc_client_generation_put(g, PC_RULES_GENERATION_INFO, text, strlen(text), err,
                                               errsize);
    free(text);
    if (!ok)
        return false;
    char gens[PC_CLIENT_PATH_MAX + 32], final[PC_CLIENT_PATH_MAX + 64], sub[sizeof g->tmp + 16];
    snprintf(gens, sizeof gens, "%s/" PC_RULES_GENERATIONS, g->rules_dir);
    snprintf(sub, sizeof sub, "%s/sources", g->tmp);
    fsync_path(sub);
    snprintf(sub, sizeof sub, "%s/calendar", g->tmp);
    fsync_path(sub); /* may be gone (no calendar) */
    long n = next_number(gens);
    snprintf(final, sizeof final, "%s/%ld", gens, n);
    snprintf(name, name_size, PC_RULES_GENERATIONS "/%ld", n);
    if (!fsync_path(g->tmp) || rename(g->tmp, final) != 0 || !fsync_path(gens)) {
        snprintf(err, errsize, "%s: %s", final, strerror(errno));
        return false;
    }
    g->tmp[0] = '\0';
    if (!switch_current(g->rules_dir, name, err, errsize)) {
        remove_tree(final);
        return false;
    }
    prune(gens, n, g->previous);
    return true;
}

void pc_client_generation_abort(pc_client_generation *g)
{
    if (g->tmp[0] && !strstr(g->tmp, "XXXXXX"))
        remove_tree(g->tmp);
    g->tmp[0] = '\0';
}

bool pc_client_generation_info_load(const char *rules_dir, pc_client_generation_info *info)
{
    char path[PC_CLIENT_PATH_MAX + 64];
    memset(info, 0, sizeof *info);
    snprintf(path, sizeof path, "%s/" PC_RULES_CURRENT "/" PC_RULES_GENERATION_INFO, rules_dir);
    json_t *j = json_load_file(path, 0, NULL);
    const char *origin = json_string_value(json_object_get(j, "origin"));
    const char *prev = json_string_value(json_object_get(j, "previous"));
    info->serial = json_integer_value(json_object_get(j, "serial"));
    snprintf(info->origin, sizeof info->origin, "%s", origin ? origin : "");
    snprintf(info->previous, sizeof info->previous, "%s", prev ? prev : "");
    json_decref(j);
    return origin != NULL;
}

bool pc_client_generation_rollback(const char *rules_dir, char *name, size_t name_size, char *err,
                                   size_t errsize)
{
    pc_client_generation_info info;
    char path[PC_CLIENT_PATH_MAX + 128];
    struct stat st;
    if (!pc_client_generation_info_load(rules_dir, &info) || !info.previous[0]) {
        snprintf(err, errsize, "%s: no previous generation to go back to", rules_dir);
        return false;
    }
    snprintf(name, name_size, PC_RULES_GENERATIONS "/%s", info.previous);
    snprintf(path, sizeof path, "%s/%s", rules_dir, name);
    if (generation_number(info.previous) < 0 || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errsize, "%s: the previous generation is no longer kept", path);
        return false;
    }
    return switch_current(rules_dir, name, err, errsize);
}

/* ------------------------------------------------------------------ static */

static bool lint_set(const pc_pack_set *set, FILE *log, char *err, size_t errsize)
{
    for (size_t i = 0; i < set->n_packs; i++) {
        int problems = pc_pack_lint(set->packs[i], log ? log : stderr);
        if (problems > 0) {
            snprintf(err, errsize, "pack %s %s: lint found %d problem(s)", set->packs[i]->id,
                     set->packs[i]->version, problems);
            return false;
        }
    }
    return true;
}

static bool copy_dir(pc_client_generation *g, const char *sub, const char *skip, char *err,
                     size_t errsize)
{
    char dir[sizeof g->live + 16];
    snprintf(dir, sizeof dir, "%s%s%s", g->live, sub[0] ? "/" : "", sub);
    DIR *d = opendir(dir);
    if (!d)
        return sub[0] != '\0'; /* no sources/ or calendar/: nothing to copy */
    struct dirent *e;
    bool ok = true;
    while (ok && (e = readdir(d)) != NULL) {
        char rel[300], full[sizeof dir + 300];
        snprintf(full, sizeof full, "%s/%s", dir, e->d_name);
        struct stat st;
        if (!pc_proto_manifest_name_ok(e->d_name) || (!sub[0] && !is_pack_name(e->d_name)) ||
            (skip && strcmp(e->d_name, skip) == 0) || stat(full, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        snprintf(rel, sizeof rel, "%s%s%s", sub, sub[0] ? "/" : "", e->d_name);
        size_t len = 0;
        char *data = pc_file_read(full, &len, err, errsize);
        ok = data && pc_client_generation_put(g, rel, data, len, err, errsize);
        free(data);
    }
    closedir(d);
    return ok;
}

static bool is_pack_name(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".yaml") == 0 &&
           !(n > 11 && strcmp(name + n - 11, ".cases.yaml") == 0);
}

static bool write_file(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    const char *p = data;
    bool ok = true;
    while (ok && len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        if (ok) {
            p += n;
            len -= (size_t)n;
        }
    }
    ok = ok && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    errno = saved;
    return ok;
}

/* A directory made, or there already. */
static bool make_dir(const char *path)
{
    return mkdir(path, 0755) == 0 || errno == EEXIST;
}

static bool fsync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* "12" → 12; anything else → -1. */
static long generation_number(const char *name)
{
    char *end = NULL;
    long n = strtol(name, &end, 10);
    return name[0] >= '0' && name[0] <= '9' && *end == '\0' && n >= 0 ? n : -1;
}

static long next_number(const char *gens)
{
    long top = 0;
    DIR *d = opendir(gens);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (generation_number(e->d_name) > top)
            top = generation_number(e->d_name);
    if (d)
        closedir(d);
    return top + 1;
}

/* Keeps the new generation and the one live before it. */
static void prune(const char *gens, long keep, const char *previous)
{
    DIR *d = opendir(gens);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        long n = generation_number(e->d_name);
        if (n < 0 || n == keep || strcmp(e->d_name, previous) == 0)
            continue;
        char path[PC_CLIENT_PATH_MAX + 300];
        snprintf(path, sizeof path, "%s/%s", gens, e->d_name);
        remove_tree(path);
    }
    if (d)
        closedir(d);
}

/* A new link beside `current`, renamed over it: the switch is one rename(2). */
static bool switch_current(const char *rules_dir, const char *target, char *err, size_t errsize)
{
    char tmp[PC_CLIENT_PATH_MAX + 32], cur[PC_CLIENT_PATH_MAX + 32];
    snprintf(tmp, sizeof tmp, "%s/" LINK_TMP, rules_dir);
    snprintf(cur, sizeof cur, "%s/" PC_RULES_CURRENT, rules_dir);
    unlink(tmp);
    if (symlink(target, tmp) != 0 || rename(tmp, cur) != 0 || !fsync_path(rules_dir)) {
        snprintf(err, errsize, "%s: %s", cur, strerror(errno));
        unlink(tmp);
        return false;
    }
    return true;
}
