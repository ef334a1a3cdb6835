/* desk_api.c — the desk's answers about receipts: a scan (checked by the same code as
 * `precheck verify`, check.h, and logged), an action on a receipt (收件 with the
 * materials received, 受理, 退回 or 不予受理 with a reason, each with clerk and time),
 * a lookup by receipt number in any spelling, and today's list. Every answer about a
 * receipt carries its history and where its record stands, in staff words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "desk_app.h"
#include "log.h"

#define REASON_MAX 600 /* bytes of UTF-8: about 200 characters */

static json_t *checked(desk_app *app, const char *text, pc_check **out);
static void reply_checked(desk_app *app, desk_resp *resp, json_t *o, const pc_check *c);
static json_t *record_json(desk_app *app, json_t *history);
static void history_words(desk_app *app, json_t *history, const pc_pack *pack);
static char *received_words(desk_app *app, json_t *materials, const pc_pack *pack);
static bool store_scan(desk_app *app, const desk_who *who, const pc_check *c, const char *text);
static const char *record_problem(const char *action, json_t *materials, const char *reason,
                                  const pc_check *c);
static bool add_record(desk_app *app, const desk_who *who, const char *id, const char *action,
                       json_t *materials, const char *reason);
static const pc_pack *kept_pack(desk_app *app, const char *receipt_id);
static void local_time(int64_t t, const char *fmt, char *out, size_t size);
static void trim_copy(const char *in, char *out, size_t size);
static void words(desk_app *app, char *key, size_t size, const char *prefix, const char *name,
                  const char **out);

/* ------------------------------------------------------------------ routes */

void desk_api_scan(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp)
{
    char text[PC_RECEIPT_MAX_TEXT * 2];
    trim_copy(req->body, text, sizeof text);
    pc_check *c = NULL;
    json_t *o = checked(app, text, &c);
    if (o && store_scan(app, who, c, text)) {
        pc_log_info("desk: scan %s %s by %s",
                    c->v.receipt.receipt_id[0] ? c->v.receipt.receipt_id : "-",
                    pc_verdict_name(c->v.verdict), who->session.clerk);
        reply_checked(app, resp, o, c);
    } else {
        json_decref(o);
        desk_reply_error(app, resp, 500, "store", "desk.error_store");
    }
    free(c);
}

void desk_api_record(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp)
{
    json_t *in = json_loadb(req->body, req->body_len, 0, NULL), *materials = NULL;
    const char *number = NULL, *action = NULL, *reason = "";
    char id[PC_RECEIPT_ID_SIZE], *text = NULL;
    const char *problem = NULL;
    desk_status got;
    if (!in || json_unpack(in, "{s:s, s:s, s?o, s?s}", "receipt_id", &number, "action", &action,
                           "materials", &materials, "reason", &reason) != 0)
        problem = "desk.error_bad_request";
    else if (!pc_receipt_id_parse(number, id))
        problem = "desk.error_bad_receipt_no";
    else if ((got = desk_receipt_text(app->store, id, &text)) != DESK_OK)
        problem = got == DESK_WIPED ? "desk.error_wiped" : "desk.error_unknown_receipt";
    pc_check *c = NULL;
    json_t *o = problem ? NULL : checked(app, text, &c);
    if (!problem)
        problem = !o ? "desk.error_store" : record_problem(action, materials, reason, c);
    if (problem)
        desk_reply_error(app, resp, 400, "refused", problem);
    else if (!add_record(app, who, id, action, materials, reason))
        desk_reply_error(app, resp, 500, "store", "desk.error_store");
    else
        reply_checked(app, resp, json_incref(o), c);
    json_decref(o);
    json_decref(in);
    free(text);
    free(c);
}

void desk_api_receipt(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp)
{
    (void)who;
    const char *number = desk_req_arg(req, "id");
    char id[PC_RECEIPT_ID_SIZE], *text = NULL;
    if (!number || !pc_receipt_id_parse(number, id)) {
        desk_reply_error(app, resp, 400, "bad_receipt_no", "desk.error_bad_receipt_no");
        return;
    }
    desk_status got = desk_receipt_text(app->store, id, &text);
    if (got == DESK_WIPED) {
        desk_reply_error(app, resp, 410, "wiped", "desk.lookup_wiped");
        return;
    }
    if (got != DESK_OK) {
        desk_reply_error(app, resp, 404, "not_found", "desk.lookup_none");
        return;
    }
    pc_check *c = NULL;
    json_t *o = checked(app, text, &c);
    if (o)
        reply_checked(app, resp, o, c);
    else
        desk_reply_error(app, resp, 500, "store", "desk.error_store");
    free(text);
    free(c);
}

void desk_api_today(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp)
{
    (void)who, (void)req;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    int64_t from = (int64_t)mktime(&tm);
    json_t *list = desk_today_json(app->store, from, from + 24 * 3600);
    if (!list) {
        desk_reply_error(app, resp, 500, "store", "desk.error_store");
        return;
    }
    size_t i;
    json_t *row;
    json_array_foreach(list, i, row)
    {
        char shown[32], when[16], key[64];
        const char *id = json_string_value(json_object_get(row, "receipt_id")), *what;
        pc_receipt_id_format(id, shown, sizeof shown);
        local_time(json_integer_value(json_object_get(row, "at")), "%H:%M", when, sizeof when);
        const char *action = json_string_value(json_object_get(row, "action"));
        bool scan = strcmp(action, "scan") == 0;
        words(app, key, sizeof key, scan ? "verdict_" : "status_",
              scan ? json_string_value(json_object_get(row, "verdict")) : action, &what);
        const pc_pack *p = kept_pack(app, id);
        json_object_set_new(row, "receipt_no", json_string(shown));
        json_object_set_new(row, "time", json_string(when));
        json_object_set_new(row, "what", json_string(what));
        json_object_set_new(row, "policy", json_string(p ? p->short_title : ""));
    }
    desk_reply_json(resp, 200, json_pack("{s:o}", "today", list));
}

/* ------------------------------------------------------------------ checking */

/* The shared check (check.h) of a receipt text, as JSON; *out is malloc'd. */
static json_t *checked(desk_app *app, const char *text, pc_check **out)
{
    *out = malloc(sizeof **out);
    if (!*out)
        return NULL;
    pc_check_scan(text, &app->ctx, *out);
    return pc_check_to_json(*out, &app->strings, pc_day_today());
}

/* The check, plus the receipt's history and record (when it has a number). */
static void reply_checked(desk_app *app, desk_resp *resp, json_t *o, const pc_check *c)
{
    const char *id = c->v.receipt.receipt_id;
    json_t *history = id[0] ? desk_history_json(app->store, id) : json_array();
    if (!history) {
        json_decref(o);
        desk_reply_error(app, resp, 500, "store", "desk.error_store");
        return;
    }
    /* a changed or forged scan has no pack: the materials of 收件 are named from the
       receipt kept when it was scanned genuine */
    history_words(app, history, c->v.pack ? c->v.pack : kept_pack(app, id));
    json_object_set_new(o, "record", record_json(app, history));
    json_object_set_new(o, "history", history);
    desk_reply_json(resp, 200, o);
}

/* Where the record stands: the latest action other than a scan, and the materials of
 * the latest 收件. */
static json_t *record_json(desk_app *app, json_t *history)
{
    const char *status = "new";
    json_t *received = NULL;
    size_t i;
    json_t *ev;
    json_array_foreach(history, i, ev)
    {
        const char *action = json_string_value(json_object_get(ev, "action"));
        if (strcmp(action, "scan") != 0)
            status = action;
        if (strcmp(action, "receive") == 0)
            received = json_object_get(ev, "materials");
    }
    char key[64];
    const char *text;
    words(app, key, sizeof key, "status_", status, &text);
    return json_pack("{s:s, s:s, s:o}", "status", status, "status_words", text, "received",
                     received ? json_incref(received) : json_array());
}

/* Each event in words: what was done, when, and the detail (verdict, materials, reason). */
static void history_words(desk_app *app, json_t *history, const pc_pack *pack)
{
    size_t i;
    json_t *ev;
    json_array_foreach(history, i, ev)
    {
        char key[64], when[32];
        const char *what, *verdict;
        const char *action = json_string_value(json_object_get(ev, "action"));
        words(app, key, sizeof key, "action_", action, &what);
        json_object_set_new(ev, "what", json_string(what));
        local_time(json_integer_value(json_object_get(ev, "at")), "%Y-%m-%d %H:%M", when,
                   sizeof when);
        json_object_set_new(ev, "when", json_string(when));
        words(app, key, sizeof key, "verdict_", json_string_value(json_object_get(ev, "verdict")),
              &verdict);
        const char *reason = json_string_value(json_object_get(ev, "reason"));
        if (!reason[0]) /* a reason is never empty when given: retention wiped it */
            reason = pc_strings_get(&app->strings, "desk.detail_wiped");
        char *detail = strcmp(action, "scan") == 0 ? strdup(verdict)
                       : strcmp(action, "receive") == 0
                           ? received_words(app, json_object_get(ev, "materials"), pack)
                       : strcmp(action, "accept") == 0 ? strdup("")
                                                       : strdup(reason);
        json_object_set_new(ev, "detail", json_string(detail ? detail : ""));
        free(detail);
    }
}

/* "收到：申请书、情况说明" (the pack's names), or "未收到材料". */
static char *received_words(desk_app *app, json_t *materials, const pc_pack *pack)
{
    const char *sep = pc_strings_get(&app->strings, "common.list_sep");
    char list[2048] = "";
    size_t i, n = 0;
    json_t *m;
    json_array_foreach(materials, i, m)
    {
        json_int_t k = json_integer_value(m);
        if (pack && k >= 0 && (size_t)k < pack->n_materials)
            n += (size_t)snprintf(list + n, n < sizeof list ? sizeof list - n : 0, "%s%s",
                                  n ? sep : "", pack->materials[k].name);
        if (n >= sizeof list)
            break;
    }
    if (!list[0])
        return strdup(pc_strings_get(&app->strings, "desk.detail_received_none"));
    const char *names[] = {"list"}, *values[] = {list};
    return pc_strings_fill(&app->strings, "desk.detail_received", names, values, 1);
}

/* ------------------------------------------------------------------ recording */

/* Logs the scan on the receipt's history; keeps a genuine receipt's text. */
static bool store_scan(desk_app *app, const desk_who *who, const pc_check *c, const char *text)
{
    const char *id = c->v.receipt.receipt_id;
    if (!id[0])
        return true; /* unreadable: nothing to file it under */
    int64_t now = (int64_t)time(NULL);
    bool genuine = c->v.verdict == PC_VERDICT_VALID || c->v.verdict == PC_VERDICT_UNKNOWN_PACK;
    desk_event e = {id, "scan", who->session.clerk, now, pc_verdict_name(c->v.verdict), "", "[]"};
    return desk_scan_add(app->store, &e, genuine ? text : NULL) == DESK_OK;
}

/* NULL when the action may be recorded; else the key of why not. */
static const char *record_problem(const char *action, json_t *materials, const char *reason,
                                  const pc_check *c)
{
    bool receive = strcmp(action, "receive") == 0, accept = strcmp(action, "accept") == 0;
    bool with_reason = strcmp(action, "return") == 0 || strcmp(action, "refuse") == 0;
    if (c->v.verdict != PC_VERDICT_VALID)
        return "desk.error_not_valid";
    if (!receive && !accept && !with_reason)
        return "desk.error_bad_request";
    if (with_reason && (strspn(reason, " \t\r\n") == strlen(reason) || strlen(reason) > REASON_MAX))
        return "desk.error_reason";
    if (!receive)
        return NULL;
    size_t i;
    json_t *m;
    if (!json_is_array(materials))
        return "desk.error_materials";
    json_array_foreach(materials, i, m)
    {
        bool listed = false;
        for (size_t k = 0; json_is_integer(m) && k < c->v.result.n_materials; k++)
            listed |= c->v.result.materials[k] == json_integer_value(m);
        if (!listed)
            return "desk.error_materials";
    }
    return NULL;
}

static bool add_record(desk_app *app, const desk_who *who, const char *id, const char *action,
                       json_t *materials, const char *reason)
{
    bool receive = strcmp(action, "receive") == 0;
    char *list = receive ? json_dumps(materials, JSON_COMPACT) : NULL;
    desk_event e = {id,
                    action,
                    who->session.clerk,
                    (int64_t)time(NULL),
                    "",
                    receive ? "" : reason,
                    list ? list : "[]"};
    bool ok = (!receive || list) && desk_event_add(app->store, &e) == DESK_OK;
    if (ok)
        pc_log_info("desk: %s %s by %s", action, id, who->session.clerk);
    free(list);
    return ok;
}

/* ------------------------------------------------------------------ little helpers */

/* The pack of a receipt kept by the desk (scanned genuine before), or NULL. */
static const pc_pack *kept_pack(desk_app *app, const char *receipt_id)
{
    char *text = NULL;
    pc_receipt rc = {0};
    if (receipt_id[0] && desk_receipt_text(app->store, receipt_id, &text) == DESK_OK)
        pc_receipt_decode(text, app->ctx.dept, &rc);
    free(text);
    return rc.policy_id[0] ? pc_check_find_pack(&app->packs, rc.policy_id, rc.pack_version) : NULL;
}

static void local_time(int64_t t, const char *fmt, char *out, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    out[0] = '\0';
    if (localtime_r(&tt, &tm))
        strftime(out, size, fmt, &tm);
}

/* The scanned text without the scanner's Enter and stray spaces around it. */
static void trim_copy(const char *in, char *out, size_t size)
{
    while (*in && strchr(" \t\r\n", *in))
        in++;
    snprintf(out, size, "%s", in);
    size_t n = strlen(out);
    while (n && strchr(" \t\r\n", out[n - 1]))
        out[--n] = '\0';
}

/* The words of prefix+name ("status_" "accept"); key is the buffer for the key. */
static void words(desk_app *app, char *key, size_t size, const char *prefix, const char *name,
                  const char **out)
{
    snprintf(key, size, "desk.%s%s", prefix, name ? name : "");
    *out = pc_strings_get(&app->strings, key);
}
