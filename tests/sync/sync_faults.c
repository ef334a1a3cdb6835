/* sync_faults.c — the receiver's test faults, through its tap (see sync_faults.h). */
#include "sync_faults.h"

#include <string.h>
#include <time.h>

static pc_recv_verdict at(void *ctx, pc_recv_stage stage, const char *kiosk_id,
                          const char *idem, int *state);
static bool fault_parse(const char *word, sync_fault *out);
static void note(const sync_faults *f, const char *what, const char *kiosk_id,
                 const char *idem);

bool sync_faults_set(sync_faults *f, const char *list, int delay_ms, FILE *log, char *err,
                     size_t errsize)
{
    memset(f, 0, sizeof *f);
    atomic_init(&f->next, 0);
    f->delay_ms = delay_ms;
    f->log = log;
    f->tap = (pc_recv_tap){.at = at, .ctx = f};
    char buf[512];
    snprintf(buf, sizeof buf, "%s", list ? list : "");
    for (char *save = NULL, *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        if (f->n == SYNC_FAULTS_MAX || !fault_parse(w, &f->list[f->n])) {
            snprintf(err, errsize, "fault \"%s\": use ok, drop, 500, lose, delay (at most %d)",
                     w, SYNC_FAULTS_MAX);
            return false;
        }
        f->n++;
    }
    return true;
}

/* The POST's fault is drawn at the start and kept in *state for the later stages. */
static pc_recv_verdict at(void *ctx, pc_recv_stage stage, const char *kiosk_id,
                          const char *idem, int *state)
{
    sync_faults *f = ctx;
    pc_recv_verdict go_on = {.action = PC_RECV_GO_ON};
    if (stage == PC_RECV_AT_START)
        *state = f->n ? (int)f->list[atomic_fetch_add(&f->next, 1) % f->n] : FAULT_OK;
    if (stage == PC_RECV_AT_START && *state == FAULT_DROP) {
        note(f, "dropping the connection", kiosk_id, idem);
        return (pc_recv_verdict){.action = PC_RECV_CLOSE};
    }
    if (stage == PC_RECV_AT_START && *state == FAULT_500) {
        note(f, "answering 500", kiosk_id, idem);
        return (pc_recv_verdict){PC_RECV_ANSWER, 500, "injected", "injected server error"};
    }
    if (stage == PC_RECV_AT_STORE && *state == FAULT_DELAY) {
        struct timespec ts = {f->delay_ms / 1000, (long)(f->delay_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (stage == PC_RECV_AT_ANSWER && *state == FAULT_LOSE) {
        note(f, "stored, now losing the answer", kiosk_id, idem);
        return (pc_recv_verdict){.action = PC_RECV_CLOSE};
    }
    return go_on;
}

static bool fault_parse(const char *word, sync_fault *out)
{
    static const char *const names[] = {"ok", "drop", "500", "lose", "delay"};
    for (int i = 0; i < 5; i++)
        if (strcmp(word, names[i]) == 0) {
            *out = (sync_fault)i;
            return true;
        }
    return false;
}

static void note(const sync_faults *f, const char *what, const char *kiosk_id,
                 const char *idem)
{
    if (f->log)
        fprintf(f->log, "receiver: fault: %s (%s %s)\n", what, kiosk_id, idem);
}
