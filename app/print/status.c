/* status.c — asking an ESC/POS printer how it is: real-time status, DLE EOT n
 * (10 04 n). Each answer is one byte whose fixed bits (0xx1xx10) tell it from noise:
 *   n = 1, printer:        bit 3  offline
 *   n = 2, offline cause:  bit 2  cover open, bit 5  stopped at paper end, bit 6  error
 *   n = 4, roll paper:     bits 2-3  near end, bits 5-6  paper end
 * The printer answers at once, even in the middle of a job. A device that does not
 * answer within the timeout (write-only, a file, a printer without status) is "unknown",
 * and printing goes on as it would without asking. Stale bytes (answers to DLE EOT
 * patterns inside raster data) are read away before each question. */
#include "print.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <unistd.h>

#define STATUS_FIXED_MASK 0x93u
#define STATUS_FIXED_BITS 0x12u

/* ---- static prototypes ---- */
static void status_drain(int fd);
static int status_ask(int fd, unsigned char n, int timeout_ms);

/* ---- public functions ---- */

pc_printer_state pc_escpos_status(int fd, int timeout_ms)
{
    status_drain(fd);
    int printer = status_ask(fd, 1, timeout_ms);
    if (printer < 0)
        return PC_PRINTER_UNKNOWN;
    int cause = status_ask(fd, 2, timeout_ms), paper = status_ask(fd, 4, timeout_ms);
    if (cause < 0 || paper < 0)
        return PC_PRINTER_UNKNOWN;
    if ((paper & 0x60) || (cause & 0x20))
        return PC_PRINTER_PAPER_OUT;
    if ((printer & 0x08) || (cause & 0x44))
        return PC_PRINTER_OFFLINE;
    if (paper & 0x0c)
        return PC_PRINTER_PAPER_NEAR_END;
    return PC_PRINTER_READY;
}

const char *pc_printer_state_name(pc_printer_state state)
{
    static const char *const names[] = {"unknown", "ok", "paper_near_end", "out", "missing"};
    return (unsigned)state < sizeof names / sizeof names[0] ? names[state] : "unknown";
}

/* ---- static functions ---- */

static void status_drain(int fd)
{
    unsigned char junk[64];
    struct pollfd p = {.fd = fd, .events = POLLIN};
    for (int i = 0; i < 16 && poll(&p, 1, 0) == 1 && (p.revents & POLLIN); i++)
        if (read(fd, junk, sizeof junk) <= 0)
            break;
}

/* One question, one byte back: the byte, or -1 when none came in time or it is not a
 * status byte. */
static int status_ask(int fd, unsigned char n, int timeout_ms)
{
    const unsigned char q[3] = {0x10, 0x04, n};
    ssize_t w;
    do
        w = write(fd, q, sizeof q);
    while (w < 0 && errno == EINTR);
    if (w != (ssize_t)sizeof q)
        return -1;
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int ready;
    do
        ready = poll(&p, 1, timeout_ms);
    while (ready < 0 && errno == EINTR);
    unsigned char b;
    if (ready != 1 || !(p.revents & POLLIN) || read(fd, &b, 1) != 1)
        return -1;
    return (b & STATUS_FIXED_MASK) == STATUS_FIXED_BITS ? b : -1;
}
