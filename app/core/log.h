/* log.h — the programs' log lines with their journald priority. Under systemd, stderr
 * goes to the journal and JOURNAL_STREAM names that stream ("device:inode", decimal,
 * sd-daemon(3)); a line that starts with "<3>", "<4>" or "<6>" is then filed as an
 * error, a warning or information, so `journalctl -p err` shows what a person must
 * look at. On a terminal or in a file (stderr not that stream) the lines are plain.
 * No libsystemd: the prefix is the documented protocol. */
#ifndef PC_LOG_H
#define PC_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

typedef enum pc_log_level {
    PC_LOG_ERR = 3,
    PC_LOG_WARNING = 4,
    PC_LOG_NOTICE = 5,
    PC_LOG_INFO = 6,
} pc_log_level;

/* True when fd is the stream journal_stream ("device:inode", JOURNAL_STREAM's value;
 * NULL or malformed: false) names. */
bool pc_log_is_journal(int fd, const char *journal_stream);
/* Writes the message, then a newline, to out; with journal, each of its lines starts
 * with "<level>". A newline ending the message is not doubled. */
void pc_log_vwrite(FILE *out, bool journal, pc_log_level level, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
/* One message to stderr, prefixed when stderr is the journal's stream. */
void pc_log(pc_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same to out (code that logs to a FILE * it was given, e.g. a server's log or a
 * progress stream), prefixed when out is the journal's stream. */
void pc_log_to(FILE *out, pc_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define pc_log_err(...) pc_log(PC_LOG_ERR, __VA_ARGS__)
#define pc_log_warn(...) pc_log(PC_LOG_WARNING, __VA_ARGS__)
#define pc_log_info(...) pc_log(PC_LOG_INFO, __VA_ARGS__)

#endif
