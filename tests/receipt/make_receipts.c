/* make_receipts.c — test helper for cli_verify.sh: prints one receipt of each kind a
 * staff desk must tell apart, as "kind<TAB>text" lines, signed with the kiosk secret
 * key file made by `precheck keygen` (argv[1]) and sealed to the department public
 * key file (argv[2]): valid, sealed, tampered, forged, unknown_kiosk, unknown_pack,
 * malformed. */
#include <stdio.h>
#include <string.h>

#include "base32.h"
#include "fixture.h"

static void emit(const char *kind, const pc_receipt *rc, const pc_kiosk_key *key,
                 const unsigned char *seal)
{
    char text[PC_RECEIPT_MAX_TEXT];
    pc_receipt signed_rc = *rc;
    pc_key_id(key->pk, signed_rc.key_id);
    if (pc_receipt_encode(&signed_rc, key, seal, text, sizeof text, NULL))
        printf("%s\t%s\n", kind, text);
}

static void emit_tampered(const pc_receipt *rc, const pc_kiosk_key *key)
{
    char text[PC_RECEIPT_MAX_TEXT];
    pc_receipt signed_rc = *rc;
    pc_key_id(key->pk, signed_rc.key_id);
    unsigned char raw[PC_RECEIPT_MAX_PAYLOAD];
    size_t n = 0;
    if (!pc_receipt_encode(&signed_rc, key, NULL, text, sizeof text, NULL) ||
        !pc_base32_decode(text + 3, strlen(text) - 3, raw, sizeof raw, &n))
        return;
    raw[n - 64 - 1] ^= 0x40;        /* the last answers/date byte: the applicant's facts */
    pc_base32_encode(raw, n, text + 3, sizeof text - 3);
    printf("tampered\t%s\n", text);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: make_receipts KIOSK.key DEPT.pub\n");
        return 2;
    }
    rc_fixture f;
    rc_fixture_init(&f, NULL);
    char err[600];
    pc_kiosk_key key, other;
    pc_dept_key dept;
    if (!pc_kiosk_key_load(&key, argv[1], err, sizeof err) ||
        !pc_dept_key_load_public(&dept, argv[2], err, sizeof err)) {
        fprintf(stderr, "make_receipts: %s\n", err);
        return 1;
    }
    pc_answers a;
    pc_result r;
    rc_fixture_answers(&f, &a, true);
    rc_fixture_eval(&f, &a, &r);
    char id[PC_RECEIPT_ID_SIZE];
    pc_receipt_id_new(id);
    pc_receipt rc;
    pc_receipt_from_answers(&rc, id, key.kiosk_id, f.now, f.pack, &a, r.outcome);
    emit("valid", &rc, &key, NULL);
    emit("sealed", &rc, &key, dept.pk);
    emit_tampered(&rc, &key);
    pc_kiosk_key_generate(&other, key.kiosk_id, err, sizeof err);
    emit("forged", &rc, &other, NULL);
    pc_receipt stranger = rc;
    snprintf(stranger.kiosk_id, sizeof stranger.kiosk_id, "hall-9");
    pc_kiosk_key_generate(&other, "hall-9", err, sizeof err);
    emit("unknown_kiosk", &stranger, &other, NULL);
    pc_receipt old = rc;
    snprintf(old.pack_version, sizeof old.pack_version, "2001.1.1");
    emit("unknown_pack", &old, &key, NULL);
    printf("malformed\tRC1THISISNOTARECEIPT\n");
    pc_kiosk_key_wipe(&key);
    pc_kiosk_key_wipe(&other);
    rc_fixture_free(&f);
    return 0;
}
