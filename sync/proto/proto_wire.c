/* proto_wire.c — body hashes, canonical signed strings, Ed25519, pack signatures and
 * validators. See proto_wire.h for why; sync/PROTOCOL.md for the bytes. */
#include "proto_wire.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "receipt.h"

#define PACK_DOMAIN "pc-pack/1\n"

static unsigned char *pack_message(const void *pack, size_t len, size_t *mlen);

/* ------------------------------------------------------------------ bodies */

bool pc_proto_buffer_append(pc_proto_buffer *b, const void *data, size_t n)
{
    if (b->len + n + 1 > PC_PROTO_MAX_BODY)
        return false;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 16384;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown)
            return false;
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

void pc_proto_body_hash(const void *body, size_t len, char hex[PC_PROTO_HASH_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, body, len);
    sodium_bin2hex(hex, PC_PROTO_HASH_HEX, h, sizeof h);
}

/* ------------------------------------------------------------------ signing */

bool pc_proto_request_message(char *out, size_t size, const char *method, const char *path,
                              const char *kiosk_id, int64_t ts, const char *idem,
                              const char *body_hash)
{
    int n = snprintf(out, size, "pc-sync/1\n%s\n%s\n%s\n%" PRId64 "\n%s\n%s", method, path,
                     kiosk_id, ts, idem ? idem : "", body_hash);
    return n > 0 && (size_t)n < size;
}

bool pc_proto_answer_message(char *out, size_t size, int status, int64_t ts,
                             const char *request_sig, const char *body_hash)
{
    int n = snprintf(out, size, "pc-sync-answer/1\n%d\n%" PRId64 "\n%s\n%s", status, ts,
                     request_sig ? request_sig : "", body_hash);
    return n > 0 && (size_t)n < size;
}

void pc_proto_sign(const unsigned char sk[crypto_sign_SECRETKEYBYTES], const void *msg, size_t len,
                   char sig_b64[PC_PROTO_SIG_B64])
{
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, NULL, msg, len, sk);
    sodium_bin2base64(sig_b64, PC_PROTO_SIG_B64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
}

bool pc_proto_verify(const unsigned char pk[crypto_sign_PUBLICKEYBYTES], const void *msg,
                     size_t len, const char *sig_b64)
{
    unsigned char sig[crypto_sign_BYTES];
    size_t n = 0;
    if (!sig_b64 ||
        sodium_base642bin(sig, sizeof sig, sig_b64, strlen(sig_b64), " \r\n\t", &n, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        n != sizeof sig)
        return false;
    return crypto_sign_verify_detached(sig, msg, len, pk) == 0;
}

bool pc_proto_verify_any(const pc_keyring *ring, const void *msg, size_t len, const char *sig_b64)
{
    for (size_t i = 0; ring && i < ring->n; i++)
        if (pc_proto_verify(ring->entries[i].pk, msg, len, sig_b64))
            return true;
    return false;
}

/* ------------------------------------------------------------------ packs */

void pc_proto_pack_sign(const pc_kiosk_key *dept, const void *pack, size_t len, char *sig_text,
                        size_t sig_size)
{
    size_t mlen = 0;
    unsigned char *m = pack_message(pack, len, &mlen);
    char sig[PC_PROTO_SIG_B64] = "";
    if (m)
        pc_proto_sign(dept->sk, m, mlen, sig);
    snprintf(sig_text, sig_size, "%s\n", sig);
    free(m);
}

bool pc_proto_pack_verify(const pc_keyring *dept, const void *pack, size_t len,
                          const char *sig_text)
{
    size_t mlen = 0;
    unsigned char *m = pack_message(pack, len, &mlen);
    bool ok = m && pc_proto_verify_any(dept, m, mlen, sig_text);
    free(m);
    return ok;
}

static unsigned char *pack_message(const void *pack, size_t len, size_t *mlen)
{
    size_t d = strlen(PACK_DOMAIN);
    unsigned char *m = malloc(d + len + 1);
    if (!m)
        return NULL;
    memcpy(m, PACK_DOMAIN, d);
    memcpy(m + d, pack, len);
    *mlen = d + len;
    return m;
}

/* ------------------------------------------------------------------ validators */

bool pc_proto_receipt_id_ok(const char *id)
{
    char canon[PC_RECEIPT_ID_SIZE];
    return id && strlen(id) == PC_RECEIPT_ID_LEN && pc_receipt_id_parse(id, canon) &&
           strcmp(canon, id) == 0;
}

bool pc_proto_idem_ok(const char *key)
{
    size_t n = key ? strlen(key) : 0;
    if (n < 16 || n > PC_PROTO_IDEM_MAX)
        return false;
    return strspn(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == n;
}

bool pc_proto_timestamp_parse(const char *text, int64_t *out)
{
    if (!text || !*text || strspn(text, "0123456789") != strlen(text) || strlen(text) > 12)
        return false;
    errno = 0;
    long long v = strtoll(text, NULL, 10);
    if (errno)
        return false;
    *out = (int64_t)v;
    return true;
}

void pc_proto_idem_new(char out[PC_PROTO_IDEM_MAX + 1])
{
    unsigned char r[16];
    randombytes_buf(r, sizeof r);
    sodium_bin2hex(out, PC_PROTO_IDEM_MAX + 1, r, sizeof r);
}

int pc_proto_version_cmp(const char *a, const char *b)
{
    while (*a || *b) {
        char *ea, *eb;
        long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);
        if (x != y)
            return x < y ? -1 : 1;
        if (ea == a || eb == b)
            return strcmp(a, b);
        a = *ea == '.' ? ea + 1 : ea;
        b = *eb == '.' ? eb + 1 : eb;
    }
    return 0;
}
