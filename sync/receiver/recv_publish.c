/* recv_publish.c — publishing, rolling back and reading the published store (see
 * recv_publish.h). */
#include "recv_publish.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "file_read.h"
#include "lint.h"
#include "pack.h"
#include "proto_files.h"
#include "proto_manifest.h"

typedef struct publish {
    const char *store, *dir;
    const pc_kiosk_key *dept;
    json_t *packs, *sources, *calendar; /* the manifest's lists (owned by the payload) */
    char *err;
    size_t errsize;
} publish;

static bool add_packs(publish *p, FILE *log);
static bool add_file(publish *p, json_t *list, const char *rel, const pc_pack *pack);
static bool add_calendar(publish *p);
static bool seal_next(const char *store, const pc_kiosk_key *dept, json_t *payload, int64_t *serial,
                      char *err, size_t errsize);
static bool make_dirs(const char *store, char *err, size_t errsize);
static char *read_manifest(const char *store, int64_t serial, size_t *len);
static json_t *latest_payload(const char *store);
static bool is_pack_file(const char *name);

bool pc_recv_publish(const char *store, const char *packs_dir, const pc_kiosk_key *dept, FILE *log,
                     int64_t *serial, char *err, size_t errsize)
{
    json_t *payload = json_pack("{s:i, s:[], s:[], s:[]}", "protocol", PC_PROTO_VERSION, "packs",
                                "sources", "calendar");
    publish p = {store,
                 packs_dir,
                 dept,
                 json_object_get(payload, "packs"),
                 json_object_get(payload, "sources"),
                 json_object_get(payload, "calendar"),
                 err,
                 errsize};
    bool ok = payload && make_dirs(store, err, errsize) && add_packs(&p, log) && add_calendar(&p) &&
              seal_next(store, dept, payload, serial, err, errsize);
    json_decref(payload);
    return ok;
}

bool pc_recv_rollback(const char *store, int64_t to, const pc_kiosk_key *dept, int64_t *serial,
                      char *err, size_t errsize)
{
    size_t len = 0;
    char *text = read_manifest(store, to, &len);
    pc_keyring_entry self = {.kiosk_id = ""};
    snprintf(self.kiosk_id, sizeof self.kiosk_id, "%s", dept->kiosk_id);
    memcpy(self.pk, dept->pk, sizeof self.pk);
    pc_keyring ring = {&self, 1};
    pc_proto_manifest m;
    char why[256];
    if (!text || !pc_proto_manifest_open(text, len, &ring, &m, why, sizeof why)) {
        snprintf(err, errsize, "manifest %" PRId64 ": %s", to,
                 text ? why : "not in the published store");
        free(text);
        return false;
    }
    free(text);
    json_t *payload = json_deep_copy(m.root);
    pc_proto_manifest_free(&m);
    json_object_set_new(payload, "rollback_of", json_integer(to));
    bool ok = payload && seal_next(store, dept, payload, serial, err, errsize);
    json_decref(payload);
    return ok;
}

int64_t pc_recv_published_serial(const char *store)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/manifests", store);
    DIR *d = opendir(dir);
    struct dirent *e;
    int64_t top = 0;
    while (d && (e = readdir(d)) != NULL) {
        char *end = NULL;
        long long n = strtoll(e->d_name, &end, 10);
        if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && end && strcmp(end, ".pcmanifest") == 0 &&
            n > top)
            top = n;
    }
    if (d)
        closedir(d);
    return top;
}

char *pc_recv_published_manifest(const char *store, size_t *len)
{
    int64_t serial = pc_recv_published_serial(store);
    return serial > 0 ? read_manifest(store, serial, len) : NULL;
}

char *pc_recv_published_file(const char *store, const char *sha256, size_t *len)
{
    if (!pc_proto_sha256_ok(sha256))
        return NULL;
    char path[1200], err[256], hash[PC_PROTO_HASH_HEX];
    snprintf(path, sizeof path, "%s/files/%s", store, sha256);
    char *data = pc_file_read(path, len, err, sizeof err);
    if (data)
        pc_proto_body_hash(data, *len, hash);
    if (data && strcmp(hash, sha256) != 0) { /* changed behind the store's back */
        free(data);
        data = NULL;
    }
    return data;
}

char *pc_recv_published_pack(const char *store, const char *name, size_t *len)
{
    json_t *payload = latest_payload(store);
    size_t n = strlen(name), i;
    bool sig = n > 4 && strcmp(name + n - 4, ".sig") == 0;
    json_t *item;
    const char *sha = NULL;
    json_array_foreach(json_object_get(payload, "packs"), i, item)
    {
        const char *file = json_string_value(json_object_get(item, "file"));
        if (file && strlen(file) == (sig ? n - 4 : n) && strncmp(file, name, strlen(file)) == 0)
            sha = json_string_value(json_object_get(item, "sha256"));
    }
    char *data = NULL;
    if (sha && !sig) {
        data = pc_recv_published_file(store, sha, len);
    } else if (sha && pc_proto_sha256_ok(sha)) {
        char path[1200], err[256];
        snprintf(path, sizeof path, "%s/files/%s.sig", store, sha);
        data = pc_file_read(path, len, err, sizeof err);
    }
    json_decref(payload);
    return data;
}

json_t *pc_recv_published_versions(const char *store)
{
    json_t *payload = latest_payload(store);
    json_t *out = payload ? json_array() : NULL;
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(payload, "packs"), i, item)
        json_array_append_new(out, json_pack("{s:O, s:O}", "id", json_object_get(item, "id"),
                                             "version", json_object_get(item, "version")));
    json_decref(payload);
    return out;
}

/* ------------------------------------------------------------------ static */

/* Every pack of the directory, loaded and linted here, with the source text it quotes. */
static bool add_packs(publish *p, FILE *log)
{
    DIR *d = opendir(p->dir);
    if (!d) {
        snprintf(p->err, p->errsize, "%s: %s", p->dir, strerror(errno));
        return false;
    }
    struct dirent *e;
    bool ok = true;
    size_t n = 0;
    while (ok && (e = readdir(d)) != NULL) {
        if (!is_pack_file(e->d_name))
            continue;
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", p->dir, e->d_name);
        pc_pack *pack = pc_pack_load(path, p->err, p->errsize);
        int problems = pack ? pc_pack_lint(pack, log ? log : stderr) : 0;
        char want[160];
        snprintf(want, sizeof want, "%s.yaml", pack ? pack->id : "");
        if (pack && problems > 0)
            snprintf(p->err, p->errsize, "%s: lint found %d problem(s)", path, problems);
        else if (pack && strcmp(want, e->d_name) != 0)
            snprintf(p->err, p->errsize, "%s: a pack's file must be named <id>.yaml (%s)", path,
                     want);
        ok = pack && problems == 0 && strcmp(want, e->d_name) == 0 &&
             add_file(p, p->packs, e->d_name, pack) &&
             (!pack->source_path || add_file(p, p->sources, pack->source_path, NULL));
        n += ok;
        pc_pack_free(pack);
    }
    closedir(d);
    if (ok && n == 0)
        snprintf(p->err, p->errsize, "%s holds no pack", p->dir);
    return ok && n > 0;
}

/* Copies dir/rel into files/<sha256> (a pack gets its pc-pack/1 signature beside it) and
 * lists it; a file already listed (two packs quoting one text) is listed once. */
static bool add_file(publish *p, json_t *list, const char *rel, const pc_pack *pack)
{
    char path[1200], dst[1200], hash[PC_PROTO_HASH_HEX];
    size_t len = 0, i;
    json_t *item;
    json_array_foreach(list, i, item) if (strcmp(json_string_value(json_object_get(item, "file")),
                                                 rel) == 0) return true;
    snprintf(path, sizeof path, "%s/%s", p->dir, rel);
    char *data = pc_file_read(path, &len, p->err, p->errsize);
    if (!data)
        return false;
    pc_proto_body_hash(data, len, hash);
    snprintf(dst, sizeof dst, "%s/files/%s", p->store, hash);
    bool ok = pc_proto_write_atomic(dst, data, len, p->err, p->errsize);
    if (ok && pack) {
        char sig[PC_PROTO_SIG_B64 + 2];
        pc_proto_pack_sign(p->dept, data, len, sig, sizeof sig);
        snprintf(dst, sizeof dst, "%s/files/%s.sig", p->store, hash);
        ok = pc_proto_write_atomic(dst, sig, strlen(sig), p->err, p->errsize);
    }
    free(data);
    json_t *entry = pack ? json_pack("{s:s, s:s, s:s, s:s}", "id", pack->id, "version",
                                     pack->version, "file", rel, "sha256", hash)
                         : json_pack("{s:s, s:s}", "file", rel, "sha256", hash);
    return ok && json_array_append_new(list, entry) == 0;
}

static bool add_calendar(publish *p)
{
    char dir[1100];
    snprintf(dir, sizeof dir, "%s/calendar", p->dir);
    DIR *d = opendir(dir);
    struct dirent *e;
    bool ok = true;
    while (d && ok && (e = readdir(d)) != NULL) {
        char rel[300], full[1500];
        struct stat st;
        snprintf(full, sizeof full, "%s/%s", dir, e->d_name);
        if (!pc_proto_manifest_name_ok(e->d_name) || stat(full, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        snprintf(rel, sizeof rel, "calendar/%s", e->d_name);
        ok = add_file(p, p->calendar, rel, NULL);
    }
    if (d)
        closedir(d);
    return ok;
}

/* Serial and time, sealed, checked as a kiosk will read it, written last. */
static bool seal_next(const char *store, const pc_kiosk_key *dept, json_t *payload, int64_t *serial,
                      char *err, size_t errsize)
{
    *serial = pc_recv_published_serial(store) + 1;
    json_object_set_new(payload, "serial", json_integer(*serial));
    json_object_set_new(payload, "published_at", json_integer((json_int_t)time(NULL)));
    pc_proto_manifest check;
    if (!pc_proto_manifest_from_json(json_incref(payload), &check, err, errsize))
        return false;
    pc_proto_manifest_free(&check);
    char *text = pc_proto_manifest_seal(dept, payload);
    char path[1200];
    snprintf(path, sizeof path, "%s/manifests/%" PRId64 ".pcmanifest", store, *serial);
    bool ok = text && make_dirs(store, err, errsize) &&
              pc_proto_write_atomic(path, text, strlen(text), err, errsize);
    if (!text)
        snprintf(err, errsize, "out of memory");
    free(text);
    return ok;
}

static bool make_dirs(const char *store, char *err, size_t errsize)
{
    char path[1100];
    const char *subs[] = {"", "/files", "/manifests"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", store, subs[i]);
        if (mkdir(path, 0755) != 0 && errno != EEXIST) {
            snprintf(err, errsize, "%s: %s", path, strerror(errno));
            return false;
        }
    }
    return true;
}

static char *read_manifest(const char *store, int64_t serial, size_t *len)
{
    char path[1200], err[256];
    snprintf(path, sizeof path, "%s/manifests/%" PRId64 ".pcmanifest", store, serial);
    return pc_file_read(path, len, err, sizeof err);
}

/* The latest manifest's payload as written by this store (not verified: the store is
 * the department's own; kiosks verify). */
static json_t *latest_payload(const char *store)
{
    size_t len = 0;
    char *text = pc_recv_published_manifest(store, &len);
    json_t *env = text ? json_loadb(text, len, 0, NULL) : NULL;
    const char *payload = json_string_value(json_object_get(env, "payload"));
    json_t *out = payload ? json_loads(payload, 0, NULL) : NULL;
    json_decref(env);
    free(text);
    return out;
}

static bool is_pack_file(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && name[0] != '.' && strcmp(name + n - 5, ".yaml") == 0 &&
           !(n > 11 && strcmp(name + n - 11, ".cases.yaml") == 0);
}
