/* client_pack.c — verify, load, lint, switch a generation (see client_pack.h). */
#include "client_pack.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client_generation.h"
#include "lint.h"
#include "pack.h"
#include "proto_files.h"
#include "proto_wire.h"

static pc_client_pack_status check_loaded(const char *live_dir, const pc_pack *p, char *err,
                                          size_t errsize);
static bool id_is_safe(const char *id);
static pc_client_pack_status into_generation(pc_client_generation *g, const pc_pack *p,
                                             const void *pack, size_t len, FILE *log, char *name,
                                             size_t name_size, char *err, size_t errsize);

const char *pc_client_pack_status_name(pc_client_pack_status st)
{
    static const char *const names[] = {"installed", "bad signature", "invalid",
                                        "lint",      "not newer",     "io"};
    return st <= PC_CLIENT_PACK_IO ? names[st] : "?";
}

pc_client_pack_status pc_client_pack_install(const char *rules_dir, const void *pack, size_t len,
                                             const char *sig_text, const pc_keyring *dept,
                                             FILE *log, char *installed, size_t installed_size,
                                             char *err, size_t errsize)
{
    if (!pc_proto_pack_verify(dept, pack, len, sig_text)) {
        snprintf(err, errsize, "the pack's signature does not verify with a department key");
        return PC_CLIENT_PACK_BAD_SIGNATURE;
    }
    pc_client_generation g;
    if (!pc_client_generation_begin(&g, rules_dir, err, errsize))
        return PC_CLIENT_PACK_IO;
    char name[300], tmp[sizeof g.tmp + 32];
    snprintf(tmp, sizeof tmp, "%s/.incoming.yaml", g.tmp); /* not a pack name: set apart */
    pc_pack *p = NULL;
    pc_client_pack_status st = PC_CLIENT_PACK_IO;
    if (pc_client_generation_put(&g, ".incoming.yaml", pack, len, err, errsize)) {
        p = pc_pack_load(tmp, err, errsize);
        st = p ? check_loaded(g.live, p, err, errsize) : PC_CLIENT_PACK_INVALID;
    }
    unlink(tmp);
    if (st == PC_CLIENT_PACK_INSTALLED)
        st = into_generation(&g, p, pack, len, log, name, sizeof name, err, errsize);
    if (st == PC_CLIENT_PACK_INSTALLED && installed)
        snprintf(installed, installed_size, "%s/%s/%s.yaml", rules_dir, name, p->id);
    pc_client_generation_abort(&g);
    pc_pack_free(p);
    return st;
}

/* The live set with this pack in place of its old version, checked as a whole, then
 * switched in (the generation keeps the serial of the set it came from). */
static pc_client_pack_status into_generation(pc_client_generation *g, const pc_pack *p,
                                             const void *pack, size_t len, FILE *log, char *name,
                                             size_t name_size, char *err, size_t errsize)
{
    char file[128];
    snprintf(file, sizeof file, "%s.yaml", p->id);
    if (!pc_client_generation_copy_live(g, file, err, errsize) ||
        !pc_client_generation_put(g, file, pack, len, err, errsize))
        return PC_CLIENT_PACK_IO;
    if (!pc_client_generation_check(g, log, err, errsize))
        return PC_CLIENT_PACK_LINT;
    pc_client_generation_info base, info = {0};
    pc_client_generation_info_load(g->rules_dir, &base);
    info.serial = base.serial;
    snprintf(info.origin, sizeof info.origin, "pack-import");
    return pc_client_generation_commit(g, &info, name, name_size, err, errsize)
               ? PC_CLIENT_PACK_INSTALLED
               : PC_CLIENT_PACK_IO;
}

/* Its id names a file, and it is newer than the live one (lint comes with the set). */
static pc_client_pack_status check_loaded(const char *live_dir, const pc_pack *p, char *err,
                                          size_t errsize)
{
    if (!id_is_safe(p->id)) {
        snprintf(err, errsize, "pack id \"%s\" cannot name a file", p->id);
        return PC_CLIENT_PACK_INVALID;
    }
    char live[1100], lerr[256];
    snprintf(live, sizeof live, "%s/%s.yaml", live_dir, p->id);
    pc_pack *old = access(live, F_OK) == 0 ? pc_pack_load(live, lerr, sizeof lerr) : NULL;
    bool newer = !old || pc_proto_version_cmp(p->version, old->version) > 0;
    if (!newer)
        snprintf(err, errsize, "pack %s %s is not newer than %s in place", p->id, p->version,
                 old->version);
    pc_pack_free(old);
    return newer ? PC_CLIENT_PACK_INSTALLED : PC_CLIENT_PACK_NOT_NEWER;
}

static bool id_is_safe(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    return n > 0 && n < 64 && id[0] != '.' &&
           strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}
