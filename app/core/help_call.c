/* help_call.c — build and check a kiosk's signed help request (see help_call.h).
 * JSON by jansson, signatures and base64 by libsodium. */
#include "help_call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

static bool sign_body(const pc_kiosk_key *key, const char *body, size_t len,
                      unsigned char sig[crypto_sign_BYTES]);
static bool parse_body(const char *body, size_t len, pc_help_request *out);
static bool signature_good(const pc_keyring_entry *k, const char *body, size_t len,
                           const char *signature);
static size_t utf8_cut(const char *s, size_t max);

/* ------------------------------------------------------------------ kiosk */

bool pc_help_build(const pc_kiosk_key *key, int64_t at, const char *screen, char **body,
                   char signature[PC_HELP_SIG_B64], char *err, size_t errsize)
{
    char words[PC_HELP_SCREEN_MAX + 1];
    snprintf(words, sizeof words, "%.*s", (int)utf8_cut(screen, PC_HELP_SCREEN_MAX), screen);
    json_t *o =
        json_pack("{s:s, s:I, s:s}", "kiosk", key->kiosk_id, "at", (json_int_t)at, "screen", words);
    *body = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    unsigned char sig[crypto_sign_BYTES];
    if (!*body || !sign_body(key, *body, strlen(*body), sig)) {
        snprintf(err, errsize, "help request: %s",
                 *body ? "cannot sign" : "not valid UTF-8, or out of memory");
        free(*body);
        *body = NULL;
        return false;
    }
    sodium_bin2base64(signature, PC_HELP_SIG_B64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
    return true;
}

static bool sign_body(const pc_kiosk_key *key, const char *body, size_t len,
                      unsigned char sig[crypto_sign_BYTES])
{
    size_t dlen = strlen(PC_HELP_DOMAIN);
    unsigned char *msg = malloc(dlen + len);
    if (!msg)
        return false;
    memcpy(msg, PC_HELP_DOMAIN, dlen);
    memcpy(msg + dlen, body, len);
    bool ok = crypto_sign_detached(sig, NULL, msg, dlen + len, key->sk) == 0;
    free(msg);
    return ok;
}

/* ------------------------------------------------------------------ desk */

pc_help_verdict pc_help_check(const pc_keyring *ring, const char *body, size_t len,
                              const char *signature, int64_t now, pc_help_request *out)
{
    memset(out, 0, sizeof *out);
    if (len > PC_HELP_BODY_MAX || !parse_body(body, len, out))
        return PC_HELP_BAD_BODY;
    const pc_keyring_entry *k = pc_keyring_find(ring, out->kiosk_id);
    if (!k)
        return PC_HELP_UNKNOWN_KIOSK;
    if (!signature || !signature_good(k, body, len, signature))
        return PC_HELP_BAD_SIGNATURE;
    int64_t skew = out->at > now ? out->at - now : now - out->at;
    return skew > PC_HELP_SKEW ? PC_HELP_STALE : PC_HELP_OK;
}

/* Exactly the three fields: a kiosk id, a time, words that fit and hold no control
 * characters. */
static bool parse_body(const char *body, size_t len, pc_help_request *out)
{
    json_t *o = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
    const char *kiosk = NULL, *screen = NULL;
    json_int_t at = 0;
    bool ok =
        o && json_object_size(o) == 3 &&
        json_unpack(o, "{s:s, s:I, s:s}", "kiosk", &kiosk, "at", &at, "screen", &screen) == 0 &&
        pc_kiosk_id_valid(kiosk) && at > 0 && strlen(screen) <= PC_HELP_SCREEN_MAX;
    for (const char *p = ok ? screen : ""; *p; p++)
        ok &= (unsigned char)*p >= ' ' && *p != 0x7f;
    if (ok) {
        snprintf(out->kiosk_id, sizeof out->kiosk_id, "%s", kiosk);
        out->at = (int64_t)at;
        snprintf(out->screen, sizeof out->screen, "%s", screen);
    }
    json_decref(o);
    return ok;
}

static bool signature_good(const pc_keyring_entry *k, const char *body, size_t len,
                           const char *signature)
{
    unsigned char sig[crypto_sign_BYTES];
    size_t got = 0;
    if (sodium_base642bin(sig, sizeof sig, signature, strlen(signature), NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        got != sizeof sig)
        return false;
    size_t dlen = strlen(PC_HELP_DOMAIN);
    unsigned char *msg = malloc(dlen + len);
    if (!msg)
        return false;
    memcpy(msg, PC_HELP_DOMAIN, dlen);
    memcpy(msg + dlen, body, len);
    bool ok = crypto_sign_verify_detached(sig, msg, dlen + len, k->pk) == 0;
    free(msg);
    return ok;
}

const char *pc_help_verdict_name(pc_help_verdict v)
{
    static const char *names[] = {"ok", "bad_body", "unknown_kiosk", "bad_signature", "stale"};
    return (unsigned)v < sizeof names / sizeof names[0] ? names[v] : "bad_body";
}

const char *pc_help_verdict_reason(pc_help_verdict v)
{
    switch (v) {
    case PC_HELP_OK:
        return "accepted";
    case PC_HELP_BAD_BODY:
        return "the body is not {\"kiosk\", \"at\", \"screen\"} as help_call.h describes";
    case PC_HELP_UNKNOWN_KIOSK:
        return "this kiosk is not in the desk's keyring";
    case PC_HELP_BAD_SIGNATURE:
        return "the X-PC-Signature header is missing or not this kiosk's signature";
    case PC_HELP_STALE:
        return "the request's time is more than 300 seconds from the desk's clock";
    }
    return "unknown";
}

/* The longest prefix of s within max bytes that ends on a character boundary. */
static size_t utf8_cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}
