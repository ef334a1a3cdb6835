/* desk_help.c — kiosks asking for staff (issue 9's 请工作人员帮助): a kiosk posts a
 * signed request (app/core/help_call.h) without a clerk session; the page of a
 * signed-in clerk polls the open ones and shows a banner ("2 号自助机 请求帮助 · 10:32",
 * the kiosk's name from the configuration's kiosks: when it has one); 我去处理 closes
 * one with the clerk and the time. Requests come from the hall's network, so each is
 * checked against the keyring and the clock, and each (kiosk, at) is kept once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "desk_app.h"
#include "help_call.h"
#include "log.h"

static void reply_refused(desk_resp *resp, pc_help_verdict v);
static int64_t local_midnight(int64_t now);
static char *banner_words(desk_app *app, const char *kiosk, int64_t at);

void desk_help_post(desk_app *app, const desk_req *req, desk_resp *resp)
{
    pc_help_request r;
    int64_t now = (int64_t)time(NULL);
    const char *sig = desk_req_header(req, PC_HELP_SIGNATURE_HEADER);
    pc_help_verdict v = pc_help_check(&app->ring, req->body, req->body_len, sig, now, &r);
    if (v != PC_HELP_OK) {
        pc_log_warn("desk: help request refused: %s", pc_help_verdict_reason(v));
        reply_refused(resp, v);
        return;
    }
    desk_status st = desk_help_add(app->store, r.kiosk_id, r.at, r.screen, now);
    if (st == DESK_FAILED) {
        desk_reply_error(app, resp, 500, "store", "desk.error_store");
        return;
    }
    pc_log_info("desk: help requested by kiosk %s%s", r.kiosk_id,
                st == DESK_EXISTS ? " (a repeat, ignored)" : "");
    resp->status = 204;
}

void desk_help_list(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp)
{
    (void)who, (void)req;
    json_t *list = desk_help_open_json(app->store, local_midnight((int64_t)time(NULL)));
    if (!list) {
        desk_reply_error(app, resp, 500, "store", "desk.error_store");
        return;
    }
    size_t i;
    json_t *h;
    json_array_foreach(list, i, h)
    {
        char *words = banner_words(app, json_string_value(json_object_get(h, "kiosk")),
                                   json_integer_value(json_object_get(h, "received_at")));
        json_object_set_new(h, "words", json_string(words ? words : ""));
        free(words);
    }
    desk_reply_json(resp, 200, json_pack("{s:o}", "help", list));
}

void desk_help_take(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp)
{
    json_t *in = json_loadb(req->body, req->body_len, 0, NULL);
    json_int_t id = 0;
    if (!in || json_unpack(in, "{s:I}", "id", &id) != 0) {
        json_decref(in);
        desk_reply_error(app, resp, 400, "bad_request", "desk.error_bad_request");
        return;
    }
    json_decref(in);
    desk_status st = desk_help_ack(app->store, (int64_t)id, who->session.clerk, time(NULL));
    if (st == DESK_OK) {
        pc_log_info("desk: help request %lld taken by %s", (long long)id, who->session.clerk);
        desk_help_list(app, who, req, resp);
    } else if (st == DESK_NOT_FOUND) {
        desk_reply_error(app, resp, 409, "taken", "desk.help_taken");
    } else {
        desk_reply_error(app, resp, 500, "store", "desk.error_store");
    }
}

/* 400 for a body that is not the contract's, 401 for who or when; the reason in JSON
 * for the kiosk's log (a kiosk never shows it to the applicant). */
static void reply_refused(desk_resp *resp, pc_help_verdict v)
{
    desk_reply_json(resp, v == PC_HELP_BAD_BODY ? 400 : 401,
                    json_pack("{s:s, s:s}", "error", pc_help_verdict_name(v), "reason",
                              pc_help_verdict_reason(v)));
}

static int64_t local_midnight(int64_t now)
{
    time_t t = (time_t)now;
    struct tm tm;
    localtime_r(&t, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    return (int64_t)mktime(&tm);
}

/* "2 号自助机 请求帮助 · 10:32", or with the id: "自助机 hall-1-k2 请求帮助 · 10:32". */
static char *banner_words(desk_app *app, const char *kiosk, int64_t at)
{
    char when[16] = "", named[96];
    time_t t = (time_t)at;
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(when, sizeof when, "%H:%M", &tm);
    const char *name = app->cfg ? desk_config_kiosk_name(app->cfg, kiosk) : NULL;
    if (!name) {
        const char *n1[] = {"id"}, *v1[] = {kiosk};
        char *by_id = pc_strings_fill(&app->strings, "desk.help_kiosk_id", n1, v1, 1);
        snprintf(named, sizeof named, "%s", by_id ? by_id : kiosk);
        free(by_id);
        name = named;
    }
    const char *names[] = {"kiosk", "time"}, *values[] = {name, when};
    return pc_strings_fill(&app->strings, "desk.help_banner", names, values, 2);
}
