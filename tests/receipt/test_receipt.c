/* test_receipt.c — the receipt codec and its verdicts, on a real pack from rules/:
 * Base32 vectors and canonical form, receipt ids and their check character, the
 * round trip to the same pre-check, every single-bit flip of the payload (signed and
 * sealed) rejected, forged / unknown-kiosk / unknown-pack / sealed verdicts, either
 * case, key files and their modes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base32.h"
#include "fixture.h"
#include "../check.h"

static void test_base32(void)
{
    char out[64];
    unsigned char bin[64];
    size_t n = 0;
    CHECK(pc_base32_encode((const unsigned char *)"foobar", 6, out, sizeof out));
    CHECK_STR(out, "MZXW6YTBOI");
    CHECK(pc_base32_encode((const unsigned char *)"f", 1, out, sizeof out));
    CHECK_STR(out, "MY");
    CHECK(pc_base32_decode("mzxw6ytboi", 10, bin, sizeof bin, &n) && n == 6 && memcmp(bin, "foobar", 6) == 0);
    CHECK(pc_base32_decode("MZXW6YQ", 7, bin, sizeof bin, &n) && n == 4 && memcmp(bin, "foob", 4) == 0);
    CHECK(!pc_base32_decode("MZXW6YTBOJ", 10, bin, sizeof bin, &n));    /* trailing bits set */
    CHECK(!pc_base32_decode("MZXW6YTBO=", 10, bin, sizeof bin, &n));
    CHECK(!pc_base32_decode("MZXW6YTB0I", 10, bin, sizeof bin, &n));    /* '0' not in alphabet */
    CHECK(!pc_base32_decode("MZX", 3, bin, sizeof bin, &n));            /* impossible length */
    CHECK(!pc_base32_decode("MZXW6YTBOI", 10, bin, 5, &n));             /* too small */
    CHECK(!pc_base32_encode((const unsigned char *)"foobar", 6, out, 10));
    for (size_t len = 0; len < 40; len++) {
        unsigned char src[40];
        for (size_t i = 0; i < len; i++)
            src[i] = (unsigned char)(i * 37 + len);
        CHECK(pc_base32_encode(src, len, out, sizeof out) && strlen(out) == pc_base32_encoded_len(len));
        CHECK(pc_base32_decode(out, strlen(out), bin, sizeof bin, &n) && n == len && memcmp(bin, src, len) == 0);
    }
}

static void test_ids(void)
{
    static const char symbols[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    char id[PC_RECEIPT_ID_SIZE], back[PC_RECEIPT_ID_SIZE], shown[32];
    for (int k = 0; k < 200; k++) {
        pc_receipt_id_new(id);
        CHECK(strlen(id) == PC_RECEIPT_ID_LEN && pc_receipt_id_parse(id, back) && strcmp(id, back) == 0);
        /* every single wrong symbol is caught */
        for (size_t i = 0; i < PC_RECEIPT_ID_LEN; i++) {
            char bad[PC_RECEIPT_ID_SIZE];
            memcpy(bad, id, sizeof bad);
            bad[i] = symbols[(strchr(symbols, id[i]) - symbols + 1 + k % 31) % 32];
            CHECK(!pc_receipt_id_parse(bad, back));
        }
    }
    pc_receipt_id_format(id, shown, sizeof shown);
    CHECK(strlen(shown) == 14 && shown[4] == ' ' && shown[9] == ' ');
    char lower[32];
    for (size_t i = 0; shown[i]; i++)
        lower[i] = (char)(shown[i] >= 'A' && shown[i] <= 'Z' ? shown[i] + 32 : shown[i]), lower[i + 1] = 0;
    CHECK(pc_receipt_id_parse(lower, back) && strcmp(back, id) == 0);
    CHECK(!pc_receipt_id_parse("", back));
    CHECK(!pc_receipt_id_parse("UUUUUUUUUUUU", back));
}

/* The same pre-check after the round trip, in upper and lower case, with scanner noise. */
static void test_round_trip(const rc_fixture *f, bool mixed)
{
    pc_answers a;
    pc_result before;
    rc_fixture_answers(f, &a, mixed);
    rc_fixture_eval(f, &a, &before);
    char text[PC_RECEIPT_MAX_TEXT];
    CHECK(rc_fixture_receipt(f, &f->key, NULL, &a, text, sizeof text));
    CHECK(strncmp(text, "RC1", 3) == 0);
    CHECK(strspn(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" "1") == strlen(text));
    char variants[3][PC_RECEIPT_MAX_TEXT + 4];
    snprintf(variants[0], sizeof variants[0], "%s", text);
    snprintf(variants[1], sizeof variants[1], "  %s\r\n", text);
    for (size_t i = 0; i <= strlen(text); i++)
        variants[2][i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
    for (int v = 0; v < 3; v++) {
        pc_verify_result r;
        CHECK(pc_receipt_verify(variants[v], &f->ctx, &r) == PC_VERDICT_VALID);
        CHECK(r.pack == f->pack && r.outcome_matches);
        CHECK(r.result.outcome == before.outcome && r.result.n_basis == before.n_basis);
        CHECK(memcmp(r.result.basis, before.basis, before.n_basis * sizeof before.basis[0]) == 0);
        CHECK(r.result.n_materials == before.n_materials);
        CHECK(r.result.has_deadline == before.has_deadline && r.result.deadline_day == before.deadline_day);
        CHECK_STR(r.receipt.kiosk_id, "k1");
        CHECK(r.receipt.created_at == f->now);
    }
}

static size_t raw_of(const char *text, unsigned char *raw, size_t size)
{
    size_t n = 0;
    CHECK(pc_base32_decode(text + 3, strlen(text) - 3, raw, size, &n));
    return n;
}

static void text_of(const char *prefix, const unsigned char *raw, size_t n, char *text, size_t size)
{
    snprintf(text, size, "%s", prefix);
    CHECK(pc_base32_encode(raw, n, text + 3, size - 3));
}

/* Every single-bit flip of the binary payload is rejected. */
static void test_bit_flips(const rc_fixture *f, bool sealed)
{
    pc_answers a;
    rc_fixture_answers(f, &a, true);
    char text[PC_RECEIPT_MAX_TEXT], flipped[PC_RECEIPT_MAX_TEXT];
    CHECK(rc_fixture_receipt(f, &f->key, sealed ? f->dept.pk : NULL, &a, text, sizeof text));
    unsigned char raw[PC_RECEIPT_MAX_PAYLOAD + 64];
    size_t n = raw_of(text, raw, sizeof raw);
    size_t accepted = 0, tested = 0, verdicts[PC_VERDICT_COUNT] = {0};
    pc_verify_result *r = malloc(sizeof *r);
    for (size_t bit = 0; bit < n * 8; bit++) {
        raw[bit / 8] ^= (unsigned char)(0x80u >> (bit % 8));
        text_of(sealed ? "RS1" : "RC1", raw, n, flipped, sizeof flipped);
        pc_verdict v = pc_receipt_verify(flipped, &f->ctx, r);
        accepted += v == PC_VERDICT_VALID;
        verdicts[v]++;
        tested++;
        raw[bit / 8] ^= (unsigned char)(0x80u >> (bit % 8));
    }
    free(r);
    CHECK(tested == n * 8 && tested > 800);
    CHECK(accepted == 0);
    printf("bit flips (%s, %zu bytes): %zu rejected: malformed %zu, tampered %zu, forged %zu, "
           "unknown kiosk %zu, unknown pack %zu\n", sealed ? "sealed" : "signed", n, tested,
           verdicts[PC_VERDICT_MALFORMED], verdicts[PC_VERDICT_TAMPERED], verdicts[PC_VERDICT_FORGED],
           verdicts[PC_VERDICT_UNKNOWN_KIOSK], verdicts[PC_VERDICT_UNKNOWN_PACK]);
}

static void test_verdicts(rc_fixture *f)
{
    pc_answers a;
    rc_fixture_answers(f, &a, false);
    char text[PC_RECEIPT_MAX_TEXT], err[300];
    pc_verify_result r;
    /* signed by a key that is not k1's, claiming to be k1 */
    pc_kiosk_key other;
    CHECK(pc_kiosk_key_generate(&other, "k1", err, sizeof err));
    CHECK(rc_fixture_receipt(f, &other, NULL, &a, text, sizeof text));
    CHECK(pc_receipt_verify(text, &f->ctx, &r) == PC_VERDICT_FORGED);
    /* … and copying k1's key id does not help: the signature does not match */
    pc_receipt rc;
    pc_result res;
    rc_fixture_eval(f, &a, &res);
    pc_receipt_from_answers(&rc, "7K3M9QXD4RT0", "k1", f->now, f->pack, &a, res.outcome);
    char id[PC_RECEIPT_ID_SIZE];
    pc_receipt_id_new(id);
    memcpy(rc.receipt_id, id, sizeof id);
    pc_key_id(f->key.pk, rc.key_id);
    CHECK(pc_receipt_encode(&rc, &other, NULL, text, sizeof text, NULL));
    CHECK(pc_receipt_verify(text, &f->ctx, &r) == PC_VERDICT_TAMPERED);
    /* a kiosk the keyring does not know */
    pc_kiosk_key stranger;
    CHECK(pc_kiosk_key_generate(&stranger, "k9", err, sizeof err));
    CHECK(rc_fixture_receipt(f, &stranger, NULL, &a, text, sizeof text));
    CHECK(pc_receipt_verify(text, &f->ctx, &r) == PC_VERDICT_UNKNOWN_KIOSK);
    CHECK_STR(r.receipt.kiosk_id, "k9");
    /* genuine, but a pack version this desk does not have */
    snprintf(rc.pack_version, sizeof rc.pack_version, "1999.1.1");
    pc_key_id(f->key.pk, rc.key_id);
    CHECK(pc_receipt_encode(&rc, &f->key, NULL, text, sizeof text, NULL));
    CHECK(pc_receipt_verify(text, &f->ctx, &r) == PC_VERDICT_UNKNOWN_PACK && r.pack == NULL);
    snprintf(rc.policy_id, sizeof rc.policy_id, "no-such-policy");
    CHECK(pc_receipt_encode(&rc, &f->key, NULL, text, sizeof text, NULL));
    CHECK(pc_receipt_verify(text, &f->ctx, &r) == PC_VERDICT_UNKNOWN_PACK);
    pc_kiosk_key_wipe(&other);
    pc_kiosk_key_wipe(&stranger);
}

static void test_sealed(rc_fixture *f)
{
    pc_answers a;
    rc_fixture_answers(f, &a, true);
    pc_result res;
    rc_fixture_eval(f, &a, &res);
    pc_receipt rc;
    char id[PC_RECEIPT_ID_SIZE], plain[PC_RECEIPT_MAX_TEXT], sealed[PC_RECEIPT_MAX_TEXT];
    pc_receipt_id_new(id);
    pc_receipt_from_answers(&rc, id, "k1", f->now, f->pack, &a, res.outcome);
    pc_key_id(f->key.pk, rc.key_id);
    size_t plain_len = 0, sealed_len = 0;
    CHECK(pc_receipt_encode(&rc, &f->key, NULL, plain, sizeof plain, &plain_len));
    CHECK(pc_receipt_encode(&rc, &f->key, f->dept.pk, sealed, sizeof sealed, &sealed_len));
    CHECK(strncmp(sealed, "RS1", 3) == 0);
    CHECK(sealed_len == plain_len + 2 + crypto_box_SEALBYTES); /* a length and the seal */
    printf("payload: signed %zu bytes (%zu chars), sealed %zu bytes (%zu chars), +%zu bytes\n",
           plain_len, strlen(plain), sealed_len, strlen(sealed), sealed_len - plain_len);
    pc_verify_result r;
    CHECK(pc_receipt_verify(sealed, &f->ctx, &r) == PC_VERDICT_VALID && r.receipt.sealed);
    CHECK_STR(r.receipt.receipt_id, id);
    CHECK(!r.receipt.answers_hidden && r.outcome_matches);
    /* without the hall key: still checked genuine, its number, kiosk, policy and outcome
       read, the answers not */
    pc_verify_ctx no_key = f->ctx;
    no_key.dept = NULL;
    CHECK(pc_receipt_verify(sealed, &no_key, &r) == PC_VERDICT_SEALED_NO_KEY);
    CHECK_STR(r.receipt.receipt_id, id);
    CHECK_STR(r.receipt.kiosk_id, "k1");
    CHECK(r.receipt.outcome == res.outcome && r.receipt.answers_hidden && r.pack == NULL);
    for (size_t q = 0; q < r.receipt.n_questions; q++)
        CHECK(r.receipt.answers.a[q].state == PC_ANS_NONE);
    /* …and a changed byte outside the seal is still caught without the key */
    char changed[PC_RECEIPT_MAX_TEXT];
    snprintf(changed, sizeof changed, "%s", sealed);
    changed[12] = changed[12] == 'A' ? 'B' : 'A';
    CHECK(pc_receipt_verify(changed, &no_key, &r) != PC_VERDICT_SEALED_NO_KEY);
    /* another department's key does not open it */
    pc_dept_key wrong;
    CHECK(pc_dept_key_generate(&wrong));
    no_key.dept = &wrong;
    CHECK(pc_receipt_verify(sealed, &no_key, &r) == PC_VERDICT_TAMPERED);
    pc_dept_key_wipe(&wrong);
}

static void test_malformed(const rc_fixture *f)
{
    static const char *const bad[] = {
        "", "\r\n", "RC1", "HELLO", "RC1!!!!", "RC1A", "RC1AAAAAAAA", "RX1MZXW6YTBOI",
        "HC1:NCFOXN%TS3DH", "RS1AAAAAAAAAAAAAAAA", "RC1MZXW6YTBOI",
    };
    pc_verify_result r;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(pc_receipt_verify(bad[i], &f->ctx, &r) == PC_VERDICT_MALFORMED);
    for (int v = 0; v <= PC_VERDICT_COUNT; v++)       /* out of range: "verdict.malformed" */
        CHECK(pc_strings_has(&f->strings, pc_verdict_key((pc_verdict)v)));
    CHECK_STR(pc_strings_get(&f->strings, pc_verdict_key(PC_VERDICT_TAMPERED)),
              "回执已被改动：签名与内容不符，请勿采信");
    for (int o = 0; o <= PC_OUT_COUNT; o++)
        CHECK(pc_strings_has(&f->strings, pc_outcome_phrase_key((pc_outcome)o)));
    CHECK_STR(pc_verdict_name(PC_VERDICT_FORGED), "forged");
}

static void test_key_files(void)
{
    char dir[512], path[600], ring[600], dsec[600], dpub[600], err[600];
    rc_tempdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/k.key", dir);
    snprintf(ring, sizeof ring, "%s/ring", dir);
    snprintf(dsec, sizeof dsec, "%s/d.key", dir);
    snprintf(dpub, sizeof dpub, "%s/d.pub", dir);
    pc_kiosk_key k, back;
    CHECK(pc_kiosk_key_generate(&k, "hall-3.kiosk_2", err, sizeof err));
    CHECK(!pc_kiosk_key_generate(&back, "bad id", err, sizeof err));
    CHECK(pc_kiosk_key_save(&k, path, err, sizeof err));
    struct stat sb;
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CHECK(!pc_kiosk_key_save(&k, path, err, sizeof err));           /* never overwritten */
    CHECK(pc_kiosk_key_load(&back, path, err, sizeof err));
    CHECK(memcmp(&k, &back, sizeof k) == 0);
    CHECK(chmod(path, 0644) == 0 && !pc_kiosk_key_load(&back, path, err, sizeof err));
    CHECK(strstr(err, "readable by others") != NULL);
    CHECK(pc_keyring_append(ring, k.kiosk_id, k.pk, err, sizeof err));
    CHECK(!pc_keyring_append(ring, k.kiosk_id, k.pk, err, sizeof err));
    pc_keyring kr;
    CHECK(pc_keyring_load(&kr, ring, err, sizeof err) && kr.n == 1);
    CHECK(pc_keyring_find(&kr, "hall-3.kiosk_2") && memcmp(pc_keyring_find(&kr, "hall-3.kiosk_2")->pk, k.pk, 32) == 0);
    pc_keyring_free(&kr);
    FILE *fp = fopen(ring, "a");
    fputs("k2 ed25519 00zz\n", fp);
    fclose(fp);
    CHECK(!pc_keyring_load(&kr, ring, err, sizeof err) && strstr(err, ":2:") != NULL);
    pc_dept_key d, d2;
    CHECK(pc_dept_key_generate(&d) && pc_dept_key_save(&d, dsec, dpub, err, sizeof err));
    CHECK(stat(dsec, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CHECK(pc_dept_key_load_secret(&d2, dsec, err, sizeof err) && memcmp(d2.pk, d.pk, 32) == 0 && d2.has_sk);
    CHECK(pc_dept_key_load_public(&d2, dpub, err, sizeof err) && memcmp(d2.pk, d.pk, 32) == 0 && !d2.has_sk);
    pc_kiosk_key_wipe(&k);
    pc_kiosk_key_wipe(&back);
    rc_rmtree(dir);
}

int main(void)
{
    rc_fixture f;
    rc_fixture_init(&f, NULL);
    test_base32();
    test_ids();
    const pc_pack *first = f.pack;
    for (size_t i = 0; i < f.packs.n_packs; i++) {     /* every pack in rules/ */
        f.pack = f.packs.packs[i];
        test_round_trip(&f, false);
        test_round_trip(&f, true);
    }
    f.pack = first;
    test_bit_flips(&f, false);
    test_bit_flips(&f, true);
    test_verdicts(&f);
    test_sealed(&f);
    test_malformed(&f);
    test_key_files();
    rc_fixture_free(&f);
    return CHECK_DONE();
}
