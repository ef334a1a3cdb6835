/* proto_envelope.c — signed envelopes, bundles and acknowledgement files (see
 * proto_envelope.h; the format is in sync/PROTOCOL.md, "Offline bundles"). */
#include "proto_envelope.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *envelope_message(const char *format, const char *signer, const char *payload,
                              size_t *len);
static bool ack_ids(pc_proto_ack *ack, const char *kiosk_id);

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

char *pc_proto_envelope_seal(const char *format, const pc_kiosk_key *key, json_t *payload)
{
    char *text = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
    size_t len = 0;
    char *msg = text ? envelope_message(format, key->kiosk_id, text, &len) : NULL;
    char sig[PC_PROTO_SIG_B64];
    char *out = NULL;
    if (msg) {
        pc_proto_sign(key->sk, msg, len, sig);
        json_t *env = json_pack("{s:s, s:s, s:s, s:s}", "format", format, "signer", key->kiosk_id,
                                "payload", text, "signature", sig);
        out = env ? json_dumps(env, JSON_INDENT(1)) : NULL;
        json_decref(env);
    }
    free(msg);
    free(text);
    return out;
}

json_t *pc_proto_envelope_open(const char *text, size_t len, const char *format,
                               const pc_keyring *ring, char signer[PC_KIOSK_ID_MAX + 1], char *err,
                               size_t errsize)
{
    json_error_t je;
    json_t *env = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    const char *f = json_string_value(json_object_get(env, "format"));
    const char *who = json_string_value(json_object_get(env, "signer"));
    const char *payload = json_string_value(json_object_get(env, "payload"));
    const char *sig = json_string_value(json_object_get(env, "signature"));
    const pc_keyring_entry *e = who ? pc_keyring_find(ring, who) : NULL;
    const char *why = !env                           ? "not JSON"
                      : !f || strcmp(f, format) != 0 ? "wrong format"
                      : !payload || !sig || !who     ? "signer, payload or signature missing"
                      : !e                           ? "signer is not in the keyring"
                                                     : NULL;
    size_t mlen = 0;
    char *msg = why ? NULL : envelope_message(f, who, payload, &mlen);
    if (!why && (!msg || !pc_proto_verify(e->pk, msg, mlen, sig)))
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

/* ------------------------------------------------------------------ bundles */

char *pc_proto_bundle_seal(const pc_kiosk_key *key, json_t *submissions, const char *stamp)
{
    json_t *payload = json_pack("{s:i, s:s, s:s, s:O}", "protocol", PC_PROTO_VERSION, "kiosk_id",
                                key->kiosk_id, "exported_at", stamp, "submissions", submissions);
    char *text = payload ? pc_proto_envelope_seal(PC_PROTO_FORMAT_BUNDLE, key, payload) : NULL;
    json_decref(payload);
    return text;
}

bool pc_proto_bundle_open(const char *text, size_t len, const pc_keyring *kiosks,
                          char signer[PC_KIOSK_ID_MAX + 1], pc_proto_batch *out, char *err,
                          size_t errsize)
{
    memset(out, 0, sizeof *out);
    json_t *payload =
        pc_proto_envelope_open(text, len, PC_PROTO_FORMAT_BUNDLE, kiosks, signer, err, errsize);
    return payload && pc_proto_batch_from_json(payload, signer, SIZE_MAX, out, err, errsize);
}

/* ------------------------------------------------------------------ acknowledgements */

char *pc_proto_ack_seal(const pc_kiosk_key *dept, const char *kiosk_id, json_t *acked)
{
    json_t *payload = json_pack("{s:i, s:s, s:O}", "protocol", PC_PROTO_VERSION, "kiosk_id",
                                kiosk_id, "acknowledged", acked);
    char *text = payload ? pc_proto_envelope_seal(PC_PROTO_FORMAT_ACK, dept, payload) : NULL;
    json_decref(payload);
    return text;
}

bool pc_proto_ack_open(const char *text, size_t len, const pc_keyring *dept, const char *kiosk_id,
                       pc_proto_ack *out, char *err, size_t errsize)
{
    char signer[PC_KIOSK_ID_MAX + 1];
    memset(out, 0, sizeof *out);
    out->root = pc_proto_envelope_open(text, len, PC_PROTO_FORMAT_ACK, dept, signer, err, errsize);
    if (!out->root)
        return false;
    if (!ack_ids(out, kiosk_id)) {
        snprintf(err, errsize, "acknowledgement is for another kiosk or not well formed");
        pc_proto_ack_free(out);
        return false;
    }
    return true;
}

/* Fills ack->ids from the payload; false unless it names kiosk_id and holds only ids. */
static bool ack_ids(pc_proto_ack *ack, const char *kiosk_id)
{
    const char *kid = json_string_value(json_object_get(ack->root, "kiosk_id"));
    json_t *acked = json_object_get(ack->root, "acknowledged");
    ack->n = json_array_size(acked);
    ack->ids = calloc(ack->n ? ack->n : 1, sizeof *ack->ids);
    bool ok = ack->ids && kid && strcmp(kid, kiosk_id) == 0 && json_is_array(acked);
    for (size_t i = 0; ok && i < ack->n; i++)
        ok = pc_proto_receipt_id_ok(ack->ids[i] = json_string_value(json_array_get(acked, i)));
    return ok;
}

void pc_proto_ack_free(pc_proto_ack *ack)
{
    json_decref(ack->root);
    free(ack->ids);
    memset(ack, 0, sizeof *ack);
}
