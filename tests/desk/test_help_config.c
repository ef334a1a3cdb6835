/* test_help_config.c — unit tests of two small contracts of the staff desk:
 * the kiosk's signed help request (app/core/help_call.h: built, checked, and refused
 * when changed, unsigned, signed by another kiosk or for another purpose, too old or too
 * far ahead, or not the contract's JSON), and the desk's configuration file
 * (app/desk/desk_config.h: every key read; duplicate keys, aliases, a second document,
 * unknown keys and each bad value refused with the key's name and the reason). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../check.h"
#include "desk_config.h"
#include "help_call.h"

/* ------------------------------------------------------------------ help requests */

static void ring_of(pc_keyring *ring, const pc_kiosk_key *a, const pc_kiosk_key *b)
{
    ring->n = 2;
    ring->entries = calloc(2, sizeof *ring->entries);
    const pc_kiosk_key *keys[] = {a, b};
    for (int i = 0; i < 2; i++) {
        snprintf(ring->entries[i].kiosk_id, sizeof ring->entries[i].kiosk_id, "%.32s",
                 keys[i]->kiosk_id);
        memcpy(ring->entries[i].pk, keys[i]->pk, sizeof keys[i]->pk);
    }
}

static pc_help_verdict check_text(const pc_keyring *ring, const char *body, const char *sig,
                                  int64_t now, pc_help_request *r)
{
    return pc_help_check(ring, body, strlen(body), sig, now, r);
}

static void test_help_signed(const pc_keyring *ring, const pc_kiosk_key *k2)
{
    char err[200], sig[PC_HELP_SIG_B64];
    char *body = NULL;
    pc_help_request r;
    CHECK(pc_help_build(k2, 1000000, "第 3 题", &body, sig, err, sizeof err));
    CHECK_STR(body, "{\"kiosk\":\"hall-1-k2\",\"at\":1000000,\"screen\":\"第 3 题\"}");
    CHECK(check_text(ring, body, sig, 1000000, &r) == PC_HELP_OK);
    CHECK_STR(r.kiosk_id, "hall-1-k2");
    CHECK_STR(r.screen, "第 3 题");
    CHECK(r.at == 1000000);
    /* the clock: 300 s either way is fine, 301 is not */
    CHECK(check_text(ring, body, sig, 1000300, &r) == PC_HELP_OK);
    CHECK(check_text(ring, body, sig, 999700, &r) == PC_HELP_OK);
    CHECK(check_text(ring, body, sig, 1000301, &r) == PC_HELP_STALE);
    CHECK(check_text(ring, body, sig, 999699, &r) == PC_HELP_STALE);
    /* no signature, not base64, one byte of the body changed */
    CHECK(check_text(ring, body, NULL, 1000000, &r) == PC_HELP_BAD_SIGNATURE);
    CHECK(check_text(ring, body, "not base64!", 1000000, &r) == PC_HELP_BAD_SIGNATURE);
    char *changed = strdup(body);
    changed[strlen("{\"kiosk\":\"hall-1-k2\",\"at\":100000")] = '1';
    CHECK(check_text(ring, changed, sig, 1000000, &r) == PC_HELP_BAD_SIGNATURE);
    free(changed);
    free(body);
}

static void test_help_refused(const pc_keyring *ring, const pc_kiosk_key *k1,
                              const pc_kiosk_key *k2)
{
    char err[200], sig[PC_HELP_SIG_B64];
    char *body = NULL;
    pc_help_request r;
    /* kiosk 1 signing a request that says it is kiosk 2 */
    pc_kiosk_key forger = *k1;
    snprintf(forger.kiosk_id, sizeof forger.kiosk_id, "%s", k2->kiosk_id);
    CHECK(pc_help_build(&forger, 1000, "欢迎页", &body, sig, err, sizeof err));
    CHECK(check_text(ring, body, sig, 1000, &r) == PC_HELP_BAD_SIGNATURE);
    free(body);
    /* a kiosk the desk does not know */
    pc_kiosk_key stranger;
    CHECK(pc_kiosk_key_generate(&stranger, "elsewhere-9", err, sizeof err));
    CHECK(pc_help_build(&stranger, 1000, "欢迎页", &body, sig, err, sizeof err));
    CHECK(check_text(ring, body, sig, 1000, &r) == PC_HELP_UNKNOWN_KIOSK);
    free(body);
    pc_kiosk_key_wipe(&stranger);
    /* the body signed without "pc-help/1\n": a signature made for something else */
    const char *plain = "{\"kiosk\":\"hall-1-k1\",\"at\":1000,\"screen\":\"x\"}";
    unsigned char raw[crypto_sign_BYTES];
    crypto_sign_detached(raw, NULL, (const unsigned char *)plain, strlen(plain), k1->sk);
    sodium_bin2base64(sig, sizeof sig, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
    CHECK(check_text(ring, plain, sig, 1000, &r) == PC_HELP_BAD_SIGNATURE);
    /* not the contract's JSON */
    const char *bad[] = {
        "",
        "[]",
        "{\"kiosk\":\"hall-1-k1\",\"at\":1000}",
        "{\"kiosk\":\"hall-1-k1\",\"at\":\"1000\",\"screen\":\"x\"}",
        "{\"kiosk\":\"a b\",\"at\":1000,\"screen\":\"x\"}",
        "{\"kiosk\":\"hall-1-k1\",\"at\":1000,\"screen\":\"x\",\"more\":1}",
        "{\"kiosk\":\"hall-1-k1\",\"at\":1000,\"screen\":\"a\\nb\"}",
        "{\"kiosk\":\"hall-1-k1\",\"kiosk\":\"hall-1-k2\",\"at\":1,\"screen\":\"x\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(check_text(ring, bad[i], sig, 1000, &r) == PC_HELP_BAD_BODY);
    /* words too long for the contract are cut on a character, not in one */
    char longer[400] = "";
    for (int i = 0; i < 50; i++)
        strcat(longer, "第");
    CHECK(pc_help_build(k1, 1000, longer, &body, sig, err, sizeof err));
    CHECK(check_text(ring, body, sig, 1000, &r) == PC_HELP_OK);
    CHECK(strlen(r.screen) == 120 && strncmp(r.screen, longer, 120) == 0);
    free(body);
    CHECK_STR(pc_help_verdict_name(PC_HELP_STALE), "stale");
}

/* ------------------------------------------------------------------ configuration */

static bool load(desk_config *c, const char *text, char *err, size_t errsize)
{
    desk_config_free(c);
    desk_config_defaults(c);
    return desk_config_load_text(c, "desk.yaml", text, strlen(text), err, errsize);
}

static void test_config_good(desk_config *c)
{
    char err[600];
    CHECK(load(c, "", err, sizeof err) && c->retention_days == 30 && !c->have_listen);
    CHECK(load(c, "# every default\n", err, sizeof err) && c->n_kiosks == 0);
    CHECK(load(c, "kiosks:\nsync:\n  url: https://dept.example\n", err, sizeof err) &&
          c->n_kiosks == 0);
    CHECK_STR(c->lang, "zh-CN");
    const char *all = "db: /var/lib/precheck/desk.sqlite\n"
                      "keyring: /etc/precheck/kiosks.keyring\n"
                      "listen: 127.0.0.1:8780\n"
                      "rules: /usr/share/precheck/rules\n"
                      "hall_key: /etc/precheck/hall.key\n"
                      "hall: 越秀区政务服务中心\n"
                      "language: en\n"
                      "retention_days: 90\n"
                      "port_file: /run/desk.port\n"
                      "kiosks:\n  hall-1-k1: 1 号自助机\n  hall-1-k2: 2 号自助机\n";
    CHECK(load(c, all, err, sizeof err));
    CHECK_STR(c->db, "/var/lib/precheck/desk.sqlite");
    CHECK_STR(c->hall_key, "/etc/precheck/hall.key");
    CHECK_STR(c->addr, "127.0.0.1");
    CHECK(c->port == 8780 && c->have_listen && c->retention_days == 90);
    CHECK_STR(c->hall, "越秀区政务服务中心");
    CHECK_STR(c->lang, "en");
    CHECK_STR(desk_config_kiosk_name(c, "hall-1-k2"), "2 号自助机");
    CHECK(desk_config_kiosk_name(c, "hall-1-k3") == NULL);
    /* a flag over the file */
    CHECK(desk_config_set(c, "listen", "127.0.0.1:0", "--listen", err, sizeof err) && c->port == 0);
    CHECK(!desk_config_set(c, "listen", "localhost:80", "--listen", err, sizeof err));
    CHECK_STR(err, "--listen: the address is not IPv4 (e.g. 127.0.0.1) (got \"localhost:80\")");
}

#define SIXTY_XS "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define LONG_KEY SIXTY_XS "yyyyyyyyyy" /* named by its first 60 bytes */

static void test_config_refused(desk_config *c)
{
    const struct {
        const char *text, *says;
    } bad[] = {
        {"db: a\ndb: b\n", "desk.yaml:2: key \"db\" appears twice"},
        {"db: &x a\nkeyring: *x\n", "aliases"},
        {"db: a\n---\ndb: b\n", "more than one YAML document"},
        {"- db\n", "desk.yaml:1: the file must be a mapping"},
        {"lisen: 127.0.0.1:80\n", "desk.yaml:1: lisen: unknown setting"},
        {"dept_key: /etc/k\n", "desk.yaml:1: dept_key: renamed hall_key"},
        {"listen: 8780\n", "desk.yaml:1: listen: give ADDR:PORT"},
        {"listen: 127.0.0.1:70000\n", "desk.yaml:1: listen: give ADDR:PORT"},
        {"retention_days: 0\n", "desk.yaml:1: retention_days: out of range 1..3650 (got \"0\")"},
        {"retention_days: 30d\n", "desk.yaml:1: retention_days: not a whole number"},
        {"language: fr\n", "desk.yaml:1: language: must be zh-CN or en (got \"fr\")"},
        {"db: ''\n", "desk.yaml:1: db: must name a file"},
        {"db: [a, b]\n", "desk.yaml:1: db: must be a single value"},
        {"hall: "
         "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三\n",
         "desk.yaml:1: hall: too long (at most 127 bytes)"},
        {"kiosks: [a]\n", "desk.yaml:1: kiosks: must be a mapping of kiosk id: name"},
        {"kiosks:\n  'bad id': 1 号\n", "desk.yaml:2: kiosks: not a kiosk id"},
        {"kiosks:\n  k1: ''\n", "desk.yaml:2: kiosks: the name of k1 must be 1 to 63 bytes"},
        /* the line of the entry or value at fault, not the kiosks: key's */
        {"db: a\nkiosks:\n  - hall-1-k1\n", "desk.yaml:3: kiosks: must be a mapping of kiosk id"},
        {"kiosks:\n  k1: 1 号\n  k2: [2 号]\n",
         "desk.yaml:3: kiosks: each entry is kiosk id: name"},
        {"sync: on\n", "desk.yaml:1: sync: must be a mapping (url, key, id, …)"},
        {"? [db]\n: a\n", "desk.yaml:1: ?: unknown setting (got \"a\")"},
        {"keyring: k\n" LONG_KEY ": 1\n", "desk.yaml:2: " SIXTY_XS ": unknown setting"},
        {"db: a\nkeyring: b\nlisten: 127.0.0.1:8780\nhall: 厅\nlanguage: zh\n",
         "desk.yaml:5: language: must be zh-CN or en (got \"zh\")"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char err[600] = "";
        bool ok = load(c, bad[i].text, err, sizeof err);
        CHECK(!ok);
        if (!strstr(err, bad[i].says)) {
            fprintf(stderr, "config %zu: \"%s\" does not say \"%s\"\n", i, err, bad[i].says);
            check_failures++;
        }
    }
}

int main(void)
{
    char err[200];
    if (sodium_init() < 0)
        return 2;
    pc_kiosk_key k1, k2;
    CHECK(pc_kiosk_key_generate(&k1, "hall-1-k1", err, sizeof err));
    CHECK(pc_kiosk_key_generate(&k2, "hall-1-k2", err, sizeof err));
    pc_keyring ring = {0};
    ring_of(&ring, &k1, &k2);
    test_help_signed(&ring, &k2);
    test_help_refused(&ring, &k1, &k2);
    pc_keyring_free(&ring);
    pc_kiosk_key_wipe(&k1);
    pc_kiosk_key_wipe(&k2);
    desk_config c;
    desk_config_defaults(&c);
    test_config_good(&c);
    test_config_refused(&c);
    desk_config_free(&c);
    if (!check_failures)
        printf("test_help_config: help requests and the desk's configuration: ok\n");
    return CHECK_DONE();
}
