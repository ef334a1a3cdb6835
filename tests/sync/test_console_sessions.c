/* test_console_sessions.c — the operator console's sessions hold across receivers on
 * one database: two receivers (real servers, real HTTP through libcurl) on the
 * fixture's database, SQLite or PostgreSQL (pg_cluster.sh). Signed in on A, the
 * overview reads on B with the same CSRF token; signed out on B, refused on A; another
 * session of the same operator lives on; a restart signs nobody out. And the store's
 * part: the session key is the first instance's however many start together, and a
 * sign-out is swept once its session has expired. */
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "check.h"
#include "recv_console.h"
#include "sync_test_util.h"

typedef struct answer {
    long status;
    char cookie[256]; /* pc_console=… from Set-Cookie, "" when none */
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
    if (size * n > sizeof name && curl_strnequal(p, name, sizeof name - 1))
        snprintf(a->cookie, sizeof a->cookie, "%.*s", (int)strcspn(p + sizeof name - 1, ";\r\n"),
                 p + sizeof name - 1);
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

static void add_operator(fixture *f)
{
    char hash[crypto_pwhash_STRBYTES];
    CHECK(crypto_pwhash_str(hash, "correct horse", 13, crypto_pwhash_OPSLIMIT_MIN,
                            crypto_pwhash_MEMLIMIT_MIN) == 0);
    pc_recv_store *db = fixture_store(f);
    CHECK(pc_recv_store_operator_put(db, "wang", hash, 1));
    pc_recv_store_close(db);
}

static void test_two_receivers(fixture *f, const pc_pack_set *packs, const char *console_dir)
{
    add_operator(f);
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
    test_store(&f);
    fixture_done(&f);
    pc_pack_set_free(&packs);
    curl_global_cleanup();
    return CHECK_DONE();
}
