/* fuzz_receipt.c — fuzz target for the receipt decoder and verifier (outside input:
 * whatever a scanner types at the staff desk).
 *
 * The first byte picks how the rest is used: 0 a scanned line as is; 1 raw payload
 * bytes behind "RC1" + Base32, so the fuzzer reaches the binary parser; 2 the same
 * behind "RS1" (sealed); 3 byte edits applied to a genuine receipt, which must then
 * never verify as valid unless the edits changed nothing (checked with a trap).
 * The desk context (packs, calendar, a fixed kiosk key, a department key) is built
 * once per process in a function-local static: libFuzzer calls this millions of times. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base32.h"
#include "receipt.h"
#include "../answer_pick.h"

#define MAX_IN 2048

typedef struct fuzz_ctx {
    pc_pack_set packs;
    pc_calendar cal;
    pc_kiosk_key key;
    pc_keyring ring;
    pc_keyring_entry entry;
    pc_dept_key dept;
    pc_verify_ctx vctx;
    unsigned char genuine[PC_RECEIPT_MAX_PAYLOAD];   /* a valid signed payload */
    size_t genuine_len;
} fuzz_ctx;

static void make_genuine(fuzz_ctx *c)
{
    const pc_pack *pack = c->packs.n_packs ? c->packs.packs[0] : NULL;
    if (!pack)
        return;
    pc_answers a;
    pc_answers_init(&a);
    for (size_t q = 0; q < pack->n_questions; q++)
        a.a[q] = pc_test_answer_pick(&pack->questions[q], (unsigned)q);
    pc_receipt rc;
    pc_receipt_from_answers(&rc, "7K3M9QXD4RT0", "k1", 1763600000, pack, &a, PC_OUT_REFER);
    char id[PC_RECEIPT_ID_SIZE];
    pc_receipt_id_new(id);
    memcpy(rc.receipt_id, id, sizeof id);
    pc_key_id(c->key.pk, rc.key_id);
    char text[PC_RECEIPT_MAX_TEXT];
    if (pc_receipt_encode(&rc, &c->key, NULL, text, sizeof text, NULL))
        pc_base32_decode(text + 3, strlen(text) - 3, c->genuine, sizeof c->genuine, &c->genuine_len);
}

static void encoded(const char *prefix, const unsigned char *raw, size_t n, char *text, size_t size);

static fuzz_ctx *context(void)
{
    static fuzz_ctx *ctx;
    if (ctx)
        return ctx;
    ctx = calloc(1, sizeof *ctx);
    char err[600];
    if (!ctx || sodium_init() < 0)
        abort();
    pc_pack_set_load_dir(&ctx->packs, PC_SOURCE_DIR "/rules", err, sizeof err);
    pc_calendar_load_dir(&ctx->cal, PC_SOURCE_DIR "/rules/calendar", err, sizeof err);
    unsigned char seed[crypto_sign_SEEDBYTES] = {42};
    crypto_sign_seed_keypair(ctx->key.pk, ctx->key.sk, seed);
    memcpy(ctx->key.kiosk_id, "k1", 3);
    memcpy(ctx->entry.kiosk_id, "k1", 3);
    memcpy(ctx->entry.pk, ctx->key.pk, sizeof ctx->entry.pk);
    ctx->ring = (pc_keyring){&ctx->entry, 1};
    pc_dept_key_generate(&ctx->dept);
    ctx->vctx = (pc_verify_ctx){&ctx->ring, &ctx->dept, &ctx->packs, &ctx->cal};
    make_genuine(ctx);
    char text[PC_RECEIPT_MAX_TEXT];
    pc_verify_result r;
    encoded("RC1", ctx->genuine, ctx->genuine_len, text, sizeof text);
    if (ctx->genuine_len == 0 || pc_receipt_verify(text, &ctx->vctx, &r) != PC_VERDICT_VALID)
        abort();    /* mode 3 would prove nothing */
    return ctx;
}

static void check_text(const fuzz_ctx *c, const char *text, bool must_fail)
{
    pc_verify_result r;
    pc_verdict v = pc_receipt_verify(text, &c->vctx, &r);
    if (must_fail && v == PC_VERDICT_VALID)
        __builtin_trap();
    char id[PC_RECEIPT_ID_SIZE];
    pc_receipt_id_parse(text, id);
}

static void encoded(const char *prefix, const unsigned char *raw, size_t n, char *text, size_t size)
{
    memcpy(text, prefix, 3);
    if (!pc_base32_encode(raw, n, text + 3, size - 3))
        text[3] = '\0';
}

/* Mode 3: pairs (position, value) written over the genuine payload. */
static void edit_genuine(const fuzz_ctx *c, const uint8_t *d, size_t n, char *text, size_t size)
{
    unsigned char p[PC_RECEIPT_MAX_PAYLOAD];
    size_t len = c->genuine_len;
    if (len == 0)
        return;
    memcpy(p, c->genuine, len);
    for (size_t i = 0; i + 1 < n; i += 2)
        p[((size_t)d[i] * 7 + i) % len] = d[i + 1];
    if (n % 2 && d[n - 1] < len)
        len = d[n - 1];                                 /* a cut */
    encoded("RC1", p, len, text, size);
    bool same = len == c->genuine_len && memcmp(p, c->genuine, len) == 0;
    check_text(c, text, !same);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ctx *c = context();
    static char text[PC_RECEIPT_MAX_TEXT * 2 + MAX_IN];
    if (size == 0 || size > MAX_IN)
        return 0;
    const uint8_t *d = data + 1;
    size_t n = size - 1;
    switch (data[0] & 3) {
    case 0:
        memcpy(text, d, n);
        text[n] = '\0';
        check_text(c, text, false);
        break;
    case 1:
    case 2:
        encoded((data[0] & 3) == 1 ? "RC1" : "RS1", d, n, text, sizeof text);
        check_text(c, text, false);
        break;
    default:
        edit_genuine(c, d, n, text, sizeof text);
    }
    return 0;
}
