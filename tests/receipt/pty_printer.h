/* pty_printer.h — an ESC/POS printer on a pseudo-terminal, for tests: the kiosk's side
 * opens the slave (/dev/pts/N) as it would a serial printer; a thread on the master
 * answers real-time status questions (DLE EOT n) as the test sets, or stays silent,
 * and keeps every byte it receives. pty_printer_split then tells the questions from the
 * job, command by command, and the job is decoded with pc_escpos_decode. */
#ifndef PTY_PRINTER_H
#define PTY_PRINTER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct pty_printer {
    int master, slave_held;  /* the master, and a slave fd held so the master never hangs up */
    char path[64];           /* the slave's path, for the printer setting */
    unsigned char answer[5]; /* the byte answered to DLE EOT n (n = 1, 2, 4); 0: silent */
    unsigned char *got;      /* every byte received, in order */
    size_t n_got, cap;
    atomic_bool stop;
    pthread_t thread;
} pty_printer;

/* What pty_printer_split found: the questions before the job, the job's bytes, the
 * questions after it. False when a byte fits no command the kiosk sends. */
typedef struct pty_printer_split {
    unsigned char before[8], after[8]; /* n of each DLE EOT, in order */
    int n_before, n_after;
    unsigned char *job; /* malloc'd, the ESC/POS job without the questions */
    size_t job_len;
} pty_printer_split;

/* state: "ok", "paper_near_end", "out", "cover_open", "silent" or "noise". */
bool pty_printer_start(pty_printer *p, const char *state);
void pty_printer_stop(pty_printer *p); /* joins the thread and closes; keeps what it got */
void pty_printer_free(pty_printer *p);
bool pty_printer_split_got(const pty_printer *p, pty_printer_split *out);

#endif
