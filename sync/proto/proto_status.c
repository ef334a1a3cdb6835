/* proto_status.c — the kiosk status body and its answer (see proto_status.h and
 * sync/PROTOCOL.md, "Kiosk status"). */
#include "proto_status.h"

#include "proto_json.h"

#include <stdio.h>
#include <string.h>

static json_t *packs_json(const pc_proto_status *st);
static const char *check_packs(json_t *packs);
static const char *check_numbers(json_t *root);
static json_t *normalise(json_t *root);

bool pc_proto_printer_ok(const char *state)
{
    static const char *const states[] = {"ok", "paper_near_end", "out", "missing", "unknown"};
    for (size_t i = 0; state && i < sizeof states / sizeof *states; i++)
        if (strcmp(state, states[i]) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------------------ kiosk side */

char *pc_proto_status_encode(const pc_proto_status *st, size_t *len)
{
    json_t *clock = st->clock_known ? json_integer(st->clock_offset_s) : json_null();
    json_t *err = st->last_error ? json_string(st->last_error) : json_null();
    json_t *root = json_pack(
        "{s:i, s:s, s:I, s:I, s:I, s:I, s:s, s:I, s:o, s:s, s:o, s:I, s:o, s:I}", "protocol",
        PC_PROTO_VERSION, "kiosk_id", st->kiosk_id, "sent_at", (json_int_t)st->sent_at,
        "queue_depth", (json_int_t)st->queue_depth, "synced_total", (json_int_t)st->synced_total,
        "last_sync_at", (json_int_t)st->last_sync_at, "printer",
        pc_proto_printer_ok(st->printer) ? st->printer : "unknown", "printer_at",
        (json_int_t)st->printer_at, "packs", packs_json(st), "program_version",
        st->program_version ? st->program_version : "", "clock_offset_s", clock, "free_disk_bytes",
        (json_int_t)st->free_disk_bytes, "last_error", err, "last_error_at",
        (json_int_t)st->last_error_at);
    if (root) /* the pack manifest in force (sync/PROTOCOL.md, "Pack rollout") */
        json_object_set_new(root, "manifest_serial",
                            st->manifest_serial > 0 ? json_integer(st->manifest_serial)
                                                    : json_null());
    char *text = root ? json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(root);
    if (text && len)
        *len = strlen(text);
    return text;
}

static json_t *packs_json(const pc_proto_status *st)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < st->n_packs; i++)
        json_array_append_new(
            arr, json_pack("{s:s, s:s}", "id", st->packs[i].id, "version", st->packs[i].version));
    return arr;
}

/* ------------------------------------------------------------------ receiver side */

bool pc_proto_status_parse(const char *body, size_t len, const char *kiosk_id, json_t **doc,
                           char *err, size_t errsize)
{
    *doc = NULL;
    json_error_t je;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    const char *printer = json_string_value(json_object_get(root, "printer"));
    json_t *error = json_object_get(root, "last_error");
    json_t *clock = json_object_get(root, "clock_offset_s");
    json_t *serial = json_object_get(root, "manifest_serial");
    const char *numbers = json_is_object(root) ? check_numbers(root) : NULL;
    const char *envelope = pc_proto_envelope_why(root, kiosk_id);
    const char *why = envelope ? envelope
                      : !pc_proto_printer_ok(printer)
                          ? "printer must be ok, paper_near_end, out, missing or unknown"
                      : error && !json_is_null(error) && !json_is_string(error)
                          ? "last_error must be a string or null"
                      : clock && !json_is_null(clock) && !json_is_integer(clock)
                          ? "clock_offset_s must be an integer or null"
                      : serial && !json_is_null(serial) &&
                              (!json_is_integer(serial) || json_integer_value(serial) < 0)
                          ? "manifest_serial must be a non-negative integer or null"
                      : !json_is_string(json_object_get(root, "program_version"))
                          ? "program_version must be a string"
                      : numbers ? numbers
                                : check_packs(json_object_get(root, "packs"));
    if (!why && !(*doc = normalise(root)))
        why = "out of memory";
    if (why)
        snprintf(err, errsize, "%s", why);
    json_decref(root);
    return !why;
}

/* NULL when every count and time is a non-negative integer (free disk may be -1). */
static const char *check_numbers(json_t *root)
{
    static const char *const keys[] = {"sent_at",      "queue_depth", "synced_total",
                                       "last_sync_at", "printer_at",  "free_disk_bytes",
                                       "last_error_at"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        json_t *v = json_object_get(root, keys[i]);
        if (!json_is_integer(v) || json_integer_value(v) < (i == 5 ? -1 : 0))
            return "sent_at, queue_depth, synced_total, last_sync_at, printer_at,"
                   " free_disk_bytes and last_error_at must be non-negative integers";
    }
    return NULL;
}

static const char *check_packs(json_t *packs)
{
    if (!json_is_array(packs) || json_array_size(packs) > PC_PROTO_STATUS_MAX_PACKS)
        return "packs must be an array of at most 64 {id, version}";
    size_t i;
    json_t *p;
    json_array_foreach(packs, i, p)
    {
        const char *id = json_string_value(json_object_get(p, "id"));
        const char *v = json_string_value(json_object_get(p, "version"));
        if (!id || !v || !id[0] || strlen(id) > 64 || strlen(v) > 32)
            return "packs must be an array of at most 64 {id, version}";
    }
    return NULL;
}

/* Only the known keys, last_error cut to PC_PROTO_STATUS_ERROR_MAX bytes (at a UTF-8
 * boundary). */
static json_t *normalise(json_t *root)
{
    static const char *const keys[] = {
        "kiosk_id",        "sent_at",    "queue_depth",   "synced_total",    "last_sync_at",
        "printer",         "printer_at", "packs",         "program_version", "clock_offset_s",
        "free_disk_bytes", "last_error", "last_error_at", "manifest_serial"};
    json_t *doc = json_object();
    for (size_t i = 0; doc && i < sizeof keys / sizeof *keys; i++) {
        json_t *v = json_object_get(root, keys[i]);
        json_object_set(doc, keys[i], v ? v : json_null());
    }
    const char *e = json_string_value(json_object_get(doc, "last_error"));
    if (e && strlen(e) > PC_PROTO_STATUS_ERROR_MAX) {
        size_t n = PC_PROTO_STATUS_ERROR_MAX;
        while (n > 0 && ((unsigned char)e[n] & 0xC0) == 0x80)
            n--;
        json_object_set_new(doc, "last_error", json_stringn(e, n));
    }
    return doc;
}

/* ------------------------------------------------------------------ the answer */

char *pc_proto_status_answer_encode(int64_t received_at)
{
    json_t *a = json_pack("{s:i, s:b, s:I}", "protocol", PC_PROTO_VERSION, "stored", 1,
                          "received_at", (json_int_t)received_at);
    char *text = a ? json_dumps(a, JSON_COMPACT) : NULL;
    json_decref(a);
    return text;
}

bool pc_proto_status_answer_parse(const char *body, size_t len, int64_t *received_at, char *err,
                                  size_t errsize)
{
    json_error_t je;
    json_t *r = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    json_t *proto = json_object_get(r, "protocol"), *at = json_object_get(r, "received_at");
    const char *why = !json_is_object(r) ? "answer is not a JSON object"
                      : !json_is_integer(proto) || json_integer_value(proto) != PC_PROTO_VERSION
                          ? "protocol must be 1"
                      : !json_is_true(json_object_get(r, "stored")) ? "stored is not true"
                      : !json_is_integer(at)                        ? "received_at missing"
                                                                    : NULL;
    if (!why)
        *received_at = json_integer_value(at);
    else
        snprintf(err, errsize, "%s", why);
    json_decref(r);
    return !why;
}
