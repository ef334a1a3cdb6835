/* test_roundtrip.c — the whole path a receipt takes, on a real pack:
 * evaluate → pc_receipt_issue (committed to the store) → the slip rendered for 58 mm
 * and 80 mm → PNG, and ESC/POS bytes turned back into an image → each decoded by
 * `zbarimg -q --raw` as a scanner would → pc_receipt_verify → the same pre-check.
 * Signed and sealed receipts both; the QR keeps a quiet zone of at least 4 modules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "print.h"
#include "../check.h"

/* What zbarimg reads from an image, without the trailing newline ("" for nothing). */
static void zbar_read(const char *png, char *out, size_t size)
{
    char cmd[800];
    snprintf(cmd, sizeof cmd, "zbarimg -q --raw -Sdisable -Sqrcode.enable '%s' 2>/dev/null", png);
    out[0] = '\0';
    FILE *p = popen(cmd, "r");
    if (!p)
        return;
    size_t n = fread(out, 1, size - 1, p);
    out[n] = '\0';
    pclose(p);
    out[strcspn(out, "\r\n")] = '\0';
}

static bool same_precheck(const pc_result *a, const pc_result *b)
{
    return a->outcome == b->outcome && a->n_basis == b->n_basis &&
           memcmp(a->basis, b->basis, a->n_basis * sizeof a->basis[0]) == 0 &&
           a->n_materials == b->n_materials &&
           memcmp(a->materials, b->materials, a->n_materials * sizeof a->materials[0]) == 0 &&
           a->has_deadline == b->has_deadline && a->deadline_day == b->deadline_day;
}

static void check_scan(const rc_fixture *f, const char *png, const char *text, const pc_result *before)
{
    char scanned[PC_RECEIPT_MAX_TEXT];
    zbar_read(png, scanned, sizeof scanned);
    CHECK_STR(scanned, text);
    pc_verify_result *r = malloc(sizeof *r);
    CHECK(pc_receipt_verify(scanned, &f->ctx, r) == PC_VERDICT_VALID);
    CHECK(r->outcome_matches && same_precheck(&r->result, before));
    free(r);
}

static void check_quiet_zone(const char *text)
{
    pc_qr qr;
    CHECK(pc_qr_encode(text, &qr) == PC_PRINT_OK);
    pc_raster q;
    CHECK(pc_qr_raster(&qr, 3, 1, &q) == PC_PRINT_OK);      /* 1 is raised to 4 */
    CHECK(q.width == (qr.size + 8) * 3);
    size_t dark_in_border = 0;
    for (int y = 0; y < q.height; y++)
        for (int x = 0; x < q.width; x++) {
            bool border = x < 12 || y < 12 || x >= q.width - 12 || y >= q.height - 12;
            dark_in_border += border && q.px[y * q.width + x];
        }
    CHECK(dark_in_border == 0);
    CHECK(q.px[12 * q.width + 12] == 1);     /* the finder pattern's corner */
    printf("QR: %zu characters -> version %d (%d modules), ECC M\n", strlen(text), qr.version, qr.size);
    pc_raster_free(&q);
    pc_qr_free(&qr);
}

static void round_trip(const rc_fixture *f, pc_store *s, const char *dir, bool sealed, int width)
{
    pc_answers a;
    pc_result before;
    rc_fixture_answers(f, &a, sealed);
    rc_fixture_eval(f, &a, &before);
    pc_issued is;
    CHECK(pc_receipt_issue(s, &f->key, sealed ? f->dept.pk : NULL, f->pack, &a, &before,
                           NULL, f->now, &is) == PC_STORE_OK);
    pc_submission sub;
    CHECK(pc_store_get(s, is.receipt_id, &sub) == PC_STORE_OK);    /* committed first */
    CHECK_STR(sub.receipt, is.text);
    pc_submission_free(&sub);
    check_quiet_zone(is.text);
    pc_receipt_doc doc;
    CHECK(pc_receipt_doc_build(&doc, &f->strings, f->pack, &before, is.receipt_id, is.text, "k1", f->now));
    pc_print_opts o = rc_print_opts(width);
    pc_raster r;
    char err[600], png[700], png2[700];
    CHECK(pc_receipt_render(&doc, &o, &r, err, sizeof err) == PC_PRINT_OK);
    CHECK(r.width == width && r.height > 400);
    snprintf(png, sizeof png, "%s/slip-%d-%s.png", dir, width, sealed ? "sealed" : "signed");
    CHECK(pc_raster_write_png(&r, 1, png) == PC_PRINT_OK);
    check_scan(f, png, is.text, &before);
    unsigned char *bytes = NULL;
    size_t len = 0;
    CHECK(pc_escpos_encode(&r, &bytes, &len) == PC_PRINT_OK);
    pc_raster back;
    bool cut = false;
    CHECK(pc_escpos_decode(bytes, len, &back, &cut) && cut);
    CHECK(back.width == r.width && back.height == r.height &&
          memcmp(back.px, r.px, (size_t)r.width * (size_t)r.height) == 0);
    snprintf(png2, sizeof png2, "%s/escpos-%d-%s.png", dir, width, sealed ? "sealed" : "signed");
    CHECK(pc_raster_write_png(&back, 1, png2) == PC_PRINT_OK);
    check_scan(f, png2, is.text, &before);
    printf("slip %d dots wide: %d rows, ESC/POS %zu bytes\n", width, r.height, len);
    free(bytes);
    pc_raster_free(&back);
    pc_raster_free(&r);
    pc_receipt_doc_free(&doc);
}

int main(int argc, char **argv)
{
    (void)argv;
    rc_fixture f;
    rc_fixture_init(&f, NULL);
    char dir[512], db[700], err[800];
    rc_tempdir(dir, sizeof dir);
    snprintf(db, sizeof db, "%s/q.db", dir);
    pc_store *s = NULL;
    CHECK(pc_store_open(db, &s, err, sizeof err) == PC_STORE_OK);
    for (int w = 0; s && w < 2; w++) {
        round_trip(&f, s, dir, false, w ? PC_PRINT_WIDTH_80MM : PC_PRINT_WIDTH_58MM);
        round_trip(&f, s, dir, true, w ? PC_PRINT_WIDTH_80MM : PC_PRINT_WIDTH_58MM);
    }
    pc_store_close(s);
    if (argc > 1)
        printf("images kept in %s\n", dir);
    else
        rc_rmtree(dir);
    rc_fixture_free(&f);
    return CHECK_DONE();
}
