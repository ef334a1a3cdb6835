/* log.c — see log.h. */
#include "log.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool pc_log_is_journal(int fd, const char *journal_stream)
{
    uintmax_t dev = 0, ino = 0;
    char extra;
    struct stat st;
    if (!journal_stream ||
        sscanf(journal_stream, "%" SCNuMAX ":%" SCNuMAX "%c", &dev, &ino, &extra) != 2 ||
        fstat(fd, &st) != 0)
        return false;
    return (uintmax_t)st.st_dev == dev && (uintmax_t)st.st_ino == ino;
}

/* Each line of text (len bytes, no final newline) with the "<level>" prefix. */
static void write_lines(FILE *out, pc_log_level level, const char *text, size_t len)
{
    const char *end = text + len;
    for (const char *line = text; line <= end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
        fprintf(out, "<%d>%.*s\n", (int)level, (int)n, line);
        if (!nl)
            break;
        line = nl + 1;
    }
}

void pc_log_vwrite(FILE *out, bool journal, pc_log_level level, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    char *text = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (!text) { /* out of memory: the message as it is, unprefixed, rather than nothing */
        vfprintf(out, fmt, again);
        fputc('\n', out);
        va_end(again);
        return;
    }
    vsnprintf(text, (size_t)len + 1, fmt, again);
    va_end(again);
    size_t n = (size_t)len;
    if (n > 0 && text[n - 1] == '\n')
        n--;
    if (journal)
        write_lines(out, level, text, n);
    else
        fprintf(out, "%.*s\n", (int)n, text);
    fflush(out);
    free(text);
}

void pc_log(pc_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pc_log_vwrite(stderr, pc_log_is_journal(fileno(stderr), getenv("JOURNAL_STREAM")), level, fmt,
                  ap);
    va_end(ap);
}

void pc_log_to(FILE *out, pc_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pc_log_vwrite(out, pc_log_is_journal(fileno(out), getenv("JOURNAL_STREAM")), level, fmt, ap);
    va_end(ap);
}
