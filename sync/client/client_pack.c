/* client_pack.c — verify, load, lint, switch atomically (see client_pack.h). */
#include "client_pack.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lint.h"
#include "pack.h"
#include "proto_files.h"
#include "proto_wire.h"

static pc_client_pack_status check_loaded(const char *rules_dir, const pc_pack *p, FILE *log,
                                          char *err, size_t errsize);
static bool id_is_safe(const char *id);

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
    char tmp[1100];
    if (!pc_proto_write_temp(rules_dir, pack, len, tmp, sizeof tmp, err, errsize))
        return PC_CLIENT_PACK_IO;
    pc_pack *p = pc_pack_load(tmp, err, errsize);
    pc_client_pack_status st =
        p ? check_loaded(rules_dir, p, log, err, errsize) : PC_CLIENT_PACK_INVALID;
    char final[1100];
    if (st == PC_CLIENT_PACK_INSTALLED) {
        snprintf(final, sizeof final, "%s/%s.yaml", rules_dir, p->id);
        if (!pc_proto_commit_temp(tmp, final, err, errsize))
            st = PC_CLIENT_PACK_IO;
        else if (installed)
            snprintf(installed, installed_size, "%s", final);
    }
    if (st != PC_CLIENT_PACK_INSTALLED)
        unlink(tmp);
    pc_pack_free(p);
    return st;
}

static pc_client_pack_status check_loaded(const char *rules_dir, const pc_pack *p, FILE *log,
                                          char *err, size_t errsize)
{
    if (!id_is_safe(p->id)) {
        snprintf(err, errsize, "pack id \"%s\" cannot name a file", p->id);
        return PC_CLIENT_PACK_INVALID;
    }
    int problems = pc_pack_lint(p, log ? log : stderr);
    if (problems > 0) {
        snprintf(err, errsize, "pack %s %s: lint found %d problem(s)", p->id, p->version, problems);
        return PC_CLIENT_PACK_LINT;
    }
    char live[1100], lerr[256];
    snprintf(live, sizeof live, "%s/%s.yaml", rules_dir, p->id);
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
