/* test_crash.c — killing the kiosk at any instant loses no receipt that was shown.
 *
 * A writer process issues submissions in a loop and, after each commit returns, writes
 * the receipt id to a pipe (the moment the kiosk would show the receipt). The parent
 * kills it with SIGKILL after a pseudo-random delay (fixed seed, so a failure can be
 * replayed), many times over. Afterwards the store opens (integrity_check passes) and
 * every id that was reported is in it; at most one unreported commit a round. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "../check.h"

#define ROUNDS 60
#define MAX_IDS 20000

static uint32_t next_rand(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

static void writer(const rc_fixture *f, const char *db, int fd)
{
    char err[800];
    pc_store *s = NULL;
    if (pc_store_open(db, &s, err, sizeof err) != PC_STORE_OK)
        _exit(3);
    pc_answers a;
    pc_result r;
    rc_fixture_answers(f, &a, true);
    rc_fixture_eval(f, &a, &r);
    for (;;) {
        pc_issued is;
        if (pc_receipt_issue(s, &f->key, NULL, f->pack, &a, &r, "13800138000", f->now, &is) != PC_STORE_OK)
            _exit(4);
        char line[PC_RECEIPT_ID_SIZE + 1];
        memcpy(line, is.receipt_id, PC_RECEIPT_ID_LEN);
        line[PC_RECEIPT_ID_LEN] = '\n';
        if (write(fd, line, sizeof line) != (ssize_t)sizeof line)
            _exit(5);
    }
}

/* Reads the ids a killed writer reported; returns how many were added. */
static size_t collect(int fd, char (*ids)[PC_RECEIPT_ID_SIZE], size_t have)
{
    char line[PC_RECEIPT_ID_SIZE + 1];
    size_t got = 0, used = 0;
    ssize_t n;
    while ((n = read(fd, line + used, sizeof line - used)) > 0 || (n < 0 && errno == EINTR)) {
        used += n > 0 ? (size_t)n : 0;
        if (used < sizeof line)
            continue;
        if (have + got < MAX_IDS) {
            memcpy(ids[have + got], line, PC_RECEIPT_ID_LEN);
            ids[have + got][PC_RECEIPT_ID_LEN] = '\0';
            got++;
        }
        used = 0;
    }
    return got;
}

static size_t one_round(const rc_fixture *f, const char *db, uint32_t *seed,
                        char (*ids)[PC_RECEIPT_ID_SIZE], size_t have, int *abnormal)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 0;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        writer(f, db, fds[1]);
    }
    close(fds[1]);
    struct timespec ts = {0, (long)(next_rand(seed) % 120 + 1) * 1000000L};
    nanosleep(&ts, NULL);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
        (*abnormal)++;      /* the writer stopped on its own: a store error */
    size_t got = collect(fds[0], ids, have);
    close(fds[0]);
    return got;
}

int main(void)
{
    rc_fixture f;
    rc_fixture_init(&f, NULL);
    char dir[512], db[700], err[800];
    rc_tempdir(dir, sizeof dir);
    snprintf(db, sizeof db, "%s/crash.db", dir);
    char (*ids)[PC_RECEIPT_ID_SIZE] = calloc(MAX_IDS, sizeof *ids);
    uint32_t seed = 0x9e3779b9u;
    size_t reported = 0;
    int abnormal = 0;
    for (int round = 0; round < ROUNDS; round++)
        reported += one_round(&f, db, &seed, ids, reported, &abnormal);
    CHECK(abnormal == 0);
    pc_store *s = NULL;
    CHECK(pc_store_open(db, &s, err, sizeof err) == PC_STORE_OK);     /* integrity_check inside */
    size_t missing = 0, pending = 0, synced = 0;
    for (size_t i = 0; s && i < reported; i++) {
        pc_submission sub;
        missing += pc_store_get(s, ids[i], &sub) != PC_STORE_OK;
        pc_submission_free(&sub);
    }
    CHECK(s && pc_store_check(s) == PC_STORE_OK);
    CHECK(s && pc_store_count(s, &pending, &synced) == PC_STORE_OK);
    printf("crash test: %d kills, %zu receipts reported, %zu in the store, %zu missing\n",
           ROUNDS, reported, pending, missing);
    CHECK(missing == 0);
    CHECK(reported >= 100);
    CHECK(pending >= reported && pending <= reported + ROUNDS);
    pc_store_close(s);
    free(ids);
    rc_fixture_free(&f);
    rc_rmtree(dir);
    return CHECK_DONE();
}
