/* desk_packs.c — the desk's directory of pack versions (see desk_packs.h). */
#include "desk_packs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_read.h"
#include "proto_files.h"

static bool seed(const char *dir, const char *rules_dir, size_t *n_added, char *err,
                 size_t errsize);
static bool keep_version(const char *dir, const pc_pack *pack, bool *added, char *err,
                         size_t errsize);
static bool safe_name(const char *s);

void desk_packs_dir(const char *db_path, char *out, size_t size)
{
    snprintf(out, size, "%s.packs", db_path);
}

bool desk_packs_load(const char *dir, const char *rules_dir, pc_pack_set *set, size_t *n_added,
                     char *err, size_t errsize)
{
    size_t added = 0;
    memset(set, 0, sizeof *set);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        snprintf(err, errsize, "%s: %s", dir, strerror(errno));
        return false;
    }
    if (rules_dir && !seed(dir, rules_dir, &added, err, errsize))
        return false;
    if (n_added)
        *n_added = added;
    return pc_pack_set_load_dir(set, dir, err, errsize);
}

/* Copies each pack of rules_dir whose id and version dir lacks. */
static bool seed(const char *dir, const char *rules_dir, size_t *n_added, char *err, size_t errsize)
{
    pc_pack_set rules;
    if (!pc_pack_set_load_dir(&rules, rules_dir, err, errsize))
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < rules.n_packs; i++) {
        bool added = false;
        ok = keep_version(dir, rules.packs[i], &added, err, errsize);
        *n_added += added;
    }
    pc_pack_set_free(&rules);
    return ok;
}

/* A version once kept is never overwritten: the same id and version is the same pack. */
static bool keep_version(const char *dir, const pc_pack *pack, bool *added, char *err,
                         size_t errsize)
{
    char path[4096];
    if (!safe_name(pack->id) || !safe_name(pack->version)) {
        snprintf(err, errsize, "%s: id or version not usable in a file name", pack->path);
        return false;
    }
    snprintf(path, sizeof path, "%s/%s@%s.yaml", dir, pack->id, pack->version);
    if (access(path, F_OK) == 0)
        return true;
    size_t len = 0;
    char *text = pc_file_read(pack->path, &len, err, errsize);
    bool ok = text && pc_proto_write_atomic(path, text, len, err, errsize);
    free(text);
    *added = ok;
    return ok;
}

static bool safe_name(const char *s)
{
    return s[0] && s[0] != '.' && !strchr(s, '/') && !strchr(s, '@');
}
