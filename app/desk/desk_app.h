/* desk_app.h — the staff desk's state while it serves, and the route entry point.
 *
 * Why it exists: one struct holds what every request needs (the store, every pack
 * version, the keyring, the calendar, the staff words, the hall's name, the limits),
 * made once at start by desk.c and handed to the server as its context: no globals.
 * desk_routes.c dispatches; desk_auth.c signs clerks in and guards actions;
 * desk_api.c answers scans, records and lookups; desk_help.c takes kiosks' help
 * requests; desk_page.c serves the page files. */
#ifndef DESK_APP_H
#define DESK_APP_H

#include <jansson.h>

#include "check.h"
#include "desk_config.h"
#include "desk_http.h"
#include "desk_store.h"

/* Sign-in limits. */
typedef struct desk_limits {
    int session_idle_s; /* a session unused this long ends */
    int session_max_s;  /* a session ends this long after sign-in, used or not */
    int max_failures;   /* wrong PINs in a row before the clerk id is locked */
    int lockout_s;      /* how long it stays locked */
} desk_limits;

typedef struct desk_app {
    desk_store *store;      /* the desk's SQLite file */
    pc_pack_set packs;      /* every pack version kept (desk_packs.h) */
    pc_keyring ring;        /* kiosks' public keys */
    pc_dept_key hall_key;   /* the hall's secret, to open the sealed answers */
    pc_calendar *cal;       /* working days */
    pc_strings strings;     /* staff words (assets/strings.<lang>.yaml) */
    pc_verify_ctx ctx;      /* keyring, hall key (or NULL), packs, calendar */
    const desk_config *cfg; /* the configuration (kiosk names, retention) */
    char hall[128];         /* the hall's name, on printed documents */
    char static_dir[4096];  /* the page's files: <data dir>/assets/desk */
    desk_limits limits;
} desk_app;

/* A signed-in clerk, found from the request's session cookie. */
typedef struct desk_who {
    desk_session session;
    char token_hash[DESK_HEX_TOKEN];
} desk_who;

/* The server's handler: every request comes here (desk_routes.c). */
void desk_route(void *app, const desk_req *req, desk_resp *resp);

/* ---- desk_auth.c ---- */
void desk_auth_login(desk_app *app, const desk_req *req, desk_resp *resp);
void desk_auth_logout(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp);
void desk_auth_me(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp);
/* The session of the request's cookie, still valid; false if none. A clerk's own request
 * marks it used (used); the page's background polling does not, so that an unattended
 * page still signs out after the idle limit. */
bool desk_auth_session(desk_app *app, const desk_req *req, desk_who *who, bool used);
/* False when the request comes from another site (Origin, Sec-Fetch-Site). */
bool desk_auth_same_origin(const desk_req *req);
/* True when the request carries the session's token (X-CSRF-Token). */
bool desk_auth_csrf(const desk_req *req, const desk_who *who);

/* ---- desk_api.c ---- */
void desk_api_scan(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp);
void desk_api_record(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp);
void desk_api_receipt(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp);
void desk_api_today(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp);

/* ---- desk_help.c: kiosks asking for staff ---- */
/* POST /api/help from a kiosk: signed (help_call.h), no clerk session. */
void desk_help_post(desk_app *app, const desk_req *req, desk_resp *resp);
void desk_help_list(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp);
void desk_help_take(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp);

/* ---- desk_page.c ---- */
/* GET of the page and its files; false when path is not one of them. */
bool desk_page_serve(desk_app *app, const char *path, desk_resp *resp);

/* ---- desk_routes.c: answers ---- */
/* resp ← the JSON value (stolen) with status. */
void desk_reply_json(desk_resp *resp, unsigned status, json_t *value);
/* resp ← {"error": code, "message": the words of key} with status. */
void desk_reply_error(desk_app *app, desk_resp *resp, unsigned status, const char *code,
                      const char *key);

#endif
