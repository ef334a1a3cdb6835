/* proto_manifest.c — the pack manifest's envelope and its checked reading (see
 * proto_manifest.h; the format is in sync/PROTOCOL.md, "Pack rollout"). */
#include "proto_manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto_envelope.h"

static bool read_list(pc_proto_manifest *m, json_t *list, pc_proto_manifest_kind kind, char *err,
                      size_t errsize);
static bool read_file(pc_proto_manifest_file *f, json_t *item, pc_proto_manifest_kind kind,
                      char *why, size_t whysize);
static bool path_ok(const char *path, pc_proto_manifest_kind kind);
static bool whole_number(json_t *v, int64_t min, int64_t *out);

bool pc_proto_sha256_ok(const char *hex)
{
    return hex && strlen(hex) == PC_PROTO_HASH_HEX - 1 &&
           strspn(hex, "0123456789abcdef") == PC_PROTO_HASH_HEX - 1;
}

bool pc_proto_manifest_name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    return n > 0 && n < 128 && name[0] != '.' &&
           strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

char *pc_proto_manifest_seal(const pc_kiosk_key *dept, json_t *payload)
{
    return pc_proto_envelope_seal(PC_PROTO_FORMAT_MANIFEST, dept, payload);
}

bool pc_proto_manifest_open(const char *text, size_t len, const pc_keyring *dept,
                            pc_proto_manifest *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    char signer[PC_KIOSK_ID_MAX + 1] = "";
    if (len > PC_PROTO_MANIFEST_MAX_BYTES) {
        snprintf(err, errsize, "manifest larger than %u bytes", PC_PROTO_MANIFEST_MAX_BYTES);
        return false;
    }
    json_t *payload =
        pc_proto_envelope_open(text, len, PC_PROTO_FORMAT_MANIFEST, dept, signer, err, errsize);
    if (!payload)
        return false;
    if (!pc_proto_manifest_from_json(payload, out, err, errsize))
        return false;
    snprintf(out->signer, sizeof out->signer, "%s", signer);
    return true;
}

bool pc_proto_manifest_from_json(json_t *payload, pc_proto_manifest *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    out->root = payload;
    json_t *rb = json_object_get(payload, "rollback_of");
    const char *why =
        !json_is_object(payload) ? "the manifest is not a JSON object"
        : json_integer_value(json_object_get(payload, "protocol")) != PC_PROTO_VERSION
            ? "protocol: must be 1"
        : !whole_number(json_object_get(payload, "serial"), 1, &out->serial)
            ? "serial: must be a whole number from 1"
        : !whole_number(json_object_get(payload, "published_at"), 0, &out->published_at)
            ? "published_at: must be a whole number of seconds"
        : rb && !json_is_null(rb) && !whole_number(rb, 1, &out->rollback_of)
            ? "rollback_of: must be a serial or null"
            : NULL;
    size_t n = json_array_size(json_object_get(payload, "packs")) +
               json_array_size(json_object_get(payload, "sources")) +
               json_array_size(json_object_get(payload, "calendar"));
    if (!why && n > PC_PROTO_MANIFEST_MAX_FILES)
        why = "too many files";
    if (!why && !(out->files = calloc(n ? n : 1, sizeof *out->files)))
        why = "out of memory";
    if (why) {
        snprintf(err, errsize, "%s", why);
        pc_proto_manifest_free(out);
        return false;
    }
    bool ok =
        read_list(out, json_object_get(payload, "packs"), PC_PROTO_MANIFEST_PACK, err, errsize) &&
        read_list(out, json_object_get(payload, "sources"), PC_PROTO_MANIFEST_SOURCE, err,
                  errsize) &&
        read_list(out, json_object_get(payload, "calendar"), PC_PROTO_MANIFEST_CALENDAR, err,
                  errsize);
    if (ok && out->n_packs == 0) {
        snprintf(err, errsize, "packs: the manifest names no pack");
        ok = false;
    }
    if (!ok)
        pc_proto_manifest_free(out);
    return ok;
}

const pc_proto_manifest_file *pc_proto_manifest_find(const pc_proto_manifest *m, const char *path)
{
    for (size_t i = 0; i < m->n_files; i++)
        if (strcmp(m->files[i].path, path) == 0)
            return &m->files[i];
    return NULL;
}

void pc_proto_manifest_free(pc_proto_manifest *m)
{
    json_decref(m->root);
    free(m->files);
    memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------------ static */

static bool read_list(pc_proto_manifest *m, json_t *list, pc_proto_manifest_kind kind, char *err,
                      size_t errsize)
{
    static const char *const names[] = {"packs", "sources", "calendar"};
    if (!json_is_array(list)) {
        snprintf(err, errsize, "%s: must be a list", names[kind]);
        return false;
    }
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item)
    {
        pc_proto_manifest_file *f = &m->files[m->n_files];
        char why[96];
        if (!read_file(f, item, kind, why, sizeof why)) {
            snprintf(err, errsize, "%s[%zu]: %s", names[kind], i, why);
            return false;
        }
        if (pc_proto_manifest_find(m, f->path)) {
            snprintf(err, errsize, "%s[%zu]: %s is named twice", names[kind], i, f->path);
            return false;
        }
        for (size_t k = 0; kind == PC_PROTO_MANIFEST_PACK && k < m->n_packs; k++)
            if (strcmp(m->files[k].id, f->id) == 0) {
                snprintf(err, errsize, "packs[%zu]: pack %s is named twice", i, f->id);
                return false;
            }
        m->n_files++;
        if (kind == PC_PROTO_MANIFEST_PACK)
            m->n_packs++;
    }
    return true;
}

static bool read_file(pc_proto_manifest_file *f, json_t *item, pc_proto_manifest_kind kind,
                      char *why, size_t whysize)
{
    const char *path = json_string_value(json_object_get(item, "file"));
    const char *sha = json_string_value(json_object_get(item, "sha256"));
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->path = path;
    if (!path || !path_ok(path, kind)) {
        snprintf(why, whysize, "file: not a name this list may hold");
        return false;
    }
    if (!pc_proto_sha256_ok(sha)) {
        snprintf(why, whysize, "sha256: must be 64 lowercase hex digits");
        return false;
    }
    memcpy(f->sha256, sha, PC_PROTO_HASH_HEX);
    if (kind != PC_PROTO_MANIFEST_PACK)
        return true;
    f->id = json_string_value(json_object_get(item, "id"));
    f->version = json_string_value(json_object_get(item, "version"));
    char expect[160];
    snprintf(expect, sizeof expect, "%s.yaml", f->id ? f->id : "");
    if (!f->id || !f->version || !pc_proto_manifest_name_ok(f->version) ||
        strcmp(expect, path) != 0) {
        snprintf(why, whysize, "id, version: must be given, the file named <id>.yaml");
        return false;
    }
    return true;
}

/* "<name>.yaml" (not a case file) for packs, "sources/<name>", "calendar/<name>". */
static bool path_ok(const char *path, pc_proto_manifest_kind kind)
{
    static const char *const dirs[] = {"", "sources/", "calendar/"};
    size_t d = strlen(dirs[kind]), n = strlen(path);
    if (strncmp(path, dirs[kind], d) != 0 || !pc_proto_manifest_name_ok(path + d))
        return false;
    if (kind != PC_PROTO_MANIFEST_PACK)
        return true;
    return n > 5 && strcmp(path + n - 5, ".yaml") == 0 &&
           !(n > 11 && strcmp(path + n - 11, ".cases.yaml") == 0);
}

static bool whole_number(json_t *v, int64_t min, int64_t *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < min)
        return false;
    *out = (int64_t)json_integer_value(v);
    return true;
}
