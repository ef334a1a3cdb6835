/* sync_bundle.c — signed offline bundles and acknowledgement files (see sync_bundle.h;
 * the format is in sync/PROTOCOL.md, "Offline bundles"). */
#include "sync_bundle.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sync_files.h"
#include "sync_wire.h"

static json_t *all_pending(pc_store *store, char *err, size_t errsize);

bool pcs_bundle_export(pc_store *store, const pc_kiosk_key *key, const char *dir,
                       char *path, size_t path_size, size_t *n, char *err, size_t errsize)
{
    json_t *subs = all_pending(store, err, errsize);
    if (!subs)
        return false;
    *n = json_array_size(subs);
    time_t now = time(NULL);
    struct tm tm;
    char stamp[32];
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    json_t *payload = json_pack("{s:i, s:s, s:s, s:o}", "protocol", PCS_PROTOCOL, "kiosk_id",
                                key->kiosk_id, "exported_at", stamp, "submissions", subs);
    char *text = payload ? pcs_envelope_seal(PCS_FORMAT_BUNDLE, key, payload) : NULL;
    json_decref(payload);
    snprintf(path, path_size, "%s/%s-%s.pcbundle", dir, key->kiosk_id, stamp);
    bool ok = text && pcs_write_atomic(path, text, strlen(text), err, errsize);
    if (!text)
        snprintf(err, errsize, "out of memory");
    free(text);
    return ok;
}

static json_t *all_pending(pc_store *store, char *err, size_t errsize)
{
    json_t *all = json_array();
    int64_t after = 0;
    for (;;) {
        json_t *part = NULL;
        int64_t last = after;
        pc_store_status st = pc_store_list_unsynced(store, after, 1000, &part, &last);
        if (st != PC_STORE_OK) {
            snprintf(err, errsize, "store: %s: %s", pc_store_status_name(st),
                     pc_store_errmsg(store));
            json_decref(all);
            return NULL;
        }
        size_t n = json_array_size(part);
        json_array_extend(all, part);
        json_decref(part);
        if (n == 0)
            return all;
        after = last;
    }
}

bool pcs_bundle_import(rdb *db, const pc_keyring *kiosks, const char *text, size_t len,
                       pcs_import *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    json_t *payload = pcs_envelope_open(text, len, PCS_FORMAT_BUNDLE, kiosks, out->kiosk_id,
                                        err, errsize);
    pcs_batch batch;
    if (!payload || !pcs_batch_from_json(payload, out->kiosk_id, SIZE_MAX, &batch, err, errsize))
        return false;
    char *answer = rdb_store_batch(db, out->kiosk_id, NULL, NULL, &batch, "bundle", &out->n_new);
    out->n = batch.n;
    pcs_batch_free(&batch);
    pcs_answer a;
    if (!answer || !pcs_answer_parse(answer, strlen(answer), &a, err, errsize)) {
        if (!answer)
            snprintf(err, errsize, "database: %s", rdb_errmsg(db));
        free(answer);
        return false;
    }
    free(answer);
    out->acked = json_incref(json_object_get(a.root, "acknowledged"));
    out->n_already = (size_t)a.already_present;
    out->n_rejected = a.n_rejected;
    pcs_answer_free(&a);
    return true;
}

void pcs_import_free(pcs_import *imp)
{
    json_decref(imp->acked);
    imp->acked = NULL;
}

char *pcs_ack_make(const pc_kiosk_key *dept, const char *kiosk_id, json_t *acked)
{
    json_t *payload = json_pack("{s:i, s:s, s:O}", "protocol", PCS_PROTOCOL, "kiosk_id",
                                kiosk_id, "acknowledged", acked);
    char *text = payload ? pcs_envelope_seal(PCS_FORMAT_ACK, dept, payload) : NULL;
    json_decref(payload);
    return text;
}

bool pcs_ack_apply(pc_store *store, const char *kiosk_id, const pc_keyring *dept,
                   const char *text, size_t len, size_t *n_marked, char *err, size_t errsize)
{
    char signer[PC_KIOSK_ID_MAX + 1];
    *n_marked = 0;
    json_t *p = pcs_envelope_open(text, len, PCS_FORMAT_ACK, dept, signer, err, errsize);
    const char *kid = json_string_value(json_object_get(p, "kiosk_id"));
    json_t *acked = json_object_get(p, "acknowledged");
    size_t n = json_array_size(acked);
    const char **ids = p ? calloc(n ? n : 1, sizeof *ids) : NULL;
    bool ok = ids && kid && strcmp(kid, kiosk_id) == 0 && json_is_array(acked);
    for (size_t i = 0; ok && i < n; i++)
        ok = pcs_receipt_id_ok(ids[i] = json_string_value(json_array_get(acked, i)));
    if (p && !ok)
        snprintf(err, errsize, "acknowledgement is for another kiosk or not well formed");
    pc_store_status st = ok ? pc_store_mark_synced(store, ids, n, (int64_t)time(NULL), n_marked)
                            : PC_STORE_OK;
    if (st != PC_STORE_OK) {
        snprintf(err, errsize, "store: %s", pc_store_errmsg(store));
        ok = false;
    }
    free(ids);
    json_decref(p);
    return ok;
}
