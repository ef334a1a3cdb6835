/* desk_routes.c — which request goes where, and who may make it. Every POST must come
 * from the desk's own page (same origin); every API call but sign-in needs a signed-in
 * clerk (401 otherwise) — but a kiosk's help request, which is signed instead; every
 * action that changes the record also needs the session's CSRF token. JSON answers are built here. */
#include <stdlib.h>
#include <string.h>

#include "desk_app.h"

typedef void (*api_fn)(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp);

/* One API route. */
typedef struct route {
    const char *method, *path;
    bool csrf;    /* changes the record: needs X-CSRF-Token */
    bool polling; /* the page asks by itself: the session is not marked used */
    api_fn fn;
} route;

static const route routes[] = {
    {"POST", "/api/logout", true, false, desk_auth_logout},
    {"GET", "/api/me", false, false, desk_auth_me},
    {"POST", "/api/scan", false, false, desk_api_scan},
    {"POST", "/api/record", true, false, desk_api_record},
    {"GET", "/api/receipt", false, false, desk_api_receipt},
    {"GET", "/api/today", false, false, desk_api_today},
    {"GET", "/api/help", false, true, desk_help_list},
    {"POST", "/api/help/ack", true, false, desk_help_take},
};

static const route *find_route(const desk_req *req, bool *path_known);
static void guarded(desk_app *app, const route *r, const desk_req *req, desk_resp *resp);

void desk_route(void *ctx, const desk_req *req, desk_resp *resp)
{
    desk_app *app = ctx;
    bool post = strcmp(req->method, "POST") == 0;
    if (strcmp(req->method, "GET") == 0 && desk_page_serve(app, req->path, resp))
        return;
    if (post && !desk_auth_same_origin(req)) {
        desk_reply_error(app, resp, 403, "cross_site", "desk.error_cross_site");
    } else if (post && strcmp(req->path, "/api/login") == 0) {
        desk_auth_login(app, req, resp);
    } else if (post && strcmp(req->path, "/api/help") == 0) {
        desk_help_post(app, req, resp); /* a kiosk: signed, no clerk */
    } else {
        bool known = false;
        const route *r = find_route(req, &known);
        if (r)
            guarded(app, r, req, resp);
        else
            desk_reply_error(app, resp, known ? 405 : 404, known ? "method" : "not_found",
                             "desk.error_not_found");
    }
}

/* A signed-in clerk, and for an action the session's token too. */
static void guarded(desk_app *app, const route *r, const desk_req *req, desk_resp *resp)
{
    desk_who who;
    if (!desk_auth_session(app, req, &who, !r->polling))
        desk_reply_error(app, resp, 401, "signed_out", "desk.error_signed_out");
    else if (r->csrf && !desk_auth_csrf(req, &who))
        desk_reply_error(app, resp, 403, "csrf", "desk.error_cross_site");
    else
        r->fn(app, &who, req, resp);
}

static const route *find_route(const desk_req *req, bool *path_known)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (strcmp(routes[i].path, req->path) != 0)
            continue;
        *path_known = true;
        if (strcmp(routes[i].method, req->method) == 0)
            return &routes[i];
    }
    return NULL;
}

void desk_reply_json(desk_resp *resp, unsigned status, json_t *value)
{
    resp->status = status;
    resp->type = "application/json; charset=utf-8";
    resp->body = value ? json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    resp->len = resp->body ? strlen(resp->body) : 0;
    if (!resp->body)
        resp->status = 500;
    json_decref(value);
}

void desk_reply_error(desk_app *app, desk_resp *resp, unsigned status, const char *code,
                      const char *key)
{
    desk_reply_json(
        resp, status,
        json_pack("{s:s, s:s}", "error", code, "message", pc_strings_get(&app->strings, key)));
}
