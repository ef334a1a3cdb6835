/* test_log.c — journald priorities (app/core/log.h): the "<N>" prefix appears exactly
 * when stderr is the stream JOURNAL_STREAM names, on every line of a message, and
 * never otherwise; a malformed JOURNAL_STREAM is ignored. The last part runs the real
 * pc_log_err and pc_log_to in a child whose stderr is a file, as systemd would set it up. */
#include <inttypes.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../check.h"
#include "log.h"

static char *read_all(FILE *f)
{
    static char buf[4096];
    rewind(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    return buf;
}

static void write_to(FILE *f, bool journal, pc_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (ftruncate(fileno(f), 0) != 0)
        CHECK(!"ftruncate");
    rewind(f);
    pc_log_vwrite(f, journal, level, fmt, ap);
    va_end(ap);
}

static void test_stream_match(FILE *f)
{
    struct stat st;
    CHECK(fstat(fileno(f), &st) == 0);
    char env[64];
    snprintf(env, sizeof env, "%" PRIuMAX ":%" PRIuMAX, (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
    CHECK(pc_log_is_journal(fileno(f), env));
    snprintf(env, sizeof env, "%" PRIuMAX ":%" PRIuMAX, (uintmax_t)st.st_dev,
             (uintmax_t)st.st_ino + 1);
    CHECK(!pc_log_is_journal(fileno(f), env));
    snprintf(env, sizeof env, "%" PRIuMAX ":%" PRIuMAX "x", (uintmax_t)st.st_dev,
             (uintmax_t)st.st_ino);
    CHECK(!pc_log_is_journal(fileno(f), env));
    CHECK(!pc_log_is_journal(fileno(f), NULL));
    CHECK(!pc_log_is_journal(fileno(f), ""));
    CHECK(!pc_log_is_journal(fileno(f), "12"));
    CHECK(!pc_log_is_journal(-1, env));
}

static void test_prefixes(FILE *f)
{
    write_to(f, true, PC_LOG_ERR, "precheck: %s", "bad");
    CHECK_STR(read_all(f), "<3>precheck: bad\n");
    write_to(f, true, PC_LOG_WARNING, "two\nlines\n");
    CHECK_STR(read_all(f), "<4>two\n<4>lines\n");
    write_to(f, true, PC_LOG_INFO, "%d done", 7);
    CHECK_STR(read_all(f), "<6>7 done\n");
    write_to(f, false, PC_LOG_ERR, "plain %s\n", "text");
    CHECK_STR(read_all(f), "plain text\n");
    write_to(f, false, PC_LOG_INFO, "a\nb");
    CHECK_STR(read_all(f), "a\nb\n");
}

/* pc_log_err in a child with stderr on f and stdout on g; journal: JOURNAL_STREAM set
 * to f's identity. */
static void child_logs(FILE *f, FILE *g, bool journal)
{
    if (ftruncate(fileno(f), 0) != 0 || ftruncate(fileno(g), 0) != 0)
        CHECK(!"ftruncate");
    rewind(f); /* the child's stderr shares this offset */
    rewind(g);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        struct stat st;
        char env[64];
        if (dup2(fileno(f), 2) < 0 || dup2(fileno(g), 1) < 0 || fstat(2, &st) != 0)
            _exit(9);
        snprintf(env, sizeof env, "%" PRIuMAX ":%" PRIuMAX, (uintmax_t)st.st_dev,
                 (uintmax_t)st.st_ino);
        if (journal)
            setenv("JOURNAL_STREAM", env, 1);
        else
            setenv("JOURNAL_STREAM", "1:1", 1); /* another stream's: stderr is not it */
        pc_log_err("receiver: %s", "stopping");
        pc_log_info("ok");
        pc_log_to(stderr, PC_LOG_WARNING, "slow");
        pc_log_to(stdout, PC_LOG_WARNING, "elsewhere"); /* stdout is not the journal */
        fflush(stdout);
        _exit(0);
    }
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
          WEXITSTATUS(status) == 0);
}

int main(void)
{
    FILE *f = tmpfile(), *g = tmpfile();
    CHECK(f != NULL && g != NULL);
    if (!f || !g)
        return CHECK_DONE();
    test_stream_match(f);
    test_prefixes(f);
    child_logs(f, g, true);
    CHECK_STR(read_all(f), "<3>receiver: stopping\n<6>ok\n<4>slow\n");
    CHECK_STR(read_all(g), "elsewhere\n");
    child_logs(f, g, false);
    CHECK_STR(read_all(f), "receiver: stopping\nok\nslow\n");
    CHECK_STR(read_all(g), "elsewhere\n");
    fclose(f);
    fclose(g);
    return CHECK_DONE();
}
