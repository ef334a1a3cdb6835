/* escpos.c — the raster as an ESC/POS job (GS v 0 bands, then GS V cut), its
 * decoder for tests, and writing to a printer device or a file with errors as values.
 * Linux usblp answers a write with ENOSPC when the paper is out and reports the same
 * through LPGETSTATUS (LP_POUTPA); both map to PC_PRINT_PAPER_OUT. A device that can
 * be read too is asked its real-time status before and after the job (status.c); a
 * serial port is set raw first, so that no byte of the job is translated. */
#include "print.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <linux/lp.h>

#define BAND_ROWS 240 /* rows a GS v 0 command; small enough for any model */
#define FEED_LINES 4  /* paper fed past the cutter before the cut */

static size_t band_bytes(int wbytes, int rows)
{
    return 8 + (size_t)wbytes * (size_t)rows;
}

static void put_band(unsigned char *o, const pc_raster *r, int y0, int rows, int wbytes)
{
    const unsigned char head[8] = {0x1d,
                                   0x76,
                                   0x30,
                                   0x00,
                                   (unsigned char)(wbytes & 0xff),
                                   (unsigned char)(wbytes >> 8),
                                   (unsigned char)(rows & 0xff),
                                   (unsigned char)(rows >> 8)};
    memcpy(o, head, sizeof head);
    o += sizeof head;
    for (int y = y0; y < y0 + rows; y++) {
        const unsigned char *src = r->px + (size_t)y * (size_t)r->width;
        for (int b = 0; b < wbytes; b++) {
            unsigned byte = 0;
            for (int k = 0; k < 8; k++) {
                int x = b * 8 + k;
                if (x < r->width && src[x])
                    byte |= 0x80u >> k; /* most significant bit = leftmost dot */
            }
            *o++ = (unsigned char)byte;
        }
    }
}

pc_print_status pc_escpos_encode(const pc_raster *r, unsigned char **bytes, size_t *len)
{
    *bytes = NULL;
    *len = 0;
    if (!r->px || r->width <= 0 || r->height <= 0)
        return PC_PRINT_INVALID;
    int wbytes = (r->width + 7) / 8;
    size_t total = 2 + 3 + 4;
    for (int y = 0; y < r->height; y += BAND_ROWS)
        total += band_bytes(wbytes, r->height - y < BAND_ROWS ? r->height - y : BAND_ROWS);
    unsigned char *o = malloc(total), *p = o;
    if (!o)
        return PC_PRINT_NO_MEMORY;
    *p++ = 0x1b, *p++ = 0x40; /* ESC @: initialise */
    for (int y = 0; y < r->height; y += BAND_ROWS) {
        int rows = r->height - y < BAND_ROWS ? r->height - y : BAND_ROWS;
        put_band(p, r, y, rows, wbytes);
        p += band_bytes(wbytes, rows);
    }
    *p++ = 0x1b, *p++ = 0x64, *p++ = FEED_LINES;        /* ESC d n: feed */
    *p++ = 0x1d, *p++ = 0x56, *p++ = 0x42, *p++ = 0x00; /* GS V 66 0: cut */
    *bytes = o;
    *len = (size_t)(p - o);
    return PC_PRINT_OK;
}

/* Appends one band's rows to out (grown); false on a bad band. */
static bool take_band(const unsigned char *b, size_t left, pc_raster *out, size_t *used)
{
    if (left < 8 || b[3] != 0)
        return false;
    int wbytes = b[4] | b[5] << 8, rows = b[6] | b[7] << 8;
    if (wbytes == 0 || rows == 0 || left - 8 < (size_t)wbytes * (size_t)rows ||
        (out->width && out->width != wbytes * 8) || out->height + rows > 65535)
        return false;
    out->width = wbytes * 8;
    unsigned char *grown = realloc(out->px, (size_t)out->width * (size_t)(out->height + rows));
    if (!grown)
        return false;
    out->px = grown;
    for (int y = 0; y < rows; y++)
        for (int x = 0; x < out->width; x++)
            out->px[(size_t)(out->height + y) * (size_t)out->width + (size_t)x] =
                (b[8 + (size_t)y * (size_t)wbytes + (size_t)(x / 8)] >> (7 - x % 8)) & 1;
    out->height += rows;
    *used = 8 + (size_t)wbytes * (size_t)rows;
    return true;
}

bool pc_escpos_decode(const unsigned char *b, size_t len, pc_raster *out, bool *cut)
{
    memset(out, 0, sizeof *out);
    *cut = false;
    size_t i = 0, used = 0;
    bool ok = true;
    while (ok && i < len && !*cut) {
        size_t left = len - i;
        if (left >= 2 && b[i] == 0x1b && b[i + 1] == 0x40)
            i += 2;
        else if (left >= 3 && b[i] == 0x1b && b[i + 1] == 0x64)
            i += 3;
        else if (left >= 3 && b[i] == 0x1d && b[i + 1] == 0x76 && b[i + 2] == 0x30 &&
                 (ok = take_band(b + i, left, out, &used)))
            i += used;
        else if (left >= 4 && b[i] == 0x1d && b[i + 1] == 0x56 && b[i + 2] == 0x42)
            i += 4, *cut = true;
        else
            ok = false;
    }
    ok = ok && i == len && out->px;
    if (!ok)
        pc_raster_free(out);
    return ok;
}

static pc_print_status status_from_errno(int e, bool device)
{
    if (e == ENOENT || e == ENODEV || e == ENXIO)
        return PC_PRINT_NO_PRINTER;
    if (e == ENOSPC && device)
        return PC_PRINT_PAPER_OUT;
    return PC_PRINT_WRITE_ERROR;
}

static pc_print_status write_all(int fd, const unsigned char *bytes, size_t len, bool device)
{
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fd, bytes + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return status_from_errno(n < 0 ? errno : EIO, device);
        done += (size_t)n;
    }
    return PC_PRINT_OK;
}

/* A device for reading and writing when it allows (to ask its status), else for writing;
 * a file for writing only. -1 with errno when it cannot be opened. */
static int open_printer(const char *path, bool device, bool *readable)
{
    *readable = false;
    if (!device)
        return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd >= 0) {
        *readable = true;
        struct termios t;
        if (isatty(fd) && tcgetattr(fd, &t) == 0) {
            cfmakeraw(&t);
            tcsetattr(fd, TCSANOW, &t);
        }
        return fd;
    }
    return open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
}

/* The state before the job: paper out or offline stops it (nothing sent). */
static pc_print_status state_before(int fd, bool readable, pc_printer_state *state)
{
    *state = readable ? pc_escpos_status(fd, PC_PRINTER_STATUS_MS) : PC_PRINTER_UNKNOWN;
    if (*state == PC_PRINTER_PAPER_OUT)
        return PC_PRINT_PAPER_OUT;
    if (*state == PC_PRINTER_OFFLINE)
        return PC_PRINT_WRITE_ERROR;
    return PC_PRINT_OK;
}

pc_print_status pc_escpos_write(const unsigned char *bytes, size_t len, const char *path,
                                pc_printer_state *state, char *err, size_t errsize)
{
    struct stat sb;
    *state = PC_PRINTER_UNKNOWN;
    /* Under /dev a missing node is an unplugged printer: never create a file there. */
    bool device = (stat(path, &sb) == 0 && S_ISCHR(sb.st_mode)) || strncmp(path, "/dev/", 5) == 0;
    bool readable;
    int fd = open_printer(path, device, &readable);
    if (fd < 0) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        return device ? status_from_errno(errno, true) : PC_PRINT_NO_PRINTER;
    }
    int status = 0;
    pc_print_status st = state_before(fd, readable, state);
    if (st == PC_PRINT_OK && device && ioctl(fd, LPGETSTATUS, &status) == 0 && (status & LP_POUTPA))
        st = PC_PRINT_PAPER_OUT;
    int e = st == PC_PRINT_WRITE_ERROR ? EIO : 0;
    if (st == PC_PRINT_OK) {
        st = write_all(fd, bytes, len, device);
        e = errno;
    }
    if (st == PC_PRINT_OK && readable) {
        if (isatty(fd))
            tcdrain(fd);
        pc_printer_state after = pc_escpos_status(fd, PC_PRINTER_STATUS_MS);
        if (after != PC_PRINTER_UNKNOWN)
            *state = after;
    }
    if (close(fd) != 0 && st == PC_PRINT_OK)
        st = status_from_errno(e = errno, device);
    if (st != PC_PRINT_OK)
        snprintf(err, errsize, "%s: %s", path,
                 st == PC_PRINT_PAPER_OUT       ? "paper out"
                 : *state == PC_PRINTER_OFFLINE ? "offline (cover open or an error)"
                                                : strerror(e));
    return st;
}
