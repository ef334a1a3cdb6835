/* client_bundle.c — bundle export and acknowledgement import at the kiosk (see
 * client_bundle.h; the format is in sync/PROTOCOL.md, "Offline bundles"). */
#include "client_bundle.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proto_envelope.h"
#include "proto_files.h"

static json_t *all_pending(pc_store *store, char *err, size_t errsize);

bool pc_client_bundle_export(pc_store *store, const pc_kiosk_key *key, const char *dir, char *path,
                             size_t path_size, size_t *n, char *err, size_t errsize)
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
    char *text = pc_proto_bundle_seal(key, subs, stamp);
    json_decref(subs);
    snprintf(path, path_size, "%s/%s-%s.pcbundle", dir, key->kiosk_id, stamp);
    bool ok = text && pc_proto_write_atomic(path, text, strlen(text), err, errsize);
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

bool pc_client_ack_apply(pc_store *store, const char *kiosk_id, const pc_keyring *dept,
                         const char *text, size_t len, size_t *n_marked, char *err, size_t errsize)
{
    pc_proto_ack ack;
    *n_marked = 0;
    if (!pc_proto_ack_open(text, len, dept, kiosk_id, &ack, err, errsize))
        return false;
    pc_store_status st = pc_store_mark_synced(store, ack.ids, ack.n, (int64_t)time(NULL), n_marked);
    if (st != PC_STORE_OK)
        snprintf(err, errsize, "store: %s", pc_store_errmsg(store));
    pc_proto_ack_free(&ack);
    return st == PC_STORE_OK;
}
