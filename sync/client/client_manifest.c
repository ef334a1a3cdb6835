/* client_manifest.c — fetch, verify, download, check, switch (see client_manifest.h and
 * sync/PROTOCOL.md, "Pack rollout"). */
#include "client_manifest.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "client_generation.h"
#include "proto_files.h"
#include "proto_manifest.h"

typedef struct update {
    const pc_client_config *cfg;
    pc_client_http *http;
    pc_client_manifest_stats *stats;
    char *why;
    size_t whysize;
} update;

static pc_client_manifest_result fetch_manifest(update *u, const pc_keyring *dept,
                                                pc_proto_manifest *m, char **text, size_t *len);
static pc_client_manifest_result build(update *u, pc_client_generation *g,
                                       const pc_proto_manifest *m, const char *text, size_t len,
                                       FILE *log);
static pc_client_manifest_result put_file(update *u, pc_client_generation *g,
                                          const pc_proto_manifest_file *f);
static bool save_serial(const char *rules_dir, int64_t serial, char *err, size_t errsize);

pc_client_manifest_result pc_client_manifest_update(const pc_client_config *cfg,
                                                    const pc_keyring *dept, pc_client_http *http,
                                                    FILE *log, pc_client_manifest_stats *stats,
                                                    char *why, size_t whysize)
{
    memset(stats, 0, sizeof *stats);
    why[0] = '\0';
    update u = {cfg, http, stats, why, whysize};
    pc_proto_manifest m;
    char *text = NULL;
    size_t len = 0;
    pc_client_manifest_result res = fetch_manifest(&u, dept, &m, &text, &len);
    if (res != PC_CLIENT_MANIFEST_SWITCHED) {
        free(text);
        return res;
    }
    stats->serial = m.serial;
    int64_t have = pc_client_manifest_serial(cfg->rules_dir);
    if (m.serial < have) {
        snprintf(why, whysize,
                 "manifest serial %" PRId64 " is older than %" PRId64
                 " already accepted (replayed?): refused",
                 m.serial, have);
        res = PC_CLIENT_MANIFEST_REFUSED;
    } else if (m.serial == have) {
        res = PC_CLIENT_MANIFEST_CURRENT;
    } else {
        pc_client_generation g;
        res = pc_client_generation_begin(&g, cfg->rules_dir, why, whysize)
                  ? build(&u, &g, &m, text, len, log)
                  : PC_CLIENT_MANIFEST_IO;
        pc_client_generation_abort(&g);
    }
    pc_proto_manifest_free(&m);
    free(text);
    return res;
}

int64_t pc_client_manifest_serial(const char *rules_dir)
{
    char path[PC_CLIENT_PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/" PC_CLIENT_MANIFEST_SERIAL_FILE, rules_dir);
    FILE *f = fopen(path, "r");
    long long n = 0;
    if (f && fscanf(f, "%lld", &n) != 1)
        n = 0;
    if (f)
        fclose(f);
    return n > 0 ? (int64_t)n : 0;
}

/* ------------------------------------------------------------------ static */

/* SWITCHED here means "a verified manifest is in *m". */
static pc_client_manifest_result fetch_manifest(update *u, const pc_keyring *dept,
                                                pc_proto_manifest *m, char **text, size_t *len)
{
    char url[PC_CLIENT_PATH_MAX + 32], err[256];
    snprintf(url, sizeof url, "%s%s", u->cfg->url, PC_PROTO_PATH_MANIFEST);
    pc_client_reply rep;
    pc_client_http_get(u->http, url, (long)u->cfg->timeout_seconds * 1000L, &rep);
    pc_client_manifest_result res = PC_CLIENT_MANIFEST_SWITCHED;
    if (rep.transport_error || rep.status >= 500 || rep.status == 408 || rep.status == 429) {
        snprintf(u->why, u->whysize, "manifest: %s",
                 rep.transport_error ? rep.error : "the receiver is not answering (5xx)");
        res = PC_CLIENT_MANIFEST_TEMP;
    } else if (rep.status == 404) {
        snprintf(u->why, u->whysize, "manifest: the receiver publishes none");
        res = PC_CLIENT_MANIFEST_NONE;
    } else if (rep.status != 200) {
        snprintf(u->why, u->whysize, "manifest: HTTP %ld", rep.status);
        res = PC_CLIENT_MANIFEST_REFUSED;
    } else if (!pc_proto_manifest_open(rep.body, rep.len, dept, m, err, sizeof err)) {
        snprintf(u->why, u->whysize, "manifest refused: %s", err);
        res = PC_CLIENT_MANIFEST_REFUSED;
    } else {
        *text = rep.body;
        *len = rep.len;
        rep.body = NULL;
    }
    pc_client_reply_free(&rep);
    return res;
}

static pc_client_manifest_result build(update *u, pc_client_generation *g,
                                       const pc_proto_manifest *m, const char *text, size_t len,
                                       FILE *log)
{
    for (size_t i = 0; i < m->n_files; i++) {
        pc_client_manifest_result r = put_file(u, g, &m->files[i]);
        if (r != PC_CLIENT_MANIFEST_SWITCHED)
            return r;
    }
    char err[512];
    if (!pc_client_generation_put(g, "manifest.pcmanifest", text, len, u->why, u->whysize))
        return PC_CLIENT_MANIFEST_IO;
    if (!pc_client_generation_check(g, log, err, sizeof err)) {
        snprintf(u->why, u->whysize, "manifest %" PRId64 " refused: %s", m->serial, err);
        return PC_CLIENT_MANIFEST_REFUSED;
    }
    pc_client_generation_info info = {.serial = m->serial};
    snprintf(info.origin, sizeof info.origin, "manifest");
    if (!pc_client_generation_commit(g, &info, u->stats->generation, sizeof u->stats->generation,
                                     u->why, u->whysize) ||
        !save_serial(g->rules_dir, m->serial, u->why, u->whysize))
        return PC_CLIENT_MANIFEST_IO;
    return PC_CLIENT_MANIFEST_SWITCHED;
}

/* From the live set when it holds the same bytes, else fetched by hash; checked. */
static pc_client_manifest_result put_file(update *u, pc_client_generation *g,
                                          const pc_proto_manifest_file *f)
{
    char hash[PC_PROTO_HASH_HEX];
    size_t len = 0;
    char *data = pc_client_generation_live_read(g, f->path, &len);
    if (data)
        pc_proto_body_hash(data, len, hash);
    if (data && strcmp(hash, f->sha256) == 0) {
        u->stats->reused++;
    } else {
        free(data);
        data = NULL;
        char url[PC_CLIENT_PATH_MAX + 128];
        snprintf(url, sizeof url, "%s%s%s", u->cfg->url, PC_PROTO_PATH_FILES, f->sha256);
        pc_client_reply rep;
        pc_client_http_get(u->http, url, (long)u->cfg->timeout_seconds * 1000L, &rep);
        if (rep.transport_error || rep.status != 200) {
            snprintf(u->why, u->whysize, "manifest file %s: %s", f->path,
                     rep.transport_error ? rep.error : "not served");
            bool temp = rep.transport_error || rep.status >= 500;
            pc_client_reply_free(&rep);
            return temp ? PC_CLIENT_MANIFEST_TEMP : PC_CLIENT_MANIFEST_REFUSED;
        }
        pc_proto_body_hash(rep.body, rep.len, hash);
        data = rep.body;
        len = rep.len;
        rep.body = NULL;
        pc_client_reply_free(&rep);
        u->stats->fetched++;
        if (len > PC_PROTO_MANIFEST_FILE_MAX || strcmp(hash, f->sha256) != 0) {
            snprintf(u->why, u->whysize,
                     "manifest file %s: its SHA-256 is not the manifest's: refused", f->path);
            free(data);
            return PC_CLIENT_MANIFEST_REFUSED;
        }
    }
    bool ok = pc_client_generation_put(g, f->path, data, len, u->why, u->whysize);
    free(data);
    return ok ? PC_CLIENT_MANIFEST_SWITCHED : PC_CLIENT_MANIFEST_IO;
}

static bool save_serial(const char *rules_dir, int64_t serial, char *err, size_t errsize)
{
    char path[PC_CLIENT_PATH_MAX + 32], line[32];
    snprintf(path, sizeof path, "%s/" PC_CLIENT_MANIFEST_SERIAL_FILE, rules_dir);
    int n = snprintf(line, sizeof line, "%" PRId64 "\n", serial);
    return pc_proto_write_atomic(path, line, (size_t)n, err, errsize);
}
