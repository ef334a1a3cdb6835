/* bench_kiosk.c — the kiosk's figures from design.md, under SDL_VIDEODRIVER=dummy with
 * the software renderer at 1080x1920, one line a figure:
 *   start to first frame (≤ 100 ms), frame time on a question screen p50/p99 (≤ 8 ms),
 *   touch to the next screen presented p99 (≤ 30 ms, screens not yet in the text cache),
 *   peak RSS of a whole session (≤ 48 MB, VmHWM of the process).
 * It runs the same start-up and screens as the program (pcui), feeding real finger
 * events through SDL's queue. Figures are printed, not asserted (machines differ). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "flow/flow.h"

#define BENCH_FRAMES 600
#define BENCH_TOUCHES 300

typedef struct bench_ctx {
    double presented_at; /* ms, monotonic, of the last present */
    uint64_t vclock_ms;  /* the kiosk's clock: it moves only when the bench says so */
} bench_ctx;

static bench_ctx bench; /* the present hook has no user pointer */

/* ---- static prototypes ---- */
static double bench_now_ms(void);
static void bench_on_present(kiosk_app *app);
static uint64_t bench_clock(void *ctx);
static int bench_cmp(const void *a, const void *b);
static double bench_pct(double *v, size_t n, double p);
static void bench_tap(kiosk_app *app, const char *id);
static long bench_rss_kb(const char *key);
static size_t bench_touches(kiosk_app *app, double *out, size_t max);
static size_t bench_session(kiosk_app *app, double *scroll_ms, size_t max);
static void bench_answer(kiosk_app *app, bool entered);

/* ---- public functions ---- */

int main(int argc, char **argv)
{
    static kiosk_app app;
    char cfg[256], db[256];
    snprintf(db, sizeof db, "/tmp/bench-kiosk-%d.sqlite", (int)getpid());
    snprintf(cfg, sizeof cfg, "/tmp/bench-kiosk-%d.yaml", (int)getpid());
    FILE *f = fopen(cfg, "w");
    if (!f)
        return 1;
    fprintf(f, "kiosk_id: bench\ndatabase: %s\n", db);
    fclose(f);
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    ui_opts o = {.config = cfg,
                 .today = argc > 1 ? argv[1] : "2026-11-25",
                 .build_date = "2017-01-01",
                 .w = 1080,
                 .h = 1920,
                 .software = true,
                 .clock = {bench_clock, &bench}};

    double t0 = bench_now_ms();
    if (!ui_app_open(&app, &o))
        return 1;
    app.hooks.on_present = bench_on_present;
    ui_flow_render(&app);
    printf("kiosk start_to_first_frame_ms %.1f (target <= 100)\n", bench.presented_at - t0);

    ui_flow_act(&app, ACT_START, 0);
    ui_flow_act(&app, ACT_POLICY, 0);
    ui_flow_render(&app);
    double *ft = calloc(BENCH_FRAMES, sizeof *ft);
    for (int i = 0; i < BENCH_FRAMES; i++) {
        double a = bench_now_ms();
        ui_flow_render(&app);
        ft[i] = bench_now_ms() - a;
    }
    printf("kiosk question_frame_p50_ms %.2f (target <= 8)\n", bench_pct(ft, BENCH_FRAMES, 0.50));
    printf("kiosk question_frame_p99_ms %.2f (target <= 8)\n", bench_pct(ft, BENCH_FRAMES, 0.99));

    printf("kiosk rss_after_first_screens_mb %.1f\n", (double)bench_rss_kb("VmRSS:") / 1024.0);
    double *tt = calloc(BENCH_TOUCHES, sizeof *tt);
    size_t n = bench_touches(&app, tt, BENCH_TOUCHES);
    printf("kiosk touch_to_next_screen_p50_ms %.2f (target p99 <= 30)\n", bench_pct(tt, n, 0.50));
    printf("kiosk touch_to_next_screen_p99_ms %.2f (target <= 30)\n", bench_pct(tt, n, 0.99));

    if (getenv("PC_BENCH_VERBOSE"))
        fprintf(stderr, "hwm after touches %.1f\n", (double)bench_rss_kb("VmHWM:") / 1024.0);
    double *sf = calloc(BENCH_FRAMES, sizeof *sf);
    size_t ns = bench_session(&app, sf, BENCH_FRAMES);
    if (ns)
        printf("kiosk result_scroll_frame_p99_ms %.2f (a drag redraws the result screen)\n",
               bench_pct(sf, ns, 0.99));
    free(sf);
    printf("kiosk session_peak_rss_mb %.1f (target <= 48)\n",
           (double)bench_rss_kb("VmHWM:") / 1024.0);
    printf("kiosk text_cache_hit_rate %.3f\n",
           (double)app.gfx.text.hits / (double)(app.gfx.text.hits + app.gfx.text.misses + 1));
    free(ft);
    free(tt);
    ui_app_close(&app);
    unlink(cfg);
    unlink(db);
    char side[300];
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", db);
    unlink(side);
    snprintf(side, sizeof side, "%s.key", db);
    unlink(side);
    snprintf(side, sizeof side, "%s.keyring", db);
    unlink(side);
    return 0;
}

/* ---- static functions ---- */

static double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void bench_on_present(kiosk_app *app)
{
    (void)app;
    bench.presented_at = bench_now_ms();
}

static uint64_t bench_clock(void *ctx)
{
    return ((const bench_ctx *)ctx)->vclock_ms;
}

static int bench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double bench_pct(double *v, size_t n, double p)
{
    qsort(v, n, sizeof *v, bench_cmp);
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return v[i];
}

/* A finger tap on a widget, handled and drawn as the kiosk's loop does. */
static void bench_tap(kiosk_app *app, const char *id)
{
    int i = ui_widget_find(&app->ui, id);
    if (i < 0) {
        fprintf(stderr, "bench: no widget %s\n", id);
        exit(1);
    }
    SDL_Rect r = app->gfx.widgets[i].r;
    SDL_Event ev = {0};
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = 1;
    ev.tfinger.x = (float)(r.x + r.w / 2) / (float)app->ui.w;
    ev.tfinger.y = (float)(r.y + r.h / 2) / (float)app->ui.h;
    ev.type = SDL_FINGERDOWN;
    SDL_PushEvent(&ev);
    ev.type = SDL_FINGERUP;
    SDL_PushEvent(&ev);
    ui_loop_pump(app);
}

/* Touch → next screen presented, on screens never seen before in the session: each
 * round wipes the session (and so the text cache), starts, picks the next policy and
 * answers each question (bench_answer) until the review screen. */
static size_t bench_touches(kiosk_app *app, double *out, size_t max)
{
    size_t n = 0;
    for (size_t round = 0; n < max && app->setup.n_offered > 0; round++) {
        ui_flow_reset(app);
        ui_loop_pump(app);
        const char *ids[3] = {"start", "notice:go", NULL};
        char pid[64];
        snprintf(pid, sizeof pid, "policy:%s",
                 app->setup.offered[round % app->setup.n_offered]->id);
        ids[2] = pid;
        for (int k = 0; k < 3 && n < max; k++) {
            bench.vclock_ms += 400;
            double a = bench_now_ms();
            bench_tap(app, ids[k]);
            out[n++] = bench.presented_at - a;
        }
        while (app->flow.screen == SCR_QUESTION && n < max) {
            bench.vclock_ms += 400;
            double a = bench_now_ms();
            bench_answer(app, false);
            out[n++] = bench.presented_at - a;
        }
    }
    return n;
}

/* A whole applicant session: choose, answer every question, review, result with its
 * receipt (stored in SQLite, QR made), done. */
static size_t bench_session(kiosk_app *app, double *scroll_ms, size_t max)
{
    size_t n = 0;
    ui_flow_reset(app);
    ui_loop_pump(app);
    for (size_t p = 0; p < app->setup.n_offered; p++) {
        bench.vclock_ms += 400;
        bench_tap(app, "start");
        bench.vclock_ms += 400;
        bench_tap(app, "notice:go");
        char id[64];
        snprintf(id, sizeof id, "policy:%s", app->setup.offered[p]->id);
        bench.vclock_ms += 400;
        bench_tap(app, id);
        for (int guard = 0; app->flow.screen == SCR_QUESTION && guard < 200; guard++) {
            bench.vclock_ms += 400;
            bench_answer(app, true);
        }
        bench.vclock_ms += 400;
        if (app->flow.screen == SCR_REVIEW)
            bench_tap(app, "review:result");
        for (int s = 0; s < 60 && n < max; s++) { /* a drag: 40 px a frame */
            app->gfx.scroll += 40;
            app->gfx.dirty = true;
            double a = bench_now_ms();
            ui_loop_pump(app);
            scroll_ms[n++] = bench_now_ms() - a;
        }
        bench.vclock_ms += 400;
        bench_tap(app, "result:done");
    }
    return n;
}

/* Answers the question shown with one tap where the kind allows (是, the first option,
 * 不确定 for a number, 发生了但记不清日期) or, entered, as a person would: the first option
 * ticked and 下一步, 1 on the keypad and 确定, 今天 and 确定这个日期. Only the last tap
 * leaves the screen (the one bench_touches measures). */
static void bench_answer(kiosk_app *app, bool entered)
{
    const pc_question *q = &app->session.pack->questions[app->session.question];
    bool one_fits = q->min <= 1.0 && q->max >= 1.0;
    const char *first = NULL, *last = "answer:yes";
    switch (q->kind) {
    case PC_Q_CHOICE:
        last = "option:0";
        break;
    case PC_Q_MULTI:
        first = "multi:0";
        last = "multi:next";
        break;
    case PC_Q_NUMBER:
        if (entered && one_fits)
            first = "key:1", last = "key:ok";
        else
            last = "answer:unsure";
        break;
    case PC_Q_DATE:
        if (entered)
            first = "date:today", last = "date:confirm";
        else
            last = "date:unsure";
        break;
    default:
        break;
    }
    if (first) {
        bench_tap(app, first);
        bench.vclock_ms += 400;
    }
    bench_tap(app, last);
}

static long bench_rss_kb(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, strlen(key)) == 0)
            kb = strtol(line + strlen(key), NULL, 10);
    if (f)
        fclose(f);
    return kb;
}
