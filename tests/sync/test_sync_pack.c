/* test_sync_pack.c — policy pack updates (pack-import, pack-fetch): a newer pack signed
 * by the department is switched in as a new generation of the rules directory; a pack
 * signed by another key, one that fails lint (one character of a clause's text
 * changed), one that does not load, and one that is not newer are all refused, and the
 * kiosk keeps its old pack byte for byte, with no temp file left; what a killed import
 * left behind (a temp file, a half-written generation, a temp link) is removed by the
 * next import, and pack-rollback goes back to the generation before.
 * Works on a copy of one real pack (rules/, from PC_RULES_DIR) and its source text. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "file_read.h"
#include "client_pack.h"
#include "client_generation.h"
#include "pack.h"
#include "proto_files.h"
#include "rules_live.h"
#include "proto_wire.h"
#include "sync_test_util.h"

#define PACK "yunnan-sti"

typedef struct env {
    fixture f;
    char rules[400], live[700];
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
    char err[256], dir[600];
    size_t n = 0;
    pc_rules_live_dir(e->rules, dir, sizeof dir);
    snprintf(e->live, sizeof e->live, "%s/" PACK ".yaml", dir);
    char *now = pc_file_read(e->live, &n, err, sizeof err);
    bool same = now && n == len && memcmp(now, text, len) == 0;
    free(now);
    return same;
}

/* Nothing that starts with a dot in rules/ or rules/generations/ (temp files, temp
 * generations, the temp link). */
static bool no_temp_files(env *e)
{
    char gens[600];
    snprintf(gens, sizeof gens, "%s/generations", e->rules);
    bool clean = true;
    for (int i = 0; i < 2; i++) {
        DIR *d = opendir(i ? gens : e->rules);
        struct dirent *de;
        while (d && (de = readdir(d)) != NULL)
            if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
                strcmp(de->d_name, "..") != 0)
                clean = false;
        if (d)
            closedir(d);
    }
    return clean;
}

/* What a run killed half way leaves behind. */
static void plant_leftovers(env *e)
{
    char path[700];
    snprintf(path, sizeof path, "%s/.kiosk-sync-a1b2c3", e->rules);
    FILE *f = fopen(path, "w");
    if (f)
        fputs("half a pack", f), fclose(f);
    snprintf(path, sizeof path, "%s/generations/.tmp-d4e5f6", e->rules);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/generations/.tmp-d4e5f6/" PACK ".yaml", e->rules);
    f = fopen(path, "w");
    if (f)
        fputs("half a pack", f), fclose(f);
    snprintf(path, sizeof path, "%s/.current-new", e->rules);
    if (symlink("generations/999", path) != 0)
        die("symlink", path);
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
    CHECK(strstr(e.live, "/current/") != NULL);
    CHECK(no_temp_files(&e));
    pc_pack *p = pc_pack_load(e.live, err, sizeof err);
    CHECK(p && strcmp(p->version, "2099.12.1") == 0);
    pc_pack_free(p);

    /* a killed import's leftovers go with the next import, refused or not */
    plant_leftovers(&e);
    CHECK(!no_temp_files(&e));
    CHECK(install(&e, newer, &e.f.dept) == PC_CLIENT_PACK_NOT_NEWER);
    CHECK(no_temp_files(&e));
    CHECK(live_is(&e, newer, strlen(newer)));
    /* two more versions: the one before the live one is kept, older ones go */
    char *third = with_version(e.orig, "2099.12.2"), *fourth = with_version(e.orig, "2099.12.3");
    CHECK(install(&e, third, &e.f.dept) == PC_CLIENT_PACK_INSTALLED);
    CHECK(install(&e, fourth, &e.f.dept) == PC_CLIENT_PACK_INSTALLED);
    CHECK(live_is(&e, fourth, strlen(fourth)));
    char gen[600], name[128];
    snprintf(gen, sizeof gen, "%s/generations/1", e.rules);
    CHECK(access(gen, F_OK) != 0);
    snprintf(gen, sizeof gen, "%s/generations/2", e.rules);
    CHECK(access(gen, F_OK) == 0);
    CHECK(pc_client_generation_rollback(e.rules, name, sizeof name, err, sizeof err));
    CHECK(strcmp(name, "generations/2") == 0);
    CHECK(live_is(&e, third, strlen(third)));
    free(third);
    free(fourth);

    free(newer);
    free(bad_text);
    free(broken);
    free(e.orig);
    fixture_done(&e.f);
    return CHECK_DONE();
}
