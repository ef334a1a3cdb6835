/* bench_receipt.c — what the applicant waits for after "提交": the submission durably
 * committed (fsync, synchronous=FULL, target p99 ≤ 20 ms), then the QR and the slip's
 * raster. Prints one line a figure, "name value (note)", so runs can be compared; it
 * asserts nothing about time. The database lives in the current directory (the build
 * tree, a real disk), not in a tmpfs where fsync would cost nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "print.h"

#define SUBSET PC_SOURCE_DIR "/fonts/NotoSansSC-Subset.otf"
#define SYSTEM_CJK "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double percentile(double *v, size_t n, double p)
{
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

static void bench_commits(const rc_fixture *f, size_t n, pc_issued *last)
{
    char db[] = "bench_receipt.db";
    remove(db);
    remove("bench_receipt.db-wal");
    remove("bench_receipt.db-shm");
    char err[800];
    pc_store *s = NULL;
    if (pc_store_open(db, &s, err, sizeof err) != PC_STORE_OK) {
        fprintf(stderr, "bench_receipt: %s\n", err);
        exit(1);
    }
    pc_answers a;
    pc_result r;
    rc_fixture_answers(f, &a, true);
    rc_fixture_eval(f, &a, &r);
    double *t = malloc(n * sizeof *t);
    for (size_t i = 0; i < n; i++) {
        double t0 = now_ms();
        if (pc_receipt_issue(s, &f->key, NULL, f->pack, &a, &r, "13800138000", f->now, last) != PC_STORE_OK)
            exit(1);
        t[i] = now_ms() - t0;
    }
    double p50 = percentile(t, n, 0.50), p99 = percentile(t, n, 0.99), max = t[n - 1];
    printf("commit_p50_ms %.3f (issue: sign + insert + fsync, %zu submissions)\n", p50, n);
    printf("commit_p99_ms %.3f (target <= 20)\n", p99);
    printf("commit_max_ms %.3f\n", max);
    free(t);
    pc_store_close(s);
    remove(db);
}

static void bench_slip(const rc_fixture *f, const pc_issued *is, int width, int runs)
{
    FILE *probe = fopen(SUBSET, "rb");
    pc_print_opts o = {width, probe ? SUBSET : SYSTEM_CJK, probe ? 0 : 2, 0};
    if (probe)
        fclose(probe);
    pc_answers a;
    pc_result r;
    rc_fixture_answers(f, &a, true);
    rc_fixture_eval(f, &a, &r);
    pc_receipt_doc doc;
    pc_receipt_doc_build(&doc, &f->strings, f->pack, &r, is->receipt_id, is->text, "k1", f->now);
    double qr_ms = 0, raster_ms = 0, escpos_ms = 0;
    char err[600];
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();
        pc_qr qr;
        pc_qr_encode(is->text, &qr);
        double t1 = now_ms();
        pc_raster ras;
        if (pc_receipt_render(&doc, &o, &ras, err, sizeof err) != PC_PRINT_OK) {
            fprintf(stderr, "bench_receipt: %s\n", err);
            exit(1);
        }
        double t2 = now_ms();
        unsigned char *bytes = NULL;
        size_t len = 0;
        pc_escpos_encode(&ras, &bytes, &len);
        double t3 = now_ms();
        qr_ms += t1 - t0, raster_ms += t2 - t1, escpos_ms += t3 - t2;
        if (i == 0)
            printf("qr_version %d (%zu characters, ECC M)\n", qr.version, strlen(is->text));
        free(bytes);
        pc_raster_free(&ras);
        pc_qr_free(&qr);
    }
    printf("qr_encode_ms %.3f\n", qr_ms / runs);
    printf("slip_raster_%d_ms %.2f (whole slip incl. QR and font opening)\n", width, raster_ms / runs);
    printf("escpos_encode_%d_ms %.3f\n", width, escpos_ms / runs);
    pc_receipt_doc_free(&doc);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 300;
    if (n < 10)
        n = 10;
    rc_fixture f;
    rc_fixture_init(&f, NULL);
    pc_issued is;
    bench_commits(&f, n, &is);
    printf("payload_signed_bytes %zu (%zu characters with prefix)\n", is.payload_len, strlen(is.text));
    pc_answers a;
    rc_fixture_answers(&f, &a, true);
    char sealed[PC_RECEIPT_MAX_TEXT];
    rc_fixture_receipt(&f, &f.key, f.dept.pk, &a, sealed, sizeof sealed);
    printf("payload_sealed_chars %zu (+%zu bytes: id in clear + crypto_box_seal)\n", strlen(sealed),
           (size_t)8 + crypto_box_SEALBYTES);
    bench_slip(&f, &is, PC_PRINT_WIDTH_58MM, 10);
    bench_slip(&f, &is, PC_PRINT_WIDTH_80MM, 10);
    rc_fixture_free(&f);
    return 0;
}
