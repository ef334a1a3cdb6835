/* client_status.c — gathering and sending the kiosk's status (see client_status.h). */
#include "client_status.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

#include "client_generation.h"
#include "file_read.h"
#include "pack.h"
#include "pc_version.h"
#include "proto_files.h"
#include "proto_status.h"
#include "rules_live.h"

/* The facts, owned here until the body is made. */
typedef struct facts {
    pc_proto_status st;
    char printer[32];
    pc_pack_set packs;
    pc_proto_pack_version *versions;
} facts;

static bool facts_gather(facts *f, const pc_client_config *cfg, pc_store *store,
                         const pc_kiosk_key *key, const pc_client_state *state);
static void facts_free(facts *f);
static int64_t free_disk(const char *database);
static pc_client_status_result classify(const pc_client_reply *rep, const pc_keyring *dept,
                                        const char *sig, char *why, size_t whysize);

/* ------------------------------------------------------------------ the state file */

void pc_client_state_path(const pc_client_config *cfg, char *out, size_t size)
{
    snprintf(out, size, "%s.sync-state.json", cfg->database);
}

void pc_client_state_load(const pc_client_config *cfg, pc_client_state *st)
{
    char path[PC_CLIENT_PATH_MAX + 32], err[256];
    size_t len = 0;
    memset(st, 0, sizeof *st);
    pc_client_state_path(cfg, path, sizeof path);
    char *text = pc_file_read(path, &len, err, sizeof err);
    json_t *j = text ? json_loadb(text, len, 0, NULL) : NULL;
    free(text);
    const char *e = json_string_value(json_object_get(j, "last_error"));
    json_t *clock = json_object_get(j, "clock_offset_s");
    snprintf(st->last_error, sizeof st->last_error, "%s", e ? e : "");
    st->last_error_at = json_integer_value(json_object_get(j, "last_error_at"));
    st->clock_known = json_is_integer(clock);
    st->clock_offset_s = json_integer_value(clock);
    json_decref(j);
}

bool pc_client_state_save(const pc_client_config *cfg, const pc_client_state *st)
{
    char path[PC_CLIENT_PATH_MAX + 32], err[256];
    pc_client_state_path(cfg, path, sizeof path);
    json_t *j =
        json_pack("{s:s?, s:I, s:o}", "last_error", st->last_error[0] ? st->last_error : NULL,
                  "last_error_at", (json_int_t)st->last_error_at, "clock_offset_s",
                  st->clock_known ? json_integer(st->clock_offset_s) : json_null());
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    bool ok = text && pc_proto_write_atomic(path, text, strlen(text), err, sizeof err);
    free(text);
    json_decref(j);
    return ok;
}

/* ------------------------------------------------------------------ sending */

pc_client_status_result pc_client_status_send(const pc_client_config *cfg, pc_store *store,
                                              const pc_kiosk_key *key, const pc_keyring *dept,
                                              pc_client_http *http, pc_client_state *state,
                                              char *why, size_t whysize)
{
    facts f;
    size_t len = 0;
    bool ok = facts_gather(&f, cfg, store, key, state);
    char *body = ok ? pc_proto_status_encode(&f.st, &len) : NULL;
    facts_free(&f);
    if (!body) {
        snprintf(why, whysize, "status: the store could not be read: %s", pc_store_errmsg(store));
        return PC_CLIENT_STATUS_LOCAL;
    }
    char hash[PC_PROTO_HASH_HEX], msg[PC_PROTO_MSG_MAX], sig[PC_PROTO_SIG_B64];
    char idem[PC_PROTO_IDEM_MAX + 1], url[PC_CLIENT_PATH_MAX + 32];
    int64_t ts = (int64_t)time(NULL);
    pc_proto_idem_new(idem);
    pc_proto_body_hash(body, len, hash);
    pc_proto_request_message(msg, sizeof msg, "POST", PC_PROTO_PATH_STATUS, key->kiosk_id, ts, idem,
                             hash);
    pc_proto_sign(key->sk, msg, strlen(msg), sig);
    snprintf(url, sizeof url, "%s%s", cfg->url, PC_PROTO_PATH_STATUS);
    pc_client_headers hd = {key->kiosk_id, sig, idem, ts, hash};
    pc_client_reply rep;
    pc_client_http_post(http, url, &hd, body, len, (long)cfg->timeout_seconds * 1000L, &rep);
    free(body);
    pc_client_status_result res = classify(&rep, dept, sig, why, whysize);
    if (!rep.transport_error && rep.date > 0) {
        state->clock_known = true;
        state->clock_offset_s = (int64_t)time(NULL) - rep.date;
    }
    pc_client_reply_free(&rep);
    return res;
}

static pc_client_status_result classify(const pc_client_reply *rep, const pc_keyring *dept,
                                        const char *sig, char *why, size_t whysize)
{
    if (rep->transport_error) {
        snprintf(why, whysize, "status: %s", rep->error);
        return PC_CLIENT_STATUS_TEMP;
    }
    long st = rep->status;
    char hash[PC_PROTO_HASH_HEX], msg[PC_PROTO_MSG_MAX], err[128];
    pc_proto_body_hash(rep->body, rep->len, hash);
    pc_proto_answer_message(msg, sizeof msg, (int)st, rep->timestamp, sig, hash);
    const pc_keyring_entry *e = pc_keyring_find(dept, rep->signer);
    bool signed_ok = e && pc_proto_verify(e->pk, msg, strlen(msg), rep->signature);
    int64_t at = 0;
    snprintf(why, whysize, "status: HTTP %ld: %.200s", st, rep->body);
    if (st == 408 || st == 429 || st >= 500)
        return PC_CLIENT_STATUS_TEMP;
    if (st == 401 || st == 403)
        return PC_CLIENT_STATUS_AUTH;
    if (st != 200)
        return PC_CLIENT_STATUS_REFUSED;
    if (!signed_ok) {
        snprintf(why, whysize, "status: answer not signed by a department key");
        return PC_CLIENT_STATUS_AUTH;
    }
    if (!pc_proto_status_answer_parse(rep->body, rep->len, &at, err, sizeof err)) {
        snprintf(why, whysize, "status: unusable answer: %s", err);
        return PC_CLIENT_STATUS_REFUSED;
    }
    why[0] = '\0';
    return PC_CLIENT_STATUS_SENT;
}

/* ------------------------------------------------------------------ the facts */

static bool facts_gather(facts *f, const pc_client_config *cfg, pc_store *store,
                         const pc_kiosk_key *key, const pc_client_state *state)
{
    memset(f, 0, sizeof *f);
    size_t pending = 0, synced = 0;
    int64_t last = 0;
    char err[256];
    if (pc_store_count(store, &pending, &synced) != PC_STORE_OK ||
        pc_store_last_synced_at(store, &last) != PC_STORE_OK)
        return false;
    pc_store_status ps =
        pc_store_get_state(store, "printer", f->printer, sizeof f->printer, &f->st.printer_at);
    if (ps != PC_STORE_OK && ps != PC_STORE_NOT_FOUND)
        return false;
    char live[PC_CLIENT_PATH_MAX + 16];
    pc_client_generation_info gen;
    pc_rules_live_dir(cfg->rules_dir, live, sizeof live); /* the set in force */
    pc_client_generation_info_load(cfg->rules_dir, &gen);
    if (!pc_pack_set_load_dir(&f->packs, live, err, sizeof err))
        memset(&f->packs, 0, sizeof f->packs); /* reported as no packs */
    f->versions = calloc(f->packs.n_packs + 1, sizeof *f->versions);
    if (!f->versions)
        return false;
    for (size_t i = 0; i < f->packs.n_packs; i++)
        f->versions[i] = (pc_proto_pack_version){f->packs.packs[i]->id, f->packs.packs[i]->version};
    f->st = (pc_proto_status){.kiosk_id = key->kiosk_id,
                              .sent_at = (int64_t)time(NULL),
                              .queue_depth = (int64_t)pending,
                              .synced_total = (int64_t)synced,
                              .last_sync_at = last,
                              .printer = pc_proto_printer_ok(f->printer) ? f->printer : "unknown",
                              .printer_at = f->st.printer_at,
                              .packs = f->versions,
                              .n_packs = f->packs.n_packs,
                              .program_version = PC_VERSION,
                              .clock_known = state->clock_known,
                              .clock_offset_s = state->clock_offset_s,
                              .free_disk_bytes = free_disk(cfg->database),
                              .last_error = state->last_error[0] ? state->last_error : NULL,
                              .last_error_at = state->last_error_at,
                              .manifest_serial = gen.serial};
    return true;
}

static void facts_free(facts *f)
{
    free(f->versions);
    pc_pack_set_free(&f->packs);
}

/* Bytes free for an unprivileged writer on the store's file system; -1 unknown. */
static int64_t free_disk(const char *database)
{
    char dir[PC_CLIENT_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", database);
    struct statvfs vfs;
    if (statvfs(dirname(dir), &vfs) != 0)
        return -1;
    return (int64_t)vfs.f_bavail * (int64_t)vfs.f_frsize;
}
