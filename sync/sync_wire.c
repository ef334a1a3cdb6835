/* sync_wire.c — canonical signed strings, batch and answer JSON, signed envelopes.
 * See sync_wire.h for why; sync/PROTOCOL.md for the bytes. */
#include "sync_wire.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "receipt.h"

static bool item_check(pcs_item *it, const char *kiosk_id);
static bool answer_ids(pcs_answer *a, json_t *arr, char *err, size_t errsize);

/* ------------------------------------------------------------------ signing */

bool pcs_buffer_append(pcs_buffer *b, const void *data, size_t n)
{
    if (b->len + n + 1 > PCS_MAX_BODY)
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

void pcs_body_hash(const void *body, size_t len, char hex[PCS_HASH_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, body, len);
    sodium_bin2hex(hex, PCS_HASH_HEX, h, sizeof h);
}

bool pcs_request_message(char *out, size_t size, const char *method, const char *path,
                         const char *kiosk_id, int64_t ts, const char *idem,
                         const char *body_hash)
{
    int n = snprintf(out, size, "pc-sync/1\n%s\n%s\n%s\n%" PRId64 "\n%s\n%s", method, path,
                     kiosk_id, ts, idem ? idem : "", body_hash);
    return n > 0 && (size_t)n < size;
}

bool pcs_answer_message(char *out, size_t size, int status, int64_t ts, const char *request_sig,
                        const char *body_hash)
{
    int n = snprintf(out, size, "pc-sync-answer/1\n%d\n%" PRId64 "\n%s\n%s", status, ts,
                     request_sig ? request_sig : "", body_hash);
    return n > 0 && (size_t)n < size;
}

void pcs_sign(const unsigned char sk[crypto_sign_SECRETKEYBYTES], const void *msg, size_t len,
              char sig_b64[PCS_SIG_B64])
{
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, NULL, msg, len, sk);
    sodium_bin2base64(sig_b64, PCS_SIG_B64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
}

bool pcs_verify(const unsigned char pk[crypto_sign_PUBLICKEYBYTES], const void *msg, size_t len,
                const char *sig_b64)
{
    unsigned char sig[crypto_sign_BYTES];
    size_t n = 0;
    if (!sig_b64 || sodium_base642bin(sig, sizeof sig, sig_b64, strlen(sig_b64), " \r\n\t", &n,
                                      NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        n != sizeof sig)
        return false;
    return crypto_sign_verify_detached(sig, msg, len, pk) == 0;
}

bool pcs_verify_any(const pc_keyring *ring, const void *msg, size_t len, const char *sig_b64)
{
    for (size_t i = 0; ring && i < ring->n; i++)
        if (pcs_verify(ring->entries[i].pk, msg, len, sig_b64))
            return true;
    return false;
}

/* ------------------------------------------------------------------ validators */

bool pcs_receipt_id_ok(const char *id)
{
    char canon[PC_RECEIPT_ID_SIZE];
    return id && strlen(id) == PC_RECEIPT_ID_LEN && pc_receipt_id_parse(id, canon) &&
           strcmp(canon, id) == 0;
}

bool pcs_idem_ok(const char *key)
{
    size_t n = key ? strlen(key) : 0;
    if (n < 16 || n > PCS_IDEM_MAX)
        return false;
    return strspn(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == n;
}

bool pcs_timestamp_parse(const char *text, int64_t *out)
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

void pcs_idem_new(char out[PCS_IDEM_MAX + 1])
{
    unsigned char r[16];
    randombytes_buf(r, sizeof r);
    sodium_bin2hex(out, PCS_IDEM_MAX + 1, r, sizeof r);
}

/* ------------------------------------------------------------------ batch */

char *pcs_batch_encode(const char *kiosk_id, json_t *submissions, size_t *len)
{
    json_t *root = json_pack("{s:i, s:s, s:O}", "protocol", PCS_PROTOCOL, "kiosk_id", kiosk_id,
                             "submissions", submissions);
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (text && len)
        *len = strlen(text);
    return text;
}

bool pcs_batch_parse(const char *body, size_t len, const char *kiosk_id, pcs_batch *out,
                     char *err, size_t errsize)
{
    json_error_t je;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    return pcs_batch_from_json(root, kiosk_id, PCS_MAX_BATCH, out, err, errsize);
}

bool pcs_batch_from_json(json_t *root, const char *kiosk_id, size_t max, pcs_batch *out,
                         char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    out->root = root;
    json_t *subs = json_object_get(root, "submissions");
    json_t *proto = json_object_get(root, "protocol");
    json_t *kid = json_object_get(root, "kiosk_id");
    const char *why = !root ? "body is not JSON"
        : !json_is_object(root) ? "body is not a JSON object"
        : !json_is_integer(proto) || json_integer_value(proto) != PCS_PROTOCOL ? "protocol must be 1"
        : !json_is_string(kid) || strcmp(json_string_value(kid), kiosk_id) != 0
            ? "kiosk_id does not match the signing kiosk"
        : !json_is_array(subs) ? "submissions must be an array"
        : json_array_size(subs) > max ? "too many submissions in one request" : NULL;
    if (why) {
        snprintf(err, errsize, "%s", why);
        pcs_batch_free(out);
        return false;
    }
    out->n = json_array_size(subs);
    out->items = calloc(out->n ? out->n : 1, sizeof *out->items);
    if (!out->items) {
        snprintf(err, errsize, "out of memory");
        pcs_batch_free(out);
        return false;
    }
    for (size_t i = 0; i < out->n; i++) {
        out->items[i].doc = json_array_get(subs, i);
        item_check(&out->items[i], kiosk_id);
    }
    return true;
}

void pcs_batch_free(pcs_batch *b)
{
    json_decref(b->root);
    free(b->items);
    memset(b, 0, sizeof *b);
}

/* Sets it->receipt_id and, when the item cannot be stored, it->reject. */
static bool item_check(pcs_item *it, const char *kiosk_id)
{
    json_t *doc = it->doc;
    const char *id = json_string_value(json_object_get(doc, "receipt_id"));
    const char *kid = json_string_value(json_object_get(doc, "kiosk_id"));
    it->receipt_id = pcs_receipt_id_ok(id) ? id : NULL;
    it->reject = !json_is_object(doc) ? "not an object"
        : !it->receipt_id ? "receipt_id missing or not a valid receipt id"
        : !kid || strcmp(kid, kiosk_id) != 0 ? "kiosk_id is not the signing kiosk"
        : !json_is_string(json_object_get(doc, "policy_id")) ? "policy_id missing"
        : !json_is_object(json_object_get(doc, "result")) ? "result missing" : NULL;
    return it->reject == NULL;
}

/* ------------------------------------------------------------------ answer */

bool pcs_answer_parse(const char *body, size_t len, pcs_answer *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    json_error_t je;
    out->root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    json_t *r = out->root;
    json_t *proto = json_object_get(r, "protocol"), *acked = json_object_get(r, "acknowledged");
    json_t *rej = json_object_get(r, "rejected");
    out->idem = json_string_value(json_object_get(r, "idempotency_key"));
    const char *why = !r ? "answer is not JSON" : !json_is_object(r) ? "answer is not an object"
        : !json_is_integer(proto) || json_integer_value(proto) != PCS_PROTOCOL ? "protocol must be 1"
        : !out->idem ? "idempotency_key missing"
        : !json_is_array(acked) ? "acknowledged must be an array"
        : rej && !json_is_array(rej) ? "rejected must be an array" : NULL;
    if (why) {
        snprintf(err, errsize, "%s", why);
        pcs_answer_free(out);
        return false;
    }
    out->n_rejected = json_array_size(rej);
    out->stored_new = json_integer_value(json_object_get(r, "stored_new"));
    out->already_present = json_integer_value(json_object_get(r, "already_present"));
    if (!answer_ids(out, acked, err, errsize)) {
        pcs_answer_free(out);
        return false;
    }
    return true;
}

static bool answer_ids(pcs_answer *a, json_t *arr, char *err, size_t errsize)
{
    size_t n = json_array_size(arr);
    a->acked = calloc(n ? n : 1, sizeof *a->acked);
    if (!a->acked) {
        snprintf(err, errsize, "out of memory");
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        const char *id = json_string_value(json_array_get(arr, i));
        if (!pcs_receipt_id_ok(id)) {
            snprintf(err, errsize, "acknowledged[%zu] is not a receipt id", i);
            return false;
        }
        a->acked[a->n_acked++] = id;
    }
    return true;
}

void pcs_answer_free(pcs_answer *a)
{
    json_decref(a->root);
    free(a->acked);
    memset(a, 0, sizeof *a);
}

/* ------------------------------------------------------------------ envelopes */

static char *envelope_message(const char *format, const char *signer, const char *payload,
                              size_t *len)
{
    size_t n = strlen(format) + strlen(signer) + strlen(payload) + 3;
    char *m = malloc(n);
    if (m)
        *len = (size_t)snprintf(m, n, "%s\n%s\n%s", format, signer, payload);
    return m;
}

char *pcs_envelope_seal(const char *format, const pc_kiosk_key *key, json_t *payload)
{
    char *text = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
    size_t len = 0;
    char *msg = text ? envelope_message(format, key->kiosk_id, text, &len) : NULL;
    char sig[PCS_SIG_B64];
    char *out = NULL;
    if (msg) {
        pcs_sign(key->sk, msg, len, sig);
        json_t *env = json_pack("{s:s, s:s, s:s, s:s}", "format", format, "signer",
                                key->kiosk_id, "payload", text, "signature", sig);
        out = env ? json_dumps(env, JSON_INDENT(1)) : NULL;
        json_decref(env);
    }
    free(msg);
    free(text);
    return out;
}

json_t *pcs_envelope_open(const char *text, size_t len, const char *format,
                          const pc_keyring *ring, char signer[PC_KIOSK_ID_MAX + 1],
                          char *err, size_t errsize)
{
    json_error_t je;
    json_t *env = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    const char *f = json_string_value(json_object_get(env, "format"));
    const char *who = json_string_value(json_object_get(env, "signer"));
    const char *payload = json_string_value(json_object_get(env, "payload"));
    const char *sig = json_string_value(json_object_get(env, "signature"));
    const pc_keyring_entry *e = who ? pc_keyring_find(ring, who) : NULL;
    const char *why = !env ? "not JSON" : !f || strcmp(f, format) != 0 ? "wrong format"
        : !payload || !sig || !who ? "signer, payload or signature missing"
        : !e ? "signer is not in the keyring" : NULL;
    size_t mlen = 0;
    char *msg = why ? NULL : envelope_message(f, who, payload, &mlen);
    if (!why && (!msg || !pcs_verify(e->pk, msg, mlen, sig)))
        why = "signature does not verify (tampered or signed by another key)";
    free(msg);
    json_t *out = why ? NULL : json_loads(payload, JSON_REJECT_DUPLICATES, &je);
    if (!why && !json_is_object(out))
        why = "payload is not a JSON object";
    if (why) {
        snprintf(err, errsize, "%s", why);
        json_decref(out);
        out = NULL;
    } else {
        snprintf(signer, PC_KIOSK_ID_MAX + 1, "%s", who);
    }
    json_decref(env);
    return out;
}
