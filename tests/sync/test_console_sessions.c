/* test_console_sessions.c — the operator console's sessions hold across receivers on
 * one database: two receivers (real servers, real HTTP through libcurl) on the
 * fixture's database, SQLite or PostgreSQL (pg_cluster.sh). Signed in on A, the
 * overview reads on B with the same CSRF token; signed out on B, refused on A; another
 * session of the same operator lives on; a restart signs nobody out. And the store's
 * part: the session key is the first instance's however many start together, and a
 * sign-out is swept once its session has expired.
 *
 * The lock-out after failed sign-ins, counted in the database: through the console's
 * handler with the time given (two handlers, each on its own pool, as two receivers),
 * 5 wrong passwords lock a name out (429, Retry-After) and the right one is refused
 * unchecked until the time has passed, then accepted with the count reset; doubled
 * after a further failure; a name that does not exist locks the same way; 20 failures
 * lock an address; the lock holds across closing and reopening; operator-unlock
 * clears it; a count is forgotten a day after its last failure. Over HTTP the 429
 * carries Retry-After. A schema-6 SQLite file is migrated to hold the counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>
#include <sqlite3.h>

#include "check.h"
#include "recv_console.h"
#include "sync_test_util.h"

typedef struct answer {
    long status;
    char cookie[256]; /* pc_console=… from Set-Cookie, "" when none */
    char retry[16];   /* Retry-After, "" when none */
    char *body;
    size_t len;
} answer;

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
    answer *a = ctx;
    char *grown = realloc(a->body, a->len + size * n + 1);
    if (!grown)
        return 0;
    memcpy(grown + a->len, p, size * n);
    a->body = grown;
    a->len += size * n;
    a->body[a->len] = '\0';
    return size * n;
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
    answer *a = ctx;
    static const char name[] = "Set-Cookie: " PC_RECV_CONSOLE_COOKIE "=";
    static const char retry[] = "Retry-After: ";
    if (size * n > sizeof name && curl_strnequal(p, name, sizeof name - 1))
        snprintf(a->cookie, sizeof a->cookie, "%.*s", (int)strcspn(p + sizeof name - 1, ";\r\n"),
                 p + sizeof name - 1);
    if (size * n > sizeof retry && curl_strnequal(p, retry, sizeof retry - 1))
        snprintf(a->retry, sizeof a->retry, "%.*s", (int)strcspn(p + sizeof retry - 1, "\r\n"),
                 p + sizeof retry - 1);
    return size * n;
}

/* One request to the receiver on port; body NULL: a GET. */
static answer http(uint16_t port, const char *path, const char *cookie, const char *csrf,
                   const char *body)
{
    answer a = {0};
    char url[256], hdr_cookie[320], hdr_csrf[160];
    snprintf(url, sizeof url, "http://127.0.0.1:%u%s", (unsigned)port, path);
    CURL *c = curl_easy_init();
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    if (cookie) {
        snprintf(hdr_cookie, sizeof hdr_cookie, "Cookie: " PC_RECV_CONSOLE_COOKIE "=%s", cookie);
        h = curl_slist_append(h, hdr_cookie);
    }
    if (csrf) {
        snprintf(hdr_csrf, sizeof hdr_csrf, PC_RECV_CONSOLE_CSRF_HDR ": %s", csrf);
        h = curl_slist_append(h, hdr_csrf);
    }
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &a);
    if (body)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    CHECK(curl_easy_perform(c) == CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return a;
}

static long status_of(uint16_t port, const char *path, const char *cookie)
{
    answer a = http(port, path, cookie, NULL, NULL);
    free(a.body);
    return a.status;
}

/* Signs "wang" in on port; the session cookie's value. */
static void sign_in(uint16_t port, char *cookie, size_t size)
{
    answer a = http(port, "/console/api/login", NULL, NULL,
                    "{\"name\":\"wang\",\"password\":\"correct horse\"}");
    CHECK(a.status == 200 && a.cookie[0]);
    snprintf(cookie, size, "%s", a.cookie);
    free(a.body);
}

/* The CSRF token /console/api/me gives on port for the session. */
static void csrf_of(uint16_t port, const char *cookie, char *csrf, size_t size)
{
    answer a = http(port, "/console/api/me", cookie, NULL, NULL);
    json_t *j = a.body ? json_loads(a.body, 0, NULL) : NULL;
    const char *t = json_string_value(json_object_get(j, "csrf"));
    CHECK(a.status == 200 && t && strlen(t) == 64);
    snprintf(csrf, size, "%s", t ? t : "");
    json_decref(j);
    free(a.body);
}

static void test_two_receivers(fixture *f, const pc_pack_set *packs, const char *console_dir)
{
    fixture_add_operator(f, "wang", "correct horse");
    pc_recv_opts o = {.console_dir = console_dir, .packs = packs};
    site *s = fixture_site_opts(f, o, 2, false);
    uint16_t a = pc_recv_server_port(s->srv[0]), b = pc_recv_server_port(s->srv[1]);
    char first[256], second[256], csrf_a[80], csrf_b[80];
    sign_in(a, first, sizeof first);
    CHECK(status_of(b, "/console/api/counts", first) == 200);
    CHECK(status_of(b, "/console/api/fleet", first) == 200);
    csrf_of(a, first, csrf_a, sizeof csrf_a);
    csrf_of(b, first, csrf_b, sizeof csrf_b);
    CHECK(strcmp(csrf_a, csrf_b) == 0);
    sign_in(a, second, sizeof second); /* the same operator, another browser */
    CHECK(strcmp(first, second) != 0);

    answer out = http(b, "/console/api/logout", first, "0000", "{}");
    CHECK(out.status == 403); /* a wrong token ends nothing */
    free(out.body);
    CHECK(status_of(a, "/console/api/counts", first) == 200);
    out = http(b, "/console/api/logout", first, csrf_a, "{}"); /* A's token, on B */
    CHECK(out.status == 200);
    free(out.body);
    CHECK(status_of(a, "/console/api/counts", first) == 401);
    CHECK(status_of(a, "/console/api/me", first) == 401);
    CHECK(status_of(b, "/console/api/unsure", first) == 401);
    out = http(a, "/console/api/logout", first, csrf_a, "{}");
    CHECK(out.status == 401);
    free(out.body);
    CHECK(status_of(a, "/console/api/counts", second) == 200);
    CHECK(status_of(b, "/console/api/counts", second) == 200);
    site_stop(s);

    s = fixture_site_opts(f, o, 1, false); /* a restart signs nobody out */
    CHECK(status_of(pc_recv_server_port(s->srv[0]), "/console/api/counts", second) == 200);
    CHECK(status_of(pc_recv_server_port(s->srv[0]), "/console/api/counts", first) == 401);
    site_stop(s);
}

/* Over HTTP (the client address the server's): 5 wrong passwords for "li" → the
 * fifth is 429 with Retry-After and the wait in words; the sixth is refused too. */
static void test_http_lockout(fixture *f, const pc_pack_set *packs, const char *console_dir)
{
    pc_recv_opts o = {.console_dir = console_dir, .packs = packs};
    site *s = fixture_site_opts(f, o, 2, false);
    uint16_t a = pc_recv_server_port(s->srv[0]), b = pc_recv_server_port(s->srv[1]);
    for (int i = 1; i <= 5; i++) {
        answer r = http(i % 2 ? a : b, "/console/api/login", NULL, NULL,
                        "{\"name\":\"li\",\"password\":\"guess\"}");
        CHECK(r.status == (i < 5 ? 401 : 429));
        CHECK(i < 5 ? !r.retry[0] : strcmp(r.retry, "30") == 0);
        CHECK(r.body && strstr(r.body, i < 5 ? "用户名或密码不正确" : "请在 30 秒后再试"));
        free(r.body);
    }
    answer r = http(a, "/console/api/login", NULL, NULL, "{\"name\":\"li\",\"password\":\"x\"}");
    CHECK(r.status == 429 && atoi(r.retry) > 0 && atoi(r.retry) <= 30);
    free(r.body);
    site_stop(s);
}

/* One receiver's console on its own pool of the fixture's database, logging to memory. */
typedef struct handler {
    pc_recv_pool *pool;
    pc_recv_console *console;
    char *log;
    size_t log_len;
    FILE *log_file;
} handler;

static bool no_kiosks(void *ctx, pc_keyring *ring)
{
    (void)ctx, (void)ring;
    return false;
}

static void handler_open(handler *h, fixture *f, const pc_pack_set *packs, const char *dir)
{
    char err[512];
    memset(h, 0, sizeof *h);
    h->log_file = open_memstream(&h->log, &h->log_len);
    CHECK(h->log_file && pc_recv_pool_open(f->recv_db, 0, 1, &h->pool, err, sizeof err));
    pc_recv_console_opts o = {.pool = h->pool,
                              .packs = packs,
                              .static_dir = dir,
                              .log = h->log_file,
                              .enrolled = no_kiosks};
    CHECK((h->console = pc_recv_console_new(&o)) != NULL);
}

/* The lines h logged so far containing needle. */
static bool handler_logged(handler *h, const char *needle)
{
    fflush(h->log_file);
    return h->log && strstr(h->log, needle);
}

static void handler_close(handler *h)
{
    pc_recv_console_free(h->console);
    pc_recv_pool_close(h->pool);
    fclose(h->log_file);
    free(h->log);
}

/* A sign-in through h at now from client: the status; *retry its retry_after. */
static unsigned login_at(handler *h, const char *name, const char *pw, const char *client,
                         int64_t now, int64_t *retry)
{
    char body[256];
    snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", name, pw);
    pc_recv_console_req rq = {.method = "POST",
                              .path = "/console/api/login",
                              .content_type = "application/json",
                              .body = body,
                              .len = strlen(body),
                              .client = client};
    pc_recv_console_reply out;
    pc_recv_console_handle(h->console, &rq, now, &out);
    if (retry)
        *retry = out.retry_after;
    CHECK(out.status != 429 || (out.body && strstr(out.body, "登录失败次数较多，为保护账户")));
    CHECK(out.status != 401 || (out.body && strstr(out.body, "用户名或密码不正确")));
    pc_recv_console_reply_free(&out);
    return out.status;
}

/* name locked out on two receivers sharing the count: 5 wrong (one of them on the
 * other receiver), the right password refused unchecked until the 30 s have passed. */
static void lock_name(handler *x, handler *y, const char *name, const char *client, int64_t t0)
{
    int64_t retry = -1;
    for (int i = 1; i < 5; i++)
        CHECK(login_at(i % 2 ? x : y, name, "wrong one", client, t0 + i, &retry) == 401 &&
              retry == 0);
    CHECK(login_at(y, name, "wrong one", client, t0 + 5, &retry) == 429 && retry == 30);
    CHECK(login_at(x, name, "correct horse", client, t0 + 15, &retry) == 429 && retry == 20);
    CHECK(login_at(y, name, "correct horse", client, t0 + 34, &retry) == 429 && retry == 1);
}

static void test_lockout(fixture *f, const pc_pack_set *packs, const char *dir)
{
    handler x, y;
    handler_open(&x, f, packs, dir);
    handler_open(&y, f, packs, dir);
    const int64_t t = 2000000000;
    int64_t retry = -1;
    lock_name(&x, &y, "wang", "10.0.0.1", t);
    CHECK(handler_logged(&x, "sign-in of wang from 10.0.0.1 refused unchecked"));
    CHECK(login_at(&x, "wang", "correct horse", "10.0.0.1", t + 35, &retry) == 200 && retry == 0);
    for (int i = 1; i < 5; i++) /* the count starts again */
        CHECK(login_at(&y, "wang", "wrong one", "10.0.0.1", t + 40 + i, NULL) == 401);
    CHECK(login_at(&y, "wang", "wrong one", "10.0.0.1", t + 45, &retry) == 429 && retry == 30);
    CHECK(login_at(&x, "wang", "wrong one", "10.0.0.1", t + 75, &retry) == 429 && retry == 60);
    CHECK(login_at(&x, "wang", "wrong one", "10.0.0.1", t + 135, &retry) == 429 && retry == 120);
    CHECK(login_at(&x, "wang", "correct horse", "10.0.0.2", t + 136, &retry) == 429 &&
          retry == 119); /* another address: the name is locked */

    lock_name(&x, &y, "nobody", "10.0.0.3", t); /* not an operator: locked the same way */
    CHECK(login_at(&y, "nobody", "correct horse", "10.0.0.3", t + 35, &retry) == 429 &&
          retry == 60); /* a further failure: twice as long */

    for (int i = 0; i < 19; i++) { /* 19 names, one wrong each, from one address */
        char name[16];
        snprintf(name, sizeof name, "user%02d", i);
        CHECK(login_at(i % 2 ? &x : &y, name, "wrong one", "10.0.0.9", t + i, NULL) == 401);
    }
    CHECK(login_at(&x, "zhao", "wrong one", "10.0.0.9", t + 20, &retry) == 429 && retry == 30);
    CHECK(login_at(&y, "zhang", "correct horse", "10.0.0.9", t + 21, &retry) == 429);
    CHECK(handler_logged(&x, "addr:10.0.0.9 locked out for 30 s after 20 failed sign-ins"));
    handler_close(&x);
    handler_close(&y);

    handler_open(&x, f, packs, dir); /* a restart forgets nothing */
    CHECK(login_at(&x, "wang", "correct horse", "10.0.0.4", t + 140, &retry) == 429 &&
          retry == 115);
    pc_recv_store *db = fixture_store(f);
    bool cleared = false;
    CHECK(pc_recv_console_unlock(db, "wang", &cleared) && cleared);
    CHECK(pc_recv_console_unlock(db, "wang", &cleared) && !cleared);
    CHECK(pc_recv_console_unlock(db, "10.0.0.9", &cleared) && cleared);
    pc_recv_store_close(db);
    CHECK(login_at(&x, "wang", "correct horse", "10.0.0.4", t + 141, NULL) == 200);
    CHECK(login_at(&x, "wang", "correct horse", "10.0.0.9", t + 142, NULL) == 200);

    for (int i = 0; i < 19; i++) { /* one NAT address: 19 mistyped names, then a sign-in */
        char name[16];
        snprintf(name, sizeof name, "user%02d", 20 + i);
        CHECK(login_at(&x, name, "wrong one", "10.0.0.8", t + 150 + i, NULL) == 401);
    }
    CHECK(login_at(&x, "wang", "correct horse", "10.0.0.8", t + 170, NULL) == 200);
    CHECK(login_at(&x, "user99", "wrong one", "10.0.0.8", t + 171, &retry) == 401 &&
          retry == 0); /* would have been the 20th in a row: the address starts again */

    for (int i = 0; i < 4; i++) /* four, then a day of quiet: forgotten */
        CHECK(login_at(&x, "wang", "wrong one", "10.0.0.5", t + 200 + i, NULL) == 401);
    CHECK(login_at(&x, "wang", "wrong one", "10.0.0.5", t + 203 + PC_RECV_SIGNIN_FORGET + 1,
                   NULL) == 401);
    int failures = 0;
    int64_t last = 0;
    db = fixture_store(f);
    CHECK(pc_recv_store_signin_failures(db, "name:wang", &failures, &last) && failures == 1 &&
          last == t + 204 + PC_RECV_SIGNIN_FORGET);
    CHECK(pc_recv_store_signin_failures(db, "name:nobody", &failures, &last) && failures == 0);
    pc_recv_store_close(db); /* ^ older rows swept as the last failure was counted */
    handler_close(&x);
}

/* A SQLite file of schema 6 (before the failed sign-ins were kept) opens at 7 with
 * their table, and counts. */
static void test_migrates_schema_6(fixture *f)
{
    if (fixture_pg())
        return;
    char path[400], err[512];
    snprintf(path, sizeof path, "%s/v6.db", f->dir);
    pc_recv_store *s = NULL;
    CHECK(pc_recv_store_open(path, PC_RECV_STORE_CREATE, &s, err, sizeof err));
    pc_recv_store_close(s);
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK &&
          sqlite3_exec(db,
                       "DROP TABLE console_signin_failure; PRAGMA user_version = 6;"
                       "INSERT INTO operator(name, pwhash, created_at) VALUES ('wang', 'h', 1)",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    s = NULL;
    CHECK(pc_recv_store_open(path, 0, &s, err, sizeof err));
    int failures = 0;
    char hash[PC_RECV_PWHASH_MAX];
    bool found = false;
    CHECK(s && pc_recv_store_operator_get(s, "wang", hash, &found) && found);
    CHECK(s && pc_recv_store_signin_failed(s, "name:wang", 10, 0, &failures) && failures == 1);
    CHECK(s && pc_recv_store_signin_failed(s, "name:wang", 11, 0, &failures) && failures == 2);
    pc_recv_store_close(s);
    sqlite3_stmt *q = NULL;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK &&
          sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
          sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 7);
    sqlite3_finalize(q);
    sqlite3_close(db);
}

static void test_store(fixture *f)
{
    pc_recv_store *x = fixture_store(f), *y = fixture_store(f);
    char kx[PC_RECV_CONSOLE_KEY_HEX], ky[PC_RECV_CONSOLE_KEY_HEX], one[65], two[65];
    memset(one, 'a', 64), memset(two, 'b', 64);
    one[64] = two[64] = '\0';
    CHECK(pc_recv_store_console_key(x, one, kx)); /* held since the servers started */
    CHECK(pc_recv_store_console_key(y, two, ky));
    CHECK(strcmp(kx, ky) == 0 && strcmp(kx, one) != 0 && strcmp(kx, two) != 0 && strlen(kx) == 64);
    bool ended = false;
    CHECK(pc_recv_store_session_end(x, "s1", 1000, 500));
    CHECK(pc_recv_store_session_ended(y, "s1", &ended) && ended);
    CHECK(pc_recv_store_session_ended(y, "s2", &ended) && !ended);
    CHECK(pc_recv_store_session_end(x, "s1", 1000, 500));  /* twice: the same */
    CHECK(pc_recv_store_session_end(y, "s2", 5000, 1000)); /* s1 expired at 1000: swept */
    CHECK(pc_recv_store_session_ended(x, "s1", &ended) && !ended);
    CHECK(pc_recv_store_session_ended(x, "s2", &ended) && ended);
    pc_recv_store_close(x);
    pc_recv_store_close(y);
}

int main(void)
{
    if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return 1;
    const char *rules = getenv("PC_RULES_DIR"), *console_dir = getenv("PC_CONSOLE_DIR");
    char err[512];
    pc_pack_set packs;
    CHECK(rules && console_dir && pc_pack_set_load_dir(&packs, rules, err, sizeof err));
    fixture f;
    fixture_init(&f);
    test_two_receivers(&f, &packs, console_dir);
    test_http_lockout(&f, &packs, console_dir);
    test_lockout(&f, &packs, console_dir);
    test_migrates_schema_6(&f);
    test_store(&f);
    fixture_done(&f);
    pc_pack_set_free(&packs);
    curl_global_cleanup();
    return CHECK_DONE();
}
