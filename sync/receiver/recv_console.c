/* recv_console.c — the operator console's requests: static files, sign-in (with its
 * lock-out after failed ones) and sign-out, sessions and CSRF tokens, the JSON the
 * page reads (see recv_console.h). */
#include "recv_console.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "file_read.h"
#include "recv_desk.h"
#include "recv_intake.h"
#include "recv_publish.h"
#include "recv_report.h"
#include "recv_rollup.h"

struct pc_recv_console {
    pc_recv_console_opts opts;                             /* as given (pointers borrowed) */
    unsigned char key[crypto_auth_hmacsha512256_KEYBYTES]; /* session MACs: the database's */
    pthread_mutex_t roll_lock; /* one roll-up at a time: the page's calls come together */
    /* The background roll-up (opts.roll_seconds > 0): its thread, and how it is told to
     * stop (stopping under stop_lock, stop_cond signalled) by pc_recv_console_free. */
    pthread_t roller;
    bool rolling, stopping;
    pthread_mutex_t stop_lock;
    pthread_cond_t stop_cond;
    /* A hash of a random password, checked for a name not held: that refusal takes as
     * long as a real one's, so the time taken does not tell which names exist. */
    char decoy[crypto_pwhash_STRBYTES];
};

#define NONCE_HEX 33 /* a session's id: 16 random bytes as hex + NUL */

/* A session cookie read: "<id>.<name>.<expiry>.<mac>". */
typedef struct session {
    char id[NONCE_HEX];
    char name[PC_RECV_OPERATOR_MAX + 1];
    int64_t expiry;
} session;

typedef enum { API_COUNTS, API_FLEET, API_UNSURE, API_DESK } api_kind;

/* One count of failed sign-ins: "name:<operator>" or "addr:<client>" ("": none), and
 * the failures in a row that lock it out. */
typedef struct signin_subject {
    char key[96];
    int tries;
} signin_subject;

static void serve_static(pc_recv_console *c, const char *name, pc_recv_console_reply *out);
static void login(pc_recv_console *c, const pc_recv_console_req *rq, int64_t now,
                  pc_recv_console_reply *out);
static bool password_ok(pc_recv_console *c, pc_recv_store *s, const char *name, const char *pw);
static void session_start(pc_recv_console *c, const char *name, int64_t now,
                          pc_recv_console_reply *out);
static void subjects_of(const char *name, const char *client, signin_subject who[2]);
static bool signin_wait(pc_recv_store *s, const signin_subject who[2], int64_t now, int64_t *wait);
static void signin_record(pc_recv_console *c, pc_recv_store *s, const signin_subject who[2],
                          bool accepted, int64_t now, int64_t *wait);
static void reply_locked(pc_recv_console_reply *out, int64_t wait);
static void logout(pc_recv_console *c, const pc_recv_console_req *rq, int64_t now,
                   pc_recv_console_reply *out);
static void me(pc_recv_console *c, const pc_recv_console_req *rq, int64_t now,
               pc_recv_console_reply *out);
static void report(pc_recv_console *c, const pc_recv_console_req *rq, api_kind kind, int64_t now,
                   pc_recv_console_reply *out);
static void roll_up(pc_recv_console *c, pc_recv_store *s, int64_t now);
static bool roller_start(pc_recv_console *c);
static void *roller_run(void *arg);
static json_t *report_make(pc_recv_console *c, pc_recv_store *s, const pc_recv_console_req *rq,
                           api_kind kind, const pc_recv_filter *f, int64_t now, char *err,
                           size_t errsize);
static bool session_read(pc_recv_console *c, const char *cookie, int64_t now, session *se);
static bool session_live(pc_recv_console *c, const session *se, pc_recv_console_reply *out);
static bool signed_in(pc_recv_console *c, const pc_recv_console_req *rq, int64_t now, session *se,
                      char *csrf, pc_recv_console_reply *out);
static bool key_load(pc_recv_console *c);
static bool decoy_make(pc_recv_console *c);
static void session_mac(pc_recv_console *c, const char *what, const char *text,
                        char hex[crypto_auth_BYTES * 2 + 1]);
static bool same_origin(const pc_recv_console_req *rq);
static void reply_json(pc_recv_console_reply *out, unsigned status, json_t *j);
static void reply_error(pc_recv_console_reply *out, unsigned status, const char *msg);

pc_recv_console *pc_recv_console_new(const pc_recv_console_opts *opts)
{
    pc_recv_console *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->opts = *opts;
    if (!key_load(c) || !decoy_make(c) || pthread_mutex_init(&c->roll_lock, NULL) != 0) {
        free(c);
        return NULL;
    }
    if (!roller_start(c)) {
        pc_recv_console_free(c);
        return NULL;
    }
    return c;
}

/* The background roll-up's thread, when asked for (its lock and condition made in any
 * case, so that pc_recv_console_free has one way out). */
static bool roller_start(pc_recv_console *c)
{
    pthread_mutex_init(&c->stop_lock, NULL);
    pthread_cond_init(&c->stop_cond, NULL);
    if (c->opts.roll_seconds <= 0)
        return true;
    c->rolling = pthread_create(&c->roller, NULL, roller_run, c) == 0;
    if (!c->rolling)
        pc_recv_log(c->opts.log, "console: no background roll-up thread");
    return c->rolling;
}

/* At start and then every roll_seconds until told to stop: the rollups brought up to
 * date as a page's request would (roll_up: one at a time with the page's). */
static void *roller_run(void *arg)
{
    pc_recv_console *c = arg;
    pthread_mutex_lock(&c->stop_lock);
    while (!c->stopping) {
        pthread_mutex_unlock(&c->stop_lock);
        pc_recv_store *s = pc_recv_pool_take(c->opts.pool);
        if (s) {
            roll_up(c, s, (int64_t)time(NULL));
            pc_recv_pool_give(c->opts.pool, s);
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += c->opts.roll_seconds;
        pthread_mutex_lock(&c->stop_lock);
        while (!c->stopping && pthread_cond_timedwait(&c->stop_cond, &c->stop_lock, &until) == 0)
            ; /* woken early but not told to stop: wait out the period */
    }
    pthread_mutex_unlock(&c->stop_lock);
    return NULL;
}

/* The session key every receiver on the database shares: ours when none is held yet. */
static bool key_load(pc_recv_console *c)
{
    unsigned char fresh[sizeof c->key];
    char fresh_hex[PC_RECV_CONSOLE_KEY_HEX], hex[PC_RECV_CONSOLE_KEY_HEX] = "";
    crypto_auth_hmacsha512256_keygen(fresh);
    sodium_bin2hex(fresh_hex, sizeof fresh_hex, fresh, sizeof fresh);
    pc_recv_store *s = pc_recv_pool_take(c->opts.pool);
    bool ok = s && pc_recv_store_console_key(s, fresh_hex, hex);
    if (!ok)
        pc_recv_log(c->opts.log, "console: no session key: %s",
                    s ? pc_recv_store_errmsg(s) : "no database connection");
    pc_recv_pool_give(c->opts.pool, s);
    size_t n = 0;
    ok = ok && sodium_hex2bin(c->key, sizeof c->key, hex, strlen(hex), NULL, &n, NULL) == 0 &&
         n == sizeof c->key;
    sodium_memzero(fresh, sizeof fresh);
    sodium_memzero(fresh_hex, sizeof fresh_hex);
    sodium_memzero(hex, sizeof hex);
    return ok;
}

/* The decoy hash, with operator-add's parameters (receiver.c). */
static bool decoy_make(pc_recv_console *c)
{
    unsigned char pw[16];
    randombytes_buf(pw, sizeof pw);
    bool ok =
        crypto_pwhash_str(c->decoy, (const char *)pw, sizeof pw, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
    if (!ok)
        pc_recv_log(c->opts.log, "console: out of memory hashing a password");
    sodium_memzero(pw, sizeof pw);
    return ok;
}

void pc_recv_console_free(pc_recv_console *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->stop_lock);
    c->stopping = true;
    pthread_cond_signal(&c->stop_cond);
    pthread_mutex_unlock(&c->stop_lock);
    if (c->rolling)
        pthread_join(c->roller, NULL);
    pthread_cond_destroy(&c->stop_cond);
    pthread_mutex_destroy(&c->stop_lock);
    sodium_memzero(c->key, sizeof c->key);
    pthread_mutex_destroy(&c->roll_lock);
    free(c);
}

void pc_recv_console_reply_free(pc_recv_console_reply *r)
{
    free(r->body);
    r->body = NULL;
}

bool pc_recv_operator_name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    return n > 0 && n <= PC_RECV_OPERATOR_MAX &&
           strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

void pc_recv_console_handle(pc_recv_console *c, const pc_recv_console_req *rq, int64_t now,
                            pc_recv_console_reply *out)
{
    memset(out, 0, sizeof *out);
    const char *p = rq->path + strlen(PC_RECV_CONSOLE_PREFIX);
    bool get = strcmp(rq->method, "GET") == 0, post = strcmp(rq->method, "POST") == 0;
    if (get && (strcmp(p, "") == 0 || strcmp(p, "/") == 0))
        serve_static(c, "index.html", out);
    else if (post && strcmp(p, "/api/login") == 0)
        login(c, rq, now, out);
    else if (post && strcmp(p, "/api/logout") == 0)
        logout(c, rq, now, out);
    else if (get && strcmp(p, "/api/me") == 0)
        me(c, rq, now, out);
    else if (get && strcmp(p, "/api/counts") == 0)
        report(c, rq, API_COUNTS, now, out);
    else if (get && strcmp(p, "/api/fleet") == 0)
        report(c, rq, API_FLEET, now, out);
    else if (get && strcmp(p, "/api/unsure") == 0)
        report(c, rq, API_UNSURE, now, out);
    else if (get && strcmp(p, "/api/desk") == 0)
        report(c, rq, API_DESK, now, out);
    else if (get && p[0] == '/' && strncmp(p, "/api/", 5) != 0)
        serve_static(c, p + 1, out);
    else
        reply_error(out, get || post ? 404 : 405, get || post ? "no such page" : "method");
}

/* ------------------------------------------------------------------ files */

static void serve_static(pc_recv_console *c, const char *name, pc_recv_console_reply *out)
{
    static const struct {
        const char *ext, *type;
    } types[] = {{".html", "text/html; charset=utf-8"},
                 {".js", "text/javascript; charset=utf-8"},
                 {".css", "text/css; charset=utf-8"},
                 {".svg", "image/svg+xml"},
                 {".png", "image/png"}};
    size_t n = strlen(name);
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && name[0] != '.' && n < 64 &&
                       strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n &&
                       i < sizeof types / sizeof *types;
         i++) {
        if (strcmp(dot, types[i].ext) != 0)
            continue;
        char path[1024], err[256];
        snprintf(path, sizeof path, "%s/%s", c->opts.static_dir, name);
        out->body = pc_file_read(path, &out->len, err, sizeof err);
        if (!out->body)
            break;
        out->status = 200;
        out->content_type = types[i].type;
        return;
    }
    reply_error(out, 404, "no such page");
}

/* ------------------------------------------------------------------ sessions */

static void login(pc_recv_console *c, const pc_recv_console_req *rq, int64_t now,
                  pc_recv_console_reply *out)
{
    if (!same_origin(rq) || !rq->content_type ||
        strncmp(rq->content_type, "application/json", 16) != 0) {
        reply_error(out, 403, "sign in from the console page");
        return;
    }
    json_t *j = json_loadb(rq->body ? rq->body : "", rq->len, 0, NULL);
    const char *name = json_string_value(json_object_get(j, "name"));
    const char *pw = json_string_value(json_object_get(j, "password"));
    const char *shown = pc_recv_operator_name_ok(name) ? name : "-";
    const char *from = rq->client && rq->client[0] ? rq->client : "-";
    signin_subject who[2];
    subjects_of(name, rq->client, who);
    pc_recv_store *s = pc_recv_pool_take(c->opts.pool);
    int64_t wait = 0;
    bool ok = s && signin_wait(s, who, now, &wait);
    if (!ok || wait > 0) {
        if (!ok)
            pc_recv_log(c->opts.log, "console: sign-in of %s from %s refused: %s", shown, from,
                        s ? pc_recv_store_errmsg(s) : "no database connection");
        else
            pc_recv_log(c->opts.log,
                        "console: sign-in of %s from %s refused unchecked: locked out for %" PRId64
                        " s more",
                        shown, from, wait);
        pc_recv_pool_give(c->opts.pool, s);
        json_decref(j);
        ok ? reply_locked(out, wait) : reply_error(out, 503, "数据库暂时不可用，请稍后再试");
        return;
    }
    ok = password_ok(c, s, name, pw);
    signin_record(c, s, who, ok, now, &wait);
    pc_recv_pool_give(c->opts.pool, s);
    pc_recv_log(c->opts.log, "console: sign-in %s for %s from %s%s", ok ? "accepted" : "refused",
                shown, from, wait > 0 ? " (now locked out)" : "");
    if (ok)
        session_start(c, name, now, out);
    else if (wait > 0)
        reply_locked(out, wait);
    else
        reply_error(out, 401, "用户名或密码不正确");
    json_decref(j);
}

/* The operator's password hash verified; for a name not held the decoy is (and the
 * answer is false). */
static bool password_ok(pc_recv_console *c, pc_recv_store *s, const char *name, const char *pw)
{
    char hash[PC_RECV_PWHASH_MAX] = "";
    bool found = false;
    if (!pw || !pc_recv_operator_name_ok(name) ||
        !pc_recv_store_operator_get(s, name, hash, &found))
        return false;
    return crypto_pwhash_str_verify(found ? hash : c->decoy, pw, strlen(pw)) == 0 && found;
}

/* The session cookie for name, and the answer. */
static void session_start(pc_recv_console *c, const char *name, int64_t now,
                          pc_recv_console_reply *out)
{
    char value[128], mac[crypto_auth_BYTES * 2 + 1], id[NONCE_HEX];
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(id, sizeof id, raw, sizeof raw);
    snprintf(value, sizeof value, "%s.%s.%" PRId64, id, name, now + PC_RECV_SESSION_SECONDS);
    session_mac(c, "s", value, mac);
    snprintf(out->set_cookie, sizeof out->set_cookie,
             PC_RECV_CONSOLE_COOKIE "=%s.%s; Path=" PC_RECV_CONSOLE_PREFIX
                                    "; Max-Age=%d; HttpOnly; SameSite=Strict%s",
             value, mac, PC_RECV_SESSION_SECONDS, c->opts.https ? "; Secure" : "");
    reply_json(out, 200, json_pack("{s:s}", "operator", name));
}

/* ------------------------------------------------------------------ lock-outs */

/* The name's subject (when the name could be an operator's) and the client's (when
 * known); an empty key is none. */
static void subjects_of(const char *name, const char *client, signin_subject who[2])
{
    memset(who, 0, 2 * sizeof *who);
    if (pc_recv_operator_name_ok(name))
        snprintf(who[0].key, sizeof who[0].key, "name:%s", name);
    who[0].tries = PC_RECV_SIGNIN_NAME_TRIES;
    if (client && client[0] && strlen(client) < sizeof who[1].key - 5)
        snprintf(who[1].key, sizeof who[1].key, "addr:%s", client);
    who[1].tries = PC_RECV_SIGNIN_ADDR_TRIES;
}

/* Seconds refused after `failures` in a row: 30 at `tries`, doubled with each further
 * failure, at most 15 min; 0 below `tries`. */
static int64_t lock_seconds(int failures, int tries)
{
    if (failures < tries)
        return 0;
    int64_t t = PC_RECV_SIGNIN_LOCK_FIRST;
    for (int i = tries; i < failures && t < PC_RECV_SIGNIN_LOCK_MAX; i++)
        t *= 2;
    return t < PC_RECV_SIGNIN_LOCK_MAX ? t : PC_RECV_SIGNIN_LOCK_MAX;
}

/* *wait: seconds until neither subject is locked out (0: now). */
static bool signin_wait(pc_recv_store *s, const signin_subject who[2], int64_t now, int64_t *wait)
{
    *wait = 0;
    for (int i = 0; i < 2; i++) {
        int failures = 0;
        int64_t last = 0;
        if (!who[i].key[0])
            continue;
        if (!pc_recv_store_signin_failures(s, who[i].key, &failures, &last))
            return false;
        int64_t left = last + lock_seconds(failures, who[i].tries) - now;
        if (failures >= who[i].tries && left > *wait)
            *wait = left;
    }
    return true;
}

/* A sign-in clears the counts of its name and its address (a department's operators
 * behind one NAT address must not lock each other out with a mistyped password now and
 * then: the count is "in a row"); a refusal counts for both subjects, *wait the lock-out
 * it started (0: none). A database error is logged: the answer stands. */
static void signin_record(pc_recv_console *c, pc_recv_store *s, const signin_subject who[2],
                          bool accepted, int64_t now, int64_t *wait)
{
    *wait = 0;
    bool cleared = false, ok = true;
    for (int i = 0; accepted && ok && i < 2; i++)
        ok = !who[i].key[0] || pc_recv_store_signin_clear(s, who[i].key, &cleared);
    for (int i = 0; !accepted && ok && i < 2; i++) {
        int failures = 0;
        if (!who[i].key[0])
            continue;
        ok =
            pc_recv_store_signin_failed(s, who[i].key, now, now - PC_RECV_SIGNIN_FORGET, &failures);
        int64_t t = ok ? lock_seconds(failures, who[i].tries) : 0;
        if (t > 0)
            pc_recv_log(c->opts.log,
                        "console: %s locked out for %" PRId64 " s after %d failed sign-ins",
                        who[i].key, t, failures);
        if (t > *wait)
            *wait = t;
    }
    if (!ok)
        pc_recv_log(c->opts.log, "console: failed sign-ins not recorded: %s",
                    pc_recv_store_errmsg(s));
}

/* 429 with Retry-After and the wait in the operator's words (the page words it the same
 * way from retry_after). */
static void reply_locked(pc_recv_console_reply *out, int64_t wait)
{
    char msg[160];
    if (wait < 60)
        snprintf(msg, sizeof msg, "登录失败次数较多，为保护账户，请在 %" PRId64 " 秒后再试。",
                 wait);
    else
        snprintf(msg, sizeof msg, "登录失败次数较多，为保护账户，请在 %" PRId64 " 分钟后再试。",
                 (wait + 59) / 60);
    reply_json(out, 429, json_pack("{s:s, s:I}", "error", msg, "retry_after", (json_int_t)wait));
    out->retry_after = wait;
}

bool pc_recv_console_unlock(pc_recv_store *s, const char *who, bool *cleared)
{
    char key[96];
    bool one = false, two = false;
    *cleared = false;
    snprintf(key, sizeof key, "name:%s", who);
    if (!pc_recv_store_signin_clear(s, key, &one))
        return false;
    snprintf(key, sizeof key, "addr:%s", who);
    if (!pc_recv_store_signin_clear(s, key, &two))
        return false;
    *cleared = one || two;
    return true;
}

static void logout(pc_recv_console *c, const pc_recv_console_req *rq, int64_t now,
                   pc_recv_console_reply *out)
{
    session se;
    char csrf[crypto_auth_BYTES * 2 + 1];
    if (!signed_in(c, rq, now, &se, csrf, out))
        return;
    if (!same_origin(rq) || !rq->csrf || strlen(rq->csrf) != strlen(csrf) ||
        sodium_memcmp(rq->csrf, csrf, strlen(csrf)) != 0) {
        reply_error(out, 403, "missing or wrong " PC_RECV_CONSOLE_CSRF_HDR);
        return;
    }
    pc_recv_store *s = pc_recv_pool_take(c->opts.pool);
    bool ended = s && pc_recv_store_session_end(s, se.id, se.expiry, now);
    if (!ended)
        pc_recv_log(c->opts.log, "console: sign-out of %s not recorded: %s", se.name,
                    s ? pc_recv_store_errmsg(s) : "no database connection");
    pc_recv_pool_give(c->opts.pool, s);
    if (!ended) {
        reply_error(out, 503, "暂时无法退出登录，请稍后再试");
        return;
    }
    pc_recv_log(c->opts.log, "console: signed out %s", se.name);
    snprintf(out->set_cookie, sizeof out->set_cookie,
             PC_RECV_CONSOLE_COOKIE "=; Path=" PC_RECV_CONSOLE_PREFIX
                                    "; Max-Age=0; HttpOnly; SameSite=Strict%s",
             c->opts.https ? "; Secure" : "");
    reply_json(out, 200, json_pack("{s:b}", "signed_out", 1));
}

static void me(pc_recv_console *c, const pc_recv_console_req *rq, int64_t now,
               pc_recv_console_reply *out)
{
    session se;
    char csrf[crypto_auth_BYTES * 2 + 1];
    if (!signed_in(c, rq, now, &se, csrf, out))
        return;
    reply_json(
        out, 200,
        json_pack("{s:s, s:s, s:i}", "operator", se.name, "csrf", csrf, "silent_hours",
                  c->opts.silent_hours > 0 ? c->opts.silent_hours : PC_RECV_SILENT_HOURS_DEFAULT));
}

/* The session's operator and CSRF token; else answers (401, or 503 when the database
 * cannot say whether the session was signed out) and returns false. */
static bool signed_in(pc_recv_console *c, const pc_recv_console_req *rq, int64_t now, session *se,
                      char *csrf, pc_recv_console_reply *out)
{
    if (!session_read(c, rq->cookie, now, se)) {
        reply_error(out, 401, "not signed in");
        return false;
    }
    if (!session_live(c, se, out))
        return false;
    session_mac(c, "c", rq->cookie, csrf);
    return true;
}

/* Not signed out on any receiver sharing the database; else answers and false. */
static bool session_live(pc_recv_console *c, const session *se, pc_recv_console_reply *out)
{
    bool ended = false;
    pc_recv_store *s = pc_recv_pool_take(c->opts.pool);
    bool ok = s && pc_recv_store_session_ended(s, se->id, &ended);
    if (!ok)
        pc_recv_log(c->opts.log, "console: session check failed: %s",
                    s ? pc_recv_store_errmsg(s) : "no database connection");
    pc_recv_pool_give(c->opts.pool, s);
    if (!ok)
        reply_error(out, 503, "数据库暂时不可用，请稍后再试");
    else if (ended)
        reply_error(out, 401, "not signed in");
    return ok && !ended;
}

/* "<id>.<name>.<expiry>.<mac>", the MAC ours, not expired; *se filled. */
static bool session_read(pc_recv_console *c, const char *cookie, int64_t now, session *se)
{
    const char *last = cookie ? strrchr(cookie, '.') : NULL;
    if (!last || last - cookie >= 120)
        return false;
    char value[128], mac[crypto_auth_BYTES * 2 + 1];
    snprintf(value, sizeof value, "%.*s", (int)(last - cookie), cookie);
    session_mac(c, "s", value, mac);
    if (strlen(last + 1) != strlen(mac) || sodium_memcmp(last + 1, mac, strlen(mac)) != 0)
        return false;
    const char *first = strchr(value, '.'), *dot = strrchr(value, '.');
    if (!first || first - value != NONCE_HEX - 1 || dot == first ||
        dot - first - 1 > PC_RECV_OPERATOR_MAX)
        return false;
    char *end = NULL;
    long long expiry = strtoll(dot + 1, &end, 10);
    snprintf(se->id, sizeof se->id, "%.*s", (int)(first - value), value);
    snprintf(se->name, sizeof se->name, "%.*s", (int)(dot - first - 1), first + 1);
    se->expiry = expiry;
    return end && !*end && expiry > now && pc_recv_operator_name_ok(se->name);
}

static void session_mac(pc_recv_console *c, const char *what, const char *text,
                        char hex[crypto_auth_BYTES * 2 + 1])
{
    unsigned char mac[crypto_auth_BYTES];
    crypto_auth_hmacsha512256_state st;
    crypto_auth_hmacsha512256_init(&st, c->key, sizeof c->key);
    crypto_auth_hmacsha512256_update(&st, (const unsigned char *)what, strlen(what) + 1);
    crypto_auth_hmacsha512256_update(&st, (const unsigned char *)text, strlen(text));
    crypto_auth_hmacsha512256_final(&st, mac);
    sodium_bin2hex(hex, crypto_auth_BYTES * 2 + 1, mac, sizeof mac);
}

/* No Origin (not every browser sends one on same-origin POSTs): the JSON content type
 * and SameSite=Strict stand guard; an Origin must name this host. */
static bool same_origin(const pc_recv_console_req *rq)
{
    if (!rq->origin)
        return true;
    const char *sep = strstr(rq->origin, "://");
    return rq->host && sep && strcmp(sep + 3, rq->host) == 0;
}

/* ------------------------------------------------------------------ reports */

static void report(pc_recv_console *c, const pc_recv_console_req *rq, api_kind kind, int64_t now,
                   pc_recv_console_reply *out)
{
    char err[256] = "", csrf[crypto_auth_BYTES * 2 + 1];
    session se;
    pc_recv_filter f;
    if (!signed_in(c, rq, now, &se, csrf, out))
        return;
    if (!pc_recv_filter_parse(&f, rq->hall, rq->kiosk, rq->from, rq->to, err, sizeof err)) {
        reply_error(out, 400, err);
        return;
    }
    pc_recv_store *s = pc_recv_pool_take(c->opts.pool);
    if (kind != API_DESK)
        roll_up(c, s, now);
    err[0] = '\0';
    json_t *j = report_make(c, s, rq, kind, &f, now, err, sizeof err);
    pc_recv_pool_give(c->opts.pool, s);
    if (!j) {
        pc_recv_log(c->opts.log, "console: report failed: %s", err);
        reply_error(out, 503, err);
        return;
    }
    reply_json(out, 200, j);
}

/* The rollups brought up to date, by one request of this receiver at a time: the
 * page's calls arrive together, and each rolling up the same rows (a million after an
 * upgrade) would do the work three times over and keep one. Those that waited find
 * the watermark moved and add nothing. */
static void roll_up(pc_recv_console *c, pc_recv_store *s, int64_t now)
{
    char err[256] = "";
    pthread_mutex_lock(&c->roll_lock);
    if (!pc_recv_rollup_refresh(s, now, NULL, err, sizeof err))
        pc_recv_log(c->opts.log, "console: %s (the figures read the rows themselves)", err);
    pthread_mutex_unlock(&c->roll_lock);
}

static json_t *report_make(pc_recv_console *c, pc_recv_store *s, const pc_recv_console_req *rq,
                           api_kind kind, const pc_recv_filter *f, int64_t now, char *err,
                           size_t errsize)
{
    if (kind == API_COUNTS)
        return pc_recv_report_counts(s, c->opts.packs, f, rq->by && strcmp(rq->by, "week") == 0,
                                     err, errsize);
    if (kind == API_UNSURE)
        return pc_recv_report_unsure(s, c->opts.packs, f, 20, err, errsize);
    if (kind == API_DESK)
        return pc_recv_report_desk(s, c->opts.packs, f, rq->by && strcmp(rq->by, "week") == 0, err,
                                   errsize);
    pc_keyring ring = {0};
    int hours = rq->silent ? atoi(rq->silent) : c->opts.silent_hours;
    json_t *pub = c->opts.published ? pc_recv_published_versions(c->opts.published) : NULL;
    int64_t serial = pub ? pc_recv_published_serial(c->opts.published) : 0;
    json_t *j = c->opts.enrolled(c->opts.ctx, &ring)
                    ? pc_recv_report_fleet_published(s, c->opts.packs, pub, serial, &ring, f, now,
                                                     hours, err, errsize)
                    : NULL;
    json_decref(pub);
    if (!j && !err[0])
        snprintf(err, errsize, "out of memory");
    pc_keyring_free(&ring);
    return j;
}

/* ------------------------------------------------------------------ replies */

static void reply_json(pc_recv_console_reply *out, unsigned status, json_t *j)
{
    out->body = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    if (!out->body)
        out->body = strdup("{\"error\":\"out of memory\"}"), status = 503;
    out->len = out->body ? strlen(out->body) : 0;
    out->status = status;
    out->content_type = "application/json; charset=utf-8";
    out->no_store = true;
}

static void reply_error(pc_recv_console_reply *out, unsigned status, const char *msg)
{
    reply_json(out, status, json_pack("{s:s}", "error", msg));
}

/* ------------------------------------------------------------------ the store's sessions */

bool pc_recv_store_console_key(pc_recv_store *s, const char *fresh, char *key)
{
    return s->ops->console_key(s, fresh, key);
}

bool pc_recv_store_session_end(pc_recv_store *s, const char *session, int64_t expires_at,
                               int64_t now)
{
    return s->ops->session_end(s, session, expires_at, now);
}

bool pc_recv_store_session_ended(pc_recv_store *s, const char *session, bool *ended)
{
    return s->ops->session_ended(s, session, ended);
}

bool pc_recv_store_signin_failures(pc_recv_store *s, const char *subject, int *failures,
                                   int64_t *last_at)
{
    return s->ops->signin_failures(s, subject, failures, last_at);
}

bool pc_recv_store_signin_failed(pc_recv_store *s, const char *subject, int64_t now,
                                 int64_t forget_before, int *failures)
{
    return s->ops->signin_failed(s, subject, now, forget_before, failures);
}

bool pc_recv_store_signin_clear(pc_recv_store *s, const char *subject, bool *cleared)
{
    return s->ops->signin_clear(s, subject, cleared);
}
