/* qr.c — the receipt's QR code (libqrencode), as modules and as a raster. */
#include "print.h"

#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

pc_print_status pc_qr_encode(const char *text, pc_qr *out)
{
    memset(out, 0, sizeof *out);
    if (!text || !*text)
        return PC_PRINT_INVALID;
    /* QR_MODE_8 with case sensitivity on: libqrencode still picks alphanumeric
     * mode for runs of A–Z 0–9, which is all a receipt holds. */
    QRcode *code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        return PC_PRINT_QR;
    size_t n = (size_t)code->width * (size_t)code->width;
    out->dark = malloc(n);
    if (!out->dark) {
        QRcode_free(code);
        return PC_PRINT_NO_MEMORY;
    }
    for (size_t i = 0; i < n; i++)
        out->dark[i] = code->data[i] & 1;
    out->size = code->width;
    out->version = code->version;
    QRcode_free(code);
    return PC_PRINT_OK;
}

void pc_qr_free(pc_qr *qr)
{
    free(qr->dark);
    memset(qr, 0, sizeof *qr);
}

pc_print_status pc_qr_raster(const pc_qr *qr, int module_px, int quiet, pc_raster *out)
{
    if (!qr->dark || module_px < 1)
        return PC_PRINT_INVALID;
    if (quiet < PC_QR_QUIET)
        quiet = PC_QR_QUIET;
    int side = (qr->size + 2 * quiet) * module_px;
    pc_print_status st = pc_raster_new(out, side, side);
    if (st != PC_PRINT_OK)
        return st;
    for (int my = 0; my < qr->size; my++)
        for (int mx = 0; mx < qr->size; mx++) {
            if (!qr->dark[my * qr->size + mx])
                continue;
            int x0 = (mx + quiet) * module_px, y0 = (my + quiet) * module_px;
            for (int y = y0; y < y0 + module_px; y++)
                memset(out->px + (size_t)y * (size_t)side + x0, 1, (size_t)module_px);
        }
    return PC_PRINT_OK;
}
