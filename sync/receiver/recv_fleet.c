/* recv_fleet.c — the console's fleet: every enrolled kiosk and every kiosk that ever
 * reported, with its latest status, how long it has been silent, and which of its
 * packs are not the versions last published (or, with nothing published, older than
 * the receiver's) (see recv_report.h). */
#include "recv_report.h"

#include <stdlib.h>
#include <string.h>

#include "recv_rollup.h"

typedef struct fleet {
    json_t *kiosks; /* {kiosk_id: entry} */
    const pc_recv_filter *f;
    const pc_pack_set *packs;
    json_t *published; /* the latest manifest's [{"id","version"}] (borrowed), or NULL */
} fleet;

static json_t *entry_for(fleet *fl, const char *kiosk_id, bool enrolled);
static bool status_row(void *ctx, const pc_recv_status_row *row);
static bool contact_row(void *ctx, const pc_recv_row *row);
static bool contact_roll(void *ctx, const pc_recv_roll_row *row);
static void contact_add(fleet *fl, const char *kiosk_id, json_int_t n, int64_t last);
static json_t *packs_behind(const pc_pack_set *packs, json_t *reported);
static json_t *packs_not_published(json_t *published, json_t *reported);
static const char *reported_version(json_t *reported, const char *id);
static json_t *finish(fleet *fl, int64_t now, int silent_hours);

json_t *pc_recv_report_fleet(pc_recv_store *s, const pc_pack_set *packs, const pc_keyring *enrolled,
                             const pc_recv_filter *f, int64_t now, int silent_hours, char *err,
                             size_t errsize)
{
    return pc_recv_report_fleet_published(s, packs, NULL, 0, enrolled, f, now, silent_hours, err,
                                          errsize);
}

json_t *pc_recv_report_fleet_published(pc_recv_store *s, const pc_pack_set *packs,
                                       json_t *published, int64_t published_serial,
                                       const pc_keyring *enrolled, const pc_recv_filter *f,
                                       int64_t now, int silent_hours, char *err, size_t errsize)
{
    fleet fl = {json_object(), f, packs, published};
    for (size_t i = 0; fl.kiosks && enrolled && i < enrolled->n; i++)
        entry_for(&fl, enrolled->entries[i].kiosk_id, true);
    bool ok = fl.kiosks && pc_recv_store_status_each(s, status_row, &fl) &&
              pc_recv_rollup_read(s, f->recount, 'k', contact_roll, contact_row, &fl);
    json_t *out =
        ok ? finish(&fl, now, silent_hours > 0 ? silent_hours : PC_RECV_SILENT_HOURS_DEFAULT)
           : NULL;
    if (!out)
        snprintf(err, errsize, "%s", ok ? "out of memory" : pc_recv_store_errmsg(s));
    json_decref(fl.kiosks);
    if (out)
        json_object_set_new(out, "published_serial", json_integer(published_serial));
    return out;
}

/* The kiosk's entry, made on first sight; NULL when the filter leaves it out. */
static json_t *entry_for(fleet *fl, const char *kiosk_id, bool enrolled)
{
    char hall[PC_RECV_HALL_MAX];
    pc_recv_hall_of(kiosk_id, hall);
    if ((fl->f->hall[0] && strcmp(hall, fl->f->hall) != 0) ||
        (fl->f->kiosk[0] && strcmp(kiosk_id, fl->f->kiosk) != 0))
        return NULL;
    json_t *e = json_object_get(fl->kiosks, kiosk_id);
    if (!e) {
        e = json_pack("{s:s, s:s, s:b, s:I, s:s, s:n, s:n, s:[], s:n, s:n, s:n, s:n, s:n,"
                      " s:I, s:I}",
                      "kiosk_id", kiosk_id, "hall", hall, "enrolled", 0, "last_contact",
                      (json_int_t)0, "printer", "unknown", "queue_depth", "last_sync_at",
                      "packs_behind", "program_version", "clock_offset_s", "clock_seen_s",
                      "free_disk_bytes", "last_error", "submissions", (json_int_t)0, "status_at",
                      (json_int_t)0);
        json_object_set_new(e, "manifest_serial", json_null());
        json_object_set_new(fl->kiosks, kiosk_id, e);
    }
    if (enrolled)
        json_object_set_new(e, "enrolled", json_true());
    return e;
}

static bool status_row(void *ctx, const pc_recv_status_row *row)
{
    fleet *fl = ctx;
    json_t *e = entry_for(fl, row->kiosk_id, false);
    json_t *doc = e ? json_loads(row->doc, 0, NULL) : NULL;
    if (!doc)
        return true;
    static const char *const keys[] = {"printer",         "queue_depth",    "last_sync_at",
                                       "program_version", "clock_offset_s", "free_disk_bytes",
                                       "last_error",      "manifest_serial"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (json_object_get(doc, keys[i]))
            json_object_set(e, keys[i], json_object_get(doc, keys[i]));
    json_object_set_new(e, "clock_seen_s", json_integer(row->clock_seen));
    json_object_set_new(e, "status_at", json_integer(row->received_at));
    json_t *have = json_object_get(doc, "packs");
    json_object_set_new(e, "packs_behind",
                        fl->published ? packs_not_published(fl->published, have)
                                      : packs_behind(fl->packs, have));
    if (row->received_at > json_integer_value(json_object_get(e, "last_contact")))
        json_object_set_new(e, "last_contact", json_integer(row->received_at));
    json_decref(doc);
    return true;
}

static bool contact_row(void *ctx, const pc_recv_row *row)
{
    contact_add(ctx, row->kiosk_id, 1, row->received_at);
    return true;
}

static bool contact_roll(void *ctx, const pc_recv_roll_row *row)
{
    if (row->kind == 'k')
        contact_add(ctx, row->kiosk_id, row->a, row->b);
    return true;
}

static void contact_add(fleet *fl, const char *kiosk_id, json_int_t n, int64_t last)
{
    json_t *e = entry_for(fl, kiosk_id, false);
    if (!e)
        return;
    json_object_set_new(e, "submissions",
                        json_integer(json_integer_value(json_object_get(e, "submissions")) + n));
    if (last > json_integer_value(json_object_get(e, "last_contact")))
        json_object_set_new(e, "last_contact", json_integer(last));
}

/* Packs the receiver has in a newer version than the kiosk (or the kiosk lacks). */
static json_t *packs_behind(const pc_pack_set *packs, json_t *reported)
{
    json_t *behind = json_array();
    for (size_t i = 0; packs && i < packs->n_packs; i++) {
        const pc_pack *p = packs->packs[i];
        const char *have = NULL;
        size_t j;
        json_t *r;
        json_array_foreach(reported, j, r)
        {
            const char *rid = json_string_value(json_object_get(r, "id"));
            if (rid && strcmp(rid, p->id) == 0)
                have = json_string_value(json_object_get(r, "version"));
        }
        if (!have || pc_proto_version_cmp(have, p->version) < 0)
            json_array_append_new(behind, json_pack("{s:s, s:s?, s:s}", "id", p->id, "kiosk", have,
                                                    "current", p->version));
    }
    return behind;
}

static json_t *packs_not_published(json_t *published, json_t *reported)
{
    json_t *behind = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(published, i, p)
    {
        const char *id = json_string_value(json_object_get(p, "id"));
        const char *want = json_string_value(json_object_get(p, "version"));
        const char *have = id ? reported_version(reported, id) : NULL;
        if (id && want && (!have || strcmp(have, want) != 0))
            json_array_append_new(
                behind, json_pack("{s:s, s:s?, s:s}", "id", id, "kiosk", have, "current", want));
    }
    return behind;
}

static const char *reported_version(json_t *reported, const char *id)
{
    size_t j;
    json_t *r;
    json_array_foreach(reported, j, r)
    {
        const char *rid = json_string_value(json_object_get(r, "id"));
        if (rid && strcmp(rid, id) == 0)
            return json_string_value(json_object_get(r, "version"));
    }
    return NULL;
}

static int key_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The kiosks by id (the rollups and the rows meet them in no useful order). */
static json_t *finish(fleet *fl, int64_t now, int silent_hours)
{
    json_t *list = json_array(), *halls = json_object(), *hall_list = json_array();
    size_t n = json_object_size(fl->kiosks), k = 0;
    const char **ids = calloc(n ? n : 1, sizeof *ids);
    const char *id;
    json_t *e;
    json_object_foreach(fl->kiosks, id, e) if (ids) ids[k++] = id;
    if (ids)
        qsort(ids, n, sizeof *ids, key_cmp);
    for (size_t i = 0; ids && i < n; i++) {
        e = json_object_get(fl->kiosks, ids[i]);
        int64_t last = json_integer_value(json_object_get(e, "last_contact"));
        json_object_set_new(e, "silent",
                            json_boolean(last == 0 || now - last > (int64_t)silent_hours * 3600));
        json_array_append(list, e);
        const char *hall = json_string_value(json_object_get(e, "hall"));
        if (!json_object_get(halls, hall))
            json_array_append_new(hall_list, json_string(hall));
        json_object_set_new(halls, hall, json_true());
    }
    free(ids);
    json_decref(halls);
    if (!ids) {
        json_decref(list);
        json_decref(hall_list);
        return NULL;
    }
    return json_pack("{s:I, s:i, s:o, s:o}", "now", (json_int_t)now, "silent_hours", silent_hours,
                     "kiosks", list, "halls", hall_list);
}
