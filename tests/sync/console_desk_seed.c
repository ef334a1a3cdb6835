/* console_desk_seed.c — a staff desk's records for the console's tests (see
 * console_desk_seed.h). */
#include "console_desk_seed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_store.h"
#include "desk_sync.h"
#include "receipt.h"

typedef struct walk {
    desk_store *store;
    const pc_kiosk_key *const *keys; /* the kiosks whose receipts the desk scans */
    size_t n_keys, n, records;
    pc_receipt *rc; /* scratch */
} walk;

/* The scan before the records: the receipt re-signed from what the department holds
 * (no answers in it), kept by the desk as it keeps a genuine scan, so that the desk
 * knows the receipt's kiosk. Rows of a kiosk without a key are not scanned (the desk
 * then sends no kiosk id, as after its retention wiped the text). */
static bool scan(walk *w, const pc_recv_row *row, json_t *doc, int64_t at)
{
    const pc_kiosk_key *key = NULL;
    for (size_t i = 0; !key && i < w->n_keys; i++)
        key = strcmp(w->keys[i]->kiosk_id, row->kiosk_id) == 0 ? w->keys[i] : NULL;
    if (!key)
        return true;
    pc_receipt *rc = w->rc;
    char text[PC_RECEIPT_MAX_TEXT];
    int outcome = pc_outcome_from_name(
        json_string_value(json_object_get(json_object_get(doc, "result"), "outcome")));
    memset(rc, 0, sizeof *rc);
    rc->format = PC_RECEIPT_FORMAT;
    rc->created_at = at - 3600;
    rc->outcome = outcome >= 0 ? (pc_outcome)outcome : rc->outcome;
    snprintf(rc->receipt_id, sizeof rc->receipt_id, "%s", row->receipt_id);
    snprintf(rc->kiosk_id, sizeof rc->kiosk_id, "%s", row->kiosk_id);
    snprintf(rc->policy_id, sizeof rc->policy_id, "%s",
             json_string_value(json_object_get(doc, "policy_id")));
    snprintf(rc->pack_version, sizeof rc->pack_version, "%s",
             json_string_value(json_object_get(doc, "pack_version")));
    pc_key_id(key->pk, rc->key_id);
    desk_event e = {row->receipt_id, "scan", "0001", at - 60, "valid", "", "[]"};
    return pc_receipt_encode(rc, key, NULL, text, sizeof text, NULL) &&
           desk_scan_add(w->store, &e, text) == DESK_OK;
}

/* Every third pre-check reached the desk: scanned, 收件, then 受理 (two in three) or
 * 退回; and every seventh one that was not received was scanned and refused outright. */
static bool record(void *ctx, const pc_recv_row *row)
{
    walk *w = ctx;
    size_t i = w->n++;
    if (i % 3 != 0 && i % 7 != 0)
        return true;
    json_t *doc = json_loads(row->doc, 0, NULL);
    int64_t at = json_integer_value(json_object_get(doc, "created_at_unix")) + 3600;
    bool ok = scan(w, row, doc, at);
    json_decref(doc);
    desk_event recv = {row->receipt_id, "receive", "0001", at, "", "", "[0, 1]"};
    desk_event then = i % 9 == 6
                          ? (desk_event){row->receipt_id,          "return", "0002", at + 600, "",
                                         "材料不齐：缺少情况说明", "[]"}
                          : (desk_event){row->receipt_id, "accept", "0001", at + 600, "", "", "[]"};
    desk_event refuse = {row->receipt_id, "refuse", "0002", at, "", "不属于本政策适用范围", "[]"};
    if (i % 3 == 0) {
        ok = ok && desk_event_add(w->store, &recv) == DESK_OK &&
             desk_event_add(w->store, &then) == DESK_OK;
        w->records += 2;
    } else {
        ok = ok && desk_event_add(w->store, &refuse) == DESK_OK;
        w->records++;
    }
    return ok;
}

void desk_seed_make(fixture *f, const pc_kiosk_key *const *keys, size_t n_keys, desk_seed *ds)
{
    char err[600], ring[600], key[600];
    memset(ds, 0, sizeof *ds);
    snprintf(ring, sizeof ring, "%s/desks.keyring", f->dir);
    snprintf(key, sizeof key, "%s/desk.key", f->dir);
    snprintf(ds->db, sizeof ds->db, "%s/desk.db", f->dir);
    if (!pc_kiosk_key_generate(&ds->key, "hall1-desk1", err, sizeof err) ||
        !pc_kiosk_key_save(&ds->key, key, err, sizeof err) ||
        !pc_keyring_append(ring, "hall1-desk1", ds->key.pk, err, sizeof err) ||
        !pc_keyring_load(&ds->ring, ring, err, sizeof err))
        die("desk key", err);
    walk w = {.keys = keys, .n_keys = n_keys, .rc = malloc(sizeof *w.rc)};
    if (!w.rc || !desk_store_open(ds->db, &w.store, err, sizeof err))
        die("desk store", w.rc ? err : "out of memory");
    pc_recv_store *db = fixture_store(f);
    if (!pc_recv_store_each(db, 0, record, &w))
        die("desk records", pc_recv_store_errmsg(db));
    pc_recv_store_close(db);
    desk_store_close(w.store);
    free(w.rc);
    ds->records = w.records;
}

bool desk_seed_sync(fixture *f, const site *s, desk_seed *ds)
{
    char key[600], url[600], dept[600];
    snprintf(key, sizeof key, "%s/desk.key", f->dir);
    snprintf(dept, sizeof dept, "%s/dept.keyring", f->dir);
    fixture_point(f, s);
    snprintf(url, sizeof url, "%s", f->cfg.url);
    char *argv[] = {"sync", "--db", ds->db, "--url", url, "--key", key, "--department-keys",
                    dept,   NULL};
    return desk_sync_main(9, argv) == 0;
}

void desk_seed_done(desk_seed *ds)
{
    pc_kiosk_key_wipe(&ds->key);
    pc_keyring_free(&ds->ring);
}
