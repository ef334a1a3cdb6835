/* pty_printer.c — see pty_printer.h. The answers are those of the ESC/POS real-time
 * status (one byte, fixed bits 0xx1xx10): n = 1 bit 3 offline; n = 2 bit 2 cover open,
 * bit 5 stopped at paper end; n = 4 bits 2-3 paper near end, bits 5-6 paper end. Like
 * a real printer it answers a DLE EOT wherever it appears in the stream. */
#define _GNU_SOURCE
#include "pty_printer.h"

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static void *printer_run(void *arg);
static void printer_keep(pty_printer *p, const unsigned char *b, size_t n);

bool pty_printer_start(pty_printer *p, const char *state)
{
    memset(p, 0, sizeof *p);
    static const struct {
        const char *name;
        unsigned char a1, a2, a4;
    } states[] = {{"ok", 0x12, 0x12, 0x12},         {"paper_near_end", 0x12, 0x12, 0x1e},
                  {"out", 0x1a, 0x32, 0x72},        {"cover_open", 0x1a, 0x16, 0x12},
                  {"silent", 0, 0, 0},              {"noise", 0x00, 0x00, 0x00}};
    bool found = false;
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (strcmp(state, states[i].name) == 0) {
            p->answer[1] = states[i].a1, p->answer[2] = states[i].a2, p->answer[4] = states[i].a4;
            found = true;
        }
    p->answer[0] = strcmp(state, "noise") == 0; /* answer even with a zero byte */
    p->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (!found || p->master < 0 || grantpt(p->master) || unlockpt(p->master) ||
        ptsname_r(p->master, p->path, sizeof p->path))
        return false;
    p->slave_held = open(p->path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    struct termios t;
    if (p->slave_held < 0 || tcgetattr(p->slave_held, &t))
        return false;
    cfmakeraw(&t); /* the kiosk sets it raw too; here so that nothing waits for it */
    tcsetattr(p->slave_held, TCSANOW, &t);
    return pthread_create(&p->thread, NULL, printer_run, p) == 0;
}

void pty_printer_stop(pty_printer *p)
{
    atomic_store(&p->stop, true);
    pthread_join(p->thread, NULL);
    close(p->slave_held);
    close(p->master);
}

void pty_printer_free(pty_printer *p)
{
    free(p->got);
    p->got = NULL;
}

bool pty_printer_split_got(const pty_printer *p, pty_printer_split *out)
{
    memset(out, 0, sizeof *out);
    out->job = malloc(p->n_got + 1);
    const unsigned char *b = p->got;
    size_t i = 0, n = p->n_got;
    while (out->job && i < n) {
        size_t left = n - i, take = 0;
        if (left >= 3 && b[i] == 0x10 && b[i + 1] == 0x04) {
            unsigned char *list = out->job_len ? out->after : out->before;
            int *count = out->job_len ? &out->n_after : &out->n_before;
            if (*count < 8)
                list[(*count)++] = b[i + 2];
            i += 3;
            continue;
        }
        if (left >= 2 && b[i] == 0x1b && b[i + 1] == 0x40)
            take = 2;
        else if (left >= 3 && b[i] == 0x1b && b[i + 1] == 0x64)
            take = 3;
        else if (left >= 4 && b[i] == 0x1d && b[i + 1] == 0x56)
            take = 4;
        else if (left >= 8 && b[i] == 0x1d && b[i + 1] == 0x76 && b[i + 2] == 0x30)
            take = 8 + (size_t)(b[i + 4] | b[i + 5] << 8) * (size_t)(b[i + 6] | b[i + 7] << 8);
        if (take == 0 || take > left)
            return false;
        memcpy(out->job + out->job_len, b + i, take);
        out->job_len += take;
        i += take;
    }
    return out->job != NULL;
}

static void *printer_run(void *arg)
{
    pty_printer *p = arg;
    unsigned char buf[4096];
    while (!atomic_load(&p->stop)) {
        struct pollfd pf = {.fd = p->master, .events = POLLIN};
        if (poll(&pf, 1, 20) != 1 || !(pf.revents & POLLIN))
            continue;
        ssize_t r = read(p->master, buf, sizeof buf);
        if (r > 0)
            printer_keep(p, buf, (size_t)r);
    }
    return NULL;
}

/* Keeps the bytes and answers each DLE EOT n completed by them. */
static void printer_keep(pty_printer *p, const unsigned char *b, size_t n)
{
    if (p->n_got + n > p->cap) {
        size_t cap = (p->n_got + n) * 2;
        unsigned char *grown = realloc(p->got, cap);
        if (!grown)
            return;
        p->got = grown, p->cap = cap;
    }
    memcpy(p->got + p->n_got, b, n);
    size_t old = p->n_got;
    p->n_got += n;
    for (size_t i = old >= 2 ? old - 2 : 0; i + 2 < p->n_got; i++) {
        if (p->got[i] != 0x10 || p->got[i + 1] != 0x04 || p->got[i + 2] >= 5)
            continue;
        unsigned char a = p->answer[p->got[i + 2]];
        if (a || p->answer[0])
            (void)!write(p->master, &a, 1);
    }
}
