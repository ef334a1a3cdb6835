/* pack_update.c — verify, load, lint, switch atomically (see pack_update.h). */
#include "pack_update.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lint.h"
#include "pack.h"
#include "sync_files.h"
#include "sync_wire.h"

#define PACK_DOMAIN "pc-pack/1\n"

static unsigned char *pack_message(const void *pack, size_t len, size_t *mlen);
static pcs_pack_status check_loaded(const char *rules_dir, const pc_pack *p, FILE *log,
                                    char *err, size_t errsize);
static int version_cmp(const char *a, const char *b);
static bool id_is_safe(const char *id);

const char *pcs_pack_status_name(pcs_pack_status st)
{
    static const char *const names[] = {"installed", "bad signature", "invalid", "lint",
                                        "not newer", "io"};
    return st <= PCS_PACK_IO ? names[st] : "?";
}

void pcs_pack_sign(const pc_kiosk_key *dept, const void *pack, size_t len,
                   char *sig_text, size_t sig_size)
{
    size_t mlen = 0;
    unsigned char *m = pack_message(pack, len, &mlen);
    char sig[PCS_SIG_B64] = "";
    if (m)
        pcs_sign(dept->sk, m, mlen, sig);
    snprintf(sig_text, sig_size, "%s\n", sig);
    free(m);
}

pcs_pack_status pcs_pack_install(const char *rules_dir, const void *pack, size_t len,
                                 const char *sig_text, const pc_keyring *dept, FILE *log,
                                 char *installed, size_t installed_size, char *err, size_t errsize)
{
    size_t mlen = 0;
    unsigned char *m = pack_message(pack, len, &mlen);
    bool signed_ok = m && pcs_verify_any(dept, m, mlen, sig_text);
    free(m);
    if (!signed_ok) {
        snprintf(err, errsize, "the pack's signature does not verify with a department key");
        return PCS_PACK_BAD_SIGNATURE;
    }
    char tmp[1100];
    if (!pcs_write_temp(rules_dir, pack, len, tmp, sizeof tmp, err, errsize))
        return PCS_PACK_IO;
    pc_pack *p = pc_pack_load(tmp, err, errsize);
    pcs_pack_status st = p ? check_loaded(rules_dir, p, log, err, errsize) : PCS_PACK_INVALID;
    char final[1100];
    if (st == PCS_PACK_INSTALLED) {
        snprintf(final, sizeof final, "%s/%s.yaml", rules_dir, p->id);
        if (!pcs_commit_temp(tmp, final, err, errsize))
            st = PCS_PACK_IO;
        else if (installed)
            snprintf(installed, installed_size, "%s", final);
    }
    if (st != PCS_PACK_INSTALLED)
        unlink(tmp);
    pc_pack_free(p);
    return st;
}

static pcs_pack_status check_loaded(const char *rules_dir, const pc_pack *p, FILE *log,
                                    char *err, size_t errsize)
{
    if (!id_is_safe(p->id)) {
        snprintf(err, errsize, "pack id \"%s\" cannot name a file", p->id);
        return PCS_PACK_INVALID;
    }
    int problems = pc_pack_lint(p, log ? log : stderr);
    if (problems > 0) {
        snprintf(err, errsize, "pack %s %s: lint found %d problem(s)", p->id, p->version, problems);
        return PCS_PACK_LINT;
    }
    char live[1100], lerr[256];
    snprintf(live, sizeof live, "%s/%s.yaml", rules_dir, p->id);
    pc_pack *old = access(live, F_OK) == 0 ? pc_pack_load(live, lerr, sizeof lerr) : NULL;
    bool newer = !old || version_cmp(p->version, old->version) > 0;
    if (!newer)
        snprintf(err, errsize, "pack %s %s is not newer than %s in place", p->id, p->version,
                 old->version);
    pc_pack_free(old);
    return newer ? PCS_PACK_INSTALLED : PCS_PACK_NOT_NEWER;
}

static unsigned char *pack_message(const void *pack, size_t len, size_t *mlen)
{
    size_t d = strlen(PACK_DOMAIN);
    unsigned char *m = malloc(d + len + 1);
    if (!m)
        return NULL;
    memcpy(m, PACK_DOMAIN, d);
    memcpy(m + d, pack, len);
    *mlen = d + len;
    return m;
}

/* Dotted versions compare number by number ("2026.11.10" > "2026.11.9"). */
static int version_cmp(const char *a, const char *b)
{
    while (*a || *b) {
        char *ea, *eb;
        long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);
        if (x != y)
            return x < y ? -1 : 1;
        if (ea == a || eb == b)
            return strcmp(a, b);
        a = *ea == '.' ? ea + 1 : ea;
        b = *eb == '.' ? eb + 1 : eb;
    }
    return 0;
}

static bool id_is_safe(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    return n > 0 && n < 64 && id[0] != '.' &&
           strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}
