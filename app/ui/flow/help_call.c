/* help_call.c — 请工作人员帮助 also tells the hall's staff desk (issue 9): when the
 * configuration has desk_url and the kiosk has its signing key, the tap posts a signed
 * request (app/core/help_call.h: this kiosk, now, the screen in words such as 第 3 题)
 * to <desk_url>api/help with libcurl, in a detached SDL thread with a 3 s limit, so that
 * drawing never waits for the network. The thread's answer comes back as an SDL user
 * event: the help card then says 已通知工作人员; a failure, or no desk configured, leaves
 * the card as it was (where the staff are) — the applicant never sees a network error.
 *
 * The request in flight is shared by the kiosk and its thread (two references, the last
 * to let go frees it), so neither waits for the other, except at shut-down, which gives
 * a request in flight its 3 s before the program ends.
 *
 * libcurl is loaded with dlopen at the first call, not linked: linked, it and its TLS
 * libraries add several MB to every session's memory for a call most kiosks never make.
 * Once loaded it stays (TLS libraries are not made to be unloaded and loaded again). */
#include "flow/flow.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h> /* types and constants only: the functions come from dlopen */

#include "help_call.h"
#include "log.h"

#define HELP_TIMEOUT_MS 3000L
#define HELP_AGAIN_MS 120000       /* a second tap within this, once the desk has it: no new call */
#define HELP_EVENT_CODE 0x68656c70 /* "help": the thread's answer, in an SDL_USEREVENT */

typedef enum { HELP_SENDING, HELP_NOTIFIED, HELP_FAILED } help_state;

/* The libcurl functions the call uses, from dlopen. */
typedef struct help_curl {
    CURLcode (*global_init)(long flags);
    void (*global_cleanup)(void);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *curl, CURLoption option, ...);
    CURLcode (*easy_perform)(CURL *curl);
    CURLcode (*easy_getinfo)(CURL *curl, CURLINFO info, ...);
    void (*easy_cleanup)(CURL *curl);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
} help_curl;

/* One request: built by the kiosk, posted by the thread. */
struct ui_help_job {
    help_curl curl;                    /* libcurl's functions */
    SDL_atomic_t refs;                 /* the kiosk's and the thread's */
    SDL_atomic_t state;                /* help_state */
    uint32_t seq;                      /* which request (an answer for an older one is ignored) */
    char url[PC_CONFIG_PATH_MAX + 16]; /* <desk_url>api/help */
    char *body;                        /* the JSON (help_call.h) */
    char signature[PC_HELP_SIG_B64];   /* X-PC-Signature */
};

/* ---- static prototypes ---- */
static bool help_should_send(const kiosk_app *app);
static void help_where(const kiosk_app *app, char *out, size_t size);
static struct ui_help_job *help_job_new(kiosk_app *app, uint32_t seq);
static void help_job_release(struct ui_help_job *job);
static int help_thread(void *data);
static bool help_post(const struct ui_help_job *job, long *status, char *err, size_t errsize);
static bool help_curl_load(help_curl *c);

/* ---- public functions ---- */

void ui_help_call_send(kiosk_app *app)
{
    if (!help_should_send(app))
        return;
    uint32_t seq = app->help.job ? app->help.job->seq + 1 : 1;
    help_job_release(app->help.job);
    app->help.job = help_job_new(app, seq);
    app->help.notified = false;
    if (!app->help.job)
        return;
    app->help.sent_ms = ui_now(&app->ui);
    SDL_AtomicIncRef(&app->help.job->refs);               /* the thread's */
    app->help.job->curl.global_init(CURL_GLOBAL_DEFAULT); /* counted: the thread cleans up */
    SDL_Thread *t = SDL_CreateThread(help_thread, "help-call", app->help.job);
    if (t) {
        SDL_DetachThread(t);
        return;
    }
    pc_log_warn("kiosk: help request: no thread: %s", SDL_GetError());
    app->help.job->curl.global_cleanup();
    SDL_AtomicSet(&app->help.job->state, HELP_FAILED);
    help_job_release(app->help.job);
}

void ui_help_call_event(kiosk_app *app, const SDL_Event *ev)
{
    if (ev->user.code != HELP_EVENT_CODE || !app->help.job ||
        (uint32_t)(uintptr_t)ev->user.data1 != app->help.job->seq)
        return;
    app->help.notified = SDL_AtomicGet(&app->help.job->state) == HELP_NOTIFIED;
    app->gfx.dirty = true;
}

bool ui_help_call_pending(const kiosk_app *app)
{
    return app->help.job && SDL_AtomicGet(&app->help.job->state) == HELP_SENDING;
}

void ui_help_call_close(kiosk_app *app)
{
    struct ui_help_job *job = app->help.job;
    for (int waited = 0;
         job && SDL_AtomicGet(&job->state) == HELP_SENDING && waited < HELP_TIMEOUT_MS + 500;
         waited += 10)
        SDL_Delay(10);
    help_job_release(job);
    app->help.job = NULL;
    app->help.notified = false;
}

/* ---- static functions ---- */

/* A desk to tell, a key to sign with, and nothing sent or taken a moment ago. */
static bool help_should_send(const kiosk_app *app)
{
    if (!app->setup.cfg.desk_url[0] || !app->queue.have_key)
        return false;
    if (ui_help_call_pending(app))
        return false;
    return !(app->help.notified && ui_now(&app->ui) - app->help.sent_ms < HELP_AGAIN_MS);
}

/* Where the applicant is, in staff words: 欢迎页, 第 3 题, 结果页 … */
static void help_where(const kiosk_app *app, char *out, size_t size)
{
    char key[64], n[16];
    snprintf(key, sizeof key, "help.where_%s", ui_flow_screen_name(app->flow.screen));
    snprintf(n, sizeof n, "%d", app->session.progress_n);
    if (app->flow.screen == SCR_QUESTION)
        ui_str_fill(&app->ui, key, "n", n, out, size);
    else
        snprintf(out, size, "%s", ui_str(&app->ui, key));
}

static struct ui_help_job *help_job_new(kiosk_app *app, uint32_t seq)
{
    char where[PC_HELP_SCREEN_MAX + 1], err[200];
    struct ui_help_job *job = calloc(1, sizeof *job);
    if (!job)
        return NULL;
    help_where(app, where, sizeof where);
    const char *base = app->setup.cfg.desk_url;
    size_t n = strlen(base);
    snprintf(job->url, sizeof job->url, "%s%sapi/help", base, n && base[n - 1] == '/' ? "" : "/");
    job->seq = seq;
    if (!help_curl_load(&job->curl)) {
        free(job);
        return NULL;
    }
    SDL_AtomicSet(&job->refs, 1);
    SDL_AtomicSet(&job->state, HELP_SENDING);
    int64_t at = (int64_t)time(NULL);
    if (at <= app->help.last_at) /* two calls in one second are two calls */
        at = app->help.last_at + 1;
    app->help.last_at = at;
    if (!pc_help_build(&app->queue.key, at, where, &job->body, job->signature, err, sizeof err)) {
        pc_log_warn("kiosk: %s", err);
        free(job);
        return NULL;
    }
    return job;
}

static void help_job_release(struct ui_help_job *job)
{
    if (!job || !SDL_AtomicDecRef(&job->refs))
        return;
    free(job->body);
    free(job);
}

/* The thread: post, say how it went (the log, an event to the kiosk), let go. */
static int help_thread(void *data)
{
    struct ui_help_job *job = data;
    long status = 0;
    char err[CURL_ERROR_SIZE + 64] = "";
    bool taken = help_post(job, &status, err, sizeof err);
    if (taken)
        pc_log_info("kiosk: help request: the staff desk has it");
    else
        pc_log_warn("kiosk: help request not delivered to %s: %s", job->url, err);
    SDL_AtomicSet(&job->state, taken ? HELP_NOTIFIED : HELP_FAILED);
    SDL_Event ev = {.type = SDL_USEREVENT};
    ev.user.code = HELP_EVENT_CODE;
    ev.user.data1 = (void *)(uintptr_t)job->seq;
    SDL_PushEvent(&ev);
    void (*global_cleanup)(void) = job->curl.global_cleanup;
    help_job_release(job);
    global_cleanup();
    return 0;
}

/* One POST with libcurl; true when the desk answered 204. */
static bool help_post(const struct ui_help_job *job, long *status, char *err, size_t errsize)
{
    const help_curl *c = &job->curl;
    char header[sizeof job->signature + 32], curl_err[CURL_ERROR_SIZE] = "";
    CURL *curl = c->easy_init();
    struct curl_slist *headers = NULL;
    snprintf(header, sizeof header, "%s: %s", PC_HELP_SIGNATURE_HEADER, job->signature);
    headers = c->slist_append(headers, "Content-Type: application/json");
    headers = headers ? c->slist_append(headers, header) : NULL;
    CURLcode rc = CURLE_OUT_OF_MEMORY;
    if (curl && headers) {
        c->easy_setopt(curl, CURLOPT_URL, job->url);
        c->easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        c->easy_setopt(curl, CURLOPT_POSTFIELDS, job->body);
        c->easy_setopt(curl, CURLOPT_TIMEOUT_MS, HELP_TIMEOUT_MS);
        c->easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); /* a thread: no SIGALRM for DNS */
        c->easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_err);
        c->easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        rc = c->easy_perform(curl);
        c->easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
    }
    if (rc != CURLE_OK)
        snprintf(err, errsize, "%s", curl_err[0] ? curl_err : c->easy_strerror(rc));
    else if (*status != 204)
        snprintf(err, errsize, "the desk answered %ld", *status);
    c->slist_free_all(headers);
    c->easy_cleanup(curl);
    return rc == CURLE_OK && *status == 204;
}

/* libcurl's functions from the library (dlopen: the same handle after the first call;
 * never closed). False, logged, when it is not installed. */
static bool help_curl_load(help_curl *c)
{
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    struct {
        const char *name;
        void **slot;
    } syms[] = {{"curl_global_init", (void **)&c->global_init},
                {"curl_global_cleanup", (void **)&c->global_cleanup},
                {"curl_easy_init", (void **)&c->easy_init},
                {"curl_easy_setopt", (void **)&c->easy_setopt},
                {"curl_easy_perform", (void **)&c->easy_perform},
                {"curl_easy_getinfo", (void **)&c->easy_getinfo},
                {"curl_easy_cleanup", (void **)&c->easy_cleanup},
                {"curl_easy_strerror", (void **)&c->easy_strerror},
                {"curl_slist_append", (void **)&c->slist_append},
                {"curl_slist_free_all", (void **)&c->slist_free_all}};
    for (size_t i = 0; lib && i < sizeof syms / sizeof syms[0]; i++)
        if (!(*syms[i].slot = dlsym(lib, syms[i].name)))
            lib = NULL;
    if (!lib)
        pc_log_warn("kiosk: help request: libcurl not usable (%s); staff not told", dlerror());
    return lib != NULL;
}
