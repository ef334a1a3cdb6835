/* console_desk_seed.c — a staff desk's records for the console's tests (see
 * console_desk_seed.h). */
#include "console_desk_seed.h"

#include <stdio.h>
#include <string.h>

#include "desk_store.h"
#include "desk_sync.h"

typedef struct walk {
    desk_store *store;
    size_t n, records;
} walk;

/* Every third pre-check reached the desk: 收件, then 受理 (two in three) or 退回, and
 * every seventh one that was not received was refused outright. */
static bool record(void *ctx, const pc_recv_row *row)
{
    walk *w = ctx;
    json_t *doc = json_loads(row->doc, 0, NULL);
    int64_t at = json_integer_value(json_object_get(doc, "created_at_unix")) + 3600;
    json_decref(doc);
    size_t i = w->n++;
    desk_event e = {row->receipt_id, "receive", "0001", at, "", "", "[0, 1]"};
    bool ok = true;
    if (i % 3 == 0) {
        ok = desk_event_add(w->store, &e) == DESK_OK;
        e = i % 9 == 6 ? (desk_event){row->receipt_id,          "return", "0002", at + 600, "",
                                      "材料不齐：缺少情况说明", "[]"}
                       : (desk_event){row->receipt_id, "accept", "0001", at + 600, "", "", "[]"};
        ok = ok && desk_event_add(w->store, &e) == DESK_OK;
        w->records += 2;
    } else if (i % 7 == 0) {
        e = (desk_event){row->receipt_id, "refuse", "0002", at, "", "不属于本政策适用范围", "[]"};
        ok = desk_event_add(w->store, &e) == DESK_OK;
        w->records++;
    }
    return ok;
}

void desk_seed_make(fixture *f, desk_seed *ds)
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
    walk w = {0};
    if (!desk_store_open(ds->db, &w.store, err, sizeof err))
        die("desk store", err);
    pc_recv_store *db = fixture_store(f);
    if (!pc_recv_store_each(db, 0, record, &w))
        die("desk records", pc_recv_store_errmsg(db));
    pc_recv_store_close(db);
    desk_store_close(w.store);
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
