/* test_sync_pack.c — policy pack updates: a newer pack signed by the department is
 * switched in; a pack signed by another key, one that fails lint (one character of a
 * clause's text changed), one that does not load, and one that is not newer are all
 * refused, and the kiosk keeps its old pack byte for byte, with no temp file left.
 * Works on a copy of one real pack (rules/, from PC_RULES_DIR) and its source text. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "file_read.h"
#include "client_pack.h"
#include "pack.h"
#include "proto_files.h"
#include "proto_wire.h"
#include "sync_test_util.h"

#define PACK "yunnan-sti"

typedef struct env {
    fixture f;
    char rules[400], live[500];
    char *orig;                 /* the pack as shipped */
    size_t orig_len;
} env;

static char *replace(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    if (!at)
        die("mutation target not found", from);
    size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    snprintf(out, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
    return out;
}

/* The pack with its `version:` value replaced, whatever the bundled version is. */
static char *with_version(const char *pack, const char *version)
{
    const char *at = strstr(pack, "\nversion: \"");
    const char *end = at ? strchr(at + 11, '"') : NULL;
    if (!end)
        die("no version line in the pack", "");
    char from[64], to[64];
    snprintf(from, sizeof from, "%.*s", (int)(end + 1 - at), at);
    snprintf(to, sizeof to, "\nversion: \"%s\"", version);
    return replace(pack, from, to);
}

static void copy_file(const char *from, const char *to)
{
    char err[256];
    size_t len = 0;
    char *text = pc_file_read(from, &len, err, sizeof err);
    if (!text || !pc_proto_write_atomic(to, text, len, err, sizeof err))
        die("copy", err);
    free(text);
}

static void env_init(env *e)
{
    fixture_init(&e->f);
    const char *src = getenv("PC_RULES_DIR");
    if (!src)
        die("PC_RULES_DIR", "not set");
    char a[600], b[600];
    snprintf(e->rules, sizeof e->rules, "%s/rules", e->f.dir);
    snprintf(a, sizeof a, "%s/sources", e->rules);
    if (mkdir(e->rules, 0755) != 0 || mkdir(a, 0755) != 0)
        die("mkdir", e->rules);
    snprintf(a, sizeof a, "%s/sources/" PACK ".txt", src);
    snprintf(b, sizeof b, "%s/sources/" PACK ".txt", e->rules);
    copy_file(a, b);
    snprintf(a, sizeof a, "%s/" PACK ".yaml", src);
    snprintf(e->live, sizeof e->live, "%s/" PACK ".yaml", e->rules);
    copy_file(a, e->live);
    char err[256];
    e->orig = pc_file_read(e->live, &e->orig_len, err, sizeof err);
    if (!e->orig)
        die("read", err);
}

static pc_client_pack_status install(env *e, const char *text, const pc_kiosk_key *signer)
{
    char sig[128], err[512], path[600];
    pc_proto_pack_sign(signer, text, strlen(text), sig, sizeof sig);
    FILE *quiet = fopen("/dev/null", "w");
    pc_client_pack_status st = pc_client_pack_install(e->rules, text, strlen(text), sig,
                                                      &e->f.dept_ring, quiet, path, sizeof path,
                                                      err, sizeof err);
    fclose(quiet);
    return st;
}

static bool live_is(env *e, const char *text, size_t len)
{
    char err[256];
    size_t n = 0;
    char *now = pc_file_read(e->live, &n, err, sizeof err);
    bool same = now && n == len && memcmp(now, text, len) == 0;
    free(now);
    return same;
}

static bool no_temp_files(env *e)
{
    DIR *d = opendir(e->rules);
    struct dirent *de;
    bool clean = d != NULL;
    while (d && (de = readdir(d)) != NULL)
        if (strncmp(de->d_name, ".kiosk-sync-", 12) == 0)
            clean = false;
    if (d)
        closedir(d);
    return clean;
}

int main(void)
{
    env e;
    env_init(&e);
    char *newer = with_version(e.orig, "2099.12.1");
    char *bad_text = replace(newer, "容错免责的适用主体及范围", "容错免责的适用对象及范围");
    char *broken = replace(newer, "clauses:", "clauses: [oops");
    pc_kiosk_key stranger;
    char err[256];
    pc_kiosk_key_generate(&stranger, "department", err, sizeof err);

    CHECK(install(&e, newer, &stranger) == PC_CLIENT_PACK_BAD_SIGNATURE);
    CHECK(live_is(&e, e.orig, e.orig_len));
    CHECK(install(&e, bad_text, &e.f.dept) == PC_CLIENT_PACK_LINT);
    CHECK(live_is(&e, e.orig, e.orig_len));
    CHECK(install(&e, broken, &e.f.dept) == PC_CLIENT_PACK_INVALID);
    CHECK(live_is(&e, e.orig, e.orig_len));
    CHECK(install(&e, e.orig, &e.f.dept) == PC_CLIENT_PACK_NOT_NEWER); /* a replayed old pack */
    CHECK(live_is(&e, e.orig, e.orig_len));
    CHECK(no_temp_files(&e));
    /* a signature over other bytes does not carry over */
    char sig[128], path[600];
    pc_proto_pack_sign(&e.f.dept, e.orig, e.orig_len, sig, sizeof sig);
    CHECK(pc_client_pack_install(e.rules, newer, strlen(newer), sig, &e.f.dept_ring, stderr,
                                 path, sizeof path, err, sizeof err) ==
          PC_CLIENT_PACK_BAD_SIGNATURE);

    CHECK(install(&e, newer, &e.f.dept) == PC_CLIENT_PACK_INSTALLED);
    CHECK(live_is(&e, newer, strlen(newer)));
    CHECK(no_temp_files(&e));
    pc_pack *p = pc_pack_load(e.live, err, sizeof err);
    CHECK(p && strcmp(p->version, "2099.12.1") == 0);
    pc_pack_free(p);

    free(newer);
    free(bad_text);
    free(broken);
    free(e.orig);
    fixture_done(&e.f);
    return CHECK_DONE();
}
