/* receipt.c — receipt ids, the signed payload, its text form, verification and
 * issuing (formats in receipt.h). Decoding treats every byte as hostile: a cursor
 * with bounds checks, exact lengths, canonical Base32, and the signature checked
 * over exactly the bytes that were parsed. */
#include "receipt.h"

#include "facts_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base32.h"

#define ID_BYTES 8
#define SIG_DOMAIN "pc-receipt-1"
#define PREFIX_LEN 3
#define SEAL_MAX (PC_RECEIPT_MAX_PAYLOAD + ID_BYTES + crypto_box_SEALBYTES)

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* A bounded writer and reader over a byte buffer. */
typedef struct wbuf {
    unsigned char *p;
    size_t cap, len;
    bool ok;
} wbuf;
typedef struct rbuf {
    const unsigned char *p;
    size_t len, pos;
    bool ok;
} rbuf;

static void put_u8(wbuf *w, unsigned v);
static void put_u16(wbuf *w, unsigned v);
static void put_u32(wbuf *w, uint32_t v);
static void put_bytes(wbuf *w, const void *src, size_t n);
static void put_str(wbuf *w, const char *s, size_t max);
static unsigned get_u8(rbuf *r);
static unsigned get_u16(rbuf *r);
static uint32_t get_u32(rbuf *r);
static void get_bytes(rbuf *r, void *dst, size_t n);
static void get_str(rbuf *r, char *dst, size_t size);
static int symbol_value(char c);
static char check_symbol(const char *syms, size_t n);
static bool id_to_bytes(const char *id, unsigned char out[ID_BYTES]);
static bool id_from_bytes(const unsigned char in[ID_BYTES], char out[PC_RECEIPT_ID_SIZE]);
static size_t write_body(const pc_receipt *rc, const unsigned char *seal_pk, unsigned char *buf,
                         size_t cap);
static pc_verdict parse_body(const unsigned char *p, size_t n, pc_receipt *rc,
                             const pc_dept_key *key);
static bool sign_payload(const pc_receipt *rc, const pc_kiosk_key *key,
                         const unsigned char *seal_pk, unsigned char *out, size_t cap, size_t *len);
static pc_verdict decode_text(const char *line, const pc_dept_key *dept, pc_receipt *rc,
                              unsigned char *payload, size_t *payload_len);
static bool signature_ok(const unsigned char *payload, size_t len, const unsigned char *pk);

static void put_varint(wbuf *w, uint32_t v);
static uint32_t get_varint(rbuf *r);
static uint32_t zigzag(int32_t v);
static int32_t unzigzag(uint32_t v);

/* ------------------------------------------------------------------ receipt ids */

void pc_receipt_id_new(char out[PC_RECEIPT_ID_SIZE])
{
    if (sodium_init() < 0)
        abort(); /* no randomness: nothing safe to do */
    for (size_t i = 0; i < PC_RECEIPT_ID_LEN - 1; i++)
        out[i] = crockford[randombytes_uniform(32)];
    out[PC_RECEIPT_ID_LEN - 1] = check_symbol(out, PC_RECEIPT_ID_LEN - 1);
    out[PC_RECEIPT_ID_LEN] = '\0';
}

bool pc_receipt_id_parse(const char *text, char out[PC_RECEIPT_ID_SIZE])
{
    size_t n = 0;
    for (const char *s = text; *s; s++) {
        if (*s == ' ' || *s == '-')
            continue;
        if (n == PC_RECEIPT_ID_LEN || symbol_value(*s) < 0)
            return false;
        out[n++] = crockford[symbol_value(*s)];
    }
    out[n] = '\0';
    return n == PC_RECEIPT_ID_LEN && check_symbol(out, n - 1) == out[n - 1];
}

void pc_receipt_id_format(const char *id, char *buf, size_t size)
{
    snprintf(buf, size, "%.4s %.4s %.4s", id, id + 4, id + 8);
}

/* Crockford's decoding: any case, I and L read as 1, O as 0; U is not a symbol. */
static int symbol_value(char c)
{
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    if (c == 'I' || c == 'L')
        return 1;
    if (c == 'O')
        return 0;
    const char *p = c ? strchr(crockford, c) : NULL;
    return p ? (int)(p - crockford) : -1;
}

/* Luhn mod 32 over the symbols: catches every single wrong symbol and most swaps. */
static char check_symbol(const char *syms, size_t n)
{
    unsigned factor = 2, sum = 0;
    for (size_t i = n; i-- > 0;) {
        unsigned addend = factor * (unsigned)symbol_value(syms[i]);
        factor = factor == 2 ? 1 : 2;
        sum += addend / 32 + addend % 32;
    }
    return crockford[(32 - sum % 32) % 32];
}

static bool id_to_bytes(const char *id, unsigned char out[ID_BYTES])
{
    char canon[PC_RECEIPT_ID_SIZE];
    if (!pc_receipt_id_parse(id, canon))
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < PC_RECEIPT_ID_LEN; i++)
        v = v << 5 | (uint64_t)symbol_value(canon[i]);
    for (size_t i = 0; i < ID_BYTES; i++)
        out[i] = (unsigned char)(v >> (8 * (ID_BYTES - 1 - i)));
    return true;
}

static bool id_from_bytes(const unsigned char in[ID_BYTES], char out[PC_RECEIPT_ID_SIZE])
{
    uint64_t v = 0;
    for (size_t i = 0; i < ID_BYTES; i++)
        v = v << 8 | in[i];
    if (v >> (5 * PC_RECEIPT_ID_LEN))
        return false;
    for (size_t i = PC_RECEIPT_ID_LEN; i-- > 0; v >>= 5)
        out[i] = crockford[v & 31];
    out[PC_RECEIPT_ID_LEN] = '\0';
    return check_symbol(out, PC_RECEIPT_ID_LEN - 1) == out[PC_RECEIPT_ID_LEN - 1];
}

/* ------------------------------------------------------------------ answers */

void pc_receipt_from_answers(pc_receipt *rc, const char *receipt_id, const char *kiosk_id,
                             int64_t created_at, const pc_pack *pack, const pc_answers *answers,
                             pc_outcome outcome)
{
    memset(rc, 0, sizeof *rc);
    rc->format = PC_RECEIPT_FORMAT;
    snprintf(rc->receipt_id, sizeof rc->receipt_id, "%s", receipt_id);
    snprintf(rc->kiosk_id, sizeof rc->kiosk_id, "%s", kiosk_id);
    rc->created_at = created_at;
    snprintf(rc->policy_id, sizeof rc->policy_id, "%s", pack->id);
    snprintf(rc->pack_version, sizeof rc->pack_version, "%s", pack->version);
    rc->outcome = outcome;
    rc->n_questions = pack->n_questions < PC_MAX_QUESTIONS ? pack->n_questions : PC_MAX_QUESTIONS;
    for (size_t q = 0; q < rc->n_questions; q++)
        rc->answers.a[q] = answers->a[q];
}

bool pc_receipt_to_answers(const pc_receipt *rc, const pc_pack *pack, pc_answers *answers)
{
    pc_answers_init(answers);
    if (rc->n_questions != pack->n_questions)
        return false;
    for (size_t q = 0; q < rc->n_questions; q++) {
        const pc_answer *a = &rc->answers.a[q];
        const pc_question *qu = &pack->questions[q];
        bool fits = a->state != PC_ANS_GIVEN || qu->kind == PC_Q_NUMBER || qu->kind == PC_Q_DATE ||
                    (a->value >= 0 && (qu->kind == PC_Q_MULTI ? (a->value >> qu->n_options) == 0
                                                              : (size_t)a->value < qu->n_options));
        if (!fits || (a->state == PC_ANS_NOT_YET && qu->kind != PC_Q_DATE))
            return false;
        answers->a[q] = *a;
    }
    return true;
}

/* ------------------------------------------------------------------ encoding */

bool pc_receipt_encode(const pc_receipt *rc, const pc_kiosk_key *key, const unsigned char *seal_pk,
                       char *text, size_t textsize, size_t *payload_len)
{
    unsigned char payload[PC_RECEIPT_MAX_PAYLOAD];
    size_t len = 0;
    if (!sign_payload(rc, key, seal_pk, payload, sizeof payload, &len))
        return false;
    const char *prefix = seal_pk ? PC_RECEIPT_SEALED_PREFIX : PC_RECEIPT_PREFIX;
    if (textsize < PREFIX_LEN + 1)
        return false;
    memcpy(text, prefix, PREFIX_LEN);
    if (!pc_base32_encode(payload, len, text + PREFIX_LEN, textsize - PREFIX_LEN))
        return false;
    if (payload_len)
        *payload_len = len;
    return true;
}

static bool sign_payload(const pc_receipt *rc, const pc_kiosk_key *key,
                         const unsigned char *seal_pk, unsigned char *out, size_t cap, size_t *len)
{
    unsigned char msg[sizeof SIG_DOMAIN - 1 + PC_RECEIPT_MAX_PAYLOAD];
    size_t body = write_body(rc, seal_pk, msg + sizeof SIG_DOMAIN - 1, PC_RECEIPT_MAX_PAYLOAD);
    if (body == 0 || body + crypto_sign_BYTES > cap)
        return false;
    memcpy(msg, SIG_DOMAIN, sizeof SIG_DOMAIN - 1);
    memcpy(out, msg + sizeof SIG_DOMAIN - 1, body);
    crypto_sign_detached(out + body, NULL, msg, sizeof SIG_DOMAIN - 1 + body, key->sk);
    *len = body + crypto_sign_BYTES;
    return true;
}

/* The answers: their states, two bits each, then the values of given ones. */
static void write_answers(const pc_receipt *rc, wbuf *w)
{
    for (size_t q = 0; q < rc->n_questions; q += 4) {
        unsigned byte = 0;
        for (size_t k = 0; k < 4; k++)
            byte |= (q + k < rc->n_questions ? rc->answers.a[q + k].state & 3u : 0u) << (6 - 2 * k);
        put_u8(w, byte);
    }
    for (size_t q = 0; q < rc->n_questions; q++) /* the values of given answers, in order */
        if (rc->answers.a[q].state == PC_ANS_GIVEN)
            put_varint(w, zigzag(rc->answers.a[q].value));
}

/* Sealed: a length and the answers sealed to the hall's desks (crypto_box_seal). */
static void write_sealed_answers(const pc_receipt *rc, const unsigned char *seal_pk, wbuf *w)
{
    unsigned char plain[PC_RECEIPT_MAX_PAYLOAD], box[PC_RECEIPT_MAX_PAYLOAD + crypto_box_SEALBYTES];
    wbuf a = {plain, sizeof plain, 0, true};
    write_answers(rc, &a);
    if (!a.ok || crypto_box_seal(box, plain, a.len, seal_pk) != 0) {
        w->ok = false;
        return;
    }
    put_u16(w, (unsigned)(a.len + crypto_box_SEALBYTES));
    put_bytes(w, box, a.len + crypto_box_SEALBYTES);
    sodium_memzero(plain, sizeof plain);
}

/* The signed part; 0 when something does not fit. The key id is the signer's. With
 * seal_pk the answers are sealed; the rest stays readable and checkable by anyone. */
static size_t write_body(const pc_receipt *rc, const unsigned char *seal_pk, unsigned char *buf,
                         size_t cap)
{
    wbuf w = {buf, cap, 0, true};
    unsigned char id[ID_BYTES];
    if (!id_to_bytes(rc->receipt_id, id) || rc->created_at < 0 || rc->created_at > UINT32_MAX ||
        rc->n_questions > 0xffff || (unsigned)rc->outcome >= PC_OUT_COUNT)
        return 0;
    put_u8(&w, PC_RECEIPT_FORMAT);
    put_bytes(&w, id, ID_BYTES);
    put_bytes(&w, rc->key_id, PC_KEY_ID_BYTES);
    put_str(&w, rc->kiosk_id, PC_KIOSK_ID_MAX);
    put_u32(&w, (uint32_t)rc->created_at);
    put_str(&w, rc->policy_id, PC_POLICY_ID_MAX);
    put_str(&w, rc->pack_version, PC_PACK_VERSION_MAX);
    put_u8(&w, (unsigned)rc->outcome);
    put_u16(&w, (unsigned)rc->n_questions);
    if (seal_pk)
        write_sealed_answers(rc, seal_pk, &w);
    else
        write_answers(rc, &w);
    return w.ok ? w.len : 0;
}

/* ------------------------------------------------------------------ decoding */

pc_verdict pc_receipt_decode(const char *line, const pc_dept_key *dept, pc_receipt *rc)
{
    unsigned char payload[PC_RECEIPT_MAX_PAYLOAD];
    size_t len = 0;
    return decode_text(line, dept, rc, payload, &len);
}

/* The 3-character prefix, either case. */
static bool prefix_is(const char *line, const char *prefix)
{
    for (size_t i = 0; i < PREFIX_LEN; i++) {
        char c = line[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c != prefix[i])
            return false;
    }
    return true;
}

/* Text → the signed payload bytes (opened if sealed) and the parsed receipt. */
static pc_verdict decode_text(const char *line, const pc_dept_key *dept, pc_receipt *rc,
                              unsigned char *payload, size_t *payload_len)
{
    memset(rc, 0, sizeof *rc);
    size_t n = strlen(line);
    while (n && strchr(" \t\r\n", line[n - 1]))
        n--;
    while (n && strchr(" \t\r\n", *line))
        line++, n--;
    if (n <= PREFIX_LEN)
        return PC_VERDICT_MALFORMED;
    bool sealed = prefix_is(line, PC_RECEIPT_SEALED_PREFIX);
    if (!sealed && !prefix_is(line, PC_RECEIPT_PREFIX))
        return PC_VERDICT_MALFORMED;
    unsigned char raw[SEAL_MAX];
    size_t rawlen = 0;
    if (!pc_base32_decode(line + PREFIX_LEN, n - PREFIX_LEN, raw, sizeof raw, &rawlen))
        return PC_VERDICT_MALFORMED;
    if (rawlen <= crypto_sign_BYTES || rawlen > PC_RECEIPT_MAX_PAYLOAD)
        return PC_VERDICT_MALFORMED;
    memcpy(payload, raw, rawlen);
    *payload_len = rawlen;
    rc->sealed = sealed;
    return parse_body(payload, rawlen - crypto_sign_BYTES, rc, dept);
}

/* The answers' states and values, from r (the receipt's body or the opened seal). */
static bool parse_answers(rbuf *r, pc_receipt *rc)
{
    for (size_t q = 0; q < rc->n_questions; q += 4) {
        unsigned byte = get_u8(r);
        for (size_t k = 0; k < 4; k++) {
            unsigned code = (byte >> (6 - 2 * k)) & 3u;
            if (q + k < rc->n_questions)
                rc->answers.a[q + k].state = (uint8_t)code;
            else if (code)
                return false; /* padding bits must be zero */
        }
    }
    for (size_t q = 0; q < rc->n_questions && r->ok; q++)
        if (rc->answers.a[q].state == PC_ANS_GIVEN)
            rc->answers.a[q].value = unzigzag(get_varint(r));
    return r->ok && r->pos == r->len;
}

/* Sealed answers: VALID once opened with the hall key; SEALED_NO_KEY without it (the
 * rest of the receipt still checks); TAMPERED when the seal does not open. */
static pc_verdict parse_sealed_answers(rbuf *r, pc_receipt *rc, const pc_dept_key *key)
{
    size_t n = get_u16(r);
    unsigned char plain[PC_RECEIPT_MAX_PAYLOAD];
    if (!r->ok || n <= crypto_box_SEALBYTES || n > r->len - r->pos ||
        n - crypto_box_SEALBYTES > sizeof plain || r->pos + n != r->len)
        return PC_VERDICT_MALFORMED;
    const unsigned char *box = r->p + r->pos;
    r->pos += n;
    if (!key || !key->has_sk) {
        rc->answers_hidden = true;
        return PC_VERDICT_SEALED_NO_KEY;
    }
    if (crypto_box_seal_open(plain, box, n, key->pk, key->sk) != 0)
        return PC_VERDICT_TAMPERED;
    rbuf a = {plain, n - crypto_box_SEALBYTES, 0, true};
    bool ok = parse_answers(&a, rc);
    sodium_memzero(plain, sizeof plain);
    return ok ? PC_VERDICT_VALID : PC_VERDICT_MALFORMED;
}

static pc_verdict parse_body(const unsigned char *p, size_t n, pc_receipt *rc,
                             const pc_dept_key *key)
{
    rbuf r = {p, n, 0, true};
    unsigned char id[ID_BYTES];
    rc->format = (int)get_u8(&r);
    get_bytes(&r, id, ID_BYTES);
    get_bytes(&r, rc->key_id, PC_KEY_ID_BYTES);
    get_str(&r, rc->kiosk_id, sizeof rc->kiosk_id);
    rc->created_at = get_u32(&r);
    get_str(&r, rc->policy_id, sizeof rc->policy_id);
    get_str(&r, rc->pack_version, sizeof rc->pack_version);
    unsigned outcome = get_u8(&r);
    rc->n_questions = get_u16(&r);
    if (!r.ok || rc->format != PC_RECEIPT_FORMAT || outcome >= PC_OUT_COUNT ||
        rc->n_questions > PC_MAX_QUESTIONS || !id_from_bytes(id, rc->receipt_id) ||
        !pc_kiosk_id_valid(rc->kiosk_id) || !rc->policy_id[0])
        return PC_VERDICT_MALFORMED;
    rc->outcome = (pc_outcome)outcome;
    if (rc->sealed)
        return parse_sealed_answers(&r, rc, key);
    return parse_answers(&r, rc) ? PC_VERDICT_VALID : PC_VERDICT_MALFORMED;
}

/* ------------------------------------------------------------------ verification */

static const pc_pack *find_pack(const pc_pack_set *set, const pc_receipt *rc)
{
    const pc_pack *pack = set ? pc_pack_set_find(set, rc->policy_id) : NULL;
    return pack && strcmp(pack->version, rc->pack_version) == 0 ? pack : NULL;
}

pc_verdict pc_receipt_verify(const char *line, const pc_verify_ctx *ctx, pc_verify_result *out)
{
    memset(out, 0, sizeof *out);
    unsigned char payload[PC_RECEIPT_MAX_PAYLOAD];
    size_t len = 0;
    pc_verdict v = decode_text(line, ctx->dept, &out->receipt, payload, &len);
    pc_verdict readable = v; /* VALID, or SEALED_NO_KEY: all but the answers can be checked */
    const pc_keyring_entry *entry = NULL;
    if (v == PC_VERDICT_VALID || v == PC_VERDICT_SEALED_NO_KEY) {
        entry = ctx->keyring ? pc_keyring_find(ctx->keyring, out->receipt.kiosk_id) : NULL;
        v = entry ? PC_VERDICT_VALID : PC_VERDICT_UNKNOWN_KIOSK;
    }
    if (v == PC_VERDICT_VALID) {
        unsigned char kid[PC_KEY_ID_BYTES];
        pc_key_id(entry->pk, kid);
        if (memcmp(kid, out->receipt.key_id, PC_KEY_ID_BYTES) != 0)
            v = PC_VERDICT_FORGED;
        else if (!signature_ok(payload, len, entry->pk))
            v = PC_VERDICT_TAMPERED;
        else
            v = readable; /* genuine; the answers may still be sealed from this desk */
    }
    pc_answers answers;
    if (v == PC_VERDICT_VALID) {
        out->pack = find_pack(ctx->packs, &out->receipt);
        if (!out->pack || !pc_receipt_to_answers(&out->receipt, out->pack, &answers)) {
            out->pack = NULL;
            v = PC_VERDICT_UNKNOWN_PACK;
        }
    }
    if (v == PC_VERDICT_VALID) {
        pc_facts facts;
        pc_facts_from_answers(&facts, out->pack, &answers);
        pc_evaluate(out->pack, ctx->cal, &facts, pc_day_of_time(out->receipt.created_at),
                    &out->result);
        out->outcome_matches = out->result.outcome == out->receipt.outcome;
    }
    out->verdict = v;
    return v;
}

static bool signature_ok(const unsigned char *payload, size_t len, const unsigned char *pk)
{
    unsigned char msg[sizeof SIG_DOMAIN - 1 + PC_RECEIPT_MAX_PAYLOAD];
    size_t body = len - crypto_sign_BYTES;
    memcpy(msg, SIG_DOMAIN, sizeof SIG_DOMAIN - 1);
    memcpy(msg + sizeof SIG_DOMAIN - 1, payload, body);
    if (sodium_init() < 0)
        return false;
    return crypto_sign_verify_detached(payload + body, msg, sizeof SIG_DOMAIN - 1 + body, pk) == 0;
}

const char *pc_verdict_name(pc_verdict verdict)
{
    static const char *const names[PC_VERDICT_COUNT] = {
        "valid",         "malformed",    "tampered",      "forged",
        "unknown_kiosk", "unknown_pack", "sealed_no_key",
    };
    return (unsigned)verdict < PC_VERDICT_COUNT ? names[verdict] : "malformed";
}

const char *pc_verdict_key(pc_verdict verdict)
{
    static const char *const keys[PC_VERDICT_COUNT] = {
        "verdict.valid",         "verdict.malformed",    "verdict.tampered",      "verdict.forged",
        "verdict.unknown_kiosk", "verdict.unknown_pack", "verdict.sealed_no_key",
    };
    return (unsigned)verdict < PC_VERDICT_COUNT ? keys[verdict] : keys[PC_VERDICT_MALFORMED];
}

const char *pc_outcome_phrase_key(pc_outcome outcome)
{
    static const char *const keys[PC_OUT_COUNT] = {
        "outcome.exempt", "outcome.mitigate",       "outcome.ineligible",
        "outcome.refer",  "outcome.not_applicable", "outcome.not_in_force",
    };
    return (unsigned)outcome < PC_OUT_COUNT ? keys[outcome] : keys[PC_OUT_REFER];
}

pc_day pc_day_of_time(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm))
        return PC_NO_DAY;
    return pc_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ------------------------------------------------------------------ issuing */

static char *answers_json(const pc_pack *pack, const pc_answers *a)
{
    json_t *obj = pc_answers_to_json(pack, a);
    char *text = obj ? json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(obj);
    return text;
}

static char *basis_json(const pc_pack *pack, const pc_result *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->n_basis; i++)
        json_array_append_new(arr, json_string(pack->clauses[r->basis[i]].cite));
    char *text = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return text;
}

static void fill_submission(pc_submission *sub, const pc_receipt *rc, const pc_result *result,
                            const char *contact, const char *text)
{
    memset(sub, 0, sizeof *sub);
    snprintf(sub->receipt_id, sizeof sub->receipt_id, "%s", rc->receipt_id);
    snprintf(sub->kiosk_id, sizeof sub->kiosk_id, "%s", rc->kiosk_id);
    sub->created_at = rc->created_at;
    snprintf(sub->policy_id, sizeof sub->policy_id, "%s", rc->policy_id);
    snprintf(sub->pack_version, sizeof sub->pack_version, "%s", rc->pack_version);
    snprintf(sub->outcome, sizeof sub->outcome, "%s", pc_outcome_name(result->outcome));
    if (result->has_deadline)
        pc_day_format(result->deadline_day, sub->deadline, sizeof sub->deadline);
    sub->contact = (char *)contact;
    sub->receipt = (char *)text;
}

pc_store_status pc_receipt_issue(pc_store *store, const pc_kiosk_key *key,
                                 const unsigned char *seal_pk, const pc_pack *pack,
                                 const pc_answers *answers, const pc_result *result,
                                 const char *contact, int64_t now, pc_issued *out)
{
    memset(out, 0, sizeof *out);
    pc_issued tmp;
    pc_receipt rc;
    pc_submission sub;
    char *ans = answers_json(pack, answers), *basis = basis_json(pack, result);
    pc_store_status st = ans && basis ? PC_STORE_DUPLICATE : PC_STORE_INVALID;
    for (int attempt = 0; attempt < 5 && st == PC_STORE_DUPLICATE; attempt++) {
        pc_receipt_id_new(tmp.receipt_id);
        pc_receipt_from_answers(&rc, tmp.receipt_id, key->kiosk_id, now, pack, answers,
                                result->outcome);
        pc_key_id(key->pk, rc.key_id);
        if (!pc_receipt_encode(&rc, key, seal_pk, tmp.text, sizeof tmp.text, &tmp.payload_len)) {
            st = PC_STORE_INVALID;
            break;
        }
        fill_submission(&sub, &rc, result, contact, tmp.text);
        sub.answers_json = ans;
        sub.basis_json = basis;
        st = pc_store_insert(store, &sub);
    }
    free(ans);
    free(basis);
    if (st == PC_STORE_OK)
        *out = tmp;
    return st;
}

/* ------------------------------------------------------------------ byte cursor */

static void put_bytes(wbuf *w, const void *src, size_t n)
{
    if (!w->ok || n > w->cap - w->len) {
        w->ok = false;
        return;
    }
    memcpy(w->p + w->len, src, n);
    w->len += n;
}

static void put_u8(wbuf *w, unsigned v)
{
    unsigned char b = (unsigned char)v;
    put_bytes(w, &b, 1);
}

static void put_u16(wbuf *w, unsigned v)
{
    unsigned char b[2] = {(unsigned char)(v >> 8), (unsigned char)v};
    put_bytes(w, b, 2);
}

static void put_u32(wbuf *w, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    put_bytes(w, b, 4);
}

static void put_str(wbuf *w, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max || n > 255) {
        w->ok = false;
        return;
    }
    put_u8(w, (unsigned)n);
    put_bytes(w, s, n);
}

static void get_bytes(rbuf *r, void *dst, size_t n)
{
    if (!r->ok || n > r->len - r->pos) {
        r->ok = false;
        memset(dst, 0, n);
        return;
    }
    memcpy(dst, r->p + r->pos, n);
    r->pos += n;
}

static unsigned get_u8(rbuf *r)
{
    unsigned char b = 0;
    get_bytes(r, &b, 1);
    return b;
}

static unsigned get_u16(rbuf *r)
{
    unsigned char b[2];
    get_bytes(r, b, 2);
    return (unsigned)b[0] << 8 | b[1];
}

static uint32_t get_u32(rbuf *r)
{
    unsigned char b[4];
    get_bytes(r, b, 4);
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* A length-prefixed string of printable ASCII (no NUL, no control characters). */
static void get_str(rbuf *r, char *dst, size_t size)
{
    size_t n = get_u8(r);
    dst[0] = '\0';
    if (!r->ok || n >= size) {
        r->ok = false;
        return;
    }
    get_bytes(r, dst, n);
    dst[n] = '\0';
    for (size_t i = 0; r->ok && i < n; i++)
        if ((unsigned char)dst[i] < 0x20 || (unsigned char)dst[i] >= 0x7f)
            r->ok = false;
}

/* ------------------------------------------------------------------ varints */

/* LEB128: seven bits a byte, low first; at most five bytes. */
static void put_varint(wbuf *w, uint32_t v)
{
    while (v >= 0x80) {
        put_u8(w, (v & 0x7f) | 0x80);
        v >>= 7;
    }
    put_u8(w, v);
}

static uint32_t get_varint(rbuf *r)
{
    uint32_t v = 0;
    for (int shift = 0; shift < 35 && r->ok; shift += 7) {
        unsigned byte = get_u8(r);
        if (shift == 28 && byte > 0x0f)
            r->ok = false; /* more than 32 bits */
        v |= (uint32_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return v;
    }
    r->ok = false;
    return 0;
}

static uint32_t zigzag(int32_t v)
{
    return ((uint32_t)v << 1) ^ (uint32_t)(v >> 31);
}

static int32_t unzigzag(uint32_t v)
{
    return (int32_t)(v >> 1) ^ -(int32_t)(v & 1);
}
