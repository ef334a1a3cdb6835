/* desk_auth.c — clerks sign in with their id and PIN; a session cookie (HttpOnly,
 * SameSite=Strict, a random token of which only the hash is stored) carries them, with
 * an idle and an absolute limit; a CSRF token (random, per session) guards actions;
 * wrong PINs in a row lock the clerk id for a while, in the store, so that a restart
 * does not reset the count. A wrong clerk id and a wrong PIN get the same answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "desk_app.h"
#include "log.h"

#define COOKIE "desk_session"

static void new_token(char out[DESK_HEX_TOKEN]);
static void hash_token(const char *token, char out[DESK_HEX_TOKEN]);
static void reply_locked(desk_app *app, desk_resp *resp, int64_t seconds);
static void wrong_pin(desk_app *app, const desk_clerk *c, int64_t now, desk_resp *resp);
static void start_session(desk_app *app, const desk_clerk *c, int64_t now, desk_resp *resp);
static bool pin_ok(const desk_clerk *c, const char *pin);

/* ------------------------------------------------------------------ sign-in */

void desk_auth_login(desk_app *app, const desk_req *req, desk_resp *resp)
{
    json_t *in = json_loadb(req->body, req->body_len, 0, NULL);
    const char *clerk = NULL, *pin = NULL;
    if (!in || json_unpack(in, "{s:s, s:s}", "clerk", &clerk, "pin", &pin) != 0) {
        json_decref(in);
        desk_reply_error(app, resp, 400, "bad_request", "desk.error_bad_request");
        return;
    }
    int64_t now = (int64_t)time(NULL);
    desk_clerk c;
    desk_status st = desk_clerk_get(app->store, clerk, &c);
    if (st == DESK_FAILED)
        desk_reply_error(app, resp, 500, "store", "desk.error_store");
    else if (st == DESK_OK && c.locked_until > now)
        reply_locked(app, resp, c.locked_until - now);
    else if (st == DESK_OK && pin_ok(&c, pin))
        start_session(app, &c, now, resp);
    else if (st == DESK_OK)
        wrong_pin(app, &c, now, resp);
    else
        desk_reply_error(app, resp, 401, "bad_pin", "desk.login_wrong");
    json_decref(in);
}

void desk_auth_logout(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp)
{
    (void)req;
    desk_session_delete(app->store, who->token_hash);
    snprintf(resp->cookie, sizeof resp->cookie,
             COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    desk_reply_json(resp, 200, json_pack("{s:b}", "ok", 1));
}

void desk_auth_me(desk_app *app, const desk_who *who, const desk_req *req, desk_resp *resp)
{
    (void)req;
    desk_reply_json(resp, 200,
                    json_pack("{s:s, s:s, s:s}", "clerk", who->session.clerk, "csrf",
                              who->session.csrf, "hall", app->hall));
}

static bool pin_ok(const desk_clerk *c, const char *pin)
{
    return crypto_pwhash_str_verify(c->pin_hash, pin, strlen(pin)) == 0;
}

static void wrong_pin(desk_app *app, const desk_clerk *c, int64_t now, desk_resp *resp)
{
    int failed = c->failed + 1;
    bool lock = failed >= app->limits.max_failures;
    int64_t until = lock ? now + app->limits.lockout_s : 0;
    if (desk_clerk_set_failures(app->store, c->id, lock ? 0 : failed, until) != DESK_OK) {
        desk_reply_error(app, resp, 500, "store", "desk.error_store");
    } else if (lock) {
        pc_log_warn("desk: clerk %s locked after %d wrong PINs", c->id, failed);
        reply_locked(app, resp, app->limits.lockout_s);
    } else {
        desk_reply_error(app, resp, 401, "bad_pin", "desk.login_wrong");
    }
}

static void reply_locked(desk_app *app, desk_resp *resp, int64_t seconds)
{
    char minutes[24];
    snprintf(minutes, sizeof minutes, "%lld", (long long)((seconds + 59) / 60));
    const char *names[] = {"minutes"}, *values[] = {minutes};
    char *text = pc_strings_fill(&app->strings, "desk.login_locked", names, values, 1);
    desk_reply_json(resp, 423,
                    json_pack("{s:s, s:s, s:I}", "error", "locked", "message", text ? text : "",
                              "retry_after", (json_int_t)seconds));
    free(text);
}

static void start_session(desk_app *app, const desk_clerk *c, int64_t now, desk_resp *resp)
{
    char token[DESK_HEX_TOKEN], hash[DESK_HEX_TOKEN], csrf[DESK_HEX_TOKEN];
    new_token(token);
    new_token(csrf);
    hash_token(token, hash);
    desk_session_expire(app->store, now - app->limits.session_idle_s,
                        now - app->limits.session_max_s);
    if (desk_clerk_signed_in(app->store, c->id, now) != DESK_OK ||
        desk_session_add(app->store, hash, c->id, csrf, now) != DESK_OK) {
        desk_reply_error(app, resp, 500, "store", "desk.error_store");
        return;
    }
    snprintf(resp->cookie, sizeof resp->cookie,
             COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d", token,
             app->limits.session_max_s);
    pc_log_info("desk: clerk %s signed in", c->id);
    desk_reply_json(resp, 200,
                    json_pack("{s:s, s:s, s:s}", "clerk", c->id, "csrf", csrf, "hall", app->hall));
}

/* ------------------------------------------------------------------ guards */

bool desk_auth_session(desk_app *app, const desk_req *req, desk_who *who, bool used)
{
    memset(who, 0, sizeof *who);
    const char *token = desk_req_cookie(req, COOKIE);
    if (!token || strlen(token) != DESK_HEX_TOKEN - 1)
        return false;
    hash_token(token, who->token_hash);
    if (desk_session_get(app->store, who->token_hash, &who->session) != DESK_OK)
        return false;
    int64_t now = (int64_t)time(NULL);
    if (now - who->session.last_seen > app->limits.session_idle_s ||
        now - who->session.created_at > app->limits.session_max_s) {
        desk_session_delete(app->store, who->token_hash);
        return false;
    }
    if (used && now - who->session.last_seen >= 60) /* one write a minute, not one a request */
        desk_session_touch(app->store, who->token_hash, now);
    return true;
}

bool desk_auth_same_origin(const desk_req *req)
{
    const char *site = desk_req_header(req, "Sec-Fetch-Site");
    if (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
        return false;
    const char *origin = desk_req_header(req, "Origin");
    const char *host = desk_req_header(req, "Host");
    if (!origin)
        return true; /* not a browser (a script with curl), or an old one */
    if (!host)
        return false;
    const char *rest = strncmp(origin, "http://", 7) == 0    ? origin + 7
                       : strncmp(origin, "https://", 8) == 0 ? origin + 8
                                                             : NULL;
    return rest && strcmp(rest, host) == 0;
}

bool desk_auth_csrf(const desk_req *req, const desk_who *who)
{
    const char *sent = desk_req_header(req, "X-CSRF-Token");
    size_t n = strlen(who->session.csrf);
    return sent && n && strlen(sent) == n && sodium_memcmp(sent, who->session.csrf, n) == 0;
}

/* ------------------------------------------------------------------ tokens */

static void new_token(char out[DESK_HEX_TOKEN])
{
    unsigned char b[(DESK_HEX_TOKEN - 1) / 2];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(out, DESK_HEX_TOKEN, b, sizeof b);
}

static void hash_token(const char *token, char out[DESK_HEX_TOKEN])
{
    unsigned char h[(DESK_HEX_TOKEN - 1) / 2];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, DESK_HEX_TOKEN, h, sizeof h);
}
